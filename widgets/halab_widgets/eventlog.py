"""The event and log view: every event, or every log line, filterable, newest last.

"events" shows the lab's typed events (membership changed, quorum lost, DC
elected, ...); "logs" shows the Corosync and Pacemaker log lines in their
real format, as `lab.logs()` gives them, filtered by daemon instead of kind.
Event rows are kept as plain tuples as events arrive; pandas filters them
and renders the last rows as an HTML table only when something is drawn,
so a long run costs memory for its rows, not time per update.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from halab_kernel.model import Event

from halab_widgets.palette import FONT, text

ALL = "(all)"
SHOWN_ROWS = 200
COLUMNS = ["time", "node", "kind", "message"]


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
    """Filters (kind or daemon, node, text) over a table of the events, or of the log lines, so far."""

    def __init__(self, nodes: Sequence[str], logs: Callable[..., Any] | None = None) -> None:
        """`logs(since=None | seconds)` gives log lines as `lab.logs` does (time, node, daemon, line)."""
        import ipywidgets

        self._rows: list[tuple[float, str, str, str]] = []
        self._log_rows: list[tuple[float, str, str, str]] = []
        self._logs = logs
        self.source = ipywidgets.ToggleButtons(options=["events", "logs"] if logs else ["events"], value="events")
        self.kind = ipywidgets.Dropdown(description="kind", options=[ALL], layout=ipywidgets.Layout(width="240px"))
        self.node = ipywidgets.Dropdown(description="node", options=[ALL, *nodes], layout=ipywidgets.Layout(width="200px"))
        self.contains = ipywidgets.Text(description="contains", placeholder="text in the message", continuous_update=False)
        self.table = ipywidgets.HTML()
        self.source.observe(lambda _: self._switch(), names="value")
        for control in (self.kind, self.node, self.contains):
            control.observe(lambda _: self.render(), names="value")
        header = [self.source] if logs else []
        self.widget = ipywidgets.VBox([*header, ipywidgets.HBox([self.kind, self.node, self.contains]), self.table])
        self.widget.add_class("halab-eventlog-widget")
        self.shown = 0  # rows matching the filters, for tests and the caption
        self._rendering = False

    def add(self, events: Sequence[Event]) -> None:
        self._rows.extend((event.time, event.node or "", event.kind, event.message) for event in events)
        self.render()

    def frame(self) -> Any:
        """What the table shows before filtering: events, or log lines (kind = daemon, message = the line)."""
        import pandas

        if self.source.value == "logs" and self._logs is not None:
            self._fetch_log_lines()
            return pandas.DataFrame(self._log_rows, columns=COLUMNS)
        return pandas.DataFrame(self._rows, columns=COLUMNS)

    def _fetch_log_lines(self) -> None:
        """Ask only for the lines since the last one we hold (lines at that same moment are re-read)."""
        since = self._log_rows[-1][0] if self._log_rows else None
        assert self._logs is not None  # the log view is offered only with a log source
        fresh = self._logs(since=since)
        if since is not None:
            while self._log_rows and self._log_rows[-1][0] >= since:
                self._log_rows.pop()
        self._log_rows.extend(zip(fresh["time"], fresh["node"], fresh["daemon"], fresh["line"]))

    def _switch(self) -> None:
        self._rendering = True
        try:
            self.kind.description = "daemon" if self.source.value == "logs" else "kind"
            self.kind.value = ALL
        finally:
            self._rendering = False
        self.render()

    def render(self) -> None:
        if self._rendering:
            return  # a filter changed because this render updated its choices: already drawing
        self._rendering = True
        try:
            self._render()
        finally:
            self._rendering = False

    def _render(self) -> None:
        frame = self.frame()
        kinds = sorted(set(frame["kind"]))
        if list(self.kind.options[1:]) != kinds:
            chosen = self.kind.value
            self.kind.options = [ALL, *kinds]
            self.kind.value = chosen if chosen in kinds else ALL
        matching = filter_frame(frame, self.kind.value or ALL, self.node.value or ALL, self.contains.value)
        self.shown = len(matching)
        tail = matching.tail(SHOWN_ROWS)
        what = "log lines" if self.source.value == "logs" else "events"
        caption = f"{len(matching)} of {len(frame)} {what}" + (f" (last {SHOWN_ROWS} shown)" if len(matching) > SHOWN_ROWS else "")
        html = _table(tail)
        self.table.value = (
            f'<div style="{FONT}; font-size: 11px; max-height: 260px; overflow-y: auto">'
            f"<div>{caption}</div>{html}</div>"
        )


def _table(frame: Any) -> str:
    """The rows as a plain HTML table (pandas' to_html is ten times slower for this)."""
    head = "".join(f'<th style="text-align: left; padding: 1px 8px">{name}</th>' for name in COLUMNS)
    rows = "".join(
        f'<tr><td style="padding: 1px 8px">{time:.3f}</td><td style="padding: 1px 8px">{text(node)}</td>'
        f'<td style="padding: 1px 8px">{text(kind)}</td><td style="padding: 1px 8px; white-space: pre">{text(message)}</td></tr>'
        for time, node, kind, message in frame.itertuples(index=False, name=None)
    )
    return f'<table class="halab-events"><tr>{head}</tr>{rows}</table>'
