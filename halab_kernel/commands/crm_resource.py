"""crm_resource: locate, explain, move, ban, clear, clean up and fail resources.

Messages, constraint ids and exit codes are those of Pacemaker 2.1.5's
crm_resource (checked offline with CIB_file against the real tool):
`--move` leaves `cli-prefer-RSC`, `--ban` leaves `cli-ban-RSC-on-NODE` with its
warning, `--clear` removes both kinds and says so.
"""

from __future__ import annotations

import getopt
import re

from lxml import etree

from halab_kernel.commands.crm_resource_params import AttributeRequest
from halab_kernel.commands.crm_resource_params import run as run_attribute
from halab_kernel.commands.pcs.move_ban import clear_constraints
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult

NO_SUCH_OBJECT = 105
USAGE = 64
TIMEOUT = 124
_SHORT = "r:N:WYLMBUCFQhg:p:v:d:mzs:T:"
_LONG = ["resource=", "node=", "locate", "why", "list", "move", "ban", "clear", "cleanup", "fail", "quiet", "help",
         "force", "lifetime=", "get-parameter=", "set-parameter=", "parameter-value=", "delete-parameter=", "meta",
         "utilization", "set-name=", "timeout=", "wait"]
# options that qualify the command rather than being one (the last command option given is the command)
_MODIFIERS = ("-r", "--resource", "-N", "--node", "-Q", "--quiet", "--force", "--lifetime", "-v", "--parameter-value",
              "-m", "--meta", "-z", "--utilization", "-s", "--set-name", "-T", "--timeout")
_PARAMETER_COMMANDS = {"-g": "get", "--get-parameter": "get", "-p": "set", "--set-parameter": "set",
                       "-d": "delete", "--delete-parameter": "delete"}


def _not_found(kind: str, name: str) -> CommandResult:
    return CommandResult(stderr=f"crm_resource: {kind} '{name}' not found\nError performing operation: "
                                "No such object\n", rc=NO_SUCH_OBJECT)


def _resource_ids(root: etree._Element) -> list[str]:
    return [element.get("id", "") for element in root.iterfind("configuration/resources//*")
            if element.tag in ("primitive", "group", "clone", "master", "bundle")]


def _primitives_of(root: etree._Element, rsc: str) -> list[str]:
    for element in root.iterfind("configuration/resources//*"):
        if element.get("id") == rsc:
            if element.tag == "primitive":
                return [rsc]
            return [p.get("id", "") for p in element.iterfind(".//primitive")]
    return []


@register("crm_resource")
def crm_resource(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, extra = getopt.gnu_getopt(argv, _SHORT, _LONG)
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"crm_resource: {error.msg}\n", rc=64)
    if extra:
        return CommandResult(stderr=f"crm_resource: non-option argument '{extra[0]}'\n", rc=64)
    values = {flag: value for flag, value in options}
    rsc = values.get("-r", values.get("--resource"))
    node = values.get("-N", values.get("--node"))
    quiet = "-Q" in values or "--quiet" in values
    command = next((flag for flag, _ in reversed(options) if flag not in _MODIFIERS), None)
    sim = context.sim
    if not sim.pacemaker.pacemaker_up(context.node):
        return CommandResult(stderr="crm_resource: Could not connect to the CIB: Transport endpoint is not "
                                    "connected\nError performing operation: Not connected\n", rc=107)
    if command == "--wait":
        return _wait(context, values.get("-T", values.get("--timeout")))
    root = sim.cib.read()
    if command in (None, "-h", "--help"):
        return CommandResult(stdout="Usage:\n  crm_resource [OPTION?]\n\ncrm_resource - perform tasks related to "
                                    "Pacemaker cluster resources\n", rc=0 if command else 64)
    if command in ("-L", "--list"):
        from halab_kernel.commands.crm_mon import resource_lines

        return CommandResult(stdout="\n".join(resource_lines(context, with_nodes=False)) + "\n")
    if command == "-C" or command == "--cleanup":
        return _cleanup(context, root, rsc, node)
    if rsc is None:
        return CommandResult(stderr="crm_resource: Must supply a resource id with -r\n", rc=64)
    if rsc not in _resource_ids(root):
        return _not_found("Resource", rsc)
    if node is not None and node not in sim.node_names:
        return _not_found("Node", node)
    active = active_on(context, rsc)
    where = sorted({n for n, _ in active})
    if command in ("-W", "--locate"):
        if not active:
            return CommandResult(stderr=f"resource {rsc} is NOT running\n")
        if quiet:
            return CommandResult(stdout="".join(f"{n}\n" for n, _ in active))
        return CommandResult(stdout="".join(f"resource {rsc} is running on: {n}{' Promoted' if promoted else ''}\n"
                                            for n, promoted in active))
    if command in ("-Y", "--why"):
        state = "running" if where else "NOT running"
        return CommandResult(stdout=f"Resource {rsc} is {state}\n")
    if command in ("-M", "--move", "-B", "--ban"):
        return _place(context, root, rsc, node, ban=command in ("-B", "--ban"))
    if command in ("-U", "--clear"):
        return _clear(context, root, rsc, node)
    if command in _PARAMETER_COMMANDS:
        return _parameter(context, root, options, rsc, command)
    if command in ("-F", "--fail"):
        if node is None:
            return CommandResult(stderr="crm_resource: You need to specify a node name with -N\n", rc=64)
        for primitive in _primitives_of(root, rsc):
            sim.pacemaker.simulate_failure(node, primitive)
        return CommandResult()
    return CommandResult(stderr=f"crm_resource: option {command} is not supported in the lab\n", rc=64)


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
    if clone is not None:
        instances = [(p, n) for instance in clone.children for p in _primitive_views(instance) for n in p.status.nodes]
        return [(n, clone.promotable and p.status.role == "Promoted") for p, n in reversed(instances)]
    online = {status.uname for status in found.nodes_before if status.state in ("online", "standby", "maintenance")}
    nodes: list[str] = []
    for primitive in _primitive_views(view):
        for node in primitive.status.nodes:
            if view.kind == "group" and not primitive.status.managed:
                nodes += [node] if node in online else []  # added to the group unchecked, and only if online
            elif node not in nodes:
                nodes.append(node)
    return [(n, False) for n in reversed(nodes)]


def _active_count(context: CommandContext, rsc: str) -> int:
    """The count `active_node` gives crm_resource -g: every active primitive instance's nodes, summed."""
    view, _ = _find_view(context.sim.reading(context.node).every, rsc)
    return 0 if view is None else sum(len(p.status.nodes) for p in _primitive_views(view))


def _primitive_views(view) -> list:
    return [view] if view.status is not None else [p for child in view.children for p in _primitive_views(child)]


def _find_view(views, rsc: str, clone=None):
    """The status view named `rsc` and the clone it is (or is in, anonymous); (None, None) if none."""
    for view in views:
        inner = view if view.kind == "clone" else clone
        if view.id == rsc or (view.kind == "clone" and view.child_id == rsc and not view.unique):
            return view, inner
        found = _find_view(view.children, rsc, inner)
        if found[0] is not None:
            return found
    return None, None


def _place(context: CommandContext, root: etree._Element, rsc: str, node: str | None, ban: bool) -> CommandResult:
    where = sorted({n for n, _ in active_on(context, rsc)})
    result = place_constraint(root, rsc, node, ban, where)
    if result.rc == 0:
        context.sim.cib.replace(root, client="crm_resource", origin=context.node)
    return result


def place_constraint(root: etree._Element, rsc: str, node: str | None, ban: bool,
                     where: list[str]) -> CommandResult:
    """`--move`/`--ban` as crm_resource 2.1.5 writes them into `root` (edited in place, untouched
    on failure), for a resource active on `where`: without a node both ban the one node it is
    active on; a move onto the node it already runs on is refused; a move lifts the resource's
    ban on its destination."""
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
    cid = f"cli-ban-{rsc}-on-{node}" if ban else f"cli-prefer-{rsc}"
    replaced = {cid} if ban else {cid, f"cli-ban-{rsc}-on-{node}"}  # a move first lifts a ban on its destination
    for existing in list(constraints.iterfind("rsc_location")):
        if existing.get("id") in replaced:
            constraints.remove(existing)
    etree.SubElement(constraints, "rsc_location", id=cid, rsc=rsc, role="Started", node=node,
                     score="-INFINITY" if ban else "INFINITY")
    if not ban:
        return CommandResult()
    return CommandResult(stdout=(
        f"WARNING: Creating rsc_location constraint '{cid}' with a score of -INFINITY for resource {rsc} on {node}.\n"
        f"\tThis will prevent {rsc} from running on {node} until the constraint is removed using the clear option "
        f"or by editing the CIB with an appropriate tool\n"
        f"\tThis will be the case even if {node} is the last node in the cluster\n"))


def _clear(context: CommandContext, root: etree._Element, rsc: str, node: str | None) -> CommandResult:
    removed = clear_constraints(root, rsc, node)
    if removed:
        context.sim.cib.replace(root, client="crm_resource", origin=context.node)
    return CommandResult(stdout="".join(f"Removing constraint: {cid}\n" for cid in removed))


def _cleanup(context: CommandContext, root: etree._Element, rsc: str | None, node: str | None) -> CommandResult:
    sim = context.sim
    if rsc is not None and rsc not in _resource_ids(root):
        return _not_found("Resource", rsc)
    if node is not None and node not in sim.node_names:
        return _not_found("Node", node)
    primitives = _primitives_of(root, rsc) if rsc else [None]
    for primitive in primitives:
        sim.pacemaker.cleanup(primitive, node)
    if rsc is None:
        where = f"on {node}" if node else "on all nodes"
        return CommandResult(stdout=f"Cleaned up all resources {where}\n")
    nodes = [node] if node else list(sim.node_names)
    return CommandResult(stdout="".join(f"Cleaned up {p} on {n}\n" for p in primitives for n in nodes))


def _parameter(context: CommandContext, root: etree._Element, options: list[tuple[str, str]], rsc: str,
               command: str) -> CommandResult:
    """-g/-p/-d NAME [-v VALUE] [--meta|--utilization] [--set-name SET] (crm_resource_params.py)."""
    values = dict(options)
    value = values.get("-v", values.get("--parameter-value"))
    action = _PARAMETER_COMMANDS[command]
    if action == "set" and value is None:
        return CommandResult(stderr="crm_resource: You need to supply a value with the -v option\n", rc=USAGE)
    set_type = "instance_attributes"
    for flag, _ in options:  # the last of --meta/--utilization wins
        if flag in ("-m", "--meta"):
            set_type = "meta_attributes"
        elif flag in ("-z", "--utilization"):
            set_type = "utilization"
    request = AttributeRequest(action, rsc, values[command], set_type, value,
                               values.get("-s", values.get("--set-name")), force="--force" in values,
                               quiet="-Q" in values or "--quiet" in values)
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
