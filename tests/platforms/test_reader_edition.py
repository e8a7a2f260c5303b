"""The reader edition: `halab book` executes the course and publishes static pages with the pictures.

One notebook with the dashboard (ring, gauge, placement, failover timeline)
is built for real: the kernel runs it, nbconvert writes the page. The page
and the notebook next to it must show the pictures as SVG without any widget
manager, and give no answer away.
"""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from tests.platforms.support import COURSE, require_halab_kernel

pytestmark = pytest.mark.slow
ASSIGNMENT = "00-getting-started"  # runs %dashboard, then a crash and a restart: the timeline has bars


def test_halab_book_builds_pages_with_the_dashboard_and_timeline_as_svg(tmp_path):
    require_halab_kernel()
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "halab_kernel.cli", "book", "--output", str(site), "--only", ASSIGNMENT],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr

    page = (site / f"{ASSIGNMENT}.html").read_text()
    for picture in ("halab-ring", "halab-quorum", "halab-timeline"):  # inline SVG documents, drawn by any browser
        assert re.search(rf'<svg [^>]*class="{picture}"', page), f"missing picture: {picture}"
    assert "widget-view+json" not in page and "Error displaying widget" not in page
    assert f'href="{ASSIGNMENT}.html"' in (site / "index.html").read_text()

    notebook = nbformat.read(site / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert "widgets" not in notebook.metadata
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert any("halab-timeline" in output.get("data", {}).get("text/html", "") for output in outputs)
    assert not any("application/vnd.jupyter.widget-view+json" in output.get("data", {}) for output in outputs)
    assert not any(output.get("output_type") == "error" for output in outputs)

    source = nbformat.read(next((COURSE / "source" / ASSIGNMENT).glob("*.ipynb")), as_version=4)
    text = nbformat.writes(notebook)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    for cell in source.cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            answer = cell.source.split("### BEGIN SOLUTION")[-1].split("### END SOLUTION")[0]
            for line in filter(None, (line.strip() for line in answer.splitlines())):
                assert line not in text, f"an answer is in the reader edition: {line}"
