"""`halab course` from anywhere: the instructor's Formgrader lists every assignment; students see a quiet server.

Real JupyterLab servers on loopback, started by the `halab` command from a
folder that is not the course, queried through their HTTP APIs (the
Formgrader's own `formgrader/api/assignments`, Jupyter's contents API).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.platforms.support import (COURSE, alarming_lines, free_port, get_json, post_json, require_halab_kernel,
                                     run_code, running_course)

pytestmark = pytest.mark.slow
HALAB = [sys.executable, "-m", "halab_kernel.cli", "course", "--no-browser"]


def _environment() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # nbgrader runs `alembic` by name
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_instructor_formgrader_lists_every_assignment_from_anywhere(tmp_path):
    require_halab_kernel()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    course = tmp_path / "my-course"  # new: halab copies the course there, then opens it
    port = free_port()
    log = tmp_path / "server.log"
    with running_course([*HALAB, "--instructor", "--port", str(port), str(course)], elsewhere, _environment(),
                        port, log):
        assignments = get_json(port, "/formgrader/api/assignments")
        alarming = alarming_lines(log)
    expected = sorted(folder.name for folder in (COURSE / "source").iterdir() if any(folder.glob("*.ipynb")))
    assert len(expected) >= 11
    assert sorted(assignment["name"] for assignment in assignments) == expected
    assert alarming == []
    assert (course / "gradebook.db").exists() and not any(elsewhere.iterdir()), "a gradebook outside the course"


def test_student_server_serves_the_released_notebooks_and_logs_nothing_alarming(tmp_path):
    require_halab_kernel()
    course = tmp_path / "course"
    port = free_port()
    log = tmp_path / "server.log"
    with running_course([*HALAB, "--port", str(port), str(course)], tmp_path, _environment(), port, log):
        first = get_json(port, "/api/contents/00-getting-started/getting-started.ipynb")
        widgets = get_json(port, "/lab/api/settings/@jupyter-widgets/jupyterlab-manager:plugin")
        kernel = post_json(port, "/api/kernels", {"name": "halab"})  # its traffic is encrypted: no ipykernel warning
        assert run_code(port, kernel["id"], "print(6 * 7)") == "42"
        alarming = alarming_lines(log)
    # saved notebooks keep their widgets' state: reopened without a kernel, the dashboard still shows
    assert widgets["schema"]["properties"]["saveState"]["default"] is True
    text = str(first["content"])
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert alarming == []
