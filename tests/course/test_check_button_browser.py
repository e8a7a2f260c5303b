"""The self-study Check button in a real browser: JupyterLab on loopback, Debian's headless Chromium.

A notebook with a wrong answer and its Check button is opened and run; a
click on Check must show the check's verdict (what was expected, what the
answer gave) without the hint, and a click on Hint must then reveal the hint.
Never downloads a browser: Chromium is Debian's.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.browser.support import (
    PANEL, jupyterlab_server, launch_chromium, open_notebook, require_browser, run_all_cells,
)
from tests.kernel.conftest import halab_jupyter_path  # noqa: F401 - the HA Lab kernelspec fixture

TOKEN = "halab-course-browser-test"
NAME = "check-button.ipynb"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "halab", "display_name": "HA Lab (Python 3)", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell("from halab_graders import check_button\nfrom halab_graders import corosync as checks"),
        nbformat.v4.new_code_cell("detection_seconds = 3.65  # the token timeout alone: a plausible slip"),
        nbformat.v4.new_code_cell("check_button('corosync.detection_time', lambda: detection_seconds)"),  # as the course cells do
    ]
    return notebook


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, halab_jupyter_path):  # noqa: F811 - the imported fixture, requested
    require_browser()
    home = tmp_path_factory.mktemp("lab")
    root = home / "notebooks"
    root.mkdir()
    nbformat.write(_notebook(), root / NAME)
    with jupyterlab_server(home, root, halab_jupyter_path, TOKEN) as url:
        yield url


def test_check_then_hint_in_jupyterlab(jupyterlab):
    from playwright.sync_api import sync_playwright

    page_errors: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = open_notebook(browser, f"{jupyterlab}/lab/tree/{NAME}?token={TOKEN}&reset", 1300, 1200, page_errors)
            check = page.locator(f"{PANEL} .jupyter-widgets button:has-text('Check')")
            run_all_cells(page, check)
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
