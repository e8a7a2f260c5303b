"""The Pacemaker half of the course (05-10): right answers pass, plausible wrong ones fail and say why.

Each check is run as a student would meet it: a correct design passes on
more than one seed, a wrong one fails with an explanation that names what
the cluster did, without giving the answer away.
"""

from __future__ import annotations

import pytest

from halab_graders import capstone, constraints, failover, fencing, incidents, resources, troubleshooting
from halab_graders.service import service_up

VIP = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24"
FS = "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4"
WEB = ("pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
       "statusurl=http://localhost/server-status")
# 05 names its own address and disk (graders/halab_graders/resources.py); the capstone (10) uses the ones above.
VIP_05 = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24"
FS_05 = "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4"
FENCE = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"'


def test_05_a_monitor_too_slow_fails_even_when_the_failure_comes_at_a_lucky_moment():
    good = f"pcs property set stonith-enabled=false\n{VIP_05} op monitor interval=10s"
    assert resources.vip_monitored(good).passed
    slow = resources.vip_monitored(good.replace("10s", "60s"))
    assert not slow.passed and "noticed 60.0 s after" in slow.observed and slow.hint


def test_05_the_filesystem_must_be_mounted_before_the_web_server_starts():
    grouped = f"pcs property set stonith-enabled=false\n{FS_05} --group websvc\n{WEB} --group websvc"
    assert resources.filesystem_first(grouped).passed
    colocated = f"pcs property set stonith-enabled=false\n{FS_05}\n{WEB}\npcs constraint colocation add web with fs INFINITY"
    verdict = resources.filesystem_first(colocated)
    assert not verdict.passed and "before fs had started" in verdict.observed


@pytest.mark.parametrize("seed", [0, 7])
def test_06_constraints_or_a_group_both_pass(seed):
    assert constraints.together_in_order("pcs constraint location vip prefers node2=100\n"
                                         "pcs constraint colocation add web with vip INFINITY\n"
                                         "pcs constraint order vip then web", seed=seed).passed
    assert constraints.together_in_order("pcs resource group add webgroup vip web\n"
                                         "pcs constraint location webgroup prefers node2=100", seed=seed).passed


def test_06_colocation_without_order_is_caught_by_the_start_events():
    verdict = constraints.together_in_order("pcs constraint location vip prefers node2=100\n"
                                            "pcs constraint colocation add web with vip INFINITY")
    assert not verdict.passed
    assert "before vip had started" in verdict.observed and any("start web" in line for line in verdict.events)


def test_06_stickiness_must_outweigh_the_preference_summed_over_the_group():
    assert constraints.stays_put("pcs resource defaults update resource-stickiness=100").passed
    too_weak = constraints.stays_put("pcs resource defaults update resource-stickiness=20")
    assert not too_weak.passed and "back to it" in too_weak.observed


def test_06_score_reading_is_checked_against_crm_simulate_without_printing_it():
    assert constraints.read_scores(110).passed
    wrong = constraints.read_scores(250)
    assert not wrong.passed and "110" not in wrong.explain()


def test_07_failover_measurement_and_threshold():
    truth = failover.crash_failover_seconds(failover.failover_lab())
    assert failover.measured_failover(truth + 0.2).passed
    assert not failover.measured_failover(truth - 2.6).passed  # forgot the recovery phase
    assert failover.migration_policy("pcs resource meta web migration-threshold=2").passed
    one_strike = failover.migration_policy("pcs resource meta web migration-threshold=1")
    assert not one_strike.passed and "first failure" in one_strike.observed


def test_07_recovery_goal_needs_both_a_short_token_and_a_short_monitor():
    assert failover.fast_recovery({"token_ms": 1000, "monitor_seconds": 4}).passed
    slow_token = failover.fast_recovery({"token_ms": 3000, "monitor_seconds": 4})
    assert not slow_token.passed and "crash of its node" in slow_token.observed
    slow_monitor = failover.fast_recovery({"token_ms": 1000, "monitor_seconds": 10})
    assert not slow_monitor.passed and "process died" in slow_monitor.observed
    assert not failover.fast_recovery({"token_ms": 200, "monitor_seconds": 4}).passed


FORGIVE = "pcs resource meta web migration-threshold=3 failure-timeout={}"


@pytest.mark.parametrize("seed", [0, 3])
def test_07_failures_are_forgiven_at_the_failure_timeout_and_the_service_comes_home(seed):
    assert failover.forgiven_failures(FORGIVE.format("2min"), seed=seed).passed
    assert failover.forgiven_failures(FORGIVE.format("120s"), seed=seed).passed
    assert failover.forgiven_failures("pcs resource defaults update migration-threshold=3 failure-timeout=2min",
                                      seed=seed).passed


@pytest.mark.parametrize("answer, story", [
    ("pcs resource meta web migration-threshold=3", "is still away and its fail count there is still 3"),
    (FORGIVE.format("5min"), "is still away and its fail count there is still 3"),
    (FORGIVE.format("60s"), "forgiven too soon"),
    (FORGIVE.format("30s"), "after its third failure on node1, web runs on node1"),  # forgotten before the third
    ("pcs resource meta web migration-threshold=2 failure-timeout=2min", "after its second failure on node1, web runs on"),
])
def test_07_wrong_forgiveness_is_explained_by_what_the_cluster_did(answer, story):
    verdict = failover.forgiven_failures(answer)
    assert not verdict.passed and story in verdict.observed and verdict.events and verdict.hint
    assert "failure-timeout=2min" not in verdict.explain() and "120" not in verdict.explain()


RACE_DEVICES = ("pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1{}\n"
                "pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2{}")


def test_08_a_fixed_delay_on_the_device_that_fences_the_holder_wins_the_race_on_every_seed():
    assert fencing.fence_race(RACE_DEVICES.format("", " pcmk_delay_base=5s")).passed
    assert fencing.fence_race(RACE_DEVICES.format("", " pcmk_delay_base=5s"), seeds=(3, 4, 5)).passed


@pytest.mark.parametrize("answer, story", [
    ('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_max=5s',
     "seed 0: both nodes were shot"),  # random delays 0-4 s against a 3 s fence_xvm action: seed 0 draws 3 and 3
    ('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base=5s',
     "seed 0: both nodes were shot"),  # the same delay for both: no head start, a double kill
    (RACE_DEVICES.format(" pcmk_delay_base=5s", ""), "seed 0: node2, which ran fs, lost the race"),  # wrong side
    (RACE_DEVICES.format("", ""), "seed 0: both nodes were shot: node1 began fencing node2"),  # no delay: the DC
    # decides 0.3 s before its peer, well within a fence action
    ("pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s", "no fence device can fence node1"),
    ("pcs property set stonith-enabled=false", "nobody fenced anybody (fs on node1, node2)"),
])
def test_08_a_race_left_to_chance_or_to_the_wrong_node_is_explained(answer, story):
    verdict = fencing.fence_race(answer)
    assert not verdict.passed and story in verdict.observed and verdict.hint


def test_08_fencing_must_happen_before_the_takeover():
    assert fencing.fence_device(FENCE).passed
    disabled = fencing.fence_device("pcs property set stonith-enabled=false")
    assert not disabled.passed and "nobody fenced it" in disabled.observed
    nothing = fencing.fence_device("pcs resource cleanup")
    assert not nothing.passed and any("STONITH" in line for line in nothing.events)


def test_08_a_two_node_cut_without_fencing_mounts_the_disk_twice():
    assert fencing.without_fencing({"node1", "node2"}).passed
    assert not fencing.without_fencing({"node1"}).passed


def test_09_puzzles_are_broken_and_repairs_are_judged_by_the_running_service():
    assert not service_up(troubleshooting.puzzle("B").state(), ("vip", "web"))
    assert troubleshooting.diagnoses(troubleshooting._CAUSE_OF).passed
    fixes = {"A": ["pcs constraint delete location-webgroup-node2.lab.example-100",
                   "pcs constraint location webgroup prefers node2=100"],
             "B": ["pcs constraint colocation add web with vip INFINITY"],
             "C": ["pcs resource clear webgroup"],
             "D": ["pcs cluster start --all"]}
    assert troubleshooting.all_repaired(fixes).passed
    hidden_votes = troubleshooting.repaired({"D": "pcs quorum expected-votes 1"}, "D")
    assert not hidden_votes.passed and "not online" in hidden_votes.observed
    symptom_only = troubleshooting.repaired({"C": "pcs constraint location webgroup prefers node1=200"}, "C")
    assert not symptom_only.passed


def test_09_a_wrong_diagnosis_names_neither_the_puzzle_nor_the_cause_nor_how_many():
    """One wrong letter and three wrong letters get the same verdict: nothing to guess a letter at a time from."""
    one = troubleshooting.diagnoses({**troubleshooting._CAUSE_OF, "A": "no-fencing"})
    other = troubleshooting.diagnoses({**troubleshooting._CAUSE_OF, "D": "no-fencing"})
    three = troubleshooting.diagnoses({"A": "lost-quorum", "B": "leftover-ban", "C": "wrong-hostname",
                                       "D": "missing-colocation"})
    assert not one.passed and not other.passed and not three.passed
    assert one.explain() == other.explain() == three.explain()
    assert "wrong-hostname" not in one.explain() and "puzzle(s) A" not in one.observed
    shared = troubleshooting.diagnoses({**troubleshooting._CAUSE_OF, "A": "leftover-ban"})
    assert "more than one puzzle" in shared.observed  # the text's rule, not the answer key


def test_09_incidents_differ_so_only_reading_them_names_the_first_cause():
    truths = []
    for seed in range(6):
        lab = incidents.incident(seed)
        truth, seen = incidents.truth(lab), incidents.evidence(lab)
        failure = f"Result of {truth['operation']} operation for {truth['resource']} on {truth['node']}: not running"
        first = next(line for line in seen.log.splitlines()
                     if "Result of" in line and "probe" not in line and not line.endswith(": ok"))
        assert first.endswith(failure)  # the log's first real failure is the one the events say
        summary = seen.replays[truth["pe_input"]].split("Transition Summary:")[1].split("Executing")[0]
        assert " web " in summary and "Start      web" not in summary  # its replay stops web
        assert "Failed Resource Actions" in lab.run(lab.node_names[0], "crm_mon -1rf").output
        truths.append(truth)
    for key in ("pe_input", "resource", "node"):
        assert len({truth[key] for truth in truths}) > 1, f"every incident has the same {key}"
    remembered = truths[0]
    assert not incidents.diagnosis(lambda log, replays: remembered, seed=1).passed


@pytest.mark.parametrize("seed, campaign_seed", [(0, 3), (1, 7), (2, 5)])
def test_10_a_grouped_fenced_sticky_service_survives_campaigns(seed, campaign_seed):
    good = [FENCE, FS, VIP, WEB, "pcs resource group add webgroup fs vip web",
            "pcs resource defaults update resource-stickiness=100"]
    assert capstone.web_service_built(good, seed=seed).passed
    assert capstone.web_service(good, seed=seed, campaign_seed=campaign_seed).passed


def test_10_without_fencing_the_campaign_shows_the_service_running_twice():
    unfenced = [FENCE, "pcs property set stonith-enabled=false", FS, VIP, WEB, "pcs resource group add webgroup fs vip web"]
    assert capstone.web_service_built(unfenced).passed
    verdict = capstone.web_service(unfenced)
    assert not verdict.passed and "at the same time" in verdict.observed and "partition" in verdict.observed


def test_10_campaigns_are_one_incident_at_a_time_and_reproducible():
    plan = capstone.campaign(("node1", "node2", "node3"), seed=3)
    assert plan == capstone.campaign(("node1", "node2", "node3"), seed=3)
    actions = [fault.action for fault in plan.faults]
    assert actions[1::2] == [{"crash": "restart", "partition": "heal"}[action] for action in actions[0::2]]


def test_08_and_10_every_node_must_be_listed_by_some_fence_device():
    partial = FENCE.replace("node1 node2 node3", "node1 node2")
    verdict = fencing.fence_device(partial)
    assert not verdict.passed and "no fence device can fence node3" in verdict.observed
    per_node = "\n".join(f"pcs stonith create fence-{name} fence_xvm port={name} pcmk_host_list={name}"
                         for name in ("node1", "node2", "node3"))
    assert fencing.fence_device(per_node).passed
    assert not capstone.web_service_built([partial, FS, VIP, WEB, "pcs resource group add webgroup fs vip web"]).passed


@pytest.mark.parametrize("value, target, seconds", [
    ("5s", "node2", 5.0), ("node1:0s;node2:5s", "node2", 5.0), ("node1:0s;node2:5s", "node1", 0.0),
    ("node1:2 node2:5s", "node1", 2.0), ("node2:5s", "node1", 0.0), (None, "node1", 0.0),
])
def test_08_pcmk_delay_base_is_read_per_target_as_fenced_reads_it(value, target, seconds):
    from halab_kernel.sim.pacemaker.controller import delay_base_for

    assert delay_base_for(value, target) == seconds


@pytest.mark.parametrize("answer, passes", [
    ('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node1:0s;node2:5s"', True),
    ('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node1:5s;node2:0s"', False),
    ('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n'
     'pcs property set priority-fencing-delay=10s\npcs resource meta fs priority=10', True),
    ('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=10s',
     False),  # every node weighs the same: no delay for anyone
])
def test_08_a_per_target_delay_map_and_priority_fencing_delay_win_the_race(answer, passes):
    assert fencing.fence_race(answer).passed is passes
