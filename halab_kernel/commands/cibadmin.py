"""cibadmin: read and write the simulated CIB, as Pacemaker 2.1.5's cibadmin does.

Supported: `-Q/--query` (optionally `-o SECTION`), `--replace/-R`, `--create/-C`,
`--modify/-M`, `--delete/-D`, with `-o/--scope SECTION` and the XML from
`-X/--xml-text` or `-x/--xml-file` (a file on the node). Every change is
all-or-nothing: a refused update leaves the CIB as it was.
"""

from __future__ import annotations

import getopt

from lxml import etree

from halab_kernel.commands.cib_schema import epoch_of, schema_problem
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult

SECTIONS = ("configuration", "nodes", "resources", "constraints", "crm_config", "rsc_defaults", "op_defaults",
            "acls", "fencing-topology", "tags", "alerts", "status")
_LONG = ["query", "replace", "create", "modify", "delete", "scope=", "xml-text=", "xml-file=", "help", "force",
         "local", "sync-call", "no-children"]


def _error(text: str, rc: int) -> CommandResult:
    return CommandResult(stderr=f"{text}\n", rc=rc)


def _section(root: etree._Element, name: str) -> etree._Element | None:
    if name == "configuration":
        return root.find("configuration")
    if name == "status":
        return root.find("status")
    return root.find(f"configuration/{name}")


@register("cibadmin")
def cibadmin(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, extra = getopt.gnu_getopt(argv, "QRCMDo:X:x:h", _LONG)
    except getopt.GetoptError as error:
        return _error(f"cibadmin: {error.msg}", 64)
    if extra:
        return _error(f"cibadmin: unexpected argument '{extra[0]}'", 64)
    command, scope, xml_text = None, None, None
    for flag, value in options:
        if flag in ("-Q", "--query"):
            command = "query"
        elif flag in ("-R", "--replace"):
            command = "replace"
        elif flag in ("-C", "--create"):
            command = "create"
        elif flag in ("-M", "--modify"):
            command = "modify"
        elif flag in ("-D", "--delete"):
            command = "delete"
        elif flag in ("-o", "--scope"):
            scope = value
        elif flag in ("-X", "--xml-text"):
            xml_text = value
        elif flag in ("-x", "--xml-file"):
            xml_text = context.sim.files(context.node).get(value)
            if xml_text is None:
                return _error(f"Couldn't parse input file: {value}", 65)
        elif flag in ("-h", "--help"):
            return CommandResult(stdout="Usage: cibadmin <command> [options]\n"
                                 "Commands: -Q -R -C -M -D; options: -o SECTION -X XML -x FILE\n")
    if command is None:
        return CommandResult(stdout="cibadmin - query and edit the Pacemaker configuration\n"
                             "Usage: cibadmin <command> [options]\n", rc=64)
    if scope is not None and scope not in SECTIONS:
        return _error("Call failed: Update does not conform to the configured schema", 78)
    if not context.sim.pacemaker.pacemaker_up(context.node):
        return _error("Could not connect to the CIB: Transport endpoint is not connected\n"
                      "Init failed, could not perform requested operations", 107)
    cib = context.sim.cib
    if command == "query":
        root = context.live_cib()
        root.attrib.pop("execution-date", None)  # the scheduler's clock, not part of a live CIB
        target = root if scope is None else _section(root, scope)
        text = etree.tostring(target, pretty_print=True, encoding="unicode") if target is not None else ""
        return CommandResult(stdout=text)
    if xml_text is None:
        return _error("Call failed: Invalid argument", 70)
    try:
        update = etree.fromstring(xml_text.encode())
    except etree.XMLSyntaxError as error:
        return _error(f"Couldn't parse input string: {xml_text}\n{error}", 65)
    root = cib.read()
    outcome = _apply(root, command, scope, update)
    if outcome is not None:
        return outcome
    if schema_problem(root) is not None:  # cibadmin validates the result; a refused change leaves the CIB
        return _error("Call failed: Update does not conform to the configured schema", 78)
    try:
        cib.replace(root, client="cibadmin", origin=context.node)
    except ValueError as error:
        return _error(f"Call failed: {error}", 78)
    return CommandResult()


def _apply(root: etree._Element, command: str, scope: str | None,
           update: etree._Element) -> CommandResult | None:
    """Edit `root` in place; a CommandResult when the change is refused."""
    if command == "replace":
        if update.tag == "cib":
            if epoch_of(update) < epoch_of(root):
                return _error("Call failed: Update was older than existing configuration", 103)
            if update.find("configuration") is None:
                return _error("Call failed: Update does not conform to the configured schema", 78)
            root.replace(root.find("configuration"), update.find("configuration"))
            return None
        target = _section(root, scope or update.tag)
        if target is None or target.tag != update.tag:
            return _error("Call failed: No such device or address", 105)
        target.getparent().replace(target, update)
        return None
    parent = _section(root, scope) if scope else None
    if command == "create":
        if parent is None:
            return _error("Call failed: No such device or address", 105)
        if update.get("id") and root.xpath("//*[@id=$id]", id=update.get("id")):
            failed = (f'<failed>\n  <failed_update id="{update.get("id")}" object_type="{update.tag}" '
                      f'operation="cib_create" reason="File exists">\n'
                      f'    {etree.tostring(update, encoding="unicode")}\n  </failed_update>\n</failed>\n')
            return CommandResult(stdout=failed, stderr="Call failed: File exists\n", rc=108)
        parent.append(update)
        return None
    matches = [e for e in root.iter(update.tag) if e.get("id") == update.get("id")] if update.get("id") else []
    if not matches and command == "delete":
        return CommandResult()  # deleting what is not there succeeds, as with the real cibadmin
    if not matches:
        return _error("Call failed: No such device or address", 105)
    if command == "delete":
        matches[0].getparent().remove(matches[0])
        return None
    for name, value in update.attrib.items():
        matches[0].set(name, value)
    for child in update:
        existing = [e for e in matches[0].iterchildren(child.tag) if e.get("id") == child.get("id")] \
            if child.get("id") else []
        if existing:
            matches[0].replace(existing[0], child)
        else:
            matches[0].append(child)
    return None
