"""What `crm_verify` finds in a configuration, with the scheduler's own words (Pacemaker 2.1.5).

crm_verify runs the scheduler on the CIB and reports every configuration error and warning it
logs, in the order it meets them: cluster options (an invalid value falls back to the default;
no-quorum-policy=suicide without fencing becomes stop; stonith-action=poweroff is deprecated),
each resource as unpacked (crm_verify_resources.py), the fencing check, the nodes' states, each
history entry's resource (its target-role read again), the constraints (crm_verify_constraints.py),
then each instance's recurring operations (crm_verify_ops.py). Errors make it say the
configuration is not valid, warnings that it may not be; both exit 78; -V shows the errors, -VV
the warnings and plain log warnings too. What it would say that is not modelled is refused by
name (crm_verify_status.py and `Findings.unmodelled`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from halab_kernel import values
from halab_kernel.commands import crm_verify_constraints as constraints
from halab_kernel.commands import crm_verify_ops as ops
from halab_kernel.commands.crm_verify_resources import Report, Unpacked, own_meta, history_owners, scan_ll, target_role, unpack, unpacked
from halab_kernel.commands.crm_verify_status import (active_instances, blocked, properties, unmodelled_detail,
                                                     unmodelled_status)
from halab_kernel.sim.pacemaker.scheduler.transition import ResourceView

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


def _valid(kind: object, value: str, quiet: Report) -> bool:
    """Whether pe_opts' validator takes this value; what it logs on the way (scan_ll's and
    crm_parse_interval_spec's plain warnings) goes to `quiet`."""
    if isinstance(kind, tuple):
        return value.lower() in kind
    if kind == _BOOLEAN:
        return values.boolean(value) is not None
    if kind == _TIME:
        valid = values.iso8601_seconds(value) is not None if value.strip()[:1] in ("P", "p") else \
            values.msec(value) is not None and not value.strip().startswith("-")
        if not valid:
            quiet("crm_parse_interval_spec", f"Using 0 instead of '{value}'")
        return valid
    if value.lower() in ("infinity", "+infinity", "-infinity"):
        return True
    said: list[str] = []
    scan_ll(value, lambda function, message: said.append(message))
    for message in said:
        quiet("scan_ll", message)
    return not said or not said[0].startswith("Could not parse")


def _cluster_options(options: dict[str, str], found: Findings) -> bool:
    """unpack_config(); returns whether fencing is enabled."""
    for name, value in options.items():
        kind = CLUSTER_OPTIONS.get(name)
        if kind is not None and not _valid(kind, value, found.quiet):
            found.error("cluster_option_value",
                        f"Using default value for cluster option '{name}' because '{value}' is invalid")
    enabled = values.is_true(options.get("stonith-enabled"), True) \
        if values.boolean(options.get("stonith-enabled", "true")) is not None else True
    if (options.get("stonith-action") or "").lower() == "poweroff":
        found.warning("unpack_config", "Support for stonith-action of 'poweroff' is deprecated and will be removed "
                                       "in a future release (use 'off' instead)")
    if (options.get("no-quorum-policy") or "").lower() == "suicide" and not enabled:
        found.error("unpack_config", "Resetting no-quorum-policy to 'stop' because fencing is disabled")
    if not enabled or not values.is_true(options.get("startup-fencing"), True):
        found.warning("unpack_config", "Blind faith: not fencing unseen nodes", counts=False)
    return enabled


def check(root: etree._Element, states: Iterable[tuple[str, str]] = (), held: frozenset[str] = frozenset(),
          active: frozenset[tuple[str, str]] = frozenset()) -> Findings:
    """Everything crm_verify reports for this CIB, in the order it reports it, given each node's
    (name, state) as the scheduler reads it and the resources it finds blocked (`held`: a
    failure on-fail=block, a revoked ticket whose loss-policy is freeze) and where instances run
    (`active`: (resource id without instance number, node))."""
    found = Findings()
    options = properties(root)
    fencing = _cluster_options(options, found)
    if not values.is_true(root.get("have-quorum"), False) and \
            (options.get("no-quorum-policy") or "").lower() != "ignore":   # cluster_status(); no attribute: no quorum
        found.quiet("cluster_status", "Fencing and resource management disabled due to lack of quorum")
    resources = unpacked(root)
    once: set[str] = set()
    for rsc in resources:
        why = unpack(rsc, fencing, (options.get("no-quorum-policy") or "").lower() == "ignore", found.error,
                     found.warning, found.quiet, once)
        if why is not None:
            found.unmodelled.append(why)
    has_stonith = any(rsc.element.get("class") == "stonith" for rsc in resources) or \
        values.is_true(options.get("have-watchdog"), False)   # watchdog self-fencing (SBD) counts
    if fencing and not has_stonith:
        found.error("unpack_resources", "Resource start-up disabled since no STONITH resources have been defined")
        found.error("unpack_resources", "Either configure some or disable STONITH with the stonith-enabled option")
        found.error("unpack_resources", "NOTE: Clusters with shared data need STONITH to ensure data integrity")
    seen = {state.get("uname") for state in root.iterfind("status/node_state")}
    members = {node.get("uname") for node in root.iterfind("configuration/nodes/node")
               if node.get("type", "member") == "member"}
    unclean = [uname for uname, state in states if state.startswith("unclean")]
    if set(unclean) - members:
        found.unmodelled.append(f"an unclean Pacemaker Remote or guest node ({sorted(set(unclean) - members)[0]})")
    for uname in unclean:
        if uname in seen:
            found.warning("determine_online_status", f"{uname} is unclean")
    owners = history_owners(root, resources, fencing, active)
    if isinstance(owners, str):
        found.unmodelled.append(owners)
        return found
    for owner in owners:
        target_role(owner, found.error)
    why = constraints.unmodelled(root)
    if why is not None:
        found.unmodelled.append(why)
    constraints.check(root, resources, found.error, found.warning)
    for bundled in root.iterfind("configuration/resources/bundle"):
        for element in (bundled, *bundled.iterfind("primitive")):
            rsc = Unpacked(element.get("id", ""), element, own_meta(element), True, False)
            said: list[str] = []
            unpack(rsc, fencing, False, *(lambda function, message: said.append(message),) * 3, set())
            if said or element.tag == "primitive" and ops.said(rsc):
                found.unmodelled.append(f"the meta attributes or operations of a bundle ({element.get('id')})")
    maintenance = values.is_true(options.get("maintenance-mode"), False)
    for rsc in resources:
        if rsc.element.tag != "primitive":
            continue
        why = ops.unmodelled(rsc, fencing)
        if why is not None:
            found.unmodelled.append(why)
        elif rsc.promotable and ops.said(rsc) and not ops.role_split(rsc) and \
                any(rsc.element.get("id") == name for name, _ in active):
            found.unmodelled.append(f"the recurring operations of an active promotable clone's instance ({rsc.id})")
        elif rsc.id not in held:   # a blocked resource's recurring operations are not looked at
            ops.recurring(rsc, maintenance, found.error)
    for uname in unclean:   # an unseen node the scheduler fences (its -VV log is refused: unmodelled_detail)
        if uname not in seen and fencing and values.is_true(options.get("startup-fencing"), True):
            found.warning("schedule_fencing", f"Scheduling node {uname} for fencing")
    return found


def _reread_options(root: etree._Element) -> str | None:
    """A numeric cluster option that is not a plain integer: the scheduler reads it again later,
    with scan_ll's warnings (not modelled at -VV)."""
    for name, value in properties(root).items():
        if CLUSTER_OPTIONS.get(name) in (_INTEGER, _SCORE) and not value.strip().lstrip("+-").isdigit():
            return f"with cluster option {name}={value} read again as an integer"
    return None


def verdict(root: etree._Element, states: Iterable[tuple[str, str]], verbosity: int,
            views: Iterable[ResourceView] = ()) -> tuple[str, int] | str:
    """crm_verify's stderr and exit code for this CIB at this many -V, given each node's (name, state)
    and every resource (`views`) as the scheduler reads the status; or why it is refused: what the
    checks do not model (`unmodelled_status`, `Findings.unmodelled`), or at -VV a status
    `unmodelled_detail` names.
    Fencing a node, or failing to, is a warning that counts."""
    reason = unmodelled_detail(root) or _reread_options(root) if verbosity >= 2 else None
    if reason is not None:
        return f"the scheduler's log at -VV on a cluster {reason}; crm_verify -V gives the verdict"
    status = unmodelled_status(root, views)
    if status is not None:
        return f"checking a cluster with {status}"
    views = tuple(views)
    found = check(root, states, blocked(root, views), active_instances(views))
    if found.unmodelled:
        return f"checking a configuration with {found.unmodelled[0]}"
    return found.report(verbosity)
