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


class CheckTimedOut(BaseException):
    """The check ran longer than its time bound (a BaseException: the simulator turns an Exception raised inside it
    into an 'internal error', which would blame halab for the answer's cost)."""


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_bound(seconds: float, cpu: bool = False) -> Iterator[None]:
    """Raise CheckTimedOut inside the block once `seconds` of wall time have passed (with `cpu`: once the
    process has used `seconds` of CPU time, which a busy machine does not change)."""
    if seconds <= 0 or not _can_use_alarm():
        yield
        return
    timer, signal_number = (signal.ITIMER_PROF, signal.SIGPROF) if cpu else (signal.ITIMER_REAL, signal.SIGALRM)

    def on_alarm(signum: int, frame: Any) -> None:
        raise CheckTimedOut(f"time bound of {seconds:g} s exceeded")

    previous_handler = signal.signal(signal_number, on_alarm)
    previous_timer = signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signal_number, previous_handler)
        if previous_timer[0] > 0:  # someone else's timer was running: give it back what is left
            signal.setitimer(timer, *previous_timer)
