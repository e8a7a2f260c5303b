"""The placement table: resources × nodes, with role, failcount and scores.

A cell says what the resource does on that node (Started, Promoted, Failed,
...) and its failcount there; hovering shows the same in words. Why the
scheduler chose that node is one click away: "Explain" prints `lab.explain`
(the score contributions per node, as `crm_simulate -L --explain` gives
them), and from then on that resource's cells show their final score, on
hover and in small print.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

from halab_kernel.model import ClusterState, Resource

from halab_widgets.palette import FONT, MUTED, role_colour, text

_CELL = "border: 1px solid #dde1e6; padding: 3px 8px; text-align: center"


_NODE_HEADER = re.compile(r"^\s+(\S+) \([^)]*\):\s*$")
_FINAL_SCORE = re.compile(r"^\s+=\s*(\S+)\s+final score\s*$")


def final_scores(explanation: str) -> dict[str, str]:
    """node -> final score, read from `lab.explain`'s text ("  node1 (online):" ... "= 100  final score")."""
    scores: dict[str, str] = {}
    node = None
    for line in explanation.splitlines():
        header = _NODE_HEADER.match(line)
        if header:
            node = header.group(1)
        elif node and (final := _FINAL_SCORE.match(line)):
            scores[node] = final.group(1)
    return scores


def _cell(rsc: Resource, node: str, score: str | None) -> str:
    failcount = rsc.failcounts.get(node, 0)
    active = node in rsc.nodes
    role = rsc.role if active else ""
    hover = f"{rsc.id} on {node}: {role or 'not active'}" + (f", failcount {failcount}" if failcount else "")
    body = f'<span style="color: {role_colour(role)}; font-weight: bold">{text(role)}</span>' if role else "·"
    if failcount:
        body += f' <span style="background: #d9534f; color: #fff; border-radius: 6px; padding: 0 4px; font-size: 10px">fail {failcount}</span>'
    if score is not None:
        hover += f", score {score}"
        body += f' <span style="color: {MUTED}; font-size: 10px">{text(score)}</span>'
    return (
        f'<td style="{_CELL}" title="{text(hover)}" data-node="{text(node)}" data-role="{text(role)}" '
        f'data-failcount="{failcount}" data-score="{text(score or "")}">{body}</td>'
    )


def placement_html(state: ClusterState, scores: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """The table as HTML (one row per resource, one column per node); `scores`: resource -> node -> score."""
    scores = scores or {}
    names = state.node_names
    if not state.resources:
        return f'<div class="halab-placement" style="{FONT}; color: {MUTED}">No resources configured yet.</div>'
    head = "".join(f'<th style="{_CELL}">{text(name)}</th>' for name in names)
    rows = []
    for rsc in state.resources:
        indent = "&nbsp;&nbsp;" if rsc.parent else ""
        flags = [] if rsc.managed else ["unmanaged"]
        if rsc.blocked:
            flags.append("blocked")
        if rsc.target_role:
            flags.append(f"target-role={rsc.target_role}")
        note = f' <span style="color: {MUTED}; font-size: 10px">{text(", ".join(flags))}</span>' if flags else ""
        label = f'{indent}<b>{text(rsc.id)}</b> <span style="color: {MUTED}; font-size: 10px">{text(rsc.agent or rsc.kind)}</span>{note}'
        known = scores.get(rsc.id, {})
        cells = "".join(_cell(rsc, name, known.get(name)) for name in names)
        rows.append(f'<tr data-resource="{text(rsc.id)}"><td style="{_CELL}; text-align: left">{label}</td>{cells}</tr>')
    return (
        f'<table class="halab-placement" style="{FONT}; border-collapse: collapse; font-size: 12px">'
        f'<tr><th style="{_CELL}">resource</th>{head}</tr>{"".join(rows)}</table>'
    )


class PlacementTable:
    """The table as a live widget, with an "Explain" button that shows the scores."""

    def __init__(self, explain: Callable[[str], Any] | None = None) -> None:
        import ipywidgets

        self._explain = explain
        self.table = ipywidgets.HTML()
        self.choice = ipywidgets.Dropdown(description="resource", options=[], layout=ipywidgets.Layout(width="240px"))
        self.button = ipywidgets.Button(description="Explain placement", tooltip="show the scheduler's allocation scores")
        self.scores = ipywidgets.Output()
        self.button.on_click(lambda _: self.explain(self.choice.value))
        self.widget = ipywidgets.VBox([self.table, ipywidgets.HBox([self.choice, self.button]), self.scores])
        self.widget.add_class("halab-placement-widget")
        self.roles: dict[str, dict[str, str]] = {}
        self.scores_seen: dict[str, dict[str, str]] = {}  # resource -> node -> final score, once explained
        self._state: ClusterState | None = None

    def update(self, state: ClusterState) -> None:
        self.roles = {rsc.id: {node: rsc.role for node in rsc.nodes} for rsc in state.resources}
        self._state = state
        self.table.value = placement_html(state, self.scores_seen)
        ids = tuple(rsc.id for rsc in state.resources)
        if tuple(self.choice.options) != ids:
            self.choice.options = ids

    def explain(self, rsc_id: str | None) -> None:
        """Print the allocation scores of `rsc_id` below the table."""
        self.scores.outputs = ()
        if not rsc_id:
            answer = "No resource chosen."
        elif self._explain is None:
            answer = "Placement scores are not available on this lab."
        else:
            try:
                answer = str(self._explain(rsc_id))
            except (ValueError, KeyError) as error:  # LabError, or a resource the scheduler does not know
                answer = f"error: {error.args[0] if error.args else error}"
            else:
                self.scores_seen[rsc_id] = final_scores(answer)
                if self._state is not None:
                    self.table.value = placement_html(self._state, self.scores_seen)
        self.scores.append_stdout(answer.rstrip("\n") + "\n")
