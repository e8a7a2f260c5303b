"""Node scores and placement (Pacemaker Explained, "Resource Placement"; the
scheduler's pcmk_sched_primitive.c, pcmk_sched_group.c, pcmk_sched_colocation.c).

Every change to a node score is recorded with its source (Rsc.why), so that
`--explain` can say where each point came from.
"""

from __future__ import annotations

import functools
from typing import Optional

from halab_kernel.values import is_true

from ..cib.model import INFINITY, Cib
from ..cib.scores import add_scores
from . import discovery, utilization
from .patterns import placed_by
from .rules import rule_matches, rule_score
from .working import ColocationRule, Contribution, Rsc, WorkingSet, role_name

INFINITY_HACK = INFINITY * -100


# ---------------------------------------------------------------- node criteria

def apply_location_to(ws: WorkingSet, rsc: Rsc, scores: dict, source: str, zero: bool = False,
                      mode: str = discovery.ALWAYS) -> None:
    """pcmk__apply_location for one resource and its members (groups, clones), with the
    location's resource-discovery mode for each node it names."""
    for uname, score in scores.items():
        value = 0 if zero else score
        if uname in rsc.allowed:
            rsc.allowed[uname] = add_scores(rsc.allowed[uname], value)
        else:
            rsc.allowed[uname] = value
        rsc.why.setdefault(uname, []).append(Contribution(source, value))
        discovery.mark(rsc, uname, mode)
    if rsc.kind == "group":
        for index, member in enumerate(rsc.children):
            apply_location_to(ws, member, scores, source, zero or index > 0, mode)
    elif rsc.kind == "clone":
        for child in rsc.children:
            apply_location_to(ws, child, scores, source, zero, mode)


def apply_locations(ws: WorkingSet, cib: Cib) -> None:
    for location in cib.locations:
        targets = []
        if location.resource_pattern is not None:
            placed = set(placed_by(location.resource_pattern, [r.id for r in ws.resources]))
            targets = [r for r in ws.resources if r.id in placed]
        elif location.resource in ws.by_id:
            targets = [ws.by_id[location.resource]]
        mode = discovery.mode_of(location.discovery)
        for rsc in targets:
            if mode == discovery.EXCLUSIVE:
                rsc.exclusive_discover = True     # pcmk__new_location: even naming no node
            sources = _value_sources(cib, rsc) if location.rules else None
            # an Unpromoted role places like any role (2.1.5); a Promoted one counts only for promotion
            if location.role and role_name(location.role) not in (None, "Started", "Unpromoted"):
                if role_name(location.role) == "Promoted":
                    ws.promoted_locations.append((rsc, _location_scores(ws, location, None, sources)))
                continue
            scores = _location_scores(ws, location, None, sources)
            if scores:
                apply_location_to(ws, rsc, scores, f"location constraint {location.id}", mode=mode)
            promoted = _location_scores(ws, location, "Promoted", sources) if location.rules else {}
            if promoted:
                ws.promoted_locations.append((rsc, promoted))


def _location_scores(ws: WorkingSet, location, role: Optional[str], sources: Optional[dict] = None) -> dict:
    """Node -> score of one location constraint, from the rules whose role is `role`
    (None: rules for any role); a role filtered out of placement counts only when
    choosing whom to promote."""
    scores: dict = {}
    if location.rules:
        for rule in location.rules:
            rule_role = role_name(rule.role) if rule.role else None
            if rule_role in ("Started", "Unpromoted"):
                rule_role = None
            if rule_role != role and not (role is None and location.role):
                continue
            for uname in ws.node_order:
                attrs = ws.nodes[uname].attributes
                if rule_matches(rule, attrs, ws.now, sources=sources):
                    score = rule_score(rule, attrs)
                    scores[uname] = add_scores(scores.get(uname, 0), score) if uname in scores else score
    elif location.node is not None and location.node in ws.nodes:
        scores[location.node] = location.score
    return scores


def _value_sources(cib: Cib, rsc: Rsc) -> dict:
    """What value-source=param/meta rules of a location read: the constraint's resource's
    parameters (its own, then its parents', as pe_rsc_params) and meta attributes."""
    params: dict = {}
    item: Optional[Rsc] = rsc
    while item is not None:
        config = cib.find_resource(item.base_id or item.id)
        for key, value in (getattr(config, "params", None) or {}).items():
            params.setdefault(key, value)
        item = item.parent
    return {"param": params, "meta": rsc.meta}


def resource_location(rsc: Rsc, uname: Optional[str], score: int, source: str, ws: WorkingSet) -> None:
    """Pacemaker's resource_location(): add a score on one node (or all), recursively."""
    unames = [uname] if uname is not None else list(ws.node_order)
    for child in rsc.children:
        resource_location(child, uname, score, source, ws)
    for name in unames:
        rsc.add_score(name, score, source)


def apply_stickiness(ws: WorkingSet) -> None:
    for rsc in ws.primitives():
        if not rsc.managed or rsc.stickiness < 1 or len(rsc.running_on) != 1:
            continue
        node = rsc.running_on[0]
        if not ws.symmetric and node not in rsc.allowed:
            continue
        rsc.add_score(node, rsc.stickiness, f"resource-stickiness (running on {node})")


def apply_failure_thresholds(ws: WorkingSet, failcount_of) -> None:
    for rsc in list(ws.primitives()):
        if rsc.migration_threshold == 0 or rsc.failure_ignored:
            continue
        for uname in ws.node_order:
            count = failcount_of(rsc, ws.nodes[uname])
            if count <= 0 or ("clear_failcount", uname, 0) in rsc.housekeeping:
                continue   # check_failure_threshold: a fail count about to be cleared forces nothing away
            if count >= rsc.migration_threshold:
                clone = rsc.clone_parent()
                target = rsc.top() if clone is not None and not clone.unique else rsc
                resource_location(
                    target, uname, -INFINITY,
                    f"failcount {_text(count)} >= migration-threshold {_text(rsc.migration_threshold)}",
                    ws)


def _text(value: int) -> str:
    return "INFINITY" if value >= INFINITY else str(value)


# ---------------------------------------------------------------- colocations

def build_colocations(ws: WorkingSet, cib: Cib) -> None:
    """The configured colocations, then (pcmk__create_internal_constraints runs after the
    constraints are unpacked) each group member's with the member before it: inserted later,
    an internal one comes before a configured one between the same two members."""
    for colocation in cib.colocations:
        dependent = ws.by_id.get(colocation.resource)
        primary = ws.by_id.get(colocation.with_resource)
        if dependent is None or primary is None or dependent is primary:
            continue
        if dependent.clone_name or primary.clone_name:
            continue
        if colocation.score == 0:
            continue
        influence = colocation.influence
        if influence is None:
            influence = dependent.critical
        _add_colocation(ws, ColocationRule(
            colocation.id, dependent, primary, colocation.score,
            _colocation_role(colocation.resource_role), _colocation_role(colocation.with_resource_role),
            colocation.node_attribute or "#uname", influence))
    for rsc in ws.by_id.values():
        if rsc.kind == "group" and is_true(rsc.meta.get("collocated", rsc.meta.get("colocated")), True):
            for earlier, later in zip(rsc.children, rsc.children[1:]):
                _add_colocation(ws, ColocationRule(
                    f"group {rsc.id}", later, earlier, INFINITY, None, None, "#uname"))


def _colocation_role(text: Optional[str]) -> Optional[str]:
    """A colocation's role filter: Started means any role, as in pcmk__new_colocation."""
    role = role_name(text)
    return None if role == "Started" else role


VARIANT_RANK = {"primitive": 0, "group": 1, "clone": 2}


def _add_colocation(ws: WorkingSet, rule: ColocationRule) -> None:
    """Keep each resource's colocation lists sorted as Pacemaker inserts them: by the other
    resource's priority, clones before groups before primitives, then by id."""
    ws.colocations.append(rule)
    insert_sorted(rule.dependent.this_with, rule, lambda r: r.primary)
    insert_sorted(rule.primary.with_this, rule, lambda r: r.dependent)


def insert_sorted(rules: list, rule: ColocationRule, other) -> None:
    def key(item):
        rsc = other(item)
        # cmp_colocation_priority: priority, clones before groups before primitives, promotable
        # clones before the others (@COMPAT scheduler <2.0.0), then id
        return (-rsc.priority, -VARIANT_RANK.get(rsc.kind, 0), -int(rsc.promotable), rsc.id)
    position = len(rules)
    for index, existing in enumerate(rules):
        if key(existing) >= key(rule):    # g_list_insert_sorted: before an equal element
            position = index
            break
    rules.insert(position, rule)


# ---------------------------------------------------------------- helpers

def node_usable(ws: WorkingSet, uname: str, score: int) -> bool:
    """pcmk__node_available(node, consider_score=True)."""
    return ws.node_available(uname) and score >= 0


def any_node_available(ws: WorkingSet, scores: dict) -> bool:
    return any(node_usable(ws, uname, score) for uname, score in scores.items())


def sorted_nodes(ws: WorkingSet, scores: dict, preferred: Optional[str]) -> list:
    """pcmk__sort_nodes (compare_nodes): best score, then (balanced) most capacity left, then fewest
    assigned resources, then current node, then name; with `minimal`, score then name."""
    nodes = ws.nodes
    candidates = [u for u in scores if u in nodes]
    placement_strategy = utilization.strategy(ws)
    if placement_strategy != "balanced":
        # a node that cannot run anything scores -INFINITY (ws.node_available)
        if placement_strategy == "minimal":
            return sorted(candidates, key=lambda uname: (
                -scores[uname] if nodes[uname].available() else INFINITY, uname))
        return sorted(candidates, key=lambda uname: (
            -scores[uname] if nodes[uname].available() else INFINITY, nodes[uname].num_resources,
            0 if uname == preferred else 1, uname))

    def compare(first: str, second: str) -> int:
        return compare_balanced(ws, scores, preferred, first, second)
    return sorted(candidates, key=functools.cmp_to_key(compare))


def compare_balanced(ws: WorkingSet, scores: dict, preferred: Optional[str], first: str, second: str) -> int:
    """compare_nodes under `balanced`. Its capacity step sums one sign per utilization attribute,
    so it need not be transitive: which node glib's merge sort then puts first depends on the
    order the nodes come in (a hash table's), which is not modelled (assign.py notes a guess)."""
    def score(uname: str) -> int:
        return scores[uname] if ws.node_available(uname) else -INFINITY

    if score(first) != score(second):
        return -1 if score(first) > score(second) else 1
    capacity = utilization.compare_capacities(ws, first, second)
    if capacity:
        return capacity
    for a, b in ((ws.nodes[first].num_resources, ws.nodes[second].num_resources),
                 (first != preferred, second != preferred)):
        if a != b:
            return -1 if a < b else 1
    return (first > second) - (first < second)


def node_attribute(ws: WorkingSet, uname: str, attribute: str) -> Optional[str]:
    node = ws.nodes.get(uname)
    return None if node is None else node.attributes.get(attribute)


def has_influence(rule: ColocationRule, rsc: Optional[Rsc] = None) -> bool:
    rsc = rsc or rule.primary
    return rule.influence or not rsc.active()
