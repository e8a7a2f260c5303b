"""Clone instances: how many, on which nodes, in which order (pcmk__clone_allocate and
distribute_children in 2.1.5).
"""

from __future__ import annotations

from functools import cmp_to_key
from typing import Optional

from ..cib.model import INFINITY
from . import assign as assignment
from . import promotable, utilization
from .colocation import add_colocated_node_scores, placed_node
from .placement import has_influence, node_usable, resource_location
from .unpack import clone_max, clone_node_max
from .working import ColocationRule, Rsc, WorkingSet


def _instance_node(rsc: Rsc) -> Optional[str]:
    for prim in rsc.primitives():
        if prim.running_on:
            return prim.running_on[0]
    return None


def _instance_failed(rsc: Rsc) -> bool:
    return any(p.failed for p in rsc.primitives())


def _can_run_instance(ws: WorkingSet, clone: Rsc, instance: Rsc, counts: dict, limit: int) -> None:
    for uname in list(instance.allowed):
        parent_score = clone.allowed.get(uname)
        if not ws.node_available(uname) or instance.orphan or parent_score is None:
            _update_score(instance, uname, -INFINITY, "node cannot run clone instances")
        elif parent_score < 0:
            _update_score(instance, uname, parent_score, f"clone {clone.id} score")
        elif counts.get(uname, 0) >= limit:
            _update_score(instance, uname, -INFINITY, f"clone-node-max {limit} reached")


def _update_score(rsc: Rsc, uname: str, value: int, source: str) -> None:
    for child in rsc.children:
        _update_score(child, uname, value, source)
    if uname in rsc.allowed:
        rsc.set_score(uname, value, source)


def _assign_instance(ws: WorkingSet, clone: Rsc, instance: Rsc, prefer: Optional[str], counts: dict,
                     limit: int, all_coloc: bool) -> bool:
    if not instance.provisional:
        return placed_node(instance) is not None
    if instance.allocating:
        return False
    for rule in clone.this_with:
        if all_coloc or rule.score < 0 or rule.score == INFINITY:
            _inherit(instance, rule, "this_with")
    for rule in clone.with_this:
        if has_influence(rule, instance) and (all_coloc or rule.score < 0):
            _inherit(instance, rule, "with_this")
    if prefer is not None:
        if instance.allowed.get(prefer) is None or instance.allowed.get(prefer, 0) < 0:
            return False
    _can_run_instance(ws, clone, instance, counts, limit)
    backup = _snapshot(instance)
    chosen = assignment.assign(ws, instance, prefer)
    if instance.kind == "group":
        chosen = placed_node(instance)
    if chosen is not None and prefer is not None and chosen != prefer:
        if instance.kind == "group":
            # 2.1.5's rollback (native_deallocate of the group) leaves a cloned group's members
            # where they were just placed, uncounted: not-reschedule-unneeded-monitor with
            # resource-stickiness=0 swaps its two instances ("Not pre-allocating vm1:0 to kimball")
            instance.allowed = backup[0][1]
            return False
        _restore(ws, instance, backup)
        chosen = None
    if chosen is not None:
        counts[chosen] = counts.get(chosen, 0) + 1
    return chosen is not None


def _inherit(instance: Rsc, rule: ColocationRule, direction: str) -> None:
    targets = [instance] if instance.kind == "primitive" else instance.children[:1]
    for target in targets:
        bucket = target.this_with if direction == "this_with" else target.with_this
        if rule not in bucket:
            bucket.insert(0, rule)


def _snapshot(rsc: Rsc):
    return [(p, dict(p.allowed), {k: list(v) for k, v in p.why.items()}) for p in _all(rsc)]


def _all(rsc: Rsc):
    yield rsc
    for child in rsc.children:
        yield from _all(child)


def _restore(ws: WorkingSet, rsc: Rsc, backup) -> None:
    for item, allowed, why in backup:
        item.allowed, item.why = allowed, why
        if item.kind == "primitive" and item.assigned is not None:
            ws.nodes[item.assigned].num_resources -= 1
            utilization.release(ws, item, item.assigned)
        item.assigned = None
        item.provisional = True
        if item.next_role_reason == "node availability":
            item.next_role = None
            item.next_role_reason = None


def assign_clone(ws: WorkingSet, rsc: Rsc, prefer: Optional[str] = None) -> None:
    if not rsc.provisional or rsc.allocating:
        return
    if rsc.promotable:
        promotable.add_promotion_scores(ws, rsc)
    rsc.allocating = True
    for rule in rsc.this_with:
        assignment.assign(ws, rule.primary, prefer)
    for rule in rsc.with_this:
        if has_influence(rule):
            merged = add_colocated_node_scores(ws, rule.dependent, rsc.allowed, rule.node_attribute,
                                               rule.score / INFINITY, True, True)
            if merged is not None:
                rsc.allowed = merged
    ws.score_lines.append((rsc, dict(rsc.allowed), "clone"))
    for child in rsc.children:
        for prim in _all(child):
            ws.score_lines.append((prim, dict(prim.allowed), "clone"))
    if rsc.promotable:
        instances = sorted(rsc.children, key=lambda c: _instance_order(ws, rsc, c))
    else:
        def compare(a: Rsc, b: Rsc) -> int:
            return _compare_instances(ws, rsc, a, b)
        instances = sorted(rsc.children, key=cmp_to_key(compare))
    limit = clone_node_max(rsc)
    maximum = clone_max(rsc, ws)
    available = sum(1 for u in rsc.allowed if ws.node_available(u))
    all_coloc = maximum < available
    loop_max = max(1, maximum // available) if available else 1
    counts: dict = {}
    assigned = 0
    for instance in instances:
        if assigned >= maximum:
            break
        current = _instance_node(instance)
        # a failed primitive instance is placed afresh; a cloned group is not marked failed itself
        if current is None or not instance.provisional or (instance.kind == "primitive" and instance.failed):
            continue
        if not node_usable(ws, current, rsc.allowed.get(current, -INFINITY)):
            continue
        if counts.get(current, 0) >= loop_max:
            continue
        if _assign_instance(ws, rsc, instance, current, counts, limit, all_coloc):
            assigned += 1
    for instance in instances:
        if not instance.provisional:
            continue
        if assigned >= maximum:
            resource_location(instance, None, -INFINITY, "clone-max reached", ws)
            assignment.assign_to(ws, instance, None, force=True)
            continue
        if _assign_instance(ws, rsc, instance, None, counts, limit, all_coloc):
            assigned += 1
    rsc.allocating = False
    rsc.provisional = False
    if rsc.promotable:
        promotable.set_instance_roles(ws, rsc, instances)


def _active_nodes(rsc: Rsc) -> list:
    nodes: list = []
    for prim in rsc.primitives():
        nodes += [node for node in prim.running_on if node not in nodes]
    return nodes


def _compare_instances(ws: WorkingSet, clone: Rsc, a: Rsc, b: Rsc) -> int:
    """sort_clone_instance (2.1.5): the order instances are placed in. An instance active
    where its own scores still allow it comes first; one active where it may no longer run
    ranks with the inactive ones, after them (a stable sort keeps the rest in instance order):
    it stops there and an inactive instance starts elsewhere."""
    nodes_a, nodes_b = _active_nodes(a), _active_nodes(b)
    if nodes_a and nodes_b and len(nodes_a) != len(nodes_b):
        return -1 if len(nodes_a) < len(nodes_b) else 1    # the less multiply-active first
    node_a = _usable_current(a, nodes_a)
    node_b = _usable_current(b, nodes_b)
    can_a = node_a is not None or not nodes_a
    can_b = node_b is not None or not nodes_b
    if can_a != can_b:
        return -1 if can_a else 1
    if node_a is None or node_b is None:
        return 0 if node_a is node_b else (1 if node_a is None else -1)
    for better_a, better_b in (
            (ws.node_available(node_a), ws.node_available(node_b)),
            (node_a in clone.allowed, node_b in clone.allowed),
            (not _instance_failed(a), not _instance_failed(b))):
        if better_a != better_b:
            return -1 if better_a else 1
    weight_a, weight_b = _colocated_weight(ws, clone, node_a), _colocated_weight(ws, clone, node_b)
    if weight_a != weight_b:
        return -1 if weight_a > weight_b else 1
    return (a.id > b.id) - (a.id < b.id)


def _current_weight(ws: WorkingSet, clone: Rsc, uname: str) -> int:
    """cmp_instance_by_colocation starts from the current node's own weight, which unpacking set
    to -INFINITY for a node that is offline or shutting down (promoted-8 with a node in standby:
    the instance on the standby node is placed before the one on the unclean node)."""
    node = ws.nodes.get(uname)
    if node is None or not node.online or node.shutdown:
        return -INFINITY
    return clone.allowed.get(uname, -INFINITY)


def _colocated_weight(ws: WorkingSet, clone: Rsc, uname: str) -> int:
    """cmp_instance_by_colocation: the current node's weight with the clone's own colocations folded
    in (apply_parent_colocations: each primary's score there, scaled, whatever the colocation's
    roles; migrate-fencing with master-1's Unpromoted role colocated 100 with rsc_pcmk-2: real
    places the instance on pcmk-2 first, so of instances tied on promotion score it is promoted).
    The colocations with the clone are in its own weight already (assign_clone merges them)."""
    table = {uname: _current_weight(ws, clone, uname)}
    for rule in clone.this_with:
        if rule.score == 0:
            continue
        merged = add_colocated_node_scores(ws, rule.primary, table, rule.node_attribute, rule.score / INFINITY,
                                           False, False)
        if merged is not None:
            table = merged
    return table[uname]


def _usable_current(instance: Rsc, active_on: list) -> Optional[str]:
    """The instance's current node, if its own scores there are not negative."""
    if not active_on:
        return None
    score = instance.allowed.get(active_on[0])
    if instance.kind != "primitive" and instance.children:
        score = instance.children[0].allowed.get(active_on[0])
    return active_on[0] if score is not None and score >= 0 else None


def _instance_order(ws: WorkingSet, clone: Rsc, instance: Rsc):
    """A promotable clone's instances: promotion scores raise an instance's priority, which
    ranks before being active; then active instances (on a node that can run them first,
    failed last)."""
    current = _instance_node(instance)
    weight = _colocated_weight(ws, clone, current) if current is not None else -INFINITY
    number = int(instance.id.rsplit(":", 1)[1]) if ":" in instance.id else 0
    disallowed = current is not None and instance.allowed.get(current, -INFINITY) < 0
    first = (1 if disallowed else 0, -instance.promotion_priority)
    if current is None or disallowed:
        return first + (1,)
    available = 0 if ws.node_available(current) else 1
    return first + (0, available, 1 if _instance_failed(instance) else 0, -weight, number)


# ---------------------------------------------------------------- probes

def prober(rsc: Rsc, node: str) -> Rsc:
    """An anonymous clone is probed once per node (probe_anonymous_clone): by the instance known
    there, else the one placed there (a cloned group's instance is where all its placed members
    are: native_location), else the first."""
    clone = rsc.clone_parent()
    if clone is None or clone.unique:
        return rsc
    same = [p for child in clone.children for p in child.primitives() if p.base_id == rsc.base_id and not p.orphan]

    def members(p: Rsc) -> list:   # of the clone's instance p belongs to
        return list(p.parent.primitives()) if p.parent is not None and p.parent is not clone else [p]
    return next((p for p in same if any(node in m.known_on for m in members(p))),
                next((p for p in same if {m.assigned for m in members(p)} - {None} == {node}), same[0] if same else rsc))


def known_on(rsc: Rsc) -> set:
    """Where the resource's state is known; an anonymous clone's instances share one history."""
    clone = rsc.clone_parent()
    if clone is None or clone.unique:
        return rsc.known_on
    return {node for child in clone.children for p in child.primitives() if p.base_id == rsc.base_id
            for node in p.known_on}
