"""How long nbgrader takes to autograde one student's whole course (goal: under 60 s).

    .venv/bin/python benchmarks/bench_grading.py

Copies course/ to a scratch folder, releases every assignment, hands in the
solution version as one student, then times nbgrader's autograde for each
assignment (each runs the notebook on the HA Lab kernel, hidden tests
included) and generate_feedback, through nbgrader's Python API as a hub's
formgrader calls them. Prints one line per assignment and the totals, then
the time to execute every notebook headless (the CI notebook test's work).
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "course" / "build"))

import build  # noqa: E402
from tests.course.conftest import student_copy  # noqa: E402

NBGRADER_BIN = Path(sys.executable).parent


def api_for(course: Path):
    """nbgrader's Python API on `course`, configured by its nbgrader_config.py (what a hub's formgrader uses)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (kernels, grading processes): what the work costs
    whatever else the machine is doing."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(call, *args) -> float:
    started = time.perf_counter()
    result = call(*args)
    if not result.get("success"):
        raise SystemExit(f"{call.__name__}{args} failed:\n{result.get('error') or result.get('log')}")
    return time.perf_counter() - started


def main() -> int:
    warnings.filterwarnings("ignore", message="Object of type")  # nbgrader's own SQLAlchemy chatter
    os.environ["PATH"] = f"{NBGRADER_BIN}{os.pathsep}{os.environ.get('PATH', '')}"  # nbgrader runs `alembic` by name
    with tempfile.TemporaryDirectory() as scratch:
        course = Path(scratch) / "course"
        shutil.copytree(REPO / "course", course, ignore=shutil.ignore_patterns("__pycache__"))
        api = api_for(course)
        notebooks = build.notebooks()
        for notebook in notebooks:
            timed(api.generate_assignment, notebook.assignment)
            release = nbformat.read(course / "release" / notebook.assignment / notebook.filename, as_version=4)
            source = nbformat.read(course / "source" / notebook.assignment / notebook.filename, as_version=4)
            folder = course / "submitted" / "student" / notebook.assignment
            folder.mkdir(parents=True)
            nbformat.write(student_copy(release, source, "solution", {}), folder / notebook.filename)
        autograde_total = feedback_total = autograde_cpu = 0.0
        print(f"{'assignment':<26} {'autograde':>10} {'feedback':>10}")
        for notebook in notebooks:
            cpu_before = cpu_seconds()
            graded = timed(api.autograde, notebook.assignment, "student")
            autograde_cpu += cpu_seconds() - cpu_before
            feedback = timed(api.generate_feedback, notebook.assignment, "student")
            autograde_total += graded
            feedback_total += feedback
            print(f"{notebook.assignment:<26} {graded:9.2f}s {feedback:9.2f}s")
        print(f"{'whole course':<26} {autograde_total:9.2f}s {feedback_total:9.2f}s  (goal: autograde < 60 s)")
        print(f"autograde CPU time (this process and its children): {autograde_cpu:.2f}s; on an idle 2-core machine "
              "the wall time is at least this, and near it (one notebook at a time)")
    print(f"executing every source notebook headless (nbclient, halab kernel, live widgets): "
          f"{execute_all():.2f}s  (goal: < 180 s)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (other work slows every figure)")
    return 0


def execute_all() -> float:
    """What CI's notebook test does: run every notebook of the course, one kernel each."""
    from nbclient import NotebookClient

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for notebook in build.notebooks():
            node = nbformat.read(build.target(notebook), as_version=4)
            NotebookClient(node, kernel_name="halab", timeout=60, resources={"metadata": {"path": scratch}}).execute()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
