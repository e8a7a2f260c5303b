"""Fixtures for the course tests: the notebooks' build modules, a course copy, nbgrader runs.

nbgrader runs are costly (a kernel per notebook), so the round trip runs once
per session per assignment and the tests read its results.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "course"
BUILD = COURSE / "build"
STUDENTS = ("solution", "blank", "wrong", "fooling")

if str(BUILD) not in sys.path:
    sys.path.insert(0, str(BUILD))

import build  # noqa: E402  (course/build/build.py)

NOTEBOOKS = build.notebooks()
ASSIGNMENTS = [notebook.assignment for notebook in NOTEBOOKS]


def require_halab_kernel() -> None:
    from jupyter_client.kernelspec import find_kernel_specs

    if "halab" not in find_kernel_specs():
        pytest.skip("the 'halab' kernelspec is not installed (run: halab install-kernel --sys-prefix)")


def wall_allowance(seconds: float) -> float:
    """Wall time in which work bounded by `seconds` of its own time must end on this machine now: scaled by the load
    average per core (a busy machine keeps every process waiting for a CPU), never less than `seconds`."""
    return seconds * max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def notebook_named(assignment: str):
    return next(notebook for notebook in NOTEBOOKS if notebook.assignment == assignment)


def nbgrader_api(course: Path):
    """nbgrader's Python API on `course`, configured by its nbgrader_config.py (as a hub's formgrader is)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def succeed(result: dict, what: str) -> None:
    assert result.get("success"), f"nbgrader {what} failed:\n{result.get('error') or ''}\n{result.get('log') or ''}"


_SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*\n", re.MULTILINE)


def student_copy(release: nbformat.NotebookNode, source: nbformat.NotebookNode, kind: str, wrong: dict[str, str],
                 tricks: tuple = ()):
    """The release notebook as a student would hand it in: blank, solved, solved with one plausible slip, or
    solved except where it tries to fool the grader (`tricks`)."""
    submission = nbformat.from_dict(release)
    if kind == "blank":
        return submission
    answers = {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in source.cells
               if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in submission.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = _SOLUTION_MARKERS.sub("", answers[grade_id])
            if kind == "wrong" and grade_id in wrong:
                cell.source = textwrap.dedent(wrong[grade_id]).strip("\n")
            for trick in tricks if kind == "fooling" else ():
                if trick.cell == grade_id:
                    cell.source = textwrap.dedent(trick.source).strip("\n")
    return submission


@dataclass(frozen=True)
class RoundTrip:
    course: Path
    assignment: str
    source: nbformat.NotebookNode
    release: nbformat.NotebookNode
    scores: dict[str, dict[str, tuple[float, float]]]  # student -> test cell grade_id -> (score, max)
    feedback: dict[str, str]  # student -> feedback HTML


@pytest.fixture(scope="session")
def course_root(tmp_path_factory) -> Path:
    """A scratch copy of course/ (nbgrader writes its gradebook and folders there)."""
    require_halab_kernel()
    # nbgrader runs `alembic` by name to create the gradebook: this environment's bin must be on PATH
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    root = tmp_path_factory.mktemp("course") / "course"
    shutil.copytree(COURSE, root, ignore=shutil.ignore_patterns("__pycache__", "release", "submitted", "autograded",
                                                               "feedback", "gradebook.db"))
    return root


_trips: dict[str, RoundTrip] = {}


def round_trip(course: Path, assignment: str) -> RoundTrip:
    """generate_assignment -> three student submissions -> autograde -> generate_feedback, once per session."""
    if assignment in _trips:
        return _trips[assignment]
    notebook = notebook_named(assignment)
    api = nbgrader_api(course)
    succeed(api.generate_assignment(assignment), f"generate_assignment {assignment}")
    release_path = course / "release" / assignment / notebook.filename
    release = nbformat.read(release_path, as_version=4)
    source = nbformat.read(course / "source" / assignment / notebook.filename, as_version=4)
    for student in STUDENTS:
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_copy(release, source, student, notebook.wrong_answers, notebook.tricks),
                       folder / notebook.filename)
    for student in STUDENTS:
        succeed(api.autograde(assignment, student), f"autograde {assignment} {student}")
        succeed(api.generate_feedback(assignment, student), f"generate_feedback {assignment} {student}")

    from nbgrader.api import Gradebook

    test_ids = {cell.metadata["nbgrader"]["grade_id"] for cell in source.cells
                if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")}
    scores: dict[str, dict[str, tuple[float, float]]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in STUDENTS:
            submission = gradebook.find_submission(assignment, student)
            grades = submission.notebooks[0].grades
            scores[student] = {grade.name: (grade.auto_score or 0.0, grade.max_score) for grade in grades
                               if grade.name in test_ids}
    stem = Path(notebook.filename).stem
    feedback = {student: (course / "feedback" / student / assignment / f"{stem}.html").read_text()
                for student in STUDENTS}
    _trips[assignment] = RoundTrip(course, assignment, source, release, scores, feedback)
    return _trips[assignment]
