"""What pcs does with an agent before writing a resource: find it, validate, default ops.

Real pcs reads the metadata of installed agents; the simulator reads
`halab_kernel.sim.agents`. The rules are pcs's: unknown names and missing
required parameters are errors unless `--force`; the default operations are
the agent's actions (all but meta-data, status and validate-all for
resources; only monitor for fence devices), sorted by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.errors import PcsError, Reporter, UNABLE_TO_CONTINUE
from halab_kernel.commands.pcs.installed_agents import installed_full_names, installed_on_a_real_node
from halab_kernel.sim.agents import FENCED_PARAMETERS, AgentMetadata, find_agent, known_agent_names
from halab_kernel.sim.agents.metadata import AgentName
from halab_kernel.sim.agents.units import SIMULATED_UNITS, on_a_real_node

_STANDARDS = ("heartbeat", "lsb", "nagios", "ocf", "service", "stonith", "systemd", "upstart")
_NOT_DEFAULT_OPERATIONS = {"meta-data", "status", "validate-all"}
OPERATION_OPTIONS = (
    "OCF_CHECK_LEVEL", "description", "enabled", "id", "interval", "interval-origin",
    "name", "on-fail", "record-pending", "role", "start-delay", "timeout",
)
_ROLES = ("Promoted", "Started", "Stopped", "Unpromoted", "Master", "Slave")
_ON_FAIL = ("block", "demote", "fence", "ignore", "restart", "restart-container", "standby", "stop")
_BOOLEANS = ("0", "1", "false", "true")


@dataclass(frozen=True)
class ResolvedAgent(AgentName):
    """An agent name as pcs resolved it; metadata is None for a forced unknown agent."""

    name: str
    metadata: AgentMetadata | None


def valid_agent_name(name: str) -> bool:
    """standard:provider:type for ocf, standard:type otherwise (pcs's split_resource_agent_name)."""
    parts = name.split(":")
    if re.match(r"^(systemd|service):[^:@]+@.*$", name):  # systemd:lvm2-pvscan@252:2
        return True
    return ((len(parts) == 3) if parts[0] == "ocf" else (len(parts) == 2)) and all(parts) and parts[0] in _STANDARDS


def invalid_agent_name(name: str) -> str:
    return (f"Invalid resource agent name '{name}'. Use standard:provider:type when standard is 'ocf' or "
            "standard:type otherwise. List of standards and providers can be obtained by using commands "
            "'pcs resource standards' and 'pcs resource providers'.")


class AgentGuessError(Exception):
    """pcs's words for a bare agent type that names no installed agent, or several."""


def guess_agent_name(name: str) -> str:
    """The full name of the one agent whose type is NAME in any case, among every agent of every standard
    a real node lists (pcs's find_one_resource_agent_by_type / find_single_agent): the simulated ones and
    those only a real node runs (`Stateful` is ocf:heartbeat's and ocf:pacemaker's, `fence_dummy` a fence
    agent's)."""
    lowered = name.lower()
    candidates = set(known_agent_names()) | installed_full_names()
    matches = sorted(full for full in candidates if full.split(":")[-1].lower() == lowered)
    if len(matches) > 1:
        raise AgentGuessError(f"Multiple agents match '{name}', please specify full name: "
                              + " or ".join(f"'{m}'" for m in matches))
    if not matches:
        raise AgentGuessError(f"Unable to find agent '{name}', try specifying its full name")
    return matches[0]


def resolve_resource_agent(name: str, reporter: Reporter) -> ResolvedAgent:
    """`ocf:heartbeat:IPaddr2`, `systemd:nginx`, or a bare type such as `IPaddr2` (pcs says what it assumed)."""
    name_typed = name
    if ":" not in name:
        try:
            name = guess_agent_name(name)
        except AgentGuessError as error:
            reporter.error(str(error))
            raise PcsError(UNABLE_TO_CONTINUE) from None
        reporter.err(f"Assumed agent name '{name}' (deduced from '{name_typed}')")
    if not valid_agent_name(name):
        reporter.error(invalid_agent_name(name))
        raise PcsError(UNABLE_TO_CONTINUE)
    if name.startswith("stonith:"):
        reporter.deprecation("Ability of this command to accept fence agent is deprecated and will be removed in a "
                             "future release. Use 'pcs stonith create' command instead.")
    return _with_metadata(name, reporter)


def resolve_stonith_agent(name: str, reporter: Reporter) -> ResolvedAgent:
    if ":" in name:
        reporter.error(f"Invalid stonith agent name '{name}'. Agent name cannot contain the ':' "
                       "character, do not use the 'stonith:' prefix. List of agents can be obtained by using "
                       "command 'pcs stonith list'.")
        raise PcsError(UNABLE_TO_CONTINUE)
    return _with_metadata(f"stonith:{name}", reporter)


def _with_metadata(full_name: str, reporter: Reporter) -> ResolvedAgent:
    metadata = find_agent(full_name)
    if metadata is None and full_name.startswith("systemd:") and on_a_real_node(full_name):
        raise PcsError(f"Error: not simulated: the systemd unit '{full_name[len('systemd:'):]}', which a simulated node "
                       f"does not have (it runs {', '.join(sorted(SIMULATED_UNITS))}); a real node takes any unit "
                       "name and fails to start a unit it lacks; try it on real nodes: halab rig up")
    if metadata is None and (installed_on_a_real_node(full_name) or on_a_real_node(full_name)):
        raise PcsError(f"Error: Agent '{full_name}' is installed on a real node but the simulator does not run it "
                       "(not simulated); try it on real nodes: halab rig up")
    if metadata is None:
        reporter.error(messages.agent_not_installed(full_name), forceable=True)
        reporter.stop_if_errors()
    return ResolvedAgent(full_name, metadata)


def allowed_parameters(agent: ResolvedAgent) -> list[str]:
    meta = agent.metadata
    if meta is None:
        return []
    names = [p.name for p in meta.parameters]
    if meta.is_stonith:
        names = [n for n in names if n not in ("help", "version")] + list(FENCED_PARAMETERS)
    elif agent.standard == "ocf":
        names += [n for n in ("trace_ra", "trace_file") if n not in names]
    return sorted(set(names))


def validate_instance_attributes(agent: ResolvedAgent, attributes: dict[str, str],
                                 reporter: Reporter, cib: etree._Element | None = None,
                                 own_id: str | None = None, update: bool = False) -> None:
    """pcs's checks of instance attributes against metadata (forceable errors)."""
    meta = agent.metadata
    if meta is None:
        return
    option_type = "stonith" if meta.is_stonith else "resource"
    if not update:
        for name in attributes:
            if attributes[name] == "":
                reporter.error(f"{name} cannot be empty")
    allowed = allowed_parameters(agent)
    unknown = [name for name in attributes if name not in allowed]
    if unknown:
        reporter.error(messages.invalid_options(unknown, allowed, option_type), forceable=True)
    _validate_required(agent, attributes, reporter, option_type, update)
    for param in meta.parameters:  # a deprecated parameter is accepted with a warning (removing it: silently)
        given = attributes.get(param.name) not in (None, "") if update else param.name in attributes
        if param.deprecated and given and not (meta.is_stonith and param.name == "action"):
            replaced_by = sorted(p.name for p in meta.parameters if p.obsoletes == param.name)
            reporter.warning(messages.deprecated_option(param.name, replaced_by, option_type))
    if meta.is_stonith and attributes.get("action"):
        reporter.error(messages.deprecated_option("action", ["pcmk_off_action", "pcmk_reboot_action"],
                                                  option_type), forceable=True)
    if cib is not None:
        _validate_unique(agent, attributes, reporter, cib, own_id)


def _validate_required(agent: ResolvedAgent, attributes: dict[str, str], reporter: Reporter,
                       option_type: str, update: bool) -> None:
    meta = agent.metadata
    assert meta is not None
    replaced_by = {p.obsoletes: p.name for p in meta.parameters if p.obsoletes}
    missing_plain: list[str] = []
    reported: set[frozenset[str]] = set()
    for param in meta.parameters:
        if not param.required or param.deprecated and param.name in replaced_by.values():
            continue
        if meta.is_stonith and param.name in ("action", "port", "plug"):
            continue
        group = [param.name]
        if param.name in replaced_by:
            group.append(replaced_by[param.name])
        elif param.obsoletes:
            group.append(param.obsoletes)
        if update and not any(attributes.get(name) == "" for name in group):
            continue  # an update only has to keep what it touches
        if any(attributes.get(name) if update else name in attributes for name in group):
            continue  # at create an empty value is present (and "cannot be empty" said so)
        if len(group) == 1:
            missing_plain.append(param.name)
        else:
            if frozenset(group) in reported:
                continue
            reported.add(frozenset(group))
            deprecated = [p.name for p in meta.parameters if p.name in group and (p.deprecated or p.name in replaced_by)]
            reporter.error(messages.required_alternatives(group, deprecated, option_type), forceable=True)
    if missing_plain:
        reporter.error(messages.required_missing(missing_plain, option_type), forceable=True)


def _validate_unique(agent: ResolvedAgent, attributes: dict[str, str], reporter: Reporter,
                     cib: etree._Element, own_id: str | None) -> None:
    meta = agent.metadata
    assert meta is not None
    for param in meta.parameters:
        value = attributes.get(param.name)
        if not param.unique or not value:
            continue
        same = []
        for primitive in cib.iterfind("configuration/resources//primitive"):
            if primitive.get("id") == own_id or cibtools.agent_name(primitive) != agent.name:
                continue
            for pair in primitive.iterfind("instance_attributes/nvpair"):
                if pair.get("name") == param.name and pair.get("value") == value:
                    same.append(primitive.get("id"))
        if same:
            reporter.error(messages.not_unique(value, param.name, agent.name, same), forceable=True)


def default_operations(agent: ResolvedAgent, no_default_ops: bool) -> list[dict[str, str]]:
    """Operations pcs adds from metadata; monitor is always there."""
    meta = agent.metadata
    actions = list(meta.actions) if meta else []
    if meta is not None and meta.is_stonith:
        chosen = [a for a in actions if a.name == "monitor"]
    elif no_default_ops:
        chosen = [a for a in actions if a.name == "monitor"]
    else:
        chosen = [a for a in actions if a.name not in _NOT_DEFAULT_OPERATIONS]
    operations = []
    for action in chosen:
        op = {"name": action.name,
              "interval": action.interval or ("60s" if action.name == "monitor" else "0s")}
        if action.timeout:
            op["timeout"] = action.timeout
        if action.role:
            op["role"] = {"Master": "Promoted", "Slave": "Unpromoted"}.get(action.role, action.role)
        if action.start_delay:
            op["start-delay"] = action.start_delay
        if action.depth not in (None, "0"):
            op["OCF_CHECK_LEVEL"] = action.depth
        operations.append(op)
    if not any(op["name"] == "monitor" for op in operations):
        operations.append({"name": "monitor", "interval": "60s"})
    return operations


def validate_operations(agent: ResolvedAgent, operations: list[dict[str, str]],
                        reporter: Reporter) -> None:
    """pcs's checks of user-given `op` definitions."""
    meta = agent.metadata
    allowed_names = sorted(a.name for a in meta.actions) if meta else []  # pcs lists a repeated action twice
    if agent.name.startswith("stonith:"):  # pcs's fence agent facade adds the fencer's own start and stop
        allowed_names = sorted({*allowed_names, "start", "stop"} - set(allowed_names)) + allowed_names
        allowed_names.sort()
    for op in operations:
        unknown = [key for key in op if key not in OPERATION_OPTIONS]
        if unknown:
            reporter.error(messages.invalid_options(unknown, OPERATION_OPTIONS, "resource operation"))
        if meta is not None and op.get("name") not in allowed_names:
            reporter.error(messages.invalid_value(op["name"], "operation name", allowed_names),
                           forceable=True)
        if "role" in op and op["role"].capitalize() not in _ROLES:
            reporter.error(messages.invalid_value(op["role"], "role", _ROLES))
        legacy = {"Master": "Promoted", "Slave": "Unpromoted"}.get(op.get("role", "").capitalize())
        if legacy:
            reporter.deprecation(f"Value '{op['role']}' of option role is deprecated and should not "
                                 f"be used, use '{legacy}' value instead")
        if "on-fail" in op and op["on-fail"].lower() not in _ON_FAIL:
            reporter.error(messages.invalid_value(op["on-fail"], "on-fail", _ON_FAIL))
        for key in ("record-pending", "enabled"):
            if key in op and op[key].lower() not in _BOOLEANS:
                reporter.error(messages.invalid_value(op[key], key, _BOOLEANS))
        if "interval-origin" in op and "start-delay" in op:
            reporter.error("Only one of resource operation options 'interval-origin' and 'start-delay' can be used")
