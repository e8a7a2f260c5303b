"""`schedule(cib) -> Transition`: the whole scheduler run, a pure function of the CIB."""

from __future__ import annotations

from typing import Optional

from ..cib.model import Cib
from . import actions as act
from . import definitions, discovery, executing, injected, migration_history
from . import guest, recurring, remote, remote_orderings
from .allocation_order import allocation_order
from .assign import assign
from .promotion import promoted_after
from .recurring import configured_monitors, missing_monitors
from .placement import (apply_failure_thresholds, apply_locations, apply_stickiness,
                        build_colocations)
from .health import apply_node_health
from .node_status import node_status, own_maintenance
from .shutdown_lock import apply_shutdown_locks
from .summary import summarise
from .tickets import apply_tickets
from .transition import (ORDERING_LOOP, NodeStatus, ResourceStatus, ResourceView, ScoreLine,
                         Transition)
from .unpack import clone_max, fence_node, threshold_failcount, unpack
from .working import Rsc, WorkingSet, role_name


def schedule(cib: Cib, now: Optional[int] = None) -> Transition:
    """Decide placement and actions exactly as Pacemaker 2.1.5's scheduler would.

    `now` (seconds since the epoch) is used for failure-timeout when the CIB has
    no `execution-date`; without either, failures never expire.
    """
    return schedule_with_graph(cib, now)[0]


def current_status(cib: Cib, now: Optional[int] = None) \
        -> tuple[tuple[ResourceView, ...], tuple[NodeStatus, ...], tuple[ResourceView, ...]]:
    """What crm_mon shows of a CIB: resources and nodes as its status section says they are now
    (`schedule(cib).before` and `.nodes_before`, without deciding anything), and every resource
    including those its resource list leaves out (`_left_out_group`) whose members still run on
    their nodes, as crm_mon -n and a node's resources_running count them."""
    ws = unpack(guest.with_guest_connections(cib), now)
    current = _current_placement(ws)
    every = tuple(_view(ws, rsc, current) for rsc in ws.resources if not (rsc.orphan and not current[rsc.id][1]))
    return _views(ws, current), _node_states(ws, set(), current), every


def schedule_with_graph(cib: Cib, now: Optional[int] = None) -> tuple[Transition, act.ActionGraph]:
    """`schedule()`, plus the action graph with its orderings, for the controller that executes it."""
    cib = guest.with_guest_connections(cib)
    ws = unpack(cib, now)
    current = _current_placement(ws)
    before_views = _views(ws, current)
    nodes_before = _node_states(ws, set(), current)
    # crm_simulate shows the revised status from a fresh unpack of the revised CIB: flags that only
    # scheduling sets (a ticket's loss-policy=freeze) are not in it (ticket-primitive-12)
    unpacked = {p.id: (p.managed, p.blocked) for p in ws.primitives()}
    apply_shutdown_locks(ws, cib)
    remote.ban_from_remote_nodes(ws)
    apply_node_health(ws)
    apply_tickets(ws, cib)
    apply_locations(ws, cib)
    apply_stickiness(ws)
    apply_failure_thresholds(ws, lambda rsc, node: threshold_failcount(ws, rsc, node))
    discovery.apply_exclusive_discovery(ws)
    build_colocations(ws, cib)
    ws.sorted_resources = allocation_order(ws)   # the scores it sorts by change as resources are assigned
    for rsc in remote.connections_first(ws, ws.sorted_resources):
        assign(ws, rsc, remote.preferred_node(rsc))
    for node in remote.failed_remote_nodes(ws) if discovery.startup_probes(ws) else ():
        fence_node(ws, node, "the connection is unrecoverable")   # pcmk__schedule_probes
    guests = remote_orderings.guests_to_fence(ws)
    fenced = _fencing(ws) | guests
    graph = act.create_actions(ws, fenced)
    act.add_orderings(ws, cib, graph)
    remote_orderings.order_remote_actions(ws, graph)
    remote_orderings.order_guest_fencing(ws, graph)
    act.propagate(graph, ws.colocations)
    definitions.drop_reloads_of_restarts(graph)
    graph.monitors = missing_monitors(ws, graph)
    remote_orderings.unverified_guests(ws, graph, guests)   # on the settled graph
    summary = summarise(ws, graph, fenced)
    done = _executed(graph)
    # a guest node's fencing is a pseudo action: crm_simulate leaves its history, and what a
    # pseudo stop there implied, in place
    after = _revised_placement(ws, graph, fenced - guests, done)
    if ordering_loop(graph, done):
        ws.guesses.append(f"{ORDERING_LOOP}: the transition's actions wait on each other")
    transition = Transition(
        summary=tuple(summary),
        actions=_planned(ws, graph, done),
        scores=_score_lines(ws),
        before=before_views,
        after=_views(ws, after, unpacked),
        nodes_before=nodes_before,
        nodes_after=_node_states(ws, fenced, after),
        placement={p.id: p.assigned for p in ws.primitives()},
        explanations={r.id: {n: [(c.source, c.value, c.absolute) for c in cs] for n, cs in r.why.items()}
                      for r in ws.by_id.values()},
        guesses=tuple(ws.guesses),
    )
    return transition, graph


def _fencing(ws: WorkingSet) -> set:
    have_managed = any(p.managed for p in ws.primitives())
    fenced = set()
    for uname, node in ws.nodes.items():
        if not node.unclean or not have_managed:
            continue
        if not ws.stonith_enabled or not ws.have_stonith_resource:
            continue
        if ws.have_quorum or ws.no_quorum_policy == "ignore" or node.online:
            fenced.add(uname)
    return fenced


def _current_placement(ws: WorkingSet) -> dict:
    return {p.id: (p.role if p.running_on else "Stopped", tuple(p.running_on), p.failed)
            for p in ws.primitives()}


def _executed(graph: act.ActionGraph) -> set:
    """The actions a transition run would complete: required and runnable, once every
    required, runnable input has completed. Inputs that cannot run are left out of the
    graph (ignored); an unmanaged resource's action is never run, so it holds its successors."""
    inputs: dict = {}
    for ordering in graph.orderings:
        inputs.setdefault(id(ordering.then), []).append(ordering)
    done: set = set()
    pending = [a for a in graph.actions if not a.optional and a.runnable
               and (a.rsc is None or a.rsc.managed)]
    changed = True
    while changed:
        changed = False
        for action in pending:
            if id(action) in done:
                continue
            if all(_input_satisfied(ordering, done) for ordering in inputs.get(id(action), [])):
                done.add(id(action))
                changed = True
    return done


def ordering_loop(graph: act.ActionGraph, done: set) -> bool:
    """Whether actions the transition would run wait on each other in a loop (an ordering added
    against the configured ones: 2.1.5's graph drops one of the inputs, which this scheduler
    does not model). Only actions left undone by `_executed` (`done`) can be in one."""
    waiting = {id(a): a for a in graph.actions if not a.optional and a.runnable
               and (a.rsc is None or a.rsc.managed) and id(a) not in done}
    if not waiting:
        return False
    blockers: dict = {key: set() for key in waiting}
    for ordering in graph.orderings:
        if id(ordering.then) in waiting and not _input_satisfied(ordering, done):
            blockers[id(ordering.then)].update(
                id(f) for f in ordering.first if not f.optional and id(f) not in done)
    # peel off what waits on something outside the waiting set (an unmanaged or unrunnable action)
    held = {key for key, firsts in blockers.items() if firsts - waiting.keys()}
    changed = True
    while changed:
        changed = False
        for key, firsts in blockers.items():
            if key not in held and firsts & held:
                held.add(key)
                changed = True
    return len(held) < len(waiting)


def _input_satisfied(ordering: act.Ordering, done: set) -> bool:
    """An input holds its successor until it completes, unless it is optional, does not
    exist (no node), is one unrunnable instance of a clone (the others suffice), or cannot
    run and is ordered only optionally."""
    for first in ordering.first:
        if first.optional or id(first) in done:
            continue
        if not first.runnable and (first.node is None or ordering.any_of or not ordering.flags):
            continue
        return False
    return True


def _revised_placement(ws: WorkingSet, graph: act.ActionGraph, fenced: set, done: set) -> dict:
    result = {}
    cancelled = {(a.rsc.id, a.node) for a in graph.actions if a.task == "cancel" and id(a) in done}
    for prim in ws.primitives():
        nodes = [n for n in prim.running_on if n not in fenced]
        failed = prim.failed
        for stop in graph.stops.get(prim.id, []):
            if id(stop) in done and stop.node in nodes and not (stop.pseudo and stop.node not in fenced):
                if ((prim.id, stop.node) in cancelled and prim.assigned is not None
                        and (not stop.migrating or remote_orderings.waits_for_connection_start(ws, graph, stop.node))
                        and prim.promotable_clone() is None):
                    continue   # crm_simulate records the cancel after the stop: active again there,
                    #            failed or not (orphan-2 with a hard error); a resource assigned
                    #            nowhere has its cancels made unrunnable by pcmk__finalize_assignment
                    #            (bug-5069-op-disabled with a ban, migrate-5 with a failure)
                if stop.node == prim.migrated_to:
                    continue   # re-read, the migrate_to still leaves it active there (migration_history.py)
                if injected.pending_start_outlives_stop(ws, prim, stop.node):
                    continue
                nodes.remove(stop.node)
                failed = False
                if stop.node == (prim.partial_migration or ("",))[0]:
                    target = migration_history.read_back_without_source(ws, prim)
                    if target in nodes:
                        nodes.remove(target)
        for node in recurring.stopped_role_cancelled(prim, graph, done):
            if node not in nodes and node not in fenced:
                nodes.append(node)   # crm_simulate records the injected cancel as a success there
        start = graph.starts.get(prim.id)
        if start is not None and id(start) in done and start.node and (
                not start.pseudo or start.node in nodes
                or configured_monitors(prim, "Unpromoted" if prim.promotable_clone() else "Started")):
            if start.node not in nodes:
                # a pseudo start (stop_unexpected) records nothing; its monitors there do (rc 0)
                nodes.append(start.node)
            failed = False
        if not nodes and prim.running_on:
            failed = False   # stopped by the transition (one never active stays failed: restart-container)
        if not nodes and remote.failure_outlives_stop(prim):
            failed = True
        if failed and not prim.managed and _failures_overwritten(prim, graph):
            failed = False   # crm_simulate records the monitors that run again as successes
        role = "Started" if nodes else "Stopped"
        if nodes and prim.promotable_clone() is not None:
            restarted = start is not None and id(start) in done
            role = promoted_after(prim, graph, done) or ("Unpromoted" if restarted else prim.role)
            demote = graph.demotes.get(prim.id)
            if demote is not None and id(demote) in done:
                failed = False      # a demote is the recovery of on-fail=demote
        result[prim.id] = (role, tuple(nodes), failed)
    return result


def _failures_overwritten(prim: Rsc, graph: act.ActionGraph) -> bool:
    """An unmanaged failed resource's monitors run again; crm_simulate records each over the
    entry of the same operation, so it no longer looks failed when only those monitors failed
    (and they now report it running, not promoted: a promoted instance stays failed)."""
    rerun = {(node, interval) for rsc, node, interval, rc in graph.monitors if rsc is prim and rc == 0}
    return bool(rerun) and all(task == "monitor" and (node, interval) in rerun
                               for node, task, interval in prim.failures)


def _views(ws: WorkingSet, placement: dict, flags: Optional[dict] = None) -> tuple:
    """The status views; `flags`: each primitive's (managed, blocked) to show instead of its own."""
    return tuple(_view(ws, rsc, placement, flags or {}) for rsc in ws.resources
                 if not (rsc.orphan and not placement[rsc.id][1]) and not _left_out_group(ws, rsc, placement)
                 and not guest.is_internal(rsc))


def _left_out_group(ws: WorkingSet, rsc: Rsc, placement: dict) -> bool:
    """A group or clone whose only active members are unmanaged ones on offline nodes: 2.1.5 adds
    an unmanaged member's node to its parents only when that node is online (native_add_running),
    so the collective is active but runs nowhere and status leaves it out
    (pcmk__rsc_filtered_by_node; unmanaged-promoted with its node down, a cloned Dummy under
    maintenance-mode with every instance's node lost)."""
    if rsc.kind not in ("group", "clone"):
        return False
    active = [p for p in rsc.primitives() if placement[p.id][1]]
    return bool(active) and all(not p.managed and not any(ws.nodes[n].online for n in placement[p.id][1]
                                                          if n in ws.nodes) for p in active)


def _view(ws: WorkingSet, rsc: Rsc, placement: dict, flags: Optional[dict] = None) -> ResourceView:
    if rsc.kind == "primitive":
        role, nodes, failed = placement[rsc.id]
        flag = flags.get(rsc.id) if flags else None
        managed, blocked = flag if flag is not None else (rsc.managed, rsc.blocked)
        unclean = False   # pe__common_output: active on an unclean node that is offline
        for node in nodes:
            info = ws.nodes.get(node)
            if info is not None and info.unclean and not info.online:
                unclean = True
                break
        target_role = rsc.target_role
        # positional, in ResourceStatus's field order: id, agent, role, nodes, failed, managed, orphan,
        # target_stopped, blocked, target_unpromoted, unclean, failure_ignored
        return ResourceView(rsc.id, "primitive", ResourceStatus(
            rsc.id, rsc.config.agent if rsc.config else "", role, nodes, failed, managed, rsc.orphan,
            target_role == "Stopped", blocked, target_role == "Unpromoted" and rsc.promotable_clone() is not None,
            unclean, rsc.failure_ignored), managed=managed)
    children = tuple(_view(ws, child, placement, flags) for child in rsc.children)
    child_id = rsc.children[0].base_id if rsc.children else ""
    stopped: tuple = ()
    if rsc.kind == "clone" and not rsc.unique:
        # an unmanaged instance on a node that is not online is not counted for its clone
        # (native_add_running), so crm_mon also lists that node as Stopped
        active = {n for p in rsc.primitives() for n in placement[p.id][1]
                  if p.managed or (n in ws.nodes and ws.nodes[n].online)}
        candidates = ws.node_order if ws.symmetric else sorted({n for p in rsc.primitives() for n in p.known_on})
        stopped = tuple(sorted(n for n in candidates if n not in active))
    return ResourceView(rsc.id, rsc.kind, None, children, rsc.unique, child_id, rsc.managed,
                        promotable=rsc.promotable, stopped_on=stopped,
                        clone_max=clone_max(rsc, ws) if rsc.kind == "clone" else 0,
                        disabled=role_name(rsc.meta.get("target-role")) in
                        (("Stopped", "Unpromoted") if rsc.promotable else ("Stopped",)),
                        target_role=role_name(rsc.meta.get("target-role")))


def _node_states(ws: WorkingSet, fenced: set, placement: dict) -> tuple:
    """Each node's state; `placement` tells whether a standby node still has active resources."""
    busy = {node for _, nodes, _ in placement.values() for node in nodes}
    result = []
    for uname in ws.node_order:
        node = ws.nodes[uname]
        if uname in fenced:
            state = "offline"
        elif node.unclean:
            state = "unclean-online" if node.online else "unclean-offline"
        elif not node.online:
            state = "offline"
        elif node.pending:
            state = "pending"
        elif node.standby:        # crm_mon names standby before maintenance
            state = "standby-onfail" if node.standby_onfail else "standby"
        elif own_maintenance(ws, node):
            state = "maintenance"
        else:
            state = "online"
        result.append(node_status(ws, node, state, uname in busy))
    return tuple(result)


def _planned(ws: WorkingSet, graph: act.ActionGraph, done: set) -> tuple:
    """The "Executing Cluster Transition" list (executing.py)."""
    return executing.plan(ws, graph, done)


FUNCTIONS = {"primitive": "pcmk__primitive_assign", "group": "pcmk__group_assign",
             "clone": "pcmk__clone_allocate"}


def _score_lines(ws: WorkingSet) -> tuple:
    lines = []
    for entry in ws.score_lines:
        rsc, scores = entry[0], entry[1]
        kind = entry[2] if len(entry) > 2 else rsc.kind
        if kind == "promotion":
            (node, score), = scores.items()
            lines.append(ScoreLine("", rsc.id, node or "none", score))
            continue
        if rsc.orphan:
            continue
        function = FUNCTIONS.get(kind, FUNCTIONS["primitive"])
        lines.extend(ScoreLine(function, rsc.id, uname, scores[uname]) for uname in sorted(scores)
                     if uname in ws.nodes)
    return tuple(lines)
