"""Neighbours of the public scheduler cases that the scheduler once answered wrongly, now modelled.

Each row is a public case of Pacemaker 2.1.5's suite with a few edits in the language of
tests/scheduler_variants.py (what benchmarks/bench_scheduler_variants.py prints). The variant is
written to tmp at test time (the cases are GPL test data, never copied here); the real
`crm_simulate -x FILE -S` and ours must agree on it (compare.py, anonymous clone instances).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree

from halab_kernel import Lab
from tests.scheduler_variants import real_on_variant, simulated
from tests.scheduler_verdicts import ORACLE, load_compare

pytestmark = [
    pytest.mark.skipif(not ORACLE.is_dir(), reason="../shared/pacemaker-2.1.5 (GPL test data) is not here"),
    pytest.mark.skipif(shutil.which("crm_simulate") is None, reason="the real crm_simulate is not installed"),
]

# (case, edits, what the variant exercises)
FIXED = [
    ("797", ["property no-quorum-policy=freeze"],
     "a resource whose recorded agent type differs from its configuration restarts where it stays"),
    ("797", ["property no-quorum-policy=ignore", "meta DcIPaddr is-managed=false"],
     "the same resource unmanaged: its stop stays optional, nothing restarts"),
    ("797", ["property no-quorum-policy=ignore", "meta DcIPaddr target-role=Stopped"],
     "the same resource disabled: only stopped"),
    ("params-1", ["property stop-all-resources=true"],
     "the cancel of an unconfigured monitor on a node its resource leaves is not run: shown stopped"),
    ("orphan-1", ["node c001n02 standby"],
     "the same for a resource moving away: shown only where it moved"),
    ("orphan-2", ["remove rsc_c001n03", "add location rsc_c001n02 c001n02 -INFINITY"],
     "a resource moving away for a location constraint keeps that cancel: shown on both nodes"),
    ("orphan-1", ["property have-quorum=0"],
     "a resource still assigned its node (stopped for want of quorum) has its monitor cancelled there"),
    ("migrate-partial-2", ["add primitive variant-rsc"],
     "a half-migrated resource's current node is its source (pe__current_node), banned there: with "
     "placement-strategy=balanced the new resource is assigned first"),
    ("load-stopped-loop", ["property have-quorum=0"],
     "no-quorum-policy=freeze without quorum: a resource whose definition changed is stopped, not restarted"),
    ("unfence-parameters", ["property have-quorum=0", "property no-quorum-policy=freeze"],
     "the same for a fence device whose node is unfenced first"),
    ("stonith-2", ["meta master_rsc_1 is-managed=false", "fail ocf_msdummy:3 monitor rc=1 on sles-1"],
     "an unmanaged failed instance's monitor runs again (its start is required): shown unpromoted, not failed"),
    ("stonith-2", ["meta master_rsc_1 is-managed=false", "fail ocf_msdummy:3 start rc=1 on sles-1"],
     "the same after a failed start: the monitor runs, the start failure stays"),
    ("clone-no-shuffle", ["meta ms-drbd1 is-managed=false", "fail drbd1:0 monitor rc=1 on dktest2sles10"],
     "what is colocated with the Promoted role of an unmanaged failed promoted instance stays with it"),
    ("ticket-group-11", ["add colocation rsc2 rsc1 -10"],
     "a group member's internal colocation with the member before it comes before a configured one between "
     "them: the -10 would leave no node and is rolled back"),
    ("use-after-free-merge", ["meta d0 target-role=Started"],
     "a promoted role mandatorily colocated with a group follows its last member: that one disabled, "
     "nothing is promoted"),
    ("multiply-active-stonith", ["default multiple-active=stop_only"],
     "a fence device seen on a node awaiting fencing is not multiply active (clean nodes count): not stopped"),
    ("container-3", ["meta rsc1 is-managed=false"],
     "a failed stop inside a container counts as done: the unmanaged resource stays failed, on no node"),
    ("container-2", ["meta container1 migration-threshold=1"],
     "a filler's fail count counts against its container's migration-threshold: both move"),
    ("bug-1572-2", ["node arc-dknightlx offline expected=down"],
     "an instance renamed once its peer's node left is checked against the stale probe under its own id: "
     "restarted for a definition change"),
    ("unfence-parameters", ["default maintenance=true"],
     "under maintenance a fence device whose parameters changed still unfences its node"),
    ("inc5", ["add order rsc5 rsc1 Mandatory"],
     "a mandatory order between clones (not interleaved) whose first moves an instance restarts every "
     "active instance of the second, not only the one on the first's new node (bench seed 130005)"),
    ("clone-require-all-no-interleave-3", ["add order B-clone C-clone Mandatory",
                                           "node rhel7-auto4 offline expected=down"],
     "a plain order beside a require-all=false one between the same clones is a second ordering: C's "
     "instances restart 'due to required B-clone running'"),
    ("promoted-promotion-constraint", ["meta ms0 requires=unfencing", "property have-quorum=0"],
     "a promoted instance demoted where it is (no-quorum-policy=demote) asks for no unfencing of its node "
     "(bench seed 140006)"),
    ("ticket-rsc-sets-3", ["meta rsc5 requires=unfencing", "property have-quorum=0"],
     "the same instance on a node unfenced for a fence device restarts after it (pcmk__order_restart_vs_unfence), "
     "and a start names the instance it unfences for ('required by rsc5:1 start')"),
    ("utilization-order2", ["property no-quorum-policy=demote", "property have-quorum=0",
                            "migrate rsc3 node1 to node2 partial"],
     "a partial migration stopped on its source: the injected stop replaces the migrate_to, so the "
     "target shows it Stopped (bench seed 140007)"),
    ("migrate-fencing", ["add order Fencing lsb-dummy Optional symmetrical=false",
                         "meta master-1 requires=unfencing", "node pcmk-4 offline expected=member"],
     "a migration away from a node being unfenced is a stop and a start 'due to unrunnable stonith' "
     "(bench seed 140014)"),
    ("migrate-fencing", ["meta master-1 requires=unfencing", "attr pcmk-1 #node-unfenced=1",
                         "attr pcmk-2 #node-unfenced=1", "attr pcmk-4 #node-unfenced=1"],
     "a migration to a node being unfenced still migrates"),
    ("promoted-with-blocked", ["meta rsc2 requires=nothing", "property have-quorum=0"],
     "a start unrunnable from the outset (no quorum) blocks what is mandatorily colocated with it: the "
     "promote 'due to colocation with rsc1 (blocked)' (bench seed 140017)"),
    ("unmanaged-block-restart", ["meta rsc2 maintenance=true"],
     "a group member in maintenance between a starting one and the next is required in turn: the next "
     "restarts 'due to required rsc2 start' (bench seed 140019)"),
    ("rec-node-10", ["probe rsc2 on node2 rc=0", "meta rsc2 allow-migrate=true",
                     "add location rsc2 node1 -INFINITY"],
     "a resource also found on an online node, stopped without quorum: the stop reported is the one on the "
     "unclean node, whose history is read last, so it shows (blocked) (bench seed 140019)"),
    ("probe-4", ["probe rsc_pcmk-4 on pcmk-4 rc=0", "meta rsc_pcmk-4 multiple-active=stop_only"],
     "a stop on a node still pending (joining) cannot run: shown blocked, and still active there "
     "(bench seed 140021)"),
    ("probe-4", ["probe rsc_pcmk-4 on pcmk-4 rc=0"],
     "the same with stop_start: the stop reported is the blocked one on the pending node, read last"),
    ("no_quorum_demote", ["probe rsc2 on stateful-bundle-2 rc=0", "meta rsc1-clone requires=nothing",
                          "property have-quorum=0"],
     "no-quorum-policy=demote spares a promotable clone that needs no quorum (requires=nothing): it stays "
     "promoted (bench seed 140031)"),
    ("migration-behind-migrating-remote", ["op rsc1 monitor interval=17s"],
     "a cancel on a remote node whose connection migrates runs after the connection's start, so after the "
     "migrating resource's stop there: shown active on both (bench seed 140017)"),
    ("stop-unexpected-2", ["add location test rhel8-1 INFINITY"],
     "multiple-active=stop_unexpected moving to a node it is not active on: stopped on both nodes 'due to being "
     "multiply active', its start there a pseudo action; its recurring monitor there reports it running"),
    ("stop-unexpected-2", ["add location test rhel8-3 INFINITY"],
     "the same moving to one of its nodes: not stopped there (StopRsc skips the expected node)"),
    ("stop-unexpected-2", ["add location test rhel8-1 INFINITY", "addop test monitor interval=10s"],
     "the same without a recurring monitor (a second monitor of one interval: neither recurs): the pseudo "
     "start leaves it stopped everywhere"),
    ("rec-node-10", ["add set order Mandatory require-all=false rsc1 rsc2", "fail rsc2 stop rc=5 on node1"],
     "a stop failed with a hard error (rc 5) on a node nothing can fence (no quorum): 'no further recovery', "
     "the resource is blocked, nothing is scheduled for it (bench seed 140065)"),
    ("rec-node-10", ["fail rsc2 stop rc=2 on node1"], "the same with rc 2 (invalid parameter)"),
    ("rec-node-10", ["fail rsc2 stop rc=1 on node1"], "a generic stop failure there is not blocked"),
    ("probe-2", ["add colocation ms_drbd_www clone_nfs-common INFINITY rsc-role=Unpromoted"],
     "an interleaved promotable clone's Unpromoted role mandatorily colocated with a clone: the instance "
     "beside the primary's instance gets promotion priority -INFINITY and is demoted (bench seed 140065)"),
    ("probe-2", ["add colocation ms_drbd_www clone_nfs-common 100 rsc-role=Unpromoted"],
     "the same with a finite score: applied through the primary instance on the same node"),
    ("load-stopped-loop-2", ["probe xu-test2 on xfc1 rc=0", "meta xu-test2 multiple-active=block",
                             "add primitive variant-rsc"],
     "multiple-active=block unmanages a resource only after native_add_running pinned it: no INFINITY on the "
     "node that made it multiply active, so balanced placement moves the others as 2.1.5 does (bench seed 140071)"),
    ("partial-live-migration-multiple-active", ["probe migrator on node2 rc=0"],
     "a migration half done (migrate_to, then a stop on the source, no migrate_from) that cannot go on is "
     "no migration: the resource moves by stop and start (bench seed 140074)"),
    ("probe-2", ["meta mysql-proxy requires=unfencing"],
     "a fence device whose parameters changed unfences its node only where that node's history is read "
     "(pcmk__handle_rsc_config_changes: not a standby node): Fence (on) wc01, not wc02"),
    ("probe-2", ["meta nfs-kernel-server requires=nothing", "meta mysql-proxy requires=unfencing",
                 "property have-quorum=0"],
     "the same without quorum (bench seed 140097)"),
    ("migrate-fencing", ["add colocation master-1 rsc_pcmk-2 100"],
     "clone instances are ordered by their current node's weight with the clone's colocations folded in "
     "(cmp_instance_by_colocation): the instance on pcmk-2 goes first, so of instances tied on promotion "
     "score it is promoted"),
    ("migrate-fencing", ["add set colocation 100 role=Unpromoted master-1 | rsc_pcmk-2",
                         "param stateful-1 variant-param=changed"],
     "the same whatever the colocation's role (bench seed 140104)"),
    ("1484", ["op the-future-of-vaj start on-fail=ignore"],
     "a failed start configured on-fail=ignore counts as a success, so its changed definition restarts it "
     "(bench seed 140136)"),
]


@pytest.mark.parametrize("case, edits, why", FIXED, ids=[f"{row[0]}-{i}" for i, row in enumerate(FIXED)])
def test_variant_agrees_with_real_crm_simulate(tmp_path, case, edits, why):
    path, real = real_on_variant(tmp_path, case, edits)
    assert real.returncode == 0 and "Transition Summary:" in real.stdout
    rc, out, err = simulated(path)
    verdict = load_compare().compare_texts(real.stdout, out, anon=True)
    assert rc == 0 and verdict["match"], f"{why}: {err}{verdict}"


def _start_call(cib_text: str, node: str, rsc: str) -> int:
    root = etree.fromstring(cib_text.encode())
    calls = [int(op.get("call-id")) for op in root.xpath(
        f"status/node_state[@uname='{node}']//lrm_resource[@id='{rsc}']/lrm_rsc_op[@operation='start']")]
    return max(calls)


def test_live_lab_restarts_every_instance_of_a_clone_ordered_after_a_moving_one(tmp_path):
    """A mandatory order between two clones in a live lab: when the first moves an instance, the lab
    plans (crm_simulate -L) what the real crm_simulate plans on its export (every instance of the
    second restarts, 'due to required a-clone running'), runs it, and settles where the real
    scheduler has nothing left to do."""
    lab = Lab.simulated(nodes=3, seed=0)
    lab.advance(30)
    for command in ("pcs stonith create fence1 fence_dummy pcmk_host_list='node1 node2 node3'",
                    "pcs resource create a ocf:pacemaker:Dummy clone clone-max=2",
                    "pcs resource create b ocf:pacemaker:Dummy clone",
                    "pcs constraint order start a-clone then start b-clone"):
        assert lab.run("node1", command).rc == 0, command
    lab.advance(60)
    moving, staying = lab.state().resource("a-clone").nodes
    assert lab.run("node1", f"crm_standby -N {moving} -v on").rc == 0
    before = lab.run("node1", "cibadmin -Q").stdout
    path = tmp_path / "before.xml"
    path.write_text(before)
    env = {"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    real = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True, env=env, timeout=60)
    ours = lab.run("node1", "crm_simulate -L -S").stdout
    assert load_compare().compare_texts(real.stdout, ours, anon=True)["match"], ours
    assert ours.count("due to required a-clone running") == 2, ours
    lab.advance(60)
    after = lab.run("node1", "cibadmin -Q").stdout
    assert _start_call(after, staying, "b") > _start_call(before, staying, "b")   # restarted where a stayed
    path.write_text(after)
    settled = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True, env=env,
                             timeout=60)
    summary = settled.stdout.split("Transition Summary:")[1].split("Executing Cluster Transition:")[0]
    assert summary.strip() == "", summary
