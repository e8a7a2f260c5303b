"""Autograde on a busy machine: nothing but an answer decides a grade, whatever the load.

On a loaded machine a kernel can be kept off the CPU at any moment, for
seconds: between a cell's reply and its last output, or while a test cell's
judge waits for a CPU. nbclient's own wall-clock waits (4 s for a cell's last
output, after which nbgrader fails the whole submission; `Execute.timeout` per
cell) must not be what decides then: the course's nbgrader_config.py waits
long enough, and the judges bound the checks by their own time.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.course.conftest import nbgrader_api, notebook_named, student_copy, succeed

pytestmark = pytest.mark.slow

ASSIGNMENT = "04-building-a-cluster"  # the quickest notebook to grade
STALL_SECONDS = 6  # longer than nbclient's default wait for a cell's last output (4 s)

# The kernel stalls for STALL_SECONDS between this cell's reply and its last message ("idle"), as it does when a
# loaded machine takes the CPU from it at that moment; only once.
STALLS_AFTER_ITS_REPLY = f"""
import time as _time
_kernel = get_ipython().kernel
_send = _kernel.session.send


def _stalling_send(stream, message, *args, **kwargs):
    sent = _send(stream, message, *args, **kwargs)
    if message == "execute_reply":
        _kernel.session.send = _send
        _time.sleep({STALL_SECONDS})
    return sent


_kernel.session.send = _stalling_send
import sys as _sys
print("kernel:", type(_kernel).__name__, "debugger loaded:", _sys.modules.get("debugpy") is not None)
"""


def test_a_kernel_stalled_after_a_reply_is_graded_in_full(course_root):
    notebook = notebook_named(ASSIGNMENT)
    api = nbgrader_api(course_root)
    succeed(api.generate_assignment(ASSIGNMENT), f"generate_assignment {ASSIGNMENT}")
    release = nbformat.read(course_root / "release" / ASSIGNMENT / notebook.filename, as_version=4)
    source = nbformat.read(course_root / "source" / ASSIGNMENT / notebook.filename, as_version=4)
    submission = student_copy(release, source, "solution", {})
    answer = next(cell for cell in submission.cells if cell.metadata.get("nbgrader", {}).get("solution")
                  and cell.cell_type == "code")
    answer.source += "\n" + STALLS_AFTER_ITS_REPLY
    folder = course_root / "submitted" / "stalled" / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(submission, folder / notebook.filename)

    succeed(api.autograde(ASSIGNMENT, "stalled"), f"autograde {ASSIGNMENT} stalled")

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course_root / 'gradebook.db'}") as gradebook:
        submitted = gradebook.find_submission(ASSIGNMENT, "stalled")
        tests = {cell.metadata["nbgrader"]["grade_id"] for cell in source.cells
                 if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")}
        scores = {grade.name: (grade.auto_score, grade.max_score) for grade in submitted.notebooks[0].grades
                  if grade.name in tests}
    assert tests and set(scores) == tests
    graded = nbformat.read(course_root / "autograded" / "stalled" / ASSIGNMENT / notebook.filename, as_version=4)
    printed = "".join(output.get("text", "") for cell in graded.cells for output in cell.get("outputs", []))
    assert "kernel: GradingKernel debugger loaded: False" in printed  # grading kernels skip debugpy's import
    assert {name: score for name, (score, maximum) in scores.items() if score != maximum} == {}


def test_a_test_cell_may_wait_for_its_checks_backstops_other_cells_keep_the_cell_limit(course_root):
    """As the course's nbgrader_config.py sets up autograde's Execute: a test cell of N checks is given N judges'
    wall-clock backstops on top of Execute.timeout (each check is stopped by its own time long before); a student's
    cell keeps Execute.timeout, also when the instructor changes it."""
    from halab_graders.isolated import BACKSTOP_SECONDS, JUDGE_SECONDS
    from nbgrader.preprocessors import Execute

    config = nbgrader_api(course_root).config
    chain = [step for step in config.Autograde.autograde_preprocessors if issubclass(step, Execute)]
    assert len(chain) == 1
    source = nbformat.read(course_root / "source" / "02-corosync" / notebook_named("02-corosync").filename,
                           as_version=4)
    kinds = {(meta.get("grade"), meta.get("solution")): cell for cell in source.cells
             for meta in [cell.metadata.get("nbgrader", {})]}
    two_checks = next(cell for cell in source.cells if cell.source.count("_grade(") == 2)
    execute = chain[0](config=config)
    assert execute._get_timeout(two_checks) >= 120 + 2 * BACKSTOP_SECONDS > 2 * JUDGE_SECONDS
    assert execute._get_timeout(kinds[(True, True)]) == execute._get_timeout(kinds[(None, None)]) == 120
    assert execute.iopub_timeout >= 60 and execute.raise_on_iopub_timeout  # late output waited for, lost never
    config.Execute.timeout = 300  # `nbgrader autograde --Execute.timeout=300`
    execute = chain[0](config=config)
    assert execute._get_timeout(kinds[(None, None)]) == 300 and execute._get_timeout(two_checks) > 300
