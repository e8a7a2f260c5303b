"""The dashboard in a real browser: JupyterLab on loopback, Debian's headless Chromium.

JupyterLab is served from this environment with the HA Lab kernelspec; the
notebook `tests/kernel/notebooks/dashboard_in_browser.ipynb` is opened and run
through the Run menu; the membership ring's nodes and the quorum gauge must
be rendered, node2 must leave the online state after its crash, the plotly
timeline must be drawn, and a click on "heal" must print `%fault heal`.
A screenshot goes to `artifacts/` (gitignored). Never downloads a browser: Chromium is Debian's.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "tests" / "kernel" / "notebooks" / "dashboard_in_browser.ipynb"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
TOKEN = "halab-browser-test"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_server(url: str, server: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"jupyter lab did not answer {url} within {timeout} s")


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, halab_jupyter_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed ({CHROMIUM}): apt-get install chromium")
    pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    home = tmp_path_factory.mktemp("lab")
    root = home / "notebooks"
    root.mkdir()
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name)  # JupyterLab saves what it opens: work on a copy
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {**os.environ, "JUPYTER_PATH": str(halab_jupyter_path), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_DATA_DIR": str(home / "data")}
    env.pop("NBGRADER_EXECUTION", None)
    port = _free_port()
    log = open(home / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--allow-root", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={home / 'settings'}",
         f"--LabApp.workspaces_dir={home / 'workspaces'}"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_server(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        log.close()


def test_the_ring_and_the_gauge_render_and_follow_a_crash(jupyterlab):
    from playwright.sync_api import sync_playwright

    artifacts = REPO / "artifacts"
    artifacts.mkdir(exist_ok=True)
    page_errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.goto(f"{jupyterlab}/lab/tree/{NOTEBOOK.name}?token={TOKEN}&reset", timeout=60_000)
            page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=60_000)
            page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
            try:
                _run_all_and_check(page)
            except Exception:
                page.screenshot(path=str(artifacts / "browser-failure.png"), full_page=True)
                raise
            page.wait_for_timeout(500)  # let plotly finish drawing the timeline for the picture
            page.screenshot(path=str(artifacts / "browser-dashboard.png"), full_page=True)
        finally:
            browser.close()
    assert not page_errors, page_errors


def _accept_kernel_dialog(page, wait_ms: int) -> None:
    """JupyterLab sometimes asks which kernel to start (a race with loading kernelspecs): accept HA Lab."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    try:
        accept.wait_for(state="visible", timeout=wait_ms)
    except PlaywrightTimeout:
        return
    accept.click()


def _run_all_and_check(page) -> None:
    _accept_kernel_dialog(page, 3_000)
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    ring_nodes = page.locator(f"{PANEL} svg.halab-ring g.halab-node")
    deadline = time.monotonic() + 60
    while ring_nodes.count() == 0 and time.monotonic() < deadline:
        _accept_kernel_dialog(page, 1_000)
    ring_nodes.first.wait_for(timeout=5_000)
    down = ":is([data-status='unclean'], [data-status='offline'], [data-status='fenced'])"
    page.wait_for_selector(f"{PANEL} svg.halab-ring g.halab-node[data-node='node2']{down}", timeout=60_000)
    assert ring_nodes.count() == 3
    gauge = page.locator(f"{PANEL} svg.halab-quorum g.halab-partition")
    assert gauge.count() == 1
    assert gauge.first.get_attribute("data-members") == "node1 node3"
    assert gauge.first.is_visible()
    page.wait_for_selector(f"{PANEL} .halab-timeline-widget .js-plotly-plot", timeout=30_000)
    # A button goes through the kernel and prints the command it stands for.
    page.click(f"{PANEL} .halab-controls-widget button:text-is('heal')")
    page.wait_for_selector(f"{PANEL} .halab-controls-widget :text('%fault heal')", timeout=30_000)
