"""The membership ring draws who is up, who sees whom, the DC and the resources."""

from __future__ import annotations

from lxml import etree

from halab_widgets.ring import MembershipRing, ring_svg

from tests.widgets.states import healthy, split

SVG = "{http://www.w3.org/2000/svg}"


def nodes_of(svg: str) -> dict[str, dict[str, str]]:
    root = etree.fromstring(svg.encode())
    return {g.get("data-node"): dict(g.attrib) for g in root.iter(f"{SVG}g") if g.get("class") == "halab-node"}


def links_of(svg: str) -> dict[tuple[str, str], str]:
    root = etree.fromstring(svg.encode())
    return {(line.get("data-a"), line.get("data-b")): line.get("data-cut") for line in root.iter(f"{SVG}line")
            if line.get("class") == "halab-link"}


def test_a_healthy_ring_has_every_node_online_linked_and_the_dc_marked():
    svg = ring_svg(healthy())
    nodes = nodes_of(svg)
    assert {name: attrs["data-status"] for name, attrs in nodes.items()} == {"node1": "online", "node2": "online", "node3": "online"}
    assert [name for name, attrs in nodes.items() if attrs["data-dc"] == "1"] == ["node1"]
    assert set(links_of(svg).values()) == {"0"}
    assert "one membership" in svg


def test_a_partition_cuts_the_links_between_the_sides_only():
    svg = ring_svg(split())
    links = links_of(svg)
    assert links[("node2", "node3")] == "0"
    assert links[("node1", "node2")] == links[("node1", "node3")] == "1"
    nodes = nodes_of(svg)
    assert nodes["node1"]["data-partition"] != nodes["node2"]["data-partition"] == nodes["node3"]["data-partition"]
    assert "split into 2 partitions" in svg


def test_states_are_coloured_and_fenced_wins_until_the_node_rejoins():
    nodes = nodes_of(ring_svg(split(), fenced={"node1"}))
    assert nodes["node1"]["data-status"] == "fenced"
    assert nodes["node3"]["data-status"] == "standby"
    assert nodes_of(ring_svg(healthy(), fenced={"node1"}))["node1"]["data-status"] == "online"


def test_resources_are_badges_on_their_node_and_stopped_ones_are_named():
    svg = ring_svg(split())
    root = etree.fromstring(svg.encode())
    badges = {g.get("data-resource"): g.get("data-role") for g in root.iter(f"{SVG}g") if g.get("class") == "halab-badge"}
    assert badges == {"WebSite": "Started"}
    assert "stopped: VIP" in svg


def test_names_are_escaped():
    state = healthy()
    svg = ring_svg(state.__class__(**{**state.__dict__, "cluster_name": "<script>"}))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_widget_mirrors_what_it_draws():
    ring = MembershipRing()
    ring.update(split(), fenced={"node1"})
    assert ring.status == {"node1": "fenced", "node2": "online", "node3": "standby"}
    assert 'data-status="fenced"' in ring.widget.value


def test_big_clusters_get_a_bigger_ring_so_nodes_never_overlap():
    import math

    from halab_kernel.model import ClusterState, Node

    state = ClusterState(time=0.0, cluster_name="big", nodes=tuple(Node(f"node{i}", i, "online") for i in range(1, 33)))
    root = etree.fromstring(ring_svg(state).encode())
    centres = [(float(c.get("cx")), float(c.get("cy"))) for g in root.iter(f"{SVG}g") if g.get("class") == "halab-node"
               for c in g.iter(f"{SVG}circle") if c.get("r") == "26"]
    assert len(centres) == 32
    closest = min(math.dist(a, b) for i, a in enumerate(centres) for b in centres[i + 1:])
    assert closest > 2 * 26
    assert all(0 < x < float(root.get("width")) and 0 < y < float(root.get("height")) for x, y in centres)
