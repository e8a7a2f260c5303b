"""What executing.py does not reproduce of 2.1.5's "Executing Cluster Transition" list: each rule
names a construct under which the list it builds was found to differ from the real tool's on the
public scheduler cases (other actions, or the same actions in another order), and crm_simulate -S
refuses to print it (the transition summary and the statuses do not depend on it).
docs/crm_simulate.md lists them with the cases that made each one a rule.
"""

from __future__ import annotations

from typing import Callable

from .recurring import recurring_monitor_ops
from .working import WorkingSet


def _expired_failure(ws: WorkingSet, listed: tuple) -> bool:
    """A failure older than its resource's failure-timeout: 2.1.5 clears its fail count
    (clear_failcount) and probes again where a probe failed (check_operation_expiry); halab's list
    has neither."""
    if ws.now is None:
        return False
    for node, entries in ws.histories.items():
        for rsc_id, history in entries.items():
            rsc = ws.by_id.get(rsc_id) or ws.by_id.get(f"{rsc_id}:0")   # an anonymous clone's: its instances'
            timeout = rsc.failure_timeout if rsc is not None else 0
            if timeout <= 0:
                continue
            for record in history.operations:
                failed = record.op_status not in (0, -1) or (
                    record.target_rc is not None and record.rc_code != record.target_rc)
                if failed and record.last_rc_change and ws.now >= record.last_rc_change + timeout:
                    return True
    return False


def _stopped_role_monitor(ws: WorkingSet) -> bool:
    """A recurring monitor of the Stopped role: 2.1.5 schedules it on every node but the one the
    resource runs on (recurring_op_for_inactive), mandatory where it is not running yet."""
    return any((op.role or "").strip().lower() == "stopped"
               for prim in ws.primitives() for op in recurring_monitor_ops(prim))


def _cloned_group_instance(ws: WorkingSet, listed: tuple) -> bool:
    """A member of an anonymous clone of a group active on a node whose history knows it under
    another name (another instance number, or none), with actions in the list: 2.1.5 names them
    after that entry (unpack_find_resource sets its clone_name), halab's scheduler keeps no
    clone_name for a cloned group's members."""
    named = {action.resource for action in listed}
    for top in ws.resources:
        if top.kind != "clone" or top.unique or not any(child.kind == "group" for child in top.children):
            continue
        for prim in top.primitives():
            if prim.id in named and any(prim.id not in ws.histories.get(node, {}) for node in prim.running_on):
                return True
    return False


def _failcount_kept(ws: WorkingSet, listed: tuple) -> bool:
    """A fail count on a node where its resource's definition changed, it is an orphan, or one of
    its recurring operations is cancelled, and halab clears none: 2.1.5 clears it in more of
    these (a failure of another task, an instance's own fail count, a disabled operation:
    check_operation_expiry, check_params) than the scheduler models."""
    for uname, info in ws.nodes.items():
        for name, value in info.attributes.items():
            if not name.startswith("fail-count-") or str(value).strip() in ("", "0"):
                continue
            base = name.removeprefix("fail-count-").split("#")[0].split(":")[0]
            prims = [prim for prim in ws.primitives() if (prim.base_id or prim.id.split(":")[0]) == base]
            touched = any(uname in prim.definition_changes or prim.orphan
                          or any(task == "cancel" and node == uname for task, node, _ in prim.housekeeping)
                          for prim in prims)
            cleared = any(("clear_failcount", uname, 0) in prim.housekeeping for prim in prims)
            if touched and not cleared:
                return True
    return False


def _dangling_migration(ws: WorkingSet, listed: tuple) -> bool:
    """A live migration both halves of which succeeded, the source not stopped since: 2.1.5 stops
    the resource there (rsc->dangling_migrations), which halab's graph does not hold."""
    for source, entries in ws.histories.items():
        for rsc_id, history in entries.items():
            records = sorted((r for r in history.operations if r.operation != "monitor"), key=lambda r: r.call_id)
            last = records[-1] if records else None
            if last is None or last.operation != "migrate_to" or last.rc_code != 0 or last.op_status != 0 \
                    or last.migrate_source != source or not last.migrate_target:
                continue
            target = ws.histories.get(last.migrate_target, {}).get(rsc_id)
            if target is not None and any(r.operation == "migrate_from" and r.rc_code == 0 and r.op_status == 0
                                          and r.migrate_source == source for r in target.operations):
                return True
    return False


RULES: tuple[tuple[str, Callable[[WorkingSet, tuple], bool]], ...] = (
    ("with a failure its failure-timeout expired", _expired_failure),
    ("with a fail count on a node where its resource's definition changed, it is orphaned or an operation is "
     "cancelled", _failcount_kept),
    ("with a live migration left dangling (both halves done, the source not stopped)", _dangling_migration),
    ("of an anonymous clone of a group whose history names an active member otherwise", _cloned_group_instance),
)


def unlisted(ws: WorkingSet, listed: tuple) -> list[str]:
    """The constructs of this transition under which halab's list (`listed`, its PlannedActions)
    is not 2.1.5's."""
    return [name for name, applies in RULES if applies(ws, listed)]
