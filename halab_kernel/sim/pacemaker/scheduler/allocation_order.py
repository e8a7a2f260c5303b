"""The order resources are assigned in (pcmk__sort_resources and cmp_resources, 2.1.5).

Under the default placement strategy resources go in configuration order, higher priority
first. Under any other strategy Pacemaker sorts them: priority, then the score on the node
a resource is active on, then its scores on the nodes in their own sorted order; each
score is the resource's own with those of the resources it is colocated with folded in
(pcmk__add_colocated_node_scores, "this with" direction, factor 1, recursively). A folded
score is the best the primary has on an *available* node with the same attribute value, so
a node in standby or maintenance, or offline, counts -INFINITY there for a resource that is
colocated with anything (load-stopped-loop-2 with a node in standby).
"""

from __future__ import annotations

from typing import Optional

from ..cib.scores import INFINITY, add_scores
from .placement import any_node_available, node_attribute, sorted_nodes
from .working import Rsc, WorkingSet


def allocation_order(ws: WorkingSet) -> list:
    strategy = (ws.properties.get("placement-strategy") or "default").lower()
    ordered = sorted(enumerate(ws.resources), key=lambda item: (-item[1].priority, item[0]))
    if strategy == "default":
        return [rsc for _, rsc in ordered]
    node_list = sorted_nodes(ws, {u: 0 for u in ws.node_order}, None)

    def key(item):
        index, rsc = item
        allowed = sort_scores(ws, rsc)
        current = next((p.current_node() for p in rsc.primitives() if p.running_on), None)
        current_score = allowed.get(current, -INFINITY) if current else -INFINITY
        ranked = tuple(-allowed.get(u, -INFINITY) for u in node_list)
        return (-rsc.priority, -current_score, ranked, index)

    return [rsc for _, rsc in sorted(ordered, key=key)]


def sort_scores(ws: WorkingSet, rsc: Rsc) -> dict:
    """A resource's node scores with those of what it is colocated with folded in."""
    merged = _fold(ws, rsc, None, "#uname", 1.0, active=False)
    return dict(rsc.allowed) if merged is None else merged


def _fold(ws: WorkingSet, rsc: Rsc, nodes: Optional[dict], attribute: str, factor: float,
          active: bool) -> Optional[dict]:
    """pcmk__add_colocated_node_scores with pcmk__coloc_select_this_with; None: rolled back."""
    if rsc.merging:
        return None
    if rsc.kind == "group" and rsc.children:
        if nodes is not None:   # merged into a table: through its first member
            return _fold(ws, rsc.children[0], nodes, attribute, factor, active)
        # init_group_colocated_nodes: its last member's scores, folded through the internal
        # colocations (dgroup counts 300 for three sticky members: multiple-active-block-group),
        # then the group's own colocations (bug-lf-2619: with clnPingd, even when a member's merge
        # was rolled back for a lost ticket)
        work = _fold(ws, rsc.children[-1], None, attribute, factor, active) or dict(rsc.children[-1].allowed)
        if rsc.merging:
            return work
        rsc.merging = True
        try:
            if any_node_available(ws, work):
                for rule in rsc.this_with:
                    merged = _fold(ws, rule.primary, work, rule.node_attribute,
                                   factor * rule.score / INFINITY, True)
                    if merged is not None:
                        work = merged
            return work
        finally:
            rsc.merging = False
    rsc.merging = True
    try:
        work = dict(rsc.allowed) if nodes is None else _add_matching(ws, rsc, nodes, attribute, factor)
        if any_node_available(ws, work):
            for rule in rsc.this_with:
                merged = _fold(ws, rule.primary, work, rule.node_attribute, factor * rule.score / INFINITY, True)
                if merged is not None:
                    work = merged
        elif active:
            return None
        return work
    finally:
        rsc.merging = False


def _add_matching(ws: WorkingSet, rsc: Rsc, nodes: dict, attribute: str, factor: float) -> dict:
    """add_node_scores_matching_attr: each node gains `factor` times the best score `rsc` has on
    an available node with the same attribute value (-INFINITY when there is none)."""
    work = dict(nodes)
    for uname in work:
        value = node_attribute(ws, uname, attribute)
        score = max((s for u, s in rsc.allowed.items()
                     if ws.node_available(u) and node_attribute(ws, u, attribute) == value), default=-INFINITY)
        if factor < 0 and score < 0:
            continue
        weight_f = factor * score
        weight = int(weight_f - 0.5) if weight_f < 0 else int(weight_f + 0.5)
        if weight == 0 and score != 0:
            weight = 1 if factor > 0 else -1
        work[uname] = add_scores(weight, work[uname])
    return work
