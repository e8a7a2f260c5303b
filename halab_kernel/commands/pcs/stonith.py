"""`pcs stonith create|delete|update|config|level`: fence devices are primitives of class stonith."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages, resource
from halab_kernel.commands.pcs.agents import resolve_stonith_agent, validate_instance_attributes, validate_operations
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
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
    index, target, devices = argv[0], argv[1], argv[2:]
    reporter = lib.reporter
    if any("," in device for device in devices):
        reporter.deprecation("Delimiting stonith devices with ',' is deprecated and will be removed. "
                             "Please use a space to delimit stonith devices.")
        devices = [part for device in devices for part in device.split(",") if part]
    if not index.isdigit() or not 1 <= int(index) <= 9:
        reporter.error(f"'{index}' is not a valid level value, use a positive integer")
    if target not in cibtools.node_names(lib.cib):
        reporter.error(f"Node '{target}' does not appear to exist in configuration", forceable=True)
    bad_ids = [d for d in devices if cibtools.id_problem(d, "device id")]
    for device in bad_ids:
        reporter.error(cibtools.id_problem(device, "device id"))
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
