"""Neighbours of the public scheduler cases that were once silently wrong, judged by the real crm_simulate.

Each row is a public case of Pacemaker 2.1.5's suite with a few edits (tests/scheduler_variants.py:
the language benchmarks/bench_scheduler_variants.py prints for what it finds). The variant is
written to tmp at test time (the cases are GPL test data, never copied here), and both the real
`crm_simulate -x FILE -S` and ours run on it: ours must agree with it (compare.py, anonymous clone
instances) or refuse with the honesty gate's message, never answer rc 0 with another transition.
"""

from __future__ import annotations

import shutil

import pytest

from tests.scheduler_variants import real_on_variant, simulated
from tests.scheduler_verdicts import ORACLE, load_compare

pytestmark = [
    pytest.mark.skipif(not ORACLE.is_dir(), reason="../shared/pacemaker-2.1.5 (GPL test data) is not here"),
    pytest.mark.skipif(shutil.which("crm_simulate") is None, reason="the real crm_simulate is not installed"),
]

HINT = "try it on real nodes: halab rig up"

# (case, edits, what the variant exercises): "match" rows must agree with the real tool,
# "refused" rows must be refused by the honesty gate
VARIANTS = [
    ("clone-max-zero", ["meta dlm-clone is-managed=false", "fail o2cb:0 start rc=1 on c001n11"], "match",
     "an unmanaged clone with clone-max=0 leaves its orphaned instances running"),
    ("order-wrong-kind", ["fail rsc2 start rc=1 on node1", "property stonith-enabled=false"], "match",
     "a CIB older than feature set 3.0.13 counts fail-count-RSC only, not fail-count-RSC#start_0"),
    ("735", ["default resource-stickiness=1"], "match",
     "a start pending since an earlier transition than the stop after it leaves the resource stopped there"),
    ("params-1", ["property have-quorum=0"], "match",
     "a stop with a cancel of an unconfigured monitor: crm_simulate records the cancel last, still active"),
    ("params-5", ["property have-quorum=0"], "match",
     "a monitor with neither start nor stop in the history is still running, so it is cancelled too"),
    ("bug-5069-op-disabled", ["property no-quorum-policy=stop"], "match",
     "a recorded monitor whose operation is disabled (enabled=false) is cancelled like an unconfigured one"),
    ("migrate-5", ["fail dom0-iscsi1-cnx1:0 monitor rc=1 on dom0-02"], "match",
     "a failed unconfigured monitor is not cancelled: the stopped instance is not shown active"),
    ("order-required", ["fail rsc1 monitor rc=1 on node1", "node node1 standby"], "match",
     "a failed monitor is no sign of a start: nothing of that history is cancelled"),
    ("unmanaged-promoted", ["node pcmk-2 offline expected=down"], "match",
     "a group active only through unmanaged members on an offline node is left out of the status"),
    ("probe-pending-node", ["node gcdoubwap01 offline expected=member"], "match",
     "the same with the node unclean (maintenance-mode: nothing is fenced)"),
    ("orphan-0", ["node c001n02 standby"], "match",
     "stop-orphan-actions=false keeps an unconfigured recorded monitor (no cancel): moved, not shown twice"),
    ("orphan-1", ["property have-quorum=0"], "match",
     "stop-orphan-actions=true cancels it: stopped, yet shown active (the injected cancel comes last)"),
    ("migrate-partial-2", ["node hex-13 maintenance"], "refused",
     "a partial migration next to a node in maintenance: 2.1.5 leaves it, the simulator would stop it"),
    ("unfence-device", ["meta fence_scsi is-managed=false"], "match",
     "an unmanaged fence device is still probed, and its probe needs the node unfenced first"),
    ("unfence-parameters", ["meta fencing is-managed=false"], "match",
     "an unmanaged fence device whose parameters changed still unfences its node (trigger_unfencing)"),
    ("bug-5069-op-enabled", ["meta A is-managed=false"], "match",
     "an op and its _last_failure_0 copy share a call id: replayed in last-rc-change order (stopped)"),
    ("clone-require-all-1", ["fail B start rc=1 on rhel7-auto2"], "match",
     "an instance active where its own scores forbid it is placed after the inactive ones: Stop + Start"),
    ("partial-live-migration-multiple-active", ["fail migrator monitor rc=7 on node2"], "match",
     "have-watchdog=true counts as a fencing device: resources stay managed (Recover)"),
    ("migrate-partial-2", ["meta test-vm target-role=Stopped"], "match",
     "stopped on a partial migration's target, still shown there: the injected stop is never newer than a "
     "migrate_to without last-rc-change"),
    ("migrate-partial-2", ["property symmetric-cluster=false"], "match",
     "the same, the resource stopping because no node is allowed"),
    ("migrate-partial-2", ["fail test-vm start rc=1 on hex-13"], "match",
     "a failed resource does not continue its partial migration: stopped on both, Recover (hex-13)"),
    ("a-promote-then-b-migrate", ["location loc-ms1-node2 score=1000", "node node1 standby"], "match",
     "a required demote ordered after a migrating resource's stop cancels the migration (Move)"),
    ("a-promote-then-b-migrate", ["location loc-ms1-node2 score=1000", "meta ms1 promoted-max=1"], "match",
     "a demote alone (the instance stays Unpromoted) cancels it too"),
    ("remote-orphaned", ["meta group-1 allow-migrate=true", "add location group-1 18node1 -INFINITY"], "match",
     "but not when the migrating resources are a group's members: the group's own stop, a pseudo action, "
     "is what the demote waits for, so they Migrate"),
    ("multiple-active-block-group", ["fail dummy3 monitor rc=7 on node3"], "match",
     "multiple-active=block freezes the group as soon as a member is found on a second node: a later "
     "member's not-running start there is then no failure"),
    ("ticket-clone-12", ["node node1 maintenance", "node node1 offline expected=member"], "refused",
     "an unclean node in maintenance: 2.1.5 fences it, the simulator would leave it (bench seed 1201)"),
    ("bug-lf-2508", ["property maintenance-mode=true"], "refused",
     "maintenance-mode with a node out of the membership but crmd=online: 2.1.5 ignores that node's "
     "history (bench seed 1201)"),
    ("promoted-failed-demote", ["add node variant-node", "op stateful-2 stop on-fail=stop"], "refused",
     "on-fail=stop of a failed clone instance: 2.1.5 leaves it stopped, the simulator would recover it "
     "on the new node (bench seed 1501)"),
    ("bug-5025-1", ["add location virt-fencing fc16-builder2 10", "add node variant-node"], "match",
     "allow-migrate as an instance attribute is a parameter, not the meta attribute: the resource moves "
     "(stop, start) as in 2.1.5, no migration (bench seed 1401; refused until meta attributes stopped being "
     "read from instance attributes)"),
    ("promoted-failed-demote", ["meta ms-sf globally-unique=false"], "refused",
     "on-fail=stop in an anonymous clone: 2.1.5 stops every instance, the simulator would promote one "
     "(bench seed 2001 --only clone_meta)"),
    ("group1", ["add order rsc1 child_rsc2 Mandatory"], "refused",
     "an order between a group and its own member: 2.1.5's simulation starts the members anyway "
     "(bench seed 1401)"),
    ("bug-lf-2422", ["add node variant-node"], "refused",
     "an interleaved clone beside a clone of groups that cannot fully start on the new node: 2.1.5 "
     "places no instance there (bench seed 1201)"),
    ("bug-lf-2422", ["add node variant-node", "remove constraint order-ocfs-o2stage",
                     "add set order Mandatory require-all=false c-o2stage c-ocfs"], "refused",
     "the same with the order through a require-all=false set instead of the plain order"),
    ("remote-fence-before-reconnect", ["addop c7auto4 monitor interval=7s role=Stopped timeout=20s"], "refused",
     "a Stopped-role monitor of a remote connection stopped while its node is fenced: 2.1.5 starts it on every"
     " node and shows the connection Stopped, the simulator neither (bench seed 120004)"),
    ("remote-reconnect-delay", ["add daterule r192.168.122.207 -INFINITY gt 2099-01-01", "remove remote-rhel7-3"],
     "refused", "a remote connection removed from the configuration, stopped after a failure: 2.1.5 deletes it and"
     " shows its node offline, the simulator fences it (bench seed 120101 --family promotable)"),
    ("remote-orphaned", ["probe r192.168.122.87 on 18node3 rc=0", "meta r192.168.122.87 multiple-active=block"],
     "match", "a group member active on two nodes under multiple-active=block, the group colocated with a Promoted"
     " role: 2.1.5 keeps the promotion (bench seed 120102 --family 'remote/guest node'; refused until the block was "
     "modelled to come after native_add_running's pin)"),
    ("bug-rh-1097457", ["addop FSlun3 monitor interval=7s role=Stopped"], "refused",
     "a Stopped-role monitor while a guest node is fenced: 2.1.5 recovers the guest and moves FSlun3, the simulator"
     " leaves it active on two nodes (bench seed 120102 --family 'remote/guest node')"),
    ("stopped-monitor-30", ["migrate rsc1 node1 to node3 partial"], "refused",
     "a Stopped-role monitor of a partially migrated resource: 2.1.5 starts it on the target and shows the resource"
     " active there too (bench seed 120020)"),
    ("bug-cl-5168", ["add ticket vg1 variant-ticket loss-policy=demote", "ticket variant-ticket granted=false"],
     "refused", "a lost ticket with loss-policy=demote of a cloned group's member: 2.1.5 stops the clone everywhere,"
     " the simulator nothing (bench seed 120103 --family clone)"),
    ("stonith-0", ["migrate rsc_c001n03 c001n03 to c001n07 failed-from"], "refused",
     "a failed migrate_from of a resource also running on a third node: 2.1.5 recovers it there, the "
     "simulator on the target (bench seed 110002)"),
    ("clone-anon-dup", ["add location clone_webservice wc01 1000"], "refused",
     "a location on an anonymous clone with a duplicate (orphaned) instance: 2.1.5 moves the instance "
     "it finds first to the preferred node, the simulator kept it (bench seed 120103 --family clone)"),
    ("a-promote-then-b-migrate", ["add order ms1 rsc2 Mandatory first-action=demote then-action=start"], "refused",
     "a migration whose start is ordered after a demote: 2.1.5 moves it by stop and start, the simulator "
     "would migrate it (bench seed 130002)"),
    ("coloc_fp_logic", ["probe A on node2 rc=0", "meta A multiple-active=block"], "match",
     "a blocked multiply-active resource colocated with another: 2.1.5 leaves the partner (bench seed 130003; "
     "refused until the block was modelled to come after native_add_running's pin)"),
    ("migrate-stop-start-complex", ["probe dom0-iscsi1-cnx1:0 on dom0-01 rc=7", "property have-quorum=0"],
     "refused", "a cloned group's member probed not running on a node where another instance of it runs: "
     "2.1.5 restarts it, the simulator would leave it (bench seed 140020)"),
    ("migrate-stop-start-complex", ["probe dom0-iscsi1-cnx1:0 on dom0-01 rc=7"], "refused",
     "the same with quorum"),
    ("bug-suse-707150", ["add order vm-00 dummy1 Mandatory first-action=start then-action=stop symmetrical=false"],
     "refused", "a mandatory asymmetrical order 'start vm-00 then stop dummy1' with vm-00 stopped: 2.1.5 "
     "requires dummy1's stop (blocked), the simulator would leave it (bench seed 140022)"),
    ("bug-1572-2", ["add ticket ms_drbd_7788 variant-ticket loss-policy=freeze", "ticket variant-ticket granted=false"],
     "refused", "a promotable clone frozen by a lost ticket: 2.1.5 stops the group colocated with its "
     "Promoted role, the simulator would leave it (bench seed 140023)"),
    ("promoted-9", ["add colocation DoFencing master_rsc_1 INFINITY with-rsc-role=Unpromoted"], "refused",
     "a clone colocated with the Unpromoted role of a clone that cannot start: 2.1.5 stops it 'due to "
     "colocation with ocf_msdummy:7', the simulator would leave it (bench seed 140026)"),
    ("unmanaged-stop-2", ["probe rsc1 on yingying.site rc=8"], "refused",
     "a plain resource probed Promoted, its stop blocked: 2.1.5 still demotes it (shown Unpromoted), the "
     "simulator would show it Started (bench seed 140031)"),
    ("unrunnable-1", ["fail child_192.168.100.181 start rc=5 on c001n02 status=0",
                      "fail child_192.168.100.181 stop rc=7 on c001n02"], "refused",
     "a stop recorded as not running (rc 7): 2.1.5 reads a failed stop, the simulator a stopped resource "
     "(bench seed 140031)"),
    ("promoted-asymmetrical-order", ["add set colocation INFINITY role=Unpromoted ms2 | ms1"], "refused",
     "a promotable clone's Unpromoted role colocated with a clone being stopped: 2.1.5 stops every instance, "
     "the simulator would leave them (bench seed 140034)"),
    ("promoted-asymmetrical-order", ["add colocation ms2 ms1 INFINITY rsc-role=Unpromoted"], "refused",
     "the same as a plain colocation"),
    ("promoted-7", ["default migration-threshold=1", "fail ocf_msdummy:1 start rc=1 on c001n02",
                    "meta DoFencing resource-stickiness=INFINITY"], "refused",
     "a promotable clone instance whose start failed on one node while it runs on another: 2.1.5 stops it "
     "on both and moves another instance in, the simulator would recover it (bench seed 140038)"),
    ("promoted-7", ["fail ocf_msdummy:1 start rc=1 on c001n02"], "refused", "the same without a threshold"),
    ("bug-1718", ["fail resource_dummy stop rc=5 on heartbeat.ds9"], "refused",
     "a group member left active before a later member blocked by a failed stop: 2.1.5 requires its stop, "
     "blocked, the simulator would leave it optional (bench seed 140041)"),
    ("bug-1572-2", ["add daterule IPaddr_147_81_84_133 -INFINITY in_range 2019-01-01 2030-01-01",
                    "add colocation ms_drbd_7788 grp_pgsql_mirror 10"], "refused",
     "a group colocated with a clone's Promoted role while the clone is colocated with the group: 2.1.5 "
     "stops the group 'due to colocation with rsc_drbd_7788:2', the simulator would leave it (bench seed 140046)"),
    ("bug-1572-2", ["add colocation ms_drbd_7788 grp_pgsql_mirror 10"], "refused", "the same without the ban"),
    ("promoted-demote", ["attr cxb1 shutdown=1600000000", "property shutdown-lock=true",
                         "property concurrent-fencing=true", "node cxa1 offline expected=member"], "refused",
     "shutdown locks while cxb1 shuts down and cxa1 is lost: 2.1.5 schedules nothing, the simulator would "
     "stop everything (bench seed 140055)"),
    ("container-2", ["add set order Optional container1 | require-all=false rsc2"], "refused",
     "an optional set order whose last set has require-all=false: 2.1.5 restarts rsc2 'due to required "
     "container1 start', the simulator would leave it (bench seed 130008)"),
    ("container-2", ["add set order Mandatory container1 | require-all=false rsc2"], "match",
     "the same order mandatory is modelled"),
    ("unfence-parameters", ["add set colocation -INFINITY dlm-clone | sequential=false clvmd-clone"], "refused",
     "two clones colocated with each other at INFINITY and -INFINITY: which one 2.1.5 honours depends on "
     "its processing order (bench seed 130008)"),
    ("asymmetric", ["add location ms_drbd_poolA puma3 1000"], "refused",
     "a promotable clone allowed by two locations in an asymmetric cluster: the simulator would stop "
     "the promoted instance and promote the other (bench seed 2001 --only new_constraint)"),
    ("migrate-start-complex", ["add node variant-node"], "refused",
     "a clone of groups with clone-max below the node count moving one instance and starting another: "
     "2.1.5 starts both on one node (bench seed 1401)"),
    ("promoted-8", ["property placement-strategy=utilization", "utilization node c001n01 cpu=2",
                    "utilization node c001n03 cpu=1", "utilization node c001n02 cpu=4", "utilization node c001n08 cpu=2",
                    "utilization rsc ocf_msdummy cpu=2", "utilization rsc rsc_c001n02 cpu=1"], "refused",
     "a promotable clone under a placement strategy with uneven node capacities: the simulator would move "
     "lsb_dummy elsewhere (bench seed 2001 --only utilization)"),
    ("rsc_dep7", ["property placement-strategy=minimal", "utilization node node1 cpu=1", "utilization node node2 cpu=1",
                  "utilization rsc rsc3 cpu=2", "utilization rsc rsc2 cpu=1", "utilization rsc rsc1 cpu=1"], "refused",
     "a colocated resource no node can hold: 2.1.5 bans nodes for its neighbours its own way "
     "(bench seed 2001 --only utilization)"),
    ("bug-rh-880249", ["meta dummystateful is-managed=false"], "refused",
     "an unmanaged plain resource found promoted: 2.1.5 shows it Promoted, the simulator Started "
     "(bench seed 1301)"),
    ("rec-rsc-4", ["op rsc1 stop on-fail=stop"], "refused",
     "on-fail=stop of a failed stop: 2.1.5 blocks the resource, the simulator would stop it (bench seed 3001)"),
    ("on_fail_demote3", ["fail rsc1 monitor rc=7 on rhel7-2"], "refused",
     "a failed Promoted-role monitor of an instance never promoted there: 2.1.5 clears the fail count and "
     "demotes, the simulator shows it failed (bench seed 3101)"),
    ("ordered-set-natural", ["remove rgroup", "fail dummy3-5 monitor rc=7 on node1"], "refused",
     "a failed unconfigured monitor of a resource stopping where it failed: the injected cancel shows it "
     "still active there (bench seed 3101)"),
    ("order-required", ["fail rsc4 monitor rc=1 on node1"], "refused",
     "the same after an error, the resource having been found running (bench seed 4101)"),
    ("base-score", ["add primitive variant-rsc"], "refused",
     "a node base score counts for every resource: 2.1.5 starts the new one on puma1 (bench seed 4201)"),
    ("remote-recover-connection", ["meta haproxy-clone globally-unique=true"], "match",
     "a systemd agent cannot be a unique clone's (pe__force_anon): the clone stays anonymous, its history "
     "keeps its instances (halab started new ones and stopped 'orphans')"),
    ("clone-fail-block-colocation", ["meta cl_bird globally-unique=true"], "match",
     "the same for an lsb agent"),
    ("promoted-partially-demoted-group", ["default allow-migrate=true"], "match",
     "allow-migrate from rsc_defaults: group members migrate although a demote waits for the group's stop "
     "(bench seed 4101)"),
    ("tags-coloc-order-1", ["property placement-strategy=utilization", "utilization node node1 cpu=1",
                            "utilization node node2 cpu=1", "utilization rsc rsc2 cpu=2", "utilization rsc rsc3 cpu=2"],
     "refused", "a resource colocated through a tag that no node can hold (bench seed 4201)"),
    ("template-coloc-2", ["property placement-strategy=balanced", "utilization node node1 cpu=2",
                          "utilization node node2 cpu=2", "utilization rsc rsc2 cpu=2"], "refused",
     "a placement strategy with resources colocated through a template: 2.1.5 places rsc2 on node2 "
     "(bench seed 1701)"),
    ("monitor-onfail-stop", ["op A monitor on-fail=restart"], "refused",
     "a failed monitor that succeeded again since: 2.1.5 leaves A alone, the simulator would recover it "
     "(bench seed 1601)"),
    ("bug-cl-5168", ["add location dlm hex-2 -INFINITY"], "refused",
     "a location on a member of a cloned group: 2.1.5 stops that instance and moves what depends on it, "
     "the simulator ignored it (bench seed 5001)"),
    ("unmanaged-promoted", ["remove rsc_pcmk-1"], "match",
     "an orphan is unpacked with rsc_defaults: is-managed=false leaves it running, unmanaged (bench seed 7101)"),
    ("ticket-promoted-18", ["add colocation rsc_stonith ms1 -10"], "refused",
     "a finite anti-colocation with a clone: 2.1.5 rolls back the instances' penalties in its own instance "
     "order once no node is left, and keeps rsc_stonith where the simulator moves it (bench seed 7001)"),
    ("group-dependents", ["fail fs_drbd monitor rc=7 on asttest2"], "refused",
     "what is colocated with the Promoted role recovered elsewhere: 2.1.5 demotes the instance, the "
     "simulator stops it (bench seed 7101)"),
    ("shutdown-maintenance-node", ["fail dummy1 monitor rc=1 on sle12sp2-2"], "refused",
     "a failed resource on a cleanly stopped node in maintenance: 2.1.5 schedules its stop and so fences "
     "the node (bench seed 7001)"),
    ("monitor-onfail-stop", ["fail A monitor rc=190 on fc16-builder status=0"], "match",
     "a degraded monitor result (rc 190) is informational: the resource stays Started (bench seed 7201)"),
    ("ticket-group-24", ["fail rsc2 monitor rc=191 on node2 status=0"], "refused",
     "rc 191 (degraded promoted) of a plain primitive: 2.1.5 shows it Promoted (bench probe)"),
    ("bug-lf-2171", ["op res_Dummy1 monitor on-fail=block", "fail res_Dummy1:0 monitor rc=1 on xenserver2"],
     "match", "a clone instance blocked by on-fail=block while its clone stops: 2.1.5 leaves it (bench seed "
     "7201; refused until its on-fail was found under the history's other instance number, seed 9801)"),
    ("bug-lf-2508", ["op Dummy02 start on-fail=stop", "fail Dummy02 start rc=1 on srv02"], "refused",
     "a group member's failed start with on-fail=stop: 2.1.5 leaves it stopped, the simulator moved it "
     "(bench seed 7401)"),
    ("failed-demote-recovery", ["op DB2_HADR start on-fail=stop", "fail DB2_HADR start rc=1 on fastvm-rhel-7-4-96"],
     "refused", "on-fail=stop in an anonymous promotable clone: 2.1.5 stops every instance (bench seed 7501)"),
    ("coloc-many-one", ["fail rsc3 monitor rc=8 on node2", "fail rsc2 start rc=1 on node1"], "refused",
     "a promoted monitor result of a plain primitive: 2.1.5 keeps it active there (bench seed 7201)"),
    ("container-group-4", ["meta container-group allow-migrate=true", "add location container-group node1 -INFINITY"],
     "refused", "a container with allow-migrate banned from its node: 2.1.5 migrates it, the simulator "
     "moved it (bench seeds 7801, 9001)"),
    ("novell-251689", ["op evmsdclone monitor on-fail=standby", "fail evmsdclone:0 monitor rc=7 on node1"], "refused",
     "on-fail=standby of a clone instance: 2.1.5 stops every clone on the node it puts in standby, the "
     "simulator recovered the instance (bench seeds 7401, 7901)"),
    ("clone_min_interleave_start_two", ["fail FAKE3 monitor rc=2 on c7auto3"], "refused",
     "a hard error of an anonymous clone instance: 2.1.5 stops it and starts another instance elsewhere, "
     "the simulator recovered it across (bench seeds 7201, 8001)"),
    ("params-4", ["meta rsc_c001n02 allow-migrate=true", "add location rsc_c001n02 c001n02 -INFINITY"], "match",
     "a migration with a cancel of the old monitor on its source: the source's stop comes after the "
     "cancel, so it is not shown active there (bench seed 9001)"),
    ("load-stopped-loop", ["node v03-b maintenance", "meta lustre01-right.vds-ok.com-vm migration-threshold=1"],
     "match", "a node in maintenance under a placement strategy: a colocated resource's folded score on an "
     "unavailable node is -INFINITY in the assignment order (cmp_resources; bench seed 9001)"),
    ("load-stopped-loop-2", ["node xfc3 standby"], "match",
     "the same with a node in standby: the VMs colocated with the gluster clone are assigned after those "
     "still where they may run (bench seed 9501)"),
    ("ordered-set-natural", ["meta dummy2-4 target-role=Stopped", "default migration-threshold=1",
                             "fail dummy3-4 monitor rc=1 on node2"], "refused",
     "a failed monitor of a resource its probe found stopped, stopped without quorum: 2.1.5 records the "
     "cancel after the stop and shows it active (bench seed 9001)"),
    ("promoted-dependent-ban", ["property placement-strategy=balanced", "utilization node c7 cpu=2",
                                "utilization node c8 cpu=2", "utilization node c6 cpu=2",
                                "utilization rsc p_dtest1 cpu=2", "utilization rsc p_drbd-dtest1 cpu=2",
                                "meta ms_drbd-dtest1 globally-unique=true"], "match",
     "a unique promotable instance reads only its own master-RSC:N score, not the anonymous one: no "
     "promotion (bench seed 9101)"),
    ("bug-5069-op-disabled", ["add location A fc16-builder2 -INFINITY"], "match",
     "a resource assigned nowhere: its cancel of a disabled monitor is unrunnable "
     "(pcmk__finalize_assignment), so it is stopped and shown stopped (bench seed 9601)"),
    ("promoted-8", ["node c001n02 standby"], "match",
     "instances on a standby node and on an unclean one: the unclean node's weight is -INFINITY, so the "
     "standby node's instance is placed first (cmp_instance_by_colocation; bench seed 9601)"),
    ("ticket-clone-12", ["op rsc1 monitor on-fail=fence", "fail rsc1:0 monitor rc=7 on node2"], "match",
     "an anonymous instance's failure recorded under another instance number still finds its op's "
     "on-fail (find_rsc_op_entry tries the clone_name): node2 is fenced (bench seed 9801)"),
    ("735", ["fail rsc_hadev1 start rc=1 on hadev3"], "refused",
     "a failed start beside a pending one on the same node: 2.1.5 reads the pending one as newer "
     "(bench seed 9801)"),
    ("load-stopped-loop-2", ["property placement-strategy=balanced", "utilization node xfc1 cpu=2",
                             "utilization node xfc0 cpu=1", "utilization node xfc3 cpu=4",
                             "utilization node xfc2 cpu=2", "utilization rsc xu-test1 cpu=2",
                             "utilization rsc xu-test4 cpu=1"], "refused",
     "balanced with capacities that compare in a cycle (xfc3 = xfc2, xfc3 > xfc1 > xfc2): glib's merge "
     "sort picks by input order (bench seed 9801)"),
    ("rsc-sets-clone-1", ["property placement-strategy=utilization", "utilization node sys2 cpu=2",
                          "utilization node sys3 cpu=4", "utilization rsc fs2 cpu=2",
                          "utilization rsc controld cpu=2"], "refused",
     "an ordered clone of groups moving one instance and starting another: 2.1.5 restarts vm1 'due to "
     "required baseclone running' (bench seed 10001)"),
    ("bug-pm-12", ["fail stateful-1:1 start rc=6 on node-a status=0", "default migration-threshold=2",
                   "fail stateful-2:0 start rc=1 on node-a"], "refused",
     "a fatal failure beside another in a promotable clone: 2.1.5 reports 'Started -> Promoted' (bench "
     "seed 10401)"),
    ("colo_unpromoted_w_native", ["property placement-strategy=utilization", "utilization node node2 cpu=4",
                                  "utilization node node1 cpu=4", "utilization rsc MS_RSC_NATIVE cpu=2",
                                  "op MS_RSC_NATIVE start on-fail=fence",
                                  "fail MS_RSC_NATIVE:0 start rc=1 on node2"], "refused",
     "on-fail=fence without fencing is on-fail=stop: 2.1.5 stops every instance of the clone, the "
     "simulator promoted one (bench seed 10401)"),
    ("promoted-8", ["fail ocf_msdummy:3 monitor rc=7 on c001n03"], "refused",
     "a failed monitor where the instance was only probed makes it multiply active; 2.1.5 orders the "
     "instances with a non-transitive comparison (bench seed 10201)"),
    ("bug-1822", ["fail promotable_procdctl:0 start rc=1 on process1a status=4"], "refused",
     "a cloned group instance split across nodes by a member's failed start: 2.1.5 moves the other "
     "member (bench seed 10501)"),
    ("nvpair-date-rules-1", ["property maintenance-mode=true"], "match",
     "maintenance-mode=true in cib-bootstrap-options beside a scored set saying false: 2.1.5 reads "
     "cib-bootstrap-options first whatever the scores (bench seed 10301; modelled: CIB_OPTIONS_FIRST)"),
    ("not-reschedule-unneeded-monitor", ["default resource-stickiness=0"], "match",
     "a cloned group's failed pre-assignment is not rolled back in 2.1.5: its two instances swap nodes "
     "(bench seed 10601)"),
    ("clone-anon-dup", ["property placement-strategy=utilization", "utilization node wc01 cpu=4",
                        "utilization node wc02 cpu=2", "utilization node wc03 cpu=1", "utilization rsc fs_www cpu=1",
                        "remove clone_webservice"], "match",
     "orphans kept by stop-orphan-resources=false are not banned: assigned first where they run, they "
     "count, and stonith-1 goes to the emptiest node (bench seed 10601)"),
    ("promoted-notify", ["op fake monitor on-fail=demote", "fail fake monitor rc=7 on rhel7-auto3"], "refused",
     "on-fail=demote of an unpromoted instance's failure: 2.1.5 demotes it anyway and shows it "
     "Unpromoted (bench seed 11001)"),
    ("promoted-partially-demoted-group", ["property node-health-strategy=custom", "attr sd01-1 #health-variant=-100"],
     "refused", "a custom node health of -100 with clones in colocations: 2.1.5's merged clone scores ban "
     "ietd from the node, the simulator kept it (bench seed 10801)"),
    ("failcount", ["fail re-ldirectord-gluster:1 start rc=1 on dresproddns01 status=4"], "refused",
     "a failed start of a resource with failure-timeout: 2.1.5 restarts the clone and everything ordered "
     "after it (bench seed 11301)"),
    ("bug-1822", ["meta promotable_procdctl is-managed=false"], "refused",
     "a cloned group's unmanaged member: 2.1.5 stops the other member unblocked, the simulator blocked it "
     "(bench seed 11301)"),
    ("group-unmanaged-stopped", ["node pcmk-2 standby"], "match",
     "a plain group with an unmanaged stopped member is still modelled"),
    ("bug-rh-880249", ["default resource-stickiness=0", "add ticket dummystateful variant-ticket loss-policy=freeze",
                       "ticket variant-ticket granted=false"], "refused",
     "a plain resource found promoted and frozen by a lost ticket: 2.1.5 keeps showing it Promoted "
     "(bench seed 11401)"),
    ("asymmetric", ["fail ebe3fb6e-7778-426e-be58-190ab1ff3dd3:0 start rc=1 on puma1 status=2"], "match",
     "a failed instance beside an orphaned one in a promotable clone: 2.1.5 keeps the promoted instance "
     "(bench seed 11201; refused until merges skipped nodes marked unusable, seed 12301)"),
    ("multiple-active-block-group", ["node node3 offline expected=down", "property placement-strategy=minimal",
                                     "utilization node node2 cpu=2", "utilization node node3 cpu=2",
                                     "utilization rsc dummy cpu=1", "utilization rsc st-sbd cpu=1",
                                     "utilization rsc dummy3 cpu=1"], "match",
     "a group's sort score is its last member's folded through the internal colocations (300 for three "
     "sticky members), so the group is assigned before st-sbd (bench seed 11501)"),
    ("stop-failure-no-fencing", ["fail dlm monitor rc=1 on pcmk-3"], "refused",
     "a failed monitor on a lost node with fencing enabled and no device: 2.1.5 still lists the clone "
     "there, the simulator left it out (bench seed 11601)"),
    ("bug-lf-2551", ["default maintenance=true", "meta vm-51 allow-migrate=true",
                     "add location vm-51 hex-7 -INFINITY", "fail vm-51 monitor rc=1 on hex-7"], "refused",
     "an unmanaged cloned-group instance on the lost hex-9: 2.1.5 lists hex-9 as stopped, the simulator "
     "showed the instance (bench seed 11801)"),
    ("unmanaged-promoted", [], "match",
     "primitive instances unmanaged on offline nodes are listed there, as 2.1.5 does (control for the row "
     "above)"),
    ("bug-lf-2619", ["add ticket prmFsPostgreSQLDB1-1 variant-ticket loss-policy=stop",
                     "ticket variant-ticket granted=false"], "match",
     "a group's sort score folds its last member's chain, then the group's own colocation (clnPingd) even "
     "when a member's merge is rolled back for a lost ticket (bench seed 11901)"),
    ("promoted-demote", ["add node variant-node"], "refused",
     "a promoted instance moved to a node never probed: 2.1.5 promotes another instance where the "
     "simulator stopped it (bench seed 12101)"),
    ("orphan-2", ["fail rsc_c001n02 monitor rc=1 on c001n02", "fail rsc_c001n03 monitor rc=2 on c001n03 status=0"],
     "match", "a failed resource recovered elsewhere still has its unconfigured monitor cancelled after the "
     "stop: shown on both nodes, as 2.1.5's simulation records it (bench seed 12001)"),
    ("promoted-13", ["add location ms_drbd frigg 100"], "match",
     "a node marked unusable (INFINITY_HACK) by one merge is skipped by the next, so the clone keeps 1 "
     "there: the promoted instance is demoted, not stopped (bench seed 12301)"),
    ("clone-no-shuffle", ["property placement-strategy=balanced", "utilization node dktest2sles10 cpu=1",
                          "utilization node dktest1sles10 cpu=1", "utilization rsc stonith-1 cpu=1",
                          "utilization rsc drbd1 cpu=1", "utilization rsc testip cpu=1"], "match",
     "the assignment order folds role-specific colocations too (testip with the Promoted role of ms-drbd1 "
     "counts -INFINITY where the clone is banned): stonith-1 goes first (bench seed 12701)"),
    ("ticket-promoted-9", ["remove ms1", "node node1 maintenance"], "refused",
     "an orphaned instance promoted by a promote op (not an rc 8), unmanaged: 2.1.5 keeps showing it "
     "Promoted (bench seed 12901)"),
    ("stop-failure-no-quorum", ["fail clvm monitor rc=3 on pcmk-3 status=0"], "refused",
     "a failed monitor on a lost node that cannot be fenced for want of quorum: 2.1.5 keeps the instance "
     "there with a blocked stop, the simulator left the clone out (case variants, seed 7)"),
    ("colocated-utilization-group", ["add location rsc5 node2 -1000"], "match",
     "a group merged as a dependent is merged through its first member only (its own 'with this' "
     "colocations are not followed): rsc5's -1000 does not reach rsc1 (bench seed 13601)"),
    ("inc6", ["meta child_rsc5 maintenance=true"], "refused",
     "restart-type=restart on clones is refused outright: with a member in maintenance 2.1.5 still "
     "restarts instances the simulator left alone (bench seed 13801)"),
    ("group-dependents", ["add ticket ip_voip_addresses_p variant-ticket loss-policy=fence",
                          "ticket variant-ticket granted=false"], "refused",
     "a lost fencing ticket beside a Promoted-role colocation: 2.1.5 moves the promoted role and fs_drbd "
     "away (bench seed 14301)"),
    ("unmanaged-block-restart", ["meta rsc2 is-managed=false", "add primitive variant-rsc in group1"], "refused",
     "a plain group with an unmanaged member and a blocked member: 2.1.5 also blocks rsc3's stop "
     "(bench seed 14401)"),
    ("bug-cl-5168", ["add colocation fs-ocfs-1 r0-group 10"], "refused",
     "a colocation naming a member of a cloned group: 2.1.5 moves dummy3-5 and fs-xfs-1, the simulator "
     "ignored it (bench seed 14701)"),
    ("multiple-active-block-group", ["add ticket dummy3 variant-ticket loss-policy=demote",
                                     "ticket variant-ticket granted=true standby=true", "node node3 maintenance"],
     "match", "a resource found active on a node in maintenance is unmanaged before multiple-active is "
     "looked at, so multiple-active=block does not block its group: dummy3 stops (bench seed 16101)"),
    ("multiple-active-block-group", ["node node3 maintenance", "meta dummy2 target-role=Stopped"], "match",
     "the same, a neighbour: dummy2 and dummy3 stop, the unmanaged dummy stays"),
    ("cloned-group", ["meta mysql-proxy maintenance=true"], "refused",
     "a cloned group with a member in maintenance: 2.1.5 blocks the orphaned instance's stop (bench seed 16101)"),
    ("container-2", ["property placement-strategy=balanced", "utilization node node1 cpu=2",
                     "utilization node node2 cpu=2", "utilization rsc rsc1 cpu=2", "utilization rsc container1 cpu=2",
                     "meta rsc1 maintenance=true"], "refused",
     "a container under a placement strategy: 2.1.5 moves the container away from its unmanaged "
     "resource's capacity, the simulator restarted it in place (bench seed 16001)"),
    ("order-serialize", ["pending xen-a-fencing start on xen-b"], "match",
     "a start still pending (op-status -1) has its op-digest checked too: the changed fence device is "
     "restarted (bug-pm-12 with a pending start, seed 16501)"),
    ("clone_min_interleave_start_two", ["property start-failure-is-fatal=false", "fail FAKE1 start rc=1 on c7auto1",
                                        "pending FAKE2 promote on c7auto3"], "refused",
     "a pending promote of a resource that is not promotable: 2.1.5 restarts it (bench seed 16501)"),
    ("migrate-fail-2", ["probe dlm:0 on hex-13 rc=8"], "refused",
     "a plain clone instance probed promoted: 2.1.5 restarts it, the simulator demoted it (bench seed 16401)"),
    ("migrate-stop-start-complex", ["add order clone-bottom domU-test01 Serialize first-action=start "
                                    "then-action=stop symmetrical=false"], "refused",
     "an order against the configured ones makes the actions wait on each other: 2.1.5 drops an input "
     "and runs them, the simulated run stopped (bench seed 16501)"),
    ("group11", ["add set order Mandatory rsc3 group1"], "refused",
     "a set ordering a group after its own member: a loop among the actions (bench seed 16401)"),
    ("ticket-clone-15", ["pending rsc1:0 start on node2"], "refused",
     "a clone instance whose start is pending there stopped: 2.1.5 reads the pending start back as newer "
     "(bench seed 16501)"),
    ("bug-pm-12", ["pending stateful-1:0 start on node-b"], "refused",
     "a start pending in a promotable clone: 2.1.5 shows the instance Started and moves it to Unpromoted "
     "(bench seed 16501)"),
    ("bug-lf-2106", ["add colocation ms-servsyslog ms-bugtrack -INFINITY with-rsc-role=Started rsc-role=Unpromoted"],
     "refused", "a negative colocation of a clone's Unpromoted role: 2.1.5 stops the clone (bench seed 16501)"),
    ("promoted-partially-demoted-group", ["add colocation cdev-pool-0-iscsi-lun-1 ms-cdev-pool-0-iscsi-vips-fw 1000 "
                                          "with-rsc-role=Promoted"], "refused",
     "a group member colocated with a Promoted role: 2.1.5 restarts vip-164 in place, the simulator moved "
     "it (bench seed 16501)"),
    ("bug-lf-2361", ["add set colocation INFINITY dummy1 ms_stateful"], "refused",
     "colocations in a loop through a clone: 2.1.5 blocks the clone's starts 'due to colocation with dummy1' "
     "(bench seed 16701)"),
    ("bug-lf-2361", ["add colocation ms_stateful dummy1 100"], "match",
     "a neighbour without the loop (finite): the clone starts"),
    ("migrate-fencing", ["add colocation migrator master-1 100 with-rsc-role=Started"], "refused",
     "a finite colocation with a clone: 2.1.5 scores it otherwise and migrates migrator (bench seed 16701)"),
    ("migrate-fencing", ["add colocation migrator master-1 100 with-rsc-role=Promoted"], "match",
     "a neighbour with the Promoted role: modelled"),
    ("promoted-partially-demoted-group", ["node sd01-0 offline expected=member",
                                          "add set colocation -INFINITY vip-164-fw cl-vlan1-net"], "refused",
     "a colocation set naming a member of a cloned group: 2.1.5 stops the group's instances (bench seed 16801)"),
    ("cloned_start_two", ["add order FAKECLONE-clone FAKECLONE2-clone Mandatory first-action=stop then-action=start"],
     "match", "after a clone with clone-min ordered by its stop, where no instance stops: the clone-one-or-more "
     "pseudo action never becomes runnable, so FAKECLONE2 cannot start and its instance stops (bench seed 17101)"),
    ("a-promote-then-b-migrate", ["probe rsc2 on node1 rc=8"], "refused",
     "a plain resource probed promoted: 2.1.5 moves it rather than migrating it (bench seed 17101)"),
    ("ticket-primitive-3", ["add order rsc1 rsc_stonith Mandatory first-action=start then-action=stop "
                            "symmetrical=false", "property start-failure-is-fatal=false",
                            "fail rsc1 monitor rc=1 on node1"], "refused",
     "a start-then-stop order whose first is placed nowhere: 2.1.5 still requires the stop, blocked "
     "(bench seed 17101)"),
    ("not-installed-agent", ["node sles11-1 offline expected=member"], "match",
     "a missing agent under on-fail=ignore counts as on-fail=migrate, which an unclean node skips: rsc2 "
     "moves, not recovered (bench seed 17201)"),
    ("rec-node-12", ["meta DoFencing clone-max=0", "meta rsc_c001n02 maintenance=true"], "match",
     "a fencing clone with clone-max=0 still counts as a fence device (clone_unpack creates one child): "
     "the unclean node is fenced (bench seed 17201)"),
    ("migrate-start", ["probe dom0-iscsi1-cnx1:1 on dom0-02 rc=5"], "refused",
     "an anonymous clone hard-failed where an instance runs: 2.1.5 stops that instance and starts another "
     "elsewhere, the simulator moved it (bench seed 17501)"),
    ("bug-cl-5168", ["attr hex-2 shutdown=1600000000"], "refused",
     "stopping an instance with notifications recorded under call-id -1: the real simulation still shows it "
     "there (bench seed 17701)"),
    ("bug-pm-11", ["fail stateful-1:0 stop rc=7 on node-b"], "refused",
     "a cloned group's member blocked by a failed stop: 2.1.5 still starts the next member (bench seed 17601)"),
    ("bug-lf-2317", ["fail drbd_r0:0 promote rc=1 on ibm1.isg.si"], "refused",
     "a failed promote recovered: 2.1.5 recovers it to Unpromoted (bench seed 17601)"),
    ("promoted-dependent-ban", ["op p_drbd-dtest1 promote on-fail=ignore", "fail p_drbd-dtest1 promote rc=1 on c6"],
     "match", "a failed promote with on-fail=ignore: demoted (bench seed 17601)"),
    ("unrunnable-1", ["op child_192.168.100.183 monitor on-fail=fence",
                      "fail child_192.168.100.183 monitor rc=7 on c001n02"], "refused",
     "on-fail=fence of a failed monitor without quorum: 2.1.5 stops it, blocked (bench seed 17901)"),
    ("ticket-rsc-sets-5", ["add order ms5 rsc_stonith Mandatory first-action=promote then-action=stop "
                           "symmetrical=false"], "refused",
     "an order from a promote to a stop: 2.1.5 requires the stop, blocked (bench seed 17901)"),
    ("stop-failure-no-quorum", ["add node variant-node"], "match",
     "a failed stop on a node that cannot be fenced for want of quorum: blocked there, as 2.1.5 plans it "
     "(the refusal row for it is gone: 0 silent of 300 variants of the stop-failure cases)"),
    ("stop-failure-no-fencing", ["property have-quorum=1"], "match",
     "the same without fencing: the clone's instance stays blocked where its stop failed"),
    ("container-group-4", ["probe rsc2 on node1 rc=0"], "refused",
     "a resource inside a container probed again and found running: 2.1.5 moves it, the simulator "
     "recovered it (bench seed 18001)"),
    ("container-group-4", ["probe container1 on node1 rc=8"], "refused",
     "the container itself probed again (bench seed 18101)"),
    ("1484", ["fail the-future-of-vaj stop rc=5 on hb2"], "refused",
     "a failed stop without fencing after a failed start under on-fail=stop: 2.1.5 keeps it blocked, the "
     "simulator stopped it (bench seed 18201)"),
    ("not-reschedule-unneeded-monitor", ["add set colocation -INFINITY sbd xen-f base-clone"], "refused",
     "two instances of an anonymous clone of groups planned onto one node: 2.1.5's simulation shows it once "
     "(bench seed 18301)"),
    ("bug-lf-2619", ["meta clnPingd globally-unique=true", "meta prmExPostgreSQLDB1 maintenance=true"], "refused",
     "a colocated group whose first member is in maintenance: 2.1.5 stops the others (bench seed 18301)"),
    ("rec-node-10", ["op rsc2 stop on-fail=fence", "fail rsc2 stop rc=1 on node1"], "refused",
     "a failed stop configured on-fail=fence without quorum: 2.1.5 plans the stop, blocked (bench seed 18501)"),
    ("unfence-definition", ["add set colocation -INFINITY fencing clvmd-clone dlm-clone"], "refused",
     "two clones colocated both ways with opposite signs: 2.1.5 stops one instance and starts another "
     "(bench seed 18601)"),
    ("unfence-definition", ["add colocation dlm-clone clvmd-clone -INFINITY"], "refused",
     "the same as a plain constraint: 2.1.5 even starts dlm beside clvmd"),
    ("inc8", ["add order rsc2 rsc0 Mandatory first-action=stop then-action=start symmetrical=false"], "match",
     "after a clone's stop (asymmetrical) where no instance stops: its stopped pseudo action is not runnable, "
     "so rsc0's start is blocked (bench seed 18901)"),
    ("inc8", ["add order rsc2 rsc0 Mandatory first-action=stop then-action=start"], "match",
     "the same symmetrical: nothing waits on it"),
    ("migrate-3", ["probe rsc3 on node1 rc=0"], "refused",
     "a probe finding it running after a failed operation there: 2.1.5 migrates it (bench seed 18901)"),
    ("migrate-begin", ["op dlm stop on-fail=ignore", "fail dlm:1 stop rc=5 on hex-14"], "refused",
     "an ignored hard error of a stop: 2.1.5 does not start it there again (bench seed 19001)"),
    ("migrate-begin", ["op dlm stop on-fail=ignore", "fail dlm:1 stop rc=1 on hex-14 status=5"], "match",
     "an ignored stop failure with a hard op-status but rc 1: started there again"),
    ("stonith-2", ["meta master_rsc_1 is-managed=false", "fail ocf_msdummy:3 monitor rc=1 on sles-1 digest=own"],
     "match", "an unmanaged instance's failed monitor recorded under its own digest is not run again: still "
     "FAILED after the transition (a failure alone does not rerun an unmanaged resource's monitors)"),
    ("group-dependents", ["default migration-threshold=2", "fail ip_voip_vlan854 start rc=1 on asttest1"], "refused",
     "a group member recovered elsewhere: 2.1.5 still migrates the later allow-migrate members (bench seed 19201)"),
    ("bug-lf-2574", ["add ticket clnDummy1 variant-ticket loss-policy=fence", "ticket variant-ticket granted=false",
                     "meta prmPingd is-managed=false"], "refused",
     "an unmanaged clone between two colocations whose primary loses its ticket: 2.1.5 stops what is "
     "colocated with it (bench seed 19301)"),
    ("quorum-3", ["op rsc2 stop on-fail=standby", "fail rsc2 stop rc=7 on node1"], "refused",
     "on-fail=standby of a failed stop: 2.1.5 does not stop it again (bench seed 19601)"),
    ("group-stop-ordering", ["add order grp fence-fastvm-rhel-7-5-74 Mandatory first-action=stop "
                             "then-action=stop symmetrical=false"], "refused",
     "an asymmetrical order after a group's stop: 2.1.5 requires the fence device's stop, blocked "
     "(bench seed 19501)"),
    ("clone-requires-quorum", ["add colocation dummy-crowd-clone dummy-boss-clone INFINITY with-rsc-role=Master"],
     "refused", "a clone with another clone's Promoted role moving an instance: 2.1.5 moves another one "
     "(bench seed 19901)"),
    ("rec-node-10", ["remove rsc1"], "refused",
     "an orphan whose stop failed on a lost node without quorum: 2.1.5 plans its stop, blocked, and does "
     "not show it failed (bench seed 20101)"),
    ("novell-239087", ["fail drbd0:1 stop rc=5 on xen-1"], "refused",
     "a failed stop of a promoted instance: 2.1.5 stops what is colocated with the Promoted role "
     "(bench seed 20201)"),
    ("migrate-stop-start-complex", ["pending bottom:0 start on dom0-02"], "refused",
     "a clone instance moved away from a node where its start is pending: the real simulation still shows "
     "it there (bench seed 20301)"),
    ("not-reschedule-unneeded-monitor", ["fail dlm stop rc=7 on kimball"], "refused",
     "a failed stop of a clone instance under a colocated clone of groups: 2.1.5 moves the dependent's "
     "instance (bench seed 20401)"),
    ("migrate-partial-2", ["remove c-clusterfs"], "refused",
     "a partial migration beside orphaned clone instances: 2.1.5 moves test-vm, the simulator restarted it "
     "(bench seed 20501)"),
    ("shutdown-lock", ["default failure-timeout=10s", "fail rsc2 monitor rc=1 on node2"], "refused",
     "an expired failure of a recurring monitor on a lost node: 2.1.5 still fences the node for it "
     "(bench seed 20901)"),
    ("promoted-5", ["meta DoFencing clone-max=0"], "refused",
     "a fencing clone with clone-max=0: 2.1.5 stops its instance 0 (bench seed 21001)"),
    ("bug-cl-5170", ["probe ip_trf on TCS-2 rc=5"], "refused",
     "a failed probe newer than the resource's run there: 2.1.5 masks it (not running), the simulator "
     "stopped it (bench seed 20901)"),
    ("coloc-unpromoted-anti", ["op fs-1 monitor on-fail=stop", "fail fs-1 monitor rc=7 on sirius"], "refused",
     "on-fail=stop of a failed member of a group colocated with a Promoted role: 2.1.5 only stops it "
     "(bench seed 21101)"),
    ("stop-failure-no-fencing", ["meta clvm-clone globally-unique=true",
                                 "add order clvm-clone dlm-clone Optional symmetrical=false"], "match",
     "clvm is an lsb agent: globally-unique is forced off (pe__force_anon), nothing is orphaned "
     "(bench seed 21401)"),
    ("stop-failure-no-fencing", ["probe dlm on pcmk-1 rc=8", "meta dlm-clone is-managed=false"], "refused",
     "an unmanaged plain clone instance probed promoted: 2.1.5 shows it Promoted (bench seed 21401)"),
    ("node-maintenance-1", ["add order rsc2 rsc_stonith Mandatory first-action=stop then-action=stop "
                            "symmetrical=false"], "refused",
     "an asymmetrical order after a primitive's stop: 2.1.5 requires the then-stop, blocked (bench seed 21301)"),
    ("clone_min_interleave_stop_one", ["add set order Mandatory require-all=false FAKE1-clone FAKE2-clone"], "refused",
     "an ordered set with require-all=false naming a clone with clone-min: 2.1.5 stops FAKE2:0 and FAKE3:0 "
     "(bench seed 21601)"),
    ("container-3", ["remove container1"], "match",
     "a container left only in the history (orphaned) contains nothing: rsc1's failed stop blocks it "
     "in place instead of restarting the container (bench seed 30101)"),
    ("multiply-active-stonith", ["param fencer variant-param=1"], "match",
     "a changed definition of a resource active on two nodes restarts it where it stays, whichever node "
     "comes first (force_restart's start has no node; bench seed 30601)"),
    ("994", ["param datadisk_1 variant-param=1"], "match",
     "a changed definition of a group's first member restarts it and every member after it"),
    ("group-dependents", ["node asttest2 offline expected=member", "param ip_voip_vlan854 nic=vlan850-changed"],
     "refused", "a changed definition of an allow-migrate group member restarted in place: 2.1.5 leaves the "
     "later members running (bench seed 30601)"),
    ("migrate-partial-2", ["param dlm variant-param=yes"], "refused",
     "a partial migration beside a clone restarted for its changed definition: 2.1.5 continues the "
     "migration, the simulator moved it (bench seed 30601)"),
    ("rule-dbl-as-number-no-match", ["migrate dummy node1 to node2 partial"], "match",
     "a partial migration that cannot continue (its target in standby) is forgotten before the summary: "
     "Move from the first node it is active on, not from the migration's source (bench seed 30801, 11 alike)"),
    ("bnc-515172", ["migrate PRIM_Web_IP1 sles11-ha2 to sles11-ha3 partial"], "match",
     "the same for a group member"),
    ("1360", ["migrate VIP ssgtest1a to ssgtest1b complete"], "match",
     "a dangling migration (migrate_to and migrate_from done): stopped on the source"),
    ("order-serialize", ["param core-200 variant-param=yes", "migrate dbreplica xen-b to xen-a complete-stopped"],
     "refused",
     "a dangling migration whose target has stopped the resource since: 2.1.5 still stops it on the source "
     "(bench seed 30801)"),
    ("735", ["migrate rsc_hadev1 hadev1 to hadev3 complete"], "refused",
     "a dangling migration from a node that is offline: 2.1.5 fences it, its stop there being unrunnable "
     "(bench seed 31001)"),
    ("promoted-4", ["migrate ocf_child c001n03 to c001n01 failed-from"], "refused",
     "a failed migrate_from recovered between tied nodes: 2.1.5 goes back to the source (bench seed 31001)"),
    ("promoted-dependent-ban", ["param p_drbd-dtest1 drbd_resource=dtest1-changed"], "match",
     "a demote after a probe that found the instance running implies its start: the probe's digest is not "
     "checked, so only the instance with a start recorded restarts (calculate_active_ops; bench seed 31601)"),
    ("shutdown-lock-expiration", ["op rsc1 monitor on-fail=stop", "fail rsc1 monitor rc=7 on node4",
                                  "node node4 offline expected=down"], "refused",
     "on-fail=stop of a monitor failed on a node now down: 2.1.5 only stops it there (bench seed 31701)"),
    ("container-3", ["add order container1 rsc2 Serialize first-action=start then-action=start symmetrical=false"],
     "refused", "a Serialize order from a container to a resource inside it: 2.1.5 then does not restart the "
     "filler with its container (bench seed 31701)"),
    # Pacemaker Remote nodes (scheduler/remote.py; bench --case remote-... seeds 41302, 41303)
    ("remote-start-fail", ["op rhel7-auto4 monitor on-fail=standby", "fail rhel7-auto4 monitor rc=1 on rhel7-auto3"],
     "match", "a connection failed on two nodes cannot run: its remote node is fenced, 'the connection is "
     "unrecoverable' (pcmk__schedule_probes)"),
    ("remote-start-fail", ["property stonith-action=poweroff", "node rhel7-auto3 offline expected=member"], "match",
     "a failed connection that stays stopped: its node fenced (off) as well as the lost cluster node"),
    ("remote-start-fail", ["add ticket rhel7-auto4 variant-ticket loss-policy=demote",
                           "ticket variant-ticket granted=false"], "match",
     "a connection held stopped by a ticket while failed: its remote node is fenced"),
    ("remote-move", ["op FAKE2 monitor on-fail=block", "fail FAKE2 monitor rc=7 on remote1"], "refused",
     "a blocked resource on a remote node whose connection migrates: 2.1.5 blocks the connection's stop"),
    ("remote-partial-migrate", ["add daterule FAKE10 -10 gt 2000-01-01", "node pcmk3 offline expected=down"],
     "refused", "resources leaving a remote node whose connection's node is fenced: 2.1.5's simulated run "
     "leaves one active on both nodes"),
    ("remote-recover", ["param fake variant-param=yes"], "refused",
     "a changed definition on a remote node that is offline: 2.1.5 does not restart it"),
    ("remote-partial-migrate2", ["property placement-strategy=balanced", "utilization node pcmk3 cpu=4",
                                 "utilization node pcmk1 cpu=1", "utilization node pcmk4 cpu=2",
                                 "utilization node pcmk2 cpu=2", "utilization rsc pcmk_remote3 cpu=2",
                                 "utilization rsc pcmk_remote2 cpu=2"], "refused",
     "resources leaving a remote node whose half-migrated connection moves: 2.1.5's simulated run leaves "
     "them active there too (bench seed 41306)"),
    ("remote-unclean2", ["pending rhel7-auto4 start on rhel7-auto3", "node rhel7-auto1 offline expected=down"],
     "refused", "a connection's pending start beside a lost node: 2.1.5 does not restart it (bench seed 41306)"),
    ("remote-move", ["node remote1 standby"], "match",
     "a remote node in standby (a transient attribute of its status): its resources move off"),
    ("remote-move", ["meta remote1 target-role=Stopped"], "match",
     "a connection stopped: its remote node shuts down, its resources move to cluster nodes"),
    ("remote-recover", ["property have-quorum=0"], "match",
     "a stop on a remote node waits for its connection to start again: blocked with that start "
     "('due to unrunnable rhel7-alt4 start', apply_remote_ordering; bench seed 41307)"),
    ("remote-recover", ["property have-quorum=0", "property no-quorum-policy=freeze"], "refused",
     "freeze without quorum: 2.1.5 stops what runs on the remote node, blocked on its connection's start"),
    ("remote-startup", [], "match", "a connection starts on the first of equal nodes; it and fencing devices "
     "never run on a remote node; the remote node, never seen, is not fenced once its connection starts"),
    ("remote-unclean2", [], "match", "a failed recurring monitor of a connection fences its remote node "
     "('remote connection is unrecoverable', on-fail reset-remote by default)"),
    ("bug-pm-12", ["probe stateful-1:0 on node-b rc=8"], "match",
     "a promotable group instance with a member found promoted is not Started as a whole, so its other "
     "Started member keeps that role: 'Restart ( Started -> Unpromoted )' (set_instance_priority; seed 40201)"),
    ("promoted-partially-demoted-group", ["add location cl-ietd sd01-1 -10"], "match",
     "a dependent's colocations are applied promotable clones first (cmp_primary_priority): the group's "
     "-INFINITY on the demoted node then reaches cl-ietd, whose own score there is negative: Stop ietd:0 "
     "(seed 40201)"),
    ("promoted-failed-demote", ["fail stateful-2:0 demote rc=1 on dl380g5b"], "match",
     "a promotable instance found active by a failure (here a demote returning 'not running') is active as "
     "Unpromoted (set_active), so its group instance is not Started as a whole: both members stop Unpromoted "
     "(seed 22222, --family group)"),
    ("promoted-move", ["add ticket dummy02 variant-ticket loss-policy=freeze", "ticket variant-ticket granted=false"],
     "match", "a group member frozen by its ticket is unmanaged, so the group's mandatory colocations apply to the "
     "members after it too (pcmk__group_with_colocations): dummy03 is not started (seed 55555, --family notify)"),
    ("migrate-partial-4", ["node lustre02-left offline expected=member"], "refused",
     "a dangling migration whose target is offline without fencing: 2.1.5 skips that node's history yet "
     "stops the resource on the source ('Restart'; seed 55555)"),
    ("migrate-partial-4", ["node lustre02-left standby"], "match",
     "the same dangling migration with its target online: moved from the target (not refused)"),
    ("ticket-primitive-8", ["default failure-timeout=10s", "fail rsc1 monitor rc=1 on node1 digest=own", "remove rsc1"],
     "match", "an orphan is unpacked with rsc_defaults' failure-timeout: its expired monitor failure is ignored, "
     "so it is not running and only its history is deleted (seed 77777, --family ticket)"),
    ("797", ["migrate rsc_c001n01 c001n01 to c001n08 failed-to"], "refused",
     "a failed migrate_to whose target never recorded the resource: 2.1.5 forces a stop on the source as a "
     "dangling migration (seed 13131, --family rules)"),
    ("migration-ping-pong", ["probe vm_severin on ha-idg-2 rc=7"], "match",
     "a later probe finding it stopped on a failed migrate_to's target counts only when it is the node's one "
     "monitor record (find_lrm_op's XPath must match once): still active there, moved (seed 14141)"),
    ("shutdown-lock-expiration", ["param rsc1 variant-param=yes", "fail rsc1 monitor rc=190 on node5 status=0"],
     "match", "a history of a probe (not running) and a degraded monitor, neither start nor stop: every record is "
     "checked against the definition (check_actions_for), so the probe's digest asks for a reload (seed 90003)"),
    ("clone-no-shuffle", ["defaultrule rsc is-managed=false type=IPaddr2"], "match",
     "an rsc_expression without a provider matches only resources without one (pe__eval_rsc_expr in 2.1.5): "
     "testip (ocf:heartbeat) stays managed and stops (seed 94001)"),
    ("promoted-12", ["defaultrule rsc maintenance=true class=ocf"], "match",
     "the same for class=ocf alone: no ocf resource has no provider, so nothing is in maintenance (seed 94001)"),
    ("promoted-with-blocked", ["meta rsc2 requires=unfencing", "node node5 offline expected=member"], "match",
     "requires=unfencing on any resource turns unfencing on for the whole cluster (seed 94001)"),
    ("failed-demote-recovery", ["meta fence-fastvm-rhel-7-4-96 requires=unfencing", "property have-quorum=0"],
     "match", "even on a fence device, whose own requires is reset to quorum: its start needs its node unfenced "
     "(seed 94001)"),
    ("params-4", ["probe DcIPaddr on c001n01 rc=0", "meta DcIPaddr multiple-active=stop_unexpected",
                  "property have-quorum=0"], "match",
     "stop_unexpected on a multiply active resource stopped for lost quorum: 2.1.5 stops it elsewhere 'due to "
     "being multiply active' and leaves it on the node it is assigned (seed 94001; refused until modelled)"),
    ("ticket-group-16", ["add set order Mandatory require-all=false group1 | rsc_stonith"], "match",
     "a group in a require-all=false set counts by its own start pseudo action, runnable though no member "
     "can start: rsc_stonith is not stopped (seed 95001)"),
    ("ticket-group-16", ["add set order Mandatory require-all=false rsc1 | rsc_stonith"], "match",
     "a primitive there that cannot start leaves the one-or-more action unrunnable: rsc_stonith stops"),
    ("bug-5014-ordered-set-symmetrical-false", ["add set order Optional require-all=false C | A"], "refused",
     "a require-all=false set beside another order of the same pair: 2.1.5 keeps both (seed 95002)"),
    ("promoted-ordering", ["add set colocation -INFINITY role=Unpromoted ms_drbd_mysql | intip_1_master"],
     "refused", "a negative colocation set of the Unpromoted role, as its rsc-role form (seed 95002)"),
    ("whitebox-fail3", ["add order W-master X-master Mandatory"], "refused",
     "a promotable clone ordered after another that starts an instance: 2.1.5 restarts the Promoted one "
     "(seed 95002)"),
    ("probe-4", ["add colocation rsc_pcmk-1 migrator INFINITY"], "refused",
     "a mandatory colocation with a resource blocked from its start: 2.1.5 stops the dependent (seed 95002)"),
    ("multiple-active-block-group", ["addop dummy start interval=0 on-fail=block"], "match",
     "a second start op with on-fail=block: the first matching op decides (find_rsc_op_entry), so nothing "
     "blocks (seed 95003)"),
    ("probe-target-of-failed-migrate_to-1", ["addop dummy1 monitor interval=7s role=Stopped timeout=20s"],
     "refused", "a Stopped-role monitor started where a failed migrate_to aimed and nothing was probed: "
     "crm_simulate's fake result shows dummy1 active there too (seed 95003)"),
    ("ticket-rsc-sets-13", ["add set order Mandatory clone4 | action=demote ms5"], "refused",
     "an order set from a start to a demote, as its plain form (seed 95003)"),
    ("clone_min_interleave_stop_one", ["add set order Mandatory sequential=false FAKE1-clone | FAKE3-clone"],
     "refused", "an ordered set naming a clone with clone-min: 2.1.5 applies clone-min to plain orders only "
     "(seed 95003)"),
    ("ticket-promoted-13", ["add set order Mandatory action=demote ms1 | rsc_stonith"], "refused",
     "an ordered set of demotes before another set: 2.1.5 stops rsc_stonith 'due to unrunnable ms1 demoted', "
     "unlike the plain order (seed 95004)"),
    ("probe-target-of-failed-migrate_to-1", ["probe dummy1 on node2 rc=0", "meta dummy1 multiple-active=stop_unexpected"],
     "refused", "stop_unexpected on a multiply active resource with allow-migrate: 2.1.5 migrates it (seed 95004)"),
    ("probe-target-of-failed-migrate_to-1", ["probe dummy1 on node2 rc=0"], "match",
     "the same with the default stop_start: moved"),
    ("promoted-partially-demoted-group", ["property have-quorum=0"], "refused",
     "a promotable clone of a group without quorum under freeze: 2.1.5 stops the demoted member 'due to quorum "
     "freeze' (seed 91120, --family 'node health')"),
    ("probe-2", ["property no-quorum-policy=freeze", "property have-quorum=0"], "match",
     "a fence device redefined without quorum under freeze: 2.1.5 restarts it in place, for its requires=nothing "
     "never puts the start to the freeze test (seed 97001; refused until the requires reader)"),
    ("bug-lf-2171", ["migrate res_Dummy3 xenserver1 to xenserver2 partial"], "refused",
     "a partially migrated group member stopped with its group: 2.1.5 names another cause (seed 96003)"),
    ("remote-move", ["add ticket FAKE2 variant-ticket loss-policy=freeze", "ticket variant-ticket granted=false"],
     "refused", "a resource frozen by a lost ticket on a remote node whose connection moves: 2.1.5 blocks the "
     "connection's stop, as for an unmanaged one (seed 98001)"),
    ("rsc-sets-clone-1", ["fail controld:0 stop rc=1 on sys2"], "refused",
     "a failed stop in a cloned group on a node being fenced: 2.1.5 recovers instance :0 elsewhere "
     "(seed 98100, --family clone)"),
    ("remote-recover-connection", ["fail galera-2 monitor rc=1 on controller-1"], "refused",
     "a remote connection's monitor failed on a node being fenced: 2.1.5 fences the remote node too "
     "(seed 98100, --family promotable)"),
    ("group-dependents", ["add ticket ip_voip_vlan855 variant-ticket loss-policy=demote",
                          "ticket variant-ticket granted=false"], "refused",
     "a group member's ticket lost: 2.1.5 moves the members before it too (seed 98200, --family promotable)"),
    ("bug-lf-2153", ["add colocation ms_drbd_iscsivg01 res_portblock_iscsivg01_block -INFINITY rsc-role=Promoted"],
     "refused", "a Promoted role kept away from a resource colocated with that clone: 2.1.5 stops that resource "
     "too (seed 99001)"),
    ("group-anticolocation", ["param member2b variant-param=1"], "refused",
     "a failed member's definition changed: 2.1.5 clears its fail count after this transition, which still "
     "bans it (seed 100001)"),
    ("bug-cl-5170", ["fail d_tomcat_nms stop rc=1 on TCS-2"], "refused",
     "a clone starting an instance where another's stop failed: 2.1.5's revised status drops the failed one "
     "(seed 100001)"),
    ("bug-1685", ["op shared_filesystem monitor on-fail=stop", "fail shared_filesystem monitor rc=1 on redun1"],
     "refused", "an on-fail=stop failure of a resource colocated with a Promoted role: 2.1.5 promotes on the "
     "other node (seed 100003)"),
    ("764", ["migrate rsc_posic042 posic041 to posic042 complete"], "refused",
     "a migration completed on a node now offline, without quorum: 2.1.5 stops it there unblocked (seed 100006)"),
    ("remote-recovery", ["add colocation redis-master haproxy-clone -INFINITY rsc-role=Promoted"], "refused",
     "a Promoted role kept away from a clone: 2.1.5 renumbers redis's instances (seed 100008)"),
    ("bug-n-387749", ["property no-quorum-policy=freeze", "property have-quorum=0",
                      "probe resource_ipaddr1_single on power720-2 rc=8"], "refused",
     "a move without quorum under freeze is not trusted: 2.1.5 stopped it (seed 100008)"),
    ("guest-node-host-dies", ["probe container1 on rhel7-4 rc=0", "meta container1 multiple-active=stop_unexpected"],
     "refused", "stop_unexpected on a guest node's container that moves: its start is a pseudo action, 2.1.5 shows "
     "it FAILED on no node and the guest offline (bench seed 140064)"),
    ("797", ["add order rsc_c001n01 DoFencing Mandatory first-action=start then-action=stop",
             "probe rsc_c001n02 on c001n03 rc=0", "meta rsc_c001n02 multiple-active=stop_only"], "refused",
     "a mandatory order from a start that cannot run (no quorum) to the stop of a clone: 2.1.5 runs one "
     "instance's stop and leaves another (bench seed 140068)"),
    ("797", ["add order rsc_c001n01 DoFencing Mandatory first-action=start then-action=stop",
             "property no-quorum-policy=ignore"], "match",
     "the same order whose start can run is modelled"),
    ("group-dependents", ["probe ip_voip_vlan854 on asttest2 rc=0", "meta ip_voip_vlan854 multiple-active=stop_only"],
     "refused", "stop_only on a group member active on two nodes, the group colocated with a Promoted role: 2.1.5 "
     "moves the promotion and the earlier members (bench seed 140502 --only multiply_active)"),
    ("group-dependents", ["probe ip_voip_vlan855 on asttest2 rc=5"], "refused",
     "the same for a later member banned from a node by a hard error (a probe rc 5; bench seed 140083)"),
    ("clone_min_interleave_start_one", ["add rule shooter 1000 #kind eq cluster",
                                        "fail FAKE3 monitor rc=2 on c7auto1 status=0"], "refused",
     "an anonymous clone instance with a hard error stopped for a start elsewhere that cannot run: 2.1.5 leaves "
     "it unassigned and blocks starts on both other nodes (bench seed 140090)"),
    ("migrate-stop-start-complex", ["add ticket clone-bottom variant-ticket loss-policy=fence",
                                    "ticket variant-ticket granted=false", "meta dom0-iscsi1-cnx1 maintenance=true"],
     "refused", "a clone kept active by unmanaged instances while the clone it must be colocated with has none: "
     "2.1.5 blocks its starts, so domU-test01 stops rather than migrate beside it (bench seed 140093)"),
    ("group-dependents", ["nodeattr asttest2 variant-pref=-INFINITY", "nodeattr asttest1 variant-pref=200",
                          "scorerule ip_voip_vlan850 variant-pref"], "refused",
     "a score-attribute location on a group member that follows a Promoted role: 2.1.5 rolls the dependents' "
     "scores back and still promotes on asttest2 (bench seed 140107)"),
    ("group-dependents", ["add location fs_drbd asttest2 -INFINITY"], "refused",
     "the same for a ban of the Promoted role's direct dependent where the other instance is Unpromoted"),
    ("bug-1820-1", ["migrate test1 star to world complete"], "refused",
     "a dangling migration of test1 beside test2's migration: 2.1.5 moves test2 'due to unrunnable test1 stop' "
     "(bench seed 140111)"),
    ("stop-unexpected", ["op dummy2 start on-fail=stop", "fail dummy2 start rc=1 on node2",
                         "default resource-stickiness=1000"], "refused",
     "on-fail=stop of a failed group member while an earlier member is recovered: 2.1.5 recovers dummy on "
     "node3, not in place (bench seed 140116)"),
    ("bug-5186-partial-migrate", ["property stonith-action=poweroff", "node bl460g1n6 unseen"], "refused",
     "a migrate_to toward a configured node never seen: 2.1.5 fences it, 'stop is unrunnable' (bench seed 140117)"),
    ("inc2", ["param child_rsc1 variant-param=yes", "pending child_rsc1:0 stop on node1"], "refused",
     "a stop in flight of an instance beside restarts for a definition change: 2.1.5 restarts it too "
     "(bench seed 140119)"),
    ("unmanaged-stop-3", ["add set order Optional require-all=false rsc1 rsc2", "meta rsc2 maintenance=true"],
     "refused", "a require-all=false set of two members of one group, the second in maintenance: 2.1.5 stops "
     "rsc1, unblocked (bench seed 140129)"),
    ("rec-node-10", ["probe rsc1 on node2 rc=1"], "refused",
     "without quorum, rsc1's failed probe on node2 beside its history on the lost node1: 2.1.5 does not block "
     "its stop on node1 (bench seed 140151)"),
    ("764", ["migrate DcIPaddr posic043 to posic041 failed-to"], "refused",
     "a failed migrate_to without quorum: 2.1.5 does not stop DcIPaddr (bench seed 140149)"),
    ("clone-requires-quorum", ["default resource-stickiness=0", "meta dummy-crowd-clone requires=unfencing",
                               "property have-quorum=0"], "match",
     "requires=unfencing on a clone whose primitive sets requires=quorum still turns unfencing on: the fence "
     "devices' starts unfence rhel7-1 and rhel7-2, even without quorum (bench seed 140142)"),
    ("bug-suse-707150", ["property no-quorum-policy=stop", "meta dummy1 allow-migrate=true",
                         "add location dummy1 hex-0 -INFINITY", "fail dummy1 monitor rc=1 on hex-0"], "match",
     "a Stopped-role monitor recorded on the node dummy1 is assigned is cancelled there though its start "
     "cannot run, and crm_simulate's injected cancel shows it Started there (bench seed 140142)"),
    ("735", ["probe rsc_hadev1 on hadev3 rc=0", "meta rsc_hadev1 multiple-active=block"], "match",
     "a pending start, its stop and a later probe that found it running under another controller sort as "
     "probe, start, stop (g_list_sort with a non-transitive comparison): stopped there (bench seed 140145)"),
    ("bug-lf-2317", ["add ticket HostingIsg variant-ticket loss-policy=demote",
                     "ticket variant-ticket granted=true standby=true", "op HostingIsg monitor interval=17s"], "match",
     "a resource assigned nowhere runs no cancel of its unconfigured monitor (pcmk__finalize_assignment): "
     "stopped, not shown active (bench seed 140153)"),
    ("container-3", ["probe rsc1 on node2 rc=0", "meta rsc1 target-role=Stopped"], "refused",
     "a failure ignored on node1, the resource active on node2 and stopped there: 2.1.5 still shows it FAILED "
     "(bench seed 140155)"),
    ("group-dependents", ["add daterule ip_voip_vlan854 -10 in_range 2000-01-01 2099-12-31",
                          "add location ip_voip_addresses_p asttest1 0 resource-discovery=never"], "refused",
     "a date rule's -10 on a follower of a Promoted role: 2.1.5 promotes drbd on asttest2 and moves the "
     "dependents (bench seed 140156)"),
    ("one-or-more-unrunnable-instances", ["add set colocation -INFINITY role=Started redis-master | glance-fs-clone",
                                          "add set colocation 100 sequential=false vip-glance memcached-clone"],
     "refused", "a promotable clone kept from another clone by -INFINITY: 2.1.5 promotes redis on rdo7-node2 "
     "(bench seed 140157)"),
    ("clone-requires-quorum-recovery", ["probe dummy-solo on rhel7-5 rc=8", "remove Fencing"], "refused",
     "a plain resource found Promoted on the lost rhel7-5: 2.1.5 restarts it on rhel7-3 (Promoted -> Started), "
     "this scheduler moved it (bench seed 140169)"),
    ("promoted-failed-demote", ["meta ms-sf clone-max=0"], "refused",
     "a promotable clone with clone-max=0: 2.1.5 words its orphans' stops with their role and lists the cloned "
     "group's orphans under it (bench seed 140171)"),
    ("multiply-active-stonith", ["meta fencer requires=unfencing", "property have-quorum=0"], "match",
     "a fence device's requires=unfencing is reset to quorum (unpack_requires): active on the unclean node2 "
     "and on node3, it counts as active on node3 and stops there for want of quorum (bench seed 140175)"),
    ("group-stop-ordering", ["meta grp requires=quorum", "property have-quorum=0"], "refused",
     "without quorum, inside_resource_2's stop waits on the blocked outside_resource: 2.1.5 lists nothing for it "
     "and runs grp_start_0, this scheduler printed its stop blocked (bench seed 140176 --family fencing)"),
    ("group-stop-ordering", ["property have-quorum=0"], "refused",
     "the same without the requires edit"),
    ("remote-start-fail", ["meta shooter requires=unfencing", "node rhel7-auto2 offline expected=member"], "match",
     "a remote connection's requires defaults to quorum: with unfencing on, its start on rhel7-auto3 unfences "
     "nothing (bench seed 140181 --only multiply_active --only requires_option)"),
    ("group-dependents", ["meta asterisk requires=quorum", "property have-quorum=0",
                          "probe ip_voip_vlan852 on asttest2 rc=0"], "refused",
     "ip_voip_vlan852 active on two nodes moves: 2.1.5 still migrates the group's later members, this scheduler "
     "moved them 'due to unrunnable ip_voip_vlan852 stop' (bench seed 140181)"),
    ("remote-recover", ["meta fake requires=nothing", "property have-quorum=0"], "refused",
     "fake needs nothing but sits on rhel7-alt4, whose connection cannot start without quorum: 2.1.5 stops it "
     "'due to unrunnable rhel7-alt4 start (blocked)', this scheduler listed nothing (bench seed 140187)"),
    ("params-6", ["meta vptest34.vds-ok.com-vm requires=unfencing", "property have-quorum=0"], "refused",
     "unfencing on and no quorum under freeze: c5-x64-devel.vds-ok.com-vm, migrated and changed in definition "
     "since, restarts on v03-a in 2.1.5, this scheduler stopped it 'due to required stonith' (bench seed 140190)"),
    ("bug-pm-11", ["meta stateful-2 requires=nothing", "property have-quorum=0"], "refused",
     "2.1.5 starts stateful-2:0 though stateful-1:0 before it stops for want of quorum, this scheduler blocked "
     "it behind that start (bench seed 140198 --only requires_option)"),
    ("unfence-parameters", ["meta fencing requires=nothing", "property have-quorum=0"], "match",
     "under freeze without quorum a fence device that requires nothing and whose parameters changed restarts "
     "(its start is never put to the freeze test); it was stopped (bench seed 140200 --only requires_option)"),
    ("container-2", ["meta container1 requires=unfencing", "property have-quorum=0", "probe rsc1 on node2 rc=0",
                     "meta rsc1 multiple-active=block"], "refused",
     "rsc1, inside container1, active on node1 and node2 and blocked: 2.1.5 restarts container1 and rsc2, this "
     "scheduler stopped them (bench seed 140207; the same without the requires and quorum edits)"),
]


@pytest.mark.parametrize("case, edits, expected, why", VARIANTS, ids=[f"{v[0]}-{i}" for i, v in enumerate(VARIANTS)])
def test_variant_agrees_with_real_crm_simulate_or_is_refused(tmp_path, case, edits, expected, why):
    path, real = real_on_variant(tmp_path, case, edits)
    assert real.returncode == 0 and "Transition Summary:" in real.stdout
    rc, out, err = simulated(path)
    if expected == "refused":
        assert rc != 0 and out == "" and "not simulated: " in err and err.rstrip().endswith(HINT), why
    else:
        verdict = load_compare().compare_texts(real.stdout, out, anon=True)
        assert rc == 0 and verdict["match"], f"{why}: {verdict}"
