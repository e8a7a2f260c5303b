"""crm_resource: locate, explain, move, ban, clear, clean up and fail resources.

Messages, constraint ids and exit codes are those of Pacemaker 2.1.5's
crm_resource (checked offline with CIB_file against the real tool):
`--move` leaves `cli-prefer-RSC`, `--ban` leaves `cli-ban-RSC-on-NODE` with its
warning, `--clear` removes both kinds and says so.
"""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import datetime

from lxml import etree

from halab_kernel.commands.cib_schema import schema_problem
from halab_kernel.commands.cli_constraints import add_ban, add_prefer, ban_warning
from halab_kernel.commands.crm_resource_params import AttributeRequest
from halab_kernel.commands.crm_tools import known_node
from halab_kernel.commands.crm_resource_params import run as run_attribute
from halab_kernel.commands.glib_options import CommandLine
from halab_kernel.commands.glib_options import read as read_options
from halab_kernel.commands.pcs.isodates import format_moment, parse_duration
from halab_kernel.commands.pcs.move_ban import clear_constraints
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult
from halab_kernel.values import wall_clock

NO_SUCH_OBJECT = 105
USAGE = 64
TIMEOUT = 124
_HELP = ("help", "help-all", "help-output", "help-queries", "help-commands", "help-locations", "help-advanced",
         "help-additional")
_COMMANDS = ("list", "list-raw", "locate", "why", "move", "ban", "clear", "cleanup", "fail", "get-parameter", "set-parameter",
             "delete-parameter", "wait", *_HELP)
# options that qualify a command; the real tool reads each whatever the command (and ignores it where unused)
_MODIFIERS = ("resource", "node", "quiet", "force", "lifetime", "parameter-value", "meta", "utilization", "set-name",
              "timeout", "promoted", "master", "expired")
# what --force changes in these commands is not modelled
_FORCED = ("move", "ban", "clear", "cleanup")
_PARAMETER_COMMANDS = {"get-parameter": "get", "set-parameter": "set", "delete-parameter": "delete"}
_NOT_SUPPORTED = "crm_resource: not simulated: the option --{}; try it on real nodes: halab rig up\n"


def _not_found(kind: str, name: str) -> CommandResult:
    return CommandResult(stderr=f"crm_resource: {kind} '{name}' not found\nError performing operation: "
                                "No such object\n", rc=NO_SUCH_OBJECT)


def _resource_ids(root: etree._Element, unique_children: bool = False) -> list[str]:
    """The ids crm_resource finds: a globally-unique clone's child only by its instances (P:0), not as P,
    but for the parameter commands, which read and write its definition."""
    return [element.get("id", "") for element in root.iterfind("configuration/resources//*")
            if element.tag in ("primitive", "group", "clone", "master", "bundle")
            and (unique_children or not _in_unique_clone(element))]


def _cloned(root: etree._Element, rsc: str) -> bool:
    """`rsc` is a primitive or group inside a clone (its instances are RSC:N)."""
    element = next((e for e in root.iterfind("configuration/resources//*") if e.get("id") == rsc), None)
    return element is not None and element.tag in ("primitive", "group") and \
        any(True for _ in element.iterancestors("clone", "master"))


def _in_unique_clone(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag in ("clone", "master") and any(
        pair.get("name") == "globally-unique" and pair.get("value", "").lower() in ("true", "yes", "on", "1", "y")
        for pair in parent.iterfind("meta_attributes/nvpair"))


def _primitives_of(root: etree._Element, rsc: str) -> list[str]:
    for element in root.iterfind("configuration/resources//*"):
        if element.get("id") == rsc:
            if element.tag == "primitive":
                return [rsc]
            return [p.get("id", "") for p in element.iterfind(".//primitive")]
    return []


@register("crm_resource")
def crm_resource(context: CommandContext, argv: list[str]) -> CommandResult:
    line = read_options("crm_resource", argv, (*_COMMANDS, *_MODIFIERS))
    if isinstance(line, CommandResult):
        return line
    if line.arguments:
        listed = "".join(f"[{n} of {len(line.arguments)}] {word}\n" for n, word in enumerate(line.arguments, 1))
        return CommandResult(stderr=f"crm_resource: non-option ARGV-elements:\n{listed}\n", rc=USAGE)
    rsc, node, quiet = line.value("resource"), line.value("node"), line.has("quiet")
    command = next((name for name in reversed(line.names()) if name in _COMMANDS), None)
    if command in _FORCED and line.has("force"):
        return CommandResult(stderr=_NOT_SUPPORTED.format(f"force with --{command}"), rc=69)
    if line.has("expired") and command != "clear":
        return CommandResult(stderr="crm_resource: --expired requires --clear or -U\n", rc=USAGE)
    if command == "clear" and (line.has("expired") or line.has("promoted") or line.has("master")):
        option = "expired" if line.has("expired") else "promoted" if line.has("promoted") else "master"
        return CommandResult(stderr=_NOT_SUPPORTED.format(f"{option} with --clear"), rc=69)
    sim = context.sim
    if not sim.pacemaker.pacemaker_up(context.node):
        return CommandResult(stderr="crm_resource: Could not connect to the CIB: Transport endpoint is not "
                                    "connected\nError performing operation: Not connected\n", rc=107)
    if command == "wait":
        return _wait(context, line.value("timeout"))
    root = sim.cib.read()
    if command is None or command in _HELP:
        return CommandResult(stdout="Usage:\n  crm_resource [OPTION?]\n\ncrm_resource - perform tasks related to "
                                    "Pacemaker cluster resources\n", rc=0 if command else USAGE)
    if node is not None and (command in ("list", "list-raw") or command == "why" and rsc is None) \
            and known_node(context, node) is None:  # the node is looked up once the CIB is read
        return _not_found("Node", node)
    if command == "list-raw":
        return CommandResult(stdout="".join(f"{name}\n" for name in instance_names(root)))
    if command == "list":
        from halab_kernel.commands.crm_mon import resource_lines

        return CommandResult(stdout="\n".join(resource_lines(context, with_nodes=False)) + "\n")
    if command == "cleanup":
        return _cleanup(context, root, rsc, node)
    if command == "why" and rsc is None:
        if node is not None:
            return CommandResult(stderr=_NOT_SUPPORTED.format("why -N without -r (the instances on a node)"), rc=69)
        tops = [element.get("id", "") for element in root.iterfind("configuration/resources/*")]
        return CommandResult(stdout="".join(_why(context, root, top, None) for top in tops))
    if rsc is None:
        return CommandResult(stderr="crm_resource: Must supply a resource id with -r\n", rc=USAGE)
    instance = re.fullmatch(r"(.+):\d+", rsc)
    if instance and rsc not in _resource_ids(root) and _cloned(root, instance.group(1)):
        if command in ("move", "ban", "clear"):
            return CommandResult(stderr=f"crm_resource: Cannot operate on clone resource instance '{rsc}'\nError "
                                        "performing operation: Invalid parameter\n", rc=2)
        return CommandResult(stderr=_NOT_SUPPORTED.format(f"-r with a clone instance ({rsc})"), rc=69)
    if rsc not in _resource_ids(root, unique_children=command in _PARAMETER_COMMANDS):
        return _not_found("Resource", rsc)
    if node is not None:
        if known_node(context, node) is None:
            return _not_found("Node", node)
        node = known_node(context, node)
    # a clone's child named by its own id: 2.1.5 finds its instance 0 (pe_find_anon) and answers --why, --move
    # and --ban for that instance, writing the constraints for the id as given
    first = _first_instance(context, rsc) if command in ("why", "move", "ban") and _cloned(root, rsc) else None
    if first is None and command in ("why", "move", "ban") and _cloned(root, rsc):  # no instance 0 to find
        return CommandResult(stderr=_NOT_SUPPORTED.format(f"{command} -r with a resource inside a clone ({rsc}) "
                                                          "that has no instance 0"), rc=69)
    if command == "locate":
        active = active_on(context, rsc)
        if not active:
            return CommandResult(stderr="" if quiet else f"resource {rsc} is NOT running\n")
        if quiet:
            return CommandResult(stdout="".join(f"{n}\n" for n, _ in active))
        return CommandResult(stdout="".join(f"resource {rsc} is running on: {n}{' Promoted' if promoted else ''}\n"
                                            for n, promoted in active))
    if command == "why":
        return CommandResult(stdout=_why(context, root, rsc, node, first))
    if command in ("move", "ban"):
        active = active_on(context, rsc) if first is None else _instance_nodes(first, False)
        placed = _place(context, root, rsc, node, command == "ban", line.value("lifetime"),
                        line.has("promoted") or line.has("master"), active)
        return CommandResult("" if quiet else placed.stdout, placed.stderr, placed.rc)  # -Q: no notices
    if command == "clear":
        return _clear(context, root, rsc, node)
    if command in _PARAMETER_COMMANDS:
        return _parameter(context, root, line, rsc, command)
    if node is None:  # --fail
        return CommandResult(stderr="crm_resource: You need to specify a node name with -N\n", rc=USAGE)
    for primitive in _primitives_of(root, rsc):
        sim.pacemaker.simulate_failure(node, primitive)
    return CommandResult()


def _why(context: CommandContext, root: etree._Element, rsc: str, node: str | None, first=None) -> str:
    """--why: whether it runs (on the node given), then cli_resource_check's findings: they read the
    resource's own meta attributes as unpacked (its own over those it inherits from its group or
    clone) and name its top-level parent. `first`: the instance found for a clone's child (RSC:0)."""
    if first is None:
        where, shown = {n for n, _ in active_on(context, rsc)}, rsc
    else:
        where, shown = {n for n, _ in _instance_nodes(first, False)}, first.id
    on = f" on host {node}" if node else ""
    lines = [f"Resource {shown} is {'running' if (node in where if node else where) else 'not running'}{on}"]
    element = next(e for e in root.iterfind("configuration/resources//*") if e.get("id") == rsc)
    chain = [element, *(e for e in element.iterancestors() if e.tag in ("group", "clone", "master", "bundle"))]
    top = chain[-1].get("id", "")
    meta: dict[str, str] = {}
    for holder in reversed(chain):  # the parent's first, the resource's own over them; the first pair of a name wins
        own: dict[str, str] = {}
        for pair in holder.iterfind("meta_attributes/nvpair"):
            own.setdefault(pair.get("name", ""), pair.get("value", ""))
        meta.update(own)
    role = meta.get("target-role", "").lower()
    if role == "stopped":
        lines.append(f"Configuration specifies '{top}' should remain stopped")
    elif role in ("unpromoted", "slave") and _promotable(root, top):
        lines.append(f"Configuration specifies '{top}' should not be promoted")
    if "is-managed" in meta and meta["is-managed"].lower() not in ("true", "yes", "on", "1", "y"):
        lines.append(f"Configuration prevents cluster from stopping or starting unmanaged '{top}'")
    return "".join(f"{line}\n" for line in lines)


def active_on(context: CommandContext, rsc: str) -> list[tuple[str, bool]]:
    """(node, promoted) where the node's view of the CIB shows `rsc` active, in crm_resource 2.1.5's
    order: a clone (or its anonymous primitive) instance by instance, each prepended, so the last
    instance comes first; a group once per node its managed members run on, and once per
    unmanaged member on an online node (the scheduler adds those to the group without checking,
    and not at all when the node is offline)."""
    found = context.sim.reading(context.node)
    view, clone = _find_view(found.every, rsc)
    if view is None:
        return []
    if clone is not None:  # build_node_info_list: each instance's running list, each node prepended
        return [pair for instance in reversed(clone.children)
                for pair in reversed(_instance_nodes(instance, clone.promotable))]
    online = {status.uname for status in found.nodes_before if status.state in ("online", "standby", "maintenance")}
    members = {primitive.id: primitive for primitive in _primitive_views(view)}
    # the order the scheduler unpacks the histories in: node by node as the status lists them, each
    # node's resources in its own order (so a managed member first keeps its node once, then an
    # unmanaged one appends it again)
    unpacked = [(state.get("uname", ""), entry.get("id", "")) for state in found.cib.iterfind("status/node_state")
                for entry in state.iterfind("lrm/lrm_resources/lrm_resource")]
    placed = [(node, rid) for node, rid in unpacked if rid in members and node in members[rid].status.nodes]
    placed += [(node, rid) for rid, primitive in members.items() for node in primitive.status.nodes
               if (node, rid) not in placed]
    nodes: list[str] = []
    for node, rid in placed:
        if view.kind == "group" and not members[rid].status.managed:
            nodes += [node] if node in online else []  # added to the group unchecked, and only if online
        elif node not in nodes:
            nodes.append(node)
    return [(n, False) for n in reversed(nodes)]


def _active_count(context: CommandContext, rsc: str) -> int:
    """The count `active_node` gives crm_resource -g: the nodes where any of its instances is active (a
    group: its running list, see active_on)."""
    view, _ = _find_view(context.sim.reading(context.node).every, rsc)
    if view is not None and view.kind == "group":  # its running list: an unmanaged member's node again
        return len(active_on(context, rsc))
    return 0 if view is None else len({n for p in _primitive_views(view) for n in p.status.nodes})


def _instance_nodes(instance, promotable: bool) -> list[tuple[str, bool]]:
    """(node, promoted) of one clone instance: its running list, a node once (a group instance: its members')."""
    primitives = _primitive_views(instance)
    promoted = promotable and any(p.status.role == "Promoted" for p in primitives)
    return [(n, promoted) for n in dict.fromkeys(n for p in primitives for n in p.status.nodes)]


def _first_instance(context: CommandContext, rsc: str):
    """The instance 2.1.5 finds for a resource of an anonymous clone named by its own id: RSC:0."""
    def find(views):
        for view in views:
            if view.id == f"{rsc}:0":
                return view
            found = find(view.children)
            if found is not None:
                return found
        return None
    return find(context.sim.reading(context.node).every)


def _primitive_views(view) -> list:
    return [view] if view.status is not None else [p for child in view.children for p in _primitive_views(child)]


def _find_view(views, rsc: str, clone=None):
    """The status view crm_resource 2.1.5 reports for `rsc` and, when it reports a clone's instances, that
    clone; (None, None) if none. A clone: its instances. A primitive of an anonymous clone named by its own
    id (the name its history has): the clone's instances (cli_resource_search). A group of an anonymous
    clone named by its own id: its first instance (pe_find_anon finds RSC:0; a group has no history name)."""
    for view in views:
        if view.id == rsc:
            return view, (view if view.kind == "clone" else None)
        if clone is not None and not clone.unique and view.id.split(":")[0] == rsc:
            return (view, None) if view.kind == "group" else (clone, clone)
        found = _find_view(view.children, rsc, view if view.kind == "clone" else clone)
        if found[0] is not None:
            return found
    return None, None


def _place(context: CommandContext, root: etree._Element, rsc: str, node: str | None, ban: bool,
           lifetime: str | None, promoted: bool, active: list[tuple[str, bool]]) -> CommandResult:
    """--move/--ban of `rsc`, active on `active` ((node, promoted) pairs)."""
    until = None
    if lifetime is not None:
        duration = parse_duration(lifetime)
        until = None if duration is None else duration.after(wall_clock(context.sim.clock.now))
    where = sorted({n for n, _ in active})
    notice = ""
    if node is None and len(where) != 1 and _promotable(root, rsc):  # ban_or_move: the one promoted instance
        promoted_on = [n for n, is_promoted in active if is_promoted]
        if len(promoted_on) != 1:
            return CommandResult(stderr=f"crm_resource: Resource '{rsc}' not moved: active in {len(where)} locations "
                                        f"(promoted in {len(promoted_on)}).\nTo prevent '{rsc}' from running on a "
                                        f"specific location, specify a node.To prevent '{rsc}' from being promoted "
                                        "at a specific location, specify a node and the --promoted option.\n", rc=USAGE)
        where = promoted_on
    elif node is not None and not ban and promoted:
        if _promotable(root, rsc):
            return CommandResult(stderr=_NOT_SUPPORTED.format("promoted with --move -N (a promotable resource)"),
                                 rc=69)
        notice, promoted = f"Ignoring --promoted option: {rsc} is not promotable\n", False
    if lifetime is not None and until is None:  # read once the node is chosen, as the real tool does
        chosen = place_constraint(deepcopy(root), rsc, node, ban, where, None, promoted)
        return CommandResult(notice + chosen.stdout, chosen.stderr, chosen.rc) if chosen.rc != 0 else CommandResult(
            stdout=notice, stderr=f"Invalid duration specified: {lifetime}\nPlease refer to https://en.wikipedia.org/"
                                  "wiki/ISO_8601#Durations for examples of valid durations\n", rc=USAGE)
    result = place_constraint(root, rsc, node, ban, where, until, promoted)
    result = CommandResult(notice + result.stdout, result.stderr, result.rc)
    if result.rc == 0:
        context.sim.cib.replace(root, client="crm_resource", origin=context.node)
    return result


def _promotable(root: etree._Element, rsc: str) -> bool:
    """The resource is a promotable clone or inside one (`promotable` meta true, or a legacy master)."""
    element = next((e for e in root.iterfind("configuration/resources//*") if e.get("id") == rsc), None)
    while element is not None and element.tag not in ("clone", "master"):
        element = element.getparent() if element.getparent() is not None and \
            element.getparent().tag != "resources" else None
    if element is None:
        return False
    return element.tag == "master" or any(
        pair.get("name") == "promotable" and pair.get("value", "").lower() in ("true", "yes", "on", "1", "y")
        for pair in element.iterfind("meta_attributes/nvpair"))


def instance_names(root: etree._Element) -> list[str]:
    """--list-raw: every primitive in document order, a clone's as its instances (NAME:0 ... clone-max - 1)."""
    nodes = len(root.findall("configuration/nodes/node"))

    def names(element: etree._Element, suffix: str) -> list[str]:
        if element.tag == "primitive":
            return [f"{element.get('id')}{suffix}"]
        if element.tag in ("clone", "master"):
            meta = {p.get("name"): p.get("value", "") for p in element.iterfind("meta_attributes/nvpair")}
            count = int(meta["clone-max"]) if meta.get("clone-max", "").isdigit() else nodes
            return [name for n in range(count) for child in element if child.tag in ("primitive", "group")
                    for name in names(child, f":{n}")]
        return [name for child in element for name in names(child, suffix)]

    resources = root.find("configuration/resources")
    return [] if resources is None else [name for child in resources for name in names(child, "")]


def place_constraint(root: etree._Element, rsc: str, node: str | None, ban: bool,
                     where: list[str], until: datetime | None = None, promoted: bool = False) -> CommandResult:
    """`--move`/`--ban [--lifetime]` as crm_resource 2.1.5 writes them into `root` (edited in place;
    cli_constraints.py), for a resource active on `where`: without a node both ban the one node it is
    active on; a move onto the node it already runs on is refused."""
    if node is None:
        if len(where) != 1:
            return CommandResult(stderr=f"crm_resource: Resource '{rsc}' not moved: active in {len(where)} "
                                        f"locations.\nTo prevent '{rsc}' from running on a specific location, "
                                        "specify a node.\n", rc=64)
        node, ban = where[0], True
    elif not ban and where == [node]:
        return CommandResult(stderr="crm_resource: Error performing operation: Requested item already exists\n",
                             rc=108)
    constraints = root.find("configuration/constraints")
    end = None if until is None else format_moment(until)
    ending = "" if end is None else f"Migration will take effect until: {end}\n"
    if not ban:
        add_prefer(constraints, rsc, node, promoted, end)
        return CommandResult(stdout=ending)
    add_ban(constraints, rsc, node, promoted, end)
    if schema_problem(root) is not None:  # merged into a ban of another shape: the CIB refuses it
        return CommandResult(stdout=ending + ban_warning(rsc, node, promoted) + "\n",
                             stderr="crm_resource: Error performing operation: Invalid configuration\n", rc=78)
    return CommandResult(stdout=ending + ban_warning(rsc, node, promoted) + "\n")


def _clear(context: CommandContext, root: etree._Element, rsc: str, node: str | None) -> CommandResult:
    removed = clear_constraints(root, rsc, node)
    if removed:
        context.sim.cib.replace(root, client="crm_resource", origin=context.node)
    return CommandResult(stdout="".join(f"Removing constraint: {cid}\n" for cid in removed))


def _cleanup(context: CommandContext, root: etree._Element, rsc: str | None, node: str | None) -> CommandResult:
    sim = context.sim
    if rsc is not None and rsc not in _resource_ids(root):
        return _not_found("Resource", rsc)
    if node is not None:
        if known_node(context, node) is None:
            return _not_found("Node", node)
        node = known_node(context, node)
    primitives = _primitives_of(root, rsc) if rsc else [None]
    for primitive in primitives:
        sim.pacemaker.cleanup(primitive, node, context.node)
    if rsc is None:
        where = f"on {node}" if node else "on all nodes"
        return CommandResult(stdout=f"Cleaned up all resources {where}\n")
    nodes = [node] if node else list(sim.node_names)
    return CommandResult(stdout="".join(f"Cleaned up {p} on {n}\n" for p in primitives for n in nodes))


def _parameter(context: CommandContext, root: etree._Element, line: CommandLine, rsc: str,
               command: str) -> CommandResult:
    """-g/-p/-d NAME [-v VALUE] [--meta|--utilization] [--set-name SET] (crm_resource_params.py)."""
    value = line.value("parameter-value")
    action = _PARAMETER_COMMANDS[command]
    if action == "set" and not value:  # an empty value is no value
        return CommandResult(stderr="crm_resource: You need to supply a value with the -v option\n", rc=USAGE)
    set_type = "instance_attributes"
    for name in line.names():  # the last of --meta/--utilization wins
        if name == "meta":
            set_type = "meta_attributes"
        elif name == "utilization":
            set_type = "utilization"
    request = AttributeRequest(action, rsc, line.value(command) or "", set_type, value, line.value("set-name"),
                               force=line.has("force"), quiet=line.has("quiet"))
    result, changed = run_attribute(root, request)
    element = next(e for e in root.iterfind("configuration/resources//*") if e.get("id") == rsc)
    in_clone = element.tag == "primitive" and element.getparent().tag in ("clone", "master")  # one instance
    if action == "get" and not in_clone and _active_count(context, rsc) > 1:
        result = CommandResult(result.stdout, f"{rsc} is active on more than one node, returning the default value "
                                              f"for {request.name}\n" + result.stderr, result.rc)
    if changed:
        context.sim.cib.replace(root, client="crm_resource", origin=context.node)
    return result


def _wait(context: CommandContext, timeout: str | None) -> CommandResult:
    """--wait [-T N]: until the cluster has nothing left to do (the DCs idle), at most N (seconds, or
    with a unit; 0 or none: an hour; unreadable: already over). On a timeout the real tool lists the
    pending actions under its heading: the simulator gives the heading only."""
    seconds = _seconds(timeout) if timeout else 0.0
    limit = 3600.0 if seconds == 0 else seconds
    if limit is None or not context.sim.clock.run_until(context.sim.pacemaker.idle, limit):
        return CommandResult(stdout="Pending actions:\n",
                             stderr="crm_resource: Error performing operation: Timeout occurred\n", rc=TIMEOUT)
    return CommandResult()


def _seconds(text: str) -> float | None:
    """crm_get_msec: a number with an optional unit (ms, s, m/min, h); seconds without one."""
    match = re.fullmatch(r"\s*(\d+)\s*(ms|msec|s|sec|m|min|h|hr)?\s*", text)
    if match is None:
        return None
    scale = {"ms": 0.001, "msec": 0.001, "m": 60, "min": 60, "h": 3600, "hr": 3600}.get(match.group(2) or "s", 1)
    return int(match.group(1)) * scale
