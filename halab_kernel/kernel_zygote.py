"""Grading kernels forked from a warm process: a kernel's start without its imports (issue 18).

nbgrader starts a fresh kernel for every notebook it grades, `python -m ipykernel_launcher -f CONNECTION ...`,
which imports ipykernel, IPython, zmq and the course's magics before its first cell (~0.4 s of CPU, 13 times
for one student's course). Under the course's autograde (`nbgrader_plugins.ExecuteGivingTestCellsTheirJudgesTime`)
the grading process instead starts this zygote once, as its own child reached over a socket pair it alone holds
(no path: nothing a kernel starts can ask it for anything), with the kernel's own interpreter and flags. The
zygote imports what every kernel imports at its start, what the notebooks' cells import (the simulator, its
commands and the checks, as the warm judge imports them; pandas, which most notebooks import to show a table; the
widgets), then only forks. Each kernel is a fresh child of it that
never saw another notebook: a session of its own, the grading process's standard streams, the environment,
working folder and command line nbgrader chose for it, `sys.path` as ipykernel_launcher leaves it, the random
generators reseeded, dumpable again; then it runs what `python -m ipykernel_launcher ARGS` runs.

The zygote declines (nbgrader then starts the kernel as usual) a command that is not `PYTHON -m ipykernel_launcher
...` with its own interpreter, or an environment whose start-up variables (PYTHON*, locale) differ from those it
started with: a fork would not be the process that command starts. It leaves when the grading process closes its
end of the pair, or exits, or after HALAB_SERVER_IDLE seconds (300) without a request. A process's first kernel
is started as usual and the zygote starts at its second: `nbgrader autograde` of one notebook (`halab grade`
runs one per submission) never pays for a zygote it would use once. `HALAB_NO_SERVER=1`: no zygote.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from typing import Any

STARTUP = ("PYTHON", "LC_", "LANG")  # what Python reads at start-up (prefixes of variable names)
WARM = ("halab_kernel.grading_kernel",  # first: as in a grading kernel, debugpy is then never imported
        "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.comm", "halab_kernel.magics",
        "halab_kernel.lab")
TABLES = ("pandas", "pandas.io.formats.html", "pandas.io.formats.string")  # 9 of the 13 notebooks show a table
# (`lab.events_frame()`): ~0.3 s each, imported here once
ON_START = ("IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect", "IPython.core.logger",
            "IPython.extensions.storemagic", "ipykernel.debugger", "sqlite3", "psutil", "tornado.platform.asyncio",
            "tornado.queues")  # what a kernel imports while it starts, after the modules of WARM (~40 ms)
WIDGETS = ("ipywidgets", "halab_widgets", "halab_widgets.board", "halab_widgets.eventlog", "halab_widgets.timeline")
# 4 notebooks draw the board and the timeline (~70 ms each)
NOTEBOOK = ("halab_graders.notebook", "halab_graders.selfstudy", "halab_kernel.history", "halab_kernel.progress")
# what every notebook's first cell imports (open_lab, check_button) beside the checks, and the lab's history
REPLY_SECONDS = 30.0  # wall-clock: how long the grading process waits for a fork's pid
IDLE_SECONDS = 300.0  # the zygote leaves after this long without a request (HALAB_SERVER_IDLE overrides it)


def _startup(env: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if name.startswith(STARTUP)}


# --- in the grading process ---------------------------------------------------------------------------------------

_zygotes: dict[str, tuple[subprocess.Popen, socket.socket]] = {}  # interpreter -> its zygote and our end
_launched = [0]  # kernels this process has asked for: the first is started as usual (see fork_kernel)


class ForkedKernel:
    """What jupyter_client's LocalProvisioner needs of a kernel's Popen, for a kernel the zygote forked (not our
    child: watched through a pidfd)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self.pidfd], [], [], 0)[0]:
            self.returncode = 0  # ended (the zygote reaps it; its status is not ours to read)
            os.close(self.pidfd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            select.select([self.pidfd], [], [], 0.5)
        return self.returncode or 0

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            signal.pidfd_send_signal(self.pidfd, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def fork_kernel(command: list[str], env: dict[str, str], cwd: str | None) -> ForkedKernel | None:
    """A kernel for `command` forked by this process's zygote for its interpreter (started if need be); None when
    it cannot be (the caller starts the kernel as usual)."""
    if not sys.platform.startswith("linux") or len(command) < 3 or command[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    if os.environ.get("HALAB_NO_SERVER"):
        return None  # nothing resident: every kernel started afresh, as every check is judged by a judge of its own
    _launched[0] += 1
    if _launched[0] == 1 and command[0] not in _zygotes:
        return None  # a zygote pays off from its second kernel: `nbgrader autograde` of one notebook starts one kernel
    for _ in range(2):  # a second time with a fresh zygote if the first had left
        control = _zygote(command[0], env)
        if control is None:
            return None
        request = json.dumps({"argv": command[3:], "env": _as_launched(env), "cwd": cwd or os.getcwd()}).encode()
        try:
            with open(os.devnull, "rb") as devnull:
                socket.send_fds(control, [request], [devnull.fileno(), 1, 2])
            control.settimeout(REPLY_SECONDS)
            reply = json.loads(control.recv(4096) or b"null")
        except (OSError, ValueError):
            stop_zygotes()
            continue
        if type(reply) is dict and type(reply.get("pid")) is int:
            return ForkedKernel(reply["pid"])
        return None  # declined
    return None


def _as_launched(env: dict[str, str]) -> dict[str, str]:
    """The environment jupyter_client's `launch_kernel` gives a kernel it starts: with JPY_PARENT_PID, our pid
    (ipykernel reads it when its kernelapp is imported, in the zygote: the zygote starts with it too)."""
    return {**env, "JPY_PARENT_PID": str(os.getpid())}


def _zygote(python: str, env: dict[str, str]) -> socket.socket | None:
    running = _zygotes.get(python)
    if running is not None and running[0].poll() is None:
        return running[1]
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        process = subprocess.Popen([python, "-c", "from halab_kernel.kernel_zygote import main; main()",
                                    str(theirs.fileno())], pass_fds=(theirs.fileno(),), env=_as_launched(env),
                                   stdin=subprocess.DEVNULL, start_new_session=True, cwd="/")
    except OSError:
        ours.close()
        return None
    finally:
        theirs.close()
    _zygotes[python] = (process, ours)
    return ours


def stop_zygotes() -> None:
    """End this process's zygotes (their kernels live on, nbgrader ends them) and reap them."""
    for process, control in list(_zygotes.values()):
        control.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    _zygotes.clear()


# --- the zygote -----------------------------------------------------------------------------------------------------

def main() -> None:
    """`PYTHON -c "from halab_kernel.kernel_zygote import main; main()" FD`, as `fork_kernel` starts it."""
    import ctypes
    import gc
    import importlib

    control = socket.socket(fileno=int(sys.argv[1]))
    started_with = _startup(dict(os.environ))
    for name in WARM:
        importlib.import_module(name)
    _import_course_code()
    for name in (*ON_START, *TABLES, *WIDGETS, *NOTEBOOK):
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a kernel without it imports nothing more than a kernel started afresh
    gc.collect()
    gc.freeze()
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no kernel (same user) may trace us
    except (OSError, AttributeError):
        pass
    idle = float(os.environ.get("HALAB_SERVER_IDLE", IDLE_SECONDS))
    last = time.monotonic()
    while True:
        _reap()
        if not select.select([control], [], [], 1.0)[0]:
            if time.monotonic() > last + idle:
                return  # a long-lived grading process (a hub's formgrader) does not keep us for nothing
            continue
        last = time.monotonic()
        try:
            data, fds, _, _ = socket.recv_fds(control, 1 << 22, 3)
        except OSError:
            return
        if not data:
            return  # the grading process closed its end, or exited
        request = json.loads(data)
        if _startup(request["env"]) != started_with or len(fds) != 3:
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"declined": "another start-up environment"}).encode())
            continue
        pid = os.fork()
        if pid == 0:
            _become_kernel(control, request, fds)  # never returns
        for fd in fds:
            os.close(fd)
        control.send(json.dumps({"pid": pid}).encode())


def _import_course_code() -> None:
    """The simulator, its commands and every check, as the warm judge imports them (a notebook's first cell,
    `open_lab()`, imports the simulator: ~0.2 s of every kernel's CPU; ~0.4 s here once)."""
    try:
        from halab_graders.warm_judge import warm_imports
    except ImportError:
        return  # the checks are not installed: nothing of theirs to import
    warm_imports()


def _reap() -> None:
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


def _become_kernel(control: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    """In the forked child: become `python -m ipykernel_launcher ARGV` as started in the request's folder and
    environment, with the grading process's streams."""
    import ctypes

    status = 1
    try:
        os.setsid()
        control.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE 1, as a process started afresh
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()  # Python's own `random` reseeds itself in a forked child
        import ipykernel_launcher

        if sys.path[0] == "":
            del sys.path[0]  # as ipykernel_launcher removes the working folder `python -m` put first
        sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        status = 0
    except SystemExit as leaving:
        status = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported as a kernel's crash is: on stderr, exit 1
        import traceback

        traceback.print_exc()
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
