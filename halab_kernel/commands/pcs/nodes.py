"""`pcs node standby|unstandby|maintenance|unmaintenance|utilization|attribute`.

pcs 0.11 writes these as permanent node attributes in the configuration's
`nodes` section (`<node><instance_attributes id="nodes-<id>">`), which is
what `pcs -f` does too.
"""

from __future__ import annotations

import re

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import prepare_options


def _node(lib: PcsLib, name: str) -> etree._Element:
    for node in lib.cib.findall("configuration/nodes/node"):
        if node.get("uname") == name:
            return node
    raise PcsError(f"Error: Node '{name}' does not appear to exist in configuration")


def _set_attribute(lib: PcsLib, node: etree._Element, tag: str, name: str, value: str) -> None:
    nvset = cibtools.nvset(node, tag, f"nodes-{node.get('id')}", create=value != "")
    if nvset is not None:
        cibtools.set_nvpair(nvset, name, value)


def mode_cmd(attribute: str, value: str):
    """standby/unstandby/maintenance/unmaintenance: one node, several, or --all."""

    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        modifiers.ensure_only("-f", "--all", "--wait", deferred_wait_check=True)
        if modifiers.has("--all") and argv:
            raise PcsError("Error: Cannot specify both --all and a list of nodes.")
        if not argv and not modifiers.has("--all"):
            if lib.offline:
                raise PcsError("Error: Node(s) must be specified if -f is used")
            raise UsageError()
        modifiers.ensure_no_wait_with_file()
        names = cibtools.node_names(lib.cib) if modifiers.has("--all") else argv
        missing = [name for name in names if name not in cibtools.node_names(lib.cib)]
        if missing:
            raise PcsError(*(f"Error: Node '{name}' does not appear to exist in configuration"
                             for name in missing))
        nodes = [_node(lib, name) for name in names]
        for node in nodes:
            _set_attribute(lib, node, "instance_attributes", attribute, value)
        lib.mark_changed()

    return handler


def utilization_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--name")
    if len(argv) > 1 and modifiers.has("--name"):
        raise UsageError()
    if len(argv) <= 1:
        if argv and argv[0] not in cibtools.node_names(lib.cib):
            raise PcsError(f"Error: Unable to find a node: {argv[0]}")
        _show(lib, "utilization", "Node Utilization:", argv[0] if argv else None, modifiers.get("--name"))
        return
    values = prepare_options(argv[1:])
    if argv[0] not in cibtools.node_names(lib.cib):
        raise PcsError(f"Error: Unable to find a node: {argv[0]}")
    node = _node(lib, argv[0])
    for name, value in sorted(values.items()):  # pcs's dom_update_utilization: in name order
        if value and not re.fullmatch(r"[+-]?\d+", value):
            raise PcsError(f"Error: Value of utilization attribute must be integer: '{name}={value}'")
    cibtools.legacy_update_nvset(node, "utilization", sorted(values.items()), f"nodes-{node.get('id')}-utilization")
    lib.mark_changed()


def attribute_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force", "--name")
    if len(argv) > 1 and modifiers.has("--name"):
        raise UsageError()
    if len(argv) <= 1:
        _show(lib, "instance_attributes", "Node Attributes:", argv[0] if argv else None, modifiers.get("--name"))
        return
    values = prepare_options(argv[1:])
    known = argv[0] in cibtools.node_names(lib.cib)
    present = dict(cibtools.nvpairs(_node(lib, argv[0]).find("instance_attributes"))) if known else {}
    # pcs sets them one by one through crm_attribute: those before a failure stay set
    node = _node(lib, argv[0]) if known else None
    for name, value in values.items():
        if value == "" and name not in present and not modifiers.has("--force"):
            raise PcsError(f"Error: attribute: '{name}' doesn't exist for node: '{argv[0]}'", rc=2)
        if node is None:
            # crm_attribute's stderr follows pcs's message (utils.set_node_attribute), its line break a blank line
            raise PcsError(f"Error: unable to set attribute {name}",
                           f"crm_attribute: Could not map name={argv[0]} to a UUID", "")
        _set_attribute(lib, node, "instance_attributes", name, value)
        lib.mark_changed()
        lib.push_step()


def _show(lib: PcsLib, tag: str, heading: str, only_node: str | None, only_name: str | None) -> None:
    lib.reporter.out(heading)
    for node in sorted(lib.cib.findall("configuration/nodes/node"), key=lambda n: n.get("uname", "")):
        if only_node and node.get("uname") != only_node:
            continue
        pairs = sorted(cibtools.nvpairs(node.find(tag)))
        if only_name:
            pairs = [p for p in pairs if p[0] == only_name]
        if pairs:
            lib.reporter.out(f" {node.get('uname')}: " + " ".join(f"{n}={v}" for n, v in pairs))
