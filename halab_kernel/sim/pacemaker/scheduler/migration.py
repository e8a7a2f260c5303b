"""Live migration (`allow-migrate`): migrate_to on the old node, migrate_from on the new one.

A moving resource that may migrate is not stopped and started: the transition
runs `migrate_to` on its current node, `migrate_from` on its new node, then a
stop on the old node, and its start becomes a pseudo action (pcmk_sched_native.c
handle_migration_actions). The summary says `Migrate` instead of `Move`.

Two consequences for the resources around it, as Pacemaker 2.1.5 decides them:
a migrating start or stop does not make what is ordered after it required (a
resource ordered after a migrating one is not restarted), and a migration is
cancelled when something ordered after it must really stop or start first (a
group member after a member that cannot migrate moves by stop and start,
"due to unrunnable B stop").
"""

from __future__ import annotations

from typing import Optional

from .options import is_true
from .working import Rsc, WorkingSet


def may_migrate(ws: WorkingSet, rsc: Rsc) -> bool:
    """native_create_actions: a managed, healthy, single-active resource moving between clean nodes."""
    if not is_true(rsc.meta.get("allow-migrate"), False) or rsc.migration_blocked:
        return False
    if rsc.partial_migration is not None and not continues_partial(rsc):
        return False    # a migration half done that cannot go on: recovered by stop and start
    current, target = _current(rsc), rsc.assigned
    if current is None or target is None or current == target:
        return False
    if not rsc.managed or rsc.failed or rsc.start_pending or rsc.blocked or rsc.forced_stops:
        return False    # forced_stops: a stop made required while unpacking (a filler failed)
    if rsc.next_role in ("Stopped", None):
        return False
    if ws.nodes[current].unclean or not ws.nodes[current].online:
        return False
    return not ws.nodes[target].unclean


def _current(rsc: Rsc) -> Optional[str]:
    """The one node the resource is active on (a multiply-active resource does not migrate),
    or the source of a partial migration that continues to its target."""
    if continues_partial(rsc):
        return rsc.partial_migration[0] if rsc.partial_migration else None
    return rsc.running_on[0] if len(rsc.running_on) == 1 else None


def continues_partial(rsc: Rsc) -> bool:
    """A migration half done (migrate_to only) goes on when its target is chosen again."""
    if rsc.partial_migration is None or rsc.failed:
        return False    # a failed resource stops on both nodes (it may not migrate)
    source, target = rsc.partial_migration
    return sorted(rsc.running_on) == sorted((source, target)) and rsc.assigned == target


def plan_migrations(ws: WorkingSet, graph) -> None:
    """Mark the start and stop of every resource that will migrate (pe_action_migrate_runnable)."""
    for rsc in ws.primitives():
        if not may_migrate(ws, rsc):
            continue
        start = graph.starts.get(rsc.id)
        stops = [s for s in graph.stops.get(rsc.id, []) if s.node == _current(rsc)]
        if start is None or not start.runnable or start.node != rsc.assigned or not stops:
            continue
        start.migrating = True
        stops[0].migrating = True


def cancel(graph, rsc: Rsc, reason: str) -> None:
    """A migration that cannot happen: the resource moves by stop and start after all."""
    start = graph.starts.get(rsc.id)
    if start is not None:
        start.migrating = False
    for stop in graph.stops.get(rsc.id, []):
        if stop.migrating:
            stop.migrating = False
            stop.reason = reason


def cancelling(graph, then) -> Optional[str]:
    """Why a required stop ordered after a migrating resource's stop cancels its migration
    (None: it does not). A clone's stop does only while the clone also starts an instance
    (10- vs 11-a-then-bm-b-move-a-clone in Pacemaker's regression cases)."""
    if then.node is None or then.rsc is None:
        return None
    clone = then.rsc.clone_parent()
    if clone is None:
        return f"unrunnable {then.rsc.id} {then.task}"
    if then.task == "demote":
        return f"unrunnable {clone.id} demote"   # a required demote always does
    starting = any(not start.optional and start.placed
                   for start in (graph.starts.get(p.id) for p in clone.primitives()) if start is not None)
    return f"unrunnable {clone.id} {then.task}" if starting else None
