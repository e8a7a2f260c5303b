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

from . import remote
from .actions import IMPLIES_FIRST, RUNNABLE_LEFT, Action, ActionGraph, Ordering
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
        if action.rsc is None or action.node is None or action.pseudo or not action.exists:
            continue
        connection = remote.connection_of(ws, ws.nodes[action.node]) if action.node in ws.nodes else None
        if connection is None:
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
