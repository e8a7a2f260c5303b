"""`crm_mon -1 --output-as=xml`: Pacemaker 2.1.5's XML status (api-version 2.25).

Built from the same reading as the text output (the node's DC view, the
scheduler's current state) plus the operation records in the CIB's status,
in the element and attribute order of the real tool, so that programs written
against a real node (the SSH backend among them) read the simulator too.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Mapping

from lxml import etree

from halab_kernel.commands.crm_mon import EXEC_STATUS, ctime, failure_records, scheduler_online
from halab_kernel import values
from halab_kernel.commands.crm_mon_bans import constrained, ticket_list
from halab_kernel.commands.crm_ticket import scan_ll
from halab_kernel.commands.crm_mon_fencing import xml_attributes
from halab_kernel.commands.crm_mon_history import (OCF_EXIT_TEXT, anonymous_clone_primitives, history_fail_counts,
                                                    migration_thresholds,
                                                    operation_list)
from halab_kernel.sim.pacemaker.scheduler.options import no_quorum_policy
from halab_kernel.sim.pacemaker.scheduler.render import by_name
from halab_kernel.commands.crm_mon_status import (FailureClock, blocked_instances, feature_set, mixed_version, node_attributes,
                                                   running_pings, shutdown_locks,
                                                   node_modes)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _iso(unix: int) -> str:
    return f"{datetime.fromtimestamp(unix, tz=timezone.utc):%Y-%m-%d %H:%M:%S}Z"


def _summary(parent, view, dc, node_id, quorate, now, counts, blocked, online: set[str]) -> None:
    summary = etree.SubElement(parent, "summary")
    properties = {nv.get("name"): nv.get("value", "") for nv in
                  view.iterfind("configuration/crm_config/cluster_property_set/nvpair")}
    first: dict[str, str] = {}   # the text output's reading: the first pair of a name
    for nv in view.iterfind("configuration/crm_config/cluster_property_set/nvpair"):
        first.setdefault(nv.get("name", ""), nv.get("value", ""))
    etree.SubElement(summary, "stack", type=first.get("cluster-infrastructure") or "unknown")
    if dc:
        etree.SubElement(summary, "current_dc", present="true", version=first.get("dc-version", ""), name=dc,
                         id=str(node_id(dc)), with_quorum=_bool(quorate), mixed_version=_bool(mixed_version(view, online)))
    else:
        etree.SubElement(summary, "current_dc", present="false")
    etree.SubElement(summary, "last_update", time=ctime(now))
    etree.SubElement(summary, "last_change", time=view.get("cib-last-written", ""), user=view.get("update-user", ""),
                     client=view.get("update-client", ""), origin=view.get("update-origin", ""))
    etree.SubElement(summary, "nodes_configured", number=str(len(view.findall("configuration/nodes/node"))))
    total, disabled = counts
    etree.SubElement(summary, "resources_configured", number=str(total), disabled=str(disabled), blocked=str(blocked))
    timeout = properties.get("stonith-timeout", "60s").rstrip("s")
    fencing = values.is_true(properties.get("stonith-enabled"), True)
    policy = no_quorum_policy(properties)   # the scheduler's parsed options (pe_flag_*, no_quorum_policy)
    if policy == "suicide" and not (fencing and (values.is_true(view.get("have-quorum"))
                                                 or view.get("no-quorum-panic", "0") not in ("0", ""))):
        policy = "stop"
    etree.SubElement(summary, "cluster_options",
                     **{"stonith-enabled": _bool(fencing),
                        "symmetric-cluster": _bool(values.is_true(properties.get("symmetric-cluster"), True)),
                        "no-quorum-policy": policy,
                        "maintenance-mode": _bool(values.is_true(properties.get("maintenance-mode"), False)),
                        "stop-all-resources": _bool(values.is_true(properties.get("stop-all-resources"), False)),
                        "stonith-timeout-ms": str(int(float(timeout) * 1000)) if timeout.isdigit() else "60000",
                        "priority-fencing-delay-ms": "0"})


PENDING_STATES = {"start": "Starting", "stop": "Stopping", "migrate_to": "Migrating", "migrate_from": "Migrating",
                  "promote": "Promoting", "demote": "Demoting"}   # native_pending_state


def pending_tasks(view) -> dict[str, str]:
    """rsc->pending_task of each resource (outside clones) with an operation in flight (op-status -1): the
    first such operation unpack_rsc_op meets (nodes in the status's order, each history by call id), a
    probe left out."""
    in_clones = {p.get("id") for p in view.iterfind(".//configuration/resources//clone//primitive")} | \
        {p.get("id") for p in view.iterfind(".//configuration/resources//master//primitive")}
    found: dict[str, str] = {}
    for entry in view.iterfind("status/node_state/lrm/lrm_resources/lrm_resource"):
        rsc = entry.get("id", "")
        if rsc in found or rsc.split(":")[0] in in_clones:
            continue
        for op in sorted(entry.iterfind("lrm_rsc_op"), key=lambda o: scan_ll(o.get("call-id") or "")):
            if op.get("op-status") == "-1" and not (op.get("operation") == "monitor" and op.get("interval", "0") == "0"):
                found[rsc] = op.get("operation", "")
                break
    return found


def _scan_min_int(text: str | None) -> int:
    """pcmk__scan_min_int(text, &rc, 0): the leading integer, at least 0 (0 without one)."""
    return max(scan_ll(text or ""), 0)


def _is_online(state: str) -> bool:
    return state in ("online", "standby", "maintenance", "standby-onfail", "unclean-online", "pending")


def _nodes(parent, view, decision, dc, node_id, running_count, fenced: frozenset = frozenset(),
           health: Mapping[str, str] | None = None) -> None:
    nodes = etree.SubElement(parent, "nodes")
    states = {n.uname: n.state for n in decision.nodes_before}
    expected = {s.get("uname"): s.get("expected") for s in view.iterfind("status/node_state")}
    shutdown = {s.get("uname"): any(nv.get("name") == "shutdown" and nv.get("value") != "0" for nv in
                                    s.iterfind("transient_attributes/instance_attributes/nvpair"))
                for s in view.iterfind("status/node_state")}  # pe__shutdown_requested
    modes = node_modes(view)
    # 2.1.5 keeps its nodes sorted by name (pe__cmp_node_name: digits as numbers), and lists them so
    for element in sorted(view.iterfind("configuration/nodes/node"), key=lambda node: by_name(node.get("uname", ""))):
        name = element.get("uname", "")
        state = states.get(name, "offline")
        online = _is_online(state)
        standby, maintenance = modes.get(name, (False, False))
        attributes = {"name": name, "id": element.get("id", ""), "online": _bool(online),
                      # a pending node is also standby to 2.1.5 (not ready to run resources)
                      "standby": _bool(state in ("standby", "pending") or standby), "standby_onfail": _bool(state == "standby-onfail"),
                      "maintenance": _bool(state == "maintenance" or maintenance), "pending": _bool(state == "pending"),
                      "unclean": _bool(state.startswith("unclean") or name in fenced),
                      "health": (health or {}).get(name, "green")}
        if online:
            attributes["feature_set"] = feature_set(view, name)  # known only from a node that is up
        attributes.update({"shutdown": _bool(shutdown.get(name, False)),
                           "expected_up": _bool(expected.get(name) == "member" and not shutdown.get(name, False)), "is_dc": _bool(name == dc),
                           "resources_running": str(running_count(name)), "type": "member"})
        etree.SubElement(nodes, "node", attributes)


def _configured_role(cib, rsc_id: str) -> str | None:
    """The target-role meta as written, as 2.1.5 prints it: a primitive's nearest (its own, its template's,
    then its group's and clone's, which it inherits); a clone's own, else its child's (configured_role_str)."""
    element = next((e for e in cib.iterfind("configuration/resources//*") if e.get("id") == rsc_id), None)
    if element is None:
        return None
    if element.tag in ("clone", "master"):
        chain = [element, *element.iterchildren("primitive", "group")][:2]
    else:
        template = cib.find(f"configuration/resources/template[@id='{element.get('template')}']") \
            if element.get("template") else None
        chain = [element, *([template] if template is not None else []), *element.iterancestors("group", "clone", "master")]
    for holder in chain:   # "#default" unsets the value (populate_hash), which is then inherited
        role = None
        for nv in holder.iterfind("meta_attributes/nvpair"):
            if nv.get("name") == "target-role":
                value = nv.get("value", "")
                role = None if value.lower() == "#default" else (role if role is not None else value)
        if role is not None:
            return role
    return None


def _resource_element(parent, rsc_view, node_id, online: set, cib, anonymous: bool = False,
                      frozen: frozenset = frozenset(), locks: Mapping[str, str] | None = None,
                      pending: Mapping[str, str] | None = None) -> None:
    """A resource as crm_mon's XML lists it; `cached` says whether its node is online; `frozen`: the
    instances a lost ticket left unmanaged and blocked; `locks`: resource -> the node its shutdown lock
    holds it to."""
    locks = locks or {}
    if rsc_view.status is not None:
        status = rsc_view.status
        active = bool(status.nodes)
        task = (pending or {}).get(rsc_view.id)   # native_displayable_state: a task in flight names the state
        attributes = {"id": rsc_view.id.split(":")[0] if anonymous else rsc_view.id, "resource_agent": status.agent,
                      "role": PENDING_STATES.get(task or "") or (status.role if active else "Stopped")}
        role = _configured_role(cib, rsc_view.id.split(":")[0])
        if role is not None:
            attributes["target_role"] = role
        attributes.update({"active": _bool(active), "orphaned": _bool(status.orphan), "blocked": _bool(status.blocked or rsc_view.id in frozen),
                           "managed": _bool(status.managed and rsc_view.id not in frozen), "failed": _bool(status.failed),
                           "failure_ignored": _bool(status.failure_ignored), "nodes_running_on": str(len(status.nodes))})
        if task == "monitor":   # native_pending_task
            attributes["pending"] = "Monitoring"
        if rsc_view.id in locks:   # rsc->lock_node (shutdown-lock)
            attributes["locked_to"] = locks[rsc_view.id]
        element = etree.SubElement(parent, "resource", attributes)
        for name in status.nodes:
            etree.SubElement(element, "node", name=name, id=str(node_id(name)), cached=_bool(name in online))
        return
    if rsc_view.kind == "group":
        group = etree.SubElement(parent, "group", id=rsc_view.id, number_resources=str(len(rsc_view.children)),
                                 managed=_bool(rsc_view.managed), disabled=_bool(rsc_view.disabled))
        for child in rsc_view.children:
            _resource_element(group, child, node_id, online, cib, anonymous, frozen, locks, pending)
        return
    clone = etree.SubElement(parent, "clone", id=rsc_view.id, multi_state=_bool(rsc_view.promotable),
                             unique=_bool(rsc_view.unique), managed=_bool(rsc_view.managed),
                             disabled=_bool(rsc_view.disabled), failed="false", failure_ignored="false")
    role = _configured_role(cib, rsc_view.id)
    if role is not None:
        clone.set("target_role", role)
    for child in rsc_view.children:
        _resource_element(clone, child, node_id, online, cib, not rsc_view.unique, frozen, locks, pending)


def _history(parent, view, online: list) -> None:
    """Operation history per node, of the nodes that are up (as crm_mon shows it)."""
    history = etree.SubElement(parent, "node_history")
    thresholds, anonymous = migration_thresholds(view), anonymous_clone_primitives(view)
    for state in view.iterfind("status/node_state"):
        if state.get("uname") not in online:
            continue
        failcounts = history_fail_counts(state, anonymous)   # pe_fc_default: expired or not, as -o's
        node_element = None
        for lrm in state.iterfind("lrm/lrm_resources/lrm_resource"):
            ops = operation_list(lrm)   # get_operation_list, as the text output's
            if not ops:
                continue
            if node_element is None:
                node_element = etree.SubElement(history, "node", name=state.get("uname", ""))
            rsc_id = lrm.get("id", "")
            shown = rsc_id.split(":")[0] if rsc_id.split(":")[0] in anonymous else rsc_id  # rsc_printable_id
            attrs = {"id": shown, "orphan": "false", "migration-threshold": thresholds.get(shown.split(":")[0], "1000000")}
            count, last = failcounts.get(rsc_id, (0, 0))
            if count:
                attrs["fail-count"] = str(min(count, 1_000_000))
            if count and last > 0:
                attrs["last-failure"] = ctime(last)
            rsc_element = etree.SubElement(node_element, "resource_history", **attrs)
            for op in ops:
                interval = op.get("interval", "0")
                task = op.get("operation", "")
                if task == "monitor" and interval == "0":
                    task = "probe"
                rc = _scan_min_int(op.get("rc-code"))
                fields = {"call": op.get("call-id", "0"), "task": task, "rc": str(rc), "rc_text": OCF_EXIT_TEXT.get(rc, "unknown")}
                if interval != "0":
                    fields["interval"] = f"{interval}ms"
                changed = op.get("last-rc-change", "")   # each timing attribute only when the record has it
                if changed.isdigit() and int(changed) > 0:
                    fields["last-rc-change"] = ctime(int(changed))
                for name in ("exec-time", "queue-time"):
                    if op.get(name) is not None:
                        fields[name] = f"{op.get(name)}ms"
                etree.SubElement(rsc_element, "operation_history", **fields)
    if not online:
        parent.remove(history)  # the section starts at the first online node (seeds 1112, 1114)


def _failures(parent, view, clock: FailureClock, decision) -> None:
    failures = []
    for state, _, op in failure_records(view, clock, decision):
        rc = _scan_min_int(op.get("rc-code"))
        key = op.get("operation_key")   # pe__xe_history_key: else the record's id, named so
        failure = {
            "op_key" if key is not None else "id": key if key is not None else op.get("id", ""),
            "node": state.get("uname", ""), "exitstatus": OCF_EXIT_TEXT.get(rc, "unknown"),
            "exitreason": op.get("exit-reason", "none"), "exitcode": str(rc), "call": op.get("call-id", "0"),
            "status": EXEC_STATUS.get(int(op.get("op-status", "0")), "UNKNOWN!")}
        changed = (op.get("last-rc-change") or "").strip()
        if re.fullmatch(r"[+-]?\d+", changed) and int(changed) > 0:   # the rest only with a last-rc-change
            interval = op.get("interval", "0")
            timing = {"last-rc-change": _iso(int(changed)), "queued": op.get("queue-time"), "exec": op.get("exec-time"),
                      "interval": interval if interval.isdigit() else "0", "task": op.get("operation")}
            failure.update({name: value for name, value in timing.items() if value is not None})
        failures.append(failure)
    if failures:
        element = etree.SubElement(parent, "failures")
        for failure in failures:
            etree.SubElement(element, "failure", **failure)


def render_xml(view, decision, *, dc, quorate, now, node_id, counts, fence_events=(),
               request: str = "crm_mon -1 --output-as=xml", live: bool = True) -> str:
    """The whole `<pacemaker-result>` document; `request` is the command line, echoed as the real tool does;
    `live`: read from a running cluster (a CIB file has no pacemakerd to report on)."""
    root = etree.Element("pacemaker-result", {"api-version": "2.25", "request": request})
    if live:
        etree.SubElement(root, "pacemakerd", sys_from="pacemakerd", state="running", last_updated=_iso(now))
    _summary(root, view, dc, node_id, quorate, now, counts, blocked_instances(decision.every),
             scheduler_online(decision))
    clock = FailureClock(view, now)

    def running_count(name: str) -> int:
        def count(rsc_view) -> int:
            if rsc_view.status is not None:
                return int(name in rsc_view.status.nodes)
            return sum(count(child) for child in rsc_view.children)
        return sum(count(v) for v in decision.every)

    constraints = constrained(view, now)
    _nodes(root, view, decision, dc, node_id, running_count, constraints.fenced, constraints.health)
    resources = etree.SubElement(root, "resources")
    up = {n.uname for n in decision.nodes_before if _is_online(n.state)}
    locks = shutdown_locks(view, now)
    for rsc_view in decision.before:
        _resource_element(resources, rsc_view, node_id, up, view, frozen=constraints.frozen, locks=locks,
                          pending=pending_tasks(view))
    online = [n.uname for n in decision.nodes_before if _is_online(n.state)]   # node->details->online
    attributes = node_attributes(view, online)
    if attributes:
        section = etree.SubElement(root, "node_attributes")
        for node, attrs in attributes:
            element = etree.SubElement(section, "node", name=node)
            pings = running_pings(view, decision.every, node)
            for name, value in attrs:   # a ping resource's attribute with its score when every host answers
                extra = {"expected": str(pings[name.lower()])} if name.lower() in pings else {}
                etree.SubElement(element, "attribute", name=name, value=value, **extra)
    _history(root, view, sorted(scheduler_online(decision)))
    _failures(root, view, clock, decision)
    if fence_events:
        history = etree.SubElement(root, "fence_history")
        for event in fence_events:  # pending first, then newest first
            element = etree.SubElement(history, "fence_event")
            for name, value in xml_attributes(event):
                element.set(name, value)
    tickets = ticket_list(view)
    if tickets:
        section = etree.SubElement(root, "tickets")
        for ticket in tickets:
            etree.SubElement(section, "ticket", ticket)
    if constraints.bans:
        section = etree.SubElement(root, "bans")
        for ban in constraints.bans:
            etree.SubElement(section, "ban", ban)
    etree.SubElement(root, "status", code="0", message="OK")
    return etree.tostring(root, pretty_print=True, encoding="unicode")
