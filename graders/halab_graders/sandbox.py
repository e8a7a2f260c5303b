"""The student's functions run here, in a process of their own that can only hand back values.

A check that needs a student's function (02's detection formula, 01's
series and parallel) receives a `StudentFunction`: calling it sends the
arguments as data to `python -I -m halab_graders.sandbox` and reads the
value back as data. The function never shares a process with the check,
so it cannot look at the grader's variables (`sys._getframe`), patch the
grader, or catch the time bound: a call that does not return in time
kills the sandbox, and the check fails with what happened.

The sandbox process imports only what it uses (json, isolated's data conversion): what the judge's side needs
(subprocess, the check's exceptions) is imported there when first used. Its start is the cost of every check of a
student function (~0.1 s of CPU, half of it imports).
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import resource
import select
import sys
import types
from typing import IO, TYPE_CHECKING, Any

from halab_graders.isolated import NotData, OwnClock, from_data, to_data

if TYPE_CHECKING:
    import subprocess

CALL_SECONDS = 5.0  # own time (isolated.OwnClock: not the wait for a CPU on a busy machine) one call may take
WAIT_SLICE = 0.25  # seconds between looks at the sandbox's own time while a call runs
SANDBOX_MEMORY = 1 << 30  # address space of the sandbox process


class StudentFunction:
    """A callable stand-in for the student's function: each call runs it in the sandbox process."""

    def __init__(self, payload: dict[str, Any], call_seconds: float = CALL_SECONDS) -> None:
        self.name = str(payload.get("name", "your function"))
        self.payload = payload
        self.call_seconds = call_seconds
        self.process: subprocess.Popen | None = None
        self.buffer = b""

    def __repr__(self) -> str:
        return f"<your function {self.name}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        shown = ", ".join([repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()])
        if self.process is None:
            self._start()
        self._send({"args": to_data(list(args)), "kwargs": to_data(kwargs)})
        reply = self._receive(f"{self.name}({shown})")
        if "error" in reply:
            raise _failed(f"{self.name}({shown}) raised {reply['error']}")
        return from_data(reply["value"])

    def _start(self) -> None:
        import subprocess

        self.process = subprocess.Popen([sys.executable, "-I", "-m", "halab_graders.sandbox"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._send({"function": self.payload})
        reply = self._receive(f"defining {self.name}")
        if "error" in reply:
            raise _failed(f"defining {self.name} failed: {reply['error']}")

    def _send(self, message: dict[str, Any]) -> None:
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(message).encode() + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # the sandbox has ended: _receive says so

    def _receive(self, doing: str) -> dict[str, Any]:
        assert self.process is not None and self.process.stdout is not None
        clock = OwnClock(self.process.pid)
        descriptor = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            left = self.call_seconds - clock.seconds()
            ready = select.select([descriptor], [], [], min(left, WAIT_SLICE))[0] if left > 0 else []
            if not ready and left > 0:
                continue
            if not ready:
                self.close()
                raise _failed(f"{doing} did not return within {self.call_seconds:g} s (an endless loop?)")
            chunk = os.read(descriptor, 65536)
            if not chunk:
                self.close()
                raise _failed(f"{doing} ended its Python process (exit, crash or out of memory)")
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _failed(message: str) -> Exception:
    """The check's StudentCodeFailed (a Mismatch): imported on the judge's side only, when a call fails."""
    from halab_graders.check import StudentCodeFailed

    return StudentCodeFailed(message)


def limit_memory(address_space: int) -> None:
    """Cap this process's address space: a runaway allocation fails here, not on the grading host."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = address_space if hard == resource.RLIM_INFINITY else min(address_space, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


_PR_SET_DUMPABLE = 4
COURSE_PACKAGES = ("halab_graders", "halab_kernel")  # what an answer function may not import


def out_of_reach() -> None:
    """Make this process non-dumpable: another process of the same user (a student's function in the sandbox) can
    then no longer open its /proc files (its pipes, its memory) to write a verdict of its own."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the judge still accepts exactly one verdict line and a clean exit only


class _CoursePackagesRefused:
    """An answer function computes its result: it may not run the simulator or the grader (the check does). A
    meta path finder by its find_spec (importlib.abc, which it would subclass, costs ~15 ms of every start)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name.partition(".")[0] in COURSE_PACKAGES:
            raise ImportError(f"an answer function may not import {name}: it computes its result itself, the "
                              "check runs the cluster")
        return None


def refuse_course_packages() -> None:
    """Forget the course's own modules and refuse to import them again in this process."""
    for name in [name for name in sys.modules if name.partition(".")[0] in COURSE_PACKAGES]:
        del sys.modules[name]
    sys.meta_path.insert(0, _CoursePackagesRefused())


def define(payload: dict[str, Any], namespace: dict[str, Any]) -> types.FunctionType:
    """Define the student's function (and the helpers and values it reads) in `namespace`."""
    run_definition(payload, namespace)
    function = namespace.get(payload["name"])
    if type(function) is not types.FunctionType:
        raise NameError(f"the source does not define a function {payload['name']}")
    return function


def run_definition(payload: dict[str, Any], namespace: dict[str, Any]) -> None:
    """Run one definition's source (a function, class or constant) after what it reads."""
    for alias, module in payload.get("modules", {}).items():
        namespace[alias] = importlib.import_module(module)
    for alias, (module, qualname) in payload.get("imports", {}).items():
        found: Any = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
        namespace[alias] = found
    for name, value in payload.get("values", {}).items():
        namespace[name] = from_data(value)
    for helper in payload.get("helpers", []):
        run_definition(helper, namespace)
    code = compile(payload["source"], f"<your {payload['name']}>", "exec", dont_inherit=True)
    exec(code, namespace)  # noqa: S102 - the sandbox's purpose


def _reply(channel: IO[str], message: dict[str, Any]) -> None:
    channel.write(json.dumps(message) + "\n")
    channel.flush()


def serve() -> None:
    """Define the function from the first request line, then answer one call per line."""
    requests = os.fdopen(os.dup(0), "r")
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # the function's own reads and prints go nowhere
    os.dup2(2, 1)
    sys.stdin, sys.stdout = open(os.devnull), sys.stderr
    limit_memory(SANDBOX_MEMORY)
    student = types.ModuleType("__student__")  # a module of its own, as dataclasses and pickle expect
    sys.modules[student.__name__] = student
    namespace = vars(student)
    refuse_course_packages()
    try:
        function = define(json.loads(requests.readline())["function"], namespace)
    except BaseException as error:  # noqa: BLE001 - whatever the definition does is reported, not raised
        _reply(replies, {"error": f"{type(error).__name__}: {error}"})
        return
    _reply(replies, {"ready": True})
    for line in requests:
        request = json.loads(line)
        try:
            value = function(*from_data(request["args"]), **from_data(request["kwargs"]))
            _reply(replies, {"value": to_data(value, "the value it returned")})
        except NotData as problem:
            _reply(replies, {"error": str(problem)})
        except BaseException as error:  # noqa: BLE001 - SystemExit and friends are the student's code failing
            _reply(replies, {"error": f"{type(error).__name__}: {error}"})


if __name__ == "__main__":
    serve()
