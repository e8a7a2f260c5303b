"""Per-node answers -> ClusterState -> events, on the captured real cluster's outputs."""

from __future__ import annotations

from halab_kernel.model import (
    ActionFinished,
    DaemonStopped,
    DCElected,
    LogLine,
    MembershipChanged,
    NodeFenced,
    QuorumChanged,
    TokenLost,
)
from halab_kernel.remote.events import EventTracker
from halab_kernel.remote.logs import log_events, parse_log
from halab_kernel.remote.probe import Probe
from halab_kernel.remote.snapshot import NodeReport, assemble, read_probe
from tests.remote.conftest import capture

NODES = ("node1", "node2", "node3")


def report(node: str, *parts: str) -> NodeReport:
    folder = capture(*parts, node)
    sections = {
        "crm_mon": (0, (folder / "crm_mon-1-xml.xml").read_text()),
        "cib": (0, (folder / "cibadmin-Q.xml").read_text()),
        "quorum": (int((folder / "corosync-quorumtool-s.txt.rc").read_text()), (folder / "corosync-quorumtool-s.txt")
                   .read_text()),
        "links": (0, (folder / "corosync-cfgtool-s.txt").read_text()),
    }
    return read_probe(node, Probe(sections))


def test_a_partition_shows_as_two_partitions_with_each_nodes_own_view():
    state = assemble(5.0, NODES, [report("node1", "05-partition-fencing", "majority-view"),
                                  report("node2", "05-partition-fencing", "minority-view")])
    assert [(p.members, p.quorate, p.dc) for p in state.partitions] == [
        (("node1", "node3"), True, "node1"), (("node2",), False, None)]
    assert state.quorate("node1") and not state.quorate("node2")
    assert state.dc == "node1"  # placement is read from the quorate DC's picture
    assert state.resource("dummy1").nodes == ("node3",)


def test_an_unreachable_node_is_reported_not_powered_and_not_running():
    state = assemble(1.0, NODES, [report("node1", "03-after-node-crash-token-default"),
                                  NodeReport("node2", reachable=False, error="timeout")])
    node2 = state.node("node2")
    assert (node2.status, node2.powered, node2.corosync_running, node2.pacemaker_running) == ("offline", False,
                                                                                             False, False)
    assert state.cluster_name == "rigcluster"
    assert {c.kind for c in state.constraints} == {"location", "colocation", "order"}


def test_crash_of_the_resource_holder_gives_membership_quorum_daemon_fence_and_start_events():
    tracker = EventTracker()
    before = [report("node1", "02-resources-placed"), report("node2", "02-resources-placed")]
    tracker.observe(assemble(0.0, NODES, before), [])
    after = [report("node1", "03-after-node-crash-token-default"), NodeReport("node2", reachable=False)]
    state = assemble(9.0, NODES, after)
    events = tracker.observe(state, [f for r in after if r.mon for f in r.mon.fence_history])
    kinds = {(type(e), e.node) for e in events}
    assert (MembershipChanged, "node1") in kinds
    assert (QuorumChanged, "node2") in kinds  # node2's own view vanished while quorate
    assert (DaemonStopped, "node2") in kinds
    fenced = [e for e in events if isinstance(e, NodeFenced)]
    assert [(e.target, e.node, e.ok) for e in fenced] == [("node2", "node1", True)]
    starts = {(e.resource, e.node) for e in events if isinstance(e, ActionFinished) and e.action == "start"}
    assert starts == {("dummy1", "node3"), ("vip", "node3"), ("dummy2", "node3")}
    assert not [e for e in events if isinstance(e, ActionFinished) and e.action == "stop"]  # node2 did not stop them
    membership = next(e for e in events if isinstance(e, MembershipChanged) and e.node == "node1")
    assert membership.left == ("node2",) and membership.members == ("node1", "node3")
    assert not [e for e in events if isinstance(e, DCElected)]  # node1 stayed DC


def test_fence_history_from_before_connecting_is_not_news():
    tracker = EventTracker()
    first = report("node1", "06-resource-failure-migration-threshold-1")
    assert first.mon is not None
    events = tracker.observe(assemble(0.0, NODES, [first]), first.mon.fence_history)
    assert not [e for e in events if isinstance(e, NodeFenced)]


def test_log_lines_become_records_and_notable_ones_events():
    text = capture("03-after-node-crash-token-default", "logs", "node1", "corosync.log").read_text()
    records = parse_log("node1", "corosync", text, origin_epoch=0.0, now=0.0)
    assert len(records) == len(text.splitlines())  # every corosync line is a record
    assert records[0].file == "corosync" and records[0].line() == text.splitlines()[0]
    assert records[0].message == "[KNET  ] link: host: 2 link: 0 is down" and records[0].level == "info"
    events = log_events(records)
    assert any(isinstance(e, TokenLost) and e.timeout_ms == 2737 for e in events)
    assert all(e.level in ("notice", "warning", "error", "crit") for e in events if isinstance(e, LogLine))
    assert any("A new membership (1.11) was formed" in e.text for e in events if isinstance(e, LogLine))
    pacemaker = capture("03-after-node-crash-token-default", "logs", "node1", "pacemaker.log").read_text()
    lines = parse_log("node1", "pacemaker", pacemaker, origin_epoch=0.0, now=0.0)
    fence = next(r for r in lines if r.function == "pe_fence_node")
    assert (fence.daemon, fence.level, fence.file) == ("pacemaker-schedulerd", "warning", "pacemaker")
    assert fence.message == "Cluster node node2 will be fenced: peer is no longer part of the cluster"
    assert lines == sorted(lines, key=lambda r: r.time) and lines[1].time - lines[0].time < 1.0
