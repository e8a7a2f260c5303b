"""Changed resource definitions and maintenance, read from the operation history.

Pacemaker 2.1.5 looks at the operations recorded since a resource's last start on a node
(process_rsc_history): under maintenance (maintenance-mode, the resource's or the node's
`maintenance`) its recurring monitors are cancelled; otherwise each start, promote, probe
and recurring monitor is checked against the configuration through its digests
(pcmk__check_action_config, pe_digest.c). A changed restart digest, or a changed main
digest for an agent that cannot reload, restarts the resource ("resource definition
change"); a changed main digest for an agent that can reload schedules `reload-agent`; a
changed recurring monitor is rescheduled; a recurring monitor no longer configured is
cancelled. The digests themselves are computed as the controller records them
(sim/pacemaker/digests.py).
"""

from __future__ import annotations

import re
from typing import Optional

from halab_kernel import values

from ..cib.model import Cib, Operation, OperationRecord, Primitive, ResourceHistory
from ..digests import DEFAULT_TIMEOUT_MS, definition_change, digest_of
from . import options, requires
from .history import configured_on_fail, since_last_start
from .working import NodeInfo, Rsc, WorkingSet

CHECKED_TASKS = ("monitor", "start", "promote", "migrate_from")


def _operation(config: Primitive, task: str, interval_ms: int) -> Optional[Operation]:
    return next((op for op in config.operations if op.name == task and op.interval_ms == interval_ms), None)


def _has_own_params(config: Primitive, task: str) -> bool:
    """Whether the non-recurring operation `task` is configured with instance attributes of its own
    (action->extra): 2.1.5 then restarts rather than reloads when its main digest changed."""
    op = _operation(config, task, 0)
    return op is not None and bool(op.params)


def _params(rsc: Rsc, config: Primitive, cib: Cib, record: OperationRecord) -> dict:
    """The parameters this operation would run with now (operation_params in digests.py, on the model)."""
    op = _operation(config, record.operation, record.interval_ms)
    params = dict(config.params)
    parent = rsc.parent
    while parent is not None:  # a group's or clone's instance attributes reach its members (get_rsc_attributes)
        container = cib.find_resource(parent.base_id or parent.id)
        for name, value in (container.params if container is not None else {}).items():
            params.setdefault(name, value)
        parent = parent.parent
    if op is not None:
        params.update(op.params)
    params = {name: value for name, value in params.items() if value.lower() != "#default"}  # "#default": unset
    if record.interval_ms:
        timeout = op.timeout if op is not None and op.timeout else cib.op_defaults.get("timeout")
        params["CRM_meta_timeout"] = str(values.interval_ms(timeout) if timeout else DEFAULT_TIMEOUT_MS)
    return params


def _version(text: str | None) -> tuple[int, ...]:
    """compare_version()'s reading of "3.0.12": numbers between dots; none reads as 0."""
    return tuple(int(part) for part in re.findall(r"\d+", text or "0"))


def only_secrets_changed(config: Primitive, record: OperationRecord) -> bool:
    """only_sanitized_changed(): a record from a controller older than feature set 3.16.0 (a
    CIB from another cluster, whose private parameters were sanitized) whose op-secure-digest
    still matches changed nothing but secrets, which crm_simulate cannot see. The simulator's own
    records are newer: for them, as for a live cluster, any change counts."""
    if record.secure_digest is None or _version(record.feature_set) >= (3, 16, 0):
        return False
    secrets = f" {record.secure_params or ''} "
    fence = config.standard == "stonith"
    kept = {name: value for name, value in config.params.items()
            if f" {name} " not in secrets and not (fence and name.startswith("pcmk_"))}
    return digest_of(kept) == record.secure_digest


def _has_failcount(rsc: Rsc, node: NodeInfo) -> bool:
    name = rsc.base_id if rsc.clone_parent() is not None and not rsc.unique else rsc.id
    return any(key.startswith(f"fail-count-{name}#") and options.score_or(value, 0) != 0
               for key, value in node.attributes.items())


def _clear_failcount(rsc: Rsc, node: NodeInfo) -> None:
    if ("clear_failcount", node.uname, 0) not in rsc.housekeeping:
        rsc.housekeeping.append(("clear_failcount", node.uname, 0))


def in_maintenance(ws: WorkingSet, rsc: Rsc, node: NodeInfo) -> bool:
    return (ws.maintenance_mode or options.is_true(rsc.meta.get("maintenance"), False)
            or options.is_true(node.attributes.get("maintenance"), False))


def check_history(ws: WorkingSet, cib: Cib, rsc: Rsc, node: NodeInfo, history: ResourceHistory,
                  every_record: bool = False) -> None:
    """Record on `rsc` what its history on `node` asks for: cancels, a restart or a reload,
    monitors to run again. `every_record`: an entry with neither start nor stop, whatever its
    results (a renamed instance's own entry: unpack.py)."""
    if rsc.orphan:
        clone = rsc.clone_parent()
        if rsc.managed and node.online and not node.unclean and (clone is None or clone.unique):
            rsc.housekeeping.append(("delete", node.uname, 0))   # DeleteRsc: its history there goes
        return
    config = rsc.config
    if config is None:
        return
    maintenance = in_maintenance(ws, rsc, node)
    orphan_actions_stop = options.is_true(ws.properties.get("stop-orphan-actions"), True)
    for record in history.operations:  # check_operation_expiry: a failure under changed parameters
        if record.id.endswith("_last_failure_0") and record.operation in ("start", "monitor") \
                and definition_change(
                    record.digest, record.restart_digest, record.force_restart, _params(rsc, config, cib, record),
                    record.interval_ms) is not None:
            _clear_failcount(rsc, node)
    for record in sorted(history.operations, key=lambda r: r.call_id) if every_record else since_last_start(history):
        configured = _operation(config, record.operation, record.interval_ms) if record.interval_ms else None
        if record.interval_ms and (maintenance or (configured is None and orphan_actions_stop)
                                   or (configured is not None and not configured.enabled)):
            # an interval no longer configured (unless stop-orphan-actions=false: orphan-0), or
            # disabled (find_rsc_op_entry skips enabled=false)
            rsc.housekeeping.append(("cancel", node.uname, record.interval_ms))
            rsc.active_monitors.get(node.uname, set()).discard(record.interval_ms)
            continue
        # a pending start (op-status -1) is checked too: its digest says what it runs with
        # (order-serialize with xen-a-fencing's start pending: still restarted)
        if (record.op_status not in (0, -1) and not every_record and not _failure_ignored(ws, rsc, record)) or (
                not record.interval_ms and record.operation not in CHECKED_TASKS):
            continue
        params = _params(rsc, config, cib, record)
        change = definition_change(record.digest, record.restart_digest, record.force_restart, params,
                                   record.interval_ms)
        if change is not None and only_secrets_changed(config, record):
            continue
        if change == "reload" and not record.interval_ms and _has_own_params(config, record.operation):
            change = "restart"   # calculate_main_digest: its own parameters need a restart to apply
        if not rsc.managed or maintenance:
            # nothing is restarted, reloaded or retried, but a fence device's changed
            # definition still unfences its node (trigger_unfencing, unfencing.py), and an
            # unmanaged resource's monitor with changed parameters runs again
            if change in ("restart", "reload") and config.standard == "stonith":
                rsc.definition_changes.setdefault(node.uname, change)
            elif change == "reschedule" and not maintenance:
                rsc.active_monitors.get(node.uname, set()).discard(record.interval_ms)
            continue
        if change is not None and _has_failcount(rsc, node):
            _clear_failcount(rsc, node)   # retried fresh: "action definition changed"
        if change == "reschedule":
            rsc.active_monitors.get(node.uname, set()).discard(record.interval_ms)
        elif change is not None and rsc.definition_changes.get(node.uname) != "restart":
            rsc.definition_changes[node.uname] = change
    if rsc.definition_changes.get(node.uname) == "reload":
        rsc.active_monitors[node.uname] = set()   # a reload is followed by its monitors, started afresh


def _failure_ignored(ws: WorkingSet, rsc: Rsc, record: OperationRecord) -> bool:
    """A failed start or monitor configured on-fail=ignore: 2.1.5 pretends it succeeded ("Pretending failed
    ... succeeded"), so its definition is checked like a success's (1484 + start on-fail=ignore, bench seed
    140136: restarted for a definition change)."""
    return record.operation in ("start", "monitor") and record.op_status == 4 and configured_on_fail(
        ws, rsc, record.operation, record.interval_ms, record.key) == "ignore"


def check_agent(rsc: Rsc, node: NodeInfo, history: ResourceHistory, active: bool) -> None:
    """pcmk__rsc_agent_changed: a history recorded under another class, provider or type than
    the configuration's. Where the resource is active it is stopped (required) and started
    afresh, and its old history is deleted after the stop; where it is not, only deleted.
    An unmanaged resource's actions stay optional: nothing happens."""
    config = rsc.config
    if rsc.orphan or not rsc.managed or not isinstance(config, Primitive) or not node.available() or (
            history.standard, history.provider, history.agent_type) == (
            config.standard, config.provider, config.agent_type):
        return
    if active:
        rsc.definition_changes[node.uname] = "agent"
        rsc.start_pending = True   # cannot migrate; its start is shown whatever else happens
    if not rsc.failed and ("delete", node.uname, 0) not in rsc.housekeeping:
        rsc.housekeeping.append(("delete", node.uname, 0))


def _cancel_not_run(ws: WorkingSet, rsc: Rsc, node: str) -> bool:
    """A recurring operation's cancel is not run where the resource stops because it is to be
    stopped (target-role=Stopped, stop-all-resources), nor on a node that cannot run anything
    (standby, shutting down); measured against crm_simulate 2.1.5 on orphan-1/params-1 variants
    (a resource moving for a location or utilization keeps its cancel: orphan-2 variants), nor for a
    resource assigned nowhere: pcmk__finalize_assignment makes its recurring actions unrunnable
    (bug-lf-2317 with HostingIsg's ticket in standby and its monitor's interval changed: real
    cancels nothing on ibm2)."""
    if rsc.assigned == node:
        return False
    info = ws.nodes[node]
    return ws.stop_all or rsc.target_role == "Stopped" or info.standby or info.shutdown or rsc.assigned is None


def plan(ws: WorkingSet, graph) -> None:
    """The actions those findings need, once each primitive's start and stops exist: a restart
    makes its stop and start required ("resource definition change"), a reload adds
    `reload-agent` where the resource stays, a cancel stops a recurring monitor, a delete (after
    any stop) makes the controller forget an orphan's history on a node, a clear_failcount lets a
    resource whose definition changed be retried."""
    from .actions import Action, Ordering

    for rsc in ws.primitives():
        for task, node, interval_ms in rsc.housekeeping:
            if task == "delete" and rsc.failed:
                continue   # a failed resource's history stays (pcmk__schedule_cleanup)
            if task == "cancel" and rsc.managed and _cancel_not_run(ws, rsc, node):
                continue   # 2.1.5 leaves such a cancel optional and unrunnable
            action = graph.add(Action(task, rsc, node, optional=False, interval_ms=interval_ms))
            if task == "delete":
                graph.orderings.append(Ordering(list(graph.stops.get(rsc.id, [])), action, 0))
        for node, change in rsc.definition_changes.items():
            if change == "agent":   # a required stop; start_pending: a start where it stays
                for stop in graph.stops.get(rsc.id, []):
                    stop.optional = stop.optional and stop.node != node
                start = graph.starts.get(rsc.id)
                if start is not None and start.node == node:
                    start.optional = False
        current = rsc.current_node()
        change = rsc.definition_changes.get(current) if current is not None else None
        if change == "agent":
            continue
        start = graph.starts.get(rsc.id)
        if any(rsc.definition_changes.get(node) == "restart" for node in rsc.running_on) \
                and start is not None and start.node in rsc.running_on:
            # force_restart: the required start has no node, so a changed definition on any node
            # it is active on restarts it where it stays (multiply-active-stonith with fencer's
            # parameters changed: restarted on node3, though node2 comes first)
            change, current = "restart", start.node
        if change is None or start is None or start.node != current or not rsc.managed:
            continue
        stops = [stop for stop in graph.stops.get(rsc.id, []) if stop.node == current]
        if change == "restart" and not ws.have_quorum and ws.no_quorum_policy == "freeze" \
                and not requires.of(ws, rsc).runs_without_quorum:
            # the required start is made before it has a node (unrunnable), and the freeze test
            # that later gives it one never sets it runnable again (custom_action): only a stop;
            # a start that needs nothing is never put to that test (unfence-parameters with
            # requires=nothing on fencing: real restarts it)
            start.optional, start.runnable = False, False
            start.reason = start.reason or "resource definition change"
            for stop in stops:
                stop.optional = False
            continue
        if not start.optional or any(not stop.optional for stop in stops):
            continue   # already stopping or restarting: the new definition comes with the start
        if change == "restart":
            start.optional, start.reason = False, "resource definition change"
            for stop in stops:
                stop.optional = False
        else:
            graph.reloads[rsc.id] = graph.add(Action("reload-agent", rsc, current, optional=False))


def drop_reloads_of_restarts(graph) -> None:
    """A resource restarted anyway (an ordering made its start required) is not reloaded: the
    start brings the new definition ("reload-becomes-restart")."""
    for action in graph.actions:
        start = graph.starts.get(action.rsc.id) if action.task == "reload-agent" else None
        if start is not None and not start.optional:
            action.optional = True


def reload_of(rsc: Rsc, graph):
    """The `reload-agent` planned for this resource, if any (its "Reload" summary line)."""
    action = graph.reloads.get(rsc.id)  # indexed: the summary asks for each resource (quadratic by a scan)
    return action if action is not None and action.rsc is rsc and not action.optional else None
