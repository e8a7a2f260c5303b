"""A readable, per-node account of why the scheduler put a resource where it did.

crm_simulate prints final scores; this says where each point came from
(location constraint +50, stickiness +100, colocation -INFINITY, failcount ...),
what blocks a resource that stays stopped (in crm_verify's words when crm_verify
reports it), and how a tie between equally scored nodes is broken.
"""

from __future__ import annotations

from typing import Optional

from halab_kernel import values
from halab_kernel.values import INFINITY_SCORE

from .cib.model import Cib, Primitive, walk
from .cib.scores import score_text
from .scheduler.schedule import schedule


def _signed(value: int) -> str:
    text = score_text(value)
    return text if text.startswith("-") else "+" + text


# crm_verify -L -V's words for a cluster that may not start anything (unpack_resources)
NO_STONITH = ("Resource start-up disabled since no STONITH resources have been defined",
              "Either configure some or disable STONITH with the stonith-enabled option")
TIE_RULE = ("equal top scores: Pacemaker prefers the node with fewer resources placed so far, then the node "
            "it runs on now (a tie keeps it where it is), then the first by name")


def blocking_causes(cib: Cib, resource: str) -> list[str]:
    """Why `resource` cannot start anywhere, whatever its scores: crm_verify's error for a cluster
    with fencing on and no fence device, the partition's lost quorum, the resource's own target-role."""
    causes = []
    fencing = values.is_true(cib.properties.get("stonith-enabled"), True)
    has_device = any(isinstance(rsc, Primitive) and rsc.standard == "stonith"
                     for top in cib.resources for rsc in walk(top))
    if fencing and not has_device:
        causes += [f"crm_verify -L -V: error: {line}" for line in NO_STONITH]
    policy = cib.properties.get("no-quorum-policy") or "stop"
    if not cib.have_quorum and policy in ("stop", "freeze", "demote", "suicide"):
        causes.append(f"partition WITHOUT quorum, and no-quorum-policy={policy}")
    found = cib.find_resource(resource)
    if found is not None and (found.meta.get("target-role") or "").lower() == "stopped":
        causes.append("target-role=Stopped: the resource is disabled (pcs resource enable)")
    return causes


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
    causes = blocking_causes(cib, resource) if decision.startswith("stays stopped") else []
    lines.append(f"Decision: {'stays stopped, blocked' if causes else decision}")
    lines += [f"  blocked: {cause}" for cause in causes]
    ranked = sorted(final.values(), reverse=True)
    if not causes and len(ranked) > 1 and ranked[0] == ranked[1] and ranked[0] > -INFINITY_SCORE:
        lines.append(f"  tie: {TIE_RULE}")
    for item in actions:
        reason = f" due to {item.reason}" if item.reason else ""
        lines.append(f"  {item.verb} {item.resource} ({item.details}){reason}{' (blocked)' if item.blocked else ''}")
    return "\n".join(lines) + "\n"
