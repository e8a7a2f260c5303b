"""The resident server: imports halab once, then forks a child per command.

Wire format. Request (client to server): 8-byte big-endian length, then NUL-separated fields
`argv0, cwd, umask, N, N arguments, KEY=VALUE environment entries`, with the client's
descriptors 0, 1, 2 attached (SCM_RIGHTS). Answers (server or child to client), 5 bytes each:
a letter and a big-endian signed 32-bit number:
  P pid   the child running the command (the client forwards SIGINT/SIGTERM/SIGHUP/SIGQUIT to it)
  X rc    the child's exit status, sent by the child after flushing its output
  S sig   the child died of a signal (sent by the server, which reaps it)
  D 0     declined, nothing ran: the installed code changed since this server started; it leaves

Life: one server per folder and key (an exclusive lock on KEY.lock), started by the first
client that found none, exits after HALAB_SERVER_IDLE seconds (default 600) without a
request, on SIGTERM (`halab server stop`), or when it finds its code stale.
"""

from __future__ import annotations

import fcntl
import gc
import os
import select
import signal
import socket
import struct
import sys
import time
from importlib import import_module

from halab_kernel.fastpath import rendezvous
from halab_kernel.fastpath.child import run_child
from halab_kernel.fastpath.warmup import warm_imports

LOCK_WAIT_SECONDS = 5.0  # a stale server is leaving: wait this long for its lock


PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def code_stamp(packages: tuple[str, ...] = (PACKAGE,)) -> int:
    """Changes when any module of `packages` (folders; halab_kernel's by default) or the installed
    packages' folder changes."""
    entries: list[str] = [f"{os.stat(os.path.dirname(os.__file__)).st_mtime_ns}"]
    site = [path for path in sys.path if path.endswith("site-packages")]
    entries += [f"{os.stat(path).st_mtime_ns}" for path in site if os.path.isdir(path)]
    folders = list(packages)
    while folders:
        with os.scandir(folders.pop()) as found:
            for entry in found:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    status = entry.stat()
                    entries.append(f"{entry.path}:{status.st_mtime_ns}:{status.st_size}")
    entries.sort()
    return hash("\n".join(entries))


class Listening:
    """What every halab server has: its socket in its folder, its lock, the pipe signals wake it through, and
    how many requests it took (written beside its pid in the lock file: `halab server status` shows it).
    The command server below and the graders' warm judge (halab_graders/warm_judge.py) build on it."""

    def __init__(self, folder: str, key: str, idle_seconds: float, lock: int) -> None:
        self.folder, self.key, self.idle_seconds, self.lock = folder, key, idle_seconds, lock
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.wake_read, self.wake_write = os.pipe()
        self.stopping = False
        self.served = 0

    def listen(self) -> None:
        path = rendezvous.socket_path(self.folder, self.key)
        if os.path.lexists(path):
            os.unlink(path)  # left by a server that died: we hold the lock, so it is not in use
        self.listener.bind(path)
        self.listener.listen(16)
        self.inode = os.stat(path).st_ino

    def catch_signals(self) -> None:
        """SIGCHLD wakes the select loop; SIGTERM (`halab server stop`) ends it."""
        for fd in (self.wake_read, self.wake_write):
            os.set_blocking(fd, False)
        signal.set_wakeup_fd(self.wake_write)
        signal.signal(signal.SIGCHLD, lambda number, frame: None)
        signal.signal(signal.SIGTERM, lambda number, frame: setattr(self, "stopping", True))

    def drain_wakeups(self) -> None:
        try:
            os.read(self.wake_read, 512)
        except BlockingIOError:
            pass

    def close_in_child(self) -> None:
        """In a forked child: none of the server's own descriptors stays open."""
        for fd in (self.wake_read, self.wake_write, self.lock):
            os.close(fd)
        self.listener.close()

    def accept_own_user(self, seconds: float) -> socket.socket | None:
        """The next connection, if it comes from a process of our own user; reads on it time out after `seconds`
        (a client that connects and says nothing does not block us for long)."""
        try:
            connection, _ = self.listener.accept()
            connection.settimeout(seconds)
            _, uid, _ = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                                  struct.calcsize("3i")))
        except OSError:
            return None
        if uid != os.getuid():
            connection.close()
            return None
        return connection

    def count_request(self) -> None:
        self.served += 1
        os.pwrite(self.lock, f"{os.getpid()} {self.served}\n".encode(), 0)

    def stop_listening(self) -> None:
        """Remove our socket (unless another server's replaced it) and close it."""
        signal.set_wakeup_fd(-1)
        path = rendezvous.socket_path(self.folder, self.key)
        try:
            if os.stat(path).st_ino == self.inode:
                os.unlink(path)
        except OSError:
            pass
        self.listener.close()


class Server(Listening):
    """The command server: the stamp of the code it imported, and its running children."""

    def __init__(self, folder: str, key: str, idle_seconds: float, lock: int) -> None:
        super().__init__(folder, key, idle_seconds, lock)
        self.children: dict[int, socket.socket] = {}  # pid -> its client's connection
        self.stamp = code_stamp()

    def serve(self) -> None:
        self.catch_signals()
        last_request = time.monotonic()
        while not self.stopping:
            # past the idle time with children still running: wait for them (SIGCHLD wakes us) without spinning
            timeout = max(0.5 if self.children else 0.0, last_request + self.idle_seconds - time.monotonic())
            ready, _, _ = select.select([self.listener.fileno(), self.wake_read], [], [], timeout)
            self._reap()
            if self.listener.fileno() in ready:
                last_request = time.monotonic()
                if not self._accept():
                    break
            elif not ready and not self.children:
                break  # idle
        self._close()

    def _accept(self) -> bool:
        """Serve one request; False when this server must leave (its code is stale)."""
        connection = self.accept_own_user(2.0)
        if connection is None:
            return True
        try:
            request, descriptors = _receive(connection)
        except (OSError, ValueError):
            connection.close()
            return True
        if code_stamp() != self.stamp:
            for fd in descriptors:
                os.close(fd)
            _send(connection, b"D", 0)
            connection.close()
            return False
        child = os.fork()
        if child == 0:  # keep nothing of the server's: its lock, socket or other clients' connections
            self.close_in_child()
            for other in self.children.values():
                other.close()
            run_child(connection, request, descriptors)  # never returns
        for fd in descriptors:
            os.close(fd)
        self.children[child] = connection
        self.count_request()
        try:
            _send(connection, b"P", child)
        except OSError:
            pass
        return True

    def _reap(self) -> None:
        self.drain_wakeups()
        for pid in list(self.children):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done == 0:
                continue
            connection = self.children.pop(pid)
            if os.WIFSIGNALED(status):
                try:
                    _send(connection, b"S", os.WTERMSIG(status))
                except OSError:
                    pass
            connection.close()

    def _close(self) -> None:
        """Stop listening and remove our socket; running children finish on their own."""
        self.stop_listening()
        for connection in self.children.values():
            connection.close()


def _receive(connection: socket.socket) -> tuple[list[bytes], list[int]]:
    """The request's fields and the three descriptors it carries."""
    data, ancillary, _, _ = connection.recvmsg(65536, socket.CMSG_SPACE(3 * 4))
    descriptors: list[int] = []
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            descriptors += [int.from_bytes(payload[i:i + 4], sys.byteorder) for i in range(0, len(payload), 4)]
    if len(descriptors) != 3:
        for fd in descriptors:
            os.close(fd)
        raise ValueError("a request carries stdin, stdout and stderr")
    while len(data) < 8 or len(data) < 8 + int.from_bytes(data[:8], "big"):
        chunk = connection.recv(65536)
        if not chunk:
            raise ValueError("a truncated request")
        data += chunk
    return data[8:].split(b"\0"), descriptors


def _send(connection: socket.socket, kind: bytes, value: int) -> None:
    connection.sendall(kind + value.to_bytes(4, "big", signed=True))


def hold_lock(folder: str, key: str) -> int | None:
    """The lock file's descriptor once we hold it (our pid written in it), None if another server keeps it."""
    fd = os.open(rendezvous.lock_path(folder, key), os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                return None
            time.sleep(0.05)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()} 0\n".encode())
    return fd


def main() -> None:
    """`python -P -c '...server import main; main()' FOLDER KEY`, as the client spawns it."""
    folder, key = sys.argv[1], sys.argv[2]
    if key != rendezvous.installation_key():
        return  # started differently from the client that wanted it: never serve a mismatch
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not rendezvous.is_private(folder):
        return
    lock = hold_lock(folder, key)
    if lock is None:
        return
    server = Server(folder, key, float(os.environ.get("HALAB_SERVER_IDLE", rendezvous.DEFAULT_IDLE_SECONDS)), lock)
    import_module("halab_kernel.subcommands")
    for name in warm_imports():
        try:
            import_module(name)
        except ImportError:
            pass
    gc.collect()
    gc.freeze()  # children share the imported objects' pages instead of copying them on collection
    server.listen()
    try:
        server.serve()
    finally:
        os.close(lock)
