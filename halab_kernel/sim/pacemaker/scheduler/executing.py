"""crm_simulate's "Executing Cluster Transition" list: the actions of the transition graph in the
order 2.1.5's crm_simulate fires them.

2.1.5 builds a graph of synapses (pcmk__create_graph: each resource's actions in turn, a group's
own before its members', a clone's instances before the clone's own, then the actions of no
resource; each list newest action first) and crm_simulate runs it in passes
(pcmk__execute_graph): each pass walks the synapses in order and fires every one whose inputs
have all completed; a fired action completes at once, so what a synapse enables later in the same
pass fires in that pass too. Each fired action is one line (pcmk_output.c, inject-*):

    * Resource action: rsc             monitor=10000 on node1
    * Pseudo action:   grp_start_0
    * Cluster action:  do_shutdown on node1
    * Fencing node1 (reboot)

This module derives those actions from the scheduler's action graph once scheduling is done (it
decides nothing): the actions `schedule._executed` completes, the recurring monitors that follow
starts, promotes and demotes, migrate_to/migrate_from, the pseudo actions of groups and clones,
clone notifications and do_shutdown; it estimates each one's synapse position and inputs and runs
the passes. docs/crm_simulate.md says what it does not reproduce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from halab_kernel.values import is_true

from . import actions as act
from . import clones, definitions, guest, remote, requires, unfencing, utilization
from .history import active_recurring
from .executing_unlisted import unlisted
from .migration import continues_partial
from .recurring import monitor_role_matches, recurring_monitor_ops, running_recurring
from .transition import PlannedAction
from .working import Rsc, WorkingSet
from ..cib.model import INFINITY

# a collective's pseudo action its members wait for -> the one that waits for them
BRACKETS = {"start": "running", "stop": "stopped", "promote": "promoted", "demote": "demoted"}
# the order a collective's actions are created in (its list is the reverse)
CREATED = ("start", "stop", "promote", "demote")
# the order a primitive's actions appear in its list (newest first, as usually created)
POSITION = {"notify": 0, "migrate_from": 1, "migrate_to": 2, "monitor": 3, "promote": 4, "start": 5,
            "stop": 6, "demote": 7, "pending start": 8, "probe": 9, "reload-agent": 9.5, "unpacked stop": 10, "cancel": 11, "delete": 12,
            "cleanup stop": 12.5, "early start": 13, "early monitor": 14}
# the prefix of a Transition.guesses entry saying this list is not 2.1.5's: crm_simulate refuses to
# print it (-S), the rest of the transition stands
UNLISTED = "the Executing Cluster Transition list"
# the actions of no resource, in list order
# (load_stopped is made after the unfencing, the shutdowns and the fencing of a node with no
# node_state: variants of unfence-device and rec-node-2 under a placement strategy; before one made
# while unpacking a node's state: bug-lf-2551)
CLUSTER_POSITION = {"fencing": -1, "clear_failcount": 1, "do_shutdown": 2, "unfencing": 4, "load_stopped": 4.2,
                    "unpacked fencing": 4.5, "one-or-more": 5}


@dataclass(eq=False)
class _Step:
    action: PlannedAction
    rank: tuple
    inputs: list = field(default_factory=list)
    dropped: bool = False   # an input left out because it would close a loop

    def after(self, *steps: Optional["_Step"]) -> None:
        for step in steps:
            if step is not None and step is not self and step not in self.inputs:
                self.inputs.append(step)

    def after_unless_loop(self, *steps: Optional["_Step"]) -> None:
        """`after`, leaving out an input that already waits for this step (2.1.5 drops an
        ordering that would close a loop where the estimate would make one)."""
        given = [step for step in steps if step is not None]
        kept = [step for step in given if not _waits_for(step, self)]
        self.dropped = self.dropped or len(kept) < len(given)
        self.after(*kept)


@dataclass(eq=False)
class _Collective:
    """A group's or clone's pseudo actions for one task, with its notifications."""

    begin: _Step
    end: _Step
    pre: Optional[_Step] = None
    pre_done: Optional[_Step] = None
    post: Optional[_Step] = None
    post_done: Optional[_Step] = None

    @property
    def complete(self) -> _Step:
        """What an ordering after this task waits for: the notifications' end when there are some."""
        return self.post_done or self.end


class _Plan:
    def __init__(self, ws: WorkingSet, graph: act.ActionGraph, done: set) -> None:
        self.ws, self.graph, self.done = ws, graph, done
        self.steps: list[_Step] = []
        self.known = {rsc_id for history in ws.histories.values() for rsc_id in history}
        self.slots = {rsc.id: index for index, rsc in enumerate(resource_order(ws))}
        from .render import by_name   # render imports this module
        self.node_rank = {uname: index for index, uname in enumerate(sorted(ws.node_order, key=by_name))}
        self.by_action: dict = {}          # id(scheduler Action) -> _Step
        self.probes: dict = {}             # primitive id -> its probe steps
        self.monitors: dict = {}           # primitive id -> its recurring monitor steps
        self.collectives: dict = {}        # (collective id, task) -> _Collective
        self.migrate_to: list = []         # (migrate_to step, target node)
        self.migrations: dict = {}         # primitive id -> (migrate_to step or None, migrate_from step)
        self.one_or_more: dict = {}        # one-or-more pseudo action name -> its step
        self.shutdowns: dict = {}          # node -> its do_shutdown step
        self.forced_groups: set = set()    # groups whose start runs though no member starts

    def add(self, action: PlannedAction, rank: tuple, *inputs: Optional[_Step]) -> _Step:
        step = _Step(action, rank)
        step.after(*inputs)
        self.steps.append(step)
        return step

    def rank(self, rsc: Rsc, task: str, *detail) -> tuple:
        return (0, self.slots.get(rsc.id, 0), POSITION[task], *detail)

    def key(self, rsc: Rsc) -> str:
        """The graph's name of a primitive (add_resource_details): an anonymous instance's
        clone_name, the history entry it was last found under when that is not its own id
        (unpack_find_resource renames it), else its base id."""
        clone = rsc.clone_parent()
        if clone is None or clone.unique:
            return rsc.id
        return _renamed(rsc) or (rsc.id if rsc.orphan else rsc.base_id or rsc.id.split(":")[0])

    @staticmethod
    def pseudo_key(rsc: Rsc) -> str:
        """The resource part of a pseudo action's key (action2xml): the clone_name when the
        history renamed the instance (clone_op_key), else its id (the action's uuid)."""
        clone = rsc.clone_parent()
        return (_renamed(rsc) if clone is not None and not clone.unique else None) or rsc.id

    def name(self, rsc: Rsc) -> str:
        """How crm_simulate prints it: the graph's name when some instance was found in the history
        under it, else the instance's own id (simulate_resource_action: pe_find_resource, then the
        long id)."""
        key = self.key(rsc)
        return key if key == rsc.id or key in self.known else rsc.id


def _renamed(rsc: Rsc) -> Optional[str]:
    """2.1.5's clone_name: set only when a history entry of another name is found to be this
    instance (the scheduler's `clone_name` starts as the instance's own id)."""
    return rsc.clone_name if rsc.clone_name is not None and rsc.clone_name != rsc.id else None


def plan(ws: WorkingSet, graph: act.ActionGraph, done: set) -> tuple[PlannedAction, ...]:
    """The executed actions, in the estimated order of crm_simulate's passes."""
    p = _Plan(ws, graph, done | _pending_starts(ws, graph))
    fencing = _fencing(p)
    _probes(p, fencing)
    _primitive_actions(p)
    _migrations(p)
    _recurring_monitors(p)
    _stopped_monitors(p)
    _collectives(p)
    _orderings(p, fencing)
    _stops_before_unfencing(p, fencing)
    _anti_colocations(p)
    _cluster_actions(p)
    _fencing_and_shutdown_order(p, fencing)
    _load_stopped(p)
    listed = tuple(step.action for step in _run(p.steps))
    ws.guesses.extend(f"{UNLISTED} {reason}" for reason in unlisted(ws, listed))
    if _interleaved_group_instance_unplaced(p, listed):
        ws.guesses.append(f"{UNLISTED} of an interleaved clone of groups ordered after another clone, starting "
                          "with an instance placed nowhere")
    if any(step.dropped for step in p.steps):   # where 2.1.5's graph differs from the estimate
        ws.guesses.append(f"{UNLISTED} where its estimate of 2.1.5's graph meets orderings in a loop")
    return listed


def _interleaved_group_instance_unplaced(p: _Plan, listed: tuple) -> bool:
    """An interleaved clone of groups, ordered after another clone, that starts with an instance
    placed nowhere: 2.1.5 orders that instance after the other clone's instance on a node it may
    run on (find_compatible_child) and runs its start pseudo action when that one runs; halab's
    scheduler makes no ordering for it (a variant of promoted-probed-score with a node offline;
    bug-suse-707150's unplaced instances, ordered after no clone, have none)."""
    starting = {action.resource for action in listed if action.task == "start" and action.pseudo}
    for top in p.ws.resources:
        if top.kind != "clone" or top.id not in starting or not is_true(top.meta.get("interleave")) or not any(
                child.kind == "group" and not any(prim.assigned or prim.running_on for prim in child.primitives())
                for child in top.children):
            continue
        if any(o.then.rsc is not None and o.then.rsc.top() is top and o.then.task == "start"
               and any(f.rsc is not None and f.rsc.top() is not top and f.rsc.top().kind == "clone" for f in o.first)
               for o in p.graph.orderings):
            return True
    return False


def _pending_starts(ws: WorkingSet, graph: act.ActionGraph) -> set:
    """The start standing for one recorded in flight (create_pending_start): optional, but
    print_always puts it in the graph wherever it can run (mon-rsc-3: `rsc1 start on node1` with an
    empty summary)."""
    return {id(start) for prim in ws.primitives() if prim.start_pending and prim.managed
            for start in (graph.starts.get(prim.id),)
            if start is not None and start.runnable and start.node is not None and start.node == prim.assigned}


def resource_order(ws: WorkingSet) -> list:
    """Every resource in the order pcmk__create_graph adds their actions: a group's own before
    its members', a clone's instances before the clone's own."""
    result: list = []

    def visit(rsc: Rsc) -> None:
        if rsc.kind != "clone":
            result.append(rsc)
        for child in rsc.children:
            visit(child)
        if rsc.kind == "clone":
            result.append(rsc)
    for rsc in ws.resources:
        visit(rsc)
    return result


def _fencing(p: _Plan) -> dict:
    """Node -> its unfencing or fencing step."""
    steps = {}
    for node in p.ws.node_order:
        if node in p.graph.unfencing:
            steps[node] = p.add(PlannedAction("on", None, node, kind="fencing"),
                                (1, 0, CLUSTER_POSITION["unfencing"], _reverse(p, node)))
    for action in p.graph.fencing:
        if id(action) in p.done:
            fence = p.ws.stonith_action or "reboot"
            info = p.ws.nodes.get(action.node)
            planned = (PlannedAction(f"stonith-{action.node}-{fence}", None, action.node, pseudo=True,
                                     kind="pseudo")   # a guest node is fenced by stopping its container
                       if info is not None and guest.is_guest(p.ws, info)
                       else PlannedAction(fence, None, action.node, kind="fencing"))
            # made while unpacking the node's state (pe_fence_node), before the unfencing and the
            # load_stopped actions (bug-lf-2551); one of a node with no node_state after them
            # (schedule_fencing_and_shutdowns: unfence-definition)
            where = "unpacked fencing" if action.node in p.ws.histories else "fencing"
            step = p.add(planned, (1, 0, CLUSTER_POSITION[where], _reverse(p, action.node)))
            p.by_action[id(action)] = steps[action.node] = step
    return steps


def _reverse(p: _Plan, node: Optional[str]) -> int:
    """Newest first: actions made node by node (in 2.1.5's node order, by name) sit in reverse."""
    return -p.node_rank[node] if node in p.node_rank else 0


def _probes(p: _Plan, fencing: dict) -> None:
    for action in p.graph.probes:
        if not action.runnable or (p.ws.container_of(action.rsc) is not None and not _is_connection(action.rsc)):
            continue   # pcmk__probe_rsc_on_node: no probe of a resource inside a container, but a guest's connection
        unfence = fencing.get(action.node)
        step = p.add(PlannedAction("monitor", p.name(action.rsc), action.node),
                     p.rank(action.rsc, "probe", _reverse(p, action.node)),
                     unfence if unfence is not None and unfence.action.task == "on" else None)
        p.probes.setdefault(action.rsc.id, []).append(step)


def _is_connection(rsc: Rsc) -> bool:
    return rsc.config is not None and remote.is_connection(rsc.config)


def _primitive_actions(p: _Plan) -> None:
    cancels: set = set()
    for action in p.graph.actions:
        if action.rsc is None or action.node is None or not (id(action) in p.done or _unmanaged_cancel(p.ws, action)):
            continue
        rsc, task = action.rsc, action.task
        if task == "start" and action.migrating:
            continue   # _migrations
        if task in ("start", "stop", "demote", "promote", "reload-agent", "delete"):
            planned = (PlannedAction(task, p.pseudo_key(rsc), None, pseudo=True, kind="pseudo") if action.pseudo
                       else PlannedAction(task, p.name(rsc), action.node))
        elif task == "cancel":
            if _orphan_op_stopping(p, rsc, action) or (rsc.id, action.node, action.interval_ms) in cancels:
                continue   # one cancel per operation key and node (a failed monitor's two history records)
            cancels.add((rsc.id, action.node, action.interval_ms))
            planned = PlannedAction("cancel", p.name(rsc), action.node, interval_ms=action.interval_ms)
        elif task == "clear_failcount":
            p.by_action[id(action)] = p.add(
                PlannedAction("clear_failcount", rsc.id, action.node, kind="cluster"),
                (1, 0, CLUSTER_POSITION["clear_failcount"], -p.slots.get(rsc.id, 0)))
            continue
        else:
            continue
        if task == "stop" and rsc.failed and action.node in rsc.running_on and failed_there(p.ws, rsc, action.node):
            # made while unpacking the failure recorded on that node, before the probes (elsewhere,
            # where a failed migration left it active, with the other actions: migrate-fail-6)
            task = "unpacked stop"
        elif task == "stop" and rsc.definition_changes.get(action.node) == "agent":
            task = "cleanup stop"    # pcmk__schedule_cleanup: the stop, then the delete (797)
        elif task == "start" and not rsc.failed and action.node in rsc.running_on \
                and rsc.definition_changes.get(action.node) == "restart":
            task = "early start"     # made when the changed definition was found, before the probes
        elif task == "start" and rsc.start_pending:
            task = "pending start"   # made first to stand for the pending one, before stop and demote
        p.by_action[id(action)] = p.add(planned, p.rank(rsc, task, _reverse(p, action.node)))


def _unmanaged_cancel(ws: WorkingSet, action) -> bool:
    """A cancel of an unmanaged resource's recurring operation no longer configured: 2.1.5 makes
    only an unmanaged resource's actions with no interval optional (custom_action), so the cancel
    runs (a variant of params-1 with the resource unmanaged: its monitor's interval changed). Not
    those of maintenance (where their place beside notifications and Stopped-role monitors is not
    modelled: variants of bug-5143-ms-shuffle and stopped-monitor-12 with a node in maintenance;
    refused, executing_unlisted._maintenance_node_monitors), nor on a node shutting down."""
    if action.task != "cancel" or action.rsc is None or action.rsc.managed or not action.runnable or action.optional:
        return False
    info = ws.nodes.get(action.node)
    return info is not None and not info.shutdown and not definitions.in_maintenance(ws, action.rsc, info)


def _orphan_op_stopping(p: _Plan, rsc: Rsc, cancel) -> bool:
    """A cancel of a recurring operation no longer configured where the resource stops for good,
    assigned nowhere: pcmk__finalize_assignment makes its recurring actions, the cancel among them,
    unrunnable (a variant of orphan-1 with a date rule banning the resource); one assigned but
    unable to start there (no quorum under no-quorum-policy=freeze: a variant of params-1) keeps
    it, as rec-rsc-2, recovered in place, does."""
    configured = {op.interval_ms for op in (rsc.config.operations if rsc.config is not None else ())}
    start = p.graph.starts.get(rsc.id)
    return cancel.interval_ms not in configured and rsc.assigned is None \
        and (start is None or id(start) not in p.done) and any(
            id(stop) in p.done and stop.node == cancel.node for stop in p.graph.stops.get(rsc.id, []))


def failed_there(ws: WorkingSet, rsc: Rsc, node: str) -> bool:
    """Whether unpacking `node`'s history left a failure that stops the resource there
    (process_rsc_state): one recorded there and not cleared by a later stop (update_resource_state;
    not-reschedule-unneeded-monitor's kimball), not where a failed migration elsewhere left it
    active (migrate-fail-6)."""
    if not any(uname == node for uname, _, _ in rsc.failures):
        return False
    entries = ws.histories.get(node, {})
    history = entries.get(rsc.id) or entries.get(rsc.base_id or "")
    records = sorted((r for r in history.operations if not r.is_probe), key=lambda r: r.call_id) if history else []
    last = records[-1] if records else None
    return not (last is not None and last.operation == "stop" and last.rc_code == 0 and last.op_status == 0)


def _migrations(p: _Plan) -> None:
    """migrate_to on the source, migrate_from on the target, then the stop on the source and a
    pseudo start (a migration half done goes on with migrate_from alone)."""
    for prim in p.ws.primitives():
        start = p.graph.starts.get(prim.id)
        if start is None or not start.migrating or id(start) not in p.done:
            continue
        stop = next((s for s in p.graph.stops.get(prim.id, []) if s.migrating), None)
        stop_step = p.by_action.get(id(stop)) if stop is not None else None
        to = None
        if stop is not None and not continues_partial(prim):
            to = p.add(PlannedAction("migrate_to", p.name(prim), stop.node), p.rank(prim, "migrate_to"),
                       *p.probes.get(prim.id, ()))
            if utilization.demand(prim):   # none without utilization (a variant of 2-am-then-b-move-a)
                p.migrate_to.append((to, start.node))
        frm = p.add(PlannedAction("migrate_from", p.name(prim), start.node), p.rank(prim, "migrate_from"), to)
        p.migrations[prim.id] = (to, frm)
        if stop_step is not None:
            stop_step.after(frm)
        p.by_action[id(start)] = p.add(PlannedAction("start", p.pseudo_key(prim), None, pseudo=True, kind="pseudo"),
                                       p.rank(prim, "start"), stop_step, frm)


def _orderings(p: _Plan, fencing: dict) -> None:
    """The graph's orderings between the actions that run, between two resources at the level of
    the group or clone they belong to (its pseudo actions, or a clone's notifications around
    them), as 2.1.5 makes them; a resource's start after its probes (the start of the clone it
    belongs to: pcmk__order_probes); what fencing implies after that fencing (but a fence
    device's stop)."""
    equivalents: list = []
    for ordering in p.graph.orderings:
        then = p.by_action.get(id(ordering.then))
        name = ordering.pseudo or ordering.named
        if name:   # in the graph even when `then` is not
            _one_or_more(p, name, ordering, then and (_lifted_target(p, ordering) or then))
            continue
        forced = ordering.then.rsc.parent if ordering.then.rsc is not None else None
        if then is None and forced is not None and forced.id in p.forced_groups and ordering.then.task == "start":
            then = p.collectives[(forced.id, "start")].begin   # a member's start stands for the group's
        if then is None:
            continue
        target = _lifted_target(p, ordering)
        for first in ordering.first:
            if first.task == "fence" and not _start_waits_for_fencing(p, first, ordering.then):
                continue
            step = p.by_action.get(id(first))
            if step is None and ordering.collective:
                # the collective's pseudo actions run even when this instance's action does not
                outer = _collective_step(p, first, "complete", [ordering.then])
                if ordering.flags & (act.IMPLIES_THEN | act.RUNNABLE_LEFT) or outer is None \
                        or not _waits_for(outer, _NEVER):   # else no input (a variant of group2)
                    (target or then).after(outer)
                continue
            if step is None and _interleaved(first, ordering.then):
                # the clones' own actions keep the ordering where this instance's first does not
                # run (clone-require-all-6 with an order B-clone then A-clone added)
                outer = _collective_step(p, ordering.then, "begin", [first])
                if outer is not None:
                    outer.after(_collective_step(p, first, "complete", [ordering.then]))
                continue
            if step is None:
                continue
            if ordering.collective:
                step = _collective_step(p, first, "complete", [ordering.then]) or step
            elif _interleaved(first, ordering.then):
                # the clones' own actions keep the ordering beside their instances'
                outer = _collective_step(p, ordering.then, "begin", [first])
                if outer is not None:
                    outer.after(_collective_step(p, first, "complete", [ordering.then]))
            if not ordering.flags & (act.IMPLIES_THEN | act.RUNNABLE_LEFT) and _waits_for(step, _NEVER):
                continue   # an optional ordering's first that never runs is no input (a variant of group2)
            (target or then).after(step)
            equivalents.append((first, ordering.then, step))
        for first in ordering.first:
            if first.task == "stop" and first.rsc is not None and first.rsc is not ordering.then.rsc \
                    and not ordering.collective:
                # order_first_probes_imply_stops: the probes of what stops first come first too
                (target or then).after_unless_loop(*p.probes.get(first.rsc.id, ()))
    _probes_before_restarts(p)
    for first, then_action, step in equivalents:   # last: they give way to loops
        _migration_equivalent(p, first, then_action, step)
    for prim in p.ws.primitives():
        for step in [*p.probes.get(prim.id, ()), *p.monitors.get(prim.id, ())]:
            connection = p.graph.starts.get(step.action.node or "")
            if connection is not None and connection.rsc is not None and connection.rsc.id == step.action.node:
                step.after(p.by_action.get(id(connection)))   # on a remote node once connected
        start = p.graph.starts.get(prim.id)
        # also a required start that cannot run there (no quorum: a variant of remote-startup-probes)
        target = start.node if start is not None and (id(start) in p.done or not start.optional) else None
        connection = p.graph.starts.get(target or "")
        if connection is not None and connection.rsc is not None and connection.rsc.id == target \
                and id(connection) in p.by_action:
            # moving to a remote node that connects: its stops wait for the connection too
            for stop in p.graph.stops.get(prim.id, []):
                if stop.node != target and id(stop) in p.by_action:
                    p.by_action[id(stop)].after_unless_loop(p.by_action[id(connection)])
        probes = p.probes.get(prim.id, ())
        start = p.graph.starts.get(prim.id)
        top = prim.top()
        entry = p.collectives.get((top.id, "start")) if top.kind == "clone" else None
        if entry is not None:
            entry.begin.after_unless_loop(*probes)
        elif start is not None and id(start) in p.by_action:
            p.by_action[id(start)].after_unless_loop(*probes)
        stopped = p.collectives.get((prim.parent.id, "stop")) if prim.parent is not None else None
        if stopped is not None:   # "member stop then parent stopped": its probes first too
            stopped.end.after_unless_loop(*probes)
        for action in _own_actions(p.graph, prim):
            step = p.by_action.get(id(action))
            if step is not None and action.pseudo and action.task in ("stop", "demote") \
                    and not (prim.config is not None and prim.config.standard == "stonith"):
                step.after_unless_loop(fencing.get(action.node))
                for parent in prim.ancestors() if action.task == "stop" else ():
                    entry = p.collectives.get((parent.id, action.task))
                    if entry is not None:
                        entry.begin.after_unless_loop(fencing.get(action.node))


def _start_waits_for_fencing(p: _Plan, fence, then) -> bool:
    """order_start_vs_fencing: a start waits for a node's fencing when its resource needs fencing
    (requires=fencing, the default with fencing enabled), or needs quorum only (a fence device's
    default) and may run on that node but is not known there (its anonymous clone's history
    counts); not for requires=nothing, nor for an unmanaged resource (rsc_stonith_ordering). A
    variant of per-op-failcount: a fence device restarted for a changed parameter, probed on the
    node fenced, starts again before the fencing."""
    rsc = then.rsc
    if then.task != "start" or rsc is None or rsc.kind != "primitive" or fence.node is None:
        return True   # none but a primitive's start is ordered after fencing here
    if not rsc.managed:
        return False
    needs = requires.of(p.ws, rsc).start_needs
    if needs != "quorum":
        return needs == "fencing"
    clone = rsc.parent if rsc.parent is not None and rsc.parent.kind == "clone" and not rsc.parent.unique else None
    known = rsc.known_on | (clones.known_on(rsc) if clone is not None else set())
    return fence.node in rsc.allowed and fence.node not in known


def _probes_before_restarts(p: _Plan) -> None:
    """order_first_probe_then_restart_repromote: a probe comes before the stops of every other
    primitive whose start its resource's start (or its clone's) requires, directly or along a
    chain of such orderings (implies_then), through groups and clones to their members (a variant
    of clone-fail-block-colocation with a node added: the cloned birds' probes before svc's
    members stop)."""
    implying: dict = {}
    for ordering in p.graph.orderings:
        # a mandatory one (implies_then with runnable_left; an optional ordering's implies_then
        # here is this scheduler's own: a variant of rec-rsc-9 with a node added)
        if ordering.flags & act.IMPLIES_THEN and ordering.flags & act.RUNNABLE_LEFT \
                and ordering.then.task == "start" and ordering.then.rsc is not None:
            for first in ordering.first:
                if first.task == "start" and first.rsc is not None:
                    implying.setdefault(first.rsc.id, []).append(ordering.then.rsc)
    for prim_id, probes in p.probes.items():
        prim = p.ws.by_id.get(prim_id)
        if prim is None:
            continue
        top = prim.top()
        todo = [prim, *([other for other in top.primitives() if other is not prim] if top.kind == "clone" else [])]
        seen = {rsc.id for rsc in todo}
        reached: list = []
        while todo:
            current = todo.pop()
            for then in implying.get(current.id, ()):
                if then.id not in seen:
                    seen.add(then.id)
                    todo.append(then)
                    if then is not prim:
                        reached.append(then)
        for then in reached:
            for stop in p.graph.stops.get(then.id, []):
                step = p.by_action.get(id(stop))
                if step is not None and not stop.pseudo:
                    for probe in probes:
                        step.after_unless_loop(probe)


def _stops_before_unfencing(p: _Plan, fencing: dict) -> None:
    """pcmk__primitive_internal_constraints: a resource that needs unfencing, not a fence device
    (whose requires is quorum), stops on a node before that node is unfenced; it and a fence device
    start there after it (unfence-parameters)."""
    for prim in p.ws.primitives():
        if prim.config is None or not unfencing.needs_unfencing(p.ws, prim):
            continue
        device = requires.is_fence_device(prim)
        for action in [*([] if device else p.graph.stops.get(prim.id, [])), p.graph.starts.get(prim.id)]:
            unfence = fencing.get(action.node) if action is not None else None
            step = p.by_action.get(id(action))
            if unfence is None or unfence.action.task != "on" or step is None or step.action.pseudo:
                continue
            if action.task == "stop":
                unfence.after_unless_loop(step)
            else:
                step.after_unless_loop(unfence)


def _lifted_target(p: _Plan, ordering: act.Ordering) -> Optional[_Step]:
    """The pseudo action of the group or clone of `then` an ordering between two resources goes
    to, if any."""
    lifted = ordering.collective or (all(f.rsc is not None for f in ordering.first) and not any(
        f.rsc.top().kind == "clone" or _hosts(p, f.rsc, ordering.then.node) for f in ordering.first))
    return _collective_step(p, ordering.then, "begin", ordering.first) if lifted else None


def _one_or_more(p: _Plan, name: str, ordering: act.Ordering, then: Optional[_Step]) -> None:
    """A clone-min ordering's or a require-all=false set's pseudo action (clone-one-or-more:ORDER,
    one-or-more:SET): it waits for the first actions that run (any one of them would do, but
    the graph lists them all), and `then` waits for it; in the graph when one of them runs and
    enough of them can (clone-min)."""
    firsts = [p.by_action[id(f)] for f in ordering.first if id(f) in p.by_action]
    step = p.one_or_more.get(name)
    if step is None:
        if not firsts or sum(1 for f in ordering.first if f.runnable) < max(1, ordering.min_runnable):
            return   # unrunnable (clone-min not reached): not in the graph
        step = p.one_or_more[name] = p.add(PlannedAction(name, None, None, pseudo=True, kind="pseudo"),
                                           (1, 0, CLUSTER_POSITION["one-or-more"], -len(p.one_or_more)))
    step.after(*firsts)
    if then is not None:
        then.after(step)


def _anti_colocations(p: _Plan) -> None:
    """anti_colocation_order: a -INFINITY colocation orders, both ways, what makes one resource
    lose its role (stop; demote for Promoted; also promote for Unpromoted) before what makes the
    other gain its role (start; promote for Promoted; also demote for Unpromoted), between the
    resources' own actions (a group's or clone's pseudo actions); an input between actions on two
    different nodes is left out of the graph."""
    for rule in p.ws.colocations:
        if rule.score > -INFINITY:
            continue
        for first, first_role, then, then_role in ((rule.dependent, rule.dependent_role, rule.primary,
                                                    rule.primary_role),
                                                   (rule.primary, rule.primary_role, rule.dependent,
                                                    rule.dependent_role)):
            losing = ["demote"] if first_role == "Promoted" else \
                ["stop", "promote"] if first_role == "Unpromoted" else ["stop"]
            gaining = ["promote"] if then_role == "Promoted" else \
                ["start", "demote"] if then_role == "Unpromoted" else ["start"]
            for task in losing:
                for before in _resource_steps(p, first, task, "complete"):
                    for other in gaining:
                        for after in _resource_steps(p, then, other, "begin"):
                            a, b = before.action.node, after.action.node
                            if a is None or b is None or a == b:
                                after.after_unless_loop(before)


def _resource_steps(p: _Plan, rsc: Rsc, task: str, which: str) -> list:
    """The steps of a resource's own action `task`: a primitive's, or a group's or clone's pseudo
    action (its end when it comes first, its start when it comes second)."""
    if rsc.kind != "primitive":
        entry = p.collectives.get((rsc.id, task))
        return [] if entry is None else [entry.complete if which == "complete" else entry.begin]
    actions = _member_actions(p.graph, rsc, task) if task in BRACKETS else []
    return [p.by_action[id(a)] for a in actions if id(a) in p.by_action]


def _hosts(p: _Plan, rsc: Rsc, uname: Optional[str]) -> bool:
    """Whether `rsc` is the connection or container of remote or guest node `uname`: 2.1.5 orders
    the actions there after them one by one (pcmk__order_remote_connection_actions,
    apply_container_ordering), not through their group or clone."""
    info = p.ws.nodes.get(uname or "")
    if info is None:
        return False
    return rsc is remote.connection_of(p.ws, info) or rsc is guest.container_of_node(p.ws, info)


def _interleaved(first, then) -> bool:
    """An ordering between instances of two clones (interleave: 2.1.5 orders the instances
    besides the clones' pseudo actions)."""
    return first.rsc is not None and then.rsc is not None and first.rsc.top() is not then.rsc.top() \
        and first.rsc.top().kind == "clone" and then.rsc.top().kind == "clone"


def _migration_equivalent(p: _Plan, first, then, first_step: _Step) -> None:
    """pcmk__order_migration_equivalents: "start A then start B" with B migrating orders B's
    migrate_to after A's start, or after A's migrate_from when A migrates too; "stop A then
    stop B" with A moving by stop and start orders B's migrate_to after A's stop; "promote A then
    start B" and "demote A then stop B" order B's migrate_to after A's promote or demote."""
    if then.rsc is None or first.rsc is None or first.rsc is then.rsc or not then.migrating:
        return
    to = p.migrations.get(then.rsc.id, (None, None))[0]
    if to is None:
        return
    if (first.task, then.task) in (("promote", "start"), ("demote", "stop")):
        to.after_unless_loop(first_step)
        return
    if first.task != then.task or then.task not in ("start", "stop"):
        return
    if then.task == "start" and first.migrating:
        to.after_unless_loop(p.migrations.get(first.rsc.id, (None, None))[1])
    elif not first.migrating:
        to.after_unless_loop(first_step)


def _collective_step(p: _Plan, action, which: str, others: list) -> Optional[_Step]:
    """The pseudo action of the outermost group or clone `action`'s resource belongs to that an
    ordering with `others` (actions of another resource) goes through, if it exists."""
    if action.rsc is None:
        return None
    top = action.rsc.top()
    if top is action.rsc or any(o.rsc is not None and o.rsc.top() is top for o in others):
        return None
    entry = p.collectives.get((top.id, action.task))
    if entry is None:
        return None
    return entry.begin if which == "begin" else entry.complete


def _own_actions(graph: act.ActionGraph, prim: Rsc) -> list:
    own = list(graph.stops.get(prim.id, []))
    for table in (graph.starts, graph.promotes, graph.demotes):
        if prim.id in table:
            own.append(table[prim.id])
    return own


def _recurring_monitors(p: _Plan) -> None:
    """The monitors a start, promote or demote brings for the role it leaves the resource in, and
    the cancels of those running for the role it leaves (recurring_op_for_active: a monitor
    already running under the same key stays), then those `recurring.missing_monitors` restarts
    where a resource stays."""
    seen: set = set()
    cancelled = {(a.rsc.id, a.node, a.interval_ms) for a in p.graph.actions
                 if a.task == "cancel" and a.rsc is not None}
    for prim in p.ws.primitives():
        if not prim.managed:
            continue
        start = p.graph.starts.get(prim.id)
        promote, demote = p.graph.promotes.get(prim.id), p.graph.demotes.get(prim.id)
        stopping = any(id(stop) in p.done for stop in p.graph.stops.get(prim.id, []))
        role = "Unpromoted" if prim.promotable_clone() is not None else "Started"
        after, node, started = None, None, False
        if start is not None and id(start) in p.done and start.node is not None:
            after, node, started = p.by_action.get(id(start)), start.node, True
        if promote is not None and id(promote) in p.done and promote.node:
            after, node, role = p.by_action.get(id(promote)), promote.node, "Promoted"
        elif not started and not stopping and demote is not None and id(demote) in p.done \
                and prim.assigned == demote.node:
            after, node = p.by_action.get(id(demote)), demote.node
        if after is None or node is None:
            continue
        if role != "Promoted" and prim.next_role == "Promoted":
            continue   # its monitors are the Promoted role's, after a promote that does not run
        running = set() if started else prim.active_monitors.get(node, set())
        for index, (interval, roles) in enumerate(_monitor_ops(prim)):
            seen.add((prim.id, node, interval))
            if any(monitor_role_matches(op_role, role) for op_role in roles):
                if interval not in running:
                    # restarted where it is: made before the restart's actions (its list's end) when the
                    # history shows it running (process_recurring made it while unpacking: a variant
                    # of promoted-demote-block without it); not where its start failed (a variant of
                    # ticket-group-5)
                    where = "early monitor" if started and not prim.start_pending and node in prim.running_on \
                        and _was_running(p, prim, node, interval) \
                        and (node, "start", 0) not in prim.failures and not any(
                            stop.pseudo for stop in p.graph.stops.get(prim.id, []) if stop.node == node) else "monitor"
                    step = p.add(PlannedAction("monitor", p.name(prim), node, interval_ms=interval),
                                 p.rank(prim, where, -index), after)
                    p.monitors.setdefault(prim.id, []).append(step)
            elif interval in running and (prim.id, node, interval) not in cancelled:
                after.after(p.add(PlannedAction("cancel", p.name(prim), node, interval_ms=interval),
                                  p.rank(prim, "cancel", -index)))
    for prim, node, interval, _ in p.graph.monitors:
        if _start_unrunnable_for_quorum(p.ws, prim):
            continue
        if (prim.id, node, interval) not in seen:
            seen.add((prim.id, node, interval))
            # one whose definition changed is rescheduled while the history is unpacked
            where = "early monitor" if _rescheduled(p, prim, node, interval) else "monitor"
            step = p.add(PlannedAction("monitor", p.name(prim), node, interval_ms=interval),
                         p.rank(prim, where, 0))
            p.monitors.setdefault(prim.id, []).append(step)


def _start_unrunnable_for_quorum(ws: WorkingSet, prim: Rsc) -> bool:
    """recurring_op_for_active makes a monitor unrunnable when its resource's start is, and a start
    that needs quorum (requires is not nothing) is unrunnable without quorum unless
    no-quorum-policy is ignore, or freeze with the resource active (a variant of promoted-reattach
    without quorum: the unmanaged resources' monitors are not run)."""
    if ws.have_quorum or ws.no_quorum_policy == "ignore":
        return False
    if requires.of(ws, prim).runs_without_quorum:
        return False
    return ws.no_quorum_policy != "freeze" or not prim.running_on


def _stopped_monitors(p: _Plan) -> None:
    """recurring_op_for_inactive: a monitor of the Stopped role on every online node but the one
    the resource is assigned to, where its history does not show it running (process_recurring
    made it there, so it is optional, unless it stops there), after the probe and the stops there;
    cancelled before the start where it runs on the assigned node. Not for an anonymous clone's
    instances."""
    for prim in p.ws.primitives():
        clone = prim.clone_parent()
        if prim.blocked or is_true(prim.meta.get("maintenance")) or (clone is not None and not clone.unique):
            continue
        for index, (interval, roles) in enumerate(_monitor_ops(prim)):
            if "stopped" not in roles:
                continue
            for uname in p.ws.node_order:
                info = p.ws.nodes[uname]
                history = p.ws.histories.get(uname, {}).get(prim.id)
                running = info.online and history is not None and interval in running_recurring(history)
                if uname == prim.assigned:
                    start = p.graph.starts.get(prim.id)
                    if running and start is not None and not any(
                            s.action.task == "cancel" and s.action.node == uname
                            and s.action.interval_ms == interval and s.action.resource == p.name(prim)
                            for s in p.steps):
                        cancel = p.add(PlannedAction("cancel", p.name(prim), uname, interval_ms=interval),
                                       p.rank(prim, "cancel", -index))
                        if id(start) in p.by_action:
                            p.by_action[id(start)].after(cancel)
                    continue
                stops = [p.by_action[id(a)] for a in p.graph.stops.get(prim.id, [])
                         if a.node == uname and id(a) in p.by_action]
                # order_after_stops: a stop there implies it (pe_order_implies_then)
                if (running and not (stops and prim.managed)) or not info.online or info.unclean:
                    continue
                if not prim.managed and uname in prim.running_on:
                    continue   # unmanaged and active there, failed: none (a variant of stopped-monitor-11)
                probes = [s for s in p.probes.get(prim.id, ()) if s.action.node == uname]
                step = p.add(PlannedAction("monitor", p.name(prim), uname, interval_ms=interval),
                             p.rank(prim, "monitor", -index, _reverse(p, uname)), *stops,
                             *(probes if prim.managed else ()))
                p.monitors.setdefault(prim.id, []).append(step)


def _was_running(p: _Plan, prim: Rsc, node: str, interval: int) -> bool:
    """Whether the node's history shows that recurring operation running (process_recurring)."""
    entries = p.ws.histories.get(node, {})
    return any(interval in active_recurring(entries[name])
               for name in {prim.id, prim.clone_name, prim.base_id} if name is not None and name in entries)


def _rescheduled(p: _Plan, prim: Rsc, node: str, interval: int) -> bool:
    """Whether that monitor was active in the node's history but its definition changed (the
    scheduler dropped it from the active ones to run it again)."""
    entries = p.ws.histories.get(node, {})
    return interval not in prim.active_monitors.get(node, set()) and any(
        interval in active_recurring(entries[name]) for name in {prim.id, prim.clone_name} if name in entries)


def _monitor_ops(prim: Rsc) -> list:
    """(interval ms, roles) of the recurring monitors, by interval: monitors of two roles with one
    interval share their key (rsc_monitor_5000), so one running serves both."""
    result: dict = {}
    for op in recurring_monitor_ops(prim):
        result.setdefault(op.interval_ms, []).append((op.role or "").strip().lower())
    return list(result.items())


def _member_actions(graph: act.ActionGraph, prim: Rsc, task: str) -> list:
    if task == "stop":
        return list(graph.stops.get(prim.id, []))
    table = {"start": graph.starts, "promote": graph.promotes, "demote": graph.demotes}[task]
    return [table[prim.id]] if prim.id in table else []


def _collectives(p: _Plan) -> None:
    """A group's or clone's pseudo actions around what its members do (start ... running,
    stop ... stopped, promote ... promoted, demote ... demoted), their order among themselves
    (stopped and demoted before start, running before promote ...), and a clone's notifications
    when it has notify=true."""
    for rsc in resource_order(p.ws):
        if rsc.kind == "primitive":
            continue
        for task in CREATED:
            actions = [a for prim in rsc.primitives() for a in _member_actions(p.graph, prim, task)]
            members = [p.by_action[id(a)] for a in actions if id(a) in p.by_action]
            # a member's action that is required but never runs (one held by an ordering) still
            # makes its collective's pseudo action, which runs, but not the one that waits for it;
            # one that cannot run leaves a group's end out of the graph (a group's action is
            # runnable when all its members' are, a clone's when one instance's is), and a
            # group's stop or demote still runs
            required = [a for a in actions if id(a) not in p.by_action and not a.optional and a.node is not None]
            waiting = [a for a in required if a.runnable]
            unrunnable = [a for a in required if not a.runnable] if rsc.kind == "group" else []
            if rsc.kind == "group" and task == "start" and members and not unrunnable:
                # a member that cannot start at all holds the group's running (runnable_left)
                unrunnable = [a for a in actions if not a.runnable and a.exists]
            # a managed clone instance's stop that is required but cannot run still makes the clone's
            # stop and stopped, which run (unrunnable-1; not an unmanaged one: stop-failure-no-fencing)
            stuck = rsc.kind == "clone" and task == "stop" and any(
                not a.runnable and a.rsc is not None and a.rsc.managed for a in required)
            forced = task == "start" and rsc.kind == "group" and not members and _group_start_forced(p, rsc)
            if not members and not waiting and not (unrunnable and task in ("stop", "demote")) and not stuck \
                    and not (task == "start" and _start_required(p, rsc)) and not forced:
                continue
            if waiting or unrunnable or forced:
                members.append(_NEVER)
            if forced:
                p.forced_groups.add(rsc.id)
            slot = p.slots[rsc.id]
            where = -CREATED.index(task)
            begin = p.add(PlannedAction(task, rsc.id, None, pseudo=True, kind="pseudo"), (0, slot, where, 5))
            end = p.add(PlannedAction(BRACKETS[task], rsc.id, None, pseudo=True, kind="pseudo"),
                        (0, slot, where, 4), begin, *members)
            for member in members:
                if member is not _NEVER:
                    member.after(begin)
            for child in rsc.children:
                inner = p.collectives.get((child.id, task))
                if inner is not None:   # a clone's group instances: within the clone's
                    inner.begin.after(begin)
                    end.after(inner.end)
            entry = p.collectives[(rsc.id, task)] = _Collective(begin, end)
            if rsc.kind == "clone" and is_true(rsc.meta.get("notify")):
                _notifications(p, rsc, task, entry)
        _between_tasks(p, rsc)
        if rsc.kind == "group":
            _member_stops(p, rsc)


def _group_start_forced(p: _Plan, group: Rsc) -> bool:
    """A group none of whose members starts still runs its start pseudo action (not its running)
    when that is runnable and required or print_always (should_add_action_to_graph): a mandatory
    ordering from an action of another resource that runs makes it required (implies_then: a
    group found unable to run by a probe, after a promote), or an active member's start required
    and unrunnable for a reason of its own, no quorum, makes it print_always
    (pe_order_implies_first_printed). Not when an ordering into it from an action that cannot
    run makes it unrunnable (runnable_left)."""
    prims = list(group.primitives())
    ids = {prim.id for prim in prims}
    starts = [p.graph.starts[prim.id] for prim in prims if prim.id in p.graph.starts]
    if any(id(start) in p.done for start in starts):
        return False
    into = [o for o in p.graph.orderings if any(o.then is start for start in starts)
            and not o.pseudo and not o.named and o.first
            and all(f.rsc is not None and f.rsc.id not in ids for f in o.first)]
    if any(o.flags & act.RUNNABLE_LEFT and sum(f.runnable for f in o.first) < max(1, o.min_runnable) for o in into):
        return False
    # required through the stop of a member restarted or moved (stop then start, implies_then); a
    # stopped member's start blocked by no quorum leaves it out (promoted-9)
    printed = any(start.node is not None and not start.optional and not start.runnable
                  and start.reason == "no quorum" and start.rsc.running_on for start in starts)
    # runnable_left comes with implies_then in 2.1.5 (a clone's promote keeps only the former here)
    required = any(o.flags & (act.IMPLIES_THEN | act.RUNNABLE_LEFT) and any(id(f) in p.done and not f.optional for f in o.first)
                   for o in into)
    return printed or required


def _start_required(p: _Plan, clone: Rsc) -> bool:
    """A clone none of whose instances starts still runs its start and running pseudo actions when
    an instance stops for good and an ordering makes them required: a clone-min or require-all=false
    ordering it comes first in while some instance can still start, or a restart it is the reason
    of ("required CLONE running"). Found on the public cases, not read in 2.1.5's code."""
    if clone.kind != "clone" or not any(
            id(stop) in p.done and (prim.id not in p.graph.starts or p.graph.starts[prim.id].node is None)
            for prim in clone.primitives() for stop in p.graph.stops.get(prim.id, [])):
        return False   # no instance stops for good (its start then required and unrunnable)
    starts = {id(p.graph.starts.get(prim.id)) for prim in clone.primitives()}
    for ordering in p.graph.orderings:
        if not any(id(first) in starts for first in ordering.first):
            continue
        if ordering.pseudo and any(first.runnable for first in ordering.first):
            return True
        if ordering.then.reason == f"required {clone.id} running" and id(ordering.then) in p.done:
            return True
    return False


def _member_stops(p: _Plan, group: Rsc) -> None:
    """A group member's stop waits for the stop of the next member that is stopping, past
    members that are not active (member_internal_constraints orders the last active one)."""
    later: list = []
    for member in reversed(group.children):
        steps = [p.by_action[id(a)] for prim in member.primitives() for a in p.graph.stops.get(prim.id, [])
                 if id(a) in p.by_action]
        if steps:
            for step in steps:
                step.after(*later)
            later = steps
        elif any(prim.running_on for prim in member.primitives()):
            later = []   # an active member staying: its stop, not in the graph, was the link


def _between_tasks(p: _Plan, rsc: Rsc) -> None:
    """pcmk__clone_internal_constraints / group: stop before start, demote before stop and start,
    start and stop before promote; each notification round after the previous ones."""
    get = p.collectives.get
    rules = (("start", ("stop", "demote")), ("stop", ("demote",)), ("promote", ("start", "stop", "demote")))
    for task, befores in rules:
        entry = get((rsc.id, task))
        if entry is None:
            continue
        for before in befores:
            earlier = get((rsc.id, before))
            if earlier is not None:
                entry.begin.after(earlier.end)
                if entry.pre is not None:
                    entry.pre.after(earlier.post_done)


def _notifications(p: _Plan, clone: Rsc, task: str, entry: _Collective) -> None:
    """pcmk__clone_notif_pseudo_ops and create_notify_actions (pcmk_sched_notif.c): pre- and
    post-notifications of each instance around the clone's action."""
    slot, where, done = p.slots[clone.id], -CREATED.index(task), BRACKETS[task]

    def pseudo(name: str, place: int, *inputs: Optional[_Step]) -> _Step:
        return p.add(PlannedAction(name, clone.id, None, pseudo=True, kind="pseudo"), (0, slot, where, place),
                     *inputs)
    entry.pre = pseudo(f"pre_notify_{task}", 3)
    entry.pre_done = pseudo(f"confirmed-pre_notify_{task}", 2, entry.pre)
    entry.post = pseudo(f"post_notify_{done}", 1, entry.end, entry.pre_done)
    entry.post_done = pseudo(f"confirmed-post_notify_{done}", 0, entry.post)
    entry.begin.after(entry.pre_done)
    for instance in clone.children:
        for prim in instance.primitives():
            for node, kind in _notified(p, prim, task):
                parent = entry.pre if kind == "pre" else entry.post
                complete = entry.pre_done if kind == "pre" else entry.post_done
                step = p.add(PlannedAction("notify", p.name(prim), node),
                             p.rank(prim, "notify", where, 0 if kind == "post" else 1), parent)
                complete.after(step)
                if kind == "post":
                    for monitor in p.monitors.get(prim.id, ()):
                        monitor.after(entry.post_done)


def _notified(p: _Plan, prim: Rsc, task: str) -> list:
    """(node, "pre" | "post") of each notification an instance gets for its clone's `task`."""
    result = []
    if task in ("stop", "demote") and prim.running_on:
        stop = next(iter(p.graph.stops.get(prim.id, [])), None)
        for node in prim.running_on:
            info = p.ws.nodes.get(node)
            if info is None or not info.online or (stop is not None and stop.pseudo and info.unclean):
                continue
            result.append((node, "pre"))
            if task == "demote" or stop is None or id(stop) not in p.done:
                result.append((node, "post"))
    if task in ("start", "promote") and prim.next_role not in (None, "Stopped") and prim.assigned:
        info = p.ws.nodes.get(prim.assigned)
        if info is None or not info.online:
            return result
        start = p.graph.starts.get(prim.id)
        if task != "start" or start is None or id(start) not in p.done:
            result.append((prim.assigned, "pre"))
        result.append((prim.assigned, "post"))
    return result


def _cluster_actions(p: _Plan) -> None:
    """do_shutdown on each node shutting down, after every stop there (sched_shutdown_op)."""
    for uname in p.ws.node_order:
        info = p.ws.nodes[uname]
        if not info.shutdown or not info.online or info.unclean or info.node_type != "member":
            continue   # a remote or guest node gets no do_shutdown
        stops = [p.by_action[id(a)] for a in p.graph.actions if a.task in ("stop", "demote")
                 and a.node == uname and id(a) in p.by_action]
        p.shutdowns[uname] = p.add(PlannedAction("do_shutdown", None, uname, kind="cluster"),
                                   (1, 0, CLUSTER_POSITION["do_shutdown"], _reverse(p, uname)), *stops)


def _fencing_and_shutdown_order(p: _Plan, fencing: dict) -> None:
    """schedule_fencing_and_shutdowns, node by node by name: without concurrent-fencing (2.1.5's
    default) each fencing of a node but the DC waits for the one before; the DC's fencing or
    shutdown waits for the others' fencing (the last of the chain) and a DC shutdown for the
    other shutdowns."""
    concurrent = is_true(p.ws.properties.get("concurrent-fencing", "false"))
    fenced: list = []
    shutdowns: list = []
    dc_down: Optional[_Step] = None
    for uname in sorted(p.node_rank, key=p.node_rank.__getitem__):
        step = fencing.get(uname)
        info = p.ws.nodes[uname]
        if step is not None and step.action.kind == "fencing" and step.action.task != "on":
            if info.is_dc:
                dc_down = step
                continue
            if not concurrent and fenced:
                step.after(fenced[-1])
            fenced.append(step)
        elif uname in p.shutdowns:
            if info.is_dc:
                dc_down = p.shutdowns[uname]
            else:
                shutdowns.append(p.shutdowns[uname])
    if dc_down is None:
        return
    if dc_down.action.kind == "cluster":
        dc_down.after_unless_loop(*shutdowns)
    dc_down.after_unless_loop(*(fenced if concurrent else fenced[-1:]))


def _load_stopped(p: _Plan) -> None:
    """Under a placement strategy other than default, a pseudo action per node that waits for the
    stops there and holds the starts there (pcmk__create_utilization_constraints)."""
    if utilization.strategy(p.ws) == "default" or not any(True for _ in p.ws.primitives()):
        return
    # made on first use, resource by resource: where it is active, then every node by name
    created: list = []
    # only managed resources with utilization make them and are ordered with them (a variant of
    # 2-am-then-b-move-a: A without, migrating, B with; pcmk__primitive_internal_constraints
    # skips an unmanaged one: stopped-monitor-04 + utilization)
    loaded = {prim.id for prim in p.ws.primitives() if utilization.demand(prim) and prim.managed}
    for prim in p.ws.primitives():
        if prim.id not in loaded:
            continue
        for uname in [*prim.running_on, *sorted(p.node_rank, key=p.node_rank.__getitem__)]:
            if uname in p.node_rank and uname not in created:
                created.append(uname)
    for index, uname in enumerate(created):
        step = p.add(PlannedAction(f"load_stopped_{uname}", None, None, pseudo=True, kind="pseudo"),
                     (1, 0, CLUSTER_POSITION["load_stopped"], -index))
        for action in p.graph.actions:
            planned = p.by_action.get(id(action))
            if planned is None or action.rsc is None:
                continue
            if action.task == "stop" and action.node == uname and action.rsc.id in loaded:
                step.after(planned)
        for action in p.graph.actions:
            planned = p.by_action.get(id(action))
            if planned is not None and action.rsc is not None and action.task == "start" \
                    and action.rsc.id in loaded and action.node == uname and not _waits_for(step, planned):
                planned.after(step)   # a load ordering that would close a loop is dropped
        for migrate_to, target in p.migrate_to:
            if target == uname and not _waits_for(step, migrate_to):
                migrate_to.after(step)   # the load that matters to a migration is its target's


def _waits_for(step: _Step, other: _Step) -> bool:
    """Whether `step` waits, directly or not, for `other`."""
    seen: set = set()
    todo = [step]
    while todo:
        current = todo.pop()
        if current is other:
            return True
        if id(current) not in seen:
            seen.add(id(current))
            todo.extend(current.inputs)
    return False


# an input that never completes
_NEVER = _Step(PlannedAction("never", None, None), ())


def _run(steps: list) -> list:
    """crm_simulate's passes: walk the steps in synapse order, firing each whose inputs fired."""
    ordered = sorted(steps, key=lambda s: s.rank)
    held = {id(_NEVER)}
    changed = True
    while changed:
        changed = False
        for step in ordered:
            if id(step) not in held and any(id(i) in held for i in step.inputs):
                held.add(id(step))
                changed = True
    fired: set = set()
    result: list = []
    progress = True
    while progress:
        progress = False
        for step in ordered:
            if id(step) not in fired and all(id(i) in fired for i in step.inputs):
                fired.add(id(step))
                result.append(step)
                progress = True
    # inputs that wait on each other in this estimate: what is left still ran
    return result + [s for s in ordered if id(s) not in fired and id(s) not in held]


def render(actions: tuple) -> list[str]:
    """The list's lines, as 2.1.5's inject-* messages print them."""
    lines = []
    for action in actions:
        if action.kind == "fencing":
            lines.append(f"  * Fencing {action.node} ({action.task})")
        elif action.kind == "cluster":
            subject = f" for {action.resource}" if action.resource else ""
            lines.append(f"  * Cluster action:  {action.task}{subject} on {action.node}")
        elif action.pseudo:
            where = f" on {action.node}" if action.node else ""
            key = f"{action.resource}_{action.task}_0" if action.resource else action.task
            lines.append(f"  * Pseudo action:   {key}{where}")
        else:
            task = f"{action.task}={action.interval_ms}" if action.interval_ms else action.task
            lines.append(f"  * Resource action: {action.resource:<15} {task} on {action.node}")
    return lines
