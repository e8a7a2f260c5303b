"""Utilization and placement strategies (placement-strategy: default, utilization, minimal, balanced).

As Pacemaker 2.1.5 does it (pcmk_sched_utilization.c, compare_nodes): each node
offers a capacity (`<utilization>` of the node), each resource asks for some;
assigning a resource consumes capacity. With any strategy but `default`, a
resource (with the not yet assigned resources colocated with it) is banned
from nodes that cannot hold it; `balanced` also prefers, among equal scores,
the node with more capacity left, and `minimal` ignores how many resources a
node already has, so resources pack onto the first nodes.
"""

from __future__ import annotations

import re
from typing import Optional

from halab_kernel.values import is_true

from ..cib.model import INFINITY
from .working import Rsc, WorkingSet


def strategy(ws: WorkingSet) -> str:
    return (ws.properties.get("placement-strategy") or "default").lower()


def value(text: Optional[str]) -> int:
    """utilization_value: an integer (leading digits, as strtol), 0 when unreadable."""
    match = re.match(r"\s*([+-]?\d+)", text or "")
    return int(match.group(1)) if match else 0


def demand(rsc: Rsc) -> dict:
    """What a primitive asks of a node (its `<utilization>`)."""
    return dict(rsc.config.utilization) if rsc.kind == "primitive" and rsc.config is not None else {}


def consume(ws: WorkingSet, rsc: Rsc, uname: str) -> None:
    """pcmk__consume_node_capacity: an assigned primitive uses up its share of the node."""
    capacity = ws.nodes[uname].capacity
    for name, amount in demand(rsc).items():
        capacity[name] = str(value(capacity.get(name)) - value(amount)) if name in capacity else "0"


def release(ws: WorkingSet, rsc: Rsc, uname: str) -> None:
    """pcmk__release_node_capacity: an unassigned primitive gives its share back."""
    capacity = ws.nodes[uname].capacity
    for name, amount in demand(rsc).items():
        capacity[name] = str(value(capacity.get(name)) + value(amount))


def compare_capacities(ws: WorkingSet, first: str, second: str) -> int:
    """pcmk__compare_node_capacities: negative when `first` has more capacity left, attribute by attribute."""
    one, two = ws.nodes[first].capacity, ws.nodes[second].capacity
    result = 0
    for name in list(one) + [n for n in two if n not in one]:
        a, b = value(one.get(name)), value(two.get(name))
        result += -1 if a > b else 1 if a < b else 0
    return result


def _enough(ws: WorkingSet, uname: str, needed: dict) -> bool:
    capacity = ws.nodes[uname].capacity
    return all(value(amount) <= value(capacity.get(name)) for name, amount in needed.items())


def _colocated(rsc: Rsc, origin: Rsc, found: list) -> list:
    """pcmk__colocated_resources: resources tied to `rsc` by mandatory colocations, transitively."""
    if rsc in found:
        return found
    found.append(rsc)
    if rsc.kind == "group" and rsc.children:
        for member in rsc.children:
            _colocated(member, origin, found)
    for rule in rsc.this_with:
        if rule.primary is not origin and rule.score >= INFINITY and _affects_location(rule):
            _colocated(rule.primary, origin, found)
    for rule in rsc.with_this:
        if rule.dependent is origin or (rsc.kind == "clone" and rule.dependent.kind != "clone"):
            continue
        if rule.score >= INFINITY and _affects_location(rule):
            _colocated(rule.dependent, origin, found)
    return found


def _affects_location(rule) -> bool:
    return rule.dependent_role in (None, "Started") and rule.primary_role in (None, "Started")


def _add_unassigned(total: dict, rsc: Rsc, listed: list) -> None:
    """add_unallocated_utilization: what a not yet assigned resource will still need."""
    if not rsc.provisional:
        return
    if rsc.kind == "primitive":
        for name, amount in demand(rsc).items():
            total[name] = str(value(total.get(name)) + value(amount))
    elif rsc.kind == "group":
        members = rsc.children if _group_colocated(rsc) else rsc.children[:1]
        for member in members:
            if member.provisional and member not in listed:
                _add_unassigned(total, member, listed)
    elif rsc.kind == "clone" and rsc.children:
        existing = False
        for child in rsc.children:
            if child in listed:
                existing = True
            elif any(grandchild in listed for grandchild in child.children):
                _add_unassigned(total, child, listed)
                existing = True
        if not existing:
            _add_unassigned(total, rsc.children[0], listed)


def _group_colocated(group: Rsc) -> bool:
    flag = group.meta.get("collocated", group.meta.get("colocated"))
    return is_true(flag, True) or \
        (group.parent is not None and group.parent.kind == "clone")


def ban_insufficient_capacity(ws: WorkingSet, rsc: Rsc, prefer: Optional[str]) -> Optional[str]:
    """pcmk__ban_insufficient_capacity: -INFINITY where `rsc` (and what must go with it) does not
    fit; when nowhere fits all, where `rsc` alone does not, preferring the most capable node.
    Returns the node to prefer."""
    if strategy(ws) == "default":
        return prefer
    listed = _colocated(rsc, rsc, [])
    needed: dict = {}
    for member in listed:
        _add_unassigned(needed, member, listed)
    usable = [u for u, score in rsc.allowed.items() if u in ws.nodes and ws.node_available(u) and score >= 0]
    any_capable = any(_enough(ws, u, needed) for u in usable)
    most_capable = None
    for uname in usable:   # of equally capable nodes any: a choice that matters is a guess (assign.py)
        if most_capable is None or compare_capacities(ws, uname, most_capable) < 0:
            most_capable = uname
    if any_capable:
        banned = [u for u in usable if not _enough(ws, u, needed)]
    else:
        banned = [u for u in usable if not _enough(ws, u, demand(rsc))]
        if prefer is None and most_capable is not None:
            rsc.capacity_tie = tuple(u for u in usable if compare_capacities(ws, u, most_capable) == 0
                                     and compare_capacities(ws, most_capable, u) == 0)
        prefer = prefer or most_capable
    for uname in banned:
        rsc.add_score(uname, -INFINITY, "not enough capacity (utilization)")
    return prefer
