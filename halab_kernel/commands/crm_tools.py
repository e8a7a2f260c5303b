"""crm_attribute, crm_standby, crm_failcount, crm_node and crm_verify on the simulated cluster.

Output lines and exit codes follow Pacemaker 2.1.5's tools (checked offline
against the real ones with CIB_file): `scope=crm_config  name=X value=Y`,
`Deleted crm_config option: id=... name=...`, 105 for a missing attribute.
"""

from __future__ import annotations

import getopt
import posixpath
import re

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.cib_schema import schema_problem
from halab_kernel.commands.glib_options import read as read_options
from halab_kernel.commands.text_tools import getopt_message
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult

NO_SUCH = CommandResult(stderr="crm_attribute: Error performing operation: No such device or address\n", rc=105)


def _node_id(context: CommandContext, node: str) -> int:
    return context.sim.totem.nodes[node].node_id


def known_node(context: CommandContext, name: str) -> str | None:
    """The node a name means: Pacemaker compares node names without regard to case (`-N NODE1`)."""
    return next((node for node in context.sim.node_names if node.lower() == name.lower()), None)


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
        return CommandResult(stdout="" if quiet else f"Deleted {kind}: id={existing.get('id')} name={name}\n")
    if container is None:
        return NO_SUCH
    if existing is None:
        nvpair_id = f"{_prefix(scope, node_id)}-{name}".replace(":", ".").replace("#", ".")  # crm_xml_sanitize_id
        existing = etree.SubElement(container, "nvpair", id=nvpair_id, name=name)
    existing.set("value", value or "")
    if schema_problem(root) is not None:  # e.g. an id made from a name with a quote: not an XML id
        return CommandResult(stderr=f"Error setting {name}={value or ''} (section={scope}, set={container.get('id')}): "
                             "Update does not conform to the configured schema\n"
                             "crm_attribute: Error performing operation: Unknown error 1016\n", rc=78)
    sim.cib.replace(root, client="crm_attribute", origin=context.node)
    return CommandResult()


_ATTRIBUTE_OPTIONS = ("name", "update", "query", "delete", "quiet", "node", "type", "lifetime", "default", "pattern")
_SECTIONS = ("crm_config", "nodes", "status", *DEFAULTS_SCOPES)


@register("crm_attribute")
def crm_attribute(context: CommandContext, argv: list[str]) -> CommandResult:
    line = read_options("crm_attribute", argv, _ATTRIBUTE_OPTIONS)
    if isinstance(line, CommandResult):
        return line
    name, node = line.value("name"), line.value("node")
    command = next((n for n in reversed(line.names()) if n in ("update", "query", "delete")), "query")  # the last
    kind = line.value("type") or line.value("lifetime")
    scope = {"reboot": "status", "forever": "nodes", None: None}.get(kind, kind)
    if node is not None and scope != "tickets" and known_node(context, node) is None:  # tickets: no node looked up
        return CommandResult(stderr=f"crm_attribute: Could not map name={node} to a UUID\n", rc=105)
    if line.has("pattern"):
        if command != "query" and scope != "status":
            return CommandResult(stderr="crm_attribute: Error: pattern can only be used with query, or with "
                                        "till-reboot update or delete\n", rc=64)
        return CommandResult(stderr="crm_attribute: not simulated: the option --pattern (attributes by pattern, "
                                    "from attrd); try it on real nodes: halab rig up\n", rc=69)
    if name is None:
        return CommandResult(stderr="crm_attribute: Error: must specify attribute name (-n)\n", rc=64)
    if scope == "tickets":
        return CommandResult(stderr="crm_attribute: not simulated: the option -t tickets (use crm_ticket); try it "
                                    "on real nodes: halab rig up\n", rc=69)
    if node is not None:
        node = known_node(context, node)
    if scope is None:
        scope = "nodes" if node else "crm_config"
    if scope not in _SECTIONS:  # cib_internal_op refuses the section: pcmk_rc_ENOMSG
        return CommandResult(stderr="crm_attribute: Error performing operation: No message of desired type\n", rc=76)
    if scope in ("nodes", "status") and node is None:
        node = context.node
    if command == "update":
        return attribute_command(context, scope, node, name, "set", line.value("update"), False)
    action = "delete" if command == "delete" else "get"
    result = attribute_command(context, scope, node, name, action, None, line.has("quiet"))
    default = line.value("default")
    if action == "get" and result.rc == NO_SUCH.rc and default is not None:  # -d: shown when none is set
        return CommandResult(stdout=f"{default}\n" if line.has("quiet") else f"scope={scope}  name={name} value={default}\n")
    return result


def _script_options(tool: str, argv: list[str], short: str, long: list[str],
                    usage_rc: int) -> list[tuple[str, str]] | CommandResult:
    """crm_standby and crm_failcount are shell scripts reading their options with util-linux getopt
    (abbreviated long names included); a malformed line gets getopt's message and the usage line."""
    try:
        options, _ = getopt.gnu_getopt(argv, short, long)
    except getopt.GetoptError as error:
        message = getopt_message(error)
        arguments = "[options]" if tool == "crm_standby" else "[<options>]"
        return CommandResult(stdout=f"\nUsage: {tool} <command> {arguments}\n", stderr=f"{tool}: {message}\n",
                             rc=usage_rc)
    return options


def _script_refusal(tool: str, options: list[tuple[str, str]], unmodelled: tuple[str, ...]) -> CommandResult | None:
    flag = next((flag for flag, _ in options if flag in unmodelled), None)
    if flag is None:
        return None
    return CommandResult(stderr=f"{tool}: not simulated: the option {flag}; try it on real nodes: halab rig up\n",
                         rc=69)


@register("crm_standby")
def crm_standby(context: CommandContext, argv: list[str]) -> CommandResult:
    """crm_standby as the 2.1.5 script runs crm_attribute: a query without a lifetime reads the
    permanent attribute, else the transient one, else `off`; an update without one is permanent; a
    delete without one deletes both."""
    options = _script_options("crm_standby", argv, "VqGv:DN:l:i:U:Q",
                              ["help", "version", "verbose", "quiet", "query", "update=", "delete", "node=",
                               "lifetime=", "id=", "uname=", "get-value", "delete-attr", "attr-value=", "attr-id="],
                              usage_rc=1)
    if isinstance(options, CommandResult):
        return options
    refusal = _script_refusal("crm_standby", options, ("-V", "--verbose", "-Q", "-i", "--id", "--attr-id"))
    if refusal:
        return refusal
    if any(flag == "--help" for flag, _ in options):
        return CommandResult(stdout="Usage: crm_standby <command> [options]\n")
    if any(flag == "--version" for flag, _ in options):
        return crm_attribute(context, ["--version"])
    target, operation, lifetime = context.node, ["-G"], None
    quiet = ["-q"] if any(flag in ("-q", "--quiet") for flag, _ in options) else []
    for flag, value in options:
        if flag in ("-N", "--node", "-U", "--uname"):
            target = value or context.node  # the script's default when the name is empty
        elif flag in ("-G", "--query", "--get-value"):
            operation = ["-G"]
        elif flag in ("-v", "--update", "--attr-value"):
            operation = ["-v", value]
        elif flag in ("-D", "--delete", "--delete-attr"):
            operation = ["-D"]
        elif flag in ("-l", "--lifetime"):
            lifetime = value
    base = ["-N", target, "-n", "standby", *quiet, *operation]
    if known_node(context, target) is None:  # each crm_attribute the script runs says so
        unknown = crm_attribute(context, base)
        both = operation == ["-D"] and lifetime is None  # the script's status is its last command's
        return CommandResult(stderr=unknown.stderr * (2 if both else 1), rc=0 if both else unknown.rc)
    if lifetime is not None:
        return crm_attribute(context, [*base, "-l", lifetime])
    if operation == ["-D"]:
        forever, reboot = crm_attribute(context, [*base, "-l", "forever"]), crm_attribute(context, [*base, "-l", "reboot"])
        return CommandResult(forever.stdout + reboot.stdout, forever.stderr + reboot.stderr)
    if operation != ["-G"]:
        return crm_attribute(context, [*base, "-l", "forever"])
    forever = crm_attribute(context, [*base, "-l", "forever"])
    if forever.rc == 0:
        return forever
    reboot = crm_attribute(context, [*base, "-l", "reboot"])
    if reboot.rc == 105:  # crm_attribute -d off: the default, as a status attribute
        return CommandResult(stdout="off\n" if quiet else "scope=status  name=standby value=off\n")
    return reboot


@register("crm_failcount")
def crm_failcount(context: CommandContext, argv: list[str]) -> CommandResult:
    """crm_failcount as the 2.1.5 script: the sum of a resource's fail counts on a node, or one
    operation's (-n OP -I INTERVAL); -D cleans the resource up there (crm_resource --cleanup)."""
    options = _script_options("crm_failcount", argv, "qDGQVN:U:v:i:l:r:n:I:",
                              ["help", "version", "verbose", "quiet", "query", "delete", "resource=", "node=",
                               "operation=", "interval=", "delete-attr", "get-value", "resource-id=", "uname=",
                               "lifetime=", "attr-value=", "attr-id="], usage_rc=64)
    if isinstance(options, CommandResult):
        return options
    refusal = _script_refusal("crm_failcount", options, ("-V", "--verbose", "-v", "--attr-value", "-i", "--attr-id",
                                                        "-l", "--lifetime"))
    if refusal:
        return refusal
    if any(flag == "--help" for flag, _ in options):
        return CommandResult(stdout="Usage: crm_failcount <command> [<options>]\n")
    if any(flag == "--version" for flag, _ in options):
        return crm_attribute(context, ["--version"])
    command = rsc = operation = None
    node, interval, quiet = context.node, "0", False
    for flag, value in options:
        if flag in ("-G", "--query", "--get-value"):
            command = "query"
        elif flag in ("-D", "--delete", "--delete-attr"):
            command = "delete"
        elif flag in ("-r", "--resource", "--resource-id"):
            rsc = value
        elif flag in ("-N", "--node", "-U", "--uname"):
            node = value
        elif flag in ("-n", "--operation"):
            operation = value
        elif flag in ("-I", "--interval"):
            interval = value
        elif flag in ("-q", "-Q", "--quiet"):
            quiet = True
    usage = _FAILCOUNT_USAGE
    if command is None or not rsc:
        what = "must specify a command" if command is None else "resource name required"
        return CommandResult(stdout=usage, stderr=f"error: {what}\n", rc=64)
    if not node:
        return CommandResult(stdout=usage, stderr="error: node name required\n", rc=64)
    if known_node(context, node) is None:
        unknown = f"crm_attribute: Could not map name={node} to a UUID\n"
        if command == "delete":  # the script's crm_resource --cleanup says it (the resource looked up first)
            from halab_kernel.commands.crm_resource import crm_resource

            return crm_resource(context, ["--cleanup", "-N", node, "-r", rsc])
        name = f"fail-count-{rsc}" if operation is None else f"fail-count-{rsc}#{operation}_{_interval_ms(interval)}"
        return CommandResult(stdout="\n" if quiet else f"scope=status  name={name} value=\n", stderr=unknown)
    node = known_node(context, node) or node
    if command == "delete":
        if operation is not None:
            return CommandResult(stderr="crm_failcount: not simulated: the option -n with -D (one operation's "
                                        "failures); try it on real nodes: halab rig up\n", rc=69)
        from halab_kernel.commands.crm_resource import crm_resource  # the script runs crm_resource --cleanup

        cleaned = crm_resource(context, ["--cleanup", "-N", node, "-r", rsc])
        return CommandResult("" if quiet else cleaned.stdout, cleaned.stderr, cleaned.rc)
    attrs = context.sim.cib.transient(node, _node_id(context, node))
    if operation is not None:
        name = f"fail-count-{rsc}#{operation}_{_interval_ms(interval)}"
        shown = attrs.get(name, "0")
    else:
        name, total = f"fail-count-{rsc}", 0
        for key, value in attrs.items():
            if key.startswith(f"fail-count-{rsc}#"):
                total += 1_000_000 if value.upper() == "INFINITY" else int(value)
        shown = "INFINITY" if total >= 1_000_000 else str(total)
    return CommandResult(stdout=f"{shown}\n" if quiet else f"scope=status  name={name} value={shown}\n")


_FAILCOUNT_USAGE = """
Usage: crm_failcount <command> [<options>]
Common options:
 --help                 Display this text, then exit
 --version              Display version information, then exit
 -V, --verbose          Specify multiple times to increase debug output
 -q, --quiet            Print only the value (if querying)

Commands:
 -G, --query            Query the current value of the resource's fail count
 -D, --delete           Delete resource's recorded failures

Additional Options:
 -r, --resource=value   Name of the resource to use (required)
 -n, --operation=value  Name of operation to use (instead of all operations)
 -I, --interval=value   If operation is specified, its interval
 -N, --node=value       Use failcount on named node (instead of local node)
"""


def _interval_ms(text: str) -> int:
    """The script's parse_interval: a number with a unit (s by default), or an ISO 8601 duration;
    anything else counts as 0."""
    match = re.fullmatch(r"\s*(\d+)\s*(|s|sec|ms|msec|m|min|h|hr|us|usec)\s*", text)
    if match:
        scale = {"": 1000, "s": 1000, "sec": 1000, "ms": 1, "msec": 1, "m": 60_000, "min": 60_000, "h": 3_600_000,
                 "hr": 3_600_000}
        unit = match.group(2)
        return int(match.group(1)) // 1000 if unit in ("us", "usec") else int(match.group(1)) * scale[unit]
    seconds = values.iso8601_seconds(text) if text.startswith("P") else None
    return 0 if seconds is None else int(seconds * 1000)


_NODE_COMMANDS = ("name", "cluster-id", "quorum", "partition", "list")


@register("crm_node")
def crm_node(context: CommandContext, argv: list[str]) -> CommandResult:
    line = read_options("crm_node", argv, (*_NODE_COMMANDS, "help", "help-all", "help-commands", "help-additional"))
    if isinstance(line, CommandResult):
        return line
    command = next((name for name in reversed(line.names()) if name in _NODE_COMMANDS), None)
    if command is None:
        return CommandResult(stdout="Usage:\n  crm_node [OPTION?]\n\ncrm_node - Tool for displaying low-level node "
                                    "information\n", rc=0 if line.options else 64)
    sim, node = context.sim, context.node
    if not sim.pacemaker.pacemaker_up(node):
        return CommandResult(stderr="error: Could not connect to controller: Connection refused\n", rc=102)
    if command == "name":
        return CommandResult(stdout=f"{node}\n")
    if command == "cluster-id":
        return CommandResult(stdout=f"{_node_id(context, node)}\n")
    if command == "quorum":
        quorum = sim.totem.nodes[node].quorum
        return CommandResult(stdout="1\n" if quorum and quorum.quorate else "0\n")
    if command == "partition":
        return CommandResult(stdout=" ".join(sim.pacemaker.peers(node)) + "\n")
    peers = set(sim.pacemaker.peers(node))
    lines = [f"{_node_id(context, n)} {n} {'member' if n in peers else 'lost'}" for n in sim.node_names]
    return CommandResult(stdout="\n".join(lines) + "\n")


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
    """crm_verify as 2.1.5 runs it: -L checks the lab's CIB (the configuration errors the scheduler
    logs while unpacking it, in crm_verify's words: crm_verify_checks.py); -x FILE (the node's own
    file), -X TEXT and -p (the lab's commands read an empty stdin) check the document given, as
    `pcs -f FILE cluster verify` does (crm_verify_file.py). -S saves the document read, as Pacemaker
    writes XML; --output-as=xml wraps the exit code in <pacemaker-result>; --output-to writes the
    output to a file of the node. What is not simulated is refused by name."""
    from halab_kernel.commands.crm_verify_file import xml_result
    parsed = _verify_options(argv)
    if isinstance(parsed, str):
        return CommandResult(stderr=f"crm_verify: {parsed}\n", rc=64)
    given = dict(parsed)
    if given.keys() & {"help", "help-all", "help-output"}:
        return CommandResult(stdout=_VERIFY_HELP)
    output_as = given.get("output-as", "text")
    if output_as not in ("text", "xml", "none"):
        return CommandResult(stderr=f"crm_verify: Error creating output format {output_as}: Unknown output "
                                    "format\n", rc=1)
    if output_as == "xml" and any(not word.isascii() for word in argv):
        return _verify_refusal("XML output of a command line with non-ASCII characters")
    if "version" in given:
        version = {"text": VERIFY_VERSION, "none": "", "xml": xml_result(argv, 0, VERIFY_VERSION_XML)}[output_as]
        return _verify_output(context, given, version or "", "", 0)
    answer = _verify_answer(context, given, sum(1 for name, _ in parsed if name == "verbose"))
    if isinstance(answer, str):
        return _verify_refusal(answer)
    stderr, rc = answer
    stdout = xml_result(argv, rc) if output_as == "xml" else ""
    if stdout is None:
        return _verify_refusal(f"XML output of exit code {rc}")
    return _verify_output(context, given, stdout, stderr, rc)


VERIFY_VERSION = "Pacemaker 2.1.5\nWritten by Andrew Beekhof and the Pacemaker project contributors\n"
VERIFY_VERSION_XML = ('  <version program="Pacemaker" version="2.1.5" author="Andrew Beekhof and the Pacemaker project '
                      'contributors" build="a3f44794f94" features="agent-manpages cibsecrets corosync-ge-2 '
                      'generated-manpages lha monotonic nagios ncurses remote systemd"/>\n')
# a node's system folders, which hold files the lab does not keep (/var/lib/pacemaker/cib/cib.xml ...); a file
# the lab does not hold elsewhere (the student's own: ./, /root, /tmp) does not exist
_SYSTEM_FOLDERS = tuple(f"/{folder}/" for folder in ("etc", "var", "usr", "opt", "srv", "run", "proc", "sys", "dev",
                                                     "boot", "lib", "lib64", "bin", "sbin", "mnt", "media"))


def _verify_refusal(what: str) -> CommandResult:
    return CommandResult(stderr=f"crm_verify: not simulated: {what}; try it on real nodes: halab rig up\n", rc=69)


def _verify_output(context: CommandContext, given: dict[str, str], stdout: str, stderr: str,
                   rc: int) -> CommandResult:
    """--output-to FILE: the output (none at all in text) goes to the node's file, `-` is stdout."""
    target = given.get("output-to", "-")
    if target != "-":
        context.sim.files(context.node)[target] = stdout
        stdout = ""
    return CommandResult(stdout=stdout, stderr=stderr, rc=rc)


def _verify_answer(context: CommandContext, given: dict[str, str], verbosity: int) -> tuple[str, int] | str:
    """crm_verify's stderr and exit code for the source given (-L before -x, -X, -p, as 2.1.5 looks),
    saving the document read with -S; or what is not simulated."""
    from halab_kernel.commands.crm_verify_checks import verdict
    from halab_kernel.commands.crm_verify_file import checked_verdict, read_cib_text
    from halab_kernel.sim.pacemaker.cib.dump import dump_formatted
    from halab_kernel.sim.pacemaker.pe_inputs import PENGINE_DIR

    save = given.get("save-xml")
    if "live-check" in given:
        seen = context.sim.reading(context.node)  # the node's own CIB, as the real tool asks it
        live = verdict(seen.cib, ((node.uname, node.state) for node in seen.nodes_before), verbosity, seen.every)
        if save is not None and not isinstance(live, str):
            context.sim.files(context.node)[save] = dump_formatted(context.live_cib())
        return live
    if "xml-file" in given:
        name = given["xml-file"]
        source, text = f"file: {name}", _node_file(context, name)
        if text is None and name.startswith(_SYSTEM_FOLDERS) and not name.startswith(PENGINE_DIR + "/"):
            return f"reading {name}, a file the simulator does not keep"
    elif "xml-text" in given:
        source, text = f"string: {given['xml-text']}", given["xml-text"]
    elif "xml-pipe" in given:
        source, text = "from STDIN.", ""  # the lab's commands read an empty stdin
    else:
        return "crm_verify: No configuration source specified.  Use --help for usage information.\n", 1
    root = read_cib_text(text) if text is not None else None
    if isinstance(root, str):
        return root
    if root is None:
        return f"crm_verify: Couldn't parse input {source}\n", 1
    found = checked_verdict(root, verbosity, values.unix_time(context.sim.now))
    if save is not None and not isinstance(found, str) and found[1] != 76:
        context.sim.files(context.node)[save] = dump_formatted(root)
    return found


def _node_file(context: CommandContext, name: str) -> str | None:
    """The text of a file on the node as Pacemaker's filename2xml reads it: `-` is stdin (empty in
    the lab), a name ending in .bz2 is decompressed (the scheduler's saved inputs)."""
    if name == "-":
        return ""
    if name.endswith(".bz2"):
        saved = context.sim.pacemaker.pe_inputs.find(context.node, name)
        return saved.xml() if saved is not None else ("" if name in context.sim.files(context.node) else None)
    files = context.sim.files(context.node)
    return files.get(name, files.get(posixpath.normpath(name)) if name else None)  # ./cib.xml is cib.xml
