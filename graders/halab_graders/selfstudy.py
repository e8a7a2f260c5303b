"""The self-study Check button: the same checks as nbgrader's tests, as instant feedback.

`check_button("corosync.detection_time", lambda: detection_seconds)` shows a
"Check" button. Clicking reads the student's answer at that moment and runs
the check the test cell runs, the same way: in a fresh Python process
(`halab_graders.isolated`), so the button and the grade always agree. It
shows the verdict; a "Hint" button reveals the check's hint
and then any further hints, one per click. It never shows an answer: the
verdict is the same text nbgrader's feedback shows.

The verdict comes from the check alone, never from widget state, so grading
does not need this button; while nbgrader executes a notebook
(`NBGRADER_EXECUTION`) it is replaced by one line of text.
"""

from __future__ import annotations

import html
import os
from typing import Any, Callable, Sequence

from halab_graders.check import Check
from halab_graders.isolated import run_check


def run_safely(run: Callable[[], Check], name: str = "check") -> Check:
    """Run a check thunk; a missing variable or other slip becomes a readable failed Check."""
    try:
        result = run()
    except NameError as missing:
        return Check(name=name, passed=False, expected="your answer, defined in the cell above",
                     observed=f"{missing}: run the cell with your answer first")
    except Exception as error:  # noqa: BLE001 - a button must explain, never print a traceback
        return Check(name=name, passed=False, expected="a check of your answer",
                     observed=f"{type(error).__name__}: {error}")
    if not isinstance(result, Check):
        return Check(name=name, passed=False, expected="a check of your answer",
                     observed=f"the button's function returned {type(result).__name__}, not a Check")
    return result


class CheckButton:
    """A Check button, a Hint button and the verdict, as one ipywidgets box (`.widget`)."""

    def __init__(self, run: Callable[[], Check], hints: Sequence[str] = (), label: str = "Check") -> None:
        import ipywidgets

        self.run = run
        self.extra_hints = tuple(hints)
        self.last: Check | None = None
        self.revealed: list[str] = []
        self.check_button = ipywidgets.Button(description=label, button_style="primary", icon="check")
        self.hint_button = ipywidgets.Button(description="Hint", icon="lightbulb-o")
        self.verdict = ipywidgets.HTML(value="")
        self.hints = ipywidgets.HTML(value="")
        self.check_button.on_click(lambda _: self.check())
        self.hint_button.on_click(lambda _: self.next_hint())
        self.widget = ipywidgets.VBox([ipywidgets.HBox([self.check_button, self.hint_button]), self.verdict, self.hints])

    def check(self) -> Check:
        """What a click does: run the check and show its verdict."""
        self.check_button.disabled = True
        self.check_button.description = "Checking..."
        try:
            self.last = run_safely(self.run)
        finally:
            self.check_button.disabled = False
            self.check_button.description = "Check"
        self.verdict.value = self.last.to_html(with_hint=False)
        return self.last

    def available_hints(self) -> list[str]:
        first = [self.last.hint] if self.last is not None and not self.last.passed and self.last.hint else []
        return first + [hint for hint in self.extra_hints if hint not in first]

    def next_hint(self) -> str | None:
        """What a Hint click does: reveal one more hint (the failed check's own hint first)."""
        hidden = [hint for hint in self.available_hints() if hint not in self.revealed]
        if not hidden:
            if self.last is None and not self.revealed:
                self.hints.value = "<i>Click Check first: the hint depends on what your answer does.</i>"
            elif not self.revealed:
                self.hints.value = "<i>No hint needed: the check passed.</i>"
            return None
        self.revealed.append(hidden[0])
        self.hints.value = "".join(f"<div>&#128161; {html.escape(hint)}</div>" for hint in self.revealed)
        return hidden[0]

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The widget where widgets render; elsewhere (a plain console, a static viewer) what to do instead."""
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = ("[Check button: this front end shows no widgets. Run `_.check()` in the next cell "
                                "(or keep this cell's result in a variable and call its .check()) to see the verdict]")
        return bundle


class _GradingPlaceholder:
    """What stands in for a Check button while nbgrader runs the notebook: text, no widget state."""

    def _repr_html_(self) -> str:
        return "<i>(Check button: available when you run this notebook yourself)</i>"

    def __repr__(self) -> str:
        return "(Check button: available when you run this notebook yourself)"


def isolated(check: str, answer: Callable[[], Any], **options: Any) -> Callable[[], Check]:
    """What a click runs: read the answer now, judge it in a fresh process, as the test cell does."""
    def run() -> Check:
        verdict = run_check(check, answer(), options)
        return Check(name=verdict["name"], passed=verdict["passed"], expected=verdict["expected"],
                     observed=verdict["observed"], events=tuple(verdict["events"]), hint=verdict["hint"],
                     seconds=verdict["seconds"])
    return run


def check_button(run: str | Callable[[], Check], answer: Callable[[], Any] | None = None,
                 hints: Sequence[str] = (), **options: Any) -> CheckButton | _GradingPlaceholder:
    """A self-study Check button.

    `check_button("corosync.detection_time", lambda: detection_seconds, seed=7)`
    judges the answer in a fresh process, exactly as the test cell does;
    `check_button(thunk)` runs a thunk returning a Check (for checks of one's own).
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return _GradingPlaceholder()
    if isinstance(run, str):
        if answer is None:
            raise TypeError("check_button(check_name, answer) needs the answer as a function, e.g. lambda: my_answer")
        return CheckButton(isolated(run, answer, **options), hints)
    return CheckButton(run, hints)
