"""Saved widget state drawn as static HTML: what a live dashboard last showed, readable without a kernel.

A notebook executed headless (nbclient) keeps every widget's last state in
its metadata; its outputs only point at them (`widget-view+json`), so a
viewer without the widget manager shows "Error displaying widget" or
nothing. `static_html(state, model_id)` walks the widget tree instead: boxes
become flex rows and columns, HTML widgets their HTML (the ring and the gauge
are SVG), Output widgets their outputs (the failover timeline's plotly figure
drawn as SVG by `figure_svg`), accordions and tabs `<details>` sections.
Controls (buttons, sliders, menus) do nothing without a kernel and are left out.
"""

from __future__ import annotations

from html import escape
from typing import Any

from halab_kernel.figure_svg import figure_svg

STATE_MIMETYPE = "application/vnd.jupyter.widget-state+json"
VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
_BOXES = {"VBoxModel": "column", "BoxModel": "column", "GridBoxModel": "row", "HBoxModel": "row"}


def widget_states(notebook_metadata: dict[str, Any]) -> dict[str, Any]:
    """model id -> {"model_name", "state", ...} saved in a notebook's metadata (empty if none)."""
    return notebook_metadata.get("widgets", {}).get(STATE_MIMETYPE, {}).get("state", {})


def static_html(states: dict[str, Any], model_id: str) -> str:
    """The widget `model_id` and its children as static HTML ("" when nothing of it can be drawn)."""
    model = states.get(model_id)
    if model is None:
        return ""
    name, state = model.get("model_name", ""), model.get("state", {})
    children = [static_html(states, child.removeprefix("IPY_MODEL_")) for child in state.get("children", [])]
    if name in _BOXES:
        drawn = [child for child in children if child]
        return (f'<div style="display: flex; flex-direction: {_BOXES[name]}; flex-wrap: wrap; gap: 8px">'
                f'{"".join(drawn)}</div>') if drawn else ""
    if name in ("AccordionModel", "TabModel"):
        titles = list(state.get("titles", [])) + [""] * len(children)
        return "".join(f"<details><summary>{escape(title or 'more')}</summary>{child}</details>"
                       for title, child in zip(titles, children) if child)
    if name in ("HTMLModel", "HTMLMathModel"):
        return str(state.get("value", ""))
    if name == "LabelModel":
        return escape(str(state.get("value", "")))
    if name == "OutputModel":
        return "".join(output_html(output) for output in state.get("outputs", []))
    return ""


def output_html(output: dict[str, Any]) -> str:
    """One saved output as static HTML: pictures first, then HTML, then text."""
    if output.get("output_type") == "stream":
        return f"<pre>{escape(''.join(output.get('text', '')))}</pre>"
    data = output.get("data", {})
    if PLOTLY_MIMETYPE in data:
        svg = figure_svg(data[PLOTLY_MIMETYPE])
        if svg:
            return svg
    for mimetype in ("image/svg+xml", "text/html"):
        if mimetype in data:
            return "".join(data[mimetype]) if isinstance(data[mimetype], list) else str(data[mimetype])
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{data["image/png"]}"/>'
    text = data.get("text/plain", "")
    return f"<pre>{escape(''.join(text) if isinstance(text, list) else str(text))}</pre>" if text else ""
