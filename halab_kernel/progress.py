"""Progress bars for long operations (simulating hours, connecting, grading).

In a live notebook a bar is an `ipywidgets.IntProgress` with a caption; in a
terminal it is one line rewritten in place; while nbgrader grades
(`NBGRADER_EXECUTION` is set) nothing is drawn, because widget state would
bloat the graded notebook and nobody watches it.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Sequence

# Advancing more than this many seconds at once shows a bar, in this many steps.
LONG_ADVANCE = 600.0
STEPS = 50


def _in_kernel() -> bool:
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    return bool(shell and getattr(shell, "kernel", None) is not None)


class Progress:
    """A bar from 0 to `total`: `update(done)`, then `close()` (or use `with`)."""

    def __init__(self, total: float, description: str) -> None:
        self.total = max(float(total), 1e-9)
        self.description = description
        self._bar: Any = None
        self._label: Any = None
        self._quiet = bool(os.environ.get("NBGRADER_EXECUTION"))
        self._drawn = False
        if self._quiet:
            return
        if _in_kernel():
            import ipywidgets
            from IPython.display import display

            self._bar = ipywidgets.FloatProgress(value=0.0, min=0.0, max=self.total, description=description[:20])
            self._label = ipywidgets.Label(value="")
            self._box = ipywidgets.HBox([self._bar, self._label])
            self._handle = display(self._box, display_id=True)

    def update(self, done: float, note: str = "") -> None:
        if self._quiet:
            return
        share = min(done / self.total, 1.0)
        if self._bar is not None:
            self._bar.value = min(done, self.total)
            self._label.value = f"{share:.0%} {note}".strip()
        elif done > 0:  # a terminal line only once there is progress to show
            sys.stderr.write(f"\r{self.description}: {share:4.0%} {note}".rstrip())
            sys.stderr.flush()
            self._drawn = True

    def close(self) -> None:
        """Remove the bar: the result printed after it is what matters."""
        if self._bar is not None:
            # Blank the display before closing the widget: a saved notebook must not
            # keep a view of a model that no longer exists ("model not found").
            self._handle.update({"text/plain": ""}, raw=True)
            self._box.close()
            self._bar = None
        elif self._drawn:
            sys.stderr.write("\n")

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def advance_with_progress(lab: Any, seconds: float) -> Sequence[Any]:
    """`lab.advance(seconds)`, in steps with a progress bar when it is long; returns the events."""
    if seconds <= LONG_ADVANCE:
        return list(lab.advance(seconds))
    events: list[Any] = []
    step = seconds / STEPS
    with Progress(seconds, "simulating") as bar:
        for i in range(STEPS):
            chunk = seconds - step * i if i == STEPS - 1 else step
            events.extend(lab.advance(chunk))
            bar.update(step * (i + 1), f"t={lab.now:.0f} s")
    return events
