"""The dashboard in a real browser: JupyterLab on loopback, Debian's headless Chromium.

JupyterLab is served from this environment with the HA Lab kernelspec; the
notebook `tests/kernel/notebooks/dashboard_in_browser.ipynb` is opened and run
through the Run menu; the membership ring's nodes and the quorum gauge must
be rendered, node2 must leave the online state after its crash, the plotly
timeline must be drawn, and a click on "heal" must print `%fault heal`.
A screenshot goes to `artifacts/` (gitignored). Never downloads a browser: Chromium is Debian's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.support import (
    PANEL, jupyterlab_server, launch_chromium, open_notebook, require_browser, run_all_cells,
)

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "tests" / "kernel" / "notebooks" / "dashboard_in_browser.ipynb"
TOKEN = "halab-browser-test"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, halab_jupyter_path):
    require_browser()
    home = tmp_path_factory.mktemp("lab")
    root = home / "notebooks"
    root.mkdir()
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name)  # JupyterLab saves what it opens: work on a copy
    with jupyterlab_server(home, root, halab_jupyter_path, TOKEN) as url:
        yield url


def test_the_ring_and_the_gauge_render_and_follow_a_crash(jupyterlab):
    from playwright.sync_api import sync_playwright

    artifacts = REPO / "artifacts"
    artifacts.mkdir(exist_ok=True)
    page_errors: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = open_notebook(browser, f"{jupyterlab}/lab/tree/{NOTEBOOK.name}?token={TOKEN}&reset", 1400, 1800,
                                 page_errors)
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


def _run_all_and_check(page) -> None:
    ring_nodes = page.locator(f"{PANEL} svg.halab-ring g.halab-node")
    run_all_cells(page, ring_nodes)
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
