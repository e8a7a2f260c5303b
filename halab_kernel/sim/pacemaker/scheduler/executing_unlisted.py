"""What executing.py does not reproduce of 2.1.5's "Executing Cluster Transition" list: each rule
names a construct under which the list it builds was found to differ from the real tool's on the
public scheduler cases (other actions, or the same actions in another order), and crm_simulate -S
refuses to print it (the transition summary and the statuses do not depend on it).
docs/crm_simulate.md lists them with the cases that made each one a rule.
"""

from __future__ import annotations

from typing import Callable

from halab_kernel.values import is_true

from . import guest, options, remote, requires, utilization
from ..digests import definition_change
from .allocation_order import allocation_order
from .recurring import recurring_monitor_ops
from .working import Rsc, WorkingSet


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
    its recurring operations is cancelled for being disabled, and halab clears none: 2.1.5 clears it in more of
    these (a failure of another task, an instance's own fail count, a disabled operation:
    check_operation_expiry, check_params) than the scheduler models."""
    for uname, info in ws.nodes.items():
        for name, value in info.attributes.items():
            if not name.startswith("fail-count-") or str(value).strip() in ("", "0"):
                continue
            base = name.removeprefix("fail-count-").split("#")[0].split(":")[0]
            prims = [prim for prim in ws.primitives() if (prim.base_id or prim.id.split(":")[0]) == base]
            touched = any(uname in prim.definition_changes or prim.orphan or _failed_under_changed_definition(ws, prim, uname)
                          or any(task == "cancel" and node == uname and interval in _disabled(prim)
                                 for task, node, interval in prim.housekeeping)
                          for prim in prims)
            cleared = any(("clear_failcount", uname, 0) in prim.housekeeping for prim in prims)
            if touched and not cleared:
                return True
    return False


class _NoParentParams:
    """Stands for the Cib where definitions._params looks up a group's or clone's instance
    attributes: none are read, so a parent's parameters count as changed (a refusal too many, never
    a list printed wrong). Only used for operations with no interval (no op_defaults timeout)."""

    @staticmethod
    def find_resource(rsc_id: str) -> None:
        return None


def _failed_under_changed_definition(ws: WorkingSet, prim: Rsc, uname: str) -> bool:
    """A failed start on the node recorded under another definition than the configured one:
    2.1.5 clears the fail count there (process_rsc_history: "action definition changed", a legacy
    fail-count-RSC too), halab's scheduler checks no failed record (a variant of rec-rsc-1 with a
    parameter changed). A failed recurring monitor's definition is not compared here (its digest
    holds the op_defaults timeout, which the working set does not keep)."""
    from .definitions import _params   # definitions is the scheduler's; this only reads it
    entries = ws.histories.get(uname, {})
    history = entries.get(prim.id) or entries.get(prim.base_id or "")
    if history is None or prim.config is None:
        return False
    for record in history.operations:
        failed = record.op_status not in (0, -1) or (record.target_rc is not None and record.rc_code != record.target_rc)
        if failed and record.operation == "start" and not record.interval_ms and record.digest \
                and definition_change(record.digest, record.restart_digest, record.force_restart,
                                      _params(prim, prim.config, _NoParentParams(), record),  # type: ignore[arg-type]
                                      record.interval_ms) is not None:
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


def _maintenance_node_monitors(ws: WorkingSet, listed: tuple) -> bool:
    """A node in maintenance where the scheduler cancels a resource's recurring monitor and the
    list has no cancel of it: 2.1.5 lists it (node-maintenance-1)."""
    cancelled = {(action.resource, action.node) for action in listed if action.task == "cancel"}
    return any(info.maintenance and task == "cancel" and node == uname
               and not any(name in cancelled for name in ((prim.id, uname), (prim.base_id, uname)))
               for uname, info in ws.nodes.items() for prim in ws.primitives() for task, node, _ in prim.housekeeping)


def _group_member_held(ws: WorkingSet, listed: tuple) -> bool:
    """A group with a disabled, unmanaged or blocked member and no start of the group listed, some
    member stopping while an earlier one stays active, or one to start that does not: 2.1.5 still
    runs the group's start (group11) and that member's (unmanaged-block-restart)."""
    stopping = {action.resource for action in listed if action.task == "stop"}
    starting = {action.resource for action in listed if action.task == "start" and action.pseudo}
    started = {action.resource for action in listed if action.task == "start" and not action.pseudo}
    for top in ws.resources:
        for group in [top, *top.children]:
            members = list(group.primitives())
            if group.kind != "group" or group.id in starting \
                    or not any(not p.managed or p.blocked or p.target_role == "Stopped" for p in members):
                continue
            first = next((i for i, p in enumerate(members) if p.id in stopping), None)
            if first and any(p.running_on and p.id not in stopping for p in members[:first]):
                return True
            if any(p.assigned and not p.running_on and p.id not in started for p in members):
                return True   # a member to start held behind the blocked one (unmanaged-block-restart)
    return False


def _remote_reconnected(ws: WorkingSet, listed: tuple) -> bool:
    """A remote or guest node's connection (or container) starting while a resource stays active
    there: 2.1.5 starts its monitors there again, halab's list does not (remote-recover)."""
    started = {action.resource for action in listed if action.task == "start"}
    acting = {(action.resource, action.node) for action in listed if action.task in ("start", "stop")}
    for uname, info in ws.nodes.items():
        host = remote.connection_of(ws, info) or guest.container_of_node(ws, info)
        if host is not None and host.id in started and any(
                uname in p.running_on and (p.id, uname) not in acting and (p.base_id, uname) not in acting
                for p in ws.primitives()):
            return True
    return False


def _shutdown_lock_history(ws: WorkingSet, listed: tuple) -> bool:
    """A shutdown lock older than shutdown-lock-limit: 2.1.5 forgets the history there (lrm_delete),
    halab's list does not say so (shutdown-lock-expiration)."""
    limit = options.seconds(ws.properties.get("shutdown-lock-limit"))
    return limit > 0 and ws.now is not None and any(
        history.shutdown_lock is not None and ws.now >= history.shutdown_lock + limit
        for entries in ws.histories.values() for history in entries.values())


def _unmanaged_monitor(ws: WorkingSet, listed: tuple) -> bool:
    """A monitor of an unmanaged resource on a node shutting down in the list: 2.1.5 starts none
    there (unmanaged-promoted)."""
    held = {p.id for p in ws.primitives() if not p.managed}
    return any(action.task == "monitor" and action.interval_ms and action.resource in held
               and action.node in ws.nodes and ws.nodes[action.node].shutdown for action in listed)


def _multiply_promoted(ws: WorkingSet, listed: tuple) -> bool:
    """A resource active on more than one node in the Promoted role: 2.1.5 demotes it on each,
    halab's list does not (bug-rh-880249)."""
    return any(len(p.running_on) > 1 and p.role == "Promoted" for p in ws.primitives())


def _group_on_unfenced_node(ws: WorkingSet, listed: tuple) -> bool:
    """A group member active on an unclean node this transition does not fence: which of the
    group's pseudo actions 2.1.5 runs around its stop, which cannot run, is not modelled
    (bug-cl-5212: grpStonith1's start but not its stop)."""
    fenced = {action.node for action in listed if action.kind == "fencing"}
    return any(p.parent is not None and p.parent.kind == "group"
               and any(ws.nodes[n].unclean and n not in fenced for n in p.running_on if n in ws.nodes)
               for p in ws.primitives())


def _stopped_monitor_found_running(ws: WorkingSet, listed: tuple) -> bool:
    """A monitor of the Stopped role that found the resource running, never started there, where it
    is assigned: which monitors 2.1.5 starts and cancels then is not modelled (stopped-monitor-25)."""
    for uname, entries in ws.histories.items():
        for rsc_id, history in entries.items():
            rsc = ws.by_id.get(rsc_id)
            if rsc is None or rsc.assigned != uname or any(r.operation == "start" for r in history.operations):
                continue
            stopped = {op.interval_ms for op in recurring_monitor_ops(rsc) if (op.role or "").strip().lower() == "stopped"}
            if any(r.interval_ms in stopped and r.rc_code in (0, 8) for r in history.operations):
                return True
    return False


def _partial_migration_left(ws: WorkingSet, listed: tuple) -> bool:
    """A live migration half done (migrate_to without migrate_from) that this transition does not
    continue: the stops 2.1.5 makes then are not all halab's (bug-5186-partial-migrate)."""
    continued = {action.resource for action in listed if action.task == "migrate_from"}
    return any(p.partial_migration is not None and p.id not in continued for p in ws.primitives())


def _multiply_active_stops(ws: WorkingSet, listed: tuple) -> bool:
    """A resource stopped on more than one node found active in another order than their names':
    2.1.5 makes the stops in the order it found the resource active (rsc->running_on), halab's list
    puts them in the nodes' (multi1, rec-rsc-0 and migrate-fail-6 are in both). Those made while
    unpacking a failure and the others are compared apart (not-reschedule-unneeded-monitor)."""
    from .executing import failed_there   # executing imports this module
    from .render import by_name
    stopping = {(action.resource, action.node) for action in listed if action.task == "stop" and not action.pseudo}
    for p in ws.primitives():
        nodes = [node for node in p.running_on if (p.id, node) in stopping or (p.base_id, node) in stopping]
        for unpacked in (True, False):
            alike = [node for node in nodes if (p.failed and failed_there(ws, p, node)) == unpacked]
            if alike != sorted(alike, key=by_name):
                return True
    return False


def _several_migrations(ws: WorkingSet, listed: tuple) -> bool:
    """More than one live migration beside clone notifications or load_stopped actions: the order
    of their steps in 2.1.5's graph is not modelled (group-dependents, load-stopped-loop)."""
    return sum(1 for action in listed if action.task == "migrate_from") > 1 and any(
        action.task == "notify" or action.task.startswith("load_stopped_") for action in listed)


def _fenced_without_requiring_it(ws: WorkingSet, listed: tuple) -> bool:
    """Fencing a node where a resource runs that requires quorum only (requires=quorum),
    or hosts a guest node's container, or with a live migration in the same transition: where
    2.1.5's graph puts the stops fencing implies then is not modelled (clone-requires-quorum,
    priority-fencing-delay, guest-node-host-dies, migrate-fencing)."""
    fenced = {action.node for action in listed if action.kind == "fencing" and action.task != "on"}
    if not fenced:
        return False
    if any(action.task == "migrate_to" for action in listed):
        return True
    boxes = {box.id for box in guest.containers(ws)}
    for p in ws.primitives():
        if not set(p.running_on) & fenced:
            continue
        quorum_only = requires.of(ws, p)
        if (quorum_only.value == "quorum" and not quorum_only.default) or p.id in boxes:
            return True
    return False


def _load_stopped(ws: WorkingSet, listed: tuple) -> bool:
    """A placement strategy's load_stopped pseudo actions with a group or clone stopping: their place
    among its pseudo actions in 2.1.5's graph is not modelled (bug-lf-2619, utilization-order4)."""
    collectives = {rsc.id for top in ws.resources for rsc in [top, *top.children, *(g for c in top.children
                                                                                    for g in c.children)]
                   if rsc.kind != "primitive"}
    return any(action.task.startswith("load_stopped_") for action in listed) and any(
        action.task == "stop" and action.pseudo and action.resource in collectives for action in listed)


def _cloned_group_stops(ws: WorkingSet, listed: tuple) -> bool:
    """Several members of one instance of a cloned group stopping: the order 2.1.5 lists their
    stops in is not modelled (bug-1822, bug-lf-2171)."""
    stopping = {(action.resource, action.node) for action in listed if action.task == "stop" and not action.pseudo}
    for top in ws.resources:
        for instance in top.children if top.kind == "clone" else ():
            if instance.kind == "group" and sum(
                    1 for p in instance.primitives() for node in p.running_on
                    if (p.id, node) in stopping or (p.base_id, node) in stopping) > 1:
                return True
    return False


def _agent_changed(ws: WorkingSet, listed: tuple) -> bool:
    """A history entry whose agent (class, provider, type) is not the configured one, and no
    delete of it listed: 2.1.5 forgets it (order_constraint_stops_promoted)."""
    deleted = {(action.resource, action.node) for action in listed if action.task == "delete"}
    for uname, entries in ws.histories.items():
        for rsc_id, history in entries.items():
            rsc = ws.by_id.get(rsc_id) or ws.by_id.get(f"{rsc_id}:0")
            config = rsc.config if rsc is not None else None
            if config is None or (rsc_id, uname) in deleted:
                continue
            if (history.agent_type, history.standard) != (config.agent_type, config.standard):
                return True
    return False


def _probe_in_flight(ws: WorkingSet, listed: tuple) -> bool:
    """A probe recorded in flight (op-status -1): 2.1.5 probes again (probe-1)."""
    return any(record.is_probe and record.op_status == -1
               for entries in ws.histories.values() for history in entries.values() for record in history.operations)


def _migration_in_flight(ws: WorkingSet, listed: tuple) -> bool:
    """A migrate_to or migrate_from recorded in flight: the stops 2.1.5 makes where the migration
    may have got to are not all halab's (bug-5186-partial-migrate)."""
    return any(record.operation in ("migrate_to", "migrate_from") and record.op_status == -1
               for entries in ws.histories.values() for history in entries.values() for record in history.operations)


def _promoted_monitor_before_promote(ws: WorkingSet, listed: tuple) -> bool:
    """An instance promoted where its history shows a monitor of the Promoted role still running:
    whether 2.1.5 starts that monitor again is not modelled (bug-cl-5168)."""
    promoting = {(action.resource, action.node) for action in listed if action.task == "promote"}
    for p in ws.primitives():
        promoted = {op.interval_ms for op in recurring_monitor_ops(p) if (op.role or "").strip().lower() in
                    ("promoted", "master")}
        if any(((p.id, node) in promoting or (p.base_id, node) in promoting) and intervals & promoted
               for node, intervals in p.active_monitors.items()):
            return True
    return False


def _fenced_out_of_name_order(ws: WorkingSet, listed: tuple) -> bool:
    """Several nodes fenced whose node_state entries are not in their names' order: 2.1.5 makes
    most fencing actions while unpacking the status (pe_fence_node), in its order, halab's list
    puts them in the nodes' (migrate-fencing with another node offline). Nodes with no node_state
    go in their names' order (data_set->nodes: systemhealth1); with some of each, which first is not
    modelled."""
    from .render import by_name   # render imports executing, which imports this module
    fenced = {action.node for action in listed if action.kind == "fencing" and action.task != "on"}
    found = [uname for uname in ws.histories if uname in fenced]
    return len(fenced) > 1 and bool(found) and (len(found) < len(fenced) or found != sorted(found, key=by_name))


def _multiply_active_fenced(ws: WorkingSet, listed: tuple) -> bool:
    """A resource active on several nodes, one of them fenced: the monitors 2.1.5 starts where it
    stays are not modelled (multiply-active-stonith)."""
    fenced = {action.node for action in listed if action.kind == "fencing" and action.task != "on"}
    return any(len(p.running_on) > 1 and set(p.running_on) & fenced for p in ws.primitives())


def _container_monitor_beside_connection(ws: WorkingSet, listed: tuple) -> bool:
    """A monitor of a guest node's container listed while a guest connection starts: their order in
    2.1.5's graph is not modelled (whitebox-unexpectedly-running)."""
    boxes = {box.id for box in guest.containers(ws)}
    started = {action.resource for action in listed if action.task == "start"}
    connecting = any(uname in started for uname, info in ws.nodes.items() if guest.is_guest(ws, info))
    return connecting and any(action.task == "monitor" and action.interval_ms and action.resource in boxes
                              for action in listed)


def _unordered_group(ws: WorkingSet, listed: tuple) -> bool:
    """A group with ordered=false acting: its members' actions are still ordered one after the
    other in halab's graph, not in 2.1.5's (bug-lf-2171)."""
    named = {action.resource for action in listed}
    return any(rsc.kind == "group" and str(rsc.meta.get("ordered", "true")).strip().lower() in ("false", "no", "0", "off")
               and any(p.id in named for p in rsc.primitives()) for rsc in ws.by_id.values())


def _failcount_cleared(ws: WorkingSet, listed: tuple) -> bool:
    """A fail count cleared (clear_failcount): 2.1.5 makes it one of its resource's actions, where in
    the graph is not modelled (no public case prints one; variants of rebalance-unique-clones and
    promoted-move with a failure injected list it elsewhere)."""
    return any(action.task == "clear_failcount" for action in listed)


def _resource_in_maintenance(ws: WorkingSet, listed: tuple) -> bool:
    """A resource in maintenance by its own meta attribute (or rsc_defaults): 2.1.5 cancels its
    monitors and leaves it out of load_stopped, halab's list does not (no public case has one;
    variants of group-stop-ordering and migrate-fail-2)."""
    return any(is_true(prim.meta.get("maintenance")) for prim in ws.primitives())


def _sorted_by_placement_strategy(ws: WorkingSet, listed: tuple) -> bool:
    """Under a placement strategy other than default, resources that act in another order in
    halab's estimate of pcmk__sort_resources than in the configuration: the graph adds each
    resource's actions in the sorted order (data_set->resources), halab's list in the
    configuration's, and the estimate is not 2.1.5's everywhere (rsc-sets-clone-1; template-1 is
    listed in the configuration's order though the estimate sorts it otherwise)."""
    if utilization.strategy(ws) == "default":
        return False
    acting = {action.resource for action in listed if action.resource}

    def acts(top: Rsc) -> bool:
        return top.id in acting or any(p.id in acting or p.base_id in acting for p in top.primitives())
    configured = [rsc.id for rsc in sorted(ws.resources, key=lambda rsc: -rsc.priority) if acts(rsc)]
    # sorted before any resource was assigned: assigning changes the scores it sorts by (a variant
    # of utilization-check-allowed-nodes with a location preference for rsc2)
    return configured != [rsc.id for rsc in (ws.sorted_resources or allocation_order(ws)) if acts(rsc)]


def _monitor_again_where_stopped(ws: WorkingSet, listed: tuple) -> bool:
    """A recurring monitor started again on a node where a probe, last, found the resource stopped
    after that monitor ran: where 2.1.5 makes it among the start's actions is not modelled (a
    variant of promoted-colocation)."""
    for action in listed:
        if action.task != "monitor" or not action.interval_ms or action.node is None:
            continue
        for prim in ws.primitives():
            if action.resource not in (prim.id, prim.base_id) or action.node in prim.running_on:
                continue
            entries = ws.histories.get(action.node, {})
            history = entries.get(prim.id) or entries.get(prim.base_id or "")
            records = sorted(history.operations, key=lambda r: r.call_id) if history is not None else []
            if records and records[-1].is_probe and records[-1].rc_code == 7 and any(
                    r.operation == "monitor" and r.interval_ms == action.interval_ms for r in records):
                return True
    return False


def _remove_after_stop(ws: WorkingSet, listed: tuple) -> bool:
    """remove-after-stop=true: 2.1.5 deletes the history of what stops (no public case has it;
    a variant of no_quorum_demote)."""
    return is_true(ws.properties.get("remove-after-stop")) and any(action.task == "stop" for action in listed)


def _pending_start_in_group(ws: WorkingSet, listed: tuple) -> bool:
    """A group member's start recorded in flight: 2.1.5 runs the group's start pseudo action around
    the start that stands for it (create_pending_start), halab's list does not (a variant of
    ticket-group-21)."""
    return any(prim.start_pending and prim.parent is not None and prim.parent.kind == "group"
               for prim in ws.primitives())


def _orphan_deleted(ws: WorkingSet, listed: tuple) -> bool:
    """An orphaned resource (in the history only) whose history is deleted on more than one node:
    which deletes 2.1.5 makes and where is not modelled (variants of rule-int-as-integer-no-match,
    clone_min_stop_all and interleave-stop with a resource removed)."""
    orphans = {name for prim in ws.primitives() if prim.orphan for name in (prim.id, prim.base_id)}
    return sum(1 for action in listed if action.task == "delete" and action.resource in orphans) > 1


def _migration_beside_collective_load(ws: WorkingSet, listed: tuple) -> bool:
    """A live migration beside load_stopped actions and a group or clone starting: where 2.1.5's
    graph puts the migrate_to among them is not modelled (a variant of bug-suse-707150 with
    allow-migrate; migrate-begin, migrate-partial-2 and utilization-order3 start no group or
    clone)."""
    collectives = {rsc.id for top in ws.resources for rsc in [top, *top.children] if rsc.kind != "primitive"}
    return any(action.task == "migrate_to" for action in listed) \
        and any(action.task.startswith("load_stopped_") for action in listed) \
        and any(action.task == "start" and action.pseudo and action.resource in collectives for action in listed)


def _failed_migration_beside_container_stop(ws: WorkingSet, listed: tuple) -> bool:
    """A resource left active on two nodes by a failed live migration, recovered while a guest
    node's container stops: 2.1.5 starts it after that stop (a variant of
    whitebox-ms-ordering-move), halab's list before."""
    boxes = {box.id for box in guest.containers(ws)}
    if not any(action.task == "stop" and not action.pseudo and action.resource in boxes for action in listed):
        return False
    return any(len(p.running_on) > 1 and any(
        record.operation in ("migrate_to", "migrate_from") and record.rc_code != 0
        for entries in ws.histories.values() for name in (p.id, p.base_id) if name in entries
        for record in entries[name].operations) for p in ws.primitives())


def _stop_in_flight(ws: WorkingSet, listed: tuple) -> bool:
    """A stop recorded in flight (op-status -1): 2.1.5 probes the resource there again, halab's
    list does not (a variant of shutdown-lock)."""
    return any(record.operation == "stop" and record.op_status == -1
               for entries in ws.histories.values() for history in entries.values() for record in history.operations)


def _promoted_not_promotable(ws: WorkingSet, listed: tuple) -> bool:
    """A resource outside any promotable clone whose history found it Promoted (rc 8): 2.1.5
    demotes it, halab's list does not (a variant of clone_min_interleave_start_one)."""
    for prim in ws.primitives():
        if prim.promotable_clone() is not None:
            continue
        for entries in ws.histories.values():
            history = entries.get(prim.id) or entries.get(prim.base_id or "")
            if history is not None and any(r.rc_code == 8 for r in history.operations):
                return True
    return False


def _asymmetric_load(ws: WorkingSet, listed: tuple) -> bool:
    """load_stopped actions in an asymmetric cluster (symmetric-cluster=false): 2.1.5 makes them only
    for the nodes a resource may run on, halab's list for every node (a variant of
    colocation-priority-group)."""
    return not ws.symmetric and any(action.task.startswith("load_stopped_") for action in listed)


def _pending_start_restarted(ws: WorkingSet, listed: tuple) -> bool:
    """A start recorded in flight of a resource restarted for a definition change, monitored again
    there: where 2.1.5 makes that monitor among the restart's actions is not modelled (a variant of
    params-1; 797 and unfence-definition have no such monitor)."""
    monitored = {(action.resource, action.node) for action in listed if action.task == "monitor" and action.interval_ms}
    return any(prim.start_pending and (prim.id, node) in monitored
               for prim in ws.primitives() for node in prim.definition_changes)


def _notified_stop_implied_by_fencing(ws: WorkingSet, listed: tuple) -> bool:
    """An instance of a clone with notify=true whose stop fencing implies (a pseudo action): 2.1.5
    notifies its peers of it after the fencing (pcmk__order_notifs_after_fencing: the instance's
    own post_notify_stonith pseudo actions), halab's list does not (a variant of novell-251689 with
    a failed stop)."""
    if not any(action.kind == "fencing" and action.task != "on" for action in listed):
        return False
    notified = {name for prim in ws.primitives() for clone in (prim.clone_parent(),)
                if clone is not None and is_true(clone.meta.get("notify")) for name in (prim.id, prim.base_id)}
    return any(action.task == "stop" and action.pseudo and action.resource in notified for action in listed)


def _stuck_instance_beside_node_max(ws: WorkingSet, listed: tuple) -> bool:
    """A clone with clone-node-max above 1 whose stop runs (an instance active on an unclean node
    this transition does not fence, whose stop cannot run) and whose start does not: 2.1.5 runs its start and running pseudo
    actions too (a variant of unrunnable-1 with clone-node-max=2; unrunnable-1 itself has
    neither)."""
    stopping = {action.resource for action in listed if action.task == "stop" and action.pseudo}
    starting = {action.resource for action in listed if action.task == "start" and action.pseudo}
    fenced = {action.node for action in listed if action.kind == "fencing" and action.task != "on"}
    for top in ws.resources:
        if top.kind != "clone" or top.id not in stopping or top.id in starting \
                or options.score_or(top.meta.get("clone-node-max"), 1) <= 1:
            continue
        if any(ws.nodes[node].unclean and node not in fenced
               for prim in top.primitives() for node in prim.running_on if node in ws.nodes):
            return True
    return False


def _restarted_definition_moving(ws: WorkingSet, listed: tuple) -> bool:
    """A resource whose definition changed where it is active (a restart) moving to another node,
    that one not shutting down: 2.1.5 made the start when it found the change, node-less, and
    gives it the new node (find_actions), so it comes early as when restarted in place; halab's
    list does not make it so (a variant of params-5 with node health; shutdown-lock, moving off a
    node shutting down, is listed as 2.1.5 lists it)."""
    for prim in ws.primitives():
        changed = [node for node in prim.running_on if prim.definition_changes.get(node) == "restart"
                   and node in ws.nodes and not ws.nodes[node].shutdown]
        if changed and any(action.task == "start" and not action.pseudo and action.node not in prim.running_on
                           and action.resource in (prim.id, prim.base_id) for action in listed):
            return True
    return False


def _unmanaged_monitor_found_stopped(ws: WorkingSet, listed: tuple) -> bool:
    """A resource blocked by a failed stop whose recurring monitor, since that stop, found it not
    running (rc 7 where 0 was expected), that monitor's cancel not listed: 2.1.5 cancels it (a
    variant of rec-rsc-4 with a monitor failed rc=7 after the failed stop), halab's list does not
    (group-stop-ordering, intervals, clone-fail-block-colocation: unmanaged otherwise, no cancel)."""
    cancelled = {(action.resource, action.node, action.interval_ms) for action in listed if action.task == "cancel"}
    for prim in ws.primitives():
        if prim.managed or not prim.blocked:
            continue
        for uname, entries in ws.histories.items():
            history = entries.get(prim.id) or entries.get(prim.base_id or "")
            records = history.operations if history is not None else ()
            stops = [r.call_id for r in records if r.operation == "stop" and (r.op_status != 0 or r.rc_code != 0)]
            for record in records:
                if stops and record.call_id > max(stops) \
                        and record.operation == "monitor" and record.interval_ms and record.rc_code == 7 \
                        and record.target_rc not in (None, 7) and not any(
                            (name, uname, record.interval_ms) in cancelled for name in (prim.id, prim.base_id)):
                    return True
    return False


def _disabled(prim: Rsc) -> set:
    """Intervals of the recurring operations configured with enabled=false."""
    return {op.interval_ms for op in (prim.config.operations if prim.config is not None else ())
            if op.interval_ms and not op.enabled}


RULES: tuple[tuple[str, Callable[[WorkingSet, tuple], bool]], ...] = (
    ("with a failure its failure-timeout expired", _expired_failure),
    ("with a fail count on a node where its resource's definition changed, it is orphaned or a disabled "
     "operation is cancelled", _failcount_kept),
    ("with a live migration left dangling (both halves done, the source not stopped)", _dangling_migration),
    ("with a monitor cancelled on a node in maintenance", _maintenance_node_monitors),
    ("of a group with a disabled, unmanaged or blocked member", _group_member_held),
    ("with resources active on a remote or guest node whose connection starts", _remote_reconnected),
    ("with a shutdown lock past shutdown-lock-limit", _shutdown_lock_history),
    ("with monitors of an unmanaged resource on a node shutting down", _unmanaged_monitor),
    ("with a resource promoted on more than one node", _multiply_promoted),
    ("with a group member on an unclean node that is not fenced", _group_on_unfenced_node),
    ("with a monitor of the Stopped role that found its resource running", _stopped_monitor_found_running),
    ("with a live migration half done that the transition does not continue", _partial_migration_left),
    ("with a resource stopped on more than one node found active in another order than their names'", _multiply_active_stops),
    ("with more than one live migration beside notifications or load_stopped actions", _several_migrations),
    ("with fencing that stops a resource requiring quorum only, a guest node's container, or beside a live "
     "migration", _fenced_without_requiring_it),
    ("with a placement strategy's load_stopped actions and a group or clone stopping", _load_stopped),
    ("with several members of a cloned group's instance stopping", _cloned_group_stops),
    ("with a history entry of another agent than the configured one", _agent_changed),
    ("with a probe recorded in flight", _probe_in_flight),
    ("with a live migration recorded in flight", _migration_in_flight),
    ("with a promote where a monitor of the Promoted role still runs", _promoted_monitor_before_promote),
    ("with a resource active on several nodes, one of them fenced", _multiply_active_fenced),
    ("with several nodes fenced, found in the status in another order than their names'", _fenced_out_of_name_order),
    ("with a guest node's container monitored while a guest connection starts", _container_monitor_beside_connection),
    ("of a group with ordered=false", _unordered_group),
    ("with a fail count cleared", _failcount_cleared),
    ("with a resource in maintenance", _resource_in_maintenance),
    ("with resources a placement strategy sorts otherwise than the configuration", _sorted_by_placement_strategy),
    ("with a monitor started again where a probe found its resource stopped since", _monitor_again_where_stopped),
    ("with remove-after-stop", _remove_after_stop),
    ("of a group with a start recorded in flight", _pending_start_in_group),
    ("with an orphaned resource's history deleted on more than one node", _orphan_deleted),
    ("of an anonymous clone of a group whose history names an active member otherwise", _cloned_group_instance),
    ("with a stop of a notifying clone's instance implied by fencing", _notified_stop_implied_by_fencing),
    ("with a stop recorded in flight", _stop_in_flight),
    ("with a start recorded in flight of a resource whose definition changed, monitored again there",
     _pending_start_restarted),
    ("with a resource outside a promotable clone found promoted", _promoted_not_promotable),
    ("with a placement strategy's load_stopped actions in an asymmetric cluster", _asymmetric_load),
    ("with a resource a failed live migration left active on two nodes beside a guest node's container "
     "stopping", _failed_migration_beside_container_stop),
    ("with a live migration beside load_stopped actions and a group or clone starting",
     _migration_beside_collective_load),
    ("of a clone with clone-node-max above 1 and an instance on an unclean node not fenced", _stuck_instance_beside_node_max),
    ("with a resource whose definition changed where it runs moving to another node", _restarted_definition_moving),
    ("with a recurring monitor that found a resource blocked by a failed stop not running",
     _unmanaged_monitor_found_stopped),
)


def on_document(root, listed: tuple) -> list[str]:
    """A resource set of a Serialize order (kind=Serialize) two of whose resources act: 2.1.5
    serializes their actions in the graph, halab's list does not (order-serialize-set); an ordering
    between two members of a group that stops. Read on the CIB document (`root`), which the working
    set does not keep."""
    acting = {action.resource for action in listed if action.resource}
    for rsc_set in root.xpath("//configuration/constraints/rsc_order[@kind='Serialize']/resource_set"):
        if sum(1 for ref in rsc_set.iterfind("resource_ref") if ref.get("id") in acting) > 1:
            return ["with the resources of a Serialize set acting"]
    # an ordering between two members of a group that stops: 2.1.5 runs the group's start pseudo
    # action too (a variant of ticket-group-17 with a set ordering rsc1 before rsc2), halab's list not
    stopping = {action.resource for action in listed if action.task == "stop" and action.pseudo}
    for group in root.xpath("//configuration/resources//group"):
        members = {child.get("id") for child in group.iterfind("primitive")}
        if group.get("id") not in stopping:
            continue
        for order in root.xpath("//configuration/constraints/rsc_order"):
            named = {order.get("first"), order.get("then")} | {ref.get("id") for ref in order.iter("resource_ref")}
            if len(named & members) > 1:
                return ["with an ordering between two members of a group that stops"]
    if _stop_before_first_probes(root, listed):
        return ["with a stop listed before the probes of a resource an ordering puts first"]
    return []


INVERSE = {"start": "stop", "stop": "start", "promote": "demote", "demote": "promote"}


def _stop_before_first_probes(root, listed: tuple) -> bool:
    """order_first_probes_imply_stops: for every ordering (an inverse one too) whose first is a
    resource's stop, 2.1.5 orders that resource's probes before the other's action, whether or not
    the stop itself is scheduled; halab's scheduler keeps no ordering from an action that does not
    exist, so its list may put the action before those probes (a variant of order7 with rsc1
    stopping: rsc1's stop after the probes of rsc2 and rsc3, which start after it). Only what the
    list contradicts is refused."""
    pairs = set()   # (resource whose probes come first, resource, its action)
    for order in root.xpath("//configuration/constraints/rsc_order[@first and @then]"):
        first, then = order.get("first"), order.get("then")
        first_task = (order.get("first-action") or "start").lower()
        then_task = (order.get("then-action") or first_task).lower()
        if first == then:
            continue
        if first_task == "stop":
            pairs.add((first, then, then_task))
        symmetrical = (order.get("symmetrical") or "").lower() not in ("false", "no", "0", "off")
        if symmetrical and (order.get("kind") or "").lower() != "serialize" and INVERSE.get(then_task) == "stop":
            pairs.add((then, first, INVERSE.get(first_task, "")))
    for index, action in enumerate(listed):
        if action.pseudo or action.kind not in ("", "resource") or action.task in ("monitor", "cancel"):
            continue
        for probed, rsc, task in pairs:
            if action.resource == rsc and action.task == task and any(
                    later.task == "monitor" and not later.interval_ms and later.resource == probed
                    for later in listed[index + 1:]):
                return True
    return False


def unlisted(ws: WorkingSet, listed: tuple) -> list[str]:
    """The constructs of this transition under which halab's list (`listed`, its PlannedActions)
    is not 2.1.5's."""
    return [name for name, applies in RULES if applies(ws, listed)]
