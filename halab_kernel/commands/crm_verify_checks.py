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
ROLES = ("Stopped", "Started", "Unpromoted", "Promoted", "Slave", "Master")
REQUIRES = ("nothing", "quorum", "fencing", "unfencing")
MULTIPLE_ACTIVE = ("block", "stop_only", "stop_start", "stop_unexpected")


@dataclass
class Findings:
    """What the scheduler logged while unpacking, in order: (level, function, message, counts).
    Configuration errors and warnings count toward crm_verify's verdict; a plain log warning
    (`Blind faith: not fencing unseen nodes`) is only shown at -VV."""

    logged: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def error(self, function: str, message: str) -> None:
        self.logged.append(("error", function, message, True))

    def warning(self, function: str, message: str, counts: bool = True) -> None:
        self.logged.append(("warning", function, message, counts))

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
    return {nv.get("name", ""): nv.get("value", "")
            for nv in root.iterfind("configuration/crm_config/cluster_property_set/nvpair")}


def _meta(element: etree._Element, name: str) -> str | None:
    for nvpair in element.iterfind("meta_attributes/nvpair"):
        if nvpair.get("name") == name:
            return nvpair.get("value")
    return None


def _cluster_options(root: etree._Element, found: Findings) -> bool:
    """unpack_config(); returns whether fencing is enabled."""
    properties = _properties(root)
    for name, value in properties.items():
        kind = CLUSTER_OPTIONS.get(name)
        if kind is not None and not _valid(kind, value):
            found.error("cluster_option_value",
                        f"Using default value for cluster option '{name}' because '{value}' is invalid")
    enabled = values.is_true(properties.get("stonith-enabled"), True) \
        if _valid(_BOOLEAN, properties.get("stonith-enabled", "true")) else True
    if (properties.get("no-quorum-policy") or "").lower() == "suicide" and not enabled:
        found.error("unpack_config", "Resetting no-quorum-policy to 'stop' because fencing is disabled")
    if not enabled or not values.is_true(properties.get("startup-fencing"), True):
        found.warning("unpack_config", "Blind faith: not fencing unseen nodes", counts=False)
    return enabled


@dataclass(frozen=True)
class _Unpacked:
    """A resource as the scheduler unpacks it: clones expanded into numbered instances, meta
    attributes inherited from groups and clones."""

    id: str
    element: etree._Element
    meta: dict[str, str]
    in_clone: bool


def _unpacked(element: etree._Element, inherited: dict[str, str], suffix: str, in_clone: bool,
              node_count: int) -> list[_Unpacked]:
    own = {nv.get("name", ""): nv.get("value", "") for nv in element.iterfind("meta_attributes/nvpair")}
    meta = {**inherited, **own}
    found = [_Unpacked(element.get("id", "") + suffix, element, meta, in_clone)]
    children = [child for child in element if child.tag in ("primitive", "group", "clone", "master")]
    if element.tag in ("clone", "master"):
        count = values.char2score(meta.get("clone-max")) if meta.get("clone-max") else node_count
        for number in range(max(0, count)):
            for child in children:
                found += _unpacked(child, meta, f":{number}", True, node_count)
    else:
        for child in children:
            found += _unpacked(child, meta, suffix, in_clone, node_count)
    return found


def _invalid_role(role: str | None) -> bool:
    return role is not None and role.lower() != "default" and role.lower() not in (r.lower() for r in ROLES)


def _resources(root: etree._Element, fencing: bool, found: Findings) -> None:
    """pe__unpack_resource() of every resource, then the later reads of target-role the scheduler
    makes of primitives (three more for each, one for a clone instance)."""
    nodes = len(root.findall("configuration/nodes/node"))
    resources = root.find("configuration/resources")
    unpacked: list[_Unpacked] = []
    for element in resources if resources is not None else ():
        if element.tag in ("primitive", "group", "clone", "master"):
            unpacked += _unpacked(element, {}, "", False, nodes)
    for rsc in unpacked:
        requires, role = rsc.meta.get("requires"), rsc.meta.get("target-role")
        if rsc.element.tag == "primitive" and requires is not None and requires.lower() not in REQUIRES:
            fallback = "quorum" if rsc.element.get("class") == "stonith" or not fencing else "fencing"
            found.error("unpack_requires", f"Resetting 'requires' for {rsc.id} to '{fallback}' because '{requires}' "
                                           "is not valid")
        if _invalid_role(role):
            _refuse_role(found, rsc.id, role or "")
        multiple = _meta(rsc.element, "multiple-active")   # its own (a clone's instances: not modelled)
        if multiple is not None and multiple.lower() not in MULTIPLE_ACTIVE and not rsc.in_clone:
            found.warning("pe__unpack_resource", f'{multiple} is not a valid value for multiple-active, using default '
                                                 'of "stop_start"')
        if rsc.element.tag in ("clone", "master"):
            unique = values.is_true(rsc.meta.get("globally-unique"), False)
            node_max = rsc.meta.get("clone-node-max")
            if not unique and node_max is not None and values.char2score(node_max) > 1:
                found.error("clone_unpack", f"Ignoring promoted-max for {rsc.id} because anonymous clones support only "
                                            "one instance per node")
    primitives = [rsc for rsc in unpacked if rsc.element.tag == "primitive" and _invalid_role(rsc.meta.get("target-role"))]
    for later in (primitives, [p for p in primitives if not p.in_clone], [p for p in primitives if not p.in_clone]):
        for rsc in later:
            _refuse_role(found, rsc.id, rsc.meta.get("target-role", ""))


def _refuse_role(found: Findings, rsc_id: str, role: str) -> None:
    found.error("text2role", f"Unknown role: {role}")
    found.error("get_target_role", f"Ignoring 'target-role' for {rsc_id} because '{role}' is not valid")


def check(root: etree._Element) -> Findings:
    """Everything crm_verify reports for this CIB, in the order it reports it."""
    found = Findings()
    fencing = _cluster_options(root, found)
    _resources(root, fencing, found)
    has_stonith = root.find(".//configuration/resources//primitive[@class='stonith']") is not None
    if fencing and not has_stonith:
        found.error("unpack_resources", "Resource start-up disabled since no STONITH resources have been defined")
        found.error("unpack_resources", "Either configure some or disable STONITH with the stonith-enabled option")
        found.error("unpack_resources", "NOTE: Clusters with shared data need STONITH to ensure data integrity")
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


def verdict(root: etree._Element, states: Iterable[tuple[str, str]], verbosity: int) -> tuple[str, int] | str:
    """crm_verify's stderr and exit code for this CIB at this many -V, given each node's (name, state)
    as the scheduler reads the status; or, at -VV on a status `unmodelled_detail` names, why it is
    refused. Fencing a node, or failing to, is a warning that counts."""
    reason = unmodelled_detail(root) if verbosity >= 2 else None
    if reason is not None:
        return reason
    found = check(root)
    for uname, state in states:
        if state.startswith("unclean"):
            found.warning("determine_online_status", f"{uname} is unclean")
    return found.report(verbosity)
