"""Same seed, same calls: the same events, byte for byte, over a long random fault campaign."""

from __future__ import annotations

import random

from halab_kernel import Lab
from tests.sim.fault_campaign import NODE_FAULTS, node_fault


def campaign(seed: int, steps: int = 300) -> Lab:
    lab = Lab.simulated(nodes=5, seed=seed)
    chooser = random.Random(seed)
    nodes = list(lab.node_names)
    for _ in range(steps):
        node_fault(lab, chooser, nodes, chooser.choice(NODE_FAULTS), chooser.choice(nodes), advance_range=(0.1, 20))
        lab.advance(chooser.uniform(0, 3))
    return lab


def event_log(lab: Lab) -> list[str]:
    return [repr(event) for event in lab.events]


def test_same_seed_same_events() -> None:
    first = event_log(campaign(7))
    assert len(first) > 500
    assert event_log(campaign(7)) == first
    assert event_log(campaign(8)) != first


def test_every_running_node_ends_in_one_ring_after_healing() -> None:
    lab = campaign(3, steps=100)
    for node in lab.node_names:
        lab.restart(node)
    lab.heal()
    lab.advance(60)
    rings = {view.ring_id for view in lab.state().views.values()}
    assert len(rings) == 1 and all(view.quorate for view in lab.state().views.values())
