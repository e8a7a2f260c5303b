"""A node as status shows it (NodeStatus): its state, and what 2.1.5's node list needs to word it:
its kind (node_text: Node, RemoteNode, GuestNode), standby and maintenance whether online or not
(node_text_status: "OFFLINE (standby)"), and its health (pe__node_health: "(health is RED)")."""

from __future__ import annotations

from halab_kernel.values import is_true

from ..cib.model import INFINITY
from . import options
from .transition import NodeStatus
from .working import NodeInfo, WorkingSet

_STRATEGIES = ("migrate-on-red", "only-green", "progressive", "custom")


def node_status(ws: WorkingSet, node: NodeInfo, state: str, busy: bool) -> NodeStatus:
    """`busy`: the node has active resources (a standby node says so)."""
    kind = "member" if node.node_type != "remote" else \
        "guest" if node.attributes.get("#kind") == "container" else "remote"
    # positional, in NodeStatus's field order: uname, state, with_resources, kind, standby, maintenance, health
    return NodeStatus(node.uname, state, state.startswith("standby") and busy, kind, node.standby,
                      own_maintenance(ws, node), health(ws, node))


def own_maintenance(ws: WorkingSet, node: NodeInfo) -> bool:
    """The node's own maintenance (its attribute): maintenance-mode alone leaves nodes "Online"."""
    return node.maintenance and not ws.maintenance_mode or is_true(node.attributes.get("maintenance"))


def health(ws: WorkingSet, node: NodeInfo) -> int:
    """pe__node_health: -1 when a #health attribute is red (or scores at most node-health-red), 0
    when one is yellow (or at most node-health-yellow, unless yellow and green score alike), else
    1; always 1 without a node-health-strategy."""
    strategy = (ws.properties.get("node-health-strategy") or "none").strip().lower()
    if strategy not in _STRATEGIES:
        return 1
    red = options.score_or(ws.properties.get("node-health-red"), -INFINITY)
    yellow = options.score_or(ws.properties.get("node-health-yellow"), 0)
    green = options.score_or(ws.properties.get("node-health-green"), 0)
    found = 1
    for name, text in node.attributes.items():
        if not name.startswith("#health"):
            continue
        word = (text or "").strip().lower()
        if word == "red":
            return -1
        if word == "yellow":
            found = 0
            continue
        score = options.score_or(text, 0)
        if score <= red:
            return -1
        if score <= yellow and yellow != green:
            found = 0
    return found
