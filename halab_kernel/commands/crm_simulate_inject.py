"""crm_simulate's "what if" options: the CIB changes Pacemaker 2.1.5 makes before it schedules
(pcmk__inject_scheduler_input, lib/pacemaker/pcmk_injections.c) and the lines it prints for them.

    -u/--node-up, -d/--node-down, -f/--node-fail NODE   node_state as the controller would write it
    -q/--quorum, -w/--watchdog                           have-quorum, have-watchdog
    -g/-r/-b/-e TICKET                                   ticket_state granted / standby
    -i/--op-inject RSC_TASK_INTERVAL@NODE=RC             a history entry (and a fail count when it failed)
    -t/--set-datetime DATE                               the effective time (`effective_time`)

Pure: `inject` edits an lxml tree in place and returns what crm_simulate prints. What 2.1.5 does
that this module does not reproduce raises `Unmodelled` (the caller refuses, rc 69).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Optional

from lxml import etree

from ..sim.pacemaker.scheduler.transition import ResourceView, Transition
from .glib_options import CommandLine

OPTIONS = ("node-up", "node-down", "node-fail", "quorum", "watchdog", "ticket-grant", "ticket-revoke",
           "ticket-standby", "ticket-activate", "op-inject", "set-datetime")
ASSERTION = ("(log_assertion_as) \terror: pcmk__inject_node: Triggered fatal assertion at "
             "pcmk_injections.c:267 : rc == pcmk_ok\n")
FEATURE_SET = "3.16.1"  # what the installed 2.1.5 writes into injected history entries
NO_UUID = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
TASKS = ("start", "stop", "monitor", "promote", "demote")


class Unmodelled(Exception):
    """An injection whose effect 2.1.5 has and this module does not reproduce: what, for the refusal."""


@dataclass(frozen=True)
class Injections:
    """The modification options of one command line, each in the order given."""

    node_up: tuple[str, ...] = ()
    node_down: tuple[str, ...] = ()
    node_fail: tuple[str, ...] = ()
    grant: tuple[str, ...] = ()
    revoke: tuple[str, ...] = ()
    standby: tuple[str, ...] = ()
    activate: tuple[str, ...] = ()
    op_inject: tuple[str, ...] = ()
    quorum: Optional[str] = None
    watchdog: Optional[str] = None
    datetime: Optional[str] = None

    @property
    def modified(self) -> bool:
        """Whether crm_simulate performs modifications at all (2.1.5: -q alone does not count)."""
        return bool(self.node_up or self.node_down or self.node_fail or self.grant or self.revoke
                    or self.standby or self.activate or self.op_inject or self.watchdog is not None)


def from_line(line: CommandLine) -> Injections:
    def every(name: str) -> tuple[str, ...]:
        return tuple(value or "" for option, value in line.options if option == name)
    return Injections(every("node-up"), every("node-down"), every("node-fail"), every("ticket-grant"),
                      every("ticket-revoke"), every("ticket-standby"), every("ticket-activate"),
                      every("op-inject"), line.value("quorum"), line.value("watchdog"), line.value("set-datetime"))


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?")


def effective_time(text: str) -> int:
    """-t's ISO 8601 date as epoch seconds (no zone given: UTC, a lab node's zone); other forms 2.1.5
    reads (week and ordinal dates, durations) or ignores (garbage: it uses the clock) are Unmodelled."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise Unmodelled(f"the date '{text}' (-t/--set-datetime; use YYYY-MM-DD[ HH:MM[:SS]][Z])")
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups()[:6])
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1] and hour < 24
            and minute < 60 and second < 60):
        raise Unmodelled(f"the date '{text}' (-t/--set-datetime: out of range)")
    zone = match.group(7) or "Z"
    offset = 0 if zone == "Z" else (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 3600 + int(zone[-2:]) * 60)
    return calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0)) - offset


@dataclass
class Outcome:
    """What the modifications print: list lines (stdout), error lines (stderr), and whether 2.1.5
    aborts (an unknown node: its fatal assertion, rc 134) after the last line."""

    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    aborted: bool = False


class _Abort(Exception):
    pass


def inject(root: etree._Element, injections: Injections, now: int) -> Outcome:
    """Apply the modifications to the CIB `root` in 2.1.5's order; `now` stamps injected history."""
    outcome = Outcome()
    original = etree.fromstring(etree.tostring(root))  # pe_find_resource looks in the unmodified input
    simulate_node_config = bool(injections.node_up)
    try:
        if injections.quorum is not None:
            outcome.lines.append(f"Setting quorum: {injections.quorum}")
            if injections.quorum not in ("0", "1", "true", "false"):
                raise Unmodelled(f"the quorum value '{injections.quorum}' (-q/--quorum; use 0, 1, true or false)")
            root.set("have-quorum", injections.quorum)
        if injections.watchdog is not None:
            outcome.lines.append(f"Setting watchdog: {injections.watchdog}")
            _set_watchdog(root, injections.watchdog)
        for node in injections.node_up:
            outcome.lines.append(f"Bringing node {node} online")
            _state_change(_node_state(root, node, simulate_node_config), up=True)
        for node in injections.node_down:
            outcome.lines.append(f"Taking node {node} offline")
            state = _node_state(root, node, simulate_node_config)
            _state_change(state, up=False)
            for child in state.findall("lrm") + state.findall("transient_attributes"):
                state.remove(child)
        for node in injections.node_fail:
            outcome.lines.append(f"Failing node {node}")
            state = _node_state(root, node, simulate_node_config)
            _state_change(state, up=True)
            state.set("in_ccm", "false")
        for tickets, verb, attribute, value in ((injections.grant, "Granting ticket {}", "granted", "true"),
                                                (injections.revoke, "Revoking ticket {}", "granted", "false"),
                                                (injections.standby, "Making ticket {} standby", "standby", "true"),
                                                (injections.activate, "Activating ticket {}", "standby", "false")):
            for ticket in tickets:
                outcome.lines.append(verb.format(ticket))
                _ticket_state(root, ticket).set(attribute, value)
        for spec in injections.op_inject:
            _inject_op(root, original, spec, now, simulate_node_config, outcome)
    except _Abort:
        outcome.aborted = True
    return outcome


def _set_watchdog(root: etree._Element, value: str) -> None:
    """cib__update_node_attr in crm_config: the one have-watchdog pair, or a new one in
    cib-bootstrap-options."""
    config = root.find("configuration/crm_config")
    pairs = root.findall("configuration/crm_config//nvpair[@name='have-watchdog']")
    if config is None or len(pairs) > 1 or root.find("configuration/crm_config//rule") is not None:
        raise Unmodelled("-w/--watchdog on this CIB (several or rule-bound property sets)")
    if pairs:
        pairs[0].set("value", value)
        return
    bootstrap = config.find("cluster_property_set[@id='cib-bootstrap-options']")
    if bootstrap is None:
        bootstrap = etree.SubElement(config, "cluster_property_set", id="cib-bootstrap-options")
    etree.SubElement(bootstrap, "nvpair", id="cib-bootstrap-options-have-watchdog", name="have-watchdog",
                     value=value)


def _node_state(root: etree._Element, node: str, simulate_node_config: bool) -> etree._Element:
    """pcmk__inject_node: the node_state named `node` (made from its configured id if need be);
    an unknown node aborts 2.1.5 (unless -u made its configuration entry)."""
    status = root.find("status")
    nodes = root.find("configuration/nodes")
    if simulate_node_config and nodes is not None and not [n for n in nodes if n.get("uname") == node]:
        etree.SubElement(nodes, "node", id=node, uname=node)
    states = [s for s in root.iter("node_state") if s.get("uname") == node]
    if len(states) > 1 or any(s.get("id") is None for s in states):
        raise Unmodelled(f"several node_state entries for {node}")
    if states:
        return states[0]
    configured = [n for n in (nodes if nodes is not None else []) if n.tag == "node" and n.get("uname") == node]
    if not configured or configured[0].get("id") is None or status is None:
        raise _Abort()
    if len(configured) > 1 or configured[0].get("type") == "remote":
        raise Unmodelled(f"the node {node} (several or remote node entries)")
    uuid = configured[0].get("id")
    by_id = [s for s in root.iter("node_state") if s.get("id") == uuid]
    if len(by_id) > 1:
        raise Unmodelled(f"several node_state entries for {node}")
    if by_id:
        by_id[0].set("uname", node)
        return by_id[0]
    return etree.SubElement(status, "node_state", id=uuid, uname=node)


def _state_change(state: etree._Element, up: bool) -> None:
    """pcmk__inject_node_state_change."""
    values = (("true", "online", "member", "member") if up else ("false", "offline", "down", "down"))
    for name, value in zip(("in_ccm", "crmd", "join", "expected"), values):
        state.set(name, value)
    state.set("crm-debug-origin", "crm_simulate")


def _ticket_state(root: etree._Element, ticket: str) -> etree._Element:
    status = root.find("status")
    if status is None:
        raise Unmodelled("tickets on a CIB without a status section")
    tickets = status.find("tickets")
    if tickets is None:
        tickets = etree.SubElement(status, "tickets")
    found = [t for t in tickets.findall("ticket_state") if t.get("id") == ticket]
    if len(found) > 1:
        raise Unmodelled(f"several ticket_state entries for {ticket}")
    return found[0] if found else etree.SubElement(tickets, "ticket_state", id=ticket)


_SPEC = re.compile(r"([^@]+)(?:@([^=]+)(?:=[ \t\n]*([+-]?\d+))?)?")


def _inject_op(root: etree._Element, original: etree._Element, spec: str, now: int,
               simulate_node_config: bool, outcome: Outcome) -> None:
    """inject_action: the fail count (when it failed) and the history entry of one -i spec."""
    outcome.lines.append(f"Injecting {spec} into the configuration")
    match = _SPEC.match(spec)
    fields = 0 if match is None else sum(part is not None for part in match.groups())
    if match is None or fields < 3:
        outcome.errors.append(f"Invalid operation spec: {spec}.  Only found {fields} fields")
        return
    key, node, rc_text = match.groups()
    rc = int(rc_text)
    if not -2 ** 31 <= rc < 2 ** 31:
        raise Unmodelled(f"the result code in '{spec}' (-i/--op-inject)")
    parts = re.fullmatch(r"(.+)_([a-z]+)_(\d+)", key)
    if parts is None or parts.group(2) not in TASKS or re.search(r"_(pre|post)_notify$|_migrate$", parts.group(1)):
        raise Unmodelled(f"the operation key '{key}' (-i/--op-inject: ${{resource}}_"
                         f"{'|'.join(TASKS)}_${{interval_in_ms}})")
    resource, task, interval = parts.group(1), parts.group(2), int(parts.group(3))
    primitive = _primitive(original, resource)
    if primitive is None:
        outcome.errors.append(f"Invalid resource name: {resource}")
        return
    state = _node_state(root, node, simulate_node_config)
    if rc != 0 and not (rc == 7 and interval == 0):
        name = f"{resource}#{task}_{interval}"
        uuid = state.get("id") or ""
        pairs = _transient_set(state)
        counts = [p for p in state.iter("nvpair") if p.get("id") == _pair_id(pairs, f"fail-count-{name}")]
        old = counts[0].get("value", "0") if counts else "0"
        if not re.fullmatch(r"\d{1,6}", old) or int(old) >= 999_999:
            raise Unmodelled(f"a fail count of {old} for {name} (-i/--op-inject)")
        outcome.lines.append(f"Injecting attribute fail-count-{name}=value++ into /node_state '{uuid}'")
        _set_pair(pairs, f"fail-count-{name}", str(int(old) + 1))
        outcome.lines.append(f"Injecting attribute last-failure-{name}={now} into /node_state '{uuid}'")
        _set_pair(pairs, f"last-failure-{name}", str(now))
    history = _resource_history(state, resource, primitive)
    if any(op.get("operation") == "stop" and op.get("rc-code", "0") != "0" for op in history.iter("lrm_rsc_op")):
        raise Unmodelled(f"-i/--op-inject on {resource}, whose stop failed on {node}")
    call_id = 1 + max([0] + [_int(op.get("call-id")) for op in history if op.tag == "lrm_rsc_op"])
    failed = rc != 0
    ids = ([f"{resource}_last_failure_0"] + ([f"{resource}_last_0"] if interval == 0 else []) if failed
           else [f"{resource}_{task}_{interval}" if interval else f"{resource}_last_0"])
    transition_key = f"{call_id}:-1:0:{NO_UUID}"
    for op_id in ids:
        found = [op for op in history if op.tag == "lrm_rsc_op" and op.get("id") == op_id]
        entry = found[0] if found else etree.SubElement(history, "lrm_rsc_op", id=op_id)
        for name, value in (("operation_key", key), ("operation", task), ("crm-debug-origin", "crm_simulate"),
                            ("crm_feature_set", FEATURE_SET), ("transition-key", transition_key),
                            ("transition-magic", f"0:{rc};{transition_key}"),
                            ("exit-reason", "Simulated action result" if failed else ""),
                            ("call-id", str(call_id)), ("rc-code", str(rc)), ("op-status", "0"),
                            ("interval", str(interval)), ("last-rc-change", str(now)), ("exec-time", "0"),
                            ("queue-time", "0")):
            entry.set(name, value)


def unverified(root: etree._Element, transition: Transition) -> Optional[str]:
    """What a modified CIB may hold that the scheduler has not been checked on (None: nothing), found
    by the differential test: live migration, shutdown locks and unfencing (each silently wrong on
    some modified public case), a resource with monitors of the Stopped role stopped or moved (2.1.5's simulated cancels leave the
    resource shown active), a node left unclean with active resources (no fencing possible: 2.1.5's
    graph then stops half-way, "Transition failed: terminated")."""
    for what, found in (("live migration (allow-migrate, or migrations in the history)",
                         _pair(root, "allow-migrate", true=True)
                         or any(op.get("operation") in ("migrate_to", "migrate_from") for op in root.iter("lrm_rsc_op"))),
                        ("shutdown-lock", _pair(root, "shutdown-lock", true=True)),
                        ("unfencing", _pair(root, "provides", "unfencing") or _pair(root, "requires", "unfencing"))):
        if found:
            return f"modifications on a CIB with {what}"
    watched = {rsc.get("id") for rsc in root.iter("primitive")
               if any(op.get("role") == "Stopped" for op in rsc.iter("op"))}
    if any((item.resource or "").split(":")[0] in watched and item.verb != "Start" for item in transition.summary):
        return "modifications that stop or move a resource with monitors of the Stopped role"
    unclean = {node.uname for node in transition.nodes_after if node.state.startswith("unclean")}
    if unclean and any(set(status.nodes) & unclean for status in _statuses(transition.after)):
        return "modifications that leave a node unclean with active resources (it cannot be fenced)"
    return None


def _pair(root: etree._Element, name: str, value: str = "", true: bool = False) -> bool:
    """Whether some nvpair sets `name` (to `value`, or to a true value)."""
    return any(pair.get("name") == name and ((pair.get("value") or "").lower() in ("true", "yes", "on", "1", "y")
                                             if true else pair.get("value") == value)
               for pair in root.iter("nvpair"))


def _statuses(views: tuple[ResourceView, ...]) -> list:
    found = []
    for view in views:
        found += ([view.status] if view.status is not None else []) + _statuses(view.children)
    return found


def _int(text: Optional[str]) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _primitive(original: etree._Element, resource: str) -> Optional[etree._Element]:
    """The configured primitive pe_find_resource finds for an id, None when nothing has it; Unmodelled
    for what 2.1.5 finds otherwise (groups, clones and what is in them, templates, orphans)."""
    found = [e for e in original.iter("primitive", "group", "clone", "master", "bundle", "template")
             if e.get("id") == resource]
    if not found:
        if any(e.get("id") == resource for e in original.iter("lrm_resource")):
            raise Unmodelled(f"-i/--op-inject on {resource}, which is only in the history")
        return None
    element = found[0]
    if (element.tag != "primitive" or any(a.tag in ("clone", "master", "bundle") for a in element.iterancestors())
            or element.get("class") is None or element.get("type") is None):
        raise Unmodelled(f"-i/--op-inject on {resource} (only primitives, also in groups, are simulated; "
                         "2.1.5 injects no fail count for a clone's)")
    return element


def _transient_set(state: etree._Element) -> etree._Element:
    uuid = state.get("id") or ""
    attrs = state.find("transient_attributes")
    if attrs is None:
        attrs = etree.SubElement(state, "transient_attributes", id=uuid)
    pairs = attrs.find("instance_attributes")
    if pairs is None:
        pairs = etree.SubElement(attrs, "instance_attributes", id=uuid)
    return pairs


def _set_pair(pairs: etree._Element, name: str, value: str) -> None:
    """crm_create_nvpair_xml merged by id: the pair `SET-NAME` (id sanitised) takes the value."""
    pair_id = _pair_id(pairs, name)
    state = pairs.getparent().getparent()
    if any(p.get("name") == name and p.get("id") != pair_id for p in state.iter("nvpair")):
        raise Unmodelled(f"the attribute {name} under another id (-i/--op-inject)")
    found = [p for p in pairs.findall("nvpair") if p.get("id") == pair_id]
    if found:
        found[0].set("value", value)
        return
    if len([p for p in state.iter("nvpair") if p.get("id") == pair_id]):
        raise Unmodelled(f"the attribute {name} under another id (-i/--op-inject)")
    etree.SubElement(pairs, "nvpair", id=pair_id, name=name, value=value)


def _pair_id(pairs: etree._Element, name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", ".", f"{pairs.get('id')}-{name}")


def _resource_history(state: etree._Element, resource: str, primitive: etree._Element) -> etree._Element:
    """pcmk__inject_resource_history: the node's lrm_resource of that id, or a new one."""
    found = [r for r in state.iter("lrm_resource") if r.get("id") == resource]
    if found:
        return found[0]
    lrm = state.find("lrm")
    if lrm is None:
        lrm = etree.SubElement(state, "lrm", id=state.get("id") or "")
    resources = lrm.find("lrm_resources")
    if resources is None:
        resources = etree.SubElement(lrm, "lrm_resources")
    entry = etree.SubElement(resources, "lrm_resource", id=resource)
    for name in ("class", "provider", "type"):
        if primitive.get(name) is not None:
            entry.set(name, primitive.get(name) or "")
    return entry
