"""A wall-clock bound for one check, so grading can never hang on a student's loop.

On the main thread (where IPython kernels and nbgrader run cell code) a
SIGALRM interval timer interrupts the check when its time is up. Elsewhere
(a worker thread, Windows) signals are not available; the check then runs
unbounded and nbgrader's own per-cell timeout remains the backstop.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator


class CheckTimedOut(Exception):
    """The check ran longer than its time bound."""


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise CheckTimedOut inside the block once `seconds` of wall time have passed."""
    if seconds <= 0 or not _can_use_alarm():
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise CheckTimedOut(f"time bound of {seconds:g} s exceeded")

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # someone else's timer was running: give it back what is left
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)
