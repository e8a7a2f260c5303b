"""A process the student's kernel leaves running cannot stand in for nbgrader's judge (issue 15).

Under the course's autograde the verdicts are given by nbgrader's own process (halab_kernel/graded_cells.py).
Until 2026-12-07 that process handed each check to the shared warm judge on its socket in the user's server folder
(`HALAB_SERVER_DIR/judge-KEY.sock`, `isolated.warm_judge_key()`): a student's earlier cell could start a
background process bound to that path answering every request with "PASSED", and every wrong answer scored full
marks. nbgrader's process now judges through a warm judge of its own, reached over a socket pair it made (no path),
so here, in a real `nbgrader autograde` of 02-corosync, the impostor is never asked and the wrong answers score 0.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

from tests.course.conftest import COURSE, nbgrader_api, notebook_named, require_halab_kernel, student_copy, succeed

pytestmark = pytest.mark.slow

ASSIGNMENT = "02-corosync"

# The impostor: binds the warm judge's socket for every Python of the kernel's environment (nbgrader's process may be
# `python` where the kernel is `python3`), answers each request "PASSED", counts them, and leaves after 300 s.
IMPOSTOR = r'''
import json, os, select, socket, sys, time
ready, count, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(os.path.dirname(paths[0]), mode=0o700, exist_ok=True)
listeners = []
for path in paths:
    if os.path.lexists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    listeners.append(listener)
with open(ready, "w") as file:
    file.write(str(os.getpid()))
deadline = time.monotonic() + 300
while time.monotonic() < deadline:
    for listener in select.select(listeners, [], [], 1.0)[0]:
        connection, _ = listener.accept()
        connection.settimeout(10)
        data = b""
        while not data.endswith(b"\n"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
        try:
            check = json.loads(json.loads(data)["request"])["check"]
        except Exception:
            check = "?"
        verdict = {"name": check, "passed": True, "expected": "whatever you wrote (an impostor answered)",
                   "observed": "", "events": [], "hint": "", "seconds": 0.0}
        connection.sendall(json.dumps(verdict).encode() + b"\n"
                           + json.dumps({"exit": 0, "stderr": "", "stopped": ""}).encode() + b"\n")
        connection.close()
        with open(count, "a") as file:
            file.write("1")
'''


def _impostor_cell(ready: Path, count: Path) -> str:
    """A student's answer cell: start the impostor, detached from the kernel, wait until it listens, then answer."""
    return textwrap.dedent(f"""
    import importlib.machinery, os, subprocess, sys, time, zlib
    graders = os.path.abspath(importlib.machinery.PathFinder.find_spec("halab_graders").submodule_search_locations[0])
    folder = os.environ.get("HALAB_SERVER_DIR") or f"/tmp/halab-{{os.getuid()}}"
    here = os.path.dirname(sys.executable)
    pythons = {{sys.executable, *(os.path.join(here, name) for name in os.listdir(here) if name.startswith("python"))}}
    paths = [os.path.join(folder, f"judge-{{zlib.crc32(os.fsencode(python + chr(0) + graders)):08x}}.sock")
             for python in sorted(pythons)]
    subprocess.Popen([sys.executable, "-c", {IMPOSTOR!r}, {str(ready)!r}, {str(count)!r}, *paths],
                     start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not os.path.exists({str(ready)!r}) and time.monotonic() < deadline:
        time.sleep(0.05)
    detection_seconds = 1.0
    """).strip("\n")


WRONG = {
    "ex-detection-formula": """
    def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
        return token + (consensus if consensus is not None else 1.2 * token)
    """,
    "ex-fast-totem": 'fast_totem = {"token": 500}',
}


def _asks(path: str) -> bool:
    """Whether what listens on `path` answers a request with PASSED, as the impostor does."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(30)
        connection.connect(path)
        connection.sendall(b'{"request": "{\\"check\\": \\"corosync.detection_time\\"}"}\n')
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return b'"passed": true' in received


def test_a_process_left_running_by_the_kernel_cannot_answer_for_the_judge(tmp_path, monkeypatch):
    require_halab_kernel()
    from halab_graders import isolated
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns("__pycache__", "release", "submitted", "autograded",
                                                                 "feedback", "gradebook.db"))
    folder = tempfile.mkdtemp(prefix="hj")  # short: a socket's path has at most 107 bytes
    os.rmdir(folder)  # the impostor makes it, private, as a warm judge would
    monkeypatch.setenv("HALAB_SERVER_DIR", folder)  # servers allowed in this pytest run, as on a grading host
    monkeypatch.delenv("HALAB_NO_SERVER", raising=False)
    bin_dir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")  # nbgrader runs `alembic`
    ready, count = tmp_path / "impostor.pid", tmp_path / "impostor.count"
    notebook = notebook_named(ASSIGNMENT)
    api = nbgrader_api(course)
    try:
        succeed(api.generate_assignment(ASSIGNMENT), f"generate_assignment {ASSIGNMENT}")
        release = nbformat.read(course / "release" / ASSIGNMENT / notebook.filename, as_version=4)
        source = nbformat.read(course / "source" / ASSIGNMENT / notebook.filename, as_version=4)
        submission = student_copy(release, source, "wrong", {"ex-detection-time": _impostor_cell(ready, count),
                                                             **WRONG})
        handed_in = course / "submitted" / "impostor" / ASSIGNMENT
        handed_in.mkdir(parents=True)
        nbformat.write(submission, handed_in / notebook.filename)
        succeed(api.autograde(ASSIGNMENT, "impostor"), f"autograde {ASSIGNMENT} impostor")

        test_ids = {cell.metadata["nbgrader"]["grade_id"] for cell in source.cells
                    if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")}
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            grades = gradebook.find_submission(ASSIGNMENT, "impostor").notebooks[0].grades
            scores = {grade.name: grade.auto_score or 0.0 for grade in grades if grade.name in test_ids}
        asked = count.read_text() if count.exists() else ""
        assert ready.exists(), "the impostor did not start: the test proves nothing"
        assert len(scores) == 3 and scores == dict.fromkeys(scores, 0.0), scores
        assert asked == "", f"nbgrader's process asked the impostor {len(asked)} times"
        # it sits where a warm judge of this process's user and Python would listen, and answers PASSED there
        assert _asks(os.path.join(folder, f"{isolated.warm_judge_key()}.sock"))
    finally:
        if ready.exists():
            try:
                os.kill(int(ready.read_text()), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
        isolated.stop_private_judge()
        deadline = time.monotonic() + 10
        while os.path.exists(folder) and time.monotonic() < deadline:
            shutil.rmtree(folder, ignore_errors=True)
