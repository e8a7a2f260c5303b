"""What crm_mon reads from the CIB's status besides the scheduler's placement: failures that
still count, fail counts, node attributes, the blocked and maintenance notes.

Pacemaker 2.1.5 forgets a failure once its resource's `failure-timeout` has passed
(unpack.c, check_operation_expiry: `now > last-rc-change + failure-timeout`, unless a fail
count on the node is still fresh), so crm_mon lists neither the failed action nor its fail
count; the node attributes it shows are the node's permanent ones (the `nodes` section)
overlaid with its transient ones, sorted, without the automatic ones (FILTER_STR in
crm_mon: fail counts, last failures, shutdown, terminate, standby, `#...`).
"""

from __future__ import annotations

import re
from typing import Mapping

from lxml import etree

from halab_kernel import values
from halab_kernel.sim.pacemaker.scheduler.render import by_name

HIDDEN_ATTRIBUTES = ("fail-count-", "last-failure-", "shutdown", "terminate", "standby", "#")
MAINTENANCE_BANNER = ["              *** Resource management is DISABLED ***",
                      "  The cluster will not attempt to start, stop or recover services", ""]
STOP_ALL_BANNER = ["    *** Resource management is DISABLED ***", "  The cluster will keep all resources stopped", ""]


def _meta(element: etree._Element, name: str) -> str | None:
    for nvpair in element.iterfind("meta_attributes/nvpair"):
        if nvpair.get("name") == name:
            return nvpair.get("value")
    return None


def _inherited_meta(view: etree._Element, name: str) -> dict[str, str | None]:
    """A meta attribute per primitive: its own, a parent's, else rsc_defaults'."""
    default = None
    for defaults in view.iterfind("configuration/rsc_defaults"):
        default = _meta(defaults, name) or default
    return {primitive.get("id", ""): next((v for v in (_meta(e, name) for e in [primitive, *primitive.iterancestors()])
                                           if v is not None), default)
            for primitive in view.iterfind(".//configuration/resources//primitive")}


def failure_timeouts(view: etree._Element) -> dict[str, float]:
    """Seconds of `failure-timeout` per primitive; 0: never."""
    return {rsc: values.seconds(value, 0) if value else 0.0
            for rsc, value in _inherited_meta(view, "failure-timeout").items()}


def configured_unmanaged(view: etree._Element) -> set[str]:
    """Primitives the configuration leaves unmanaged before any history is read: maintenance-mode,
    is-managed=false, maintenance=true. On those the scheduler reads a "not running" result as
    the resource being stopped, not as a failure, so crm_mon does not list it."""
    managed = _inherited_meta(view, "is-managed")
    maintenance = _inherited_meta(view, "maintenance")
    everything = _property(view, "maintenance-mode")
    return {rsc for rsc in managed if everything or not values.is_true(managed[rsc], True)
            or values.is_true(maintenance[rsc], False)}


def fail_counts(state: etree._Element) -> dict[str, tuple[int, int]]:
    """(fail count, last failure) per resource from a node's transient attributes."""
    entries: dict[str, tuple[int, int]] = {}
    for nvpair in state.iterfind("transient_attributes/instance_attributes/nvpair"):
        name, value = nvpair.get("name", ""), nvpair.get("value", "0")
        if name.startswith(("fail-count-", "last-failure-")):
            rsc = name.split("-", 2)[2].split("#")[0]
            count, last = entries.get(rsc, (0, 0))
            if name.startswith("fail-count-"):
                count += 1_000_000 if value.upper() == "INFINITY" else int(value)
            else:
                last = max(last, int(value))
            entries[rsc] = (count, last)
    return entries


class FailureClock:
    """Which failures Pacemaker still counts at `now` (seconds since the epoch)."""

    def __init__(self, view: etree._Element, now: int) -> None:
        self.timeouts = failure_timeouts(view)
        self.now = now
        # (primitive, operation, interval in ms) of each op configured on-fail=block
        self.blocking = {(op.getparent().getparent().get("id", ""), op.get("name"), values.interval_ms(op.get("interval")))
                         for op in view.iterfind(".//configuration/resources//primitive/operations/op")
                         if op.get("on-fail") == "block"}

    def _timeout(self, rsc: str) -> float:
        return self.timeouts.get(rsc.split(":")[0], 0.0)

    def count_expired(self, rsc: str, last_failure: int) -> bool:
        timeout = self._timeout(rsc)
        return timeout > 0 and self.now > last_failure + timeout

    def fresh_counts(self, state: etree._Element) -> dict[str, tuple[int, int]]:
        return {rsc: (count, last) for rsc, (count, last) in fail_counts(state).items()
                if count and not self.count_expired(rsc, last)}

    def op_expired(self, rsc: str, op: etree._Element, state: etree._Element) -> bool:
        timeout, changed = self._timeout(rsc), op.get("last-rc-change")
        if timeout <= 0 or changed is None or self.now <= int(changed) + timeout:  # no timestamp: never expires
            return False
        base = rsc.split(":")[0]
        if (base, op.get("operation"), _strtoll(op.get("interval"), 0) or 0) in self.blocking and \
                any(name.split(":")[0] == base and count for name, (count, _) in fail_counts(state).items()):
            return False   # block_failure: on-fail=block conflicts with failure-timeout, which is ignored
        return base not in {name.split(":")[0] for name in self.fresh_counts(state)}


def _all_node_attributes(view: etree._Element) -> dict[str, dict[str, str]]:
    """Each node with a status entry: its permanent attributes overlaid with its transient ones."""
    permanent = {node.get("uname"): {nv.get("name", ""): nv.get("value", "")
                                     for nv in node.iterfind("instance_attributes/nvpair")}
                 for node in view.iterfind("configuration/nodes/node")}
    found = {}
    for state in view.iterfind("status/node_state"):
        name = state.get("uname", "")
        attrs = dict(permanent.get(name, {}))
        attrs.update({nv.get("name", ""): nv.get("value", "")
                      for nv in state.iterfind("transient_attributes/instance_attributes/nvpair")})
        found[name] = attrs
    return found


def node_modes(view: etree._Element) -> dict[str, tuple[bool, bool]]:
    """(standby, maintenance) of each node as its attributes say, online or not: crm_mon shows an
    offline node in standby as "OFFLINE (standby)" and flags it standby="true" in XML."""
    return {name: (values.is_true(attrs.get("standby")), values.is_true(attrs.get("maintenance")))
            for name, attrs in _all_node_attributes(view).items()}


def node_attributes(view: etree._Element, online: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(node, [(name, value)]) of the online nodes with attributes crm_mon -A shows, in the order
    the scheduler keeps the nodes (by name)."""
    found = []
    for name in sorted(online, key=by_name):
        attrs = _all_node_attributes(view).get(name, {})
        shown = sorted((key, value) for key, value in attrs.items() if not key.startswith(HIDDEN_ATTRIBUTES))
        if shown:
            found.append((name, shown))
    return found


_LEADING_INT = re.compile(r"^\s*[+-]?\d+")


def _strtoll(text: str | None, default: int) -> int | None:
    """pcmk__scan_ll: the leading integer of `text` (trailing characters ignored); `default`, and
    None for an error, when there is none."""
    found = _LEADING_INT.match(text or "")
    return int(found.group()) if found else None


def running_pings(view, views, node: str) -> dict[str, int]:
    """add_extra_info over the node's running resources: the attribute each ping or pingd primitive
    running there sets, and its score when every host answers (the first such primitive's)."""
    primitives, found = ping_primitives(view), dict[str, int]()

    def visit(rsc_view) -> None:
        if rsc_view.status is not None:
            base = rsc_view.id.split(":")[0]
            if node in rsc_view.status.nodes and base in primitives:
                found.setdefault(*primitives[base])
        for child in rsc_view.children:
            visit(child)

    for rsc_view in views:
        visit(rsc_view)
    return found


def ping_primitives(view: etree._Element) -> dict[str, tuple[str, int]]:
    """Each ping or pingd primitive (by id): the attribute it sets and its score when every host answers."""
    templates = {t.get("id"): t for t in view.iterfind("configuration/resources/template")}
    found: dict[str, tuple[str, int]] = {}
    for primitive in view.iterfind(".//configuration/resources//primitive"):
        sources = [primitive, templates.get(primitive.get("template"))]
        agent = next((e.get("type") for e in sources if e is not None and e.get("type")), None)
        if (agent or "").lower() not in ("ping", "pingd"):
            continue
        params: dict[str, str] = {}
        for element in sources:   # the primitive's own parameters override the template's
            for nvpair in (element.iterfind("instance_attributes/nvpair") if element is not None else ()):
                params.setdefault(nvpair.get("name", ""), nvpair.get("value", ""))
        hosts = params.get("host_list")
        multiplier = _strtoll(params.get("multiplier"), 1)
        found[primitive.get("id", "")] = (params.get("name", "pingd").lower(),
                                          (len(hosts.split(" ")) if hosts else 0) * (1 if multiplier is None else multiplier))
    return found


def connectivity(value: str, expected: int) -> str:
    """The note crm_mon -A adds to a ping attribute: lost (0 or less, or not a number), degraded."""
    score = _strtoll(value, 0)
    if score is None or score <= 0:
        return "Connectivity is lost"
    return f"Connectivity is degraded (Expected={expected})" if score < expected else ""


def _property(view: etree._Element, name: str) -> bool:
    return any(nv.get("name") == name and values.is_true(nv.get("value"))
               for nv in view.iterfind("configuration/crm_config/cluster_property_set/nvpair"))


def disabled_banner(view: etree._Element) -> list[str]:
    """The lines after the summary when the cluster manages nothing: maintenance-mode first,
    else stop-all-resources."""
    if _property(view, "maintenance-mode"):
        return MAINTENANCE_BANNER
    if _property(view, "stop-all-resources"):
        return STOP_ALL_BANNER
    return []


def bans(view: etree._Element) -> list[dict[str, str]]:
    """Location constraints that keep a resource off a node (pe__ban_list), as crm_mon's XML lists them:
    last configured first (the scheduler prepends each constraint it unpacks)."""
    found = []
    for location in view.iterfind("configuration/constraints/rsc_location"):
        score = location.get("score", "")
        weight = values.char2score(score) if location.get("node") and location.get("rsc") else 0
        if weight < 0:
            promoted = location.get("role", "").lower() in ("promoted", "master")
            found.append({"id": location.get("id", ""), "resource": location.get("rsc", ""),
                          "node": location.get("node", ""), "weight": str(weight),
                          "promoted-only": "true" if promoted else "false",
                          "master_only": "true" if promoted else "false"})
    return found[::-1]


def blocked_instances(views) -> int:
    """Resource instances blocked from further action by a failure (the "(N BLOCKED ...)" note)."""
    total = 0
    for view in views:
        if view.status is not None:
            total += int(bool(view.status.blocked))
        else:
            total += blocked_instances(view.children)
    return total


def count_note(disabled: int, blocked: int) -> str:
    """The parenthesis after "N resource instances configured" (pe__cluster_counts)."""
    if disabled and blocked:
        return f" ({disabled} DISABLED, {blocked} BLOCKED from further action due to failure)"
    if disabled:
        return f" ({disabled} DISABLED)"
    if blocked:
        return f" ({blocked} BLOCKED from further action due to failure)"
    return ""


def mixed_version(view: etree._Element, online: set[str]) -> bool:
    """crm_mon's "MIXED-VERSION partition" (is_mixed_version, 2.1.5): the online cluster nodes (to the
    scheduler, e.g. "UNCLEAN (online)") do not all have the same feature set, a node without a
    #feature-set attribute counting as "<3.15.1" (so a cluster where none has one is not mixed)."""
    members = {node.get("uname") for node in view.iterfind("configuration/nodes/node") if node.get("type") != "remote"}
    return len({feature_set(view, name) for name in online & members}) > 1


def feature_set(view: etree._Element, node: str) -> str:
    """An online node's feature set as crm_mon shows it: its #feature-set attribute, else "<3.15.1"
    (a node whose controller never said, as 2.1.5 words it)."""
    found = view.find(f"status/node_state[@uname='{node}']/transient_attributes/instance_attributes/"
                      "nvpair[@name='#feature-set']")
    return found.get("value", "") if found is not None else "<3.15.1"


def display_name(uname: str | None, node_id: str | None, detail: bool) -> str:
    """pe__node_display_name: the node's name, and with --show-detail its id when that differs."""
    return f"{uname} ({node_id})" if detail and node_id and node_id != uname else str(uname)


def shutdown_locks(view: etree._Element, now: int) -> dict[str, str]:
    """unpack_shutdown_lock: with shutdown-lock=true, each resource a node's history locks to it
    (its lrm_resource's shutdown-lock time), unless shutdown-lock-limit has passed since."""
    options = {nv.get("name"): nv.get("value") for nv in
               view.iterfind("configuration/crm_config/cluster_property_set/nvpair")}
    if not values.is_true(options.get("shutdown-lock"), False):
        return {}
    limit = values.seconds(options.get("shutdown-lock-limit") or "0", 0)
    locks = {}
    for state in view.iterfind("status/node_state"):
        for entry in state.iterfind("lrm/lrm_resources/lrm_resource[@shutdown-lock]"):
            since = _strtoll(entry.get("shutdown-lock"), 0) or 0
            if since and not (limit > 0 and now > since + limit):
                locks[entry.get("id", "")] = state.get("uname", "")
    return locks


def locked_lines(lines: list[str], locks: Mapping[str, str]) -> list[str]:
    """A stopped resource locked to a node (shutdown-lock) shows the node and LOCKED first among its flags."""
    if not locks:
        return lines
    found = []
    for line in lines:
        match = re.match(r"^(\s*\* (\S+)\t\([^\t]*\):\t Stopped)(?: \((.*)\))?$", line)
        if match and match.group(2) in locks:
            flags = ", ".join(["LOCKED", *([match.group(3)] if match.group(3) else [])])
            line = f"{match.group(1)} {locks[match.group(2)]} ({flags})"
        found.append(line)
    return found
