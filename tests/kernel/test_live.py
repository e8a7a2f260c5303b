"""Live mode paces the virtual clock on the running asyncio loop, and only there."""

from __future__ import annotations

import asyncio

import pytest

from halab_kernel import Lab, live
from halab_kernel.errors import LabError


def test_the_clock_follows_the_wall_times_the_speed_and_stops_on_pause():
    lab = Lab.simulated(nodes=3, seed=0)

    async def scenario() -> tuple[float, float, bool, bool]:
        live.start(lab, speed=10.0)
        running = live.is_live(lab)
        await asyncio.sleep(0.6)
        live.pause(lab)
        moved = lab.now
        await asyncio.sleep(0.3)
        return moved, lab.now, running, live.is_live(lab)

    moved, later, was_live, still_live = asyncio.run(scenario())
    assert was_live and not still_live
    assert 2.0 <= moved <= 6.0 + 1e-6  # ~0.6 s × 10, never more than wall time allows
    assert later == moved  # paused: virtual time stands still


def test_starting_again_changes_the_speed_without_a_second_pacer():
    lab = Lab.simulated(nodes=2, seed=0)

    async def scenario() -> tuple[object, object, float | None]:
        first = live.start(lab, speed=1.0)
        second = live.start(lab, speed=4.0)
        speed = live.speed(lab)
        live.pause(lab)
        return first, second, speed

    first, second, speed = asyncio.run(scenario())
    assert first is second and speed == 4.0


def test_step_advances_by_hand():
    lab = Lab.simulated(nodes=2, seed=0)
    live.step(lab, 2.5)
    assert lab.now == 2.5


def test_no_pacing_outside_a_running_loop_or_while_grading(monkeypatch, capsys):
    lab = Lab.simulated(nodes=2, seed=0)
    with pytest.raises(LabError, match="needs a running Jupyter kernel"):
        live.start(lab)
    with pytest.raises(LabError, match="positive"):
        live.start(lab, speed=0)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert live.start(lab) is None
    assert "off while grading" in capsys.readouterr().err
