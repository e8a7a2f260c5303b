"""Grading kernels forked from the grading process's zygote (halab_kernel/kernel_zygote.py) are fresh kernels.

Under the course's autograde each notebook's kernel is forked from a process that imported ipykernel, IPython, the
course's magics and pandas once, instead of being started afresh (~0.6 s of CPU saved per kernel; a process's
first kernel is started as usual). What a student
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
    monkeypatch.delenv("HALAB_NO_SERVER", raising=False)
    from halab_kernel import kernel_zygote

    yield kernel_zygote
    kernel_zygote.stop_zygotes()


def test_each_notebook_gets_a_fresh_kernel_forked_from_the_zygote(tmp_path, grading):
    folders = [tmp_path / name for name in "abc"]
    for folder in folders:
        folder.mkdir()
    runs = [_run(folder) for folder in folders]  # a process's first kernel may be started as usual
    zygotes = {process.pid for process, _ in grading._zygotes.values()}
    assert os.getpid() not in zygotes and all(int(run[0]) in zygotes for run in runs[1:])  # really forked
    assert [run[1] for run in runs] == [str(folder) for folder in folders]  # each in its notebook's folder
    assert len({run[2] for run in runs}) == 3  # its own random draws
    assert [run[3] for run in runs] == ["None"] * 3  # nothing an earlier notebook's kernel did is in the next


def test_a_kernel_is_started_afresh_where_the_zygote_would_not_be_that_process(tmp_path, grading, monkeypatch):
    _run(tmp_path)
    _run(tmp_path)  # the zygote started under this environment (at the latest at this second kernel)
    monkeypatch.setenv("PYTHONHASHSEED", "7")  # a kernel started now would start differently: not forked
    ppid = int(_run(tmp_path)[0])
    assert ppid == os.getpid() and ppid not in {process.pid for process, _ in grading._zygotes.values()}
    monkeypatch.delenv("PYTHONHASHSEED")
    monkeypatch.setenv("HALAB_NO_SERVER", "1")  # nothing resident: started afresh too
    assert int(_run(tmp_path)[0]) == os.getpid()
