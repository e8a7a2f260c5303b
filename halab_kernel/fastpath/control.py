"""`halab server start|stop|status`: the resident server, by hand.

`halab` starts a server on its own (the first tool command that finds none), so `start`
is only for having the first call fast too; `stop` ends every server of the folder
(HALAB_SERVER_DIR, else $XDG_RUNTIME_DIR/halab, else /tmp/halab-UID), for instance before
timing cold start-ups; `status` lists them. HALAB_NO_SERVER=1 keeps `halab` off servers.
"""

from __future__ import annotations

import argparse
import fcntl
import glob
import os
import signal
import time

from halab_kernel.fastpath import rendezvous
from halab_kernel.fastpath.client import start_server

START_SECONDS = 60.0  # imports and the warm-up: about a second on an idle machine, far more on a busy one
STOP_SECONDS = 10.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("start", "stop", "status"))


def running_servers(folder: str) -> dict[str, tuple[int, int]]:
    """Key -> (pid, commands served) of every server alive in `folder` (one holds its key's lock
    while it lives, and writes both numbers in it). The pid is 0 for a server that has just taken
    its lock and not yet written them."""
    found = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.lock"))):
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            numbers = [int(word) for word in os.read(fd, 64).decode().split() if word.isdigit()]
            pid, served = (numbers + [0, 0])[:2]
            found[os.path.basename(path).removesuffix(".lock")] = (pid, served)
        finally:
            os.close(fd)
    return found


def stop_servers(folder: str, seconds: float = STOP_SECONDS) -> tuple[set[int], dict[str, tuple[int, int]]]:
    """SIGTERM to every server of `folder` until none holds its lock and each has exited, for at most
    `seconds`: the pids signalled, and the servers still running when the time ran out. A server whose
    pid is not written yet is waited for, never signalled: os.kill(0, ...) would stop our own process
    group."""
    stopped: set[int] = set()
    deadline = time.monotonic() + seconds
    while servers := (running_servers(folder) if os.path.isdir(folder) else {}):
        if time.monotonic() > deadline:
            return stopped, servers
        for pid, _ in servers.values():  # again each round: one waiting for a lock may have taken it
            if pid <= 0:
                continue
            try:
                os.kill(pid, signal.SIGTERM)
                stopped.add(pid)
            except ProcessLookupError:
                pass
        time.sleep(0.02)
    # a server lets go of its lock before its interpreter has finished exiting: wait for the process too
    while leaving := {pid for pid in stopped if _still_running(pid)}:
        if time.monotonic() > deadline:
            return stopped, {f"pid {pid}": (pid, 0) for pid in sorted(leaving)}
        time.sleep(0.02)
    return stopped, {}


def _still_running(pid: int) -> bool:
    """Whether process `pid` has not yet exited (a zombie waiting for its parent has)."""
    if not os.path.isdir("/proc"):  # not Linux: ask the kernel (a zombie counts as running there)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _answers(folder: str, key: str) -> bool:
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(rendezvous.socket_path(folder, key))
        except OSError:
            return False
    return True


def run(args: argparse.Namespace) -> int:
    folder, key = rendezvous.server_folder(), rendezvous.installation_key()
    if args.action == "status":
        servers = running_servers(folder) if os.path.isdir(folder) else {}
        for name, (pid, served) in servers.items():
            mark = " (this installation)" if name == key else ""
            shown = f"pid {pid}" if pid > 0 else "starting"
            print(f"halab server: {shown}, {served} commands served, at {rendezvous.socket_path(folder, name)}{mark}")
        if key not in servers:
            print(f"halab server: none running for this installation in {folder}")
            return 3
        return 0
    if args.action == "start":
        if not _answers(folder, key):
            start_server(folder, key)
        deadline = time.monotonic() + START_SECONDS
        while not _answers(folder, key):
            if time.monotonic() > deadline:
                print(f"halab server: did not start within {START_SECONDS:.0f} s in {folder}")
                return 1
            time.sleep(0.05)
        pid, _ = running_servers(folder).get(key, (0, 0))
        print(f"halab server: pid {pid} at {rendezvous.socket_path(folder, key)}")
        return 0
    stopped, still_running = stop_servers(folder)
    if still_running:
        print(f"halab server: still running after {STOP_SECONDS:.0f} s: {still_running}")
        return 1
    print(f"halab server: {len(stopped)} stopped in {folder}")
    return 0
