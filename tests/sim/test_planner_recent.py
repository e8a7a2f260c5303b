"""A recheck that finds nothing changed gets the transition computed before (planner._RECENT), and only when
nothing it reads could differ: the same events as computing every transition, a date rule acted on at the first
recheck past its edge, a failure-timeout still expiring on time."""

from __future__ import annotations

from typing import Any

import pytest

from halab_graders.constraints import pacemaker_lab
from halab_kernel.sim.pacemaker import planner

WEB = "pcs resource create web ocf:pacemaker:Dummy"
OFFICE_HOURS = ("pcs property set cluster-recheck-interval=5min",
                "pcs constraint location web prefers node1=50",
                "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2")
KEPT = planner.RECENT_KEPT
FORGIVEN = ("pcs property set cluster-recheck-interval=2min",
            "pcs resource meta web migration-threshold=1 failure-timeout=3min")


def _day(commands: tuple[str, ...], fail: bool, monkeypatch: pytest.MonkeyPatch, kept: int) -> tuple[list[str], int]:
    """The events of a simulated day (every transition computed when `kept` is 0), and how many transitions the
    scheduler computed."""
    monkeypatch.setattr(planner, "RECENT_KEPT", kept)
    monkeypatch.setattr(planner, "_RECENT", {})
    computed = 0
    planned = planner._planned

    def counting(*arguments: Any) -> Any:
        nonlocal computed
        computed += 1
        return planned(*arguments)

    monkeypatch.setattr(planner, "_planned", counting)
    lab = pacemaker_lab(seed=3, setup=(WEB, *commands))
    if fail:
        lab.advance(60.0)
        lab.fail_resource("web")
    lab.advance(86400.0)
    return [repr(event) for event in lab.events], computed


@pytest.mark.parametrize("commands, fail", [(OFFICE_HOURS, False), (FORGIVEN, True)], ids=["date-rule", "failure-timeout"])
def test_kept_transitions_give_the_events_of_computing_each(commands: tuple[str, ...], fail: bool,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    computed_each, every = _day(commands, fail, monkeypatch, kept=0)
    kept, some = _day(commands, fail, monkeypatch, kept=KEPT)
    assert kept == computed_each
    moves = [line for line in kept if "action_finished" in line.lower() or "ActionFinished" in line]
    assert moves, "the day's transitions ran actions"
    if commands is OFFICE_HOURS:
        assert some < every / 10, f"rechecks that found nothing changed were computed again: {some} of {every}"
    else:
        assert some == every, "an input with a failure-timeout was not computed again at each recheck"
