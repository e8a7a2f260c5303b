"""JupyterLab on loopback and Debian's headless Chromium, for the tests that click in a real browser.

Used by `tests/browser/test_jupyterlab.py` (the dashboard) and
`tests/course/test_check_button_browser.py` (the Check button). The server
gets its own config, runtime, data and settings folders (news and update
checks off) and the HA Lab kernelspec through JUPYTER_PATH; it is stopped
when the test module is done. Never downloads a browser: Chromium is Debian's.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in front
SERVER_START_SECONDS = 90.0


def require_browser() -> None:
    """Skip (with the reason) when Debian's chromium or the playwright package is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed ({CHROMIUM}): apt-get install chromium")
    pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_server(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {server.returncode} (see its log)")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"jupyter lab did not answer {url} within {timeout:g} s")


@contextlib.contextmanager
def jupyterlab_server(home: Path, root: Path, jupyter_path: Path, token: str) -> Iterator[str]:
    """Serve `root` with JupyterLab from this environment; yield its base URL (http://127.0.0.1:PORT).

    `home` holds the server's own folders and its log (jupyterlab.log);
    `jupyter_path` is where the halab kernelspec was installed.
    """
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {**os.environ, "JUPYTER_PATH": str(jupyter_path), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_DATA_DIR": str(home / "data")}
    env.pop("NBGRADER_EXECUTION", None)  # the browser shows what a student sees, not a grading run
    port = free_port()
    with open(home / "jupyterlab.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--allow-root", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}",
             f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", server, SERVER_START_SECONDS)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)


def launch_chromium(playwright):
    """Debian's Chromium, headless, through playwright (the caller closes it)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)


def open_notebook(browser, url: str, width: int, height: int, page_errors: list[str]):
    """A new page on the notebook at `url` (JupyterLab's `/lab/tree/...` with token), its
    JavaScript errors collected into `page_errors`, once the notebook panel is there."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(url, timeout=60_000)
    page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=60_000)
    return page


def accept_kernel_dialog(page, wait_ms: int) -> None:
    """JupyterLab sometimes asks which kernel to start (a race with loading kernelspecs): accept HA Lab."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    try:
        accept.wait_for(state="visible", timeout=wait_ms)
    except PlaywrightTimeout:
        return
    accept.click()


def run_all_cells(page, appears, within: float = 60.0) -> None:
    """Run → Run All Cells, accepting a late kernel dialog until the locator `appears` matches something."""
    accept_kernel_dialog(page, 3_000)
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    deadline = time.monotonic() + within
    while appears.count() == 0 and time.monotonic() < deadline:
        accept_kernel_dialog(page, 1_000)
