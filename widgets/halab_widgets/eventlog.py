"""The event and log view: every event and log line, filterable, newest last.

Rows are kept as plain tuples as events arrive; pandas filters them and
renders the last rows as an HTML table only when something is drawn, so a
long run costs memory for its rows, not time per update.
"""

from __future__ import annotations

from typing import Any, Sequence

from halab_kernel.model import Event

from halab_widgets.palette import FONT

ALL = "(all)"
SHOWN_ROWS = 200


def filter_frame(frame: Any, kind: str = ALL, node: str = ALL, contains: str = "") -> Any:
    """Rows of `frame` matching the kind, node and (case-insensitive) text filters."""
    mask = frame["time"] == frame["time"]
    if kind != ALL:
        mask &= frame["kind"] == kind
    if node != ALL:
        mask &= frame["node"] == node
    if contains:
        mask &= frame["message"].str.contains(contains, case=False, regex=False)
    return frame[mask]


class EventLog:
    """Filters (kind, node, text) over a table of the events so far."""

    def __init__(self, nodes: Sequence[str]) -> None:
        import ipywidgets

        self._rows: list[tuple[float, str, str, str]] = []
        self.kind = ipywidgets.Dropdown(description="kind", options=[ALL], layout=ipywidgets.Layout(width="240px"))
        self.node = ipywidgets.Dropdown(description="node", options=[ALL, *nodes], layout=ipywidgets.Layout(width="200px"))
        self.contains = ipywidgets.Text(description="contains", placeholder="text in the message", continuous_update=False)
        self.table = ipywidgets.HTML()
        for control in (self.kind, self.node, self.contains):
            control.observe(lambda _: self.render(), names="value")
        self.widget = ipywidgets.VBox([ipywidgets.HBox([self.kind, self.node, self.contains]), self.table])
        self.widget.add_class("halab-eventlog-widget")
        self.shown = 0  # rows matching the filters, for tests and the caption

    def add(self, events: Sequence[Event]) -> None:
        self._rows.extend((event.time, event.node or "", event.kind, event.message) for event in events)
        kinds = sorted({row[2] for row in self._rows})
        if list(self.kind.options[1:]) != kinds:
            self.kind.options = [ALL, *kinds]
        self.render()

    def frame(self) -> Any:
        import pandas

        return pandas.DataFrame(self._rows, columns=["time", "node", "kind", "message"])

    def render(self) -> None:
        matching = filter_frame(self.frame(), self.kind.value or ALL, self.node.value or ALL, self.contains.value)
        self.shown = len(matching)
        tail = matching.tail(SHOWN_ROWS)
        caption = f"{len(matching)} of {len(self._rows)} events" + (f" (last {SHOWN_ROWS} shown)" if len(matching) > SHOWN_ROWS else "")
        html = tail.to_html(index=False, float_format=lambda t: f"{t:.3f}", border=0, classes="halab-events")
        self.table.value = (
            f'<div style="{FONT}; font-size: 11px; max-height: 260px; overflow-y: auto">'
            f"<div>{caption}</div>{html}</div>"
        )
