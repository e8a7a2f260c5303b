"""Colocation scoring (pcmk_sched_colocation.c): a dependent follows (or avoids) its
primary's node; a primary leans towards the nodes its dependents prefer.
"""

from __future__ import annotations

from typing import Optional

from halab_kernel.values import is_true

from ..cib.model import INFINITY
from ..cib.scores import add_scores
from . import assign as assignment
from . import promotable
from .placement import (INFINITY_HACK, any_node_available, has_influence, node_attribute,
                        sorted_nodes)
from .unpack import clone_node_max
from .working import ROLE_RANK, ColocationRule, Contribution, Rsc, WorkingSet


def _mandatory(rule: ColocationRule) -> bool:
    return rule.score >= INFINITY or rule.score <= -INFINITY


def apply_this_with(ws: WorkingSet, rule: ColocationRule, rsc: Rsc) -> None:
    """Apply a colocation where `rsc` is the dependent (primary assigned first)."""
    primary = rule.primary
    archive = None
    if (rule.dependent_role and ROLE_RANK[rule.dependent_role] >= ROLE_RANK["Promoted"]) or \
            (-INFINITY < rule.score < 0):
        archive = (dict(rsc.allowed), {k: list(v) for k, v in rsc.why.items()})
    if primary.provisional:
        assignment.assign(ws, primary)
    apply_coloc_score(ws, rsc, primary, rule)
    if archive is not None and not any_node_available(ws, rsc.allowed):
        rsc.allowed, rsc.why = archive


def _primary_nodes(primary: Rsc) -> list:
    """Where the primary is placed: its node, or every node of a clone's instances."""
    if primary.kind == "clone":
        nodes = []
        for child in primary.children:
            node = placed_node(child)
            if node is not None and node not in nodes:
                nodes.append(node)
        return nodes
    node = placed_node(primary)
    return [node] if node is not None else []


def placed_node(rsc: Rsc) -> Optional[str]:
    if rsc.kind == "primitive":
        return rsc.assigned
    if rsc.kind == "group":
        if not rsc.children:
            return None
        return placed_node(rsc.children[0])
    return None


def apply_coloc_score(ws: WorkingSet, dependent: Rsc, primary: Rsc, rule: ColocationRule) -> None:
    """pcmk__apply_coloc_to_weights (dependent is being assigned, primary already is)."""
    if primary.provisional:
        return   # the primary is still being placed (a colocation loop): nothing to follow yet
    if primary.kind == "group" and primary.children:
        primary = primary.children[-1] if rule.score >= INFINITY else primary.children[0]
    if primary.kind == "clone" and primary.promotable and rule.primary_role is not None:
        promotable.place_with_promotable(ws, dependent, primary, rule, f"colocation {rule.id} with {rule.primary.id}")
        return
    if rule.dependent_role is not None and dependent.promotable_clone() is not None \
            and rule.dependent_role != dependent.next_role:
        return      # a role colocation of a promotable instance counts once roles are chosen
    if rule.dependent_role is not None and dependent.promotable_clone() is None \
            and rule.dependent_role != dependent.next_role:
        return      # pcmk__colocation_affects: a role a resource that is not promotable never takes
    if rule.score > 0 and rule.dependent_role and dependent.next_role and rule.dependent_role != dependent.next_role:
        return
    if rule.score > 0 and rule.primary_role and primary.next_role and rule.primary_role != primary.next_role:
        return
    attribute = rule.node_attribute
    label = f"colocation {rule.id} with {rule.primary.id}"
    if primary.kind == "clone" and interleaved(rule, primary):
        instance = _compatible_instance(ws, dependent, primary)
        if instance is None:
            if rule.score >= INFINITY:
                for uname in list(dependent.allowed):
                    dependent.set_score(uname, -INFINITY, f"{label} (no instance to pair with)")
            return
        primary = instance
    if primary.kind == "clone" and rule.score >= INFINITY:
        # only instances that are not blocked can host a mandatory dependent
        nodes = [node for child in primary.children if not any(p.blocked for p in child.primitives())
                 for node in [placed_node(child)] if node is not None]
        for uname in list(dependent.allowed):
            values = {node_attribute(ws, n, attribute) for n in nodes}
            if node_attribute(ws, uname, attribute) not in values or not nodes:
                dependent.set_score(uname, -INFINITY, f"{label} (no instance there)")
        return
    if primary.kind == "clone":
        # each instance counts on its own, and each is rolled back if it leaves no node
        for instance in primary.children:
            apply_coloc_score(ws, dependent, instance, rule)
        return
    if rule.score > 0 and rule.primary_role is not None and primary.promotable_clone() is None:
        return   # pcmk__colocation_affects: a primary that is not promotable never takes that role
    placed = _primary_nodes(primary)
    if not placed and rule.score < 0:
        return   # anti-colocation with something that will not run: nothing to avoid
    work = dict(dependent.allowed)
    notes: dict = {}
    values = {node_attribute(ws, n, attribute) for n in placed}
    for uname in work:
        if not placed:
            work[uname] = add_scores(-rule.score, work[uname])
            notes[uname] = Contribution(f"{label} (primary inactive)", -rule.score)
        elif node_attribute(ws, uname, attribute) in values:
            if rule.score < INFINITY:
                work[uname] = add_scores(rule.score, work[uname])
                notes[uname] = Contribution(label, rule.score)
        elif rule.score >= INFINITY:
            work[uname] = -INFINITY
            notes[uname] = Contribution(f"{label} (not where it runs)", -INFINITY, absolute=True)
    if _mandatory(rule) or any_node_available(ws, work):
        dependent.allowed = work
        for uname, note in notes.items():
            dependent.why.setdefault(uname, []).append(note)


def interleaved(rule: ColocationRule, primary: Rsc) -> bool:
    """Clone-with-clone colocations pair instances node by node when `interleave` is set."""
    dependent = rule.dependent
    if dependent.kind != "clone":
        return False
    if not is_true(dependent.meta.get("interleave")):
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
            if placed_node(child) == uname:
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
    """pcmk__add_colocated_node_scores ("with this"): fold a colocated resource's node scores, scaled by
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
            if work[uname] == INFINITY_HACK:
                continue   # marked unusable by an earlier merge: kept for the final 1 (promoted-13)
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


