"""What, in a CIB's status as the scheduler reads it, makes crm_verify (Pacemaker 2.1.5) say things
its checks do not model: refused by name at every verbosity (`unmodelled_status`), or at -VV only
(`unmodelled_detail`: plain log warnings, not counted toward the verdict). Also the resources the
scheduler blocks (`blocked`), whose recurring operations it does not look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.crm_verify_resources import unpacked
from halab_kernel.sim.pacemaker.scheduler.transition import ResourceStatus, ResourceView


def properties(root: etree._Element) -> dict[str, str]:
    """The cluster options as set (`#default` is no value)."""
    return {nv.get("name", ""): nv.get("value", "")
            for nv in root.iterfind("configuration/crm_config/cluster_property_set/nvpair")
            if nv.get("value", "").lower() != "#default"}


_CLEAN_NODE_STATES = ({"in_ccm": "true", "crmd": "online", "join": "member", "expected": "member"},
                      {"in_ccm": "false", "crmd": "offline", "join": "down", "expected": "down"})


def _failed(op: etree._Element) -> bool:
    """An operation record whose result is not the one expected (the transition key's third field)."""
    key = (op.get("transition-key") or "").split(":")
    expected = key[2] if len(key) > 3 else "0"
    return op.get("op-status", "0") != "0" or op.get("rc-code", "0") != expected


def unmodelled_detail(root: etree._Element) -> str | None:
    """What, in this CIB's status, makes the scheduler log warnings at -VV that `check` does not
    model (failed operations, fail counts reaching a threshold, nodes fenced or with a state other
    than cleanly up or cleanly down or asked to terminate, guest nodes and bundles, a history kept
    for a node that is down, histories of resources no longer configured, rule values
    read as integers that are not, operation intervals it cannot read), or
    None: at -VV crm_verify is refused by name then (its -V and plain verdicts do not depend on them)."""
    if root.find("configuration/resources//bundle") is not None or \
            root.find("configuration/resources//nvpair[@name='remote-node']") is not None:
        return "with guest nodes or bundles"
    for state in root.iterfind("status/node_state"):
        if any(pair.get("name") == "terminate" and pair.get("value", "0") not in ("0", "false")
               for pair in state.iterfind("transient_attributes//nvpair")):
            return "with a node whose termination was requested"
    for op in root.iterfind("configuration/resources//op"):
        interval = op.get("interval", "0")
        if values.interval_ms(interval) == 0 and not re.fullmatch(r"\s*0+\s*[a-zA-Z]*\s*", interval):
            return f"an operation interval it cannot read ({op.get('id')}: {interval})"
    for expression in root.iterfind("configuration//expression[@type]"):
        if expression.get("type") in ("integer", "number") and \
                not re.fullmatch(r"\s*[+-]?\d+", expression.get("value", "0")):
            return "comparing a rule's value as an integer (scan_ll)"
    configured = {primitive.get("id", "") for primitive in root.iterfind("configuration/resources//primitive")}
    states = {state.get("uname", ""): state for state in root.iterfind("status/node_state")}
    for node in root.iterfind("configuration/nodes/node"):
        state = states.get(node.get("uname", ""))
        if node.get("type", "member") != "member" or state is None or not any(
                all(state.get(name, "") == value for name, value in clean.items()) for clean in _CLEAN_NODE_STATES):
            return "with a node neither cleanly up nor cleanly down"
        if state.get("crmd") == "offline" and state.find("lrm/lrm_resources/lrm_resource/lrm_rsc_op") is not None:
            return "with the operation history of a node that is down"
    for state in states.values():
        if any(_failed(op) for op in state.iterfind("lrm/lrm_resources/lrm_resource/lrm_rsc_op")):
            return "with failed operations recorded"
        if any(re.sub(r":\d+$", "", entry.get("id", "")) not in configured
               for entry in state.iterfind("lrm/lrm_resources/lrm_resource")):
            return "with the history of a resource no longer configured"
        if state.find("transient_attributes//nvpair[@name]") is not None and any(
                pair.get("name", "").startswith("fail-count-") for pair in state.iterfind("transient_attributes//nvpair")):
            return "with fail counts recorded"
    return None


def _statuses(views: Iterable[ResourceView]) -> Iterable[ResourceStatus]:
    for view in views:
        if view.status is not None:
            yield view.status
        yield from _statuses(view.children)


def active_instances(views: Iterable[ResourceView]) -> frozenset[tuple[str, str]]:
    """(resource id without instance number, node) for every instance the reading finds active."""
    return frozenset({(re.sub(r":\d+$", "", status.id), node) for status in _statuses(views) for node in status.nodes})


def _allowed(root: etree._Element) -> dict[str, set[str] | None] | None:
    """In an asymmetric cluster, the nodes a location constraint opens to each clone (None: a rule
    decides); None in a symmetric one, where every clone may run everywhere it is not banned."""
    if values.is_true(properties(root).get("symmetric-cluster"), True):
        return None
    allowed: dict[str, set[str] | None] = {}
    clones = root.findall("configuration/resources/clone") + root.findall("configuration/resources/master")
    locations = root.findall("configuration/constraints/rsc_location")
    for clone in clones:
        names = {element.get("id") for element in clone.iter()}
        mine = [location for location in locations if location.get("rsc") in names]
        allowed[clone.get("id", "")] = None if any(location.get("node") is None for location in mine) \
            else {location.get("node", "") for location in mine}
    return allowed


def unmodelled_status(root: etree._Element, views: Iterable[ResourceView]) -> str | None:
    """What, in the status as the scheduler reads it (`views`: every resource, crm_mon's reading),
    makes crm_verify say things at every verbosity the checks do not model, or None: an active
    orphan (process_rsc_state warns), a resource active on more than one node (its recovery is
    logged), a clone instance active on a node an asymmetric cluster does not open to it, a revoked
    ticket that fences, or freezes a role, a failed stop without fencing (check_recoverable), fencing for a lost deadman ticket, a failure-timeout on-fail=block ignores, a node_state
    without id."""
    for status in _statuses(views):
        if status.orphan and status.nodes:
            return f"an active orphan ({status.id}, no longer configured, running on {status.nodes[0]})"
        if len(status.nodes) > 1:
            return f"a resource active on more than one node ({status.id})"
    allowed = _allowed(root)
    for view in views:
        if allowed is None or view.kind != "clone":
            continue
        nodes = allowed.get(view.id, set())
        for status in _statuses(view.children):
            if any(nodes is None or node not in nodes for node in status.nodes):
                return f"a clone instance active where it may not be allowed ({status.id}: distribute_children)"
    granted = {ticket.get("id") for ticket in root.iterfind("status/tickets/ticket_state")
               if values.is_true(ticket.get("granted"), False)}
    for ticket in root.iterfind("configuration/constraints/rsc_ticket[@loss-policy]"):
        policy = ticket.get("loss-policy", "").lower()
        if ticket.get("ticket") not in granted and (policy == "fence" or policy == "freeze" and ticket.get("rsc-role")):
            return f"a revoked ticket whose loss-policy is {policy} ({ticket.get('ticket')})"
    if root.find("configuration//op[@on-fail='block']") is not None and \
            root.find("configuration//nvpair[@name='failure-timeout']") is not None:
        return "a failure-timeout with on-fail=block"
    if any(not state.get("id") for state in root.iterfind("status/node_state")):
        return "a node_state without id"
    options = properties(root)
    quorate = values.is_true(root.get("have-quorum"), True) or options.get("no-quorum-policy") == "ignore"
    fencing = quorate and values.is_true(options.get("stonith-enabled"), True) and (
        root.find("configuration/resources//primitive[@class='stonith']") is not None
        or values.is_true(options.get("have-watchdog"), False))
    stops = root.iterfind("status/node_state/lrm/lrm_resources/lrm_resource/lrm_rsc_op[@operation='stop']")
    if not fencing and any(_failed(op) for op in stops):
        return "a failed stop and no fencing possible (check_recoverable)"
    return None


def blocked(root: etree._Element, views: Iterable[ResourceView]) -> frozenset[str]:
    """Resource instances the scheduler blocks: failed with on-fail=block (the reading says), or
    bound to a revoked ticket with loss-policy=freeze (with their clones' instances and members)."""
    blocked = {status.id for status in _statuses(views) if status.blocked}
    granted = {ticket.get("id") for ticket in root.iterfind("status/tickets/ticket_state")
               if values.is_true(ticket.get("granted"), False)}
    frozen = {ticket.get("rsc") for ticket in root.iterfind("configuration/constraints/rsc_ticket[@loss-policy]")
              if ticket.get("loss-policy", "").lower() == "freeze" and ticket.get("ticket") not in granted}
    for rsc in unpacked(root):
        ancestors = {ancestor.get("id") for ancestor in rsc.element.iterancestors()} | {rsc.element.get("id")}
        if ancestors & frozen:
            blocked.add(rsc.id)
    return frozenset(blocked)
