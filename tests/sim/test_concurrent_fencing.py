"""concurrent-fencing (2.1.5's default: false): the DC fences one node after the other, each
fencing ordered after the one before it in the transition (pcmk_sched_allocate's fencing chain);
with concurrent-fencing=true the fencings run side by side."""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_kernel.model import ActionStarted, NodeFenced
from tests.runtime_scenarios import BASE_COMMANDS


def _fence_times(concurrent: bool) -> tuple[list[float], list[float]]:
    lab = Lab.simulated(nodes=5, seed=2)
    lab.advance(30)
    for command in BASE_COMMANDS:  # fence1 reaches all five nodes
        assert lab.run("node1", command.replace("node1 node2 node3'", "node1 node2 node3 node4 node5'")).ok
    if concurrent:
        assert lab.run("node1", "pcs property set concurrent-fencing=true").ok
    lab.advance(60)
    crashed = lab.now
    lab.crash("node4")
    lab.crash("node5")
    lab.advance(40)
    started = [e.time for e in lab.events if isinstance(e, ActionStarted) and e.action == "fence" and e.time >= crashed]
    done = [e.time for e in lab.events if isinstance(e, NodeFenced) and e.ok and e.time >= crashed]
    return started, done


def test_by_default_the_second_fencing_starts_when_the_first_is_done() -> None:
    started, done = _fence_times(concurrent=False)
    assert len(started) == 2 and len(done) == 2
    assert started[1] == pytest.approx(done[0]) and started[1] > started[0]


def test_with_concurrent_fencing_both_start_together() -> None:
    started, done = _fence_times(concurrent=True)
    assert len(started) == 2 and started[0] == started[1]
