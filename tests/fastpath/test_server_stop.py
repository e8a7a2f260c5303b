"""Stopping servers never signals a pid it has not read: a server that has just taken its lock has not
written its pid yet, and os.kill(0, ...) would stop the caller's own process group (the user's shell and
every process of it, or pytest and the CI)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from halab_kernel.fastpath.control import running_servers, stop_servers

# A stand-in for a server between taking its lock and writing its pid: it holds the lock of an empty lock
# file, then writes its pid in it when told (a line on its stdin), and lives until signalled.
STARTING_SERVER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.readline()
os.write(fd, f"{os.getpid()} 0\\n".encode())
print("written", flush=True)
time.sleep(60)
"""


def test_a_starting_server_is_waited_for_then_stopped(tmp_path):
    lock = tmp_path / "key.lock"
    server = subprocess.Popen([sys.executable, "-c", STARTING_SERVER, str(lock)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert server.stdout is not None and server.stdin is not None
        assert server.stdout.readline() == "locked\n"
        assert running_servers(str(tmp_path)) == {"key": (0, 0)}
        stopped, still_running = stop_servers(str(tmp_path), seconds=0.5)  # before the fix: SIGTERM to us
        assert (stopped, still_running) == (set(), {"key": (0, 0)})
        server.stdin.write("go\n")
        server.stdin.flush()
        assert server.stdout.readline() == "written\n"
        started = time.monotonic()
        stopped, still_running = stop_servers(str(tmp_path), seconds=10)
        assert (stopped, still_running) == ({server.pid}, {})
        assert server.wait(timeout=10) == -15 and time.monotonic() - started < 10
    finally:
        if server.poll() is None:
            os.kill(server.pid, 9)
            server.wait(timeout=10)


# A stand-in for a server that lets go of its lock on SIGTERM and then takes its time to exit, as a real one
# does while its interpreter finishes (hundreds of milliseconds on a loaded machine).
SLOW_LEAVING_SERVER = """
import fcntl, os, signal, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, f"{os.getpid()} 0\\n".encode())
signal.signal(signal.SIGTERM, lambda number, frame: (os.close(fd), time.sleep(1.5), os._exit(0)))
print("serving", flush=True)
time.sleep(60)
"""


def test_stop_returns_once_the_server_has_exited_not_when_it_unlocks(tmp_path):
    lock = tmp_path / "key.lock"
    server = subprocess.Popen([sys.executable, "-c", SLOW_LEAVING_SERVER, str(lock)], stdout=subprocess.PIPE,
                              text=True, start_new_session=True)
    try:
        assert server.stdout is not None and server.stdout.readline() == "serving\n"
        stopped, still_running = stop_servers(str(tmp_path), seconds=10)
        assert (stopped, still_running) == ({server.pid}, {})
        assert server.poll() == 0  # exited (reaped here), not still on its way out
    finally:
        if server.poll() is None:
            os.kill(server.pid, 9)
            server.wait(timeout=10)
