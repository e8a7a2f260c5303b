"""A notebook using every magic and the dashboard runs headless in the HA Lab kernel.

It is executed by nbclient exactly as nbgrader would (kernel `halab`, widget
state stored); faults in it must reach the widget models, whose saved state
we read back, and the saved notebook must stay light.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent / "notebooks" / "every_magic.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def executed(halab_jupyter_path, tmp_path_factory):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    env = {**os.environ, "JUPYTER_PATH": str(halab_jupyter_path)}
    env.pop("NBGRADER_EXECUTION", None)
    workdir = tmp_path_factory.mktemp("run")
    client = NotebookClient(nb, kernel_name="halab", timeout=120, resources={"metadata": {"path": str(workdir)}})
    client.km = client.kernel_manager_class(kernel_name="halab", env=env)
    client.execute(env=env)
    return nb


def outputs_text(cell) -> str:
    return "".join(out.get("text", "") + "".join(out.get("traceback", [])) for out in cell.outputs)


def test_every_cell_ran_and_no_traceback_reached_the_screen(executed):
    for cell in executed.cells:
        if cell.cell_type == "code":
            text = outputs_text(cell)
            assert "Traceback" not in text, (cell.source, text)
            assert "internal error" not in text, (cell.source, text)
            if "raises-exception" not in cell.metadata.get("tags", []):
                assert not [out for out in cell.outputs if out.output_type == "error"], cell.source


def test_refusals_are_single_clear_lines(executed):
    refusals = [outputs_text(c) for c in executed.cells if "raises-exception" in c.metadata.get("tags", [])]
    assert any("unknown node 'node9'" in text for text in refusals)
    assert any("bad duration 'soon'" in text for text in refusals)


def test_the_dashboard_is_a_widget_whose_saved_state_shows_the_last_faults(executed):
    (board_cell,) = [c for c in executed.cells if c.source == "%dashboard"]
    assert WIDGET_VIEW in board_cell.outputs[0]["data"]
    assert "halab-ring" in board_cell.outputs[0]["data"]["text/html"]  # the static stand-in
    state = executed.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    rings = [m["state"]["value"] for m in state.values() if 'class="halab-ring"' in str(m["state"].get("value", ""))]
    assert rings, "no ring model in the saved widget state"
    statuses = dict(re.findall(r'data-node="(node\d)" data-status="(\w+)"', rings[0]))
    text = "".join(outputs_text(c) for c in executed.cells if c.cell_type == "code")
    final = json.loads(re.search(r"final node states: (\{.*\})", text).group(1))
    assert statuses == final  # the saved widget shows the lab's state after the last cell
    gauges = [m["state"]["value"] for m in state.values() if 'class="halab-quorum"' in str(m["state"].get("value", ""))]
    assert gauges and 'data-members="node1 node2 node3" data-quorate="1"' in gauges[0]


def test_the_saved_notebook_stays_under_one_megabyte(executed):
    assert len(nbformat.writes(executed).encode()) < 1_000_000


def test_live_mode_moved_the_clock_between_cells(executed):
    text = "".join(outputs_text(c) for c in executed.cells if c.cell_type == "code")
    assert re.search(r"live mode moved the clock by [1-9]\d*\.\d virtual seconds", text)


def test_static_html_without_widget_state_shows_the_snapshot(executed):
    """GitHub previews and HTML exports of a notebook saved without widget state show the picture."""
    from nbconvert import HTMLExporter

    static = nbformat.reads(nbformat.writes(executed), as_version=4)
    static.metadata.pop("widgets", None)
    (board_cell,) = [c for c in static.cells if c.source == "%dashboard"]
    static.cells = [board_cell]
    html, _ = HTMLExporter().from_notebook_node(static)
    assert 'class="halab-ring"' in html and 'class="halab-quorum"' in html
