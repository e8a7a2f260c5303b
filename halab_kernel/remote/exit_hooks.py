"""Heal what the labs broke on every way out of the process, before anything they need is gone.

A partition left on real nodes keeps a node cut off after the notebook is
closed, so every open `SshBackend` is closed (its partitions healed) on:
- a normal exit, `sys.exit()`, an uncaught exception or Ctrl-C (KeyboardInterrupt):
  by `atexit`. The backend's heal at exit uses no thread pool, because
  `concurrent.futures` shuts its pools down before `atexit` handlers run
  ("cannot schedule new futures after shutdown");
- SIGTERM and SIGHUP (a kernel shut down or restarted by Jupyter, a closed
  terminal, `kill`): by a handler that heals, then lets the signal do what it
  did before (a handler someone else installed is called; the default kills
  the process, so it is re-raised with the default action).
Only SIGKILL (and a power cut) cannot be caught: the markers the faults leave
on the nodes let the next lab find what was left (faults.py).
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
import weakref
from functools import partial
from types import FrameType
from typing import Any, Protocol

HANDLED_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Closable(Protocol):
    def close(self) -> None: ...


_open: weakref.WeakSet[Any] = weakref.WeakSet()
_installed = False


def watch(backend: Closable) -> None:
    """Close (and so heal) `backend` on any way out of the process, unless it is closed before."""
    _open.add(backend)
    _install()


def forget(backend: Closable) -> None:
    _open.discard(backend)


def close_all() -> None:
    """Close every open backend; one that fails does not stop the others."""
    for backend in list(_open):
        try:
            backend.close()
        except Exception:  # noqa: BLE001 - at exit, heal what can be healed; nobody is left to tell
            pass


def _install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    atexit.register(close_all)
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread
    for signum in HANDLED_SIGNALS:
        previous = signal.getsignal(signum)
        if previous is signal.SIG_IGN or previous is None:
            continue  # ignored (nohup) or set from C: leave it alone
        signal.signal(signum, partial(_on_signal, previous))


def _on_signal(previous: Any, signum: int, frame: FrameType | None) -> None:
    close_all()
    if callable(previous):
        previous(signum, frame)
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
