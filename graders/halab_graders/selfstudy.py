"""The self-study Check button: the same checks as nbgrader's tests, as instant feedback.

`check_button(lambda: checks.detection_time(detection_seconds))` shows a
"Check" button. Clicking runs the check (reading the student's variables at
that moment) and shows its verdict; a "Hint" button reveals the check's hint
and then any further hints, one per click. It never shows an answer: the
verdict is the same text nbgrader's feedback shows.

The verdict comes from the check alone, never from widget state, so grading
does not need this button; while nbgrader executes a notebook
(`NBGRADER_EXECUTION`) it is replaced by one line of text.
"""

from __future__ import annotations

import html
import os
from typing import Callable, Sequence

from halab_graders.check import Check


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

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


class _GradingPlaceholder:
    """What stands in for a Check button while nbgrader runs the notebook: text, no widget state."""

    def _repr_html_(self) -> str:
        return "<i>(Check button: available when you run this notebook yourself)</i>"

    def __repr__(self) -> str:
        return "(Check button: available when you run this notebook yourself)"


def check_button(run: Callable[[], Check], hints: Sequence[str] = ()) -> CheckButton | _GradingPlaceholder:
    """A self-study Check button for `run` (a function of no arguments returning a Check)."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return _GradingPlaceholder()
    return CheckButton(run, hints)
