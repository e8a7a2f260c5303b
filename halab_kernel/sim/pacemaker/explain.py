"""A readable, per-node account of why the scheduler put a resource where it did.

crm_simulate prints final scores; this says where each point came from
(location constraint +50, stickiness +100, colocation -INFINITY, failcount ...).
"""

from __future__ import annotations

from typing import Optional

from .cib.model import Cib
from .cib.scores import score_text
from .scheduler import schedule


def _signed(value: int) -> str:
    text = score_text(value)
    return text if text.startswith("-") else "+" + text


def explain(cib: Cib, resource: str, now: Optional[int] = None) -> str:
    """Per-node breakdown for `resource`; raises KeyError if it is not configured."""
    transition = schedule(cib, now=now)
    if resource not in transition.explanations:
        raise KeyError(resource)
    members = [resource] + [rid for rid in transition.explanations
                            if rid.startswith(resource + ":")]
    lines = [f"Why {resource} is where it is:"]
    final = {}
    for line in transition.scores:
        if line.resource == resource:
            final[line.node] = line.score
    node_states = {n.uname: n.state for n in transition.nodes_before}
    contributions = transition.explanations[resource]
    for node in sorted(set(final) | set(contributions) | set(node_states)):
        state = node_states.get(node, "unknown")
        lines.append(f"  {node} ({state}):")
        for source, value, absolute in contributions.get(node, []):
            shown = f"= {score_text(value)}" if absolute else _signed(value)
            lines.append(f"    {shown:>12}  {source}")
        if node in final:
            lines.append(f"    {'= ' + score_text(final[node]):>12}  final score")
        if state != "online":
            lines.append(f"    {'':>12}  node cannot run resources ({state})")
    placed = transition.placement.get(resource)
    if placed is None and len(members) > 1:
        placed_nodes = sorted({n for m in members for n in [transition.placement.get(m)] if n})
        decision = f"instances placed on {', '.join(placed_nodes)}" if placed_nodes else "stays stopped"
    elif placed is None:
        group_members = [rid for rid, node in transition.placement.items()
                         if rid in transition.explanations and node]
        decision = "stays stopped (no node can run it)" if resource in transition.placement else (
            "see its members" if group_members else "stays stopped")
    else:
        decision = f"placed on {placed}"
    actions = [item for item in transition.summary if item.resource and
               (item.resource == resource or item.resource.startswith(resource + ":"))]
    lines.append(f"Decision: {decision}")
    for item in actions:
        reason = f" due to {item.reason}" if item.reason else ""
        lines.append(f"  {item.verb} {item.resource} ({item.details}){reason}{' (blocked)' if item.blocked else ''}")
    return "\n".join(lines) + "\n"
