"""Transient node attributes (fail counts, promotion scores, `-l reboot` attributes) live as long
as the node's Pacemaker: the DC erases them when it loses the node, and attrd clears them when it
starts again, as the real cluster's CIB after a crash shows (capture 03: the crashed node's
node_state has no transient_attributes)."""

from __future__ import annotations

from lxml import etree

from tests.sim.topology import service_lab


def _transient(lab, node: str) -> list[str] | None:
    root = etree.fromstring(lab.run("node1", "cibadmin -Q").stdout.encode())
    state = root.find(f"status/node_state[@uname='{node}']")
    attrs = state.find("transient_attributes")
    return None if attrs is None else [nv.get("name") for nv in attrs.iter("nvpair")]


def test_a_crashed_nodes_fail_counts_go_with_it() -> None:
    lab = service_lab(stonith=True)
    lab.run("node1", "pcs resource update dummy1 meta migration-threshold=3")
    lab.fail_resource("dummy1", "node2")
    lab.advance(20)
    assert "fail-count-dummy1#monitor_10000" in _transient(lab, "node2")
    assert "value=1" in lab.run("node1", "crm_failcount -r dummy1 -N node2 -G").stdout
    lab.run("node2", "crm_attribute -N node2 -n site -v paris -l reboot")
    lab.crash("node2")
    lab.advance(5)
    assert "site" in _transient(lab, "node2")  # not noticed yet: the DC still counts on node2
    lab.advance(25)
    assert _transient(lab, "node2") is None  # fenced and erased, as in the real capture
    lab.restart("node2")
    assert lab.wait_until(lambda s: s.node("node2").status == "online", 90)
    assert _transient(lab, "node2") == ["#feature-set"]
    assert "value=0" in lab.run("node1", "crm_failcount -r dummy1 -N node2 -G").stdout


def test_a_clean_stop_erases_them_too() -> None:
    lab = service_lab(stonith=True)
    lab.run("node3", "crm_attribute -N node3 -n site -v paris -l reboot")
    assert "site" in _transient(lab, "node3")
    lab.stop("node3")
    lab.advance(10)
    assert _transient(lab, "node3") is None
