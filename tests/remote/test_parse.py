"""The parsers, on outputs captured from a real Pacemaker 2.1.5 / Corosync 3.1.7 cluster."""

from __future__ import annotations

import pytest

from halab_kernel.model import OFFLINE, ONLINE, STANDBY, UNCLEAN
from halab_kernel.remote.parse import ParseError, parse_cfgtool, parse_cib, parse_crm_mon, parse_quorumtool
from tests.remote.conftest import capture


def test_crm_mon_placement_groups_and_dc():
    view = parse_crm_mon(capture("02-resources-placed", "node1", "crm_mon-1-xml.xml").read_bytes())
    assert view.dc == "node1" and view.dc_with_quorum
    assert [(n.name, n.status) for n in view.nodes] == [("node1", ONLINE), ("node2", ONLINE), ("node3", ONLINE)]
    by_id = {r.id: r for r in view.resources}
    assert by_id["grp"].kind == "group" and by_id["grp"].nodes == ("node2",)
    assert by_id["vip"].parent == "grp" and by_id["vip"].agent == "ocf:heartbeat:IPaddr2"
    assert by_id["fence-rig"].nodes == ("node1",) and by_id["fence-rig"].role == "Started"


def test_crm_mon_after_crash_shows_the_victim_offline_and_the_fencing():
    view = parse_crm_mon(capture("03-after-node-crash-token-default", "node1", "crm_mon-1-xml.xml").read_bytes())
    assert {n.name: n.status for n in view.nodes}["node2"] == OFFLINE
    assert {r.id: r.nodes for r in view.resources}["dummy1"] == ("node3",)
    assert [(f.target, f.action, f.status) for f in view.fence_history] == [("node2", "reboot", "success")]


def test_crm_mon_of_an_inquorate_minority_without_dc():
    view = parse_crm_mon(capture("05-partition-fencing", "minority-view", "node2", "crm_mon-1-xml.xml").read_bytes())
    assert view.dc is None and not view.dc_with_quorum
    assert {n.status for n in view.nodes} == {UNCLEAN}
    assert all(r.role == "Stopped" and r.nodes == () for r in view.resources)


def test_crm_mon_failcounts_and_failures():
    view = parse_crm_mon(capture("06-resource-failure-migration-threshold-1", "node1", "crm_mon-1-xml.xml").read_bytes())
    dummy1 = {r.id: r for r in view.resources}["dummy1"]
    assert dummy1.failcounts == {"node2": 2} and dummy1.nodes == ("node3",)
    assert [(f.resource, f.node, f.exitcode) for f in view.failures] == [("dummy1", "node2", 1)]


def test_crm_mon_standby_node():
    view = parse_crm_mon(capture("08-node-standby", "node1", "crm_mon-1-xml.xml").read_bytes())
    node2 = {n.name: n for n in view.nodes}["node2"]
    assert node2.status == STANDBY and node2.standby


def test_cib_properties_constraints_and_node_attributes():
    cib = parse_cib(capture("08-node-standby", "node1", "cibadmin-Q.xml").read_bytes())
    assert cib.properties["stonith-enabled"] == "true" and cib.properties["cluster-name"] == "rigcluster"
    kinds = {c.id: (c.kind, c.resource, c.other, c.node, c.score) for c in cib.constraints}
    assert kinds["location-grp-node2-100"] == ("location", "grp", None, "node2", "100")
    assert kinds["colocation-dummy1-grp-INFINITY"] == ("colocation", "dummy1", "grp", None, "INFINITY")
    assert kinds["order-grp-dummy1-mandatory"][:3] == ("order", "grp", "dummy1")
    assert cib.node_attributes["node2"] == {"standby": "on"}


def test_quorumtool_quorate_and_inquorate_views():
    majority = parse_quorumtool(capture("05-partition-fencing", "majority-view", "node1", "corosync-quorumtool-s.txt")
                                .read_text(), "node1")
    minority = parse_quorumtool(capture("05-partition-fencing", "minority-view", "node2", "corosync-quorumtool-s.txt")
                                .read_text(), "node2")
    assert (majority.quorate, majority.members, majority.ring_id, majority.total_votes) == (True, ("node1", "node3"),
                                                                                           "1.34", 2)
    assert majority.flags == ("Quorate",) and majority.quorum == 2 and majority.expected_votes == 3
    assert (minority.quorate, minority.members, minority.quorum, minority.flags) == (False, ("node2",), 2, ())


@pytest.mark.parametrize("cut", [False, True], ids=["device-voting", "node2-cut-from-everyone"])
def test_quorumtool_with_a_quorum_device_reads_back_the_view_that_printed_it(cut: bool):
    """A real cluster with a qdevice prints a Qdevice column and row: what a node reads back over
    SSH must be the view the simulator printed it from (same lines as corosync 3.1.7)."""
    from halab_kernel import Lab

    device = {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}
    lab = Lab.simulated(2, corosync={"quorum": {"device": device}})
    lab.advance(30)
    if cut:
        lab.partition(["node1", "qnetd"], ["node2"])
        lab.advance(30)
    for node in ("node1", "node2"):
        parsed = parse_quorumtool(lab.run(node, "corosync-quorumtool -s").stdout, node)
        assert parsed == lab.state().views[node]
    if cut:
        assert parsed.qdevice_flags == {"node2": "A,NV,NMW"} and parsed.qdevice_votes == 0
        assert parsed.qdevice_configured_votes == 1


def test_cfgtool_link_status():
    links = parse_cfgtool(capture("05-partition-fencing", "minority-view", "node2", "corosync-cfgtool-s.txt").read_text())
    assert links == {1: "disconnected", 2: "localhost", 3: "disconnected"}


@pytest.mark.parametrize("parser, text", [
    (parse_crm_mon, "crm_mon: Error: cluster is not available on this node"),
    (parse_crm_mon, "<html/>"),
    (parse_cib, "<cib/>"),
    (parse_quorumtool, "Cannot initialize QUORUM service"),
    (parse_cfgtool, "Could not initialize corosync configuration API error 2"),
])
def test_what_a_stopped_stack_prints_is_a_clear_parse_error(parser, text):
    with pytest.raises(ParseError, match=r"^(crm_mon|cibadmin|corosync-\w+): "):
        parser(text)
