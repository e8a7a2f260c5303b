"""Live mode: the simulator's virtual clock paced against the wall clock.

The simulator never sleeps (its core has no wall clock); this adapter does
the pacing from outside. A task on the kernel's own asyncio loop wakes every
`TICK` seconds and advances the lab by the wall time that passed, times the
speed factor. Because the task runs on the kernel's loop, between cells and
while the kernel is idle, it never runs at the same time as a student's
cell: cells are never blocked, and never see the clock move under them.

If a cell keeps the kernel busy for long, the lost wall time is not caught
up (at most `MAX_CATCH_UP` per tick): the picture slows down rather than
jumping.

Deterministic mode (no pacing) is the default and stays on while nbgrader
grades (`NBGRADER_EXECUTION` is set): `start` refuses politely there.

On a real cluster (kind "ssh") time passes by itself; live mode then only
polls the cluster every `SSH_POLL` seconds so the dashboard follows it.
"""

from __future__ import annotations

import asyncio
import os
import sys
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable

from halab_kernel.errors import LabError

TICK = 0.1  # seconds of wall time between two steps of the virtual clock
MAX_CATCH_UP = 0.5  # wall seconds one tick may account for
SSH_POLL = 2.0


@dataclass
class Pacer:
    """Advances one lab in step with the wall clock until cancelled."""

    lab: Any
    speed: float
    task: asyncio.Task | None = field(default=None, repr=False)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        real = getattr(self.lab, "kind", "sim") != "sim"
        last = loop.time()
        while True:
            await asyncio.sleep(SSH_POLL if real else TICK)
            now = loop.time()
            elapsed, last = min(now - last, MAX_CATCH_UP), now
            try:
                self.lab.advance(0 if real else elapsed * self.speed)
                for listener in list(_tick_listeners.get(self.lab, ())):
                    listener(self.lab.now)
            except Exception as error:  # noqa: BLE001 - a dead pacer must say why, once
                sys.stderr.write(f"live mode stopped: {error}\n")
                _pacers.pop(self.lab, None)
                return

    def __repr__(self) -> str:
        state = "live" if self.running else "stopped"
        return f"<{state}: {self.speed:g} virtual second(s) per second>"

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()


# Per lab, and only while the lab lives: keyed by the lab itself (weakly), never by id(), which a
# later lab may reuse once this one is collected and would then inherit its listeners.
_pacers: weakref.WeakKeyDictionary[Any, Pacer] = weakref.WeakKeyDictionary()
_tick_listeners: weakref.WeakKeyDictionary[Any, list[Callable[[float], None]]] = weakref.WeakKeyDictionary()


def on_tick(lab: Any, listener: Callable[[float], None]) -> Callable[[], None]:
    """Call `listener(now)` after every live tick of `lab`, events or not (a clock to redraw);
    returns a function that stops it."""
    listeners = _tick_listeners.setdefault(lab, [])
    listeners.append(listener)

    def stop() -> None:
        if listener in listeners:
            listeners.remove(listener)

    return stop


def start(lab: Any, speed: float = 1.0) -> Pacer | None:
    """Pace `lab` against the wall clock at `speed` virtual seconds per second.

    Calling it again changes the speed. Returns the Pacer, or None while grading.
    """
    if not speed > 0:
        raise LabError(f"speed must be a positive number of virtual seconds per second, not {speed!r}")
    if os.environ.get("NBGRADER_EXECUTION"):
        sys.stderr.write("live mode is off while grading: time passes only with lab.advance()\n")
        return None
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise LabError("live mode needs a running Jupyter kernel; outside one, use lab.advance()") from None
    current = _pacers.get(lab)
    if current is not None and current.running:
        current.speed = float(speed)
        return current
    pacer = Pacer(lab, float(speed))
    pacer.task = loop.create_task(pacer.run())
    _pacers[lab] = pacer
    return pacer


def pause(lab: Any) -> None:
    """Stop pacing `lab`: virtual time stands still until advanced by hand (or `start` again)."""
    pacer = _pacers.pop(lab, None)
    if pacer is not None and pacer.task is not None:
        pacer.task.cancel()


def step(lab: Any, seconds: float = 1.0) -> list:
    """Advance `lab` by `seconds` of virtual time at once (useful while paused)."""
    return list(lab.advance(seconds))


def is_live(lab: Any) -> bool:
    pacer = _pacers.get(lab)
    return pacer is not None and pacer.running


def speed(lab: Any) -> float | None:
    """The current speed factor, or None when `lab` is not live."""
    pacer = _pacers.get(lab)
    return pacer.speed if pacer is not None and pacer.running else None
