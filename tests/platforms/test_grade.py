"""`halab grade`: a class graded in parallel gives the same grades as one by one, with output an instructor trusts.

A scratch copy of the course, one assignment released by nbgrader, three
submissions (all solved, none solved, one of two solved), graded by real
nbgrader processes on the HA Lab kernel.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from halab_kernel.nbgrader_plugins import WIDTH
from tests.platforms.support import COURSE, REPO, require_halab_kernel

pytestmark = pytest.mark.slow
ASSIGNMENT = "01-why-ha"


def _environment() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # nbgrader runs `alembic` by name
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def _run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=_environment(), capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _solved(source: nbformat.NotebookNode, release: nbformat.NotebookNode, how_many: int) -> nbformat.NotebookNode:
    """The release with the first `how_many` answer cells filled in from the sources."""
    answers = [cell for cell in source.cells if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")]
    by_id = {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in answers[:how_many]}
    handed_in = nbformat.from_dict(release)
    for cell in handed_in.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in by_id:
            cell.source = by_id[grade_id]
    return handed_in


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """The course with three submissions of ASSIGNMENT: ada (all answers), bob (none), cy (the first one)."""
    require_halab_kernel()
    root = tmp_path_factory.mktemp("grading") / "course"
    root.mkdir()
    shutil.copytree(COURSE / "source", root / "source")
    shutil.copy2(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    _run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT], root)
    name = next((root / "source" / ASSIGNMENT).glob("*.ipynb")).name
    source = nbformat.read(root / "source" / ASSIGNMENT / name, as_version=4)
    release = nbformat.read(root / "release" / ASSIGNMENT / name, as_version=4)
    for student, answered in (("ada", 99), ("bob", 0), ("cy", 1)):
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(_solved(source, release, answered), folder / name)
    return root


def _grades(path: Path) -> dict[str, float]:
    with path.open(newline="") as grades:
        return {row["student_id"]: float(row["score"]) for row in csv.DictReader(grades)}


def test_two_jobs_grade_three_submissions_as_one_job_does(course):
    parallel = _run([sys.executable, "-m", "halab_kernel.cli", "grade", ASSIGNMENT, "--jobs", "2", "--feedback",
                     "--csv", "two-jobs.csv"], course)
    assert "3/3 graded" in parallel.stdout and "students/minute" in parallel.stdout
    _run([sys.executable, "-m", "halab_kernel.cli", "grade", ASSIGNMENT, "--jobs", "1", "--csv", "one-job.csv"], course)
    assert (course / "two-jobs.csv").read_text() == (course / "one-job.csv").read_text()
    grades = _grades(course / "two-jobs.csv")
    assert set(grades) == {"ada", "bob", "cy"}
    assert grades["bob"] == 0 < grades["cy"] < grades["ada"]


def test_autograde_warns_only_about_real_changes(course):
    """No false "checksum has changed" for untouched hidden-test cells, no SQLAlchemy or kernel chatter;
    a test cell the student rewrote is still reported (and restored)."""
    quiet = _run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--student", "ada", "--force"], course)
    log = quiet.stdout + quiet.stderr
    assert [line for line in log.splitlines() if "WARNING" in line and "Removing existing" not in line
            or "Warning" in line] == []
    tampered = course / "submitted" / "eve" / ASSIGNMENT
    shutil.copytree(course / "submitted" / "ada" / ASSIGNMENT, tampered)
    notebook_path = next(tampered.glob("*.ipynb"))
    notebook = nbformat.read(notebook_path, as_version=4)
    test_cell = next(cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")
                     and cell.cell_type == "code" and not cell.metadata["nbgrader"].get("solution"))
    test_cell.source = "pass  # nothing to check here"
    nbformat.write(notebook, notebook_path)
    loud = _run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--student", "eve"], course)
    assert f"Attribute 'checksum' for cell {test_cell.metadata['nbgrader']['grade_id']} has changed" in loud.stdout + loud.stderr


def test_feedback_shows_no_host_path_and_wraps_long_messages(course):
    if not (course / "feedback" / "cy").is_dir():
        _run([sys.executable, "-m", "halab_kernel.cli", "grade", ASSIGNMENT, "--feedback", "--student", "cy"], course)
    page = next((course / "feedback" / "cy" / ASSIGNMENT).glob("*.html")).read_text()
    text = re.sub(r"<[^>]+>", "", page)
    for host_path in {str(REPO), sys.prefix, str(course), str(Path(sys.executable).parent)}:
        assert host_path not in text, f"feedback shows a path of the grading host: {host_path}"
    assert "Traceback (most recent call last)" in text and "Cell In[" in text  # the student's own frame stays
    graded = nbformat.read(next((course / "autograded" / "cy" / ASSIGNMENT).glob("*.ipynb")), as_version=4)
    messages = [re.sub(r"\x1b\[[0-9;]*m", "", output.traceback[-1]) for cell in graded.cells if cell.cell_type == "code"
                for output in cell.outputs if output.output_type == "error"]
    assert messages, "cy's unanswered exercises should fail"
    assert [line for message in messages for line in message.splitlines() if len(line) > WIDTH + 4] == []
