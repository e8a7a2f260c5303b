"""The quorum gauge: votes present against the quorum, per partition, with the flags."""

from __future__ import annotations

from lxml import etree

from halab_widgets.quorum import QuorumGauge, active_flags, quorum_svg

from tests.widgets.states import healthy, split

SVG = "{http://www.w3.org/2000/svg}"


def partitions_of(svg: str) -> list[dict[str, str]]:
    root = etree.fromstring(svg.encode())
    return [dict(g.attrib) for g in root.iter(f"{SVG}g") if g.get("class") == "halab-partition"]


def test_one_bar_per_partition_with_votes_quorum_and_verdict():
    rows = partitions_of(quorum_svg(split()))
    assert [(r["data-members"], r["data-votes"], r["data-quorum"], r["data-quorate"]) for r in rows] == [
        ("node1", "1", "2", "0"),
        ("node2 node3", "2", "2", "1"),
    ]
    assert "NOT quorate" in quorum_svg(split())


def test_flags_light_up_as_the_nodes_report_them():
    assert active_flags(split()) == {"wait_for_all"}
    assert active_flags(healthy()) == set()
    root = etree.fromstring(quorum_svg(split()).encode())
    lit = {g.get("data-flag") for g in root.iter(f"{SVG}g") if g.get("class") == "halab-flag" and g.get("data-on") == "1"}
    assert lit == {"wait_for_all"}


def test_a_cluster_without_membership_says_so():
    state = healthy()
    empty = state.__class__(**{**state.__dict__, "partitions": (), "views": {}})
    svg = quorum_svg(empty)
    assert "no membership yet" in svg and "node1 node2 node3" in svg


def test_the_widget_mirrors_the_partitions():
    gauge = QuorumGauge()
    gauge.update(split())
    assert [(p["members"], p["quorate"]) for p in gauge.partitions] == [(("node1",), False), (("node2", "node3"), True)]
