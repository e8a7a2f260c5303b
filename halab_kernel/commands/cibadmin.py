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
_LONG = ["xpath=", "query", "replace", "create", "modify", "delete", "scope=", "xml-text=", "xml-file=", "help", "force",
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
        options, extra = getopt.gnu_getopt(argv, "QRCMDo:X:x:hA:", _LONG)
    except getopt.GetoptError as error:
        return _error(f"cibadmin: {error.msg}", 64)
    if extra:
        return _error(f"cibadmin: unexpected argument '{extra[0]}'", 64)
    command, scope, xml_text, xml_file, xpath = None, None, None, None, None
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
        elif flag in ("-A", "--xpath"):
            xpath = value
        elif flag in ("-o", "--scope"):
            scope = value
        elif flag in ("-X", "--xml-text"):
            xml_text = value
        elif flag in ("-x", "--xml-file"):
            xml_file, xml_text = value, context.sim.files(context.node).get(value, "")
        elif flag in ("-h", "--help"):
            return CommandResult(stdout="Usage: cibadmin <command> [options]\n"
                                 "Commands: -Q -R -C -M -D; options: -o SECTION -X XML -x FILE\n")
    if command is None:
        return CommandResult(stdout="cibadmin - query and edit the Pacemaker configuration\n"
                             "Usage: cibadmin <command> [options]\n", rc=64)
    if scope is not None and scope not in SECTIONS:
        if command == "create" and xml_text is not None and not xml_text.lstrip().startswith("<cib"):
            return _error("Call failed: Update does not conform to the configured schema", 78)  # added to <cib>
        scope = None  # measured: the real cibadmin takes an unknown section as the whole CIB
    if not context.sim.pacemaker.pacemaker_up(context.node):
        return _error("Could not connect to the CIB: Transport endpoint is not connected\n"
                      "Init failed, could not perform requested operations", 107)
    cib = context.sim.cib
    if command == "query":
        root = context.live_cib()
        root.attrib.pop("execution-date", None)  # the scheduler's clock, not part of a live CIB
        found = [root if scope is None else _section(root, scope)] if xpath is None else _xpath(root, xpath)
        if not found or found[0] is None:
            return _error("Call failed: No such device or address", 105)
        if len(found) > 1:
            wrapper = etree.Element("xpath-query")
            wrapper.extend(found)
            found = [wrapper]
        return CommandResult(stdout=etree.tostring(found[0], pretty_print=True, encoding="unicode"))
    if xml_text is None:
        return _error("Call failed: Invalid argument", 70)
    update = _parsed(xml_text)
    if update is None:
        return _error(f"Couldn't parse input from {'input string' if xml_file is None else xml_file}.", 78)
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


def _xpath(root: etree._Element, xpath: str) -> list[etree._Element]:
    try:
        found = root.xpath(xpath)
    except etree.XPathError:
        return []
    return [element for element in found if isinstance(element, etree._Element)] if isinstance(found, list) else []


def _parsed(text: str) -> etree._Element | None:
    """The XML as libxml2 reads it for cibadmin: recovering what it can (`<primitive` is a primitive),
    namespaces dropped (pacemaker matches elements by their local name)."""
    try:
        update = etree.fromstring(text.encode(), etree.XMLParser(recover=True, remove_blank_text=True))
    except etree.XMLSyntaxError:
        return None
    if update is None:
        return None
    for element in update.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(update)
    return update


def _matches(element: etree._Element, update: etree._Element, command: str) -> bool:
    if element.tag != update.tag:
        return False
    if command == "delete":
        return all(element.get(name) == value for name, value in update.attrib.items())
    return element.get("id") == update.get("id") if update.get("id") or command != "replace" else True


def _find(base: etree._Element, update: etree._Element, command: str) -> etree._Element | None:
    """The first element under `base` with the update's tag and id (a replace without an id: the
    first of its tag; a delete: all its attributes), as the real cib_process_* functions look for it."""
    return next((element for element in base.iterdescendants() if _matches(element, update, command)), None)


def _merge(target: etree._Element, update: etree._Element) -> None:
    for name, value in update.attrib.items():
        target.set(name, value)
    for child in update:
        existing = next((e for e in target.iterchildren(child.tag) if e.get("id") == child.get("id")), None) \
            if child.get("id") else None
        if existing is not None:
            _merge(existing, child)
        else:
            target.append(child)


def _apply(root: etree._Element, command: str, scope: str | None,
           update: etree._Element) -> CommandResult | None:
    """Edit `root` in place; a CommandResult when the change is refused."""
    if update.tag == "cib" and scope is not None:
        return _error("Call failed: Invalid argument", 70)
    versioned = command == "replace" or any(name in update.attrib for name in ("admin_epoch", "epoch", "num_updates"))
    if update.tag == "cib" and versioned and epoch_of(update) < epoch_of(root) and command != "delete":
        return _error("Call failed: Update was older than existing configuration", 103)
    if update.tag == "cib" and command in ("create", "modify"):
        _merge(root, update)
        return None
    if command == "replace" and update.tag == "cib":
        if update.find("configuration") is None:
            return _error("Call failed: Update does not conform to the configured schema", 78)
        root.replace(root.find("configuration"), update.find("configuration"))
        return None
    base = root if scope is None else _section(root, scope)
    if base is None:
        return _error("Call failed: No such device or address", 105)
    if command == "create" and update.tag == base.tag:
        _merge(base, update)
        return None
    if command == "create" and scope is not None:
        if update.get("id") is None and update.tag not in SECTIONS or any(child.tag == update.tag and child.get("id") == update.get("id")
                                           for child in base):
            report = etree.Element("failed")
            attributes = {"id": update.get("id")} if update.get("id") is not None else {}
            etree.SubElement(report, "failed_update", {**attributes, "object_type": update.tag,
                                                       "operation": "cib_create", "reason": "File exists"}
                             ).append(update)
            failed = etree.tostring(report, pretty_print=True, encoding="unicode")
            return CommandResult(stdout=failed, stderr="Call failed: File exists\n", rc=108)
        base.append(update)
        return None
    target = base if command in ("modify", "replace") and update.tag == base.tag else \
        _find(base, update, command)
    if (target is None or target.tag == "cib") and command == "delete":
        return CommandResult()  # deleting what is not there succeeds, as with the real cibadmin
    if target is None or target.tag == "cib" or target is base and command == "replace" and base is root:
        return _error("Call failed: No such device or address", 105)
    if command == "delete":
        target.getparent().remove(target)
    elif command == "replace":
        target.getparent().replace(target, update)
    else:  # modify, and create without a section
        _merge(target, update)
    return None
