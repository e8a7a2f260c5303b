"""The failover timeline: what each node saw, over time, around each fault.

Three bands per node (membership, quorum, resources) as horizontal bars,
a dotted line at every injected fault, and the measured phases of the last
failovers (detection, decision, fencing, recovery) annotated with their durations.

The figure is built as plotly's JSON (a plain dict) and shown with plotly's
own mimetype renderer: that keeps the saved notebook light (a plotly >= 6
FigureWidget stores ~5 MB) and keeps plotly's slow import out of the kernel.
`plotly.graph_objects.Figure(timeline_figure(...))` validates it (the tests do).
"""

from __future__ import annotations

from typing import Any, Sequence

from halab_kernel.history import BANDS, DOWN, MEMBERSHIP, QUORUM, History
from halab_widgets.palette import MUTED, NOT_QUORATE, QUORATE

MIMETYPE = "application/vnd.plotly.v1+json"
_PHASE_COLOURS = {"detection": "#f0ad4e", "decision": "#3a7bd5", "fencing": "#7b4fc9", "recovery": "#2e9e5b"}
_INTERVAL_ROW = "failover"
WINDOW = 600.0  # seconds of a long run shown at first


def _colour(band: str, label: str, full: int) -> str:
    if band == MEMBERSHIP:
        if label == DOWN:
            return NOT_QUORATE
        if label == "starting":
            return "#c9ced6"
        return QUORATE if len(label.split()) >= full else "#f0ad4e"
    if band == QUORUM:
        return QUORATE if label == "quorate" else NOT_QUORATE
    return NOT_QUORATE if "(failed)" in label else "#3f8fd2"


def timeline_figure(history: History, nodes: Sequence[str], now: float) -> dict[str, Any]:
    """Plotly figure JSON for `history` up to `now` (open segments end at `now`)."""
    rows = [f"{node} · {band}" for node in nodes for band in BANDS]
    bars: dict[str, dict[str, list]] = {}
    for node in nodes:
        for band in BANDS:
            for segment in history.bands.get((node, band), []):
                if not segment.label:
                    continue  # nothing to show: no quorum view, no resources
                end = segment.closed_at(now)
                trace = bars.setdefault(
                    _colour(band, segment.label, len(nodes)),
                    {"y": [], "x": [], "base": [], "text": []},
                )
                trace["y"].append(f"{node} · {band}")
                trace["x"].append(round(max(end - segment.start, 0.0), 3))
                trace["base"].append(round(segment.start, 3))
                trace["text"].append(segment.label)
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "orientation": "h",
            "y": trace["y"],
            "x": trace["x"],
            "base": trace["base"],
            "text": trace["text"],
            "textposition": "inside",
            "insidetextanchor": "start",
            "marker": {"color": colour},
            "hovertemplate": "%{y}<br>%{text}<br>from %{base:.2f} s for %{x:.2f} s<extra></extra>",
            "showlegend": False,
        }
        for colour, trace in bars.items()
    ]
    intervals = history.intervals()[-6:]
    for interval in intervals:
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": [_INTERVAL_ROW],
                "x": [round(interval.duration, 3)],
                "base": [round(interval.start, 3)],
                "text": [f"{interval.phase} {interval.duration:.2f} s"],
                "textposition": "inside",
                "marker": {"color": _PHASE_COLOURS[interval.phase]},
                "hovertemplate": f"{interval.fault}: {interval.phase} %{{x:.2f}} s<extra></extra>",
                "showlegend": False,
            }
        )
    if intervals:
        rows = [_INTERVAL_ROW] + rows
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": fault.time,
            "x1": fault.time,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#d9534f", "dash": "dot", "width": 2},
        }
        for fault in history.faults
    ]
    annotations = [
        {
            "x": fault.time,
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "text": f"{fault.fault} {fault.target}".strip(),
            "showarrow": False,
            "font": {"color": "#d9534f", "size": 11},
        }
        for fault in history.faults[-8:]
    ]
    layout = {
        "barmode": "overlay",
        "height": 80 + 22 * len(rows),
        "margin": {"l": 150, "r": 20, "t": 30, "b": 40},
        "xaxis": {"title": {"text": "time (s)"}, "range": _window(history, now), "zeroline": False},
        "yaxis": {"categoryorder": "array", "categoryarray": list(reversed(rows)), "type": "category"},
        "shapes": shapes,
        "annotations": annotations,
        "font": {"size": 11, "color": MUTED},
        "plot_bgcolor": "#fafbfc",
    }
    return {"data": data, "layout": layout, "config": {"displaylogo": False, "responsive": True}}


def _window(history: History, now: float) -> list[float]:
    """The time range shown first: the whole run, or around the last fault once the run is long.

    (Plotly's double-click zooms back out to everything.)
    """
    if now <= WINDOW or not history.faults:
        return [0.0, max(now, 1.0)]
    last = history.faults[-1].time
    return [max(0.0, last - 30.0), max(now, last + 30.0) if now - last < WINDOW else last + WINDOW]


class FailoverTimeline:
    """The timeline as a live widget: an `ipywidgets.Output` holding one plotly display."""

    def __init__(self, nodes: Sequence[str]) -> None:
        import ipywidgets

        self.nodes = tuple(nodes)
        self.history = History()
        self.widget = ipywidgets.Output()
        self.widget.add_class("halab-timeline-widget")
        self.figure: dict[str, Any] = {}

    def update(self, new_events: Sequence[Any], now: float) -> None:
        self.history.add(new_events)
        self.figure = timeline_figure(self.history, self.nodes, now)
        summary = f"failover timeline at t={now:.1f} s: {len(self.history.faults)} fault(s)"
        self.widget.outputs = (
            {"output_type": "display_data", "data": {MIMETYPE: self.figure, "text/plain": summary}, "metadata": {}},
        )
