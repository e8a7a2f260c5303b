"""Operation history -> current state of one resource on one node.

Pacemaker replays each resource's `<lrm_rsc_op>` entries in call order
(lib/pengine/unpack.c, unpack_rsc_op): every entry is compared with the
result the controller expected (the target rc in the transition key); an
unexpected result is a failure handled by the operation's `on-fail`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cmp_to_key
from typing import Callable, Optional

from ..cib.model import INFINITY, OperationRecord, ResourceHistory
from ..cib.recent import RecentCache
from . import guest, migration_history, remote
from .requires import can_fence
from .working import ROLE_RANK, NodeInfo, Rsc, WorkingSet

# executor status codes (op-status)
DONE, PENDING, CANCELLED, TIMEOUT, NOT_SUPPORTED, ERROR, ERROR_HARD, ERROR_FATAL, \
    NOT_INSTALLED, NOT_CONNECTED, INVALID, NO_FENCE_DEVICE, NO_SECRETS = \
    0, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
# OCF exit codes
OK, NOT_RUNNING, RUNNING_PROMOTED, FAILED_PROMOTED = 0, 7, 8, 9
DEGRADED, DEGRADED_PROMOTED = 190, 191

# on-fail strategies, in Pacemaker's order of severity
ON_FAIL_RANK = {"ignore": 0, "demote": 1, "recover": 2, "migrate": 3, "block": 4, "stop": 5,
                "standby": 6, "fence": 7, "restart-container": 8, "reset-remote": 9}


@dataclass
class Replay:
    role: str = "Unknown"
    on_fail: str = "ignore"


# configured on-fail values unpack_operation knows (others are an error: the default applies)
KNOWN_ON_FAIL = ("block", "fence", "standby", "ignore", "nothing", "migrate", "stop", "restart",
                 "restart-container", "demote")


def configured_on_fail(ws: WorkingSet, rsc: Rsc, task: str, interval: int,
                       key: Optional[str] = None) -> str:
    """The op's `on-fail`, or its default (inside a container -> restart-container, stop ->
    fence/block, others -> recover).

    Pacemaker finds the configured `<op>` by the history entry's key
    (`rsc_monitor_10000`); an entry whose key does not name an op gets defaults.
    `restart-container` without a container, like an unknown value, gets the default.
    """
    value = None
    if rsc.config is not None:
        names = {rsc.id, rsc.base_id}
        for op in rsc.config.operations:   # the first op that matches (find_rsc_op_entry), on-fail or not
            if key is None:
                matches = op.name == task and op.interval_ms == interval
            else:
                matches = any(key.lower() == f"{name}_{op.name}_{op.interval_ms}".lower() for name in names) \
                    or _anonymous_key(rsc, key, f"_{op.name}_{op.interval_ms}")
            if matches:
                value = op.on_fail.lower() if op.on_fail else None
                break
    container = ws.container_of(rsc)
    if value not in KNOWN_ON_FAIL or (value == "restart-container" and container is None):
        value = None
    if (value is None or not rsc.managed) and rsc.config is not None and remote.is_connection(rsc.config) \
            and container is None and not (task == "monitor" and interval == 0) and task != "start":
        # a failure that drops a remote node's connection resets the node (unpack_operation; a
        # guest node's connection, inside its container, restarts the container by default)
        return "reset-remote" if rsc.managed else "stop"
    if value is None:
        if container is not None:
            value = "restart-container"
        elif task == "stop":
            value = "fence" if ws.stonith_enabled else "block"
        else:
            value = "recover"
    if value == "restart":
        value = "recover"
    elif value == "nothing":
        value = "ignore"
    if value == "fence" and not ws.stonith_enabled:
        value = "stop"
    return value


def _anonymous_key(rsc: Rsc, key: str, suffix: str) -> bool:
    """find_rsc_op_entry also tries the instance's clone_name, the id of the history being
    unpacked: an anonymous instance's entry may carry any instance number (ticket-clone-12 with
    a failed monitor recorded as rsc1:0 on the node whose instance is rsc1:1)."""
    clone = rsc.clone_parent()
    if clone is None or clone.unique or not key.lower().endswith(suffix.lower()):
        return False
    return key[:-len(suffix)].split(":")[0] == rsc.base_id


def _worse(current: str, new: str) -> str:
    return new if ON_FAIL_RANK[new] > ON_FAIL_RANK[current] else current


def _transition(record: OperationRecord) -> Optional[tuple[str, int]]:
    """(controller uuid, transition number) from an operation's transition key."""
    parts = (record.transition_key or "").split(":")
    try:
        return (parts[3], int(parts[1])) if len(parts) >= 4 else None
    except ValueError:
        return None


def _pending_newer(a: OperationRecord, b: OperationRecord) -> int:
    """pe__is_newer_op when one of them is pending: a pending start may have been superseded by
    a stop scheduled in a later transition of the same controller (735: a start pending since
    transition 8, its stop done in transition 9, leaves the resource stopped there)."""
    a_key, b_key = _transition(a), _transition(b)
    if a_key is None or b_key is None:
        return 0
    if a_key[0] != b_key[0] or a_key[1] == b_key[1]:
        return 1 if a.call_id < 0 else -1
    if 0 <= a_key[1] < b_key[1] or b_key[1] == -1:
        return -1
    return 1


def _newer(a: OperationRecord, b: OperationRecord) -> int:
    """pe__is_newer_op on one node: call order; a pending operation (-1) against another by
    their transitions; an operation and its `_last_failure_0` copy share a call id and are
    ordered by when their result last changed (a monitor that failed after succeeding is
    replayed after its success)."""
    if (a.call_id < 0) != (b.call_id < 0):
        return _pending_newer(a, b)
    if a.call_id != b.call_id:
        return -1 if a.call_id < b.call_id else 1
    if a.call_id >= 0 and a.last_rc_change is not None and b.last_rc_change is not None:
        return (a.last_rc_change > b.last_rc_change) - (a.last_rc_change < b.last_rc_change)
    return 0


# id(history) -> (it, its records in call order, those since the last start): the parse returns the
# very same object while a history's text is unchanged (cib/parse.py), and these are asked for
# several times per history and run (replay, definitions, active monitors); unpack.py rotates it
ORDERED: RecentCache[tuple[ResourceHistory, tuple, tuple]] = RecentCache()


def _ordered(history: ResourceHistory) -> tuple[ResourceHistory, tuple, tuple]:
    found = ORDERED.get(id(history))
    if found is None or found[0] is not history:
        records = _call_order(history)
        found = ORDERED.put(id(history), (history, records, _since_last_start(records)))
    return found


def in_call_order(history: ResourceHistory) -> tuple:
    """The records as unpack_lrm_resource sorts them (once per parsed history: `_call_order`)."""
    return _ordered(history)[1]


def _call_order(history: ResourceHistory) -> tuple:
    """The records as unpack_lrm_resource sorts them: prepended to a list (so the last in the CIB
    comes first), then g_list_sort's merge sort (the first half of a list is its first n // 2
    entries; on a tie the left one goes first) with pe__is_newer_op, which is not transitive with
    pending operations: a pending start (transition 8, call -1), its stop (transition 9, call 8) and
    a probe that found it running under another controller (call 13) replay as probe, start, stop
    (735 with that probe on hadev3: real leaves rsc_hadev1 stopped there)."""
    def merge_sort(items: list) -> list:
        if len(items) < 2:
            return items
        left, right = merge_sort(items[:len(items) // 2]), merge_sort(items[len(items) // 2:])
        merged, i, j = [], 0, 0
        while i < len(left) and j < len(right):
            if _newer(left[i], right[j]) <= 0:
                merged.append(left[i])
                i += 1
            else:
                merged.append(right[j])
                j += 1
        return merged + left[i:] + right[j:]
    records = list(reversed(history.operations))
    calls = {record.call_id for record in records}
    if len(calls) == len(records) and min(calls, default=0) >= 0:
        return tuple(sorted(records, key=_SORT_KEY))   # a total order: any stable sort agrees, C's is faster
    return tuple(merge_sort(records))


_SORT_KEY = cmp_to_key(_newer)


def set_active(rsc: Rsc, replay: Replay) -> None:
    """set_active: an instance of a promotable clone is active as Unpromoted, anything else Started."""
    replay.role = "Unpromoted" if rsc.promotable_clone() is not None else "Started"


_BLOCK_OPS: dict[int, tuple[tuple, tuple]] = {}   # id(a primitive's operations) -> (them, those on-fail=block)


def block_ops(operations: tuple) -> tuple:
    """The operations configured on-fail=block, once per configuration (asked for every history record)."""
    found = _BLOCK_OPS.get(id(operations))
    if found is None or found[0] is not operations:
        if len(_BLOCK_OPS) >= 4096:
            _BLOCK_OPS.clear()
        found = _BLOCK_OPS[id(operations)] = (
            operations, tuple(op for op in operations if (op.on_fail or "").lower() == "block"))
    return found[1]


def is_block_failure(rsc: Rsc, record: OperationRecord) -> bool:
    """block_failure(): is this history entry a failure of an op configured `on-fail=block`?

    Pacemaker recognises the entry by its id: `rsc_last_failure_0`, or `rsc_op_interval`
    with an unexpected result. Such failures never expire.
    """
    if rsc.config is None:
        return False
    blocking = block_ops(rsc.config.operations)
    if not blocking:
        return False   # the common case
    name = rsc.base_id.lower()
    for op in blocking:
        if op.name != record.operation or op.interval_ms != record.interval_ms:
            continue
        entry = record.id.lower()
        if entry == f"{name}_last_failure_0":
            return True
        if entry == f"{name}_{op.name}_{op.interval_ms}".lower() and record.rc_code != record.target_rc:
            return True
    return False


def replay_history(ws: WorkingSet, rsc: Rsc, node: NodeInfo, history: ResourceHistory,
                   failcounts: Callable[[OperationRecord], tuple]) -> Replay:
    """Replay one resource's history on one node (unpack_lrm_resource).

    `failcounts(record)` gives (effective, ignoring failure-timeout) fail counts as seen
    when judging whether that entry's failure has expired.
    """
    replay = Replay()
    # of two entries with the same call id, the later one in the CIB is replayed first
    for record in in_call_order(history):
        _replay_op(ws, rsc, node, record, replay, *failcounts(record))
    return replay


def _expired(ws: WorkingSet, rsc: Rsc, record: OperationRecord, failcount: int,
             failcount_ignoring_timeout: int) -> bool:
    if rsc.failure_timeout <= 0 or not record.last_rc_change or ws.now is None:
        return False
    if remote.reconnect_interval(rsc) and ws.stonith_enabled and record.operation == "monitor" \
            and record.interval_ms:
        return False    # should_ignore_failure_timeout: until the remote node is fenced
    expired = ws.now >= record.last_rc_change + rsc.failure_timeout
    if expired and failcount_ignoring_timeout and failcount:
        expired = False
    if expired and record.is_probe and record.rc_code in (OK, NOT_RUNNING, RUNNING_PROMOTED,
                                                        DEGRADED, DEGRADED_PROMOTED):
        expired = False
    return expired


def _replay_op(ws: WorkingSet, rsc: Rsc, node: NodeInfo, record: OperationRecord, replay: Replay,
               failcount: int, failcount_ignoring_timeout: int) -> None:
    task = record.operation
    status = record.op_status
    rc = record.rc_code
    if status == CANCELLED or task in ("notify", "meta-data"):
        return
    is_probe = record.is_probe
    target = record.target_rc
    if task == "monitor" and rc in (DEGRADED, DEGRADED_PROMOTED):
        rc = OK if rc == DEGRADED else RUNNING_PROMOTED     # informational only (unpack_rsc_op)
    if status in (DONE, ERROR):
        status = DONE
        if target is None or target != rc:
            status = ERROR
        if rc == OK:
            if is_probe and target == NOT_RUNNING:
                status = DONE
        elif rc == NOT_RUNNING:
            if is_probe or target == rc or not rsc.managed:
                status = DONE
                replay.role = "Stopped"
                replay.on_fail = "ignore"
        elif rc == RUNNING_PROMOTED:
            if is_probe and rc != target:
                status = DONE
            replay.role = "Promoted"
        elif rc in (DEGRADED_PROMOTED, FAILED_PROMOTED):
            replay.role = "Promoted"
            status = ERROR
        elif rc == 6:
            status = ERROR_FATAL
        elif rc == 3 and record.interval_ms:
            status = NOT_SUPPORTED
        elif rc in (5, 2, 3, 4):
            status = ERROR_HARD
            if task == "stop" and not _fenceable(ws, node):
                rsc.managed = False     # a hard error stopping it where nothing can fence the node:
                rsc.blocked = True      # "no further recovery can be attempted" (remap_operation)
                rsc.hard_stop_blocked = True
        elif rc == DEGRADED:
            pass
        elif status == DONE:
            status = ERROR
    # remap_operation runs before the expiry test: an expired failure still leaves the role the
    # result implies (an unmanaged resource's 'not running' is Stopped; 8 and 9 are Promoted)
    if _expired(ws, rsc, record, failcount, failcount_ignoring_timeout) and rc != record.target_rc:
        return
    if status == PENDING:
        if task == "start":
            rsc.start_pending = True
            set_active(rsc, replay)
        elif task == "promote":
            replay.role = "Promoted"
        return
    if status == DONE:
        if task == "migrate_to":
            replay.role = migration_history.migrate_to_succeeded(ws, rsc, node, record)
            return
        _update_state(rsc, replay, task, rc)
        return
    if status == NOT_INSTALLED:
        if configured_on_fail(ws, rsc, task, record.interval_ms, record.key) == "ignore":
            # a missing agent cannot be ignored: treated as on-fail=migrate, so the resource is
            # marked failed by process_rsc_state (not on an unclean node: not-installed-agent)
            replay.on_fail = _worse(replay.on_fail, "migrate")
        _ban(rsc, node.uname, "hard-error")
        _failure(ws, rsc, node, record, replay)
        return
    if status in (NO_FENCE_DEVICE, NO_SECRETS):
        status = ERROR_HARD
    strategy = configured_on_fail(ws, rsc, task, record.interval_ms, record.key)
    if strategy == "ignore" or (strategy == "restart-container" and task == "stop"):
        # a failed stop inside a container is taken as done: restarting the container stops it
        _update_state(rsc, replay, task, record.target_rc if record.target_rc is not None else OK)
        rsc.failure_ignored = True
        if strategy == "restart-container" and ON_FAIL_RANK[replay.on_fail] <= ON_FAIL_RANK["recover"]:
            replay.on_fail = strategy
        return
    _failure(ws, rsc, node, record, replay)
    if task == "migrate_to":
        migration_history.migrate_to_failed(ws, rsc, node, record)
    elif task == "migrate_from":
        migration_history.migrate_from_failed(ws, rsc, node, record)
    if status == ERROR_HARD:
        _ban(rsc, node.uname, "hard-error")
    elif status == ERROR_FATAL:
        for uname in ws.nodes:
            _ban(rsc, uname, "fatal-error")


def _fenceable(ws: WorkingSet, node: NodeInfo) -> bool:
    """pe_can_fence, for a guest node through the hosts of its container."""
    return guest.can_fence(ws, node, can_fence) if guest.is_guest(ws, node) else can_fence(ws, node)


def _ban(rsc: Rsc, uname: str, source: str) -> None:
    clone = rsc.clone_parent()
    target = rsc.top() if clone is not None and not clone.unique else rsc
    target.add_score(uname, -INFINITY, source)


def _failure(ws: WorkingSet, rsc: Rsc, node: NodeInfo, record: OperationRecord,
             replay: Replay) -> None:
    """unpack_rsc_op_failure: remember the worst on-fail and mark the resource failed."""
    task = record.operation
    strategy = configured_on_fail(ws, rsc, task, record.interval_ms, record.key)
    replay.on_fail = _worse(replay.on_fail, strategy)
    rsc.failures.add((node.uname, task, record.interval_ms))
    if task == "stop":
        rsc.add_score(node.uname, -INFINITY, "__stop_fail__")
    elif task == "promote":
        replay.role = "Promoted"
    elif task == "demote":
        if strategy == "block":
            replay.role = "Promoted"
            rsc.next_role = "Stopped"
        elif record.rc_code == NOT_RUNNING:
            replay.role = "Stopped"
        else:
            replay.role = "Unpromoted"
    if record.is_probe and record.rc_code == 5:
        replay.role = "Stopped"
    elif ROLE_RANK[replay.role] < ROLE_RANK["Started"]:
        set_active(rsc, replay)


CLEARED_BY_SUCCESS = ("block", "demote", "recover", "restart-container")


def _update_state(rsc: Rsc, replay: Replay, task: str, rc: int) -> None:
    clear = False
    if rc == NOT_RUNNING:
        clear = True
    elif rc == 5:
        replay.role = "Stopped"
    elif task == "monitor":
        if ROLE_RANK[replay.role] < ROLE_RANK["Started"]:
            set_active(rsc, replay)
    elif task == "start":
        replay.role = "Started"
        clear = True
    elif task == "stop":
        replay.role = "Stopped"
        clear = True
    elif task == "promote":
        replay.role = "Promoted"
        clear = True
    elif task == "demote":
        if replay.on_fail == "demote":
            clear = True
        replay.role = "Unpromoted"
    elif task == "migrate_from":
        replay.role = "Started"
        clear = True
    elif task == "migrate_to":
        pass
    elif ROLE_RANK[replay.role] < ROLE_RANK["Started"]:
        set_active(rsc, replay)
    if clear and replay.on_fail in CLEARED_BY_SUCCESS:
        replay.on_fail = "ignore"
        rsc.next_role = None


def since_last_start(history: ResourceHistory) -> tuple:
    """The records since the last start, in call order (`_since_last_start`, once per parsed history)."""
    return _ordered(history)[2]


def _since_last_start(records: tuple) -> tuple:
    """The records since the last start, in call order; none if it stopped since
    (calculate_active_ops). Without a start, a promote or demote implies one (a promotable
    instance's start record is overwritten by its promote), else the first monitor or probe that
    found it running after the last stop (params-5: a history of one monitor_5000); a promote or
    demote wins over such a probe (promoted-dependent-ban: a probe found p_drbd-dtest1 running
    on c7 before its demote, so the probe's digest is not checked). With neither a start nor a
    stop (a probe, then a monitor that found it degraded or failed), every record counts."""
    start_index, stop_index, implied_clone_start, implied_monitor_start = -1, -1, -1, -1
    for index, record in enumerate(records):
        if record.operation in ("start", "migrate_from"):
            start_index = index
        elif record.operation == "stop":
            stop_index = index
        elif record.operation == "monitor" and implied_monitor_start <= stop_index:
            if record.rc_code in (OK, RUNNING_PROMOTED):
                implied_monitor_start = index   # a monitor that found it running: started before
        elif record.operation in ("promote", "demote"):
            implied_clone_start = index
    if start_index < 0:
        start_index = implied_clone_start if implied_clone_start >= 0 else implied_monitor_start
    if start_index < stop_index:
        return ()
    return records[max(start_index, 0):]   # neither started nor stopped: every record counts


def active_recurring(history: ResourceHistory) -> set:
    """Intervals of the recurring operations still running (process_recurring): those
    recorded since the last start, unless it stopped since."""
    return {r.interval_ms for r in since_last_start(history) if r.interval_ms and r.op_status != PENDING}
