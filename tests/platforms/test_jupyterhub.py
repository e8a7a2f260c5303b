"""The JupyterHub course kit: deploy/jupyterhub/jupyterhub_config.py in a real hub on loopback.

The hub starts with the kit's configuration as it is (only the authenticator is
the dummy one, and the addresses are loopback ports of this test), starts the
Formgrader as its managed service, and routes through the real
configurable-http-proxy (npm). An instructor who logs in reaches the
Formgrader's API through the hub and sees every assignment; a student is
refused. Needs `jupyterhub` (the test extra) and Node.js with npm (the proxy is
installed once into ~/.cache/halab-tests); skips with the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.platforms.support import COURSE, REPO, free_port, stop

pytestmark = pytest.mark.slow
CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY_CACHE = Path.home() / ".cache" / "halab-tests" / "configurable-http-proxy"


def configurable_http_proxy() -> str:
    found = shutil.which("configurable-http-proxy")
    cached = PROXY_CACHE / "node_modules" / ".bin" / "configurable-http-proxy"
    if found or cached.exists():
        return found or str(cached)
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("configurable-http-proxy needs Node.js and npm (apt-get install nodejs npm)")
    PROXY_CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(PROXY_CACHE),
                           "configurable-http-proxy@5"], capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not cached.exists():
        pytest.skip(f"could not install configurable-http-proxy from npm:\n{done.stderr[-1000:]}")
    return str(cached)


def _wait(check, what: str, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"{what} after {seconds:.0f} s:\n{log.read_text()[-4000:]}")


def _session(hub: str, user: str):
    import requests

    session = requests.Session()
    session.get(f"{hub}/hub/login", timeout=10)
    answer = session.post(f"{hub}/hub/login", data={"username": user, "password": "any",
                                                    "_xsrf": session.cookies.get("_xsrf", "")},
                          allow_redirects=False, timeout=30)  # no redirect: the test starts no user server
    assert answer.status_code == 302, f"{user} could not log in: {answer.status_code}"
    return session


def test_the_kit_runs_a_hub_whose_formgrader_service_serves_instructors_only(tmp_path):
    pytest.importorskip("jupyterhub")
    pytest.importorskip("nbgrader")
    proxy = configurable_http_proxy()
    course = tmp_path / "course"
    course.mkdir()
    shutil.copytree(COURSE / "source", course / "source")
    shutil.copy2(COURSE / "nbgrader_config.py", course / "nbgrader_config.py")
    (tmp_path / "exchange").mkdir(mode=0o1777)
    port, hub_port, api_port, formgrader_port = (free_port() for _ in range(4))
    env = {**os.environ, "HALAB_COURSE_ROOT": str(course), "HALAB_EXCHANGE": str(tmp_path / "exchange"),
           "HALAB_INSTRUCTORS": "teacher", "HALAB_STUDENTS": "ada", "HALAB_FORMGRADER_PORT": str(formgrader_port),
           "HALAB_SPAWNER": "local", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG),
               "--JupyterHub.authenticator_class=dummy",
               f"--JupyterHub.bind_url=http://127.0.0.1:{port}",
               f"--JupyterHub.hub_bind_url=http://127.0.0.1:{hub_port}",
               f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{api_port}",
               f"--ConfigurableHTTPProxy.command={proxy}",
               f"--JupyterHub.db_url=sqlite:///{tmp_path / 'hub.sqlite'}",
               f"--JupyterHub.cookie_secret_file={tmp_path / 'cookie_secret'}"]
    log = tmp_path / "hub.log"
    hub = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        import requests

        _wait(lambda: requests.get(f"{hub}/hub/api", timeout=3).status_code == 200, "no hub", log)
        _wait(lambda: requests.get(f"http://127.0.0.1:{formgrader_port}/", timeout=3).status_code < 500,
              "no Formgrader service", log, seconds=180)
        teacher = _session(hub, "teacher")
        answer = teacher.get(f"{hub}/services/halab/formgrader/api/assignments", timeout=60)
        assert answer.status_code == 200, answer.text[:2000]
        expected = sorted(folder.name for folder in (COURSE / "source").iterdir() if any(folder.glob("*.ipynb")))
        assert sorted(assignment["name"] for assignment in answer.json()) == expected
        refused = _session(hub, "ada").get(f"{hub}/services/halab/formgrader/api/assignments", timeout=60)
        assert refused.status_code == 403
        stranger = requests.Session()
        stranger.get(f"{hub}/hub/login", timeout=10)
        assert stranger.post(f"{hub}/hub/login", data={"username": "mallory", "password": "any",
                                                        "_xsrf": stranger.cookies.get("_xsrf", "")},
                             allow_redirects=False, timeout=30).status_code == 403  # not on the class list
    finally:
        stop(process)


def test_the_kubernetes_kit_is_valid_yaml_with_the_same_class_settings():
    yaml = pytest.importorskip("yaml")
    values = yaml.safe_load((REPO / "deploy" / "kubernetes" / "values.yaml").read_text())
    assert values["singleuser"]["memory"] == {"limit": "1G", "guarantee": "512M"}
    assert values["singleuser"]["cpu"]["limit"] == 0.5
    assert "halab" in values["hub"]["services"]
    assert values["hub"]["loadRoles"]["formgrader-halab"]["groups"] == ["formgrade-halab"]
    kinds = [document["kind"] for name in ("formgrader.yaml", "grade-job.yaml")
             for document in yaml.safe_load_all((REPO / "deploy" / "kubernetes" / name).read_text())]
    assert kinds == ["PersistentVolumeClaim", "Deployment", "Service", "Job"]
    hub_config = (REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py").read_text()
    assert 'os.environ.get("HALAB_MEM_LIMIT", "1G")' in hub_config and '"HALAB_CPU_LIMIT", "0.5"' in hub_config
