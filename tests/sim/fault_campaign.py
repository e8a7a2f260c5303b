"""One step of a random fault campaign on a simulated lab's nodes, shared by the determinism tests and
benchmarks/sim_fingerprint.py (which adds resource faults of its own around it)."""

from __future__ import annotations

import random

from halab_kernel import Lab

NODE_FAULTS = ("crash", "restart", "stop", "start", "partition", "heal", "advance", "kill")


def node_fault(lab: Lab, chooser: random.Random, nodes: list[str], action: str, node: str,
               advance_range: tuple[float, float]) -> None:
    """Do `action` (one of NODE_FAULTS) to `node`; a partition shuffles `nodes` and cuts them in two."""
    if action == "partition":
        chooser.shuffle(nodes)
        cut = chooser.randint(1, len(nodes) - 1)
        lab.partition(nodes[:cut], nodes[cut:])
    elif action == "heal":
        lab.heal()
    elif action == "advance":
        lab.advance(chooser.uniform(*advance_range))
    elif action == "kill":
        lab.kill(node, "corosync")
    elif action == "start":
        if lab.state().node(node).powered:
            lab.start(node)
    else:
        getattr(lab, action)(node)
