"""Tricks played in the student's kernel on the test cell's own machinery (a known gap, kept visible).

A test cell loads halab_graders/isolated.py afresh from its file, so patching `halab_graders` in the
kernel changes nothing (test_isolation.py). But the cell itself runs in the student's kernel, with the
kernel's `runpy`, `importlib` and builtins, and nbgrader scores a test cell by whether it raised there:
a student who replaces `runpy.run_path` makes every later test cell pass. Closing it needs a verdict
nbgrader's side can check (the judges report to the grading process, not only to the kernel).
"""

from __future__ import annotations

import pytest

from tests.course.conftest import require_halab_kernel

FAKE_RUN_PATH = "import runpy\nrunpy.run_path = lambda *args, **kwargs: {'grade': lambda *args, **kwargs: None}\n"


@pytest.mark.xfail(strict=True, reason="known gap: a test cell trusts the kernel's runpy (see module docstring)")
def test_replacing_runpy_in_the_kernel_does_not_pass_a_wrong_answer(monkeypatch):
    require_halab_kernel()
    import cells  # course/build/cells.py (tests.course.conftest puts it on the path): the course's test cells
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("HALAB_NO_SERVER", "1")
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(FAKE_RUN_PATH),
        cells.graded("test-detection-time", 2, "corosync.detection_time", "1.0"),  # a wrong answer
    ])
    NotebookClient(notebook, kernel_name="halab", timeout=120, allow_errors=True).execute()
    assert any(output.output_type == "error" for output in notebook.cells[1].outputs)
