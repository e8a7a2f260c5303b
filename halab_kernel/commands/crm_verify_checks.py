"""What `crm_verify` finds in a configuration, with the scheduler's own words (Pacemaker 2.1.5).

crm_verify runs the scheduler's unpacking and reports every configuration error it logs,
in the order it meets them: cluster options first (an invalid value falls back to the
default; no-quorum-policy=suicide without fencing becomes stop), then each resource as
unpacked (clones expanded into instances, members inheriting meta attributes): an unknown
`requires` or `target-role`, `clone-node-max` above 1 on an anonymous clone (which 2.1.5
reports under the name promoted-max), then the fencing check. Warnings (an unknown
`multiple-active`) make it say the configuration may not be valid; both exit 78.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from halab_kernel import values
from halab_kernel.commands import crm_verify_constraints as constraints
from halab_kernel.commands import crm_verify_ops as ops
from halab_kernel.sim.pacemaker.scheduler.transition import ResourceStatus, ResourceView
from halab_kernel.commands.crm_verify_resources import history_owners, target_role, unpack, unpacked

_BOOLEAN = "boolean"
_TIME = "time"
_INTEGER = "integer"
_SCORE = "score"

# cluster option -> allowed values, or a type (pe_opts in lib/pengine/common.c)
CLUSTER_OPTIONS: dict[str, object] = {
    "no-quorum-policy": ("stop", "freeze", "ignore", "demote", "suicide"),
    "stonith-action": ("reboot", "off", "poweroff"),
    "placement-strategy": ("default", "utilization", "minimal", "balanced"),
    "node-health-strategy": ("none", "migrate-on-red", "only-green", "progressive", "custom"),
    **{name: _BOOLEAN for name in (
        "symmetric-cluster", "maintenance-mode", "start-failure-is-fatal", "enable-startup-probes",
        "shutdown-lock", "stonith-enabled", "have-watchdog", "concurrent-fencing", "startup-fencing",
        "stop-all-resources", "stop-orphan-resources", "stop-orphan-actions", "remove-after-stop")},
    **{name: _TIME for name in ("shutdown-lock-limit", "stonith-timeout", "priority-fencing-delay",
                                "cluster-delay")},
    **{name: _INTEGER for name in ("batch-limit", "migration-limit", "pe-error-series-max",
                                   "pe-warn-series-max", "pe-input-series-max")},
    **{name: _SCORE for name in ("node-health-base", "node-health-green", "node-health-yellow",
                                 "node-health-red")},
}


@dataclass
class Findings:
    """What the scheduler logged while unpacking and scheduling, in order: (level, function,
    message, counts). Configuration errors and warnings count toward crm_verify's verdict; a plain
    log warning (`Blind faith: not fencing unseen nodes`) is only shown at -VV. `unmodelled` names
    what the checks met but do not model: crm_verify is refused by name then."""

    logged: list[tuple[str, str, str, bool]] = field(default_factory=list)
    unmodelled: list[str] = field(default_factory=list)

    def error(self, function: str, message: str) -> None:
        self.logged.append(("error", function, message, True))

    def warning(self, function: str, message: str, counts: bool = True) -> None:
        self.logged.append(("warning", function, message, counts))

    def quiet(self, function: str, message: str) -> None:
        """A plain log warning: shown at -VV, not counted."""
        self.warning(function, message, counts=False)

    def report(self, verbosity: int) -> tuple[str, int]:
        """crm_verify's stderr and exit code at this many -V."""
        shown = [f"({where}) \t{level}: {text}" for level, where, text, _ in self.logged
                 if level == "error" and verbosity >= 1 or verbosity >= 2]
        counted = [level for level, _, _, counts in self.logged if counts]
        if not counted:
            return "".join(line + "\n" for line in shown), 0
        shown.append("crm_verify: Errors found during check: config not valid" if "error" in counted
                     else "crm_verify: Warnings found during check: config may not be valid")
        if not verbosity:
            shown.append("-V may provide more details")
        return "".join(line + "\n" for line in shown), 78


def _valid(kind: object, value: str) -> bool:
    if isinstance(kind, tuple):
        return value.lower() in kind
    if kind == _BOOLEAN:
        return values.boolean(value) is not None
    if kind == _TIME:
        return values.msec(value) is not None
    if kind == _INTEGER:
        return re.fullmatch(r"[+-]?\d+", value.strip()) is not None
    return re.fullmatch(r"[+-]?(\d+|INFINITY)", value.strip(), re.IGNORECASE) is not None


def _properties(root: etree._Element) -> dict[str, str]:
    """The cluster options as set (`#default` is no value)."""
    return {nv.get("name", ""): nv.get("value", "")
            for nv in root.iterfind("configuration/crm_config/cluster_property_set/nvpair")
            if nv.get("value", "").lower() != "#default"}


def _cluster_options(properties: dict[str, str], found: Findings) -> bool:
    """unpack_config(); returns whether fencing is enabled."""
    for name, value in properties.items():
        kind = CLUSTER_OPTIONS.get(name)
        if kind is not None and not _valid(kind, value):
            found.error("cluster_option_value",
                        f"Using default value for cluster option '{name}' because '{value}' is invalid")
    enabled = values.is_true(properties.get("stonith-enabled"), True) \
        if _valid(_BOOLEAN, properties.get("stonith-enabled", "true")) else True
    if (properties.get("stonith-action") or "").lower() == "poweroff":
        found.warning("unpack_config", "Support for stonith-action of 'poweroff' is deprecated and will be removed "
                                       "in a future release (use 'off' instead)")
    if (properties.get("no-quorum-policy") or "").lower() == "suicide" and not enabled:
        found.error("unpack_config", "Resetting no-quorum-policy to 'stop' because fencing is disabled")
    if not enabled or not values.is_true(properties.get("startup-fencing"), True):
        found.warning("unpack_config", "Blind faith: not fencing unseen nodes", counts=False)
    return enabled


def check(root: etree._Element, states: Iterable[tuple[str, str]] = ()) -> Findings:
    """Everything crm_verify reports for this CIB, in the order it reports it, given each node's
    (name, state) as the scheduler reads it."""
    found = Findings()
    properties = _properties(root)
    fencing = _cluster_options(properties, found)
    resources = unpacked(root)
    once: set[str] = set()
    for rsc in resources:
        why = unpack(rsc, fencing, found.error, found.warning, found.quiet, once)
        if why is not None:
            found.unmodelled.append(why)
    has_stonith = any(rsc.element.get("class") == "stonith" for rsc in resources)
    if fencing and not has_stonith:
        found.error("unpack_resources", "Resource start-up disabled since no STONITH resources have been defined")
        found.error("unpack_resources", "Either configure some or disable STONITH with the stonith-enabled option")
        found.error("unpack_resources", "NOTE: Clusters with shared data need STONITH to ensure data integrity")
    seen = {state.get("uname") for state in root.iterfind("status/node_state")}
    unclean = [uname for uname, state in states if state.startswith("unclean")]
    for uname in unclean:
        if uname in seen:
            found.warning("determine_online_status", f"{uname} is unclean")
    owners = history_owners(root, resources, fencing)
    if isinstance(owners, str):
        found.unmodelled.append(owners)
        return found
    for owner in owners:
        target_role(owner, found.error)
    why = constraints.unmodelled(root)
    if why is not None:
        found.unmodelled.append(why)
    constraints.check(root, resources, found.error, found.warning)
    maintenance = values.is_true(properties.get("maintenance-mode"), False)
    for rsc in resources:
        if rsc.element.tag != "primitive":
            continue
        why = ops.unmodelled(rsc, fencing)
        if why is not None:
            found.unmodelled.append(why)
        else:
            ops.recurring(rsc, maintenance, found.error)
    for uname in unclean:   # an unseen node the scheduler fences (its -VV log is refused: unmodelled_detail)
        if uname not in seen and fencing and values.is_true(properties.get("startup-fencing"), True):
            found.warning("schedule_fencing", f"Scheduling node {uname} for fencing")
    return found


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
    than cleanly up or cleanly down, a history kept for a node that is down, lost quorum, histories
    of resources no longer configured), or
    None: at -VV crm_verify is refused by name then (its -V and plain verdicts do not depend on them)."""
    if root.get("have-quorum", "1").lower() in ("0", "false", "no", "off") and \
            _properties(root).get("no-quorum-policy", "stop").lower() != "ignore":
        return "without quorum"
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


def unmodelled_status(root: etree._Element, views: Iterable[ResourceView]) -> str | None:
    """What, in the status as the scheduler reads it (`views`: every resource, crm_mon's reading),
    makes crm_verify say things at every verbosity the checks do not model, or None: an active
    orphan (process_rsc_state warns), a resource active on more than one node (its recovery is
    logged), fencing for a lost deadman ticket, a failure-timeout on-fail=block ignores, a node_state
    without id."""
    for status in _statuses(views):
        if status.orphan and status.nodes:
            return f"an active orphan ({status.id}, no longer configured, running on {status.nodes[0]})"
        if len(status.nodes) > 1:
            return f"a resource active on more than one node ({status.id})"
    granted = {ticket.get("id") for ticket in root.iterfind("status/tickets/ticket_state")
               if values.is_true(ticket.get("granted"), False)}
    for ticket in root.iterfind("configuration/constraints/rsc_ticket[@loss-policy='fence']"):
        if ticket.get("ticket") not in granted:
            return f"a revoked ticket whose loss-policy is fence ({ticket.get('ticket')})"
    if root.find("configuration//op[@on-fail='block']") is not None and \
            root.find("configuration//nvpair[@name='failure-timeout']") is not None:
        return "a failure-timeout with on-fail=block"
    if any(not state.get("id") for state in root.iterfind("status/node_state")):
        return "a node_state without id"
    return None


def verdict(root: etree._Element, states: Iterable[tuple[str, str]], verbosity: int,
            views: Iterable[ResourceView] = ()) -> tuple[str, int] | str:
    """crm_verify's stderr and exit code for this CIB at this many -V, given each node's (name, state)
    and every resource (`views`) as the scheduler reads the status; or why it is refused: what the
    checks do not model (`unmodelled_status`, `Findings.unmodelled`), or at -VV a status
    `unmodelled_detail` names.
    Fencing a node, or failing to, is a warning that counts."""
    reason = unmodelled_detail(root) if verbosity >= 2 else None
    if reason is not None:
        return f"the scheduler's log at -VV on a cluster {reason}; crm_verify -V gives the verdict"
    status = unmodelled_status(root, views)
    if status is not None:
        return f"checking a cluster with {status}"
    found = check(root, states)
    if found.unmodelled:
        return f"checking a configuration with {found.unmodelled[0]}"
    return found.report(verbosity)
