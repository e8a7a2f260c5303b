"""Tickets (`rsc_ticket`): a resource runs only where its ticket is granted (Booth, multi-site).

As Pacemaker 2.1.5 does it (pcmk_sched_tickets.c): a ticket that is not
granted, or is on standby, bans its resources from every node; what happens to
a resource already running when its ticket is lost is the constraint's
loss-policy: stop (the default), demote (the default for rsc-role=Promoted),
fence the nodes it runs on, or freeze it where it is. A Promoted-role ticket
that is not granted or on standby keeps every instance from being promoted.
"""

from __future__ import annotations

from typing import Optional

from ..cib.model import INFINITY, Cib, TicketDependency
from .placement import resource_location
from .unpack import fence_node
from .working import Rsc, WorkingSet, role_name


def apply_tickets(ws: WorkingSet, cib: Cib) -> None:
    """The bans, fencing and freezing that tickets not granted (or on standby) ask for."""
    states = {ticket.id: ticket for ticket in cib.tickets}
    for dependency in cib.ticket_dependencies:
        rsc = ws.by_id.get(dependency.resource)
        state = states.get(dependency.ticket)
        granted = state is not None and state.granted
        standby = state is not None and state.standby
        if rsc is None or (granted and not standby):
            continue
        role = _role(dependency)
        policy = _loss_policy(ws, dependency, role)
        _constrain(ws, rsc, dependency, role, policy, granted)
        if role == "Promoted":
            clone = rsc if rsc.kind == "clone" else rsc.clone_parent()
            if clone is not None:
                ws.promoted_locations.append((clone, {uname: -INFINITY for uname in ws.node_order}))


def _role(dependency: TicketDependency) -> Optional[str]:
    role = role_name(dependency.role) if dependency.role else None
    return None if role == "Started" else role


def _loss_policy(ws: WorkingSet, dependency: TicketDependency, role: Optional[str]) -> str:
    policy = (dependency.loss_policy or "").lower()
    if policy == "fence" and not ws.stonith_enabled:
        return "stop"     # 2.1.5: "Resetting 'loss-policy' ... to 'stop' because fencing is not configured"
    if policy in ("stop", "demote", "fence", "freeze"):
        return policy
    return "demote" if role == "Promoted" else "stop"


def _constrain(ws: WorkingSet, rsc: Rsc, dependency: TicketDependency, role: Optional[str],
               policy: str, granted: bool) -> None:
    """constraints_for_ticket: applied to each primitive under `rsc`."""
    if rsc.children:
        for child in rsc.children:
            _constrain(ws, child, dependency, role, policy, granted)
        return
    reason = f"ticket {dependency.ticket} ({dependency.id})"
    if not granted and rsc.running_on:
        role_matches = role is None or role == rsc.role
        if policy == "stop" or (policy == "demote" and role != "Promoted"):
            resource_location(rsc, None, -INFINITY, f"loss of {reason}", ws)
        elif policy == "fence" and role_matches:
            resource_location(rsc, None, -INFINITY, f"loss of {reason}", ws)
            for uname in rsc.running_on:
                fence_node(ws, ws.nodes[uname], "deadman ticket was lost")
        elif policy == "freeze" and role_matches:
            rsc.managed = False
            rsc.blocked = True
    elif role != "Promoted" or policy == "stop":
        source = f"no {reason}" if not granted else f"{reason} on standby"
        resource_location(rsc, None, -INFINITY, source, ws)
