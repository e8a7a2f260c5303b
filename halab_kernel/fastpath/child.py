"""The forked child: become the client's process (stdio, folder, umask, environment, argv),
run the command as `halab` would directly, and end the way a Python process ends.

"As a fresh process" means: Python's own stdio objects rebuilt on the client's descriptors
(line-buffered on a terminal, block-buffered on a pipe, the server's encoding, which the
installation key makes the client's), the random generator re-seeded, the time zone re-read,
signal handlers back to Python's defaults, SystemExit and uncaught exceptions treated as the
interpreter treats them, atexit handlers run, and a KeyboardInterrupt ending in SIGINT.
"""

from __future__ import annotations

import atexit
import io
import os
import signal
import socket
import sys
import time
from typing import TextIO


def run_child(connection: socket.socket, request: list[bytes], descriptors: list[int]) -> None:
    status = 1
    try:
        _become_client(request, descriptors)
        status = _run(request)
    finally:
        try:
            connection.sendall(b"X" + status.to_bytes(4, "big", signed=True))
        finally:
            os._exit(status)


def _become_client(request: list[bytes], descriptors: list[int]) -> None:
    signal.set_wakeup_fd(-1)
    for number in (signal.SIGCHLD, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # the server's own (/dev/null) buffers, before fds 1 and 2 change
    for target, fd in enumerate(descriptors):
        os.dup2(fd, target)
        os.close(fd)
    argv0, cwd, umask = (os.fsdecode(field) for field in request[:3])
    os.chdir(cwd)
    os.umask(int(umask))
    os.environ.clear()
    for entry in request[4 + int(request[3]):]:
        name, _, value = entry.partition(b"=")
        os.environb[name] = value
    time.tzset()
    sys.argv = [argv0, *map(os.fsdecode, request[4:4 + int(request[3])])]
    sys.stdin = sys.__stdin__ = _stdio(0, sys.stdin)  # type: ignore[misc]
    sys.stdout = sys.__stdout__ = _stdio(1, sys.stdout)  # type: ignore[misc]
    sys.stderr = sys.__stderr__ = _stdio(2, sys.stderr)  # type: ignore[misc]
    if "random" in sys.modules:
        sys.modules["random"].seed()  # a fresh process draws a fresh seed, not the server's sequence


def _stdio(fd: int, like: TextIO) -> io.TextIOWrapper:
    """A text stream on `fd` built as CPython builds sys.std* at start-up (pylifecycle.c create_stdio),
    with the encoding and buffering mode of the server's stream `like` on that fd."""
    reading = fd == 0
    buffered = reading or not getattr(like, "write_through", False)
    raw = io.open(fd, "rb" if reading else "wb", buffering=-1 if buffered else 0, closefd=False)
    stream = io.TextIOWrapper(raw, encoding=like.encoding, errors=like.errors, newline="\n",
                              line_buffering=buffered and (fd == 2 or os.isatty(fd)),
                              write_through=not buffered)
    stream.mode = "r" if reading else "w"  # type: ignore[misc]
    return stream


def _run(request: list[bytes]) -> int:
    from halab_kernel.subcommands import run

    try:
        try:
            status = _exit_status(run(sys.argv[1:]))
        except SystemExit as leaving:
            status = _exit_status(leaving.code)
        except KeyboardInterrupt:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
            _flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
            status = 130
        except BaseException:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
            status = 1
        atexit._run_exitfuncs()
    finally:
        if not _flush():
            status = 120  # as CPython when flushing stdout fails at exit
    return status


def _exit_status(code: object) -> int:
    """What CPython does with SystemExit's code: None is 0, an int is itself, anything else is printed, 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _flush() -> bool:
    ok = True
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            ok = False
    return ok
