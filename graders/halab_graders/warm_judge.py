"""The warm judge: a clean process with the checks imported, forking a fresh judge per check.

A judge started as `python -I -m halab_graders.judge` spends ~0.15 s of CPU importing the
simulator and the checks before a check that itself takes ~20 ms; a course has ~70 graded
checks. This server is started the same way (`python -I -m halab_graders.warm_judge FOLDER
KEY`, in its own session: isolated mode, clean imports), imports every check and the simulator
once, and never runs a check or any student code itself. For each request it forks a child
that is exactly the judge (`judge.answer`): its own process and session, the client's working
folder and environment, the random generator re-seeded, the judge's memory limit, and the
verdict as one line of data on the client's connection. The server kills the child's whole
process group (the sandbox with it) when the child has used the check's limit of its own time
(`isolated.OwnClock`: a busy machine does not count), when the wall-clock backstop passes, when
the client has left (nbgrader stopped its cell), or as soon as it ends, and only then reaps it;
it then sends one trailer line: how the child ended.

Wire format (client to server): one JSON line `{"request": TEXT, "seconds": LIMIT, "cwd": ...,
"env": {...}}`, where TEXT is what `python -m halab_graders.judge` reads on stdin. Server to
client: the child's output lines, then `{"exit": N, "stderr": LAST_LINE, "stopped": WHY}` (WHY:
"" when it ended by itself, else `isolated.OVER_LIMIT` or `isolated.STARVED`),
or only `{"declined": true}` when the installed code changed since the server started (it
leaves; the client runs the judge directly and starts a new one).

A verdict that holds for every seed (a check passed on a run that drew nothing from its random
source: `check.EVERY_SEED`) is kept, and a later request that differs from its own only in the
`seed` option is answered with it, as the child judging it would have (same lines, exit 0),
without running the same simulation again: 12's office-hours week (~2 s) under its hidden
test's other seed. The verdict comes from the child itself, through a file it alone holds,
never from the client; only passed verdicts are kept, and only while the code that made them
is the installed code (the server leaves when it changes).

Where it listens, who may connect, its lock and idle time: as `halab_kernel.fastpath`'s server
(docs/performance.md), with the key prefixed `judge-`; `halab server stop` stops it too.
"""

from __future__ import annotations

import gc
import importlib
import io
import json
import os
import pkgutil
import select
import signal
import socket
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import IO, Any

from halab_graders import judge
from halab_graders.isolated import BACKSTOP_SECONDS, POLL_SECONDS, OwnClock, over_time
from halab_graders.sandbox import out_of_reach
from halab_kernel.fastpath import rendezvous
from halab_kernel.fastpath.server import PACKAGE, Listening, code_stamp, hold_lock

IDLE_SECONDS = 300.0  # HALAB_SERVER_IDLE overrides it, as for the command server
MAX_REQUEST = 16_000_000  # bytes: an answer's data (isolated.MAX_PAYLOAD characters) and the environment
KEPT_VERDICTS = 1000  # verdicts that hold for every seed, the oldest forgotten first
PACKAGES = (os.path.dirname(os.path.abspath(__file__)), PACKAGE)
WARM_PACKAGES = ("halab_kernel.sim", "halab_kernel.commands")  # what checks drive, imported lazily by the lab


@dataclass
class Running:
    """A child judging one request."""

    connection: socket.socket
    clock: OwnClock  # the child's own time
    limit: float  # seconds of it the check may take
    backstop: float  # time.monotonic() past which it is stopped however busy the machine
    errors: IO[bytes]  # the child's standard output and error
    verdict: IO[bytes]  # the verdict line the child sent, written there by the child
    seedless: str | None  # the request without its seed (`seedless`), if it can be read


class WarmJudge(Listening):
    """The warm judge: the stamp of the code it imported, and the children judging."""

    def __init__(self, folder: str, key: str, idle_seconds: float, lock: int) -> None:
        super().__init__(folder, key, idle_seconds, lock)
        self.children: dict[int, Running] = {}
        self.stamp = code_stamp(PACKAGES)
        self.every_seed: dict[str, bytes] = {}  # request without its seed -> the verdict line that holds for every seed

    def serve(self) -> None:
        self.catch_signals()
        last_request = time.monotonic()
        while not self.stopping:
            now = time.monotonic()
            wake = min(last_request + self.idle_seconds, now + POLL_SECONDS if self.children else float("inf"))
            ready, _, _ = select.select([self.listener.fileno(), self.wake_read], [], [], max(0.0, wake - now))
            self._finish_children()
            if self.listener.fileno() in ready:
                last_request = time.monotonic()
                if not self._accept():
                    break
            elif not ready and not self.children and time.monotonic() >= last_request + self.idle_seconds:
                break
        self._close()

    def _accept(self) -> bool:
        """Start judging one request; False when this server must leave (its code is stale)."""
        connection = self.accept_own_user(5.0)
        if connection is None:
            return True
        try:
            message = _read_request(connection)
        except (OSError, ValueError):
            message = None
        if message is None:
            connection.close()
            return True
        if code_stamp(PACKAGES) != self.stamp:
            _send(connection, {"declined": True})
            connection.close()
            return False
        self.count_request()
        key = seedless(message["request"])
        kept = self.every_seed.get(key) if key is not None else None
        if kept is not None:  # what the child would write: the same verdict, then an exit status 0
            try:
                connection.sendall(kept + b"\n")
            except OSError:
                pass
            _send(connection, {"exit": 0, "stderr": "", "stopped": ""})
            connection.close()
            return True
        errors, verdict = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        child = os.fork()
        if child == 0:
            self._become_judge(connection, message, errors, verdict)  # never returns
        self.children[child] = Running(connection, OwnClock(child), float(message["seconds"]),
                                       time.monotonic() + BACKSTOP_SECONDS, errors, verdict, key)
        return True

    def _become_judge(self, connection: socket.socket, message: dict[str, Any], errors: IO[bytes],
                      verdict: IO[bytes]) -> None:
        """In the child: drop the server's descriptors, become the client's judge, answer, exit."""
        status = 1
        try:
            os.setsid()  # its own process group: the server kills it with everything it started
            signal.set_wakeup_fd(-1)
            for number in (signal.SIGCHLD, signal.SIGTERM):
                signal.signal(number, signal.SIG_DFL)
            self.close_in_child()
            for other in self.children.values():
                other.connection.close()
                other.errors.close()
                other.verdict.close()
            for fd in (1, 2):
                os.dup2(errors.fileno(), fd)
            sys.stdout = sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), line_buffering=True)
            os.environ.clear()
            os.environ.update(message["env"])
            try:
                os.chdir(message["cwd"])
            except OSError:
                pass  # a deleted folder: the judge needs none
            if "random" in sys.modules:
                sys.modules["random"].seed()  # a fresh process draws a fresh seed, not the server's sequence
            verdict.write(judge.answer(message["request"], connection.makefile("w")).encode())
            verdict.flush()
            status = 0
        except BaseException:  # noqa: BLE001 - reported as a fresh judge's crash would be: on stderr, exit 1
            import traceback

            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)

    def _finish_children(self) -> None:
        """Kill the group of every child that ended, ran out of time or lost its client, then reap it and tell its
        client."""
        self.drain_wakeups()
        for pid, child in list(self.children.items()):
            ended = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
            stopped = "" if ended else over_time(child.clock, child.limit, child.backstop)
            if not ended and not stopped and not _left(child.connection):
                continue
            try:  # before reaping: until then no other process can take this group's number
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, status = os.waitpid(pid, 0)
            del self.children[pid]
            exit_status = os.waitstatus_to_exitcode(status)
            _send(child.connection, {"exit": exit_status, "stderr": _last_line(child.errors), "stopped": stopped})
            if ended and exit_status == 0 and child.seedless is not None:
                self._keep(child.seedless, child.verdict)
            child.connection.close()
            child.errors.close()
            child.verdict.close()

    def _keep(self, key: str, written: IO[bytes]) -> None:
        """Keep the verdict a child wrote if it passed and holds for every seed."""
        written.seek(0)
        line = written.read()
        try:
            verdict = json.loads(line)
        except ValueError:
            return
        if type(verdict) is dict and verdict.get("passed") is True and verdict.get("every_seed") is True:
            self.every_seed[key] = line
            while len(self.every_seed) > KEPT_VERDICTS:
                del self.every_seed[next(iter(self.every_seed))]

    def _close(self) -> None:
        """Stop listening and remove our socket; running children are killed (their clients judge directly)."""
        self.stop_listening()
        for pid, child in self.children.items():
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.connection.close()


def _read_request(connection: socket.socket) -> dict[str, Any] | None:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(1 << 20)
        if not chunk or len(data) + len(chunk) > MAX_REQUEST:
            return None
        data += chunk
    message = json.loads(data)
    wanted: dict[str, type | tuple[type, ...]] = {"request": str, "seconds": (int, float), "cwd": str, "env": dict}
    if type(message) is not dict or any(not isinstance(message.get(name), kind) for name, kind in wanted.items()):
        return None
    return message


def seedless(request: str) -> str | None:
    """The request (`judge`'s JSON text) without its `seed` option, as a key; None if it cannot be read."""
    try:
        data = json.loads(request)
        options = data.get("options") or {"$dict": []}
        kept = [pair for pair in options["$dict"] if pair[0] != "seed"]
        return json.dumps([data["check"], data.get("answer"), kept], sort_keys=True)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _left(connection: socket.socket) -> bool:
    """Whether the client closed its end (nbgrader stopped its cell): it sends nothing after its request."""
    try:
        if not select.select([connection], [], [], 0)[0]:
            return False
        return connection.recv(1, socket.MSG_PEEK) == b""  # readable: returns at once
    except OSError:
        return True


def _send(connection: socket.socket, trailer: dict[str, Any]) -> None:
    try:
        connection.sendall(json.dumps(trailer).encode() + b"\n")
    except OSError:
        pass  # the client left: nothing to tell


def _last_line(errors: IO[bytes]) -> str:
    errors.seek(max(0, os.fstat(errors.fileno()).st_size - 4096))
    lines = errors.read().decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def warm_imports() -> None:
    """Every check, and every module of the simulator and its commands a check may drive; and the installed schema
    the simulator's CIBs name, parsed (what a CIB change through pcs validates against: ~40 ms of the first such
    command in every child, a file read and parsed, the same whoever reads it)."""
    for topic in sorted(judge.TOPICS):
        importlib.import_module(f"halab_graders.{topic}")
    for package in WARM_PACKAGES:
        for found in pkgutil.walk_packages(importlib.import_module(package).__path__, f"{package}."):
            try:
                importlib.import_module(found.name)
            except ImportError:
                pass  # an optional dependency is missing: the check that needs it imports it itself
    from halab_kernel.commands.cib_schema import _schema
    from halab_kernel.sim.pacemaker.cibstore import SCHEMA

    _schema(SCHEMA)


class PrivateJudge(WarmJudge):
    """A warm judge only the process that started it can reach (`python -I -m halab_graders.warm_judge --private FD`,
    `isolated._judged_by_private_judge`: nbgrader's process). It listens on no path: FD is its end of a socket pair
    the parent made, and each request arrives as a connection of its own passed over it (SCM_RIGHTS). It leaves when
    the parent closes its end (or dies), or after the idle time."""

    def __init__(self, control: socket.socket, idle_seconds: float) -> None:
        super().__init__("", "private", idle_seconds, -1)
        self.listener.close()
        self.listener = control

    def listen(self) -> None:
        pass  # the socket pair is already connected

    def accept_own_user(self, seconds: float) -> socket.socket | None:
        """The next request's connection, passed by our parent (None, and leaving, once our parent has closed)."""
        try:
            data, fds, _, _ = socket.recv_fds(self.listener, 1, 1)
        except OSError:
            data, fds = b"", []
        if not data:
            self.stopping = True
        if not fds:
            return None
        connection = socket.socket(fileno=fds[0])
        connection.settimeout(seconds)
        return connection

    def count_request(self) -> None:
        self.served += 1

    def close_in_child(self) -> None:
        for fd in (self.wake_read, self.wake_write):
            os.close(fd)
        self.listener.close()

    def stop_listening(self) -> None:
        signal.set_wakeup_fd(-1)
        self.listener.close()


def main() -> None:
    """`python -I -m halab_graders.warm_judge FOLDER KEY` (the shared warm judge) or `... --private FD`, as
    `halab_graders.isolated` starts them."""
    if sys.argv[1] == "--private":
        out_of_reach()
        private = PrivateJudge(socket.socket(fileno=int(sys.argv[2])),
                               float(os.environ.get("HALAB_SERVER_IDLE", IDLE_SECONDS)))
        warm_imports()
        gc.collect()
        gc.freeze()
        private.serve()
        return
    folder, key = sys.argv[1], sys.argv[2]
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not rendezvous.is_private(folder):
        return
    lock = hold_lock(folder, key)
    if lock is None:
        return
    out_of_reach()  # a student's function (same user) cannot open our connections through /proc
    server = WarmJudge(folder, key, float(os.environ.get("HALAB_SERVER_IDLE", IDLE_SECONDS)), lock)
    warm_imports()
    gc.collect()
    gc.freeze()  # children share the imported objects' pages instead of copying them on collection
    server.listen()
    try:
        server.serve()
    finally:
        os.close(lock)


if __name__ == "__main__":
    main()
