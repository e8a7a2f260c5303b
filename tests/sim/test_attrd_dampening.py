"""pacemaker-attrd's dampening is the attribute's, not a node's (2.1.5 update_attr_on_host: a->timer): a new value
of `pingd` on any node restarts the one timer, whose write carries every node's value. So a second node losing its
uplink delays the first node's `pingd = 0`, and both are written at once, `dampen` after the last change."""

from __future__ import annotations

from halab_graders import connectivity as checks

PING = ("pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=20s "
        "op monitor interval=10s clone")


def _zeroed(lab, nodes: tuple[str, ...], seconds: float) -> dict[str, float]:
    """When (seconds from now, by half seconds) each node's pingd in the CIB first reads 0."""
    start, seen = lab.now, {}
    while len(seen) < len(nodes) and lab.now - start < seconds:
        lab.advance(0.5)
        for node in nodes:
            if node not in seen and lab.run(node, f"crm_attribute -N {node} -n pingd -l reboot -G -q").stdout.strip() == "0":
                seen[node] = lab.now - start
    return seen


def test_a_change_on_another_node_restarts_the_attributes_dampening() -> None:
    alone = checks.connectivity_lab(PING)
    checks.cut_uplink(alone, "node1")
    first = _zeroed(alone, ("node1",), 90)["node1"]
    assert 20 < first <= 35  # a monitor (8 s when the echo is lost), then dampen

    both = checks.connectivity_lab(PING)
    checks.cut_uplink(both, "node1")
    both.advance(first - 20)  # node1's monitor has just handed attrd its 0: the timer runs
    checks.cut_uplink(both, "node2")  # node2's next monitor hands its 0 within those 20 s
    seen = _zeroed(both, ("node1", "node2"), 90)
    assert seen["node1"] == seen["node2"]  # one timer, one write for both
    assert first - 20 + seen["node1"] > first + 5  # node2's change restarted node1's dampening
