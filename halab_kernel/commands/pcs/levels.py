"""`pcs stonith level add|remove|clear|config|verify`: fencing levels and their three kinds of target.

A level targets a node (`node1`, `node%node1`), the nodes whose name matches
a regular expression (`regexp%node[1-3]`: a `target-pattern`), or the nodes
with a node attribute of a value (`attrib%rack=r1`: `target-attribute` and
`target-value`). The checks, their order and the messages are pcs 0.11.5's
(pcs/stonith.py and pcs/lib/cib/fencing_topology.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import UsageError
from halab_kernel.commands.pcs.manage import warn_stonith_mismatch
from halab_kernel.commands.pcs.options import Modifiers

_COMMA_DEVICES = ("Delimiting stonith devices with ',' is deprecated and will be removed. Please use a "
                  "space to delimit stonith devices.")
_REMOVE_OLD_SYNTAX = (
    "Syntax 'pcs stonith level delete | remove <level> [<target>] [<stonith id>...]' is deprecated and "
    "will be removed. Please use 'pcs stonith level delete | remove <level> [target <target>] "
    "[stonith <stonith id>...]'.")
_CLEAR_OLD_SYNTAX = (
    "Syntax 'pcs stonith level clear [<target> | <stonith id(s)>] is deprecated and will be removed. "
    "Please use 'pcs stonith level clear [target <target>] | [stonith <stonith id>...]'.")


@dataclass(frozen=True)
class Target:
    """What a fencing level fences: kind is "node", "regexp" or "attrib"; attrib's value is name=value."""

    kind: str
    value: str
    attribute_value: str = ""

    @property
    def shown(self) -> str:
        return f"{self.value}={self.attribute_value}" if self.kind == "attrib" else self.value

    def matches(self, level: etree._Element) -> bool:
        if self.kind == "node":
            return level.get("target") == self.value
        if self.kind == "regexp":
            return level.get("target-pattern") == self.value
        return level.get("target-attribute") == self.value and level.get("target-value") == self.attribute_value

    def write(self, level: etree._Element) -> str:
        """Set the target's attributes on a new level; the part of the level's id it gives."""
        if self.kind == "node":
            level.set("target", self.value)
        elif self.kind == "regexp":
            level.set("target-pattern", self.value)
        else:
            level.set("target-attribute", self.value)
            level.set("target-value", self.attribute_value)
        return self.value


def parse_target(arg: str) -> Target:
    """`node1`, `%node1`, `node%node1`, `regexp%PATTERN`, `attrib%NAME=VALUE` (pcs's typed argument)."""
    kind, value = ("node", arg)
    if "%" in arg:
        kind, value = arg.split("%", 1)
        kind = kind or "node"
        if kind not in ("attrib", "node", "regexp"):
            raise UsageError(f"'{kind}' is not an allowed type for '{arg}', use attrib, node, regexp")
    if kind != "attrib":
        return Target(kind, value)
    if "=" not in value:
        raise UsageError(f"missing value of '{value}' option")
    if value.startswith("="):
        raise UsageError(f"missing key in '{value}' option")
    name, attribute_value = value.split("=", 1)
    return Target(kind, name, attribute_value)


def _levels(cib: etree._Element) -> list[etree._Element]:
    return list(cib.iterfind("configuration/fencing-topology/fencing-level"))


def _level_target(level: etree._Element) -> Target | None:
    if "target" in level.attrib:
        return Target("node", level.get("target", ""))
    if "target-pattern" in level.attrib:
        return Target("regexp", level.get("target-pattern", ""))
    if "target-attribute" in level.attrib:
        return Target("attrib", level.get("target-attribute", ""), level.get("target-value", ""))
    return None


def level_lines(cib: etree._Element) -> list[str]:
    """`pcs stonith level config`: node targets, then patterns, then attributes, each sorted."""
    grouped: dict[tuple[str, str, str], list[etree._Element]] = {}
    for level in _levels(cib):
        target = _level_target(level)
        if target is not None and target.value:
            grouped.setdefault((target.kind, target.value, target.attribute_value), []).append(level)
    lines = []
    for kind in ("node", "regexp", "attrib"):
        for key in sorted(k for k in grouped if k[0] == kind):
            target = Target(*key)
            lines.append(f"Target{' (regexp)' if kind == 'regexp' else ''}: {target.shown}")
            for level in sorted(grouped[key], key=lambda lv: lv.get("index", "")):
                lines.append(f"  Level {level.get('index')} - {level.get('devices', '')}")
    return lines


def _normalized_devices(lib: PcsLib, argv: list[str]) -> list[str]:
    if any("," in arg for arg in argv):
        lib.reporter.deprecation(_COMMA_DEVICES)
    return ",".join(argv).split(",")


def _stonith_ids(cib: etree._Element) -> set[str]:
    # pcs's is_stonith_resource: a top-level primitive only (a device moved into a group is "missing")
    return {p.get("id", "") for p in cib.iterfind("configuration/resources/primitive") if cibtools.is_stonith(p)}


def _check_devices(lib: PcsLib, devices: list[str], forceable: bool) -> None:
    if not devices:
        lib.reporter.error("Required option 'stonith devices' is missing")
    missing = []
    for device in devices:
        problems = cibtools.id_problems_each(device, "device id")
        for problem in problems:
            lib.reporter.error(problem)
        if not problems and device not in _stonith_ids(lib.cib):
            missing.append(device)
    if missing:
        lib.reporter.error(f"Stonith resource(s) {messages.quoted_list(missing)} do not exist",
                           forceable=forceable)


def _matching(cib: etree._Element, index: str | None, target: Target | None,
              devices: list[str] | None) -> list[etree._Element]:
    return [level for level in _levels(cib)
            if (not index or level.get("index") == index)
            and (target is None or not target.value or target.matches(level))
            and (not devices or level.get("devices") == ",".join(devices))]


def _missing(index: str | None, target: Target | None, devices: list[str] | None) -> str:
    parts = f"for '{target.shown}' " if target is not None and target.value else ""
    parts += f"at level '{index}' " if index else ""
    parts += f"with device(s) {messages.quoted_list(devices)} " if devices else ""
    return f"Fencing level {parts}does not exist"


def level_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    if len(argv) < 3:
        raise UsageError()
    index, target = argv[0], parse_target(argv[1])
    devices = _normalized_devices(lib, argv[2:])
    warn_stonith_mismatch(lib, devices, stonith_command=True, use_instead=None)
    reporter = lib.reporter
    try:
        valid_index = int(index) > 0
    except ValueError:
        valid_index = False
    if not valid_index:
        reporter.error(f"'{index}' is not a valid level value, use a positive integer")
    if target.kind == "node" and target.value not in cibtools.node_names(lib.cib):
        reporter.error(f"Node '{target.value}' does not appear to exist in configuration", forceable=True)
    _check_devices(lib, devices, forceable=True)
    reporter.stop_if_errors()
    if _matching(lib.cib, index, target, devices):
        reporter.error(f"Fencing level for '{target.shown}' at level '{index}' with device(s) "
                       f"{messages.quoted_list(devices)} already exists")
    reporter.stop_if_errors()
    topology = cibtools.section(lib.cib, "fencing-topology")
    level = etree.SubElement(topology, "fencing-level", index=str(int(index)), devices=",".join(devices))
    id_part = target.write(level)
    level.set("id", cibtools.unique_id(lib.cib, cibtools.sanitize_id(f"fl-{id_part}-{int(index)}")))
    lib.mark_changed()


def level_config(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if argv:
        raise UsageError()
    for line in level_lines(lib.cib):
        lib.reporter.out(line)


def _remove(lib: PcsLib, index: str | None, target: Target | None, devices: list[str] | None,
            check_device_ids: bool = True, ignore_missing: bool = False) -> list[str]:
    """pcs's remove_levels_by_params: the errors it found, or remove the matching levels."""
    errors = []
    if check_device_ids and devices is not None:
        errors += [problem for device in devices for problem in cibtools.id_problems_each(device, "stonith id")]
    found = _matching(lib.cib, index, target, devices)
    if not found and not ignore_missing:
        errors.append(_missing(index, target, sorted(devices) if devices else None))
    if not errors:
        cibtools.section(lib.cib, "fencing-topology")  # pcs keeps (and creates) the section
        for level in found:
            cibtools.remove_element(level)
    return errors


def _target_and_stonith(argv: list[str]) -> tuple[Target | None, list[str] | None]:
    if argv and argv[0] not in ("target", "stonith"):
        raise UsageError()
    groups: dict[str, list[str]] = {}
    current = ""
    for arg in argv:
        if arg in ("target", "stonith"):
            groups.setdefault(arg, [])
            current = arg
        else:
            groups[current].append(arg)
    if len(groups.get("target", [])) > 1:
        raise UsageError("At most one target can be specified")
    target = parse_target(groups["target"][0]) if groups.get("target") else None
    missing = [key for key in ("target", "stonith") if key in groups and not groups[key]]
    if missing:
        raise UsageError("Missing value after " + " and ".join(f"'{key}'" for key in missing))
    return target, groups.get("stonith")


def _fail_on(lib: PcsLib, errors: list[str]) -> None:
    for error in errors:
        lib.reporter.error(error)
    lib.reporter.stop_if_errors()


def level_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    index = argv[0]
    if len(argv) > 1 and argv[1] in ("target", "stonith"):
        target, devices = _target_and_stonith(argv[1:])
        _fail_on(lib, _remove(lib, index, target, devices))
        lib.mark_changed()
        return
    # pcs 0.11's old syntax: the second word is a target, or else the first device
    target, devices = None, None
    if len(argv) > 1:
        lib.reporter.deprecation(_REMOVE_OLD_SYNTAX)
        if "%" not in argv[1] and "," in argv[1]:
            lib.reporter.deprecation(_COMMA_DEVICES)
        target = parse_target(argv[1])
    if len(argv) > 2:
        devices = _normalized_devices(lib, argv[2:])
    errors = _remove(lib, index, target, devices, check_device_ids=False)
    if errors and target is not None and target.kind == "node" \
            and any(e.startswith("Fencing level ") for e in errors):
        second = _remove(lib, index, None, [target.value, *(devices or [])], check_device_ids=False)
        errors = errors + second if second else []
    _fail_on(lib, errors)
    lib.mark_changed()


def level_clear(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        for level in _levels(lib.cib):
            cibtools.remove_element(level)
        cibtools.section(lib.cib, "fencing-topology")
        lib.mark_changed()
        return
    if len(argv) > 1 or argv[0] in ("target", "stonith"):
        target, devices = _target_and_stonith(argv)
        if devices is not None and target is not None:
            raise UsageError("Only one of 'target' and 'stonith' can be used")
        _fail_on(lib, _remove(lib, None, target, devices))
        lib.mark_changed()
        return
    lib.reporter.deprecation(_CLEAR_OLD_SYNTAX)
    target = parse_target(argv[0])
    errors = _remove(lib, None, target, None, ignore_missing=True)
    if target.kind == "node":
        errors += _remove(lib, None, None, argv[0].split(","), ignore_missing=True)
    _fail_on(lib, errors)
    cibtools.section(lib.cib, "fencing-topology")
    lib.mark_changed()


def level_verify(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if argv:
        raise UsageError()
    check_levels(lib)
    lib.reporter.stop_if_errors()


def check_levels(lib: PcsLib) -> None:
    """pcs's fencing_topology.verify: every device a level names is a fence device, every node a level
    targets exists (reported, not stopped on: `cluster verify` runs it after crm_verify too)."""
    levels = _levels(lib.cib)
    devices = sorted({d for level in levels for d in level.get("devices", "").split(",")})
    if devices:
        _check_devices(lib, devices, forceable=False)
    nodes = cibtools.node_names(lib.cib)
    for target in sorted({level.get("target", "") for level in levels if "target" in level.attrib}):
        if target not in nodes:
            lib.reporter.error(f"Node '{target}' does not appear to exist in configuration")

