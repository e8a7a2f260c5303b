"""The student notebooks follow the sources: released again when an assignment changes, and never at a student's cost.

Real nbgrader releases on a scratch copy of the course.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from halab_kernel.course_release import release_course
from tests.platforms.support import COURSE

pytestmark = pytest.mark.slow


def _notebook(folder: Path) -> Path:
    return next(path for path in folder.glob("*.ipynb") if ".before-update" not in path.name)


def _append_markdown(path: Path, text: str) -> None:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(notebook, path)


def test_a_changed_assignment_is_released_again_and_the_students_work_is_kept(tmp_path, capsys):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copytree(COURSE / "source", course / "source")
    shutil.copy2(COURSE / "nbgrader_config.py", course / "nbgrader_config.py")
    first, second = sorted(folder.name for folder in (course / "source").iterdir())[:2]

    release = release_course(course)
    assert sorted(folder.name for folder in release.iterdir() if folder.is_dir()) == \
        sorted(folder.name for folder in (course / "source").iterdir())
    capsys.readouterr()
    release_course(course)
    assert capsys.readouterr().out == "", "nothing changed: nothing to release"

    _append_markdown(_notebook(release / second), "my notes")        # the student works in the release
    (release / second / "scratch.txt").write_text("my own file")
    _append_markdown(_notebook(course / "source" / first), "A new paragraph from the instructor.")
    release_course(course)
    assert "1 assignment(s)" in capsys.readouterr().out
    assert "A new paragraph from the instructor." in _notebook(release / first).read_text()
    assert "my notes" in _notebook(release / second).read_text(), "an unchanged assignment is left alone"

    _append_markdown(_notebook(course / "source" / second), "Updated exercise text.")
    release_course(course)
    fresh = _notebook(release / second).read_text()
    assert "Updated exercise text." in fresh and "my notes" not in fresh
    kept = list((release / second).glob("*.before-update.ipynb"))
    assert len(kept) == 1 and "my notes" in kept[0].read_text()
    assert (release / second / "scratch.txt").read_text() == "my own file"
