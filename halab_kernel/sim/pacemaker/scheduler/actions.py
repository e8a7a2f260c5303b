"""The transition: actions per resource, orderings, and how requiredness and
runnability flow along orderings (pcmk_sched_actions.c, pcmk_sched_ordering.c).

Every resource gets a start action (on its assigned node, or on no node) and a
stop action per node it runs on; most are optional. Orderings then make them
required ("Restart ... due to required rsc1 start") or unrunnable ("Stop ...
due to unrunnable rsc3 start"), until nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from halab_kernel.values import is_true

from ..cib.model import INFINITY, Cib
from . import clone_min, clones, definitions, discovery, migration, promotion, recurring, remote, requires, unfencing
from .working import Rsc, WorkingSet

IMPLIES_THEN, IMPLIES_FIRST, RUNNABLE_LEFT, RESTART, ASYMMETRICAL = 1, 2, 4, 8, 16
# a required `then` that is not migrating cancels the migration of `first` (implies_first)
UNMIGRATABLE_THEN = 32


@dataclass(eq=False)
class Action:
    task: str                   # start | stop | fence | monitor
    rsc: Optional[Rsc]
    node: Optional[str]
    optional: bool = True
    runnable: bool = True
    pseudo: bool = False
    reason: Optional[str] = None
    colocation_blocked: bool = False   # blocked after ordering updates: not propagated
    exists: bool = True                # False: a stand-in only orderings from it can see
    migrating: bool = False            # part of a live migration (migrate_runnable)
    placed: bool = True                # a start for a resource assigned a node (Pacemaker creates one)
    interval_ms: int = 0               # a cancel's recurring operation (definitions.py)

    @property
    def label(self) -> str:
        return f"{self.rsc.id if self.rsc else self.node} {self.task}"


@dataclass(eq=False)
class Ordering:
    first: list                 # actions; runnable_left needs at least one runnable
    then: Action
    flags: int
    any_of: bool = False        # `first` is a clone: one runnable instance is enough
    min_runnable: int = 0       # runnable_left needs this many runnable `first`s (clone-min)
    collective: bool = False    # `first` stands for a group's or clone's own action
    pseudo: str = ""            # clone-min's pseudo action between them (clone-one-or-more:ORDER)
    named: str = ""             # a pseudo action reasons name, not modelled (one-or-more:SET)
    clone_wide: bool = False    # `then` is a clone too (not interleaved): any required instance forces all


@dataclass
class ActionGraph:
    actions: list = field(default_factory=list)
    orderings: list = field(default_factory=list)
    starts: dict = field(default_factory=dict)      # rsc id -> start Action
    stops: dict = field(default_factory=dict)       # rsc id -> [stop Action]
    fencing: list = field(default_factory=list)     # fence Actions
    probes: list = field(default_factory=list)
    promotes: dict = field(default_factory=dict)    # rsc id -> promote Action (promotable instances)
    demotes: dict = field(default_factory=dict)     # rsc id -> demote Action
    monitors: list = field(default_factory=list)    # (rsc, node, interval ms, rc) to (re)start
    unfencing: dict = field(default_factory=dict)   # node -> why it is unfenced (fenced "on") first
    reloads: dict = field(default_factory=dict)     # rsc id -> its reload-agent Action (definitions.plan)

    def add(self, action: Action) -> Action:
        self.actions.append(action)
        return action


def quorum_blocks(ws: WorkingSet, rsc: Rsc) -> Optional[str]:
    if ws.have_quorum or requires.of(ws, rsc).runs_without_quorum:
        return None     # requires=nothing: the resource may start without quorum (unpack_requires)
    policy = ws.no_quorum_policy
    if policy == "ignore":
        return None
    if policy == "freeze":
        if not rsc.running_on:
            return "quorum freeze"
        return None
    if policy == "demote":
        # only promotable instances keep running (demoted); everything else stops
        return None if rsc.role in ("Promoted", "Unpromoted") else "no quorum"
    return "no quorum"


def create_actions(ws: WorkingSet, fenced: set) -> ActionGraph:
    graph = ActionGraph()
    for node in sorted(fenced):
        graph.fencing.append(graph.add(Action("fence", None, node, optional=False)))
    for rsc in ws.primitives():
        if rsc.promotable_clone() is not None:
            promotion.cap_without_quorum(ws, rsc)
        _primitive_actions(ws, rsc, graph, fenced)
        if rsc.promotable_clone() is not None:
            promotion.role_actions(ws, rsc, graph, fenced)
    discovery.block_starts_behind_pending_probes(ws, graph)
    migration.plan_migrations(ws, graph)
    graph.unfencing = unfencing.nodes_to_unfence(ws, graph)
    unfencing.no_migration_from_unfenced(ws, graph)
    unfencing.restart_after_unfencing(ws, graph)
    definitions.plan(ws, graph)
    recurring.stopped_role_cancels(ws, graph)
    return graph


def _primitive_actions(ws: WorkingSet, rsc: Rsc, graph: ActionGraph, fenced: set) -> None:
    if rsc.next_role is None:
        rsc.next_role = "Started" if rsc.assigned else "Stopped"
    current = requires.active_node(ws, rsc)
    nxt = rsc.assigned
    moving = current is not None and nxt is not None and current != nxt and rsc.next_role != "Stopped"
    need_stop = moving or (requires.active_count(ws, rsc) > 1 and not migration.continues_partial(rsc))
    if not moving and rsc.failed and rsc.stop_needed:
        need_stop = True
    if not rsc.managed:
        need_stop = False
    unexpected = stops_unexpected(ws, rsc)
    # start
    starting = nxt is not None and (not rsc.running_on or need_stop or current != nxt)
    start = Action("start", rsc, nxt, optional=not starting, placed=nxt is not None, pseudo=unexpected)
    if rsc.blocked:
        # a blocked resource gets no start: only orderings that need one see an unrunnable stand-in
        start.node, start.optional, start.runnable, start.exists = None, True, False, False
    elif nxt is None:
        start.runnable = False
    else:
        blocked = quorum_blocks(ws, rsc)
        if blocked:
            start.runnable = False
            start.reason = blocked
        elif not ws.nodes[nxt].online:
            start.runnable = False
    graph.add(start)
    graph.starts[rsc.id] = start
    stops = []
    # a filler's failure stops its container where the filler failed, even where the container
    # is not active (process_rsc_state: stop_action(rsc->container, node, FALSE))
    forced_elsewhere = sorted(rsc.forced_stops - set(rsc.running_on))
    for node in rsc.running_on + forced_elsewhere:
        if node == nxt and (unexpected or migration.continues_partial(rsc)):
            continue        # the target of a migration that goes on keeps it, and so does the
            #                 node a stop_unexpected resource stays on (StopRsc filters)
        # a stop away from the next node, unless that node only awaits fencing and the
        # resource does not need fencing (it is active on the clean node alone)
        elsewhere = node != nxt and requires.active_count(ws, rsc) == len(rsc.running_on)
        required = rsc.managed and (need_stop or rsc.next_role == "Stopped" or elsewhere
                                    or node in rsc.forced_stops)
        stop = Action("stop", rsc, node, optional=not required)
        if nxt is None and rsc.managed:
            stop.reason = "node availability"
        elif unexpected:
            stop.reason = "being multiply active"
        mark_taking_down(ws, stop, fenced)
        graph.add(stop)
        stops.append(stop)
        if start.exists:
            graph.orderings.append(Ordering([stop], start, IMPLIES_THEN | RESTART))
    graph.stops[rsc.id] = stops
    for node in ws.node_order:
        info = ws.nodes[node]
        # unmanaged resources are probed too: Pacemaker must learn where they run
        if info.online and not info.unclean and node not in clones.known_on(rsc) \
                and not rsc.orphan and clones.prober(rsc, node) is rsc and remote.may_probe(ws, rsc, node) \
                and discovery.may_probe(ws, rsc, node):
            graph.probes.append(Action("monitor", rsc, node))


def stops_unexpected(ws: WorkingSet, rsc: Rsc) -> bool:
    """multiple-active=stop_unexpected on a managed resource active on several nodes (not partially
    migrated) and assigned a node (is_expected_node): 2.1.5 stops it everywhere else "due to being
    multiply active", not there, and its start there is a pseudo action, even on a node it is not active
    on, so it then runs there only if a recurring monitor reports it (pcmk__primitive_create_actions,
    StopRsc, StartRsc; a Promoted one, whose promotion is a pseudo action too, is refused)."""
    return rsc.managed and rsc.assigned is not None and rsc.next_role != "Stopped" \
        and not rsc.partial_migration and requires.active_count(ws, rsc) > 1 \
        and (rsc.meta.get("multiple-active") or "").strip().lower() == "stop_unexpected"


def mark_taking_down(ws: WorkingSet, action: Action, fenced: set) -> None:
    """A stop or demote: never run for an unmanaged resource, implied by fencing its node
    (a pseudo action), impossible on a node that is down or still pending (joining)."""
    if action.rsc is not None and not action.rsc.managed:
        action.runnable = False
    elif action.node in fenced:
        action.pseudo = True
    elif not ws.nodes[action.node].online or ws.nodes[action.node].pending:
        action.runnable = False     # a pending node runs nothing yet (update_resource_action_runnable)


# ---------------------------------------------------------------- orderings

def first_member_starts(rsc: Rsc, graph: ActionGraph) -> list:
    if rsc.kind == "primitive":
        start = graph.starts[rsc.id]
        return [start] if start.exists else []
    if rsc.kind == "group":
        return first_member_starts(rsc.children[0], graph) if rsc.children else []
    result = []
    for child in rsc.children:
        result += first_member_starts(child, graph)
    return result


def last_member_starts(rsc: Rsc, graph: ActionGraph) -> list:
    if rsc.kind == "primitive":
        return [graph.starts[rsc.id]]
    if rsc.kind == "group":
        return last_member_starts(rsc.children[-1], graph) if rsc.children else []
    result = []
    for child in rsc.children:
        result += last_member_starts(child, graph)
    return result


def _stops(rsc: Rsc, graph: ActionGraph) -> list:
    result = []
    for prim in rsc.primitives():
        result += graph.stops.get(prim.id, [])
    return result


def add_orderings(ws: WorkingSet, cib: Cib, graph: ActionGraph) -> None:
    # group members: each starts after the previous one and stops before it
    for rsc in ws.by_id.values():
        if rsc.kind == "group":
            for earlier, later in zip(rsc.children, rsc.children[1:]):
                _order(graph, earlier, "start", later, "start", IMPLIES_THEN | RUNNABLE_LEFT)
                _order(graph, later, "stop", earlier, "stop", RESTART | UNMIGRATABLE_THEN)
    promotion.order_clone_roles(ws, graph)
    # resources start after fencing completes
    if graph.fencing:
        for start in graph.starts.values():
            graph.orderings.append(Ordering(list(graph.fencing), start, 0))
    ordered: set = set()    # order_actions keeps the first ordering between two actions
    relaxed: dict = {}      # require-all=false sets: (order, set, then, action) -> its firsts
    for order in cib.orders:
        first = ws.by_id.get(order.first)
        then = ws.by_id.get(order.then)
        if first is None or then is None or first is then:
            continue
        first_action, then_action = order.first_action, order.then_action
        needed = clone_min.instances_needed(first, order)
        # a clone-min/require-all=false order runs through its own pseudo action: another
        # order between the same two actions is a different pair (order_actions)
        if (first.id, first_action, then.id, then_action, needed) in ordered:
            continue
        ordered.add((first.id, first_action, then.id, then_action, needed))
        if order.kind != "Mandatory":
            forward, inverse = 0, 0
            if _restart_type(then) == "restart":
                forward = IMPLIES_THEN   # deprecated restart-type=restart: restart with first
        elif not order.symmetrical:
            forward, inverse = ASYMMETRICAL, 0
        else:
            forward, inverse = IMPLIES_THEN, IMPLIES_FIRST | UNMIGRATABLE_THEN
            if first_action in ("start", "promote"):
                forward |= RUNNABLE_LEFT
        if order.first_set:
            relaxed.setdefault((order.id, order.first_set, then.id, then_action), []).append(
                (first, first_action))
        elif needed:
            clone_min.order_after_minimum(graph, first, first_action, then, then_action, needed, order.id)
        else:
            _order(graph, first, first_action, then, then_action, forward)
        if order.symmetrical and {first_action, then_action} <= {"start", "stop", "promote", "demote"}:
            flip = {"start": "stop", "stop": "start", "promote": "demote", "demote": "promote"}
            if (then.id, flip[then_action], first.id, flip[first_action], 0) not in ordered:
                ordered.add((then.id, flip[then_action], first.id, flip[first_action], 0))
                _order(graph, then, flip[then_action], first, flip[first_action], inverse)
    for (_, set_id, then_id, then_action), firsts in relaxed.items():
        created = len(graph.orderings)
        clone_min.order_after_any(graph, firsts, ws.by_id[then_id], then_action)
        for ordering in graph.orderings[created:]:   # order_rsc_sets' pseudo action for the set
            ordering.named = f"one-or-more:{set_id}"
    _settle_interleaving(ws, cib, graph)


def _settle_interleaving(ws: WorkingSet, cib: Cib, graph: ActionGraph) -> None:
    """Pacemaker re-checks an interleaved ordering whenever its first clone's instances lose
    their nodes, so an instance inhibited by a later ordering inhibits its own partners in turn
    (order-clone: vg1 loses its instances after fs1 was ordered after it)."""
    pairs = []
    for order in cib.orders:
        first, then = ws.by_id.get(order.first), ws.by_id.get(order.then)
        if (first is not None and then is not None and first.kind == then.kind == "clone"
                and _interleave(then) and order.kind == "Mandatory" and order.symmetrical
                and order.first_action in ("start", "stop") and order.then_action == "start"
                and not clone_min.instances_needed(first, order)):
            pairs.append((first, then))
    changed = True
    while changed:
        changed = False
        for first, then in pairs:
            partnered = {_instance_node(f, False) for f in first.children}
            for instance in then.children:
                node = _instance_node(instance, False)
                if node is not None and node not in partnered:
                    _inhibit(graph, instance)
                    changed = True


def first_actions(graph: ActionGraph, rsc: Rsc, task: str) -> Optional[list]:
    """The actions an ordering waits for when `rsc` comes first (None: a task not ordered)."""
    if task == "start":
        return last_member_starts(rsc, graph)
    if task == "stop":
        return _stops(rsc, graph)
    if task in ("promote", "demote"):
        return promotion.role_steps(rsc, graph, task)
    return None


def then_actions(graph: ActionGraph, rsc: Rsc, task: str) -> Optional[list]:
    """The actions an ordering holds when `rsc` comes second (None: a task not ordered)."""
    if task == "start":
        return first_member_starts(rsc, graph)
    if task == "stop":
        return _stops(rsc, graph)
    if task in ("promote", "demote"):
        return [a for a in promotion.role_steps(rsc, graph, task) if a.exists]
    return None


def _order(graph: ActionGraph, first: Rsc, first_task: str, then: Rsc, then_task: str,
           flags: int) -> None:
    firsts = first_actions(graph, first, first_task)
    thens = then_actions(graph, then, then_task)
    if firsts is None or thens is None:
        return
    if first.kind != "primitive":
        flags &= ~UNMIGRATABLE_THEN   # a group's or clone's own stop is a pseudo action: no migration
    if "promote" in (first_task, then_task) or "demote" in (first_task, then_task):
        promotion.order_role_steps(graph, first, first_task, then, then_task, firsts, thens, flags)
        return
    if first.kind == "clone":
        flags &= ~IMPLIES_FIRST   # a clone's stop made required does not force its instances
    if first.kind == "clone" and then.kind == "clone" and _interleave(then):
        _order_interleaved(graph, first, first_task, then, then_task, flags)
        return
    if first_task == "stop" and not firsts:
        flags &= ~RUNNABLE_LEFT
        if first.kind == "clone" and flags & ASYMMETRICAL:
            # a clone's stopped pseudo action always exists, and with no instance stopping it
            # is not runnable (pcmk__collective_action_flags): inc8 with rsc2's stop first
            for action in thens:
                graph.orderings.append(Ordering([], action, flags, pseudo=f"{first.id} stopped"))
            return
    for action in thens:
        graph.orderings.append(Ordering(firsts, action, flags, any_of=first.kind == "clone",
                                        collective=first.kind != "primitive",
                                        clone_wide=first.kind == then.kind == "clone"))


def _restart(first: Action, then: Action) -> bool:
    """handle_restart_ordering: a restart needs its stop; a stop that cannot run blocks the start."""
    changed = False
    reason = None
    if not then.optional:
        reason = "restart"
    if not then.runnable and then.rsc is not None and then.rsc.managed and first.rsc is then.rsc:
        reason = "stop"
    if reason is None:
        return False
    if first.optional and (first.runnable or not then.optional):
        first.optional = False
        if first.reason is None and then.reason and reason == "stop":
            first.reason = then.reason
        elif first.reason is None and reason == "restart" and first.rsc is not then.rsc and then.rsc:
            first.reason = f"required {then.rsc.id} {then.task}"
        changed = True
    if not first.optional and not first.runnable and then.runnable:
        then.runnable = False
        if then.reason is None and first.rsc is not then.rsc and first.rsc is not None:
            then.reason = f"unrunnable {first.rsc.id} {first.task}"
        changed = True
    return changed


def _block_colocation_dependents(graph: ActionGraph, colocations: list, done: set) -> bool:
    """pcmk__block_colocation_dependents: a primary that cannot start blocks the start of
    whatever must be colocated with it (INFINITY), unless some instance/member can start."""
    changed = False
    for action in list(graph.starts.values()):
        # pcmk__apply_orderings blocks before any update, so a start unrunnable from the outset
        # blocks too (promoted-with-blocked without quorum, rsc2 requires=nothing: real blocks its
        # promote 'due to colocation with rsc1'); a start on no node Pacemaker never creates
        if action.runnable or id(action) in done or action.node is None:
            continue
        done.add(id(action))
        top = action.rsc.top()
        if top.kind == "group":
            continue        # a group's colocations belong to its members by now (2.1.5)
        members = [p for p in top.primitives()]
        # an instance with no start (on no node: find_first_action finds none) leaves the
        # collective able to reach its role
        if any(graph.starts[p.id].runnable or graph.starts[p.id].node is None
               for p in members if p.id in graph.starts):
            continue
        for rule in colocations:
            if rule.primary is not top or rule.score < INFINITY:
                continue
            # a colocation of the promoted role blocks the dependent's promotion, not its start
            table = graph.promotes if rule.dependent_role == "Promoted" else graph.starts
            for prim in rule.dependent.primitives():
                blocked = table.get(prim.id)
                if blocked is not None and blocked.runnable:
                    blocked.runnable = False
                    blocked.colocation_blocked = True
                    blocked.reason = blocked.reason or f"colocation with {top.id}"
                    changed = True
    return changed



# the pseudo action a group's or clone's own action is ordered by (action_uuid_for_ordering)
_REMAPPED = {"start": "running", "stop": "stopped", "promote": "promoted", "demote": "demoted"}


def _first_label(ordering: Ordering, first: Action) -> str:
    """The action a reason names for `first` (pe__action2reason): clone-min's pseudo action or a
    require-all=false set's ("one-or-more:SET"), the
    collective's remapped action when `first` stands for a group or clone ("grp running"; a
    top-level clone with notify=true orders by its post-notifications: "cl notified"), else
    `first` itself ("rsc1 start")."""
    if ordering.pseudo or ordering.named:
        return ordering.pseudo or ordering.named
    collective = first.rsc.top() if ordering.collective and first.rsc is not None else None
    if collective is not None and collective.kind != "primitive" and first.task in _REMAPPED:
        notified = collective.kind == "clone" and is_true(collective.meta.get("notify"))
        return f"{collective.id} {'notified' if notified else _REMAPPED[first.task]}"
    return first.label


def _node_of(action: Action) -> Optional[str]:
    """Where an action is, or was before an interleaved instance lost its node."""
    if action.node is None and action.rsc is not None and action.rsc.running_on:
        return action.rsc.running_on[0]
    return action.node


def _exists(action: Action) -> bool:
    """Pacemaker creates no start for a resource assigned no node: ours only carries
    runnability and forces nothing."""
    return action.task != "start" or action.placed


def _restart_type(rsc: Rsc) -> str:
    return (rsc.meta.get("restart-type") or "ignore").strip().lower()


def _interleave(clone: Rsc) -> bool:
    return is_true(clone.meta.get("interleave"))


def _instance_node(instance: Rsc, current: bool) -> Optional[str]:
    for prim in instance.primitives():
        if current and prim.running_on:
            return prim.running_on[0]
        if not current and prim.assigned:
            return prim.assigned
    return None


def _inhibit(graph: ActionGraph, instance: Rsc) -> None:
    """An interleaved instance with no partner instance on its node may not be active."""
    for prim in instance.primitives():
        prim.assigned = None
        prim.next_role, prim.next_role_reason = "Stopped", "node availability"
        start = graph.starts[prim.id]
        start.node, start.runnable, start.optional = None, False, True
        for stop in graph.stops.get(prim.id, []):
            stop.optional = False
            stop.reason = stop.reason or "node availability"


def _order_interleaved(graph: ActionGraph, first: Rsc, first_task: str, then: Rsc, then_task: str,
                       flags: int) -> None:
    """Interleaved clones: each instance waits only for the instance on its own node; an
    instance with no partner there cannot start when the ordering is mandatory."""
    current = then_task == "stop"
    for instance in then.children:
        node = _instance_node(instance, current)
        if node is None:
            continue
        partner = next((f for f in first.children if _instance_node(f, current) == node), None)
        if then_task == "start":
            thens = first_member_starts(instance, graph)
        else:
            thens = _stops(instance, graph)
        if partner is None:
            if then_task == "start" and flags & (RUNNABLE_LEFT | IMPLIES_THEN):
                _inhibit(graph, instance)
            continue
        firsts = last_member_starts(partner, graph) if first_task == "start" else _stops(partner, graph)
        if not firsts:
            continue
        for action in thens:
            graph.orderings.append(Ordering(firsts, action, flags))


def propagate(graph: ActionGraph, colocations: Sequence = ()) -> None:
    """Apply ordering implications until nothing changes (bounded)."""
    blocked_done: set = set()
    for _ in range(200):
        changed = _block_colocation_dependents(graph, list(colocations), blocked_done)
        for ordering in graph.orderings:
            then = ordering.then
            firsts = ordering.first
            flags = ordering.flags
            if not firsts:
                # a pseudo action with nothing to wait for never becomes runnable: clone-min's
                # (its required_runnable_before is never met), a clone's stopped with no stop
                if ordering.pseudo and then.runnable and (
                        (ordering.min_runnable and flags & RUNNABLE_LEFT) or (flags & ASYMMETRICAL and not (
                            then.task == "start" and then.optional and then.rsc is not None
                            and then.rsc.running_on == [then.node]))):
                    then.runnable = False
                    then.reason = then.reason or f"unrunnable {ordering.pseudo}"
                    changed = True
                continue
            if flags & RUNNABLE_LEFT and then.runnable and sum(
                    f.runnable or f.colocation_blocked for f in firsts) < max(1, ordering.min_runnable):
                then.runnable = False
                then.reason = then.reason or f"unrunnable {_first_label(ordering, firsts[0])}"
                changed = True
            if flags & UNMIGRATABLE_THEN and not then.optional and not then.migrating:
                reason = migration.cancelling(graph, then)
                for first in firsts:
                    if reason and first.migrating and first.rsc is not then.rsc:
                        migration.cancel(graph, first.rsc, reason)
                        changed = True
            forcing = [f for f in firsts if not f.optional and not f.migrating and _exists(f)]
            if ordering.any_of and then.node is not None and not ordering.clone_wide:
                # a clone's action is required for `then` only through its instance on
                # then's node (pcmk__collective_action_flags with that node); between two
                # clones the order holds the second's own pseudo action (no node), whose
                # instances pcmk__multi_update_actions all update with the first's flags
                forcing = [f for f in forcing if _node_of(f) == then.node]
            # an unmanaged `then` becomes required too (nothing of it runs or is shown), and
            # passes that on: unmanaged-block-restart with rsc2 in maintenance restarts rsc3
            # "due to required rsc2 start"
            if flags & IMPLIES_THEN and then.optional and forcing:
                required = forcing[0]
                then.optional = False
                if flags & RESTART:
                    pass
                elif then.reason is None:
                    then.reason = f"required {_first_label(ordering, required)}"
                changed = True
            if flags & IMPLIES_FIRST and not then.optional:
                # between two resources 2.1.5's implies_first never makes `first` required
                # (it only cancels migrations, above); a demote before its own stop it does
                for first in firsts:
                    if first.rsc is then.rsc and first.optional and (first.rsc is None or first.rsc.managed):
                        first.optional = False
                        changed = True
            if flags & ASYMMETRICAL and then.runnable and not any(f.runnable for f in firsts):
                staying = (then.task == "start" and then.optional and then.rsc is not None
                           and then.rsc.running_on == [then.node])
                if not staying:
                    then.runnable = False
                    then.reason = then.reason or f"unrunnable {_first_label(ordering, firsts[0])}"
                    changed = True
            if flags & RESTART:
                changed |= _restart(firsts[0], then)
            if flags & (IMPLIES_THEN | IMPLIES_FIRST | RESTART) and then.runnable \
                    and not ordering.collective:
                for first in firsts:
                    if first.task == "stop" and first.rsc is not None and not first.rsc.managed \
                            and first.rsc.blocked and not first.runnable:
                        then.runnable = False
                        then.reason = then.reason or f"unrunnable {first.rsc.id} stop"
                        changed = True
                        break
        if not changed:
            return
