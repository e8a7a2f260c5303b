"""Virtual time: a heap of (time, sequence, action), and nothing else.

Rules, in the spirit of SimPy's core:
- `now` only moves forward, and only inside `advance` / `run_until`.
- Actions due at the same time run in the order they were scheduled (the
  sequence number breaks ties), so the same inputs always give the same run.
- An action may schedule more actions, including at `now`; they run in the
  same `advance` call.
- Nothing here sleeps or reads the wall clock. Pacing virtual time against
  wall time (live mode) is an adapter outside the simulator core.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Callable

from halab_kernel.errors import LabError

Action = Callable[[], None]

# Virtual times are kept in seconds; rounding to microseconds keeps sums of
# millisecond timeouts exact enough that equal inputs give equal times.
_RESOLUTION = 6


@dataclass(slots=True)
class Timer:
    """A scheduled action. `cancel()` makes it a no-op without touching the heap."""

    due: float
    seq: int
    action: Action
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    """The simulator's only source of time."""

    def __init__(self) -> None:
        self.now: float = 0.0
        self._queue: list[tuple[float, int, Timer]] = []  # (due, seq): compared in C, ties never reach the timer
        self._seq = 0
        self.actions_run = 0  # how many actions ran: unchanged means nothing in the simulator moved but time

    def call_at(self, due: float, action: Action) -> Timer:
        if due < self.now:
            raise ValueError(f"cannot schedule in the past ({due} < {self.now})")
        self._seq += 1
        timer = Timer(round(due, _RESOLUTION), self._seq, action)
        heapq.heappush(self._queue, (timer.due, timer.seq, timer))
        return timer

    def call_later(self, delay: float, action: Action) -> Timer:
        if delay < 0:
            raise ValueError(f"negative delay {delay}")
        return self.call_at(self.now + delay, action)

    def next_due(self) -> float | None:
        """When the next live action is due, or None when nothing is pending."""
        while self._queue and self._queue[0][2].cancelled:
            heapq.heappop(self._queue)
        return self._queue[0][0] if self._queue else None

    def _run_due(self, until: float) -> bool:
        """Run one action due at or before `until`; False when there is none."""
        due = self.next_due()
        if due is None or due > until:
            return False
        timer = heapq.heappop(self._queue)[2]
        self.now = timer.due
        self.actions_run += 1
        try:
            timer.action()
        except LabError:
            raise
        except Exception as error:  # a simulator bug reaches the notebook as one clear line
            raise LabError(f"internal error in the simulator at t={self.now:g}s ({type(error).__name__}: {error});"
                           " this is a halab bug, please report it") from error
        return True

    def advance(self, seconds: float) -> None:
        """Run every action due in the next `seconds` of virtual time."""
        if seconds < 0:
            raise ValueError(f"cannot go back in time ({seconds} s)")
        until = round(self.now + seconds, _RESOLUTION)
        while self._run_due(until):
            pass
        self.now = until

    def run_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Run actions until `predicate()` holds or `timeout` virtual seconds pass.

        The predicate is checked before the first action and after each one, so
        the clock stops at the exact moment the condition became true. Returns
        whether it did.
        """
        until = round(self.now + timeout, _RESOLUTION)
        if predicate():
            return True
        while self._run_due(until):
            if predicate():
                return True
        self.now = until
        return predicate()

    def run_until_moment(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """`run_until`, with the predicate checked once per moment: after every action due at the same
        virtual instant has run. What an observer of the cluster (`lab.wait_until`) can see; a snapshot
        per moment instead of per action keeps waiting cheap when hundreds of operations finish at once."""
        until = round(self.now + timeout, _RESOLUTION)
        if predicate():
            return True
        while (moment := self.next_due()) is not None and moment <= until:
            while self.next_due() == moment:
                self._run_due(until)
            if predicate():
                return True
        self.now = until
        return predicate()
