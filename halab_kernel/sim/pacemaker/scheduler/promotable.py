"""Promotable clones: which instances are promoted (pcmk_sched_promotable.c in 2.1.5).

Placement first puts the instances on nodes like any clone (promotion scores already
count there, so an instance goes where it may be promoted). Then every placed instance
gets a promotion priority: its `master-<rsc>` node attribute (set by the agent through
crm_master / `crm_attribute --promotion`; -1 when there is none, so nothing is promoted
without a score or a constraint), plus `role=Promoted` location scores for its node,
plus role colocations. Instances are ranked by that priority (merged with the clone's
colocations with promoted roles), and the first `promoted-max` that may be promoted on
their node (`promoted-node-max` per node) are; the others are unpromoted.
"""

from __future__ import annotations

from typing import Optional

from ..cib.model import INFINITY
from ..cib.scores import add_scores
from . import options
from . import colocation
from .placement import has_influence, node_attribute
from .working import ROLE_RANK, ColocationRule, Rsc, WorkingSet


def promoted_max(clone: Rsc) -> int:
    return options.score_or(clone.meta.get("promoted-max", clone.meta.get("master-max")), 1)


def promoted_node_max(clone: Rsc) -> int:
    return options.score_or(clone.meta.get("promoted-node-max", clone.meta.get("master-node-max")), 1)


# ---------------------------------------------------------------- promotion scores

def _active_instance(clone: Rsc, base: str, uname: str) -> Optional[Rsc]:
    for child in clone.children:
        for prim in child.primitives():
            if prim.base_id == base and uname in prim.running_on:
                return prim
    return None


def _score_applies(ws: WorkingSet, rsc: Rsc, uname: str) -> bool:
    """promotion_score_applies: an anonymous instance's score counts where it is active, or
    where no instance is active but one was probed; otherwise where this instance is known
    (or everywhere, while it is known nowhere)."""
    clone = rsc.clone_parent()
    allowed = rsc.allowed.get(uname) is not None and rsc.allowed[uname] >= 0
    if not rsc.unique and clone is not None:
        active = _active_instance(clone, rsc.base_id, uname)
        if active is rsc:
            return allowed
        if active is None and any(uname in p.known_on for c in clone.children for p in c.primitives()
                                  if p.base_id == rsc.base_id):
            return allowed
    if not rsc.running_on and not rsc.known_on:
        return allowed
    if uname in rsc.known_on or uname in rsc.running_on:
        return allowed
    return False


def promotion_score(ws: WorkingSet, rsc: Rsc, uname: str) -> Optional[int]:
    """The instance's promotion score on a node; None when no score is set there."""
    if rsc.kind != "primitive":
        found = [promotion_score(ws, child, uname) for child in rsc.children]
        return None if all(v is None for v in found) else sum(v or 0 for v in found)
    if not _score_applies(ws, rsc, uname):
        return None
    attributes = ws.nodes[uname].attributes
    # a unique instance needs its own score; an anonymous one falls back on its base name
    for name in (rsc.clone_name or rsc.id,) + (() if rsc.unique else (rsc.base_id,)):
        value = attributes.get(f"master-{name}")
        if value is not None:
            return options.score_or(value, 0)
    return None


def add_promotion_scores(ws: WorkingSet, clone: Rsc) -> None:
    """pcmk__add_promotion_scores: instances lean towards nodes where they may be promoted."""
    for child in clone.children:
        child.promotion_priority = child.priority
        for uname in list(child.allowed):
            if not ws.node_available(uname):
                continue
            score = promotion_score(ws, child, uname) or 0
            if score > 0:
                child.add_score(uname, score, f"promotion score {score}")
            child.promotion_priority = max(child.promotion_priority, score)


# ---------------------------------------------------------------- choosing roles

def set_instance_roles(ws: WorkingSet, clone: Rsc, instances: list) -> None:
    """pcmk__set_instance_roles: rank the placed instances and promote the first eligible ones."""
    for instance in instances:
        _set_priority(ws, clone, instance)
    ranked = _rank(ws, clone, instances)
    per_node: dict = {}
    promoted = 0
    for instance in ranked:
        ws.score_lines.append((instance, {colocation.placed_node(instance): instance.sort_index}, "promotion"))
        chosen = None
        if instance.sort_index >= 0 and (promoted < promoted_max(clone) or not clone.managed):
            chosen = _promotion_node(ws, clone, instance, per_node)
        if chosen is None or (_current_role(instance) != "Promoted" and not ws.have_quorum
                              and ws.no_quorum_policy == "freeze"):
            _set_next_role(instance, None)
            continue
        per_node[chosen] = per_node.get(chosen, 0) + 1
        _set_next_role(instance, "Promoted")
        promoted += 1


def _set_next_role(rsc: Rsc, role: Optional[str]) -> None:
    for prim in rsc.primitives():
        if role == "Promoted":
            if prim.next_role is None:
                prim.next_role, prim.next_role_reason = "Promoted", "promoted instance"
        else:
            prim.next_role = "Unpromoted" if prim.assigned else "Stopped"
            prim.next_role_reason = "unpromoted instance"
    rsc.next_role = rsc.children[0].next_role if rsc.kind == "group" and rsc.children else rsc.next_role


def _next_role(rsc: Rsc) -> Optional[str]:
    return rsc.next_role if rsc.kind == "primitive" else (rsc.children[0].next_role if rsc.children else None)


def _set_priority(ws: WorkingSet, clone: Rsc, instance: Rsc) -> None:
    chosen = colocation.placed_node(instance)
    if chosen is None:
        instance.sort_index = 0     # never ranked: an unplaced instance cannot be promoted
        return
    next_role = _next_role(instance)
    if next_role in (None, "Started"):
        score = promotion_score(ws, instance, chosen)
        instance.promotion_priority = -1 if score is None else score
    elif next_role in ("Unpromoted", "Stopped"):
        instance.promotion_priority = -INFINITY
    for rsc, scores in ws.promoted_locations:
        if (rsc is clone or rsc is instance) and chosen in scores:
            instance.promotion_priority = add_scores(instance.promotion_priority, scores[chosen])
    targets = [instance] if instance.kind == "primitive" else instance.children[:1]
    for rule in list(targets[0].this_with):
        if rule.dependent_role in ("Unpromoted", "Promoted"):
            _apply_role_colocation(ws, instance, chosen, rule)
    instance.sort_index = INFINITY if next_role == "Promoted" else instance.promotion_priority


def _apply_role_colocation(ws: WorkingSet, instance: Rsc, chosen: str, rule: ColocationRule) -> None:
    """A role colocation of an already placed instance moves its promotion priority."""
    primary = rule.primary
    if primary.provisional:
        return
    if primary.kind == "clone":
        if primary.promotable and rule.primary_role is not None:
            if rule.dependent_role != "Promoted":
                return
            partner = next((c for c in primary.children
                            if colocation.placed_node(c) == chosen and _next_role(c) == rule.primary_role), None)
            if partner is not None:
                instance.promotion_priority = add_scores(instance.promotion_priority, rule.score)
            elif rule.score >= INFINITY:
                instance.promotion_priority = -INFINITY
            return
        if colocation.interleaved(rule, primary):
            # interleaved: the primary's instance on the same node counts as the primary
            # (pcmk__clone_apply_coloc_score with pcmk__find_compatible_instance)
            partner = next((c for c in primary.children if colocation.placed_node(c) == chosen), None)
            if partner is None:
                return
            primary = partner
        elif rule.score >= INFINITY:
            return
        else:
            for child in primary.children:
                _colocation_to_priority(ws, instance, chosen, child, rule)
            return
    if primary.kind == "group" and primary.children:
        # colocate_with_group: a mandatory colocation follows the last member (the whole
        # group must be placeable), an optional one the first
        primary = primary.children[-1] if rule.score >= INFINITY else primary.children[0]
    _colocation_to_priority(ws, instance, chosen, primary, rule)


def _colocation_to_priority(ws: WorkingSet, instance: Rsc, chosen: str, primary: Rsc,
                            rule: ColocationRule) -> None:
    """pcmk__apply_coloc_to_priority."""
    where = colocation.placed_node(primary)
    if where is None:
        return
    attribute = rule.node_attribute
    if node_attribute(ws, chosen, attribute) != node_attribute(ws, where, attribute):
        if rule.score >= INFINITY and rule.dependent_role == "Promoted":
            instance.promotion_priority = -INFINITY
        return
    if rule.primary_role is not None and rule.primary_role != _next_role(primary):
        return
    factor = -1 if rule.dependent_role == "Unpromoted" else 1
    instance.promotion_priority = add_scores(factor * rule.score, instance.promotion_priority)


def _rank(ws: WorkingSet, clone: Rsc, instances: list) -> list:
    """promotion_order: add each instance's priority to its node's clone score, fold in the
    colocations of the promoted role, and rank instances by the resulting node score."""
    clone.merging = True
    for instance in instances:
        chosen = colocation.placed_node(instance)
        if chosen is not None and instance.sort_index >= 0 and chosen in clone.allowed:
            clone.allowed[chosen] = add_scores(instance.sort_index, clone.allowed[chosen])
    for rule in clone.this_with:
        if rule.dependent_role == "Promoted":
            merged = colocation.add_colocated_node_scores(ws, rule.primary, clone.allowed, rule.node_attribute,
                                               rule.score / INFINITY, False, rule.score != INFINITY)
            if merged is not None:
                clone.allowed = merged
    for rule in clone.with_this:
        if rule.primary_role == "Promoted" and has_influence(rule):
            merged = colocation.add_colocated_node_scores(ws, rule.dependent, clone.allowed, rule.node_attribute,
                                               rule.score / INFINITY, True, True)
            if merged is not None:
                clone.allowed = merged
    for instance in instances:
        chosen = colocation.placed_node(instance)
        if not instance.managed and _next_role(instance) == "Promoted":
            instance.sort_index = INFINITY      # an unmanaged promoted instance keeps its role
        elif chosen is not None and instance.sort_index >= 0:
            instance.sort_index = clone.allowed.get(chosen, instance.sort_index)
    clone.merging = False
    position = {id(instance): index for index, instance in enumerate(instances)}
    return sorted(instances, key=lambda i: (-i.sort_index, -ROLE_RANK[_current_role(i)], position[id(i)]))


def _current_role(rsc: Rsc) -> str:
    roles = [p.role for p in rsc.primitives()] or ["Stopped"]
    return max(roles, key=lambda r: ROLE_RANK[r])


def _promotion_node(ws: WorkingSet, clone: Rsc, instance: Rsc, per_node: dict) -> Optional[str]:
    """node_to_be_promoted_on: the instance's node, if it may hold one more promoted instance."""
    for member in instance.children:
        if _promotion_node(ws, clone, member, {}) is None:
            return None
    node = colocation.placed_node(instance)
    if node is None:
        return None
    if not instance.managed:
        if _current_role(instance) != "Promoted":
            return None
    elif instance.promotion_priority < 0 or not ws.node_available(node):
        return None
    if node not in clone.allowed:
        return None
    if per_node.get(node, 0) >= promoted_node_max(clone) and instance.managed:
        return None
    return node


# ---------------------------------------------------------------- dependents of promoted roles

def _assigned_weight(child: Rsc, node: str) -> int:
    """The weight of the node an instance was assigned (its allocated_to): the score it was
    chosen with, or 0 for an unmanaged one kept where it runs (assigned its running node)."""
    primitive = child if child.kind == "primitive" else child.children[0]
    return primitive.allowed.get(node, 0) if primitive.managed else 0


def place_with_promotable(ws: WorkingSet, dependent: Rsc, primary: Rsc, rule: ColocationRule,
                          label: str) -> None:
    """A dependent placed with (or away from) a role of a promotable clone
    (pcmk__update_dependent_with_promotable)."""
    attribute = rule.node_attribute
    affected: dict = {}
    for child in primary.children:
        node = colocation.placed_node(child)
        if node is None or _next_role(child) != rule.primary_role:
            continue
        if rule.score < INFINITY:
            value = node_attribute(ws, node, attribute)
            for uname in dependent.allowed:
                if node_attribute(ws, uname, attribute) == value:
                    dependent.add_score(uname, rule.score, f"{label} ({rule.primary_role} there)")
        affected.setdefault(node, _assigned_weight(child, node))
    if rule.score >= INFINITY and not (rule.dependent_role == "Promoted" and rule.primary_role == "Promoted"):
        for uname in list(dependent.allowed):
            if uname not in affected:
                dependent.set_score(uname, -INFINITY, f"{label} (no {rule.primary_role} instance there)")
            else:
                dependent.add_score(uname, affected[uname], f"{label} ({rule.primary_role} there)")
