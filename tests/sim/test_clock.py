"""The virtual clock: ordered, deterministic, never running backwards."""

from __future__ import annotations

import pytest

from halab_kernel.sim.clock import Clock


def test_actions_run_in_time_then_schedule_order() -> None:
    clock, seen = Clock(), []
    clock.call_at(2.0, lambda: seen.append("b"))
    clock.call_at(1.0, lambda: seen.append("a"))
    clock.call_at(2.0, lambda: seen.append("c"))
    clock.advance(5)
    assert seen == ["a", "b", "c"] and clock.now == 5


def test_actions_scheduled_by_actions_run_in_the_same_advance() -> None:
    clock, seen = Clock(), []
    clock.call_later(1, lambda: clock.call_later(0, lambda: seen.append(clock.now)))
    clock.advance(1)
    assert seen == [1.0]


def test_cancelled_timers_do_nothing() -> None:
    clock, seen = Clock(), []
    timer = clock.call_later(1, lambda: seen.append("x"))
    timer.cancel()
    clock.advance(2)
    assert seen == [] and clock.next_due() is None


def test_run_until_stops_at_the_moment_the_condition_holds() -> None:
    clock, box = Clock(), {"n": 0}
    for t in (1, 2, 3):
        clock.call_at(t, lambda: box.__setitem__("n", box["n"] + 1))
    assert clock.run_until(lambda: box["n"] == 2, timeout=10)
    assert clock.now == 2
    assert not clock.run_until(lambda: box["n"] == 5, timeout=4)
    assert clock.now == 6


def test_time_never_goes_back() -> None:
    clock = Clock()
    clock.advance(3)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.call_at(1, lambda: None)
