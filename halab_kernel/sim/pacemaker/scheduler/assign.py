"""Assigning resources to nodes: primitives, groups and clone instances
(pcmk__primitive_assign, pcmk__group_assign, pcmk__clone_allocate in 2.1.5).
"""

from __future__ import annotations

from typing import Optional

from ..cib.model import INFINITY
from ..cib.scores import add_scores
from .placement import (INFINITY_HACK, any_node_available, has_influence, node_attribute,
                        node_usable, resource_location, sorted_nodes)
from .unpack import clone_max, clone_node_max
from .working import ROLE_RANK, ColocationRule, Contribution, Rsc, WorkingSet


def assign(ws: WorkingSet, rsc: Rsc, prefer: Optional[str] = None) -> Optional[str]:
    if rsc.kind == "group":
        return assign_group(ws, rsc, prefer)
    if rsc.kind == "clone":
        assign_clone(ws, rsc, prefer)
        return None
    return assign_primitive(ws, rsc, prefer)


def _mandatory(rule: ColocationRule) -> bool:
    return rule.score >= INFINITY or rule.score <= -INFINITY


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


def assign_best_node(ws: WorkingSet, rsc: Rsc, prefer: Optional[str]) -> None:
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
    assign_to(ws, rsc, chosen, force=False)


# ---------------------------------------------------------------- colocation

def apply_this_with(ws: WorkingSet, rule: ColocationRule, rsc: Rsc) -> None:
    """Apply a colocation where `rsc` is the dependent (primary assigned first)."""
    primary = rule.primary
    archive = None
    if (rule.dependent_role and ROLE_RANK[rule.dependent_role] >= ROLE_RANK["Promoted"]) or \
            (-INFINITY < rule.score < 0):
        archive = (dict(rsc.allowed), {k: list(v) for k, v in rsc.why.items()})
    if primary.provisional:
        assign(ws, primary)
    apply_coloc_score(ws, rsc, primary, rule)
    if archive is not None and not any_node_available(ws, rsc.allowed):
        rsc.allowed, rsc.why = archive


def _primary_nodes(primary: Rsc) -> list:
    """Where the primary is placed: its node, or every node of a clone's instances."""
    if primary.kind == "clone":
        nodes = []
        for child in primary.children:
            node = _placed_node(child)
            if node is not None and node not in nodes:
                nodes.append(node)
        return nodes
    node = _placed_node(primary)
    return [node] if node is not None else []


def _placed_node(rsc: Rsc) -> Optional[str]:
    if rsc.kind == "primitive":
        return rsc.assigned
    if rsc.kind == "group":
        if not rsc.children:
            return None
        return _placed_node(rsc.children[0])
    return None


def apply_coloc_score(ws: WorkingSet, dependent: Rsc, primary: Rsc, rule: ColocationRule) -> None:
    """pcmk__apply_coloc_to_weights (dependent is being assigned, primary already is)."""
    if primary.provisional and primary.kind != "clone":
        return
    if primary.kind == "group" and primary.children:
        primary = primary.children[-1] if rule.score >= INFINITY else primary.children[0]
    if rule.score > 0 and rule.dependent_role and dependent.next_role and rule.dependent_role != dependent.next_role:
        return
    if rule.score > 0 and rule.primary_role and primary.next_role and rule.primary_role != primary.next_role:
        return
    attribute = rule.node_attribute
    label = f"colocation {rule.id} with {rule.primary.id}"
    if primary.kind == "clone" and _interleaved(rule, primary):
        instance = _compatible_instance(ws, dependent, primary)
        if instance is None:
            if rule.score >= INFINITY:
                for uname in list(dependent.allowed):
                    dependent.set_score(uname, -INFINITY, f"{label} (no instance to pair with)")
            return
        primary = instance
    if primary.kind == "clone" and rule.score >= INFINITY:
        nodes = _primary_nodes(primary)
        for uname in list(dependent.allowed):
            values = {node_attribute(ws, n, attribute) for n in nodes}
            if node_attribute(ws, uname, attribute) not in values or not nodes:
                dependent.set_score(uname, -INFINITY, f"{label} (no instance there)")
        return
    placed = _primary_nodes(primary)
    work = dict(dependent.allowed)
    notes: dict = {}
    values = {node_attribute(ws, n, attribute) for n in placed}
    for uname in work:
        if not placed:
            work[uname] = add_scores(-rule.score, work[uname])
            notes[uname] = Contribution(f"{label} (primary inactive)", -rule.score)
        elif node_attribute(ws, uname, attribute) in values:
            if rule.score < INFINITY:
                count = 1
                if primary.kind == "clone":
                    count = sum(1 for n in placed if node_attribute(ws, n, attribute) ==
                                node_attribute(ws, uname, attribute))
                for _ in range(count):
                    work[uname] = add_scores(rule.score, work[uname])
                notes[uname] = Contribution(label, rule.score)
        elif rule.score >= INFINITY:
            work[uname] = -INFINITY
            notes[uname] = Contribution(f"{label} (not where it runs)", -INFINITY, absolute=True)
    if _mandatory(rule) or any_node_available(ws, work):
        dependent.allowed = work
        for uname, note in notes.items():
            dependent.why.setdefault(uname, []).append(note)


def _interleaved(rule: ColocationRule, primary: Rsc) -> bool:
    """Clone-with-clone colocations pair instances node by node when `interleave` is set."""
    dependent = rule.dependent
    if dependent.kind != "clone":
        return False
    if (dependent.meta.get("interleave") or "").strip().lower() not in ("true", "yes", "on", "1", "y"):
        return False
    return clone_node_max(dependent) == clone_node_max(primary)


def _compatible_instance(ws: WorkingSet, dependent: Rsc, primary: Rsc) -> Optional[Rsc]:
    """find_compatible_child: the primary instance on the dependent's node, or on its best node."""
    if not dependent.provisional:
        candidates = [dependent.assigned] if dependent.assigned else []
    else:
        candidates = sorted_nodes(ws, dependent.allowed, None)
    for uname in candidates:
        for child in primary.children:
            if _placed_node(child) == uname:
                return child
    return None


def add_dependent_scores(ws: WorkingSet, rule: ColocationRule, rsc: Rsc) -> None:
    """pcmk__add_dependent_scores: the primary leans towards its dependents' preferred nodes."""
    if not has_influence(rule):
        return
    factor = rule.score / INFINITY
    only_positive = rsc.kind == "clone"
    merged = add_colocated_node_scores(ws, rule.dependent, rsc.allowed, rule.node_attribute,
                                       factor, only_positive, active=True)
    if merged is not None:
        for uname, value in merged.items():
            delta = value - rsc.allowed.get(uname, 0)
            if value != rsc.allowed.get(uname):
                rsc.why.setdefault(uname, []).append(Contribution(
                    f"colocation {rule.id}: {rule.dependent.id} prefers it", value, absolute=True)
                    if abs(value) >= INFINITY else Contribution(
                    f"colocation {rule.id}: {rule.dependent.id} prefers it", delta))
        rsc.allowed = merged


def _best_score_matching(ws: WorkingSet, rsc: Rsc, attribute: str, value) -> int:
    best = -INFINITY
    for uname, score in rsc.allowed.items():
        if score > best and ws.node_available(uname) and node_attribute(ws, uname, attribute) == value:
            best = score
    return best


def add_colocated_node_scores(ws: WorkingSet, rsc: Rsc, nodes: Optional[dict], attribute: str,
                              factor: float, only_positive: bool, active: bool) -> Optional[dict]:
    """pcmk__native_merge_weights: fold a colocated resource's node scores, scaled by
    `factor`, into `nodes`, following its own dependents in turn. None: no change."""
    if rsc.merging:
        return None
    if rsc.kind == "group":
        if not rsc.children:
            return None
        rsc.merging = True
        work = add_colocated_node_scores(ws, rsc.children[0], nodes, attribute, factor,
                                         only_positive, active)
        work = nodes if work is None else work
        for rule in rsc.with_this:
            merged = add_colocated_node_scores(ws, rule.dependent, work, rule.node_attribute,
                                               factor * rule.score / INFINITY, only_positive, active)
            if merged is not None:
                work = merged
        rsc.merging = False
        return work
    rsc.merging = True
    if nodes is None:
        work = dict(rsc.allowed)
    else:
        work = dict(nodes)
        for uname in list(work):
            score = _best_score_matching(ws, rsc, attribute, node_attribute(ws, uname, attribute))
            if factor < 0 and score < 0:
                continue   # an anti-colocated dependent's dislikes are no reason to go there
            weight_f = factor * score
            weight = int(weight_f - 0.5) if weight_f < 0 else int(weight_f + 0.5)
            if weight == 0 and score != 0:
                weight = 1 if factor > 0 else (-1 if factor < 0 else 0)
            new_score = add_scores(weight, work[uname])
            if only_positive and new_score < 0 and work[uname] > 0:
                work[uname] = INFINITY_HACK
                continue
            if only_positive and new_score < 0 and work[uname] == 0:
                continue
            work[uname] = new_score
    if any_node_available(ws, work):
        sign = -1 if factor < 0 else 1
        for rule in rsc.with_this:
            if not has_influence(rule):
                continue
            merged = add_colocated_node_scores(ws, rule.dependent, work, rule.node_attribute,
                                               sign * rule.score / INFINITY, only_positive, True)
            if merged is not None:
                work = merged
    elif active:
        rsc.merging = False
        return None
    if only_positive:
        for uname, score in work.items():
            if score == INFINITY_HACK:
                work[uname] = 1
    rsc.merging = False
    return work


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
    first.this_with.extend(rsc.this_with)
    last.with_this.extend(rsc.with_this)
    rsc.this_with, rsc.with_this = [], []
    ws.score_lines.append((rsc, dict(rsc.allowed)))
    for child in rsc.children:
        ws.score_lines.append((child, dict(child.allowed), "group"))
    first_node = None
    for member in rsc.children:
        node = assign_primitive(ws, member, prefer)
        if first_node is None:
            first_node = node
    rsc.next_role = rsc.children[0].next_role
    rsc.allocating = False
    rsc.provisional = False
    rsc.assigned = first_node
    return first_node


# ---------------------------------------------------------------- clones

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
        return _placed_node(instance) is not None
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
    chosen = assign(ws, instance, prefer)
    if instance.kind == "group":
        chosen = _placed_node(instance)
    if chosen is not None and prefer is not None and chosen != prefer:
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
        item.assigned = None
        item.provisional = True
        if item.next_role_reason == "node availability":
            item.next_role = None
            item.next_role_reason = None


def assign_clone(ws: WorkingSet, rsc: Rsc, prefer: Optional[str] = None) -> None:
    if not rsc.provisional or rsc.allocating:
        return
    rsc.allocating = True
    for rule in rsc.this_with:
        assign(ws, rule.primary, prefer)
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
    instances = sorted(rsc.children, key=lambda c: _instance_order(ws, rsc, c))
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
        if current is None or not instance.provisional or _instance_failed(instance):
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
            assign_to(ws, instance, None, force=True)
            continue
        if _assign_instance(ws, rsc, instance, None, counts, limit, all_coloc):
            assigned += 1
    rsc.allocating = False
    rsc.provisional = False


def _instance_order(ws: WorkingSet, clone: Rsc, instance: Rsc):
    current = _instance_node(instance)
    usable = current is not None and ws.node_available(current)
    weight = clone.allowed.get(current, -INFINITY) if usable else -INFINITY
    number = int(instance.id.rsplit(":", 1)[1]) if ":" in instance.id else 0
    return (0 if usable else 1, 1 if _instance_failed(instance) else 0, -weight, number)
