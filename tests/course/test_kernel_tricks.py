"""Tricks played in the student's kernel on the test cell's own machinery.

A test cell runs in the student's kernel, with the kernel's `runpy`, `importlib`, `print` and
builtins: a student who replaces `runpy.run_path` in an earlier cell could make the cell end
without raising. Under the course's autograde the verdict is therefore not the kernel's: the
test cell only hands the answer over as data, and nbgrader's side (ExecuteGivingTestCellsTheirJudgesTime,
halab_kernel/graded_cells.py) judges it and writes the verdict into the cell. These tests run
the course's own test cells (course/build/cells.py) through that Execute step, in a real kernel.
"""

from __future__ import annotations

import pytest

from tests.course.conftest import require_halab_kernel

FAKE_RUN_PATH = "import runpy\nrunpy.run_path = lambda *args, **kwargs: {'grade': lambda *args, **kwargs: None}\n"
SILENT_PRINT = "import builtins\nbuiltins.print = lambda *args, **kwargs: None\n"


def _autograded(tmp_path, *cells):
    """The cells executed as the course's autograde executes a submission: its outputs per cell."""
    require_halab_kernel()
    import nbformat

    from halab_kernel.nbgrader_plugins import ExecuteGivingTestCellsTheirJudgesTime

    notebook = nbformat.v4.new_notebook(cells=list(cells))
    ExecuteGivingTestCellsTheirJudgesTime(timeout=120, kernel_name="halab").preprocess(
        notebook, {"metadata": {"path": str(tmp_path)}})
    return [cell.outputs for cell in notebook.cells]


def _failed(outputs) -> bool:
    return any(output.output_type == "error" for output in outputs)


def _text(outputs) -> str:
    return "".join(output.get("text", "") + output.get("evalue", "") for output in outputs)


@pytest.fixture
def no_server(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("HALAB_NO_SERVER", "1")


@pytest.mark.parametrize("trick", [FAKE_RUN_PATH, SILENT_PRINT], ids=["runpy.run_path replaced", "print silenced"])
def test_replacing_the_kernels_machinery_does_not_pass_a_wrong_answer(tmp_path, no_server, trick):
    import cells  # course/build/cells.py (tests.course.conftest puts it on the path): the course's test cells
    import nbformat

    outputs = _autograded(tmp_path, nbformat.v4.new_code_cell(trick + "detection_seconds = 1.0"),
                          cells.graded("test-detection-time", 2, "corosync.detection_time", "detection_seconds"))
    assert _failed(outputs[1])
    assert "the answer never reached the grading process" in _text(outputs[1])


def test_the_grading_process_judges_what_the_cell_hands_over(tmp_path, no_server):
    """A right answer passes and a wrong one fails with the check's explanation, judged on nbgrader's side: the
    kernel's output carries the answer line no more, only the verdict; a hidden test's options are the source's."""
    import cells
    import nbformat

    from halab_graders.isolated import REQUEST_MARK

    right, wrong = _autograded(
        tmp_path,
        nbformat.v4.new_code_cell("detection_seconds = 8.03"),
        cells.graded("test-detection-time", 2, "corosync.detection_time", "detection_seconds"),
        nbformat.v4.new_code_cell("detection_seconds = 1.0"),
        cells.graded("test-detection-time-2", 2, "corosync.detection_time", "detection_seconds"),
    )[1::2]
    assert not _failed(right) and _text(right).startswith("PASSED 02.detection-time")
    assert _failed(wrong) and "NOT YET 02.detection-time" in _text(wrong)
    assert REQUEST_MARK not in _text(right) + _text(wrong)


def test_an_answer_missing_in_the_kernel_fails_there(tmp_path, no_server):
    import cells

    (outputs,) = _autograded(tmp_path, cells.graded("test-detection-time", 2, "corosync.detection_time",
                                                    "detection_seconds"))
    assert _failed(outputs) and "NameError" in str(outputs)
