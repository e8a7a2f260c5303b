"""The two-node fence race: both nodes of a two_node pair lose each other at once and each schedules
fencing of the other. A fence agent sends its request to the board (or hypervisor) when it starts, and
the device carries it out even if the requester is powered off meanwhile: two shots that start within
each other's fence action both land (a double kill, the total outage that pcmk_delay_base,
pcmk_delay_max and priority-fencing-delay exist to prevent); a head start that outlasts the other
node's whole fence action lets only one land."""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_kernel.model import ActionStarted, DaemonStopped, NodeFenced
from tests.sim.topology import set_property


def _race(device: str, seed: int = 0) -> tuple[Lab, float]:
    lab = Lab.simulated(nodes=2, seed=seed, corosync={"quorum": {"two_node": 1}})
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    set_property(lab, "stonith-enabled", "true")
    assert lab.run("node1", device).ok
    lab.advance(20)
    cut = lab.now
    lab.partition(["node1"], ["node2"])
    lab.advance(25)  # shots land within seconds; a shot node stays off for its 30 s reboot
    return lab, cut


def _shot(lab: Lab, since: float) -> set[str]:
    """Nodes whose machine went down after `since` (no fault was injected after the cut)."""
    return {e.node for e in lab.events if isinstance(e, DaemonStopped) and e.daemon == "corosync"
            and not e.graceful and e.time >= since}


def _fence_starts(lab: Lab, since: float) -> dict[str, float]:
    return {e.node: e.time for e in lab.events if isinstance(e, ActionStarted) and e.action == "fence"
            and e.time >= since}


@pytest.mark.parametrize("device", [
    'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"',  # no delay at all
    'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:2s"',  # < 3 s
    'pcs stonith create fence-ipmi fence_ipmilan ip=10.0.0.9 username=a password=b pcmk_host_list="node1 node2" '
    'pcmk_delay_base="node2:3s"',  # shorter than fence_ipmilan's 4 s
])
def test_shots_that_overlap_both_land(device: str) -> None:
    lab, cut = _race(device)
    assert set(_fence_starts(lab, cut)) == {"node1", "node2"}  # each scheduled fencing of the other
    assert _shot(lab, cut) == {"node1", "node2"}
    assert all(n.status == "offline" for n in lab.state().nodes)  # a total outage
    reports = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= cut]
    assert len(reports) <= 1  # the first shooter may hear its own result before the second shot lands
    back = lab.now
    lab.advance(60)  # both boot again (reboot), alone behind the cut: wait_for_all keeps them from shooting
    assert not [e for e in lab.events if isinstance(e, ActionStarted) and e.action == "fence" and e.time >= back]
    lab.heal()
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 60)


@pytest.mark.parametrize("device", [
    'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s"',
    'pcs stonith create fence-ipmi fence_ipmilan ip=10.0.0.9 username=a password=b pcmk_host_list="node1 node2" '
    'pcmk_delay_base="node2:5s"',
])
def test_a_head_start_that_outlasts_the_other_fence_action_leaves_one_survivor(device: str) -> None:
    lab, cut = _race(device)
    assert _shot(lab, cut) == {"node1"}
    reports = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= cut]
    assert [(e.node, e.target, e.ok) for e in reports] == [("node2", "node1", True)]
    assert "node1" not in _fence_starts(lab, cut) or lab.state().dc == "node2"


def test_the_delayed_requester_that_dies_during_its_delay_sends_nothing() -> None:
    lab, cut = _race('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s"')
    node1_log = [e.text for e in lab.events if getattr(e, "daemon", "") == "pacemaker-fenced" and e.node == "node1"
                 and e.time >= cut]
    assert any("wants to fence (reboot) node2" in line for line in node1_log)
    assert not any("returned 0" in line for line in node1_log)  # its agent never ran: node2 stayed up


def test_with_concurrent_requests_the_later_one_lands_even_when_its_requester_is_gone() -> None:
    """The order of the landing does not matter: the second shot lands after its shooter is dead."""
    lab, cut = _race('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"')
    starts = _fence_starts(lab, cut)
    down = {e.node: e.time for e in lab.events if isinstance(e, DaemonStopped) and e.daemon == "corosync"
            and e.time >= cut}
    first, second = sorted(starts, key=starts.get)
    assert down[second] < down[first]  # the first requester's shot landed first ...
    assert down[first] == pytest.approx(starts[second] + 3.0)  # ... and the second's, 3 s (fence_xvm) after it began
