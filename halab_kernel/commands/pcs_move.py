"""`pcs resource move` on a running cluster, as pcs 0.11.5 does it (move_autoclean).

pcs 0.11 no longer leaves a `cli-prefer`/`cli-ban` constraint behind. Before it
touches the cluster it rehearses the move on copies of the live CIB with the
scheduler: put the constraint in, run the transition on paper, take the
constraint out again and schedule once more. If the resource would not move,
or would move back once the constraint is gone (a location preference, a
colocation, zero stickiness), it refuses and changes nothing. Only then does it
create the constraint, wait for the cluster, check again, remove the
constraint, wait, and say where the resource runs.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.crm_resource import clear_constraints, place_constraint
from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers, timeout_to_seconds
from halab_kernel.commands.router import CommandContext
from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
from halab_kernel.sim.pacemaker.scheduler.schedule import schedule
from halab_kernel.sim.pacemaker.scheduler.transition import ResourceView
from halab_kernel.sim.pacemaker.what_if import run_on_paper

RUNNING_ROLES = ("Started", "Promoted", "Unpromoted")
MOVING_TASKS = ("start", "stop", "promote", "demote", "migrate_to", "migrate_from")
WAIT_SECONDS = 3600.0  # pcs's default --wait: 60 minutes


def resource_move(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("--autodelete", "--promoted", "--strict", "--wait", "--master")
    if not argv:
        raise PcsError("Error: must specify a resource to move")
    rsc, rest = argv[0], argv[1:]
    if len(rest) > 1:
        raise UsageError()
    node = rest[0] if rest else None
    if modifiers.has("--autodelete"):
        lib.reporter.deprecation("Option '--autodelete' is deprecated. There is no need to use it as its "
                                 "functionality is default now.")
    strict = modifiers.has("--strict")
    live = context.live_cib()
    _validate(lib, live, rsc, node)
    before = roles_with_nodes(_status(live), rsc)
    if not _is_managed(_status(live), rsc):
        raise PcsError(f"Error: '{rsc}' is unmanaged")
    if not running_nodes(before):
        raise PcsError(f"Error: It is not possible to move resource '{rsc}' as it is not running at the moment")

    moved = _with_move_constraint(live, rsc, node, before)
    move_graph, after_move = run_on_paper(moved)
    if strict:
        others = sorted({a.resource for a in move_graph.actions
                         if a.task in MOVING_TASKS and a.resource and a.resource != rsc})
        if others:
            noun = "resource" if len(others) == 1 else "resources"
            raise PcsError(f"Error: Moving resource '{rsc}' affects {noun}: "
                           + ", ".join(f"'{other}'" for other in others))
    _ensure_moved_and_staying(after_move, rsc, node, before, strict)

    sim = context.sim
    config = sim.cib.read()
    place_constraint(config, rsc, node, False, running_nodes_list(before))
    sim.cib.replace(config, client="crm_resource", origin=context.node)
    lib.reporter.err(f"Location constraint to move resource '{rsc}' has been created")
    _wait(context, lib, modifiers)
    _ensure_moved_and_staying(context.live_cib(), rsc, node, before, strict)
    config = sim.cib.read()
    clear_constraints(config, rsc, node)
    sim.cib.replace(config, client="crm_resource", origin=context.node)
    lib.reporter.err(f"Location constraint created to move resource '{rsc}' has been removed")
    _wait(context, lib, modifiers)
    after = roles_with_nodes(_status(context.live_cib()), rsc)
    report = running_report(rsc, after)
    if not was_moved(node, before, after):
        raise PcsError(f"Error: {report}")
    lib.reporter.err(report)


def _validate(lib: PcsLib, live: etree._Element, rsc: str, node: str | None) -> None:
    """pcs's checks, in its order: the resource, what kind it is, the node."""
    element = cibtools.find_resource(live, rsc)
    if element is None:
        lib.reporter.error(f"bundle/clone/group/resource '{rsc}' does not exist")
    else:
        clone = element if element.tag in ("clone", "master") else next(
            (a for a in element.iterancestors() if a.tag in ("clone", "master")), None)
        if element.tag == "bundle" or any(a.tag == "bundle" for a in element.iterancestors()):
            lib.reporter.error("cannot move bundle resources")
        elif clone is not None and not _promotable(clone):
            lib.reporter.error("cannot move cloned resources")
        elif clone is not None and clone is not element:
            lib.reporter.error("to move promotable clone resources you must use the promotable clone id "
                               f"({clone.get('id')})")
    if node is not None and node not in cibtools.node_names(live):
        lib.reporter.error(f"Node '{node}' does not appear to exist in configuration")
    lib.reporter.stop_if_errors()


def _promotable(clone: etree._Element) -> bool:
    if clone.tag == "master":
        return True
    return any(nv.get("name") == "promotable" and values.is_true(nv.get("value"))
               for nv in clone.iterfind("meta_attributes/nvpair"))


def _with_move_constraint(live: etree._Element, rsc: str, node: str | None,
                          before: dict[str, list[str]]) -> etree._Element:
    """A copy of the live CIB with crm_resource's move constraint in it (pcs runs crm_resource on a copy)."""
    moved = etree.fromstring(etree.tostring(live))
    result = place_constraint(moved, rsc, node, False, running_nodes_list(before))
    if result.rc:
        lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
        raise PcsError(f"Error: cannot move resource '{rsc}'", *lines)
    return moved


def _ensure_moved_and_staying(cib: etree._Element, rsc: str, node: str | None, before: dict[str, list[str]],
                              strict: bool) -> None:
    """pcs's rehearsal on a CIB holding the move constraint: the resource has moved there, and
    once the constraint is removed nothing happens to it (with --strict: to anything)."""
    if not was_moved(node, before, roles_with_nodes(_status(cib), rsc)):
        raise PcsError(f"Error: Unable to move resource '{rsc}' using a location constraint. Current location "
                       "of the resource may be affected by some other constraint.")
    cleared = etree.fromstring(etree.tostring(cib))
    clear_constraints(cleared, rsc, node)
    graph, _ = run_on_paper(cleared)
    # pcs compares the graph's primitive ids with the id given: moving a group never trips this check
    touched = {a.resource for a in graph.actions if a.task in MOVING_TASKS}
    if touched if strict else rsc in touched:
        others = " or other resources" if strict else ""
        raise PcsError(f"Error: Unable to ensure that moved resource '{rsc}'{others} will stay on the same node "
                       "after a constraint used for moving it is removed.")


def _wait(context: CommandContext, lib: PcsLib, modifiers: Modifiers) -> None:
    lib.reporter.err("Waiting for the cluster to apply configuration changes...")
    seconds = timeout_to_seconds(modifiers.wait) if modifiers.wait is not None else None
    limit = float(seconds) if seconds else WAIT_SECONDS
    if not context.sim.clock.run_until(context.sim.pacemaker.idle, limit):
        raise PcsError("Error: waiting timeout")


def _status(cib: etree._Element) -> tuple[ResourceView, ...]:
    """The resources as crm_mon would show them for this CIB (pcs reads crm_mon's XML)."""
    return schedule(cib_from_element(cib)).before


def _find(views: tuple[ResourceView, ...], rsc: str) -> ResourceView | None:
    for view in views:
        if view.id == rsc:
            return view
        found = _find(view.children, rsc)
        if found is not None:
            return found
    return None


def _is_managed(views: tuple[ResourceView, ...], rsc: str) -> bool:
    view = _find(views, rsc)
    return view is None or view.managed


def _state_primitives(view: ResourceView) -> list[ResourceView]:
    """pcs's choice of primitives to judge a resource by: a group's last member, every clone instance."""
    if view.kind == "primitive":
        return [view]
    if view.kind == "group":
        return [view.children[-1]] if view.children else []
    return [p for child in view.children for p in _state_primitives(child)]


def roles_with_nodes(views: tuple[ResourceView, ...], rsc: str) -> dict[str, list[str]]:
    """{role: sorted nodes} of the resource's running, not failed, primitives (pcs's resource state)."""
    view = _find(views, rsc)
    found: dict[str, set[str]] = {}
    for primitive in _state_primitives(view) if view is not None else []:
        status = primitive.status
        if status is not None and not status.failed and status.role in RUNNING_ROLES:
            found.setdefault(status.role, set()).update(status.nodes)
    return {role: sorted(nodes) for role, nodes in found.items()}


def running_nodes(state: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(state.get("Promoted", []) + state.get("Started", []))


def running_nodes_list(state: dict[str, list[str]]) -> list[str]:
    return sorted(running_nodes(state))


def was_moved(node: str | None, before: dict[str, list[str]], after: dict[str, list[str]]) -> bool:
    running = running_nodes(after)
    return not (before and (not running or (node is not None and node not in running) or before == after))


def running_report(rsc: str, state: dict[str, list[str]]) -> str:
    if not state:
        return f"resource '{rsc}' is not running on any node"
    labels: dict[str, list[str]] = {}
    for role, nodes in state.items():
        labels.setdefault("running" if role == "Started" else role.lower(), []).extend(nodes)
    details = sorted(f"{label} on {'node' if len(nodes) == 1 else 'nodes'} "
                     + ", ".join(f"'{n}'" for n in sorted(nodes)) for label, nodes in labels.items())
    return f"resource '{rsc}' is " + "; ".join(details)
