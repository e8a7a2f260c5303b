"""crm_mon -1 (and -r, -f, -A, -n), as Pacemaker 2.1.5 prints it, from the node's own view.

The node asks its DC's CIB (so a node in a minority partition sees its own,
different, cluster); the resource lines come from the scheduler's reading of
the operation history, the same reading `crm_simulate` uses. Layout and
wording follow the captured real outputs (shared/pacemaker-2.1.5/captures).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Mapping

from lxml import etree

from halab_kernel import values
from halab_kernel.values import readable_interval
from halab_kernel.commands.glib_options import read as read_options
from halab_kernel.commands.crm_mon_history import (anonymous_clone_primitives, history_fail_counts,
                                                    migration_thresholds, operations_section, simple_status)
from halab_kernel.commands.crm_mon_gate import history_active, unmodelled_details
from halab_kernel.commands.crm_mon_fencing import fencing_sections, node_history
from halab_kernel.commands.crm_mon_status import (FailureClock, locked_lines, feature_set, mixed_version, blocked_instances, configured_unmanaged, count_note,
                                                   connectivity, disabled_banner, display_name, node_attributes, node_modes,
                                                   running_pings, shutdown_locks)
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.sim.pacemaker.scheduler.render import by_name, node_text_status
from halab_kernel.model import CommandResult

RC_TEXT = {0: "ok", 1: "error", 2: "invalid parameter", 3: "unimplemented feature", 4: "insufficient privileges",
           5: "not installed", 6: "not configured", 7: "not running", 8: "promoted", 9: "promoted (failed)"}


def ctime(unix: int) -> str:
    moment = datetime.fromtimestamp(unix, tz=timezone.utc)
    return f"{moment:%a %b} {moment.day:>2} {moment:%H:%M:%S %Y}"


_OP_KEY = re.compile(r"^(.+?)_(?:(?:pre|post)_notify_\w+|migrate_to|migrate_from|[^_]+)_\d+$")


def _key_resource(op: etree._Element) -> str | None:
    """The resource part of the operation key (parse_op_key), as failed actions name it; a record
    without one (before 1.1) goes by its id."""
    found = _OP_KEY.match(op.get("operation_key") or op.get("id") or "")
    return found.group(1) if found else None


# pcmk_exec_status_str, by op-status
EXEC_STATUS = {-1: "pending", 0: "complete", 1: "Cancelled", 2: "Timed Out", 3: "NOT SUPPORTED", 4: "Error",
               5: "Hard error", 6: "Fatal error", 7: "Not installed", 8: "Internal communication failure",
               9: "Cannot execute now", 10: "No fence device", 11: "CIB secrets unavailable"}


def failure_records(view: etree._Element, clock: FailureClock, decision) -> list:
    """(node_state, lrm_resource, lrm_rsc_op) of each failure crm_mon lists: on a node the scheduler
    reads as online (record_failed_op skips the others, whose history may still place resources
    there), not expired, and not a "not running" result of a resource configured unmanaged (the
    scheduler reads that as stopped)."""
    unmanaged = configured_unmanaged(view)
    online = scheduler_online(decision)
    found, seen = [], set()
    for state in view.iterfind("status/node_state"):
        if state.get("uname") not in online:
            continue
        for history in state.iterfind("lrm/lrm_resources/lrm_resource"):
            for op in sorted(history.iterfind("lrm_rsc_op"), key=lambda o: int(o.get("call-id", "0") or "0")):
                if not is_failure(op) or clock.op_expired(history.get("id", ""), op, state):
                    continue
                if op.get("rc-code") == "7" and op.get("op-status", "0") == "0" and \
                        history.get("id", "").split(":")[0] in unmanaged:
                    continue
                if _masked_probe(op) or (state.get("uname"), op.get("operation_key")) in seen:
                    continue   # record_failed_op keeps one record per operation and node
                seen.add((state.get("uname"), op.get("operation_key")))
                found.append((state, history, op))
    return found


def _masked_probe(op: etree._Element) -> bool:
    """pcmk_xe_mask_probe_failure: a probe that found the agent not installed or its parameters invalid is
    not listed as a failure (the resource shows "Stopped (not installed)" instead)."""
    probe = op.get("operation") == "monitor" and op.get("interval", "0") in ("0", "0s", "")
    return probe and (op.get("rc-code") in ("5", "2") or op.get("op-status") == "7")


def failed_probe_notes(view: etree._Element, decision, clock: FailureClock) -> dict[str, str]:
    """pe__failed_probe_for_rsc: a resource outside clones with a masked probe failure (not installed,
    invalid parameter) recorded on an online node shows, when stopped, "Stopped (not installed) ";
    2.1.5 matches only records that carry on_node (the first in the status's order wins); an expired
    failure (failure-timeout) is forgotten."""
    online = scheduler_online(decision)
    cloned = {p.get("id") for p in view.iterfind(".//configuration/resources//clone//primitive")}
    notes: dict[str, str] = {}
    for state in view.iterfind("status/node_state"):
        if state.get("uname") not in online:
            continue
        for history in state.iterfind("lrm/lrm_resources/lrm_resource"):
            for op in sorted(history.iterfind("lrm_rsc_op"), key=lambda o: int(o.get("call-id", "0") or "0")):
                rsc = _key_resource(op)
                if rsc and rsc not in cloned and op.get("on_node") is not None and _masked_probe(op) and \
                        not clock.op_expired(history.get("id", ""), op, state):
                    notes.setdefault(rsc, RC_TEXT.get(int(op.get("rc-code", "0") or "0"), "unknown"))
    return notes


def noted(lines: list[str], notes: Mapping[str, str]) -> list[str]:
    """A stopped resource's failed probe after its state: "Stopped (not installed) " then its flags."""
    if not notes:
        return lines
    found = []
    for line in lines:
        match = re.match(r"^(\s*\* (\S+)\t\([^\t]*\):\t Stopped)( \(.*\))?$", line)
        if match and match.group(2) in notes:
            line = f"{match.group(1)} ({notes[match.group(2)]}) {match.group(3) or ''}"
        found.append(line)
    return found


def scheduler_online(decision) -> set[str]:
    """The nodes the scheduler reads as online (an unclean node may be: "UNCLEAN (online)")."""
    return {n.uname for n in decision.nodes_before if n.state not in ("offline", "unclean-offline")}


def failed_actions(view: etree._Element, clock: FailureClock, decision, detail: bool = False) -> list[str]:
    """The "Failed Resource Actions" lines (failed_action_friendly); `detail` (-R) gives each record's raw
    fields (failed_action_technical)."""
    lines = []
    for state, history, op in failure_records(view, clock, decision):
        node = state.get("uname")
        interval = int(op.get("interval", "0") or "0")
        task = op.get("operation", "")
        label = "probe" if task == "monitor" and not interval else task
        if interval:
            label = f"{readable_interval(interval)}-interval {label}"
        rc, status = int(op.get("rc-code", "1")), int(op.get("op-status", "0"))
        reason = op.get("exit-reason") or ""
        changed = op.get("last-rc-change")
        when = ctime(int(changed)) if changed is not None else ""
        if detail:  # each field only when recorded
            fields = [f"call={op.get('call-id') or 'unknown'}", f"status='{EXEC_STATUS.get(status, 'UNKNOWN!')}'"]
            fields += [f"exitreason='{reason}'"] if reason else []
            fields += [f"last-rc-change='{when}'"] if when else []
            fields += [f"{name}={op.get(attr)}ms" for name, attr in (("queued", "queue-time"), ("exec", "exec-time"))
                       if op.get(attr)]
            key = op.get("operation_key") or op.get("id") or "unknown operation"
            lines.append(f"  * {key} on {node} '{RC_TEXT.get(rc, 'unknown')}' ({rc}): {', '.join(fields)}")
            continue
        if status == 0:
            text = f"returned '{RC_TEXT.get(rc, 'unknown')}'" + (f" ({reason})" if reason else "")
        else:
            text = f"could not be executed ({EXEC_STATUS.get(status, 'UNKNOWN!')}" + (f": {reason}" if reason else "") + ")"
        took = int(op.get("exec-time", "0") or "0")
        lines.append(f"  * {_key_resource(op) or history.get('id')} {label} on {node} {text}" + (f" at {when}" if when else "")
                     + (f" after {readable_interval(took)}" if took > 0 else ""))
    return lines


def migration_summary(view: etree._Element, online: list[str], detail: bool = False) -> list[str]:
    """crm_mon -f's fail counts, of the online nodes: expired ones too (pe_fc_default), as real crm_mon
    lists them until the cluster clears them."""
    lines = ["Migration Summary:"]
    thresholds, anonymous = migration_thresholds(view), anonymous_clone_primitives(view)
    for state in view.iterfind("status/node_state"):
        if state.get("uname") not in online:
            continue
        entries = history_fail_counts(state, anonymous)  # beside the node's histories, in their order, expired too
        if entries:
            named = display_name(state.get("uname"), state.get("id"), detail)
            lines.append(f"  * Node: {named}:")
            for rsc, (count, last) in entries.items():
                shown = str(min(count, 1_000_000))  # INFINITY prints as 1000000
                when = f" last-failure='{ctime(last)}'" if last > 0 else ""  # no last-failure attribute: none
                lines.append(f"    * {rsc}: migration-threshold={thresholds.get(rsc.split(':')[0], '1000000')} "
                             f"fail-count={shown}{when}")
    return lines


def node_attribute_lines(view: etree._Element, online: list[str], views, detail: bool = False) -> list[str]:
    """crm_mon -A's section; absent when no online node has an attribute to show (--show-detail: node ids); a
    ping attribute's note only on a node where a ping resource of `views` runs (add_extra_info)."""
    found = node_attributes(view, online)
    if not found:
        return []
    ids = {node.get("uname"): node.get("id") for node in view.iterfind("configuration/nodes/node")}
    lines = ["", "Node Attributes:"]
    for node, attrs in found:
        lines.append(f"  * Node: {display_name(node, ids.get(node), detail)}:")
        pings = running_pings(view, views, node)
        for name, value in attrs:
            note = connectivity(value, pings[name.lower()]) if name.lower() in pings else ""
            lines.append(f"    * {name:<32}\t: {value:<10}" + (f"\t: {note}" if note else ""))
    return lines


def _count_instances(view: etree._Element) -> tuple[int, int]:
    """(resource instances, disabled ones): a clone counts clone-max instances (one per node by default)."""
    primitives = list(view.iterfind(".//configuration/resources//primitive"))
    nodes = len(view.findall("configuration/nodes/node"))
    total = disabled = 0
    for primitive in primitives:
        copies = 1
        for element in primitive.iterancestors("clone", "master"):
            limits = [nv.get("value", "") for nv in element.iterfind("meta_attributes/nvpair")
                      if nv.get("name") == "clone-max"]
            copies *= int(limits[0]) if limits and limits[0].isdigit() else nodes
        total += copies
        promotable = any(clone.tag == "master" or any(
            nv.get("name") == "promotable" and values.is_true(nv.get("value"))
            for nv in clone.iterfind("meta_attributes/nvpair")) for clone in primitive.iterancestors("clone", "master"))
        template = view.find(f"configuration/resources/template[@id='{primitive.get('template')}']") \
            if primitive.get("template") else None
        chain = [primitive, *([template] if template is not None else []), *primitive.iterancestors()]
        for element in chain:   # the nearest target-role counts (a template's after the primitive's own)
            roles = [nv.get("value", "").lower() for nv in element.iterfind("meta_attributes/nvpair")
                     if nv.get("name") == "target-role"]
            if roles:
                if roles[0] == "stopped" or (promotable and roles[0] in ("unpromoted", "slave")):
                    disabled += copies      # an unpromoted-only promotable clone counts as disabled too
                break
    return total, disabled


def _orphans(views) -> int:
    """Orphaned primitives (and clone instances) the reading shows active."""
    return sum(_orphans(v.children) if v.status is None else int(v.status.orphan and bool(v.status.nodes)) for v in views)


def instance_counts(reading) -> tuple[int, int]:
    """(resource instances, disabled ones) as crm_mon counts them: the configured instances, and
    the orphaned ones the status still shows (a history beyond clone-max, or of a resource no
    longer configured)."""
    total, disabled = _count_instances(reading.cib)
    return total + _orphans(reading.every), disabled


def is_failure(op: etree._Element) -> bool:
    """An operation record whose result is a failure as unpack_rsc_op reads it (remap_operation):
    executed but not as expected (a promoted instance's monitor expects 8, "running promoted"),
    or not executed at all (timed out, not installed, ...). A probe that finds the resource running
    (0, or 8 promoted) or stopped (7) is news, not a failure; so is a stop that finds it stopped;
    a pending or cancelled operation has no result yet."""
    status = int(op.get("op-status", "0") or "0")
    if op.get("call-id") == "-1" or status in (-1, 1):
        return False
    if status not in (0, 4):  # remap_operation judges "done" and "error" by the result it expected
        return True
    fields = (op.get("transition-key") or "").split(":")
    expected = fields[2] if len(fields) > 2 else None
    rc, task = op.get("rc-code", "0"), op.get("operation")
    probe = task == "monitor" and op.get("interval", "0") in ("0", "")
    if probe and rc in ("0", "7", "8"):
        return False
    if rc == "7" and task == "stop":
        return False
    return rc != expected if expected is not None else rc not in ("0",)


@dataclass(frozen=True)
class Scene:
    """What crm_mon renders, however it was obtained: a node's reading of its CIB in the lab, or a
    CIB file read offline (`CIB_file=F crm_mon`, tests/test_crm_mon_cases.py). `reading` has the
    fields of snapshot.Reading (dc, cib, before, nodes_before, every); `live`: pacemakerd answers
    (the "Status of pacemakerd" line, which no offline run prints)."""

    reading: Any
    quorate: bool
    now: int                            # seconds since the epoch
    node_ids: Mapping[str, str]
    node_count: int
    fence_events: tuple = ()
    live: bool = True
    source: etree._Element | None = None  # the CIB file as read (CIB_file), which crm_mon validates first


def _priorities(view: etree._Element) -> dict[str, int]:
    """Each top-level resource's `priority` meta attribute (its own, else rsc_defaults'; 0)."""
    default = 0
    for nvpair in view.iterfind("configuration/rsc_defaults/meta_attributes/nvpair"):
        if nvpair.get("name") == "priority":
            default = values.char2score(nvpair.get("value", "0"))
    found = {}
    for element in view.iterfind("configuration/resources/*"):
        own = [nv.get("value", "0") for nv in element.iterfind("meta_attributes/nvpair") if nv.get("name") == "priority"]
        found[element.get("id", "")] = values.char2score(own[0]) if own else default
    return found


def by_priority(reading):
    """The reading with its resources in the order 2.1.5 lists them: unpack_resources sorts them by
    priority, highest first (a stable sort: the configuration's order among equals); its CIB with
    the name/value pairs written as references (`<nvpair id-ref=.../>`) holding what 2.1.5 reads."""
    from halab_kernel.sim.pacemaker.cib.references import with_pairs_resolved

    reading = dataclasses.replace(reading, cib=with_pairs_resolved(reading.cib))
    priorities = _priorities(reading.cib)

    def order(views: tuple) -> tuple:
        return tuple(sorted(views, key=lambda view: -priorities.get(view.id, 0)))

    return dataclasses.replace(reading, before=order(reading.before), every=order(reading.every))


def scene_of(context: CommandContext) -> Scene:
    """The lab node's scene: its reading, its partition's quorum, the simulated clock and fenced's history."""
    sim = context.sim
    quorum = sim.totem.nodes[context.node].quorum
    return Scene(by_priority(sim.reading(context.node)), quorum is not None and quorum.quorate, int(sim.now) + 1_767_603_600,
                 {name: str(sim.totem.nodes[name].node_id) for name in sim.node_names}, len(sim.node_names),
                 tuple(node_history(sim, context.node)))


def file_scene(root: etree._Element, now: int) -> Scene | None:
    """A CIB file as crm_mon reads it offline (`CIB_file=F crm_mon`) at `now` (seconds since the epoch);
    None when the scheduler refuses to read it, unless it does not conform to its schema (crm_mon says so
    first: the scene holds the file only)."""
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler.schedule import current_status
    from halab_kernel.sim.pacemaker.scheduler.unmodelled import refused_before_scheduling
    from halab_kernel.sim.pacemaker.snapshot import Reading

    unread = Scene(Reading("", None, root, (), (), ()), False, now, {}, 0, live=False, source=root)
    if refused_before_scheduling(root):
        return unread if _invalid(root) else None
    try:
        before, nodes, every = current_status(cib_from_element(root), now)
    except Exception:  # noqa: BLE001 - a file the scheduler cannot read is refused, as the lab refuses it
        return unread if _invalid(root) else None
    ids = {node.get("uname", ""): node.get("id", "") for node in root.iterfind("configuration/nodes/node")}
    dc = next((name for name, node_id in ids.items() if node_id == root.get("dc-uuid")), None)
    return Scene(by_priority(Reading("", dc, root, before, nodes, every)), values.is_true(root.get("have-quorum")), now,
                 ids, len(nodes), live=False, source=root)


def _invalid(root: etree._Element) -> bool:
    """A file crm_mon stops at before its status is read (file_schema_answer): a scene of it holds nothing else."""
    from halab_kernel.commands.cib_schema import schema_problem

    return schema_problem(root) is not None


def resource_lines(context: CommandContext, *, with_nodes: bool = True) -> list[str]:
    """The "Full List of Resources" section (crm_resource --list prints it without node names)."""
    from halab_kernel.sim.pacemaker.scheduler.render import render_resources

    scene = scene_of(context)
    decision = scene.reading
    lines = top_level(render_resources(decision.before))
    if with_nodes:
        return lines
    lines = noted(lines, failed_probe_notes(decision.cib, decision, FailureClock(decision.cib, scene.now)))
    shown = descriptions(decision.cib)   # pcmk_show_rsc_only: a primitive's line ends with its description
    lines = [re.sub(r"(\t (?:Started|FAILED|Promoted|Unpromoted))( \S+)?$", r"\1", line) for line in lines]
    return [line + shown.get(named.group(1).split(":")[0], "") if (named := re.match(r"\s*\* (\S+)\t\(", line))
            else line for line in lines]


def descriptions(cib: etree._Element) -> dict[str, str]:
    """A primitive's user description as 2.1.5 appends it to its line (" TEXT"), by primitive id: a primitive
    made from a template is the template's copy (unpack_template), so the template's description, not its own."""
    templates = {t.get("id"): t for t in cib.iterfind(".//configuration/resources/template")}
    found = {}
    for primitive in cib.iterfind(".//configuration/resources//primitive"):
        text = (templates.get(primitive.get("template"), primitive) if primitive.get("template") else
                primitive).get("description")
        if text is not None:
            found[primitive.get("id", "")] = f" {text}"
    return found


def render_simple(scene: Scene) -> str:
    """crm_mon -s: one line, from the node's reading."""
    found = scene.reading
    return simple_status(((n.uname, n.state) for n in found.nodes_before), found.dc is not None,
                         instance_counts(found)[0]) + "\n"


def _property_value(view: etree._Element, name: str) -> str | None:
    for nvpair in view.iterfind("configuration/crm_config/cluster_property_set/nvpair"):
        if nvpair.get("name") == name:
            return nvpair.get("value")
    return None


def _last_change(root: etree._Element) -> str:
    """last_changed_string: the CIB's last write, then by whom, via what, on which node, each when known."""
    parts = [(prefix, root.get(name)) for prefix, name in (("", "cib-last-written"), (" by ", "update-user"),
                                                           (" via ", "update-client"), (" on ", "update-origin"))]
    return "".join(f"{prefix}{value}" for prefix, value in parts if value is not None)


def summary_lines(scene: Scene, detail: bool) -> list[str]:
    """The "Cluster Summary" (and the pacemakerd line before it, live)."""
    dc, view, decision = scene.reading.dc, scene.reading.cib, scene.reading
    total, disabled = instance_counts(scene.reading)
    stamp = datetime.fromtimestamp(scene.now, tz=timezone.utc)
    lines = [f"Status of pacemakerd: 'Pacemaker is running' (last updated {stamp:%Y-%m-%d %H:%M:%S}Z)"] \
        if scene.live else []
    lines += ["Cluster Summary:", f"  * Stack: {_property_value(view, 'cluster-infrastructure') or 'unknown'}"]
    if dc:
        named = display_name(dc, scene.node_ids.get(dc), detail)
        mixed = "MIXED-VERSION " if mixed_version(view, scheduler_online(decision)) else ""
        lines.append(f"  * Current DC: {named} (version {_property_value(view, 'dc-version') or 'unknown'}) - "
                     f"{mixed}partition {'with quorum' if scene.quorate else 'WITHOUT quorum'}")
    else:
        lines.append("  * Current DC: NONE")
    count = scene.node_count
    return lines + [f"  * Last updated: {ctime(scene.now)}",
                    f"  * Last change:  {_last_change(view)}",
                    f"  * {count} node{'s' if count != 1 else ''} configured",
                    f"  * {total} resource instance{'' if total == 1 else 's'} configured"
                    + count_note(disabled, blocked_instances(decision.every)),
                    ""]


def render(scene: Scene, *, inactive: bool, fails: bool, attributes: bool, detail: bool = False,
           by_node: bool = False, fence_level: int = 1, operations: bool = False, timing: bool = False,
           tickets: bool = False, bans: bool = False) -> str:
    """The text output; `tickets` (-c) and `bans` (-L) unpack the constraints (call `constraints_unmodelled`
    first), whose lost tickets freeze resources (loss-policy=freeze: "(blocked)") or mark the nodes they run on
    unclean (loss-policy=fence: "UNCLEAN (online)", their resources' lines unchanged)."""
    from halab_kernel.sim.pacemaker.scheduler.render import render_nodes, render_resources

    from halab_kernel.commands.crm_mon_xml import pending_tasks

    view, decision = scene.reading.cib, scene.reading
    lines = summary_lines(scene, detail)
    pending = pending_tasks(view)   # rsc->pending_task: "Starting", "(Monitoring)" (clone instances refused)
    decision = dataclasses.replace(decision, before=_restatus(decision.before, pending, pending=pending.get),
                                   every=_restatus(decision.every, pending, pending=pending.get))
    if tickets or bans:   # pcmk__output_cluster_status unpacks the constraints for either section
        from halab_kernel.commands.crm_mon_bans import constrained

        constraints = constrained(view, scene.now)
        decision = dataclasses.replace(decision, before=_restatus(decision.before, constraints.frozen,
                                                                 managed=False, blocked=True),
                                       every=_restatus(decision.every, constraints.frozen, managed=False, blocked=True),
                                       nodes_before=tuple(dataclasses.replace(n, state="unclean-online")
                                                          if n.uname in constraints.fenced else n
                                                          for n in decision.nodes_before))
    lines += disabled_banner(view)
    nodes = _shown_nodes(decision)
    def detailed(n) -> str:  # --show-detail: a node with its id and feature set
        return f"Node {display_name(n.uname, scene.node_ids.get(n.uname), True)}: {_detailed(n, view)}"

    if by_node:  # -n: each node with the resources it runs
        lines += _by_node(decision, nodes, detailed if detail else lambda n: f"Node {n.uname}: {_node_state(n)}")
    elif detail:  # --show-detail: one line per node
        lines += ["Node List:"] + [f"  * {detailed(n)}" for n in nodes]
    else:
        lines += top_level(render_nodes(nodes))
    views = decision.before if inactive else tuple(v for v in decision.before if is_active(v))
    locks, notes = shutdown_locks(view, scene.now), failed_probe_notes(view, decision, FailureClock(view, scene.now))
    if detail:  # each instance on its line: not the inactive ones (but with --inactive), nor a stopped orphan
        views = tuple(_shown_instances(v, inactive) for v in views)
    lines += [""]
    if by_node:
        if inactive:
            stopped = noted(locked_lines(_inactive_lines(decision.every), locks), notes)
            lines += ["Inactive Resources:"] + (stopped or ["  * No inactive resources"]) + [""]
        lines.pop()
    elif inactive:
        lines += noted(locked_lines(top_level(render_resources(views, detail=detail)), locks), notes)
    else:
        body = top_level(render_resources(views, show_stopped=False, detail=detail))[1:] if views else []
        lines += ["Active Resources:"] + (body or ["  * No active resources"])
    online = [n.uname for n in decision.nodes_before if n.uname in scheduler_online(decision)]   # details->online
    clock = FailureClock(view, scene.now)
    if attributes:
        lines += node_attribute_lines(view, online, decision.every, detail)
    operations_list = operations_section(view, online, detail=detail, timing=timing, ctime=ctime) \
        if operations or timing else []
    if operations_list:  # -o/-t: the operations take the Migration Summary's place (node_summary)
        lines += [""] + operations_list
    elif fails and scheduler_online(decision) and not (operations or timing):  # starts at the first online node
        lines += [""] + migration_summary(view, online, detail)
    failures = failed_actions(view, clock, decision, detail)
    if failures:
        lines += ["", "Failed Resource Actions:"] + failures
    lines += fencing_sections(list(scene.fence_events), fence_level, detail)
    if tickets:
        lines += ticket_lines(view)
    if bans:
        lines += ban_lines(constraints.bans, scene.node_ids, detail)
    return "\n".join(lines) + "\n"


def ticket_lines(view: etree._Element) -> list[str]:
    """crm_mon -c's "Tickets" section (ticket_text), the XML's tickets in the same order; none without one."""
    from halab_kernel.commands.crm_mon_bans import ticket_list

    found = ticket_list(view)
    lines = ["", "Tickets:"] if found else []
    for ticket in found:
        granted = f' last-granted="{ticket["last-granted"]}"' if "last-granted" in ticket else ""
        standby = " [standby]" if ticket["standby"] == "true" else ""
        lines.append(f"  * {ticket['id']}: {ticket['status']}{standby}{granted}")
    return lines


def ban_lines(bans: list[dict[str, str]], node_ids: Mapping[str, str], detail: bool) -> list[str]:
    """crm_mon -L's "Negative Location Constraints" (ban_text), the XML's bans; none without one."""
    lines = ["", "Negative Location Constraints:"] if bans else []
    for ban in bans:
        role = "in Promoted role " if ban["promoted-only"] == "true" else ""
        node = display_name(ban["node"], node_ids.get(ban["node"]), detail)
        lines.append(f"  * {ban['id']}\tprevents {ban['resource']} from running {role}on {node}")
    return lines


def _restatus(views, ids: Mapping[str, Any] | frozenset, **changes) -> tuple:
    """The views with the status of each primitive in `ids` changed: a lost ticket's frozen ones unmanaged and
    blocked (rsc_ticket_constraint), or one with an operation in flight pending (`changes` a function of it)."""
    if not ids:
        return tuple(views)

    def changed(v):
        fields = {name: change(v.id) if callable(change) else change for name, change in changes.items()}
        return dataclasses.replace(v, status=dataclasses.replace(v.status, **fields))

    return tuple(changed(v) if v.status is not None and v.id in ids else
                 dataclasses.replace(v, children=_restatus(v.children, ids, **changes)) if v.status is None else v
                 for v in views)


def render_as_xml(scene: Scene, argv: list[str], program: str = "crm_mon") -> str:
    """crm_mon's XML of `scene` (call `xml_unmodelled` first); `program`: as the command line names it."""
    from halab_kernel.commands.crm_mon_xml import render_xml

    reading = scene.reading
    return render_xml(reading.cib, reading, dc=reading.dc, quorate=scene.quorate, now=scene.now,
                      node_id=lambda name: scene.node_ids.get(name, ""), counts=instance_counts(reading),
                      fence_events=scene.fence_events, request=" ".join([program, *argv]), live=scene.live)


def xml_unmodelled(view: etree._Element) -> str | None:
    """What crm_mon's XML of `view` would show that the simulator does not reproduce (None: nothing): what the
    text shows with instances one by one (crm_mon_gate.XML_CHECKS), and the constraints it unpacks for its bans
    and tickets (crm_mon_bans)."""
    from halab_kernel.commands.crm_mon_bans import unmodelled
    from halab_kernel.commands.crm_mon_gate import xml_unmodelled_details

    return xml_unmodelled_details(view) or unmodelled(view)


def _primitives(views, anonymous: bool = False) -> list:
    """(shown name, view) of every primitive; an anonymous clone's instances go by the
    cloned resource's name."""
    found = []
    for view in views:
        if view.status is not None:
            found.append((view.id.split(":")[0] if anonymous else view.id, view))
        else:
            found += _primitives(view.children, anonymous or (view.kind == "clone" and not view.unique))
    return found


def _inactive_lines(views) -> list[str]:
    """crm_mon -n's inactive resources: stopped primitives (with their flags), and whole groups
    and clones with any member or instance not running (active only when all of it is: clone_active
    asks the instances, so one on a lost node under maintenance still counts)."""
    from halab_kernel.sim.pacemaker.scheduler.render import render_resources, state_text

    lines = []
    for view in views:
        if view.kind in ("clone", "group") and not all(p.status.nodes for _, p in _primitives((view,))):
            lines += top_level(render_resources((view,)))[1:]
        elif view.kind == "primitive":
            lines += [f"  * {name}\t({v.status.agent}):\t {state_text(v.status)}" for name, v in _primitives((view,))
                      if not v.status.nodes]
    return lines


def _shown_nodes(decision) -> tuple:
    """The reading's nodes, an offline one flagged in standby or maintenance as its attributes say
    (node_text_status then names it "OFFLINE (standby)", "OFFLINE (maintenance)")."""
    modes = node_modes(decision.cib)
    shown = []
    for node in sorted(decision.nodes_before, key=lambda node: by_name(node.uname)):  # as the scheduler keeps them
        if node.state == "offline":
            standby, maintenance = modes.get(node.uname, (False, False))
            node = dataclasses.replace(node, standby=standby, maintenance=maintenance)
        shown.append(node)
    return tuple(shown)


def _by_node(decision, nodes: tuple, header: Callable[[Any], str]) -> list[str]:
    from halab_kernel.sim.pacemaker.scheduler.render import state_text

    lines = ["Node List:"]
    primitives = _primitives(decision.every)
    shown = descriptions(decision.cib)  # a user's description (pcmk_show_rsc_only)
    for node in nodes:
        lines.append(f"  * {header(node)}:")
        lines.append("    * Resources:")
        order = _history_order(decision.cib, node.uname)
        here = sorted(((name, v) for name, v in primitives if node.uname in v.status.nodes),
                      key=lambda item: _position(order, item[1].id, item[0] != item[1].id))
        lines += [f"      * {name}\t({v.status.agent}):\t {state_text(v.status)}" + shown.get(name.split(":")[0], "")
                  for name, v in here]
    return lines


def _position(order: dict[str, int], rsc: str, anonymous: bool) -> int:
    """Where crm_mon -n lists a resource among a node's (an anonymous instance by its base name)."""
    base = rsc.split(":")[0]
    keys = (base, rsc) if anonymous else (rsc, base)
    return next((order[key] for key in keys if key in order), len(order))


def _history_order(view: etree._Element, node: str) -> dict[str, int]:
    """Each resource's position in the node's operation history: crm_mon -n lists a node's
    resources in the order unpacking their histories found them active there (a resource
    cleaned up and probed again moves to the end; an anonymous clone goes by the first entry,
    whatever its instance number, that shows it active). Keys: the entry's id and its base name."""
    entries = view.iterfind(f"status/node_state[@uname='{node}']/lrm/lrm_resources/lrm_resource")
    found: dict[str, int] = {}
    for index, entry in enumerate(entries):
        rsc = entry.get("id", "")
        found.setdefault(rsc, index)
        if history_active(entry):
            found.setdefault(rsc.split(":")[0], index)
    return found


def _node_state(node) -> str:
    """A node's state as node_text words it beside its name, its health after it ("(health is RED)")."""
    return node_text_status(node) + (" (health is RED)" if node.health < 0 else " (health is YELLOW)" if node.health == 0
                                     else "")


def _detailed(node, view: etree._Element) -> str:
    """A node's state on crm_mon --show-detail's node line; a node that is up tells its feature set."""
    text = _node_state(node)
    if node.state in ("online", "standby", "standby-onfail", "maintenance", "pending", "unclean-online"):
        return f"{text}, feature set {feature_set(view, node.uname)}"
    return text


def top_level(section: list[str]) -> list[str]:
    """crm_simulate nests a section under its heading; crm_mon prints it at the top level."""
    heading, *body = section
    return [heading.strip().removeprefix("* ")] + [line[2:] for line in body]


def _shown_instances(view, inactive: bool):
    """A clone with the instances crm_mon --show-detail lists: every primitive instance, stopped and
    orphaned ones too (pcmk_show_clone_detail), and a group instance with no member active only with
    --inactive."""
    if view.kind != "clone":
        return view

    def shown(instance) -> bool:
        return instance.status is not None or inactive or is_active(instance)

    return dataclasses.replace(view, children=tuple(c for c in view.children if shown(c)))


def is_active(view) -> bool:
    """A view with an instance somewhere (crm_mon without --inactive shows only these)."""
    if view.status is not None:
        return bool(view.status.nodes)
    return any(is_active(child) for child in view.children)


# real crm_mon options the simulator does not reproduce, and what they show (the others are named as typed)
NOT_SIMULATED = {
    "brief": "brief output", "interval": "refresh interval",
    "quiet": "quiet output", "hide-headers": "output without headings",
}
_MODELLED = ("one-shot", "inactive", "tickets", "neg-locations", "failcounts", "show-detail", "show-node-attributes", "group-by-node",
             "operations", "timing-details", "simple-status",
             "output-as", "fence-history", "help", "help-all", "help-output", "help-display", "help-additional", "help-deprecated")


@register("crm_mon")
def crm_mon(context: CommandContext, argv: list[str]) -> CommandResult:
    return answer(argv, lambda: scene_of(context), context)


def answer(argv: list[str], scene: Callable[[], Scene | None], context: CommandContext | None = None) -> CommandResult:
    """crm_mon's answer to `argv` over `scene()` (None: the cluster is not available); `context`: the
    lab node, whose pacemaker must be up."""
    line = read_options("crm_mon", argv, _MODELLED, NOT_SIMULATED)
    if isinstance(line, CommandResult):
        return line
    if any(name.startswith("help") for name in line.names()):
        return CommandResult(stdout="Usage:\n  crm_mon [OPTION?]\n\nProvides a summary of cluster's current state.\n")
    if line.arguments:
        return CommandResult(stderr=f"crm_mon: unexpected argument '{line.arguments[0]}'\n", rc=64)
    typed = line.value("output-as")
    output = output_format(typed, one_shot=line.has("one-shot"))
    if output == "html":
        return _refuse(f"HTML output (--output-as={typed})")
    if output not in (None, "text", "xml"):  # "Text": matched without case, then not found as typed
        return CommandResult(stderr=f"crm_mon: Error creating output format {output}: Unknown output format\n", rc=1)
    if not line.has("one-shot") and output != "xml" and not line.has("simple-status"):  # XML and -s: one-shot
        return CommandResult(stderr="crm_mon refreshes forever without -1; in the lab use `crm_mon -1` "
                             "(or %dashboard for a live view)\n", rc=64)
    if context is not None and not context.sim.pacemaker.pacemaker_up(context.node):
        return CommandResult(stderr="crm_mon: Error: cluster is not available on this node\n", rc=102)
    level = (line.value("fence-history") or "2") if line.has("fence-history") else "1"
    if level not in ("0", "1", "2", "3") and output != "xml":  # 2 and 3 alike in 2.1.5 (fence_history_cb)
        spelling = line.spellings[line.names().index("fence-history")]
        return _refuse(f"fencing history level {level} ({spelling})")
    shown = scene()
    if shown is None:
        return _refuse("this CIB's status (the scheduler refuses to read it)")
    unreadable = file_schema_answer(shown, output, argv)
    if unreadable is not None:
        return unreadable
    shown_answer = _status_answer(line, shown, output, int(level), argv)
    if shown.source is not None and shown.source.get("validate-with") == "none" and shown_answer.rc != 69:
        # cli_config_update's configuration warning, on stderr
        return CommandResult(shown_answer.stdout, VALIDATION_DISABLED + "\n" + shown_answer.stderr, shown_answer.rc)
    return shown_answer


VALIDATION_DISABLED = ("Schema validation of configuration is disabled (enabling is encouraged and prevents common "
                       "misconfigurations)")


def _status_answer(line, shown: Scene, output: str | None, level: int, argv: list[str]) -> CommandResult:
    """What crm_mon prints of a readable scene: its simple status, XML or text, as `line` asks."""
    if line.has("simple-status") and output != "xml":
        return CommandResult(stdout=render_simple(shown))
    instances = line.has("show-detail") or output == "xml" or (line.has("group-by-node") and line.has("inactive"))
    unmodelled = xml_unmodelled(shown.reading.cib) if output == "xml" else \
        unmodelled_details(shown.reading.cib, detail=instances)
    constraints = (line.has("tickets") or line.has("neg-locations")) and output != "xml"
    if constraints and not unmodelled:
        unmodelled = constraints_unmodelled(shown)
    if unmodelled:
        return _refuse(unmodelled)
    if output == "xml":
        return CommandResult(stdout=render_as_xml(shown, argv))
    text = render(shown, inactive=line.has("inactive"), fails=line.has("failcounts"),
                  attributes=line.has("show-node-attributes"), detail=line.has("show-detail"),
                  by_node=line.has("group-by-node"), fence_level=level, operations=line.has("operations"),
                  timing=line.has("timing-details"), tickets=line.has("tickets"), bans=line.has("neg-locations"))
    return CommandResult(stdout=text)


SCHEMA_ERROR = "Could not connect to the CIB: Update does not conform to the configured schema"


def file_schema_answer(scene: Scene, output: str | None, argv: list[str]) -> CommandResult | None:
    """crm_mon's answer when the CIB file it reads does not conform to its schema (cib_file validates it on
    sign-on; crm_mon then prints the connection error, rc 0, its XML as an error result), or a refusal when
    the schema files to decide it are not installed and the hand-written checks find nothing; None when the
    scene is no file or the file conforms."""
    from halab_kernel.commands.cib_schema import schema_verdict

    if scene.source is None:
        return None
    problem, checked = schema_verdict(scene.source)
    if problem is None and not checked:
        return _refuse("reading a CIB file without Pacemaker's schema to validate it against (/usr/share/pacemaker, "
                       "Debian package pacemaker-common, is not installed here)")
    if problem is None:
        return None
    if output == "xml":
        result = etree.Element("pacemaker-result", {"api-version": "2.25", "request": " ".join(["crm_mon", *argv])})
        errors = etree.SubElement(etree.SubElement(result, "status", code="0", message="OK"), "errors")
        etree.SubElement(errors, "error").text = SCHEMA_ERROR
        return CommandResult(stdout=etree.tostring(result, pretty_print=True, encoding="unicode"))
    return CommandResult(stderr=SCHEMA_ERROR + "\n")


def output_format(typed: str | None, one_shot: bool) -> str | None:
    """The format crm_mon 2.1.5 writes for `--output-as=typed` (reconcile_output_format): "html", "text"
    and "xml" are matched without case, and "xml" is then spelled right; any other value (json, none, an
    empty one) means the console, text in one-shot mode; a "text" spelt otherwise stays as typed, and
    creating that output then fails ("Text": rc 1). None: the console of the refreshing mode."""
    name = (typed or "").lower()
    if name == "xml":
        return "xml"
    if name == "html":
        return "html"
    if name == "text":
        return typed
    return "text" if one_shot else None


def constraints_unmodelled(scene: Scene) -> str | None:
    """What the text's tickets (-c) or bans (-L) of `scene` would show that the simulator does not reproduce:
    the constraints crm_mon_bans does not model, the fencing history beside them (its sections' order around
    them is not known)."""
    from halab_kernel.commands.crm_mon_bans import unmodelled

    problem = unmodelled(scene.reading.cib)
    if problem:
        return problem
    if scene.fence_events:
        return "tickets or bans (-c, -L) beside the fencing history"
    return None


def _refuse(what: str) -> CommandResult:
    return CommandResult(stderr=f"crm_mon: not simulated: {what}; try it on real nodes: halab rig up\n", rc=69)
