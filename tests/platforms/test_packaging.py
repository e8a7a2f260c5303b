"""The wheel, as a user gets it: the course inside, extras split, installable and runnable in a clean venv.

Builds the wheel from this checkout (hatchling, fetched by pip), then installs
it into fresh virtual environments: with `[notebook,grading]` it opens the
course (`halab course --no-browser` copies it into a temporary folder and a
real JupyterLab serves the first notebook); without extras the simulator and
its command line work, and `halab course` says what to install. Needs the
package index (pip's cache helps); skips with the reason otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from halab_kernel import __version__
from tests.platforms.support import (COURSE, REPO, alarming_lines, free_port, get_json, index_reachable,
                                     running_course)

pytestmark = pytest.mark.slow


def _run(command: list[str], env: dict[str, str], timeout: float, cwd: Path | None = None) -> str:
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _clean_environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHON", "JUPYTER"))}
    env["HOME"] = str(home)  # no ~/.local kernels or settings leak in
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not index_reachable():
        pytest.skip("no access to the package index (pypi.org): cannot build the wheel (hatchling) or install it")
    dist = tmp_path_factory.mktemp("dist")
    env = _clean_environment(tmp_path_factory.mktemp("home"))
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(REPO)], env, timeout=600)
    return next(dist.glob("halab-*.whl"))


def _venv(where: Path, wheel: Path, extras: str, env: dict[str, str]) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=120)
    _run([str(where / "bin" / "pip"), "install", "-q", f"{wheel}{extras}"], env, timeout=900)
    return where / "bin"


def test_the_wheel_carries_the_course_the_kernel_the_license_and_split_extras(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = Parser().parsestr(archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode())
    sources = {path.relative_to(COURSE).as_posix() for path in (COURSE / "source").glob("*/*.ipynb")}
    assert len(sources) >= 11
    assert {f"halab_kernel/course_files/{source}" for source in sources} <= names
    assert "halab_kernel/course_files/nbgrader_config.py" in names
    assert any(name.endswith("/share/jupyter/kernels/halab/kernel.json") for name in names)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert metadata["Version"] == __version__ and metadata["License-Expression"] == "MIT"
    requires = metadata.get_all("Requires-Dist") or []
    core = [requirement for requirement in requires if "extra ==" not in requirement]
    assert sorted(requirement.split(">")[0] for requirement in core) == ["lxml", "pandas"]
    assert not any(requirement.startswith("anywidget") for requirement in requires)
    assert {"notebook", "grading", "ssh", "book", "test"} <= set(metadata.get_all("Provides-Extra") or [])


def test_a_clean_venv_with_the_wheel_opens_the_course_in_a_folder_of_your_choice(wheel, tmp_path):
    env = _clean_environment(tmp_path / "home")
    bin_dir = _venv(tmp_path / "venv", wheel, "[notebook,grading]", env)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    assert _run([str(bin_dir / "halab"), "--version"], env, timeout=60).strip() == f"halab {__version__}"

    work = tmp_path / "work"
    work.mkdir()
    port = free_port()
    log = tmp_path / "server.log"
    command = [str(bin_dir / "halab"), "course", "--no-browser", "--port", str(port), "my-course"]
    with running_course(command, work, env, port, log):
        first = get_json(port, "/api/contents/00-getting-started/getting-started.ipynb")
        alarming = alarming_lines(log)
    assert first["type"] == "notebook" and "BEGIN SOLUTION" not in str(first["content"])
    assert alarming == []
    assert (work / "my-course" / "source").is_dir() and (work / "my-course" / "release").is_dir()


def test_the_core_alone_simulates_and_says_what_the_course_needs(wheel, tmp_path):
    env = _clean_environment(tmp_path / "home")
    bin_dir = _venv(tmp_path / "venv", wheel, "", env)
    status = _run([str(bin_dir / "halab"), "run", "--", "crm_mon", "-1"], env, timeout=120)
    assert "Cluster Summary" in status
    script = "from halab_kernel import Lab; lab = Lab.simulated(nodes=3, seed=0); lab.advance(30); print(lab.state().dc)"
    assert _run([str(bin_dir / "python"), "-c", script], env, timeout=120).strip().startswith("node")
    course = subprocess.run([str(bin_dir / "halab"), "course", "--no-browser"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert course.returncode == 1 and "pip install 'halab[notebook,grading]'" in course.stderr
    assert "Traceback" not in course.stderr
