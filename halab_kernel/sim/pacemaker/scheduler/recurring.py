"""Recurring monitors a transition must (re)start for resources that stay where they are.

Pacemaker schedules a resource's configured monitors for its role wherever it will be
active, unless its history shows them running since the last start (pcmk_sched_recurring.c,
process_recurring in unpack.c). A start, promote or demote in the same transition brings
its own monitors; this covers the others, for example after a transition was aborted
before its monitors were launched.
"""

from __future__ import annotations

from collections import Counter

from . import options
from .definitions import in_maintenance
from .history import active_recurring
from .working import Rsc, WorkingSet

OP_ROLES = {"Started": ("started",), "Unpromoted": ("unpromoted", "slave"), "Promoted": ("promoted", "master")}


def monitor_role_matches(op_role: str, role: str) -> bool:
    """recurring_op_for_active: a monitor without a role is for any role but Promoted, one with
    a role for that role only (Started is not Unpromoted)."""
    op_role = op_role.strip().lower()
    if not op_role:
        return role != "Promoted"
    return op_role in OP_ROLES.get(role, ())


# id(a primitive's operations) -> (them, its recurring monitors, their Stopped-role intervals): asked
# for several times per primitive and run; the configuration is the same from run to run
_MONITORS: dict[int, tuple[tuple, tuple, frozenset]] = {}
_KEPT = 4096


def _monitors(operations: tuple) -> tuple[tuple, tuple, frozenset]:
    found = _MONITORS.get(id(operations))
    if found is None or found[0] is not operations:
        ops = [op for op in operations if op.name == "monitor" and op.interval_ms]
        counts = Counter(op.interval_ms for op in ops)
        recurring = tuple(op for op in ops if op.enabled and counts[op.interval_ms] == 1)
        if len(_MONITORS) >= _KEPT:
            _MONITORS.clear()
        found = _MONITORS[id(operations)] = (
            operations, recurring, frozenset(op.interval_ms for op in recurring if _stopped_role(op)))
    return found


def recurring_monitor_ops(rsc: Rsc) -> tuple:
    """The enabled recurring monitors, but an interval configured more than once, enabled or not:
    is_op_dup finds each of them a duplicate, so none of them recurs."""
    return _monitors(rsc.config.operations)[1] if rsc.config is not None else ()


def stopped_role_intervals(rsc: Rsc) -> frozenset:
    """The intervals of `rsc`'s recurring monitors configured for the Stopped role."""
    return _monitors(rsc.config.operations)[2] if rsc.config is not None else frozenset()


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


def stopped_role_cancels(ws: WorkingSet, graph) -> None:
    """recurring_op_for_inactive: a monitor configured for the Stopped role that the history shows
    running on the node the resource is assigned is cancelled there, whether or not the start can
    run (bug-suse-707150 with dummy1 banned from hex-0 and no quorum: "dummy1 cancel=300000 on
    hex-9"). Not for anonymous clone instances (2.1.5 ignores such monitors), a blocked resource or
    one in maintenance (pcmk__create_recurring_actions skips them). A start comes after it."""
    from .actions import RUNNABLE_LEFT, Action, Ordering

    for rsc in ws.primitives():
        if not stopped_role_intervals(rsc):
            continue   # the common case: nothing to cancel (no history to read)
        node, clone = rsc.assigned, rsc.clone_parent()
        if (node is None or rsc.orphan or rsc.blocked or (clone is not None and not clone.unique)
                or ws.maintenance_mode or options.is_true(rsc.meta.get("maintenance"), False)):
            continue
        info = ws.nodes[node]
        if not info.online or info.unclean:
            continue
        history = ws.histories.get(node, {}).get(rsc.id)
        running = running_recurring(history) if history is not None else set()
        for op in recurring_monitor_ops(rsc):
            if _stopped_role(op) and op.interval_ms in running:
                cancel = graph.add(Action("cancel", rsc, node, optional=False, interval_ms=op.interval_ms))
                start = graph.starts.get(rsc.id)
                if start is not None and rsc.next_role in ("Started", "Unpromoted"):
                    # cancel_if_running: the start comes after the cancel (stopped-monitor-23)
                    graph.orderings.append(Ordering([cancel], start, RUNNABLE_LEFT))


def _stopped_role(op) -> bool:
    return (op.role or "").strip().lower() == "stopped"


def stopped_role_cancelled(rsc: Rsc, graph, done: set) -> list:
    """Nodes where the transition cancelled a Stopped-role monitor of `rsc`, ones where it is not
    active: crm_simulate records the injected cancel as a success, so it shows the resource Started
    there in the revised status (bug-suse-707150: dummy1 Started hex-9, its start unrunnable)."""
    intervals = stopped_role_intervals(rsc)
    if not intervals:
        return []   # the common case: no scan of the graph's actions
    return sorted(action.node for action in graph.actions
                  if action.task == "cancel" and action.rsc is rsc and action.interval_ms in intervals
                  and id(action) in done and action.node not in rsc.running_on)


def running_recurring(history) -> set:
    """process_recurring: the intervals of the recurring operations recorded since the last start,
    or since the last stop when it stopped since (a Stopped-role monitor)."""
    active = active_recurring(history)
    records = sorted(history.operations, key=lambda r: r.call_id)
    stops = [index for index, record in enumerate(records) if record.operation == "stop"]
    if active or not stops:
        return active
    return {r.interval_ms for r in records[stops[-1] + 1:] if r.interval_ms and r.op_status != -1}
