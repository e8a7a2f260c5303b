"""The cluster in motion, timed against the real 3-node rig (shared/notes/real-cluster-rig.md)."""

from __future__ import annotations

import pytest

from halab_kernel.model import ActionFinished, DaemonStopped, MembershipChanged, NodeFenced, TransitionComputed
from tests.sim.topology import SERVICE, runs_on_one_node_other_than, service_lab, service_nodes


def _recovery_seconds(lab, victim: str, inject) -> float:
    start = lab.now
    inject()
    assert lab.wait_until(lambda s: runs_on_one_node_other_than(lab, victim), timeout=60), service_nodes(lab)
    return lab.now - start


@pytest.mark.parametrize("token_ms, real_mean", [(None, 9.1), (1000, 5.5)])
def test_crash_of_the_resource_holder_recovers_as_fast_as_the_real_cluster(token_ms, real_mean) -> None:
    lab = service_lab(token_ms=token_ms)
    seconds = _recovery_seconds(lab, "node2", lambda: lab.crash("node2"))
    assert real_mean * 0.85 <= seconds <= real_mean * 1.15, f"{seconds:.2f}s vs real {real_mean}s"
    fenced = [e for e in lab.events if isinstance(e, NodeFenced)]
    assert [e.target for e in fenced] == ["node2"]  # fenced before its resources moved
    moved_at = min(e.time for e in lab.events if isinstance(e, ActionFinished) and e.action == "start"
                   and e.node != "node2" and e.resource in SERVICE and e.time > fenced[0].time - 60)
    assert fenced[0].time <= moved_at


def test_the_order_of_a_recovery_follows_the_constraints() -> None:
    lab = service_lab()
    crashed_at = lab.now
    lab.crash("node2")
    lab.advance(20)
    starts = [e.resource for e in lab.events if isinstance(e, ActionFinished) and e.action == "start"
              and e.time > crashed_at and e.resource in SERVICE]
    assert starts == ["vip", "dummy2", "dummy1"]  # group order, then "start grp then start dummy1"


def test_partition_of_the_holder_without_fencing_stops_the_minority_and_moves_the_service() -> None:
    lab = service_lab(stonith=False)
    start = lab.now
    lab.partition(["node2"], ["node1", "node3"])
    assert lab.wait_until(lambda s: runs_on_one_node_other_than(lab, "node2"), timeout=60)
    majority = lab.now - start
    assert 9.0 * 0.85 <= majority <= 9.3 * 1.15  # real: majority recovered ~9.3 s
    lab.advance(5)
    stops = [e for e in lab.events if isinstance(e, ActionFinished) and e.node == "node2" and e.action == "stop"
             and e.time > start]
    assert {e.resource for e in stops} >= set(SERVICE)  # no-quorum-policy=stop on the minority
    assert 9.0 * 0.85 <= max(e.time for e in stops) - start <= 9.0 * 1.15  # real: ~9 s
    state = lab.state()
    assert not state.quorate("node2") and state.quorate("node1")


def test_monitor_failure_is_found_at_the_next_monitor_and_recovered() -> None:
    lab = service_lab()
    start = lab.now
    lab.fail_resource("dummy2", "node2")

    def failed_monitors() -> list:
        return [e for e in lab.events if isinstance(e, ActionFinished) and e.time >= start and e.rc == 7
                and e.interval_ms]

    assert lab.wait_until(lambda s: bool(failed_monitors()), timeout=20)
    detected = failed_monitors()[0].time - start
    assert 0 < detected <= 10.0  # at the next 10 s monitor
    assert lab.wait_until(lambda s: s.resource("dummy2").nodes != () and s.resource("dummy2").failcounts, 10)
    assert lab.state().resource("dummy2").failcounts == {"node2": 1}


def test_migration_threshold_one_moves_dummy1_after_its_first_failure() -> None:
    lab = service_lab()
    lab.fail_resource("dummy1", "node2")
    lab.advance(15)
    state = lab.state()
    # dummy1 must run with grp: with node2 banned for dummy1 after one failure, the whole service moves.
    assert runs_on_one_node_other_than(lab, "node2"), service_nodes(lab)
    assert state.resource("dummy1").failcounts == {"node2": 1}


def test_standby_moves_the_service_in_about_a_second() -> None:
    lab = service_lab()
    start = lab.now
    xml = ('<node id="2" uname="node2"><instance_attributes id="nodes-2"><nvpair id="nodes-2-standby" '
           'name="standby" value="on"/></instance_attributes></node>')
    assert lab.run("node1", f"cibadmin --modify -o nodes -X '{xml}'").ok
    assert lab.wait_until(lambda s: runs_on_one_node_other_than(lab, "node2"), timeout=10)
    assert lab.now - start <= 1.5  # real: 0.46 s from the CIB change to transition complete
    assert lab.state().node("node2").status == "standby"


def test_clean_stop_moves_resources_first_and_is_not_fenced() -> None:
    lab = service_lab()
    lab.stop("node2")
    lab.advance(30)
    assert runs_on_one_node_other_than(lab, "node2")
    assert not any(isinstance(e, NodeFenced) for e in lab.events)
    assert lab.state().node("node2").status == "offline"
    assert not lab.state().node("node2").corosync_running


def test_a_transition_follows_every_membership_change() -> None:
    lab = service_lab()
    before = sum(isinstance(e, TransitionComputed) for e in lab.events)
    lab.crash("node3")
    lab.advance(20)
    changes = [e for e in lab.events if isinstance(e, MembershipChanged) and e.node == "node1" and e.left]
    transitions = [e for e in lab.events if isinstance(e, TransitionComputed) and e.time > changes[-1].time]
    assert sum(isinstance(e, TransitionComputed) for e in lab.events) > before
    assert transitions and transitions[0].time - changes[-1].time == pytest.approx(1.0, abs=0.1)


def test_same_seed_same_logs() -> None:
    def run() -> list[str]:
        lab = service_lab(seed=4)
        lab.crash("node2")
        lab.advance(60)
        return list(lab.logs()["line"])

    first = run()
    assert len(first) > 100 and run() == first


def test_two_node_fence_race_is_won_by_one_side_only() -> None:
    """two_node keeps both halves quorate; both try to fence; pcmk_delay_max lets exactly one win."""
    from halab_kernel import Lab
    from tests.sim.topology import set_property

    for seed in range(6):
        lab = Lab.simulated(nodes=2, seed=seed, corosync={"quorum": {"two_node": 1}})
        assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
        set_property(lab, "stonith-enabled", "true")
        xml = ('<primitive id="fence" class="stonith" type="fence_dummy"><instance_attributes id="fence-ia">'
               '<nvpair id="fence-delay" name="pcmk_delay_max" value="5s"/></instance_attributes></primitive>')
        assert lab.run("node1", f"cibadmin -C -o resources -X '{xml}'").ok
        lab.advance(10)
        lab.partition(["node1"], ["node2"])
        lab.advance(40)
        fenced = [e.target for e in lab.events if isinstance(e, NodeFenced)]
        assert len(fenced) == 1, (seed, fenced)


def test_after_a_heal_the_two_partitions_dcs_become_one() -> None:
    lab = service_lab(stonith=False)
    lab.partition(["node1"], ["node2", "node3"])
    lab.advance(20)
    assert {p.dc for p in lab.state().partitions} == {"node1", "node2"}  # each side elected its own
    lab.heal()
    lab.advance(30)
    state = lab.state()
    assert [p.dc for p in state.partitions] == ["node1"]
    assert all(node.status == "online" for node in state.nodes)
    assert "UNCLEAN" not in lab.run("node1", "crm_mon -1").stdout


def _ready(**options):
    from halab_kernel import Lab

    lab = Lab.simulated(**options)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    return lab


def test_failure_timeout_forgets_a_failure_when_it_expires() -> None:
    lab = _ready(nodes=3)
    lab.run("node1", "pcs property set stonith-enabled=false")
    assert lab.run("node1", "pcs resource create web ocf:heartbeat:Dummy op monitor interval=10s "
                            "meta migration-threshold=2 failure-timeout=60s").ok
    lab.advance(5)
    home = lab.state().resource("web").nodes
    lab.fail_resource("web")
    lab.advance(15)
    assert lab.state().resource("web").failcounts == {home[0]: 1}
    lab.advance(60)  # the DC rechecks at the expiry, not at the next cluster-recheck-interval (15 min)
    assert lab.state().resource("web").failcounts == {}
    lab.fail_resource("web")
    lab.advance(15)
    assert lab.state().resource("web").nodes == home  # one failure again: restarted in place


def test_a_node_no_fence_device_can_reach_is_never_shot_and_its_service_waits() -> None:
    lab = _ready(nodes=3)
    assert lab.run("node1", "pcs stonith create fence fence_xvm pcmk_host_list='node1 node2'").ok
    assert lab.run("node1", "pcs resource create web ocf:heartbeat:Dummy").ok
    assert lab.run("node1", "pcs constraint location web prefers node3").ok
    lab.advance(10)
    lab.crash("node3")
    lab.advance(40)
    attempts = [e for e in lab.events if isinstance(e, NodeFenced)]
    assert attempts and not any(e.ok for e in attempts)
    web = lab.state().resource("web")
    assert web.running_on == () and web.nodes == ("node3",)  # never recovered without fencing: crm_mon
    # still shows it Started on node3 (UNCLEAN), which it cannot know is down
    assert lab.state().node("node3").status == "unclean"


def test_the_device_with_the_delay_loses_the_fence_race_for_its_node() -> None:
    lab = _ready(nodes=2, corosync={"quorum": {"two_node": 1}})
    for command in ("pcs stonith create fence-node1 fence_xvm port=node1 pcmk_host_list=node1",
                    "pcs stonith create fence-node2 fence_xvm port=node2 pcmk_host_list=node2 pcmk_delay_base=5s"):
        assert lab.run("node1", command).ok
    lab.advance(10)
    lab.partition(["node1"], ["node2"])
    lab.advance(40)
    assert [e.target for e in lab.events if isinstance(e, NodeFenced) and e.ok] == ["node1"]


def test_quorum_regained_without_a_membership_change_starts_the_service() -> None:
    lab = _ready(nodes=3)
    lab.run("node1", "pcs property set stonith-enabled=false")
    assert lab.run("node1", "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.5").ok
    lab.crash("node2")
    lab.crash("node3")
    lab.advance(30)
    assert lab.state().resource("vip").nodes == ()  # no quorum: stopped
    assert lab.run("node1", "pcs quorum expected-votes 1").rc == 0
    lab.advance(5)
    assert lab.state().resource("vip").nodes == ("node1",)


def test_a_node_that_rejoins_after_a_crash_brings_no_stale_history() -> None:
    lab = _ready(nodes=3)
    for command in ("pcs property set stonith-enabled=false", "pcs resource defaults update resource-stickiness=200",
                    "pcs resource create web ocf:heartbeat:Dummy", "pcs constraint location web prefers node2=100"):
        assert lab.run("node1", command).ok
    lab.advance(30)
    lab.crash("node2")
    lab.advance(30)
    moved = lab.state().resource("web").nodes
    lab.restart("node2")
    lab.advance(30)
    assert lab.state().resource("web").nodes == moved  # stickiness 200 beats the preference of 100


def test_survivors_keep_their_old_picture_until_corosync_notices() -> None:
    """A real node shows the crashed node (and a crashed DC) as alive for token + consensus."""
    lab = service_lab(stonith=False)
    lab.crash("node1")  # the DC
    lab.advance(0.5)
    text = lab.run("node3", "crm_mon -1").stdout
    assert "Current DC: node1" in text and "Online: [ node1 node2 node3 ]" in text
    lab.advance(10)
    text = lab.run("node3", "crm_mon -1").stdout
    assert "Current DC: node2" in text and "OFFLINE: [ node1 ]" in text


def test_sbd_watchdog_fencing_without_a_fence_device() -> None:
    """SBD: a node cut off from quorum resets itself within half the watchdog timeout, and the
    majority takes over after stonith-watchdog-timeout, with no fence device configured."""
    lab = _ready(nodes=3)
    assert "Warning: Cluster restart is required" in lab.run("node1", "pcs stonith sbd enable").output
    lab.run("node1", "pcs cluster stop --all")
    lab.advance(30)
    lab.run("node1", "pcs cluster start --all")
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    assert "node3: YES | YES | YES" in lab.run("node1", "pcs stonith sbd status").stdout
    assert lab.run("node1", "pcs property set stonith-watchdog-timeout=10s").rc == 0
    assert lab.run("node1", "pcs resource create web ocf:heartbeat:Dummy").ok
    assert lab.run("node1", "pcs constraint location web prefers node3").ok
    lab.advance(10)
    assert lab.state().resource("web").nodes == ("node3",)
    start = lab.now
    lab.partition(["node3"], ["node1", "node2"])
    lab.advance(30)
    reset = [e for e in lab.events if isinstance(e, DaemonStopped) and e.node == "node3" and e.time > start]
    assert reset and reset[0].time - start == pytest.approx(8.03 + 5.0, abs=0.1)  # inquorate, then watchdog / 2
    fenced = [e for e in lab.events if isinstance(e, NodeFenced) and e.time > start]
    assert [(e.target, e.action, e.ok) for e in fenced] == [("node3", "watchdog", True)]
    assert lab.state().resource("web").nodes in (("node1",), ("node2",))


def test_without_sbd_the_watchdog_timeout_is_refused() -> None:
    lab = _ready(nodes=3)
    result = lab.run("node1", "pcs property set stonith-watchdog-timeout=10s")
    assert result.rc == 1 and "can only be unset or set to 0 while SBD is disabled" in result.stderr


def test_an_unmanaged_resource_cleaned_up_is_monitored_again_and_its_failure_seen() -> None:
    """pcs resource cleanup forgets an unmanaged resource's history; Pacemaker probes it and
    schedules its recurring monitor again (pcmk__create_recurring_actions), so a later failure
    is counted and listed (the cluster does not recover it: it is unmanaged)."""
    lab = service_lab()
    assert lab.run("node1", "pcs resource unmanage dummy1").ok
    lab.advance(15)
    assert lab.run("node1", "pcs resource cleanup dummy1").ok
    lab.advance(15)
    assert lab.state().resource("dummy1").failcounts == {}
    failed_at = lab.now
    lab.fail_resource("dummy1", "node2")
    assert lab.wait_until(lambda s: s.resource("dummy1").failcounts == {"node2": 1}, 15)  # the next 10 s monitor
    shown = lab.run("node1", "crm_mon -1rf").stdout  # as real crm_mon shows it (tests/test_runtime_vs_crm_simulate.py)
    assert "dummy1\t(ocf:pacemaker:Dummy):\t Stopped (unmanaged)" in shown
    assert "* dummy1: migration-threshold=1 fail-count=1" in shown
    assert not any(e.resource == "dummy1" and e.action in ("start", "stop") for e in lab.events
                   if isinstance(e, ActionFinished) and e.time > failed_at)
