"""The time a process spent on its own, not waiting for a CPU that other processes held: what a bound may count.

A verdict must not depend on how busy the machine is. Wall time does (on a loaded machine the same work takes
longer); CPU time does not, but never runs out for a function that sleeps. The time a process was neither
running nor waiting in the run queue is its own doing (sleeping, waiting for input), so wall time minus the
time spent waiting in the run queue counts what the process did or chose, never the load. Linux reports that
wait in /proc/PID/schedstat (second field, nanoseconds); where it cannot be read this is wall time.
"""

from __future__ import annotations

import time


def _run_queue_wait(pid: int) -> float:
    """Seconds `pid` has waited, runnable, for a CPU since it started (0 where the kernel does not say)."""
    try:
        with open(f"/proc/{pid}/schedstat") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


class OwnClock:
    """Seconds of process `pid`'s own time since the clock was made."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.started = time.monotonic()
        self.waited = _run_queue_wait(pid)

    def seconds(self) -> float:
        return time.monotonic() - self.started - max(0.0, _run_queue_wait(self.pid) - self.waited)
