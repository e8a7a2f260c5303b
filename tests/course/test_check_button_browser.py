"""The self-study Check button in a real browser: JupyterLab on loopback, Debian's headless Chromium.

A notebook with a wrong answer and its Check button is opened and run; a
click on Check must show the check's verdict (what was expected, what the
answer gave) without the hint, and a click on Hint must then reveal the hint.
Never downloads a browser: Chromium is Debian's.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
TOKEN = "halab-course-browser-test"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
NAME = "check-button.ipynb"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "halab", "display_name": "HA Lab (Python 3)", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell("from halab_graders import check_button\nfrom halab_graders import corosync as checks"),
        nbformat.v4.new_code_cell("detection_seconds = 3.65  # the token timeout alone: a plausible slip"),
        nbformat.v4.new_code_cell("check_button(lambda: checks.detection_time(detection_seconds))"),
    ]
    return notebook


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed ({CHROMIUM}): apt-get install chromium")
    pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    from halab_kernel import kernelspec

    home = tmp_path_factory.mktemp("lab")
    prefix = home / "prefix"
    assert kernelspec.main(["--prefix", str(prefix)]) == 0
    root = home / "notebooks"
    root.mkdir()
    nbformat.write(_notebook(), root / NAME)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {**os.environ, "JUPYTER_PATH": str(prefix / "share" / "jupyter"), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_DATA_DIR": str(home / "data")}
    env.pop("NBGRADER_EXECUTION", None)
    port = _free_port()
    with open(home / "jupyterlab.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--allow-root", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}",
             f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while True:
                assert server.poll() is None, "jupyter lab exited early (see its log)"
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2):
                        break
                except OSError:
                    assert time.monotonic() < deadline, "jupyter lab did not answer within 90 s"
                    time.sleep(0.5)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)


def _accept_kernel_dialog(page, wait_ms: int) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    try:
        accept.wait_for(state="visible", timeout=wait_ms)
    except PlaywrightTimeout:
        return
    accept.click()


def test_check_then_hint_in_jupyterlab(jupyterlab):
    from playwright.sync_api import sync_playwright

    page_errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1200})
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.goto(f"{jupyterlab}/lab/tree/{NAME}?token={TOKEN}&reset", timeout=60_000)
            page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=60_000)
            _accept_kernel_dialog(page, 3_000)
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            check = page.locator(f"{PANEL} .jupyter-widgets button:has-text('Check')")
            deadline = time.monotonic() + 60
            while check.count() == 0 and time.monotonic() < deadline:
                _accept_kernel_dialog(page, 1_000)
            check.first.click(timeout=10_000)
            verdict = page.locator(f"{PANEL} .jupyter-widgets :text('Not yet')")
            verdict.first.wait_for(timeout=30_000)
            output = page.locator(f"{PANEL} .jp-OutputArea").last.inner_text()
            assert "Expected: the seconds between crashing node3" in output.replace("\n", " ")
            assert "the token timeout alone" in output and "consensus" not in output  # the hint is not shown yet
            page.click(f"{PANEL} .jupyter-widgets button:has-text('Hint')")
            page.wait_for_selector(f"{PANEL} .jupyter-widgets :text('consensus timeout')", timeout=30_000)
        finally:
            browser.close()
    assert not page_errors, page_errors
