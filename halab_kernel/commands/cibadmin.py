"""cibadmin: read and write the simulated CIB, as Pacemaker 2.1.5's cibadmin does.

Its options as glibc's getopt reads them (the last command and the last -o/-A win; a usage
error prints the help on stderr, exit 64); `-Q/--query`, `--replace/-R`, `--create/-C`,
`--modify/-M` (`-c` creates what is missing), `--delete/-D` (`-d --force`: every match of an
XPath), `-B` (epoch + 1), `-E --force`, `-a`, with `-o/--scope SECTION` or `-A/--xpath XPATH`
(`-e` prints the paths, `-n` drops the children) and the XML from `-X/--xml-text`,
`-x/--xml-file` (a file on the node) or `-p` (stdin: empty in the lab). Every change is
all-or-nothing: a refused update leaves the CIB as it was.
"""

from __future__ import annotations

import getopt
import re
from dataclasses import dataclass

from lxml import etree

from halab_kernel.commands.cib_schema import epoch_of, schema_problem
from halab_kernel.commands.cibadmin_help import CIBADMIN_HELP
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult
from halab_kernel.sim.pacemaker.cib.dump import dump_formatted

SECTIONS = ("configuration", "nodes", "resources", "constraints", "crm_config", "rsc_defaults", "op_defaults",
            "acls", "fencing-topology", "tags", "alerts", "status")
_SHORT = "?$VuQEBCMPRDdaS56ft:U:slcnX:x:po:A:eN:h:"
_LONG = ["help", "version", "verbose", "upgrade", "query", "erase", "bump", "create", "modify", "patch", "replace",
         "delete", "delete-all", "empty", "md5-sum", "md5-sum-versioned", "show-access", "force", "timeout=", "user=",
         "sync-call", "local", "allow-create", "no-children", "xml-text=", "xml-file=", "xml-pipe", "scope=", "xpath=",
         "node-path", "node=", "host="]
_COMMANDS = {"-Q": "query", "--query": "query", "-R": "replace", "--replace": "replace", "-C": "create",
             "--create": "create", "-M": "modify", "--modify": "modify", "-D": "delete", "--delete": "delete",
             "-d": "delete", "--delete-all": "delete", "-E": "erase", "--erase": "erase", "-B": "bump",
             "--bump": "bump", "-u": "upgrade", "--upgrade": "upgrade", "-P": "patch", "--patch": "patch",
             "-5": "md5", "--md5-sum": "md5", "-6": "md5", "--md5-sum-versioned": "md5", "-a": "empty",
             "--empty": "empty"}
_NOT_SIMULATED = {"patch": "applying an XML diff (-P/--patch)", "md5": "the CIB digests (-5/-6)",
                  "upgrade": "upgrading the CIB to another schema (-u/--upgrade)"}
_EMPTY_CIB = """<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
"""
_DANGEROUS = ("The supplied command is considered dangerous.  To prevent accidental destruction of the cluster, "
              "the --force flag is required in order to proceed.")


@dataclass
class _Request:
    command: str | None = None
    section: str | None = None  # a section name, or an XPath with `xpath`
    xpath: bool = False
    xml_text: str | None = None
    source: str = "input string"
    force: bool = False
    every: bool = False  # -d: every match of the XPath
    allow_create: bool = False
    no_children: bool = False
    node_path: bool = False
    user: str | None = None
    show_access: bool = False


def _error(text: str, rc: int) -> CommandResult:
    return CommandResult(stderr=f"{text}\n", rc=rc)


def _usage_error(message: str) -> CommandResult:
    return CommandResult(stderr=(f"cibadmin: {message}\n" if message else "") + CIBADMIN_HELP, rc=64)


def _getopt_message(error: getopt.GetoptError) -> str:
    """glibc getopt's words for what Python's getopt refused."""
    name = error.opt
    if len(name) == 1:
        return f"option requires an argument -- '{name}'" if "requires" in error.msg else f"invalid option -- '{name}'"
    if "not a unique prefix" in error.msg:
        possible = " ".join(f"'--{option.rstrip('=')}'" for option in _LONG if option.startswith(name))
        return f"option '--{name}' is ambiguous; possibilities: {possible}"
    if "requires argument" in error.msg:
        return f"option '--{name}' requires an argument"
    if "must not have" in error.msg:
        return f"option '--{name}' doesn't allow an argument"
    return f"unrecognized option '--{name}'"


def _request(context: CommandContext, argv: list[str]) -> _Request | CommandResult:
    argv = ["--show-access" if arg.startswith("--show-access=") else arg for arg in argv]  # an optional value
    try:
        options, extra = getopt.gnu_getopt(argv, _SHORT, _LONG)
    except getopt.GetoptError as error:
        return _usage_error(_getopt_message(error))
    if extra:
        return CommandResult(stdout=f"non-option ARGV-elements: {''.join(arg + ' ' for arg in extra)}\n",
                             stderr=CIBADMIN_HELP, rc=64)
    request = _Request()
    for flag, value in options:
        if flag in ("-?", "--help"):
            return _usage_error("") if flag == "-?" else CommandResult(stdout=CIBADMIN_HELP)
        if flag in ("-$", "--version"):
            return CommandResult(stdout="Pacemaker 2.1.5\nWritten by Andrew Beekhof and the Pacemaker project "
                                 "contributors\n")
        if flag in _COMMANDS:
            request.command = _COMMANDS[flag]
            request.every = request.every or flag in ("-d", "--delete-all")
        elif flag in ("-o", "--scope", "-A", "--xpath"):
            request.section, request.xpath = value, flag in ("-A", "--xpath")
        elif flag in ("-X", "--xml-text"):
            request.xml_text, request.source = value, "input string"
        elif flag in ("-x", "--xml-file"):
            request.xml_text, request.source = context.sim.files(context.node).get(value, ""), value
        elif flag in ("-p", "--xml-pipe"):
            request.xml_text, request.source = "", "STDIN"  # the lab's commands read an empty stdin
        elif flag in ("-f", "--force"):
            request.force = True
        elif flag in ("-c", "--allow-create"):
            request.allow_create = True
        elif flag in ("-n", "--no-children"):
            request.no_children = True
        elif flag in ("-e", "--node-path"):
            request.node_path = True
        elif flag in ("-U", "--user"):
            request.user = value
        elif flag in ("-S", "--show-access"):
            request.show_access = True
    return request


@register("cibadmin")
def cibadmin(context: CommandContext, argv: list[str]) -> CommandResult:
    request = _request(context, argv)
    if isinstance(request, CommandResult):
        return request
    if request.command is None:
        return _usage_error("")
    if request.show_access and request.user is None:
        return _error("The supplied command requires -U user specified.", 64)
    if request.command == "empty":
        return CommandResult(stdout=_EMPTY_CIB)
    if request.command == "md5" and request.xml_text is None:
        return _error("Please supply XML to process with -X, -x or -p", 64)
    if request.command in ("erase", "upgrade") or request.every:
        if not request.force:
            return _error(_DANGEROUS, 107)
    update = None
    if request.xml_text is not None:
        update = _parsed(request.xml_text)
        if update is None:
            return _error(f"Couldn't parse input from {request.source}.", 78)
    unmodelled = _unmodelled(context, request)
    if unmodelled:
        return _error(f"cibadmin: not simulated: {unmodelled}; try it on real nodes: halab rig up", 69)
    if not context.sim.pacemaker.pacemaker_up(context.node):
        return _error("Could not connect to the CIB: Transport endpoint is not connected\n"
                      "Init failed, could not perform requested operations", 107)
    if request.command == "query":
        return _query(context.live_cib(), request)
    if request.command == "upgrade":
        return CommandResult()  # _unmodelled let through only a CIB already on the latest schema
    root = context.sim.cib.read()
    if request.command == "erase":
        root.replace(root.find("configuration"), etree.fromstring(_EMPTY_CIB).find("configuration"))
        root.set("admin_epoch", str(epoch_of(root)[0] + 1))
    elif request.command != "bump":
        if request.xpath:
            outcome = _xpath_apply(root, request, update)
        elif update is None:
            return _error("Call failed: Invalid argument", 70)
        else:
            outcome = _apply(root, request.command, _scope(request, update), update, request.allow_create)
        if outcome is not None:
            return outcome
    if schema_problem(root) is not None:  # cibadmin validates the result; a refused change leaves the CIB
        return _error("Call failed: Update does not conform to the configured schema", 78)
    try:
        context.sim.cib.replace(root, client="cibadmin", origin=context.node)
    except ValueError as error:
        return _error(f"Call failed: {error}", 78)
    return CommandResult()


def _unmodelled(context: CommandContext, request: _Request) -> str | None:
    if request.command in ("patch", "md5"):
        return _NOT_SIMULATED[request.command or ""]
    if request.command == "upgrade" and context.sim.cib.root.get("validate-with") != "pacemaker-3.9":
        return _NOT_SIMULATED["upgrade"]
    acls = context.sim.cib.root.xpath("//crm_config//nvpair[@name='enable-acl' and "
                                      "(@value='true' or @value='yes' or @value='on' or @value='1')]")
    if request.show_access or request.user not in (None, "root", "hacluster") and acls:
        return "access control lists (-U/--user, -S/--show-access)"
    return None


def _scope(request: _Request, update: etree._Element) -> str | None | CommandResult:
    """The section the change is confined to: an unknown one is the whole CIB, where a create adds
    to <cib> (measured: the real cibadmin refuses it by the schema)."""
    scope = request.section
    if scope is not None and scope not in SECTIONS:
        if request.command == "create" and update.tag != "cib":
            return _error("Call failed: Update does not conform to the configured schema", 78)
        return None
    return scope


def _query(root: etree._Element, request: _Request) -> CommandResult:
    root.attrib.pop("execution-date", None)  # the scheduler's clock, not part of a live CIB
    if request.xpath:
        found = _xpath(root, request.section or "")
    elif request.node_path:
        return CommandResult()  # the real tool prints paths only for an XPath's matches
    else:
        found = [root if request.section not in SECTIONS else _section(root, request.section or "")]
    found = [element for element in found if element is not None]
    if not found:
        return _error("Call failed: No such device or address", 105)
    if request.node_path:
        return CommandResult(stdout="".join(_path(element) + "\n" for element in found))
    if request.no_children:
        found = [etree.Element(element.tag, dict(element.attrib)) for element in found]
    if len(found) > 1:
        wrapper = etree.Element("xpath-query")
        wrapper.extend(found)
        found = [wrapper]
    return CommandResult(stdout=dump_formatted(found[0]))


def _path(element: etree._Element) -> str:
    """The element's path as `cibadmin -e` prints it: /cib/configuration/resources/group[@id='g']/..."""
    steps = [f"{node.tag}[@id='{node.get('id')}']" if node.get("id") is not None else str(node.tag)
             for node in [*reversed(list(element.iterancestors())), element]]
    return "/" + "/".join(steps)


def _section(root: etree._Element, name: str) -> etree._Element | None:
    if name == "configuration":
        return root.find("configuration")
    if name == "status":
        return root.find("status")
    return root.find(f"configuration/{name}")


def _xpath(root: etree._Element, xpath: str) -> list[etree._Element]:
    """The elements an XPath selects; an attribute or a text selects its element, as in Pacemaker."""
    try:
        found = root.getroottree().xpath(xpath)
    except (etree.XPathError, ValueError):
        return []
    if not isinstance(found, list):
        return []
    elements = [item if isinstance(item, etree._Element) else getattr(item, "getparent", lambda: None)()
                for item in found]
    return [element for element in dict.fromkeys(elements) if isinstance(element, etree._Element)
            and isinstance(element.tag, str)]


def _xpath_apply(root: etree._Element, request: _Request, update: etree._Element | None) -> CommandResult | None:
    """A change at an XPath's matches (cib_process_xpath): delete the first (-d: every one), modify the
    first holding the update's element, create under the first, replace the first."""
    matches = _xpath(root, request.section or "")
    if not matches:
        return None if request.command == "delete" else _error("Call failed: No such device or address", 105)
    if any(match is root for match in matches[:1 if not request.every else None]):
        return _error("Call failed: Invalid argument", 70)
    if request.command == "delete":
        for match in matches if request.every else matches[:1]:
            match.getparent().remove(match)
        return None
    if update is None:
        return _error("Call failed: Invalid argument", 70)
    if request.command == "create":
        matches[0].append(update)
        return None
    if request.command == "replace":
        matches[0].getparent().replace(matches[0], update)
        return None
    for match in matches:
        target = next((element for element in match.iter(update.tag) if element.get("id") == update.get("id")),
                      None)
        if target is not None:
            _merge(target, update)
            if not request.every:
                return None
    return _error("Call failed: No such device or address", 105)


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


def _expanded(target: etree._Element, name: str, value: str) -> str:
    """expand_plus_plus(): `epoch++` or `epoch+=5` adds to the attribute's current value."""
    old = target.get(name)
    if old is None or not value.startswith(name) or value[len(name):len(name) + 2] not in ("++", "+="):
        return value
    offset = value[len(name) + 2:] if value[len(name) + 1] == "=" else "1"
    return str(min(_score(old) + _score(offset), 1000000))


def _score(text: str) -> int:
    """char2score(): (+/-)INFINITY, else the leading integer (0 without one), within +/-INFINITY."""
    text = text.strip()
    if text.lstrip("+-") == "INFINITY":
        return -1000000 if text.startswith("-") else 1000000
    number = re.match(r"[+-]?\d+", text)
    return max(-1000000, min(int(number.group()) if number else 0, 1000000))


def _merge(target: etree._Element, update: etree._Element) -> None:
    for name, value in update.attrib.items():
        target.set(name, _expanded(target, name, value))
    for child in update:
        existing = next((e for e in target.iterchildren(child.tag) if e.get("id") == child.get("id")), None) \
            if child.get("id") else None
        if existing is not None:
            _merge(existing, child)
        else:
            target.append(child)


def _failed(update: etree._Element, reason: str, rc: int) -> CommandResult:
    """The <failed> report cibadmin prints when an object cannot be created."""
    report = etree.Element("failed")
    attributes = {"id": update.get("id")} if update.get("id") is not None else {}
    etree.SubElement(report, "failed_update", {**attributes, "object_type": update.tag, "operation": "cib_create",
                                               "reason": reason}).append(update)
    return CommandResult(stdout=dump_formatted(report), stderr=f"Call failed: {reason}\n", rc=rc)


def _create(base: etree._Element | None, update: etree._Element) -> CommandResult | None:
    """add_cib_object(): no section to add to is Invalid argument; an element of the same tag and id
    (without an id: of the same tag) is File exists."""
    if base is None:
        return _failed(update, "Invalid argument", 70)
    if any(child.tag == update.tag and (update.get("id") is None or child.get("id") == update.get("id"))
           for child in base):
        return _failed(update, "File exists", 108)
    base.append(update)
    return None


def _apply(root: etree._Element, command: str, scope: str | None | CommandResult,
           update: etree._Element, allow_create: bool = False) -> CommandResult | None:
    """Edit `root` in place; a CommandResult when the change is refused."""
    if isinstance(scope, CommandResult):
        return scope
    if update.tag == "cib" and scope is not None:
        if command == "replace" and scope == "status":
            return None  # measured: accepted; the status section is the controller's in the lab
        return _error("Call failed: Invalid argument", 70)
    if update.tag == "cib" and command in ("create", "modify"):
        merged = etree.Element("cib", dict(root.attrib))
        _merge(merged, etree.Element("cib", dict(update.attrib)))
        if epoch_of(merged) < epoch_of(root):  # the merged document must not be older
            return _error("Call failed: Update was older than existing configuration", 103)
        _merge(root, update)
        return None
    if command == "replace" and update.tag == "cib":
        if epoch_of(update) < epoch_of(root):
            return _error("Call failed: Update was older than existing configuration", 103)
        if update.find("configuration") is None:
            return _error("Call failed: Update does not conform to the configured schema", 78)
        root.replace(root.find("configuration"), update.find("configuration"))
        return None
    base = root if scope is None else _section(root, scope)
    if command == "create" and scope is not None:
        if update.tag == scope:  # a section's element: each child is created in it
            for child in list(update):
                refused = _create(base, child)
                if refused is not None:
                    return refused
            return None
        return _create(base, update)
    if base is None:
        return _error("Call failed: No such device or address", 105)
    target = base if command in ("modify", "replace") and update.tag == base.tag else \
        _find(base, update, command)
    if (target is None or target.tag == "cib") and command == "delete":
        return CommandResult()  # deleting what is not there succeeds, as with the real cibadmin
    if target is None and command == "modify" and allow_create:
        base.append(update)  # -c: cib_process_modify adds what it does not find
        return None
    if target is None or target.tag == "cib" or target is base and command == "replace" and base is root:
        return _error("Call failed: No such device or address", 105)
    if command == "delete":
        target.getparent().remove(target)
    elif command == "replace":
        target.getparent().replace(target, update)
    else:  # modify, and create without a section
        _merge(target, update)
    return None
