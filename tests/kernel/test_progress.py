"""Long advances show progress and still return every event of the interval."""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.progress import LONG_ADVANCE, STEPS, Progress, advance_with_progress


def test_a_long_advance_goes_in_steps_with_a_bar_and_loses_no_event(capsys):
    stepped, whole = Lab.simulated(nodes=3, seed=4), Lab.simulated(nodes=3, seed=4)
    events = advance_with_progress(stepped, 2 * LONG_ADVANCE)
    assert stepped.now == whole.now + 2 * LONG_ADVANCE
    assert events == list(whole.advance(2 * LONG_ADVANCE))
    err = capsys.readouterr().err
    assert err.count("\rsimulating:") == STEPS and "100%" in err


def test_short_advances_and_grading_draw_nothing(capsys, monkeypatch):
    lab = Lab.simulated(nodes=2, seed=0)
    advance_with_progress(lab, 30)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with Progress(10, "grading") as bar:
        bar.update(5)
    assert capsys.readouterr().err == ""
