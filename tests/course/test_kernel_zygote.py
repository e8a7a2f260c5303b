"""Grading kernels forked from the grading process's zygote (halab_kernel/kernel_zygote.py) are fresh kernels.

Under the course's autograde each notebook's kernel is forked from a process that imported ipykernel, IPython, the
course's magics and pandas once, instead of being started afresh (~0.6 s of CPU saved per kernel). What a student
sees must not change: every notebook gets a kernel that never saw another notebook, in the notebook's folder, with
its own random draws, and what one notebook's kernel changes (a module's attribute, a file's module cache) is not
in the next one.
"""

from __future__ import annotations

import os

import nbformat
import pytest

from tests.course.conftest import require_halab_kernel

PROBE = ("import os, random, halab_kernel\n"
         "print(os.getppid(), os.getcwd(), random.random(), getattr(halab_kernel, 'LEFT_BEHIND', None))\n"
         "halab_kernel.LEFT_BEHIND = 'by an earlier notebook'\n")


def _run(folder) -> list[str]:
    from halab_kernel.nbgrader_plugins import ExecuteGivingTestCellsTheirJudgesTime

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    ExecuteGivingTestCellsTheirJudgesTime(timeout=120, kernel_name="halab").preprocess(
        notebook, {"metadata": {"path": str(folder)}})
    return notebook.cells[0].outputs[0]["text"].split()


@pytest.fixture
def grading(monkeypatch):
    require_halab_kernel()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    from halab_kernel import kernel_zygote

    yield kernel_zygote
    kernel_zygote.stop_zygotes()


def test_each_notebook_gets_a_fresh_kernel_forked_from_the_zygote(tmp_path, grading):
    first_folder, second_folder = tmp_path / "a", tmp_path / "b"
    first_folder.mkdir()
    second_folder.mkdir()
    first, second = _run(first_folder), _run(second_folder)
    zygotes = {process.pid for process, _ in grading._zygotes.values()}
    assert int(first[0]) in zygotes and int(second[0]) in zygotes and os.getpid() not in zygotes  # really forked
    assert (first[1], second[1]) == (str(first_folder), str(second_folder))  # each in its notebook's folder
    assert first[2] != second[2]  # its own random draws
    assert first[3] == second[3] == "None"  # nothing the first notebook's kernel did is in the second's


def test_a_kernel_is_started_afresh_where_the_zygote_would_not_be_that_process(tmp_path, grading, monkeypatch):
    _run(tmp_path)  # the zygote started under this environment
    monkeypatch.setenv("PYTHONHASHSEED", "7")  # a kernel started now would start differently: not forked
    ppid = int(_run(tmp_path)[0])
    assert ppid == os.getpid() and ppid not in {process.pid for process, _ in grading._zygotes.values()}
