"""Recurring monitors a transition must (re)start for resources that stay where they are.

Pacemaker schedules a resource's configured monitors for its role wherever it will be
active, unless its history shows them running since the last start (pcmk_sched_recurring.c,
process_recurring in unpack.c). A start, promote or demote in the same transition brings
its own monitors; this covers the others, for example after a transition was aborted
before its monitors were launched.
"""

from __future__ import annotations

from collections import Counter

from .definitions import in_maintenance
from .working import Rsc, WorkingSet

OP_ROLES = {"Started": ("started",), "Unpromoted": ("unpromoted", "slave"), "Promoted": ("promoted", "master")}


def monitor_role_matches(op_role: str, role: str) -> bool:
    """recurring_op_for_active: a monitor without a role is for any role but Promoted, one with
    a role for that role only (Started is not Unpromoted)."""
    op_role = op_role.strip().lower()
    if not op_role:
        return role != "Promoted"
    return op_role in OP_ROLES.get(role, ())


def recurring_monitor_ops(rsc: Rsc) -> list:
    """The enabled recurring monitors, but an interval configured more than once, enabled or not:
    is_op_dup finds each of them a duplicate, so none of them recurs."""
    ops = [op for op in (rsc.config.operations if rsc.config is not None else ())
           if op.name == "monitor" and op.interval_ms]
    counts = Counter(op.interval_ms for op in ops)
    return [op for op in ops if op.enabled and counts[op.interval_ms] == 1]


def configured_monitors(rsc: Rsc, role: str) -> list:
    """Intervals (ms) of the enabled recurring monitors configured for `role`."""
    return [op.interval_ms for op in recurring_monitor_ops(rsc) if monitor_role_matches(op.role or "", role)]


def missing_monitors(ws: WorkingSet, graph) -> list:
    """(resource, node, interval ms, expected rc) for every monitor that should run and does not."""
    missing = []
    for rsc in ws.primitives():
        node = rsc.assigned
        if rsc.blocked or node is None or rsc.running_on != [node]:
            continue
        if not rsc.managed:
            missing.extend(_unmanaged_monitors(ws, rsc, node))
            continue
        start = graph.starts.get(rsc.id)
        if start is None or not start.optional or not start.runnable or not ws.nodes[node].online:
            continue
        changes = graph.stops.get(rsc.id, []) + [t[rsc.id] for t in (graph.promotes, graph.demotes) if rsc.id in t]
        if any(not action.optional for action in changes):
            continue
        role = rsc.next_role or "Started"
        running = rsc.active_monitors.get(node, set())
        for interval in configured_monitors(rsc, role):
            if interval not in running:
                missing.append((rsc, node, interval, 8 if role == "Promoted" else 0))
    return missing


def _unmanaged_monitors(ws: WorkingSet, rsc: Rsc, node: str) -> list:
    """An unmanaged resource keeps its monitors where it is (pcmk__create_recurring_actions
    makes its start even so, and orders no monitor after it): those its history does not show
    running start, also one whose parameters changed (definitions.check_history). A failure alone
    does not run them again (stonith-2 with an unmanaged instance's monitor failed under its own
    digest: still FAILED after the transition)."""
    info = ws.nodes[node]
    if not info.online or info.unclean or rsc.orphan or in_maintenance(ws, rsc, info):
        return []   # maintenance (of the cluster, node or resource) cancels monitors instead
    role = rsc.next_role or rsc.role
    intervals = configured_monitors(rsc, role)
    running = rsc.active_monitors.get(node, set())
    return [(rsc, node, interval, 8 if role == "Promoted" else 0)
            for interval in intervals if interval not in running]
