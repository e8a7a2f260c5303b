"""The "Transition Summary" lines, decided as Pacemaker's rsc_action_default does."""

from __future__ import annotations

from typing import Optional

from . import definitions, guest, migration, remote_orderings, requires
from .actions import Action, ActionGraph
from .transition import SummaryItem
from .working import ROLE_RANK, Rsc, WorkingSet


def summarise(ws: WorkingSet, graph: ActionGraph, fenced: set) -> list:
    # node actions first, latest created first: 2.1.5 lists them from data_set->actions, which
    # grows at its head (concurrent-fencing: node3, node2, node1; guests before their hosts)
    items = []
    for node in reversed(ws.node_order):
        if node in fenced:
            reason = ws.nodes[node].fence_reason or "node is unclean"
            action = remote_orderings.guest_fence_action(ws, graph, node) or ws.stonith_action
            container = guest.container_of_node(ws, ws.nodes[node])
            items.append(SummaryItem("Fence", None, action, reason, node=node,
                                     container=container.id if container is not None else None))
    for node, reason in reversed(graph.unfencing.items()):
        items.append(SummaryItem("Fence", None, "on", reason, node=node))
    for rsc in ws.primitives():
        items += _resource_items(ws, rsc, graph)
    return items


def _item(verb: str, rsc: Rsc, origin: Optional[str], destination: Optional[str],
          action: Optional[Action], source: Optional[Action] = None) -> SummaryItem:
    role, next_role = _role(rsc.role), rsc.next_role or "Stopped"
    need_role = ROLE_RANK[role] > ROLE_RANK["Started"] or ROLE_RANK[next_role] > ROLE_RANK["Unpromoted"]
    same_host = origin is not None and origin == destination
    same_role = role == next_role
    if need_role and origin is None:
        details = f"{role} -> {next_role} {destination}"
    elif origin is None:
        details = f"{destination}"
    elif need_role and destination is None:
        details = f"{role} {origin}"
    elif destination is None:
        details = f"{origin}"
    elif same_role and same_host:
        details = f"{role} {origin}" if need_role else f"{origin}"
    elif same_role:
        details = f"{origin} -> {destination} {role}" if need_role else f"{origin} -> {destination}"
    elif same_host:
        details = f"{role} -> {next_role} {origin}"
    else:
        details = f"{role} {origin} -> {next_role} {destination}"
    if action is None:      # a promote that was cancelled before it existed
        return SummaryItem(verb, rsc.id, details)
    blocked = not action.runnable
    reason = (source or action).reason
    return SummaryItem(verb, rsc.id, details, reason, blocked)


def _read_last(ws: WorkingSet, uname: Optional[str]) -> bool:
    node = ws.nodes.get(uname) if uname is not None else None
    return node is None or not node.online or node.pending


def _role(role: str) -> str:
    return "Stopped" if role == "Unknown" else role


def _resource_items(ws: WorkingSet, rsc: Rsc, graph: ActionGraph) -> list:
    # a partial migration that does not continue is forgotten before the summary is written
    # (pcmk__primitive_create_actions): the resource counts as active on its first node
    current = requires.active_node(ws, rsc, partial=migration.continues_partial(rsc))
    nxt = rsc.assigned
    if not rsc.managed or (current is None and nxt is None):
        return []
    reload = definitions.reload_of(rsc, graph)
    if reload is not None:
        return [_item("Reload", rsc, current, nxt, reload)]
    moving = current is not None and nxt is not None and current != nxt
    start_action = graph.starts.get(rsc.id)
    start = start_action if start_action is not None and (nxt is None or start_action.node == nxt) else None
    stops = graph.stops.get(rsc.id, [])
    start_node = current if start is not None and start.runnable else None
    stop = None
    # Pacemaker finds the most recently created first; stops are created in the order the nodes'
    # histories were read, those of nodes not online or still pending last (unpack_status's final
    # pass): rec-node-10 with rsc2 also found on node2 reports the blocked stop on the unclean node1,
    # probe-4 with rsc_pcmk-4 found on the pending pcmk-4 the blocked one there
    created = sorted(stops, key=lambda candidate: _read_last(ws, candidate.node))
    for candidate in reversed(created):
        if start_node is None or candidate.node == start_node:
            stop = candidate
            break
    promote = graph.promotes.get(rsc.id)
    promote = promote if promote is not None and promote.node == nxt else None
    demote = graph.demotes.get(rsc.id)
    demote = demote if demote is not None and demote.node == nxt else None
    role = _role(rsc.role)
    next_role = rsc.next_role or "Stopped"
    if role == next_role:
        if nxt is None:
            return []
        if start is None or start.optional:
            if demote is not None and promote is not None and not demote.optional and not promote.optional:
                return [_item("Re-promote", rsc, current, nxt, promote, demote)]
            return []
        if not start.runnable:
            action = stop or start
            return [_item("Stop", rsc, current, None, action,
                          stop if stop is not None and stop.reason else start)]
        if moving and current:
            verb = "Recover" if rsc.failed else "Migrate" if start.migrating else "Move"
            return [_item(verb, rsc, current, nxt, stop or start)]
        if rsc.failed:
            return [_item("Recover", rsc, current, None, stop or start)]
        return [_item("Restart", rsc, current, nxt, start)]
    if stop is not None and (next_role == "Stopped" or (start is not None and not start.runnable)):
        items = []
        for node in rsc.running_on:
            stop_op = next((s for s in stops if s.node == node), None)
            if stop_op is None:
                continue
            source = stop_op if stop_op.reason else (start or stop_op)
            items.append(_item("Stop", rsc, node, None, stop_op, source))
        return items
    if stop is not None and rsc.failed and rsc.stop_needed:
        return [_item("Recover", rsc, current, nxt, stop, start)]
    if moving:
        verb = "Migrate" if start is not None and start.migrating and start.runnable else "Move"
        return [_item(verb, rsc, current, nxt, stop or start)]
    if stop is not None and not stop.optional:
        return [_item("Restart", rsc, current, nxt, start or stop)]
    if role == "Promoted":
        return [_item("Demote", rsc, current, nxt, graph.demotes.get(rsc.id))]
    if next_role == "Promoted":
        return [_item("Promote", rsc, current, nxt, promote)]
    if role == "Stopped" and ROLE_RANK[next_role] > ROLE_RANK["Stopped"] and start is not None:
        return [_item("Start", rsc, current, nxt, start)]
    return []
