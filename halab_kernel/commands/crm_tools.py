"""crm_attribute, crm_standby, crm_failcount, crm_node and crm_verify on the simulated cluster.

Output lines and exit codes follow Pacemaker 2.1.5's tools (checked offline
against the real ones with CIB_file): `scope=crm_config  name=X value=Y`,
`Deleted crm_config option: id=... name=...`, 105 for a missing attribute.
"""

from __future__ import annotations

import getopt

from lxml import etree

from halab_kernel.commands.cib_schema import schema_problem
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult

NO_SUCH = CommandResult(stderr="crm_attribute: Error performing operation: No such device or address\n", rc=105)


def _node_id(context: CommandContext, node: str) -> int:
    return context.sim.totem.nodes[node].node_id


DEFAULTS_SCOPES = ("rsc_defaults", "op_defaults")


def _defaults_set(root: etree._Element, scope: str, name: str, create: bool) -> etree._Element | None:
    """rsc_defaults/op_defaults: the meta_attributes set already holding `name` (pcs writes its own), else
    SCOPE-options, as cib__update_node_attr names it (created when asked)."""
    configuration = root.find("configuration")
    parent = configuration.find(scope)
    if parent is None and create:
        parent = etree.SubElement(configuration, scope)
    sets = list(parent.iterfind("meta_attributes")) if parent is not None else []
    found = next((each for each in sets if any(pair.get("name") == name for pair in each.iterfind("nvpair"))), None)
    if found is None:
        found = next((each for each in sets if each.get("id") == f"{scope}-options"), None)
    if found is None and parent is not None and create:
        found = etree.SubElement(parent, "meta_attributes", id=f"{scope}-options")
    return found


def _container(root: etree._Element, scope: str, node_id: int | None, create: bool) -> etree._Element | None:
    """The instance/property set an attribute lives in (created when asked)."""
    if scope == "crm_config":
        parent = root.find("configuration/crm_config")
        found = parent.find("cluster_property_set[@id='cib-bootstrap-options']")
        if found is None and create:
            found = etree.SubElement(parent, "cluster_property_set", id="cib-bootstrap-options")
        return found
    if scope == "nodes":
        node = root.find(f"configuration/nodes/node[@id='{node_id}']")
        if node is None:
            return None
        found = node.find("instance_attributes")
        if found is None and create:
            found = etree.SubElement(node, "instance_attributes", id=f"nodes-{node_id}")
        return found
    return None


def _prefix(scope: str, node_id: int | None) -> str:
    if scope in DEFAULTS_SCOPES:
        return f"{scope}-options"
    return "cib-bootstrap-options" if scope == "crm_config" else f"nodes-{node_id}"


def attribute_command(context: CommandContext, scope: str, node: str | None, name: str, action: str,
                      value: str | None, quiet: bool) -> CommandResult:
    """Get, set or delete one attribute; transient ones (scope status) live in the status section."""
    sim = context.sim
    node_id = _node_id(context, node) if node else None
    if scope == "status":
        assert node is not None and node_id is not None
        current = sim.cib.transient(node, node_id).get(name)
        if action == "get":
            if current is None:
                return NO_SUCH
            return CommandResult(stdout=f"{current}\n" if quiet else f"scope=status  name={name} value={current}\n")
        sim.cib.set_transient(node, node_id, name, value if action == "set" else None)
        sim.pacemaker.request_transitions()
        return CommandResult()
    root = sim.cib.read()
    container = (_defaults_set(root, scope, name, create=action == "set") if scope in DEFAULTS_SCOPES
                 else _container(root, scope, node_id, create=action == "set"))
    existing = next((p for p in container.iterfind("nvpair") if p.get("name") == name), None) \
        if container is not None else None  # a name may hold a quote: no XPath literal
    if action == "get":
        if existing is None:
            return NO_SUCH
        text = existing.get("value", "")
        return CommandResult(stdout=f"{text}\n" if quiet else f"scope={scope}  name={name} value={text}\n")
    if action == "delete":
        if existing is None or container is None:
            return CommandResult()
        container.remove(existing)
        sim.cib.replace(root, client="crm_attribute", origin=context.node)
        kind = f"{scope} option" if scope == "crm_config" or scope in DEFAULTS_SCOPES else "nodes attribute"
        return CommandResult(stdout=f"Deleted {kind}: id={existing.get('id')} name={name}\n")
    if container is None:
        return NO_SUCH
    if existing is None:
        existing = etree.SubElement(container, "nvpair", id=f"{_prefix(scope, node_id)}-{name}", name=name)
    existing.set("value", value or "")
    if schema_problem(root) is not None:  # e.g. an id made from a name with a quote: not an XML id
        return CommandResult(stderr=f"Error setting {name}={value or ''} (section={scope}, set={container.get('id')}): "
                             "Update does not conform to the configured schema\n"
                             "crm_attribute: Error performing operation: Unknown error 1016\n", rc=78)
    sim.cib.replace(root, client="crm_attribute", origin=context.node)
    return CommandResult()


@register("crm_attribute")
def crm_attribute(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(argv, "n:v:GDqN:t:l:", ["name=", "update=", "query", "delete", "quiet",
                                                               "node=", "type=", "lifetime="])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"crm_attribute: {error.msg}\n", rc=64)
    values = {flag.lstrip("-")[0] if len(flag) == 2 else flag: value for flag, value in options}
    name = values.get("n", values.get("--name"))
    node = values.get("N", values.get("--node"))
    if name is None:
        return CommandResult(stderr="crm_attribute: Error: must specify attribute name (-n)\n", rc=64)
    if node is not None and node not in context.sim.node_names:
        return CommandResult(stderr=f"Could not map name={node} to a UUID\n", rc=105)
    kind = values.get("t", values.get("--type")) or values.get("l", values.get("--lifetime"))
    scope = {"reboot": "status", "forever": "nodes", None: None}.get(kind, kind)
    if scope is None:
        scope = "nodes" if node else "crm_config"
    if scope not in ("crm_config", "nodes", "status", *DEFAULTS_SCOPES):
        return CommandResult(stderr=f"crm_attribute: invalid section '{scope}'\n", rc=64)
    if scope in ("nodes", "status") and node is None:
        node = context.node
    if "v" in values or "--update" in values:
        return attribute_command(context, scope, node, name, "set", values.get("v", values.get("--update")), False)
    action = "delete" if ("D" in values or "--delete" in values) else "get"
    return attribute_command(context, scope, node, name, action, None, "q" in values or "--quiet" in values)


@register("crm_standby")
def crm_standby(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(argv, "N:v:GDq", ["node=", "update=", "query", "delete", "quiet"])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"crm_standby: {error.msg}\n", rc=64)
    values = dict(options)
    node = values.get("-N", values.get("--node", context.node))
    if node not in context.sim.node_names:
        return CommandResult(stderr=f"Could not map name={node} to a UUID\n", rc=105)
    if "-v" in values or "--update" in values:
        return attribute_command(context, "nodes", node, "standby", "set",
                                 values.get("-v", values.get("--update")), False)
    if "-D" in values or "--delete" in values:
        return attribute_command(context, "nodes", node, "standby", "delete", None, False)
    result = attribute_command(context, "nodes", node, "standby", "get", None, "-q" in values)
    if result.rc == 105:  # no attribute: crm_standby reports the default, as a status attribute
        return CommandResult(stdout="off\n" if "-q" in values else "scope=status  name=standby value=off\n")
    return result


@register("crm_failcount")
def crm_failcount(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(argv, "r:N:GDq", ["resource=", "node=", "query", "delete", "quiet"])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"crm_failcount: {error.msg}\n", rc=64)
    values = dict(options)
    rsc = values.get("-r", values.get("--resource"))
    node = values.get("-N", values.get("--node", context.node))
    if rsc is None:
        return CommandResult(stderr="crm_failcount: Error: must specify resource (-r)\n", rc=64)
    if node not in context.sim.node_names:
        return CommandResult(stderr=f"Could not map name={node} to a UUID\n", rc=105)
    if "-D" in values or "--delete" in values:
        context.sim.pacemaker.cleanup(rsc, node)
        return CommandResult()
    attrs = context.sim.cib.transient(node, _node_id(context, node))
    total = 0
    for name, value in attrs.items():
        if name.startswith(f"fail-count-{rsc}#"):
            total += 1_000_000 if value.upper() == "INFINITY" else int(value)
    shown = "INFINITY" if total >= 1_000_000 else str(total)
    return CommandResult(stdout=f"{shown}\n" if "-q" in values else f"scope=status  name=fail-count-{rsc} value={shown}\n")


@register("crm_node")
def crm_node(context: CommandContext, argv: list[str]) -> CommandResult:
    sim, node = context.sim, context.node
    if not sim.pacemaker.pacemaker_up(node):
        return CommandResult(stderr="error: Could not connect to controller: Connection refused\n", rc=102)
    flag = argv[0] if argv else "-h"
    if flag in ("-n", "--name"):
        return CommandResult(stdout=f"{node}\n")
    if flag in ("-i", "--cluster-id"):
        return CommandResult(stdout=f"{_node_id(context, node)}\n")
    if flag in ("-q", "--quorum"):
        quorum = sim.totem.nodes[node].quorum
        return CommandResult(stdout="1\n" if quorum and quorum.quorate else "0\n")
    if flag in ("-p", "--partition"):
        return CommandResult(stdout=" ".join(sim.pacemaker.peers(node)) + "\n")
    if flag in ("-l", "--list"):
        peers = set(sim.pacemaker.peers(node))
        lines = [f"{_node_id(context, n)} {n} {'member' if n in peers else 'lost'}" for n in sim.node_names]
        return CommandResult(stdout="\n".join(lines) + "\n")
    return CommandResult(stdout="Usage:\n  crm_node [OPTION?]\n\ncrm_node - Tool for displaying low-level node "
                                "information\n", rc=0 if flag in ("-h", "--help") else 64)


_VERIFY_SHORT = {"L": "live-check", "x": "xml-file", "X": "xml-text", "p": "xml-pipe", "S": "save-xml", "V": "verbose",
                 "$": "version", "?": "help", "h": "help"}
_VERIFY_LONG = {"live-check": False, "xml-file": True, "xml-text": True, "xml-pipe": False, "save-xml": True,
                "verbose": False, "version": False, "help": False, "help-all": False, "help-output": False,
                "output-as": True, "output-to": True}  # name -> takes a value
_VERIFY_HELP = """\
Usage:
  crm_verify [OPTION?]

Check a Pacemaker configuration for errors

Check the well-formedness of a complete Pacemaker XML configuration,
its conformance to the configured schema, and the presence of common
misconfigurations. Problems reported as errors must be fixed before the
cluster will work properly. It is left to the administrator to decide
whether to fix problems reported as warnings.

Help Options:
  -h, --help              Show help options
  --help-all              Show all help options
  --help-output           Show output help
  --help-data             Show data options
  --help-additional       Show additional options

Application Options:
  -$, --version           Display software version and exit
  -V, --verbose           Increase debug output (may be specified multiple times)

Examples:

Check the consistency of the configuration in the running cluster:

	crm_verify --live-check

Check the consistency of the configuration in a given file and produce verbose output:

	crm_verify --xml-file file.xml --verbose


"""


def _verify_options(argv: list[str]) -> list[tuple[str, str]] | str:
    """GLib's option parser as crm_verify uses it: clusters of short flags, `--name=value`, no
    abbreviations, other words ignored; a refusal is its message."""
    options: list[tuple[str, str]] = []
    words = iter(argv)
    for word in words:
        if word == "--":
            break
        if word.startswith("--"):
            name, equals, value = word[2:].partition("=")
            if name not in _VERIFY_LONG:
                return f"Unknown option {word}"
            following = next(words, None) if _VERIFY_LONG[name] and not equals else value
            if following is None:
                return f"Missing argument for --{name}"
            options.append((name, following))
        elif word.startswith("-") and len(word) > 1:
            for index, char in enumerate(word[1:], start=1):
                name = _VERIFY_SHORT.get(char, "")
                if not name:
                    return f"Unknown option -{char}"
                if _VERIFY_LONG[name]:
                    following = word[index + 1:] or next(words, None)
                    if following is None:
                        return f"Missing argument for -{char}"
                    options.append((name, following))
                    break
                options.append((name, ""))
    return options


@register("crm_verify")
def crm_verify(context: CommandContext, argv: list[str]) -> CommandResult:
    """crm_verify -L: the configuration errors the scheduler logs while unpacking the live CIB,
    in crm_verify's words (crm_verify_checks.py). Broken references never get this far: the CIB
    refuses them. Its options are parsed as the real tool parses them; a CIB given with -x, -X or
    -p is read (an unreadable one gets the real message) and then refused by name."""
    from halab_kernel.commands.crm_verify_checks import check
    parsed = _verify_options(argv)
    if isinstance(parsed, str):
        return CommandResult(stderr=f"crm_verify: {parsed}\n", rc=64)
    given = dict(parsed)
    if given.keys() & {"help", "help-all", "help-output"}:
        return CommandResult(stdout=_VERIFY_HELP)
    if "version" in given:
        return CommandResult(stdout="Pacemaker 2.1.5\nWritten by Andrew Beekhof and the Pacemaker project contributors\n")
    if given.get("output-as", "text") not in ("text", "xml"):
        return CommandResult(stderr=f"crm_verify: Error creating output format {given['output-as']}: Unknown output "
                                    "format\n", rc=1)
    if "xml-file" in given:
        source, text = f"file: {given['xml-file']}", context.sim.files(context.node).get(given["xml-file"], "")
    elif "xml-text" in given:
        source, text = f"string: {given['xml-text']}", given["xml-text"]
    elif "xml-pipe" in given:
        source, text = "from STDIN.", ""  # the lab's commands read an empty stdin
    elif "live-check" not in given:
        return CommandResult(stderr="crm_verify: No configuration source specified.  Use --help for usage "
                                    "information.\n", rc=1)
    else:
        source, text = "", None
    if text is not None:
        try:
            etree.fromstring(text.encode())
        except etree.XMLSyntaxError:
            return CommandResult(stderr=f"crm_verify: Couldn't parse input {source}\n", rc=1)
    unmodelled = [what for what, present in (
        ("checking a CIB given with -x, -X or -p (crm_verify -L checks the lab's CIB)", text is not None),
        ("saving the checked CIB (-S)", "save-xml" in given), ("XML output (--output-as=xml)", "output-as" in given
                                                               and given["output-as"] == "xml"),
        ("writing the output to a file (--output-to)", "output-to" in given)) if present]
    if unmodelled:
        return CommandResult(stderr=f"crm_verify: not simulated: {unmodelled[0]}; try it on real nodes: halab rig up\n",
                             rc=69)
    verbosity = sum(1 for name, _ in parsed if name == "verbose")
    seen = context.sim.reading(context.node)  # the node's own CIB, as the real tool asks it
    found = check(seen.cib)
    for node in seen.nodes_before:  # fencing a node, or failing to, is a warning that counts
        if node.state.startswith("unclean"):
            found.warning("determine_online_status", f"{node.uname} is unclean")
    stderr, rc = found.report(verbosity)
    return CommandResult(stderr=stderr, rc=rc)
