"""Orderings between actions on a Pacemaker Remote node and its connection (2.1.5's
pcmk__order_remote_connection_actions and apply_remote_ordering, pcmk_sched_remote.c).

An action on a remote node runs through its connection: a start or promote waits for the
connection's start (and precedes its stop); a stop precedes the connection's stop while the
connection is up or going away for good, and otherwise waits for the connection to start again
elsewhere. Waiting is runnable_left: an unrunnable connection start blocks the action
("due to unrunnable remote1 start"). States a connection can be in (get_remote_node_state)
outside these are refused by the gate (scheduler/unmodelled.py).
"""

from __future__ import annotations

from typing import Optional

from . import guest, remote
from .actions import IMPLIES_FIRST, IMPLIES_THEN, RUNNABLE_LEFT, Action, ActionGraph, Ordering
from .requires import can_fence
from .working import NodeInfo, Rsc, WorkingSet


def connection_state(ws: WorkingSet, connection: Rsc) -> str:
    """get_remote_node_state: alive | resting | unknown | stopped | failed."""
    host: Optional[NodeInfo] = ws.nodes.get(connection.running_on[0]) if connection.running_on else None
    if connection.next_role == "Stopped" or connection.assigned is None:
        if host is not None and host.unclean:
            return "failed"
        return "failed" if connection.failed else "stopped"
    if host is None:
        return "unknown"
    if host.unclean or not host.online:
        return "resting"
    if len(connection.running_on) > 1 and connection.partial_migration is not None:
        return "resting"
    return "alive"


def order_remote_actions(ws: WorkingSet, graph: ActionGraph) -> None:
    for action in list(graph.actions):
        if action.rsc is None or action.node is None or not action.exists:
            continue
        connection = remote.connection_of(ws, ws.nodes[action.node]) if action.node in ws.nodes else None
        if connection is None:
            continue
        container = guest.container_of_node(ws, ws.nodes[action.node])
        if container is not None:
            _container_ordering(graph, action, connection, container)
            continue
        if action.pseudo:
            continue
        start = graph.starts.get(connection.id)
        if connection.partial_migration is not None or (start is not None and start.migrating):
            continue    # a migrating connection: its actions' order is left to the migration's
        stops = list(graph.stops.get(connection.id, []))
        state = connection_state(ws, connection)
        if action.task in ("start", "promote"):
            _after_start(graph, start, action)
            _before_stops(graph, action, stops)
        elif action.task == "stop":
            if state == "alive" or (state != "failed" and connection.next_role == "Stopped"):
                _before_stops(graph, action, stops)
            elif state != "failed":
                _after_start(graph, start, action)
        elif action.task == "demote":
            if state == "alive":
                _before_stops(graph, action, stops)
            elif state != "stopped":
                _after_start(graph, start, action)


def _after_start(graph: ActionGraph, start: Optional[Action], action: Action) -> None:
    if start is not None:
        graph.orderings.append(Ordering([start], action, RUNNABLE_LEFT))


def _before_stops(graph: ActionGraph, action: Action, stops: list) -> None:
    for stop in stops:
        graph.orderings.append(Ordering([action], stop, IMPLIES_FIRST))


def _container_ordering(graph: ActionGraph, action: Action, connection: Rsc, container: Rsc) -> None:
    """apply_container_ordering, for an action on a guest node (also one its fencing will imply,
    not yet a pseudo action when 2.1.5 orders it): a start or promote waits for the container's
    start (and restarts with it) and the connection's; a stop or demote precedes the connection's
    stop unless the container failed (its recovery implies them)."""
    if action.task in ("start", "promote"):
        start = graph.starts.get(container.id)
        if start is not None and start.exists:
            graph.orderings.append(Ordering([start], action, RUNNABLE_LEFT | IMPLIES_THEN))
        _after_start(graph, graph.starts.get(connection.id), action)
    elif action.task in ("stop", "demote") and not container.failed:
        _before_stops(graph, action, list(graph.stops.get(connection.id, [])))


def guests_to_fence(ws: WorkingSet) -> set:
    """The guest nodes schedule_fencing_and_shutdowns fences (pcmk__fence_guest): 'guest is unclean'."""
    fenced = set(guest.guests_to_fence(ws, can_fence))
    for uname in fenced:
        ws.nodes[uname].fence_reason = "guest is unclean"
    return fenced


def guest_fence_action(ws: WorkingSet, graph: ActionGraph, uname: str) -> Optional[str]:
    """pcmk__fence_guest's label: reboot when the container starts again, off otherwise (None: not
    a guest node)."""
    container = guest.container_of_node(ws, ws.nodes[uname])
    if container is None:
        return None
    start = graph.starts.get(container.id)
    return "reboot" if start is not None and start.exists and start.node is not None else "off"


def order_guest_fencing(ws: WorkingSet, graph: ActionGraph) -> None:
    """pcmk__fence_guest: the fencing of a guest node is a pseudo action after its container's stop
    (after the fencing of the container's node, when that implies the stop), or else after its
    connection's stop."""
    for fence in graph.fencing:
        container = guest.container_of_node(ws, ws.nodes[fence.node])
        if container is None:
            continue
        fence.pseudo = True
        stops = graph.stops.get(container.id, [])
        if stops and stops[0].pseudo:
            hosts = [other for other in graph.fencing if other.node == stops[0].node]
            if hosts:
                graph.orderings.append(Ordering(hosts, fence, RUNNABLE_LEFT | IMPLIES_THEN))
        elif stops:
            graph.orderings.append(Ordering([stops[0]], fence, RUNNABLE_LEFT | IMPLIES_THEN))
        else:
            connection_stops = graph.stops.get(fence.node, [])
            if connection_stops:
                graph.orderings.append(Ordering([connection_stops[0]], fence, 0))


GUEST_UNVERIFIED = "a guest node"


def unverified_guests(ws: WorkingSet, graph: ActionGraph, guests: set) -> None:
    """Guest node situations whose outcome was not checked against the real crm_simulate, noted in
    ws.guesses for the gate (unmodelled_remote.guest_unverified): an unmanaged container or
    connection, a reset that cannot be done (its container's node cannot be fenced), and a
    fencing that stops the container for good (crm_simulate then re-reads the node's history in
    ways not modelled). Under maintenance-mode, where nothing is managed, guest nodes are
    simulated (checked on 13 variants)."""
    if guest.containers(ws) and not any(node.online and node.node_type != "remote" for node in ws.nodes.values()):
        ws.guesses.append(f"{GUEST_UNVERIFIED} with no cluster node online")   # 2.1.5 still places there
    for uname in ws.node_order:
        node = ws.nodes[uname]
        container = guest.container_of_node(ws, node)
        connection = remote.connection_of(ws, node)
        if container is None or connection is None:
            continue
        if uname in guests and any(uname in rsc.running_on and (rsc.orphan or (
                rsc.role == "Promoted" if rsc.promotable_clone() is None else rsc.assigned != uname))
                for rsc in ws.primitives()):
            ws.guesses.append(f"{GUEST_UNVERIFIED} fenced with an orphaned or promoted resource on it, or a"
                              " promotable instance leaving it")
        if any(record.operation in ("migrate_to", "migrate_from") for entries in ws.histories.values()
               for history in entries.values() if history.id == container.id for record in history.operations):
            ws.guesses.append(f"{GUEST_UNVERIFIED} whose container has a migration in its history")
        if any(container.id in ws.histories.get(other, {}) for other in ws.node_order
               if ws.nodes[other].node_type == "remote"):
            ws.guesses.append(f"{GUEST_UNVERIFIED} whose container has a history on a remote or guest node")
        if (not container.managed or not connection.managed) and not ws.maintenance_mode:
            ws.guesses.append(f"{GUEST_UNVERIFIED} with an unmanaged container or connection")
        elif node.remote_requires_reset and uname not in guests:
            ws.guesses.append(f"{GUEST_UNVERIFIED} that cannot be fenced")
        elif uname in guests and not _restarts(graph.starts.get(container.id)):
            ws.guesses.append(f"{GUEST_UNVERIFIED} fenced while its container stops for good")
        elif connection.running_on and _restarts(graph.starts.get(connection.id)) and _leaving(ws, graph, uname):
            ws.guesses.append(f"{GUEST_UNVERIFIED} that a resource leaves while its connection restarts")
        elif node.standby_onfail:
            ws.guesses.append(f"{GUEST_UNVERIFIED} put in standby by a failure (on-fail=standby)")
        elif not ws.stonith_enabled and (connection.role != "Started" or container.role != "Started") \
                and _restarts(graph.starts.get(connection.id)) and _recorded_active(ws, uname):
            ws.guesses.append(f"{GUEST_UNVERIFIED} coming up with resources recorded active in its old history")


def _recorded_active(ws: WorkingSet, uname: str) -> bool:
    """A guest node whose history was not read (it was down, and without fencing no pass reads the
    rest) records a resource as active that is not placed there again (its
    last operation neither a stop nor a probe that found it stopped): crm_simulate reads that
    history once the node is up again, not modelled."""
    placed = {name for rsc in ws.primitives() if rsc.assigned == uname for name in (rsc.id, rsc.base_id)}
    for history in ws.histories.get(uname, {}).values():
        if not history.operations or history.id in placed:
            continue    # placed there again anyway
        last = max(history.operations, key=lambda record: record.call_id)
        if not ((last.operation == "stop" and last.rc_code == 0)
                or (last.operation == "monitor" and last.rc_code == 7 and not last.interval_ms)):
            return True
    return False


def _leaving(ws: WorkingSet, graph: ActionGraph, uname: str) -> bool:
    """A resource stopping on a guest node, not to start there again (2.1.5 then also schedules its
    recurring monitor there, which crm_simulate records as running: not modelled)."""
    return any(stop.node == uname and not stop.optional and not stop.pseudo and rsc.assigned != uname
               for rsc in ws.primitives() for stop in graph.stops.get(rsc.id, []))


def _restarts(start: Optional[Action]) -> bool:
    return start is not None and start.exists and start.node is not None and start.runnable and not start.optional


def waits_for_connection_start(ws: WorkingSet, graph: ActionGraph, uname: Optional[str]) -> bool:
    """An action other than a stop or demote on a remote node (not a guest) whose connection starts
    in this transition, moving or migrating, runs after that start (apply_remote_ordering): a
    cancel there is recorded after a migrating resource's stop on that node, so crm_simulate shows
    the resource active there again (migration-behind-migrating-remote with rsc1's monitor
    reconfigured: real 'Started [ remote1 remote2 ]')."""
    node = ws.nodes.get(uname) if uname is not None else None
    if node is None:
        return False
    connection = remote.connection_of(ws, node)
    if connection is None or guest.container_of_node(ws, node) is not None:
        return False
    start = graph.starts.get(connection.id)
    return start is not None and start.exists and not start.optional and start.runnable

