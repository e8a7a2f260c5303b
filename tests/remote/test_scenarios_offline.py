"""The scenario runner and comparison, on a scripted stand-in (no cluster needed)."""

from __future__ import annotations

from dataclasses import replace

from halab_kernel.model import ClusterState, Node, NodeFenced, QuorumView, Resource
from tests.remote import scenarios


def view(node: str, quorate: bool) -> QuorumView:
    return QuorumView(node, 1, "1.1", (node,), (1,), quorate, 3, 3, 3, 2, ())


class Scripted:
    """Plays back a crash of node2: offline at 2 s, sc on node3 at 6 s, whole again at 12 s."""

    allow_faults = True

    def __init__(self) -> None:
        self.now = 0.0
        self.events: list = []

    def crash(self, node: str) -> None:
        self.events.append(NodeFenced(self.now + 5, "node1", target=node))

    def state(self) -> ClusterState:
        crashed = 2 <= self.now < 12
        where = ("node3",) if 6 <= self.now < 12 else ("node2",)
        nodes = tuple(Node(n, i, "offline" if crashed and n == "node2" else "online")
                      for i, n in enumerate(("node1", "node2", "node3"), 1))
        views = {n.name: view(n.name, True) for n in nodes if n.status == "online"}
        return ClusterState(self.now, "c", nodes, views=views,
                            resources=(Resource("sc", "primitive", nodes=() if 2 <= self.now < 6 else where),))

    def advance(self, seconds: float):
        self.now += seconds
        return ()


def test_run_scenario_times_each_condition_from_the_fault():
    crash = scenarios.SCENARIOS[0]
    outcome = scenarios.run_scenario(Scripted(), crash)
    assert outcome.timings == {"holder offline": 2.0, "resource elsewhere": 6.0, "whole again": 12.0}
    assert outcome.fenced == ("node2",) and outcome.placement == {"sc": ("node2",)}


def test_compare_reports_each_difference_beyond_the_tolerance():
    a = scenarios.Outcome({"sc": ("node2",)}, {"node1": True}, ("node2",), {"resource elsewhere": 8.6})
    assert scenarios.compare(a, replace(a, timings={"resource elsewhere": 10.0}), 3.0) == []
    differences = scenarios.compare(a, replace(a, fenced=(), timings={"resource elsewhere": 12.0}), 3.0)
    assert differences == ["fenced: ('node2',) != ()",
                           "time to 'resource elsewhere': 8.6 s vs 12.0 s (tolerance 3.0 s)"]
