"""The `halab` command's side: hand a tool command to the resident server, or say it must run here.

Only C-level modules are imported (`_socket`, `_signal`: their Python wrappers `socket` and
`signal` import `enum`, ~5 ms), so a served command costs a Python start-up plus one fork.

The request carries the descriptors 0, 1 and 2 themselves (SCM_RIGHTS): the server's child
reads and writes this process's stdin, stdout and stderr, so output order, terminals and
pipes behave exactly as if the command ran here. Wire format, both directions: see server.py.
"""

from __future__ import annotations

import _signal
import _socket
import fcntl
import os
import sys

from halab_kernel.fastpath import rendezvous

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence

FORWARDED_SIGNALS = (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP, _signal.SIGQUIT)


def run_on_server(argv: Sequence[str]) -> int | None:
    """The command's exit status as run by the server; None when it must run in this process
    (no server yet, one for older code, or this command or environment is not served).
    A server is started in the background when none answers."""
    if not rendezvous.wanted(argv):
        return None
    folder, key = rendezvous.server_folder(), rendezvous.installation_key()
    try:
        cwd = os.getcwd()
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:  # a deleted working folder or a closed standard descriptor: run here
        return None
    if not rendezvous.is_private(folder):
        if not os.path.lexists(folder):
            start_server(folder, key)  # it creates the folder, private
        return None  # anyone else's or a folder others can enter: its socket could be anyone's
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.connect(rendezvous.socket_path(folder, key))
    except OSError:
        connection.close()
        start_server(folder, key)
        return None
    try:
        return _served(connection, _request(argv, cwd), folder, key)
    finally:
        connection.close()


def _request(argv: Sequence[str], cwd: str) -> bytes:
    """argv[0] of this process, working folder, umask, the arguments, then the environment."""
    umask = os.umask(0)
    os.umask(umask)
    fields = [sys.argv[0] if sys.argv else "halab", cwd, str(umask), str(len(argv)), *argv]
    payload = b"\0".join([*map(os.fsencode, fields), *(key + b"=" + value for key, value in os.environb.items())])
    return len(payload).to_bytes(8, "big") + payload


def _served(connection: _socket.socket, request: bytes, folder: str, key: str) -> int | None:
    descriptors = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
    try:
        sent = connection.sendmsg([request], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, descriptors)])
        if sent < len(request):  # not an empty send: once the whole request is in, a quick child may have run,
            connection.sendall(request[sent:])  # answered and closed, and sending nothing would still fail (EPIPE)
        kind, value = _answer(connection)
    except OSError:
        return None  # nothing ran: the server went away before forking
    if kind == b"D":  # declined: its code is older than the installed code, and it is leaving
        start_server(folder, key, even_if_locked=True)
        return None
    child = value if kind == b"P" else 0  # a quick child may answer X before the server's P
    while kind == b"P":
        for number in FORWARDED_SIGNALS:
            _signal.signal(number, lambda received, frame: os.kill(child, received))
        try:
            kind, value = _answer(connection)
        except InterruptedError:
            continue
        except OSError:
            kind, value = b"", 0
    if kind == b"X":
        return value
    if kind == b"S":
        _signal.signal(value, _signal.SIG_DFL)
        os.kill(os.getpid(), value)  # die of the child's signal, as the direct path would
    print(f"halab: the resident server (child {child}) stopped answering; "
          "run the command again, or with HALAB_NO_SERVER=1", file=sys.stderr)
    return 1


def _answer(connection: _socket.socket) -> tuple[bytes, int]:
    """One 5-byte answer: a kind letter and a big-endian number."""
    data = b""
    while len(data) < 5:
        chunk = connection.recv(5 - len(data))
        if not chunk:
            raise ConnectionResetError("the server closed the connection")
        data += chunk
    return data[:1], int.from_bytes(data[1:], "big", signed=True)


def start_server(folder: str, key: str, even_if_locked: bool = False) -> None:
    """Start a server in the background, in its own session, detached from our stdio. Not when
    one holds the key's lock already (it is still importing and warming up), unless that one is
    leaving (`even_if_locked`): the new one waits for its lock (see server.py)."""
    if not even_if_locked and _lock_is_held(rendezvous.lock_path(folder, key)):
        return
    command = [sys.executable, "-P", "-c", "from halab_kernel.fastpath.server import main; main()", folder, key]
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        os.posix_spawn(sys.executable, command, os.environ, setsid=True,
                       file_actions=[(os.POSIX_SPAWN_DUP2, devnull, fd) for fd in (0, 1, 2)])
    except OSError:
        pass  # no server this time: every call simply runs directly
    finally:
        os.close(devnull)


def _lock_is_held(path: str) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
