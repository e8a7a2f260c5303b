"""Live migrations found in the operation history (unpack_migrate_to_success and friends, 2.1.5).

A complete migration is migrate_to on the source, migrate_from on the target, then a stop on
the source. A history that stops part-way is read as Pacemaker reads it:

- migrate_to and migrate_from both succeeded, no stop yet: a *dangling* migration; the
  resource is stopped on the source (the stop still to run changes nothing else here);
- migrate_to succeeded, migrate_from not (yet) recorded, both nodes up: a *partial*
  migration; active on both, and if the target is chosen again the migration continues
  (migrate_from only, "Migrate" in the summary);
- migrate_from failed, or migrate_to failed: active on the other node too (unless that node
  has newer news of the resource), so the resource is recovered.

"Newer" compares operations as pe__is_newer_op does: call ids on the same node, otherwise
last-rc-change.
"""

from __future__ import annotations

from typing import Optional

from ..cib.model import OperationRecord
from .working import NodeInfo, Rsc, WorkingSet

NOT_RUNNING = 7


def _is_newer(a: OperationRecord, b: OperationRecord, same_node: bool) -> bool:
    """pe__is_newer_op(a, b) > 0."""
    if a.call_id == -1 and b.call_id == -1:
        return False
    if same_node and a.call_id >= 0 and a.call_id < b.call_id:
        return False
    if same_node and b.call_id >= 0 and a.call_id > b.call_id:
        return True
    if a.call_id >= 0 and b.call_id >= 0 and (not same_node or a.call_id == b.call_id):
        last_a, last_b = a.last_rc_change or -1, b.last_rc_change or -1
        return last_b >= 0 and last_a > last_b
    return a.call_id == -1      # a pending operation is the newest


def _records(ws: WorkingSet, rsc: Rsc, uname: Optional[str]) -> tuple:
    history = ws.histories.get(uname, {}).get(rsc.id) if uname else None
    return history.operations if history is not None else ()


def _find(ws: WorkingSet, rsc: Rsc, task: str, uname: str, peer: str,
          ok_only: bool) -> Optional[OperationRecord]:
    """find_lrm_op: the migrate_to (to `peer`) or migrate_from (from `peer`) on `uname`."""
    for record in _records(ws, rsc, uname):
        if record.operation != task:
            continue
        if (record.migrate_target if task == "migrate_to" else record.migrate_source) != peer:
            continue
        if ok_only and (record.rc_code != 0 or record.op_status != 0):
            return None
        return record
    return None


def _unknown_on(ws: WorkingSet, rsc: Rsc, uname: str) -> bool:
    return not any(r.op_status != -1 for r in _records(ws, rsc, uname))


def _non_monitor_after(ws: WorkingSet, rsc: Rsc, uname: str, op: OperationRecord, same_node: bool) -> bool:
    return any(r is not op and r.operation in ("start", "stop", "migrate_to", "migrate_from")
               and _is_newer(r, op, same_node) for r in _records(ws, rsc, uname))


def _not_running_after(ws: WorkingSet, rsc: Rsc, uname: str, op: OperationRecord, same_node: bool) -> bool:
    """monitor_not_running_after: find_lrm_op looks the monitor up by an XPath that must match a
    single record (get_xpath_object: none when there are several, probes and recurring monitors
    alike), which must have found it not running, later than `op`."""
    monitors = [r for r in _records(ws, rsc, uname) if r.operation == "monitor"]
    if len(monitors) != 1:
        return False
    monitor = monitors[0]
    return (monitor is not op and monitor.rc_code == NOT_RUNNING and monitor.op_status == 0
            and _is_newer(monitor, op, same_node))


def _newer_state(ws: WorkingSet, rsc: Rsc, uname: str, migrate_to: Optional[OperationRecord],
                 migrate_from: Optional[OperationRecord]) -> bool:
    """newer_state_after_migrate: does `uname` know something about the resource since then?"""
    op = migrate_from or migrate_to
    same_node = False
    source = op.migrate_source if op is not None else None
    if uname == (op.migrate_target if op is not None else None):
        op, same_node = (migrate_from, True) if migrate_from is not None else (migrate_to, False)
    elif uname == source:
        op, same_node = (migrate_to, True) if migrate_to is not None else (migrate_from, False)
    if op is None:
        return False
    return _non_monitor_after(ws, rsc, uname, op, same_node) or _not_running_after(ws, rsc, uname, op, same_node)


def _online(ws: WorkingSet, uname: Optional[str]) -> bool:
    node = ws.nodes.get(uname) if uname else None
    return node is not None and node.online


def _add_running(rsc: Rsc, uname: str) -> None:
    if uname not in rsc.running_on:
        rsc.running_on.append(uname)


def _cannot_migrate(rsc: Rsc) -> None:
    rsc.failed = True
    rsc.stop_needed = True
    rsc.migration_blocked = True


def migrate_to_succeeded(ws: WorkingSet, rsc: Rsc, node: NodeInfo, record: OperationRecord) -> str:
    """unpack_migrate_to_success; returns the role the resource has on the source now."""
    source, target = record.migrate_source, record.migrate_target
    if source != node.uname or not target:
        return "Started"
    source_newer = _non_monitor_after(ws, rsc, source, record, True)
    migrate_from = _find(ws, rsc, "migrate_from", target, source, ok_only=False)
    if migrate_from is not None and source_newer:
        return "Started"
    target_newer = _newer_state(ws, rsc, target, record, migrate_from)
    if source_newer and target_newer:
        return "Started"
    if migrate_from is not None and migrate_from.rc_code == 0 and migrate_from.op_status == 0:
        rsc.migration_blocked = True    # dangling: the stop on the source is all that is left
        return "Stopped"
    active_on_target = not target_newer and _online(ws, target)
    if migrate_from is not None and migrate_from.op_status != -1:     # migrate_from failed
        if active_on_target:
            _add_running(rsc, target)
        else:
            _cannot_migrate(rsc)
        return "Started"
    if _online(ws, target) and _unknown_on(ws, rsc, target):
        return "Started"
    if active_on_target:
        _add_running(rsc, target)
        if record.last_rc_change is None:
            # a stop crm_simulate injects on the target carries no on_node, so it is compared
            # with this migrate_to by last-rc-change, which this one lacks: never newer
            rsc.migrated_to = target
        if _online(ws, source):
            rsc.partial_migration = (source, target)
    elif not source_newer:
        _cannot_migrate(rsc)
    return "Started"


def read_back_without_source(ws: WorkingSet, rsc: Rsc) -> Optional[str]:
    """The target of a partial migration when the resource is active there only by the source's
    migrate_to recorded as `RSC_last_0`: crm_simulate's stop on the source replaces that entry, so
    re-read the target knows only its own history (utilization-order2 with rsc3 migrated part of
    the way and no quorum: real stops it on the source alone and shows it Stopped)."""
    if rsc.partial_migration is None:
        return None
    source, target = rsc.partial_migration
    record = _find(ws, rsc, "migrate_to", source, target, ok_only=True)
    return target if record is not None and record.id == f"{rsc.id}_last_0" else None


def migrate_to_failed(ws: WorkingSet, rsc: Rsc, node: NodeInfo, record: OperationRecord) -> None:
    """unpack_migrate_to_failure: assume it is still active on the target too."""
    source, target = record.migrate_source, record.migrate_target
    if source != node.uname or not target:
        return
    migrate_from = _find(ws, rsc, "migrate_from", target, source, ok_only=True)
    if not _unknown_on(ws, rsc, target) and not _newer_state(ws, rsc, target, record, migrate_from):
        if _online(ws, target):
            _add_running(rsc, target)


def migrate_from_failed(ws: WorkingSet, rsc: Rsc, node: NodeInfo, record: OperationRecord) -> None:
    """unpack_migrate_from_failure: assume it is still active on the source too."""
    source, target = record.migrate_source, record.migrate_target
    if target != node.uname or not source:
        return
    migrate_to = _find(ws, rsc, "migrate_to", source, target, ok_only=True)
    if not _unknown_on(ws, rsc, source) and not _newer_state(ws, rsc, source, migrate_to, record):
        if _online(ws, source):
            _add_running(rsc, source)
