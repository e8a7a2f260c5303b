"""Grading in a fresh Python process: the student's kernel hands over data and reads back a verdict.

A test cell (and a Check button) never runs a check inside the student's
kernel, where any name, module or object can be redefined. It turns the
answer into plain data (numbers, text, lists, dicts, sets; a function as
its source code), starts `python -I -m halab_graders.judge` (isolated mode:
no user site, no current directory on the path, no PYTHON* variables), and
reads the verdict back as JSON. The judge runs the check on a fresh
simulator under a memory limit; the student's functions run in a third
process (`halab_graders.sandbox`) that only ever returns values. A time
limit kills the whole process group, so an endless or crashing answer fails
its own test and nothing else. The limit counts the judge's own time (wall
time less the time it waited for a CPU: `OwnClock`), so a busy machine never
turns a good answer into a timeout; a wall-clock backstop, far above it,
stops a judge the machine starves for minutes, with a verdict saying so.

The first check starts a warm judge (`halab_graders.warm_judge`): a clean
`python -I` process with the checks imported, which never runs a check
itself and forks each check's judge, under the same limits, with the same
verdict channel (a check then costs its own ~20 ms instead of ~0.3 s of
start-up). The first check waits for it (its start costs about what one
judge started directly costs) up to WARM_START_SECONDS, and is judged
directly if it does not come up. Not in a pytest run that did not set
HALAB_SERVER_DIR, nor with HALAB_NO_SERVER=1.

That warm judge listens on a socket in the user's server folder, where any
process of the user (one a student's kernel left running) could stand in for
it. So nbgrader's process, which gives the verdicts under autograde
(halab_kernel/graded_cells.py), judges through a private warm judge instead
(`judge_request(..., private=True)`): its own child, reached over a socket
pair only it holds.

This file uses only the standard library: test cells load it afresh from
its file (`runpy.run_path`), so patching `halab_graders` modules in the
kernel cannot change what it does.
"""

from __future__ import annotations

import ast
import importlib.machinery
import inspect
import json
import linecache
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
import types
import zlib
from typing import Any

JUDGE_SECONDS = 45.0  # the judge's own time (OwnClock); a check bounds its computing at 20 s by default, then this
BACKSTOP_SECONDS = 300.0  # wall-clock: however busy the machine, a judge is stopped after this
POLL_SECONDS = 0.25  # between looks at a judge's own time
MAX_PAYLOAD = 2_000_000  # characters of JSON an answer may take
SERVER_GRACE_SECONDS = 10.0  # past the backstop, the warm judge has surely killed its child: stop waiting for it
WARM_START_SECONDS = 20.0  # wall-clock: how long a check waits for the warm judge it started before judging directly
WARM_START_POLL = 0.02  # seconds between attempts to connect to a warm judge that is starting
OVER_LIMIT, STARVED = "limit", "backstop"  # why a judge was stopped
_SCALARS = (bool, int, float, str, type(None))
VERDICTS_BY_GRADER = "HALAB_VERDICTS_BY_GRADER"  # "1": test cells hand their answers to the grading process
REQUEST_MARK = "#halab-answer# "  # starts the printed line that carries a test cell's answer as data


def run_queue_wait(pid: int) -> float:
    """Seconds `pid` has waited, runnable, for a CPU since it started (0 where the kernel does not say)."""
    try:
        with open(f"/proc/{pid}/schedstat") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


class OwnClock:
    """Seconds of process `pid`'s own time since the clock was made: what a bound may count.

    A verdict must not depend on how busy the machine is. Wall time does (on a loaded machine the same work takes
    longer); CPU time does not, but never runs out for a process that sleeps. The time a process was neither
    running nor waiting in the run queue is its own doing (sleeping, waiting for input or for a process it
    started), so wall time less the time spent waiting in the run queue counts what the process did or chose,
    never the load. Linux reports that wait in /proc/PID/schedstat (second field, nanoseconds, readable for any
    process); where it cannot be read this is wall time.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.started = time.monotonic()
        self.waited = run_queue_wait(pid)

    def seconds(self) -> float:
        return time.monotonic() - self.started - max(0.0, run_queue_wait(self.pid) - self.waited)


class NotData(TypeError):
    """The answer cannot be handed over as plain data."""


def to_data(value: Any, what: str = "your answer", depth: int = 0) -> Any:
    """`value` as JSON-ready plain data: builtin types exactly, never subclasses, which could answer
    differently each time they are asked (numpy's scalars, what pandas hands out, become plain numbers).
    Containers are tagged so sets, tuples and non-text keys survive the trip."""
    if depth > 40:
        raise NotData(f"{what} is nested too deeply to be plain data")
    kind = type(value)
    if value is None or kind in _SCALARS:
        return value
    if _is_numpy_scalar(value):
        return to_data(value.item(), what, depth + 1)
    if kind is dict or _is_static_mapping(kind):
        return {"$dict": [[to_data(key, what, depth + 1), to_data(item, what, depth + 1)]
                          for key, item in list(dict.items(value))]}
    if kind is list or kind is tuple:
        converted = [to_data(item, what, depth + 1) for item in list(value)]
        return converted if kind is list else {"$tuple": converted}
    if kind is set or kind is frozenset:
        return {"$set": sorted((to_data(item, what, depth + 1) for item in list(value)), key=repr)}
    if kind is types.FunctionType:
        return {"$function": function_data(value, what)}
    base = next((plain for plain in (bool, int, float, str, dict, list, tuple, set, frozenset)
                 if isinstance(value, plain)), None)
    if base is not None:
        raise NotData(f"{what} should be a plain {base.__name__}, not {kind.__name__} (a subclass can answer "
                      f"differently each time it is asked): {base.__name__}(...) converts it")
    raise NotData(f"{what} should be plain data (a number, text, list, dict, set or a function you define with "
                  f"def), not {kind.__name__}")


_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class made by a class statement (or a C extension's heap type)


def _is_static_mapping(kind: type) -> bool:
    """collections.OrderedDict and defaultdict: dicts implemented in C as static types, which no Python code can
    subclass in place or patch (setting an attribute on them raises TypeError); read through dict.items, they give
    what they hold. A class statement's subclass of them is a heap type and stays refused."""
    return issubclass(kind, dict) and kind.__module__ == "collections" and not kind.__flags__ & _HEAP_TYPE


def _is_numpy_scalar(value: Any) -> bool:
    kind = type(value)
    return kind.__module__ == "numpy" and hasattr(kind, "item") and getattr(value, "ndim", None) == 0


def _names_used(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names_used(constant)
    return names


def function_data(function: types.FunctionType, what: str, _seen: set[str] | None = None) -> dict[str, Any]:
    """A function as its source, with what it reads from the notebook: modules, values, and the helper
    functions, classes and constants defined beside it (in its cell, another cell, or its module)."""
    if function.__code__.co_freevars:
        raise NotData(f"{what}: define {function.__name__} at the top level of a cell, not inside another function")
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        raise NotData(f"{what}: the source of {function.__name__} cannot be found; run its cell again") from None
    source = inspect.cleandoc(source) if source[:1].isspace() else source
    name = function.__name__ if function.__name__ != "<lambda>" else _lambda_name(source)
    if name is None:
        raise NotData(f"{what} should be a function you define with def, or a lambda on a line of its own "
                      "(NAME = lambda ...)")
    seen = _seen if _seen is not None else {name}
    return _definition(name, source, function.__code__, function, what, seen)


def _lambda_name(source: str) -> str | None:
    """NAME, when `source` (the lines holding a lambda) is the one statement `NAME = lambda ...`."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    statement = tree.body[0] if len(tree.body) == 1 else None
    if (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Lambda) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)):
        return statement.targets[0].id
    return None


def _definition(name: str, source: str, code: types.CodeType, function: types.FunctionType, what: str,
                seen: set[str]) -> dict[str, Any]:
    """The source defining `name`, with what it reads from `function`'s globals, its own definitions first."""
    own_modules = ("__main__", function.__module__)
    namespace = function.__globals__
    modules: dict[str, str] = {}
    imports: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    helpers: list[dict[str, Any]] = []
    for used in sorted(_names_used(code)):
        if used not in namespace or used in seen or used.startswith("__"):
            continue  # dunders (`__name__` in a class body) are the sandbox's own
        found = namespace[used]
        if isinstance(found, types.ModuleType):
            modules[used] = found.__name__
        elif type(found) is types.FunctionType and found.__module__ in own_modules:
            seen.add(used)
            helpers.append(function_data(found, what, seen))
        elif isinstance(found, type) and found.__module__ in own_modules:
            seen.add(used)
            helpers.append(_own_definition(used, _statement_files(found, function), function, what, seen))
        elif getattr(found, "__module__", None) not in (None, *own_modules) and hasattr(found, "__qualname__"):
            imports[used] = [found.__module__, found.__qualname__]
        else:
            try:
                values[used] = to_data(found, f"{what} (the value of {used})")
            except NotData:
                seen.add(used)  # a constant that is not data: its own statement, if one can be found
                helpers.append(_own_definition(used, [function.__code__.co_filename, *_cells()], function, what, seen))
    return {"name": name, "source": source, "modules": modules, "imports": imports, "values": values,
            "helpers": [helper for helper in helpers if helper]}


def _statement_files(kind: type, function: types.FunctionType) -> list[str]:
    """Where a class may be defined: its methods' cells or file, then the cell or file of `function`."""
    files = [member.__code__.co_filename for member in vars(kind).values()
             if type(member) is types.FunctionType and not member.__code__.co_filename.startswith("<")]
    return [*dict.fromkeys(files), function.__code__.co_filename, *_cells()]


def _cells() -> list[str]:
    """The notebook's cells, the latest first: IPython keeps their source in `linecache`, with no file date."""
    return [name for name, entry in reversed(linecache.cache.items()) if len(entry) == 4 and entry[1] is None]


def _own_definition(name: str, files: list[str], function: types.FunctionType, what: str,
                    seen: set[str]) -> dict[str, Any]:
    """The last top-level statement that defines `name` in the first of `files` that has one ({} if none does:
    the function then meets a NameError if it really needs the name)."""
    for filename in files:
        lines = linecache.getlines(filename, function.__globals__)
        try:
            tree = ast.parse("".join(lines))
        except (SyntaxError, ValueError):
            continue
        found = [statement for statement in tree.body if name in _names_defined(statement)]
        if found:
            first = min([found[-1].lineno, *(item.lineno for item in getattr(found[-1], "decorator_list", []))])
            source = "".join(lines[first - 1:found[-1].end_lineno])
            return _definition(name, source, compile(source, filename, "exec", dont_inherit=True), function, what, seen)
    return {}


def _names_defined(statement: ast.stmt) -> set[str]:
    if isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return {statement.name}
    targets = statement.targets if isinstance(statement, ast.Assign) else (
        [statement.target] if isinstance(statement, ast.AnnAssign) and statement.value is not None else [])
    return {node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)}


def from_data(data: Any, make_function: Any = None) -> Any:
    """The inverse of `to_data`; functions become whatever `make_function(payload)` returns."""
    if isinstance(data, list):
        return [from_data(item, make_function) for item in data]
    if not isinstance(data, dict):
        return data
    if "$dict" in data:
        return {_hashable(from_data(key, make_function)): from_data(item, make_function) for key, item in data["$dict"]}
    if "$tuple" in data:
        return tuple(from_data(item, make_function) for item in data["$tuple"])
    if "$set" in data:
        return {_hashable(from_data(item, make_function)) for item in data["$set"]}
    if "$function" in data:
        if make_function is None:
            raise NotData("a function cannot be used here")
        return make_function(data["$function"])
    raise NotData(f"unknown data tag {sorted(data)}")


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def judge_command() -> list[str]:
    """The judge's command line: this interpreter in isolated mode."""
    return [sys.executable, "-I", "-m", "halab_graders.judge"]


def run_check(check: str, answer: Any, options: dict[str, Any] | None = None,
              limit_seconds: float = JUDGE_SECONDS) -> dict[str, Any]:
    """Run the check named `check` ("corosync.detection_time") on `answer` in a fresh process: its verdict as a dict.
    The judge may take `limit_seconds` of its own time (`OwnClock`), and BACKSTOP_SECONDS of wall time."""
    request = answer_request(check, answer, options)
    return request if isinstance(request, dict) else judge_request(check, request, limit_seconds)


def answer_request(check: str, answer: Any, options: dict[str, Any] | None = None) -> str | dict[str, Any]:
    """What a judge reads: the check, the answer and the options as one line of JSON; or, when the answer cannot
    travel as data, the failed verdict saying why."""
    try:
        request = json.dumps({"check": check, "answer": to_data(answer),
                              "options": to_data(dict(options or {}), "the check's options")})
    except NotData as problem:
        return failed_verdict(check, str(problem))
    if len(request) > MAX_PAYLOAD:
        return failed_verdict(check, f"your answer is too large to check ({len(request)} characters of data)")
    return request


def judge_request(check: str, request: str, limit_seconds: float = JUDGE_SECONDS,
                  private: bool = False) -> dict[str, Any]:
    """The verdict of a judge on `request` (`answer_request`): by a warm judge's child, else a judge of its own.
    `private`: by this process's own warm judge (`_judged_by_private_judge`: what nbgrader's process uses, out of
    reach of the student's kernel), never by the shared one any process of the user can stand in for."""
    ended = (_judged_by_private_judge if private else _judged_by_warm_judge)(request, limit_seconds)
    if ended is None:
        ended = _judged_directly(request, limit_seconds)
    return _verdict_from(check, limit_seconds, *ended)


def over_time(clock: OwnClock, limit_seconds: float, backstop: float) -> str:
    """Why a judge must be stopped now: OVER_LIMIT (its own time), STARVED (the wall-clock `backstop`, a
    time.monotonic() deadline), or "" (not yet)."""
    if clock.seconds() > limit_seconds:
        return OVER_LIMIT
    return STARVED if time.monotonic() > backstop else ""


def _judged_directly(request: str, limit_seconds: float) -> tuple[int, str, str, str]:
    """A judge started for this check alone: its exit status, output, error output, and why it was stopped ("" when
    it ended by itself)."""
    process = subprocess.Popen(judge_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True, text=True)
    clock, backstop = OwnClock(process.pid), time.monotonic() + BACKSTOP_SECONDS
    sending: str | None = request
    try:
        while True:
            try:
                out, err = process.communicate(sending, timeout=POLL_SECONDS)
                return process.returncode, out, err, ""
            except subprocess.TimeoutExpired:
                sending = None  # sent: a later call only reads on
                stopped = over_time(clock, limit_seconds, backstop)
                if stopped:
                    return -signal.SIGKILL, "", "", stopped
    finally:
        _kill_group(process)  # whatever it started (the sandbox) goes with it


def _judged_by_warm_judge(request: str, limit_seconds: float) -> tuple[int, str, str, str] | None:
    """The same, judged by a child of the shared warm judge (halab_graders/warm_judge.py) on its socket; None when
    none answers (one is then started for the next check) or it stopped answering."""
    meeting = _warm_judges_allowed()
    message = _message(request, limit_seconds)
    if meeting is None or message is None:
        return None
    folder, key = meeting["server_folder"](), warm_judge_key()
    connection = _connect(meeting, folder, key)
    if connection is None:
        return None
    with connection:
        ended = _ended(_exchange(connection, message, BACKSTOP_SECONDS + SERVER_GRACE_SECONDS))
    if ended == DECLINED:
        _start_warm_judge(folder, key)  # it was older than the installed code, and is leaving
        return None
    return ended if isinstance(ended, tuple) else None


def warm_judge_key() -> str:
    """The shared warm judge's key: `judge-` and a checksum of this Python and the graders' folder."""
    return f"judge-{zlib.crc32(os.fsencode(sys.executable + chr(0) + os.path.dirname(os.path.abspath(__file__)))):08x}"


def _warm_judges_allowed() -> dict[str, Any] | None:
    """fastpath/rendezvous.py's functions, if a warm judge may be used here (Linux, servers allowed), else None."""
    if not sys.platform.startswith("linux"):
        return None  # the warm judge needs Linux's waitid(WNOWAIT) and prctl: elsewhere every check starts its judge
    meeting = _rendezvous()
    return meeting if meeting is not None and meeting["allowed"]() else None


def _message(request: str, limit_seconds: float) -> bytes | None:
    """What a warm judge reads: the request, the limit, our working folder and environment (None: the working
    folder was deleted)."""
    try:
        return json.dumps({"request": request, "seconds": limit_seconds, "cwd": os.getcwd(),
                           "env": dict(os.environ)}).encode() + b"\n"
    except OSError:
        return None


DECLINED = "declined"  # a warm judge's answer when the installed code changed since it started (it is leaving)


def _ended(lines: list[str]) -> tuple[int, str, str, str] | str | None:
    """How a warm judge's child ended (`_judged_directly`'s tuple) from the lines the warm judge sent; DECLINED;
    or None when it went away (stopped, killed) before the check ended."""
    try:
        trailer = json.loads(lines[-1]) if lines else None
    except ValueError:
        trailer = None
    if type(trailer) is dict and trailer.get("declined") is True:
        return DECLINED
    if type(trailer) is not dict or type(trailer.get("exit")) is not int:
        return None
    stopped = trailer.get("stopped")
    return (trailer["exit"], "\n".join(lines[:-1]), str(trailer.get("stderr", "")),
            stopped if stopped in (OVER_LIMIT, STARVED) else "")


_private: list[Any] = []  # this process's private warm judge once started: [its Popen, our end of its socket pair]


def _judged_by_private_judge(request: str, limit_seconds: float) -> tuple[int, str, str, str] | None:
    """The same, judged by a child of a warm judge this process started and alone can reach: it was handed one end
    of a socket pair at its start (no path anyone could connect to, bind or replace), and each request passes it a
    connection of its own over that pair. None when it cannot be used (the check is then judged directly)."""
    message = _message(request, limit_seconds)
    if _warm_judges_allowed() is None or message is None:
        return None
    for _ in range(2):  # a second time with a fresh one if it had left (idle, code changed, killed)
        control = _private_control()
        if control is None:
            return None
        ours, theirs = socket.socketpair()
        try:
            with ours:
                try:
                    socket.send_fds(control, [b"r"], [theirs.fileno()])
                except OSError:
                    ended: tuple[int, str, str, str] | str | None = None
                else:
                    theirs.close()
                    ended = _ended(_exchange(ours, message, BACKSTOP_SECONDS + SERVER_GRACE_SECONDS))
        finally:
            theirs.close()
        if isinstance(ended, tuple):
            return ended
        if ended != DECLINED and _private[0].poll() is None:
            return None  # it lives but did not judge this request: judge directly
        stop_private_judge()
    return None


def _private_control() -> socket.socket | None:
    """Our end of the private warm judge's socket pair, the judge started if it is not running."""
    if _private and _private[0].poll() is None:
        return _private[1]
    stop_private_judge()
    ours, theirs = socket.socketpair()
    try:
        process = subprocess.Popen([sys.executable, "-I", "-m", "halab_graders.warm_judge", "--private",
                                    str(theirs.fileno())], pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        ours.close()
        return None
    finally:
        theirs.close()
    _private[:] = [process, ours]
    return ours


def private_judge_started() -> bool:
    """Whether this process runs a private warm judge (`_judged_by_private_judge`)."""
    return bool(_private)


def stop_private_judge() -> None:
    """End this process's private warm judge, if it started one: it leaves when its socket pair closes (it stops
    its running children), and is reaped here (it is killed if it has not left within SERVER_GRACE_SECONDS)."""
    if not _private:
        return
    process, control = _private
    _private.clear()
    control.close()
    try:
        process.wait(SERVER_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _connect(meeting: dict[str, Any], folder: str, key: str) -> socket.socket | None:
    """A connection to the warm judge of `key` in `folder`. When none listens one is started, and waited for
    (WARM_START_SECONDS of wall time at most): its start costs what one judge started directly costs, and every
    later check then costs only its own work. None: the folder is not ours, or no warm judge came up in time."""
    path, starting = meeting["socket_path"](folder, key), None
    deadline = time.monotonic() + WARM_START_SECONDS
    while True:
        if meeting["is_private"](folder):
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                connection.connect(path)
                return connection
            except OSError:
                connection.close()
        elif os.path.lexists(folder):
            return None  # someone else's folder: never talk to what listens there
        if starting is None:
            starting = _start_warm_judge(folder, key) or 0  # it creates the folder, private
        elif starting and _failed(starting):
            return None  # it crashed (it exits with 0 when another warm judge holds the lock: that one is coming)
        if time.monotonic() > deadline:
            return None
        time.sleep(WARM_START_POLL)


def _failed(pid: int) -> bool:
    """Whether our child `pid` has ended with an error (it is reaped if it ended)."""
    try:
        ended, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return ended == pid and os.waitstatus_to_exitcode(status) != 0


def _exchange(connection: socket.socket, message: bytes, seconds: float) -> list[str]:
    """Send `message`, then everything until the server closes, within `seconds`: its lines."""
    deadline = time.monotonic() + seconds
    received = b""
    try:
        connection.settimeout(seconds)
        connection.sendall(message)
        while (left := deadline - time.monotonic()) > 0:
            connection.settimeout(left)
            chunk = connection.recv(65536)
            if not chunk:
                return received.decode(errors="replace").splitlines()
            received += chunk
    except OSError:
        pass
    return []


def _rendezvous() -> dict[str, Any] | None:
    """halab_kernel/fastpath/rendezvous.py, loaded afresh from its file (as test cells load this one)."""
    found = importlib.machinery.PathFinder.find_spec("halab_kernel")
    locations = found.submodule_search_locations if found is not None else None
    if not locations:
        return None
    return runpy.run_path(os.path.join(list(locations)[0], "fastpath", "rendezvous.py"))


def _start_warm_judge(folder: str, key: str) -> int | None:
    """Start a warm judge in the background, in its own session, detached from our stdio (it exits at once when
    another holds the key's lock): its process id, None if it could not start."""
    command = [sys.executable, "-I", "-m", "halab_graders.warm_judge", folder, key]
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        return os.posix_spawn(sys.executable, command, os.environ, setsid=True,
                              file_actions=[(os.POSIX_SPAWN_DUP2, devnull, fd) for fd in (0, 1, 2)])
    except OSError:
        return None  # no warm judge this time: every check is judged directly
    finally:
        os.close(devnull)


def _verdict_from(check: str, limit_seconds: float, returncode: int, out: str, err: str,
                  stopped: str) -> dict[str, Any]:
    """The verdict a judge wrote, if it ended as a judge must: exactly one line, exit status 0."""
    if stopped == OVER_LIMIT:
        return failed_verdict(check, f"the check did not finish within {limit_seconds:g} s and was stopped (an endless "
                        "loop in your answer?); time the machine's other work kept it waiting is not counted")
    if stopped == STARVED:
        return failed_verdict(check, f"the grading process was stopped after {BACKSTOP_SECONDS:g} s of wall-clock time, "
                        "most of it spent waiting for a CPU the machine's other work held: this says nothing about "
                        "your answer; check it again when the machine is less busy")
    lines = out.strip().splitlines()
    if returncode != 0 or len(lines) != 1:
        # the judge writes exactly one line and exits 0: anything else means it crashed, was killed, or something
        # else (a student's function reaching the judge's output) wrote to its verdict channel
        tail = err.strip().splitlines()[-1:] if err.strip() else [f"exit status {returncode}"]
        what = "more than one verdict" if len(lines) > 1 else tail[0]
        return failed_verdict(check, f"the grading process ended without a verdict of its own ({what})")
    try:
        verdict = json.loads(lines[0])
    except ValueError:
        return failed_verdict(check, "the grading process sent back something that is not a verdict")
    if type(verdict) is not dict or type(verdict.get("passed")) is not bool:
        return failed_verdict(check, "the grading process sent back something that is not a verdict")
    return verdict


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def failed_verdict(check: str, observed: str) -> dict[str, Any]:
    return {"name": check, "passed": False, "expected": "an answer the check can run", "observed": observed,
            "events": [], "hint": "", "seconds": 0.0}


def explain(verdict: dict[str, Any]) -> str:
    """The verdict as plain text, the words of `halab_graders.Check.explain`."""
    if verdict["passed"]:
        return f"PASSED {verdict['name']}: {verdict['expected']}"
    lines = [f"NOT YET {verdict['name']}", f"Expected: {verdict['expected']}"]
    if verdict.get("observed"):
        lines.append(f"What happened: {verdict['observed']}")
    if verdict.get("events"):
        lines.append("Relevant events:")
        lines += [f"  {line}" for line in verdict["events"]]
    if verdict.get("hint"):
        lines.append(f"Hint: {verdict['hint']}")
    return "\n".join(lines)


def grade(check: str, answer: Any, **options: Any) -> None:
    """For nbgrader test cells: raise AssertionError with the explanation unless the check passed.

    Under the course's autograde (VERDICTS_BY_GRADER set by halab_kernel.nbgrader_plugins) the kernel judges
    nothing: it prints the answer as data on one line (REQUEST_MARK) and the grading process judges it and
    writes the verdict into the cell, out of the kernel's reach."""
    if os.environ.get(VERDICTS_BY_GRADER) == "1":
        request = answer_request(check, answer, options)
        print(REQUEST_MARK + json.dumps(request if isinstance(request, dict) else {"request": request}))
        return
    verdict = run_check(check, answer, options)
    if verdict["passed"] is not True:
        raise AssertionError(explain(verdict))
    print(explain(verdict))
