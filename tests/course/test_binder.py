"""Binder's files, replayed without docker: a clean venv, binder/requirements.txt, postBuild, start, notebook 00.

Binder is the self-study edition: postBuild releases the course (students open
the released notebooks, without solutions), turns nbgrader's instructor tools
off, opens the first notebook, and leaves nothing with answers in the image.

repo2docker does the same steps in its image (runtime.txt picks Python 3.11;
with a binder/ folder nothing at the repository root is used). Needs
python3.11 and access to the package index; skips with the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.platforms.support import REPO, index_reachable

pytestmark = pytest.mark.slow
COPIED = ("pyproject.toml", "README.md", "halab_kernel", "widgets", "graders", "course", "binder")


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_binder_files_install_in_a_clean_venv_and_run_the_first_notebook(tmp_path):
    runtime = (REPO / "binder" / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11"
    python = shutil.which("python3.11")
    if python is None:
        pytest.skip("python3.11 (binder/runtime.txt) is not installed here")
    if not index_reachable():
        pytest.skip("no access to the package index (pypi.org): cannot replay Binder's installation")

    repo = tmp_path / "repo"
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "release", "submitted",
                                                                              "autograded", "feedback", "*.db"))
        else:
            repo.mkdir(exist_ok=True)
            shutil.copy2(source, repo / name)
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHON", "JUPYTER"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = str(tmp_path / "home")  # no ~/.local kernels or settings leak in; pip's cache still helps below
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))

    first = tmp_path / "getting-started.ipynb"  # postBuild removes the sources: run notebook 00 from a copy
    shutil.copy2(repo / "course" / "source" / "00-getting-started" / "getting-started.ipynb", first)
    _run([str(venv / "bin" / "pip"), "install", "-q", "-r", "binder/requirements.txt"], repo, env, timeout=600)
    _run(["bash", "binder/postBuild"], repo, env, timeout=600)

    released = repo / "course" / "release" / "00-getting-started" / "getting-started.ipynb"
    assert released.exists(), "postBuild did not release the course"
    assert "BEGIN SOLUTION" not in released.read_text() and "BEGIN HIDDEN TESTS" not in released.read_text()
    kernels = _run([str(venv / "bin" / "jupyter"), "kernelspec", "list"], repo, env, timeout=60).stdout
    assert "halab" in kernels and str(venv) in kernels

    leftovers = [name for name in ("course/source", "course/build", "course/gradebook.db", ".git")
                 if (repo / name).exists()]
    assert leftovers == [], f"answers left in the image: {leftovers}"
    python = str(venv / "bin" / "python")
    packaged = _run([python, "-c", "import halab_kernel.course_launcher as c; print(c.PACKAGED_COURSE.exists())"],
                    repo, env, timeout=60).stdout
    assert packaged.strip() == "False", "the installed package still carries the instructor sources"
    server = _run([python, "-c", textwrap.dedent("""
        from jupyter_core.paths import jupyter_config_path
        from jupyter_server.extension.config import ExtensionConfigManager
        manager = ExtensionConfigManager(read_config_path=jupyter_config_path())
        print(sorted(name for name, on in manager.get_jpserver_extensions().items() if on))
        print(manager.get("jupyter_server_config").get("ServerApp", {}).get("default_url"))
    """)], repo, env, timeout=60).stdout
    assert "nbgrader.server_extensions.formgrader" not in server
    assert "nbgrader.server_extensions.validate_assignment" in server
    assert "/lab/tree/course/release/00-getting-started/getting-started.ipynb" in server
    lab = _run([str(venv / "bin" / "jupyter"), "labextension", "list"], repo, env, timeout=120)
    disabled = (lab.stdout + lab.stderr).split("Disabled extensions:")[-1]
    assert "@jupyter/nbgrader:formgrader" in disabled and "@jupyter/nbgrader:create-assignment" in disabled

    execute = textwrap.dedent(f"""
        import nbformat
        from nbclient import NotebookClient
        notebook = nbformat.read({str(first)!r}, as_version=4)
        NotebookClient(notebook, kernel_name="halab", timeout=60).execute()
        errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, errors
        print("executed", len(notebook.cells), "cells")
    """)
    done = _run(["bash", "binder/start", python, "-c", execute], repo, env, timeout=300)
    assert "executed" in done.stdout
    pip_check = subprocess.run([str(venv / "bin" / "pip"), "check"], env=env, capture_output=True, text=True)
    assert pip_check.returncode == 0, pip_check.stdout
