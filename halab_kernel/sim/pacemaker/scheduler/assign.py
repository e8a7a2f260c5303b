"""Assigning resources to nodes: primitives and groups (pcmk__primitive_assign,
pcmk__group_assign in 2.1.5); clones are in clones.py, colocation scoring in colocation.py.
"""

from __future__ import annotations

from typing import Optional

from ..cib.model import INFINITY
from . import clones, remote, utilization
from .colocation import add_dependent_scores, apply_this_with
from .placement import compare_balanced, insert_sorted, node_usable, sorted_nodes
from .working import ROLE_RANK, Rsc, WorkingSet


def assign(ws: WorkingSet, rsc: Rsc, prefer: Optional[str] = None) -> Optional[str]:
    if rsc.kind == "group":
        return assign_group(ws, rsc, prefer)
    if rsc.kind == "clone":
        clones.assign_clone(ws, rsc, prefer)
        return None
    return assign_primitive(ws, rsc, prefer)


def assign_primitive(ws: WorkingSet, rsc: Rsc, prefer: Optional[str] = None) -> Optional[str]:
    if rsc.parent is not None and not rsc.parent.allocating and rsc.parent.provisional:
        assign(ws, rsc.parent, prefer)
    if not rsc.provisional:
        return rsc.assigned
    if rsc.allocating:
        return None
    rsc.allocating = True
    this_with = list(rsc.this_with)
    with_this = list(rsc.with_this)
    for rule in this_with:
        apply_this_with(ws, rule, rsc)
    for rule in with_this:
        add_dependent_scores(ws, rule, rsc)
    if rsc.next_role == "Stopped":
        for uname in ws.node_order:
            rsc.set_score(uname, -INFINITY, "target-role=Stopped" if rsc.next_role_reason == "target-role"
                          else f"next role Stopped ({rsc.next_role_reason or 'stopped'})")
    elif (rsc.next_role is not None and ROLE_RANK[rsc.next_role] > ROLE_RANK[rsc.role]
          and not ws.have_quorum and ws.no_quorum_policy == "freeze"):
        rsc.next_role = rsc.role
    ws.score_lines.append((rsc, dict(rsc.allowed)))
    if ws.stonith_enabled and not ws.have_stonith_resource:
        rsc.managed = False
    if not rsc.managed:
        rsc.next_role = rsc.role if rsc.role != "Unknown" else "Stopped"
        assign_to(ws, rsc, rsc.current_node(), force=True)
    elif ws.stop_all:
        assign_to(ws, rsc, None, force=True)
    elif rsc.provisional:
        assign_best_node(ws, rsc, prefer)
    rsc.allocating = False
    remote.connection_assigned(ws, rsc)
    return rsc.assigned


def assign_to(ws: WorkingSet, rsc: Rsc, uname: Optional[str], force: bool) -> None:
    """pcmk__assign_resource."""
    if rsc.kind != "primitive":
        for child in rsc.children:
            assign_to(ws, child, uname, force)
        rsc.provisional = False
        return
    if not force and uname is not None and (
            rsc.allowed.get(uname, 0) < 0 or not node_usable(ws, uname, rsc.allowed.get(uname, 0))):
        rsc.next_role = "Stopped"
        rsc.next_role_reason = "node availability"
        uname = None
    rsc.provisional = False
    rsc.assigned = uname
    if uname is None:
        if rsc.next_role is None or rsc.next_role != "Stopped":
            rsc.next_role = "Stopped"
            rsc.next_role_reason = rsc.next_role_reason or "node availability"
        return
    ws.nodes[uname].num_resources += 1
    utilization.consume(ws, rsc, uname)


def assign_best_node(ws: WorkingSet, rsc: Rsc, prefer: Optional[str]) -> None:
    prefer = utilization.ban_insufficient_capacity(ws, rsc, prefer)
    current = rsc.current_node()
    nodes = sorted_nodes(ws, rsc.allowed, current)
    chosen = None
    best = nodes[0] if nodes else None
    if prefer is not None and nodes:
        if prefer in rsc.allowed and rsc.allowed[prefer] >= rsc.allowed[best] and \
                node_usable(ws, prefer, rsc.allowed[prefer]):
            chosen = prefer
    if chosen is None and best is not None:
        chosen = best
        clone = rsc.clone_parent()
        unique_instance = clone is not None and clone.unique
        if not unique_instance and rsc.allowed[chosen] > 0 and ws.node_available(chosen) \
                and current is not None and node_usable(ws, current, rsc.allowed.get(current, -INFINITY)):
            for other in nodes[1:]:
                if rsc.allowed[other] != rsc.allowed[chosen] or not ws.node_available(other):
                    break
                if other == current:
                    chosen = other
    _note_capacity_guess(ws, rsc, chosen)
    if chosen is not None and chosen == best:
        _note_balanced_cycle(ws, rsc, nodes, current)
    assign_to(ws, rsc, chosen, force=False)


def _note_balanced_cycle(ws: WorkingSet, rsc: Rsc, nodes: list, current: Optional[str]) -> None:
    """Under `balanced`, the first node of the sort is 2.1.5's pick whatever the input order only
    when it beats every other usable node of the same score one to one; otherwise (capacities
    compared in a cycle) the pick is a guess."""
    if utilization.strategy(ws) != "balanced" or len(nodes) < 2:
        return
    best = nodes[0]
    rivals = [node for node in nodes[1:] if rsc.allowed.get(node) == rsc.allowed[best]
              and node_usable(ws, node, rsc.allowed[node])]
    if node_usable(ws, best, rsc.allowed[best]) and any(
            compare_balanced(ws, rsc.allowed, current, best, node) >= 0 for node in rivals):
        ws.guesses.append(f"{BALANCED_CYCLE}: {rsc.id} on {best} or {', '.join(rivals)}")


BALANCED_CYCLE = "balanced capacities compared in a cycle"


def _note_capacity_guess(ws: WorkingSet, rsc: Rsc, chosen: Optional[str]) -> None:
    """Where nothing fits `rsc` with what must go with it, 2.1.5 prefers the most capable node;
    which of equally capable nodes it takes is not modelled (measured against the real
    crm_simulate it is neither node-name nor hash-table order), so a choice it decided is a guess."""
    if chosen is None or chosen not in rsc.capacity_tie:
        return
    rivals = [node for node in rsc.capacity_tie if node != chosen and rsc.allowed.get(node) == rsc.allowed[chosen]
              and node_usable(ws, node, rsc.allowed[node])]
    if rivals:
        ws.guesses.append(f"{rsc.id}: {chosen} or {', '.join(rivals)} (equally capable, nothing fits)")


# ---------------------------------------------------------------- groups

def assign_group(ws: WorkingSet, rsc: Rsc, prefer: Optional[str] = None) -> Optional[str]:
    if not rsc.provisional:
        return rsc.assigned
    if rsc.allocating:
        return None
    if not rsc.children:
        rsc.provisional = False
        return None
    rsc.allocating = True
    # the group's own colocations are handled by its first member (as dependent)
    # and its last member (as primary), as Pacemaker 2.1.5's group allocation does
    first, last = rsc.children[0], rsc.children[-1]
    mandatory = [rule for rule in rsc.this_with if rule.score >= INFINITY] if rsc.parent is None else []
    for rule in rsc.this_with:     # kept sorted by the primary's priority, as each colocation is
        insert_sorted(first.this_with, rule, lambda r: r.primary)
    last.with_this.extend(rsc.with_this)
    rsc.this_with, rsc.with_this = [], []
    ws.score_lines.append((rsc, dict(rsc.allowed)))
    for child in rsc.children:
        ws.score_lines.append((child, dict(child.allowed), "group"))
    first_node = None
    for index, member in enumerate(rsc.children):
        if index and any(not earlier.managed for earlier in rsc.children[:index]):
            # pcmk__group_with_colocations: an unmanaged earlier member breaks the chain of
            # internal colocations, so the group's mandatory ones apply to this member too
            # (not done for a cloned group: "@TODO Add mandatory clone constraints if cloned")
            for rule in mandatory:
                if rule not in member.this_with:
                    insert_sorted(member.this_with, rule, lambda r: r.primary)
        node = assign_primitive(ws, member, prefer)
        if first_node is None:
            first_node = node
    rsc.next_role = rsc.children[0].next_role
    rsc.allocating = False
    rsc.provisional = False
    rsc.assigned = first_node
    return first_node


