"""Node health (node-health-strategy): `#health-*` node attributes turned into location scores.

As Pacemaker 2.1.5 does it (pcmk__apply_node_health): each node's health is the
sum of its `#health*` attributes, where red/yellow/green stand for scores the
strategy sets (migrate-on-red: red is -INFINITY; only-green: red and yellow
are; progressive and custom: the node-health-red/yellow/green options, plus
node-health-base for progressive). A non-zero health becomes a location score
on that node for every resource, except that resources with
allow-unhealthy-nodes=true ignore a negative one.
"""

from __future__ import annotations

from halab_kernel.values import is_true

from ..cib.model import INFINITY
from ..cib.scores import add_scores
from . import options
from .placement import apply_location_to
from .working import WorkingSet

FIXED = {"migrate-on-red": {"red": -INFINITY, "yellow": 0, "green": 0},
         "only-green": {"red": -INFINITY, "yellow": -INFINITY, "green": 0}}


def _colour_scores(ws: WorkingSet, strategy: str) -> dict:
    if strategy in FIXED:
        return FIXED[strategy]
    props = ws.properties
    return {"red": options.score_or(props.get("node-health-red"), -INFINITY),
            "yellow": options.score_or(props.get("node-health-yellow"), 0),
            "green": options.score_or(props.get("node-health-green"), 0)}


def apply_node_health(ws: WorkingSet) -> None:
    strategy = (ws.properties.get("node-health-strategy") or "none").strip().lower()
    if strategy not in ("migrate-on-red", "only-green", "progressive", "custom"):
        return
    colours = _colour_scores(ws, strategy)
    base = options.score_or(ws.properties.get("node-health-base"), 0) if strategy == "progressive" else 0
    for uname in ws.node_order:
        health = base
        for name, text in ws.nodes[uname].attributes.items():
            if name.startswith("#health"):
                word = (text or "").strip().lower()
                health = add_scores(health, colours[word] if word in colours else options.score_or(text, 0))
        if health == 0:
            continue
        for rsc in ws.resources:
            if health < 0 and is_true(rsc.meta.get("allow-unhealthy-nodes")):
                continue
            apply_location_to(ws, rsc, {uname: health}, f"node health ({strategy})")
