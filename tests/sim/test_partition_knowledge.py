"""What each side of a partition can know: only what it has heard.

Real Pacemaker keeps one CIB per partition: once the network is cut, a partition no longer
hears the operations done on the other side. The majority must fence the node it lost before
it may trust that the node's resources stopped, so until the fencing is confirmed its status
still shows them on that node, however quickly the minority stopped them itself.
"""

from __future__ import annotations

from tests.sim.topology import SERVICE, service_lab


def _started_on(lab, observer: str, node: str) -> list[str]:
    text = lab.run(observer, "crm_mon -1").stdout
    return [rsc for rsc in SERVICE for line in text.splitlines()
            if line.strip().startswith(f"* {rsc}\t") and f"Started {node}" in line]


def test_the_majority_sees_the_lost_nodes_resources_until_it_has_fenced_it() -> None:
    lab = service_lab(stonith=True)  # the service runs on node2
    lab.partition(["node1", "node3"], ["node2"])
    assert lab.wait_until(lambda s: not _started_on(lab, "node2", "node2"), 20)  # the minority stopped it all
    text = lab.run("node1", "crm_mon -1").stdout
    assert "node2: UNCLEAN (offline)" in text, text
    assert sorted(_started_on(lab, "node1", "node2")) == sorted(SERVICE), text
    assert lab.wait_until(lambda s: any(e.kind == "node_fenced" for e in lab.events), 10)
    assert _started_on(lab, "node1", "node2") == []  # fenced: nothing can run there any more


def test_after_the_heal_both_sides_see_each_nodes_own_history() -> None:
    lab = service_lab(stonith=False, no_quorum_policy="stop")
    lab.partition(["node1", "node3"], ["node2"])
    lab.advance(20)  # minority stopped the service, majority started it on node1 or node3
    lab.heal()
    lab.advance(30)
    views = {node: lab.run(node, "crm_mon -1").stdout.split("Node List:")[1] for node in ("node1", "node2", "node3")}
    assert views["node1"] == views["node2"] == views["node3"]
    assert [r.nodes for r in lab.state().resources if r.id in SERVICE] == [("node2",)] * len(SERVICE)
