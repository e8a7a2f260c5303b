"""`pcs stonith create|delete|update|config|level`: fence devices are primitives of class stonith."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages, resource
from halab_kernel.commands.pcs.agents import resolve_stonith_agent, validate_instance_attributes, validate_operations
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.operations import interval_duplicates
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.primitive import build_primitive, check_new_id
from halab_kernel.commands.pcs.render import resource_lines


def create(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force", "--disabled", "--no-default-ops", "--group", "--before",
                          "--after", "--wait", "--agent-validation", "--debug")
    if len(argv) < 2:
        raise UsageError()
    stonith_id, agent_name = argv[0], argv[1]
    parts = resource.parse_create_args(argv[2:], keywords=("op", "meta"))
    cib, reporter = lib.cib, lib.reporter
    agent = resolve_stonith_agent(agent_name, reporter)
    check_new_id(cib, stonith_id, "stonith name")
    validate_instance_attributes(agent, parts["options"], reporter, cib)
    validate_operations(agent, parts["op"], reporter)
    duplicated = interval_duplicates(parts["op"])
    if duplicated:
        reporter.error(duplicated)
    reporter.stop_if_errors()
    meta = dict(parts["meta"])
    if modifiers.has("--disabled"):
        meta["target-role"] = "Stopped"
    primitive = build_primitive(cib, stonith_id, agent, parts["options"], meta, parts["op"],
                                no_default_ops=True)
    cibtools.section(cib, "resources").append(primitive)
    lib.mark_changed()


def config(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--full", "--output-format")
    ids = argv or None
    if ids:
        missing = [i for i in ids if cibtools.find_resource(lib.cib, i) is None]
        if missing:
            for i in missing:
                lib.reporter.warning(f"Unable to find stonith device '{i}'")
            raise PcsError("Error: No stonith device found")
    for line in resource_lines.resources_lines(lib.cib, stonith=True, only=ids):
        lib.reporter.out(line)
    levels = level_lines(lib.cib)
    if levels:
        lib.reporter.out("")
        lib.reporter.out("Fencing Levels:")
        for line in levels:
            lib.reporter.out(" " + line)


def level_lines(cib: etree._Element) -> list[str]:
    lines: list[str] = []
    targets: dict[str, list[etree._Element]] = {}
    for level in cib.iterfind("configuration/fencing-topology/fencing-level"):
        targets.setdefault(level.get("target", ""), []).append(level)
    for target in sorted(targets):
        lines.append(f"Target: {target}")
        for level in sorted(targets[target], key=lambda l: int(l.get("index", "0"))):
            lines.append(f"  Level {level.get('index')} - {level.get('devices', '')}")
    return lines


def level_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    if len(argv) < 3:
        raise UsageError()
    index, target, devices = argv[0], _node_target(argv[1]), argv[2:]  # pcs parses the target first
    reporter = lib.reporter
    if any("," in device for device in devices):
        reporter.deprecation("Delimiting stonith devices with ',' is deprecated and will be removed. "
                             "Please use a space to delimit stonith devices.")
        devices = [part for device in devices for part in device.split(",") if part]
    if not index.isdigit() or not 1 <= int(index) <= 9:
        reporter.error(f"'{index}' is not a valid level value, use a positive integer")
    if target not in cibtools.node_names(lib.cib):
        reporter.error(f"Node '{target}' does not appear to exist in configuration", forceable=True)
    problems = {d: cibtools.id_problems_each(d, "device id") for d in devices}
    bad_ids = [d for d, found in problems.items() if found]
    for device in bad_ids:
        for problem in problems[device]:
            reporter.error(problem)
    devices = [d for d in devices if d not in bad_ids]
    stonith_ids = {p.get("id") for p in lib.cib.iterfind("configuration/resources//primitive")
                   if p.get("class") == "stonith"}
    missing = [d for d in devices if d not in stonith_ids]
    if missing:
        reporter.error(f"Stonith resource(s) {messages.quoted_list(missing)} do not exist", forceable=True)
    topology = cibtools.section(lib.cib, "fencing-topology")
    joined = ",".join(devices)
    for level in topology.iterfind("fencing-level"):
        if level.get("target") == target and level.get("index") == index and level.get("devices") == joined:
            reporter.error(f"Fencing level for '{target}' at level '{index}' with device(s) "
                           f"'{joined}' already exists")
    reporter.stop_if_errors()
    level_id = cibtools.unique_id(lib.cib, cibtools.sanitize_id(f"fl-{target}-{index}"))
    etree.SubElement(topology, "fencing-level", id=level_id, target=target, index=index, devices=joined)
    lib.mark_changed()


def level_config(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    for line in level_lines(lib.cib):
        lib.reporter.out(line)


def level_clear(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    by_devices = bool(argv) and argv[0] == "stonith"
    if argv and argv[0] not in ("target", "stonith"):
        if len(argv) > 1:
            raise UsageError()
        lib.reporter.deprecation(
            "Syntax 'pcs stonith level clear [<target> | <stonith id(s)>] is deprecated and will be "
            "removed. Please use 'pcs stonith level clear [target <target>] | [stonith <stonith id>...]'.")
        if argv[0] not in cibtools.node_names(lib.cib):  # then it names stonith devices
            for device in argv[0].split(","):
                for problem in cibtools.id_problems_each(device, "stonith id"):
                    lib.reporter.error(problem)
            lib.reporter.stop_if_errors()
    elif argv:
        argv = argv[1:]
    topology = cibtools.section(lib.cib, "fencing-topology")  # pcs creates it even to clear it
    if topology is not None:
        for level in list(topology):
            devices = level.get("devices", "").split(",")
            if not argv or (level.get("target") in argv and not by_devices) \
                    or (by_devices and devices == argv) or (not by_devices and devices == argv):
                topology.remove(level)
    lib.mark_changed()


_LEVEL_REMOVE_OLD_SYNTAX = (
    "Syntax 'pcs stonith level delete | remove <level> [<target>] [<stonith id>...]' is deprecated and "
    "will be removed. Please use 'pcs stonith level delete | remove <level> [target <target>] "
    "[stonith <stonith id>...]'.")
_COMMA_DEVICES = ("Delimiting stonith devices with ',' is deprecated and will be removed. Please use a "
                  "space to delimit stonith devices.")


def _node_target(arg: str) -> str:
    """`node1`, `%node1`, `node%node1`; the other target types are not simulated."""
    if "%" not in arg:
        return arg
    kind, value = arg.split("%", 1)
    if kind in ("", "node"):
        return value
    if kind in ("regexp", "attrib"):
        raise PcsError(f"Error: fencing levels with a {kind} target are not simulated; "
                       "try them on real nodes (halab rig up)")
    raise UsageError(f"'{kind}' is not an allowed type for '{arg}', use attrib, node, regexp")


def _target_and_stonith(argv: list[str]) -> tuple[str | None, list[str] | None]:
    groups: dict[str, list[str]] = {}
    for arg in argv:
        if arg in ("target", "stonith"):
            groups.setdefault(arg, [])
            current = arg
        else:
            groups[current].append(arg)
    if "target" in groups and len(groups["target"]) > 1:
        raise UsageError("At most one target can be specified")
    missing = [key for key in ("target", "stonith") if key in groups and not groups[key]]
    if missing:
        raise UsageError("Missing value after " + " and ".join(f"'{key}'" for key in missing))
    target = _node_target(groups["target"][0]) if "target" in groups else None
    return target, groups.get("stonith")


def _levels_matching(lib: PcsLib, index: str | None, target: str | None,
                     devices: list[str] | None) -> list[etree._Element]:
    return [level for level in lib.cib.iterfind("configuration/fencing-topology/fencing-level")
            if (not index or level.get("index") == index)
            and (not target or level.get("target") == target)
            and (not devices or level.get("devices") == ",".join(devices))]


def _level_missing(index: str | None, target: str | None, devices: list[str] | None) -> str:
    parts = (f"for '{target}' " if target else "") + (f"at level '{index}' " if index else "")
    parts += f"with device(s) {messages.quoted_list(devices)} " if devices else ""
    return f"Fencing level {parts}does not exist"


def level_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    index, reporter = argv[0], lib.reporter
    devices: list[str] | None = None
    if len(argv) > 1 and argv[1] in ("target", "stonith"):
        target, devices = _target_and_stonith(argv[1:])
        for device in devices or []:
            for problem in cibtools.id_problems_each(device, "stonith id")[:1]:
                reporter.error(problem)
        found = _levels_matching(lib, index, target, devices)
        if not found:
            reporter.error(_level_missing(index, target, devices))
        reporter.stop_if_errors()
    else:  # pcs 0.11's old syntax: the second word is a node, or else the first device
        target = None
        if len(argv) > 1:
            reporter.deprecation(_LEVEL_REMOVE_OLD_SYNTAX)
            if "%" not in argv[1] and "," in argv[1]:
                reporter.deprecation(_COMMA_DEVICES)
            target = _node_target(argv[1])
        if len(argv) > 2:
            if any("," in arg for arg in argv[2:]):
                reporter.deprecation(_COMMA_DEVICES)
            devices = ",".join(argv[2:]).split(",")
        found = _levels_matching(lib, index, target, devices)
        if not found and target is not None:
            as_devices = [target, *(devices or [])]
            found = _levels_matching(lib, index, None, as_devices)
            if not found:
                reporter.error(_level_missing(index, target, devices))
                reporter.error(_level_missing(index, None, sorted(as_devices)))
        elif not found:
            reporter.error(_level_missing(index, None, sorted(devices) if devices else None))
        reporter.stop_if_errors()
    for level in found:
        cibtools.remove_element(level)
    cibtools.section(lib.cib, "fencing-topology")  # pcs keeps (and creates) the section
    lib.mark_changed()


def level_verify(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if argv:
        raise UsageError()
    levels = list(lib.cib.iterfind("configuration/fencing-topology/fencing-level"))
    devices = sorted({d for level in levels for d in level.get("devices", "").split(",")})
    targets = sorted({level.get("target", "") for level in levels if "target" in level.attrib})
    stonith_ids = {p.get("id") for p in lib.cib.iterfind("configuration/resources//primitive")
                   if p.get("class") == "stonith"}
    for device in devices:
        problem = cibtools.id_problem(device, "device id")
        if problem:
            lib.reporter.error(problem)
    missing = [d for d in devices if not cibtools.id_problem(d, "device id") and d not in stonith_ids]
    if missing:
        lib.reporter.error(f"Stonith resource(s) {messages.quoted_list(missing)} do not exist")
    for target in targets:
        if target not in cibtools.node_names(lib.cib):
            lib.reporter.error(f"Node '{target}' does not appear to exist in configuration")
    lib.reporter.stop_if_errors()
