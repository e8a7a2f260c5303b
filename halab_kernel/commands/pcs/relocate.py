"""`pcs resource relocate dry-run|run` and `debug-start|stop|monitor|promote|demote`: pcs 0.11.5's checks.

Relocate (pcs's resource.py): every named resource (all, without names) and its
children get `resource-stickiness=0` on a copy of the CIB, crm_simulate plans
the transition, and each start, promote or migrate_from in it becomes a
`pcs-relocate-<rsc>` location constraint (INFINITY; `role=Promoted` for a
promote). `dry-run` (which takes `-f`) only says so: "Creating location
constraint: ...", "Waiting for resources to move...", "Removing constraint
...", all on stderr, and changes nothing. `run` (live only) applies the
constraints, waits, and takes them out again: pcs_agent_actions.py.

The debug commands run an agent action by hand through `crm_resource
--force-<action>`; pcs first refuses groups, clones, bundles and unknown ids.
The action itself needs a node: pcs_agent_actions.py runs it on the simulator.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.manage import warn_stonith_mismatch
from halab_kernel.commands.pcs.options import Modifiers

PREFIX = "pcs-relocate-"
_RESOURCE_TAGS = ("master", "clone", "group", "primitive")
_PLACING_TASKS = ("start", "promote", "migrate_from")


@dataclass(frozen=True)
class Placement:
    """Where the transition puts one resource instance: its constraint target, node and role."""

    resource: str  # the id a constraint names (a clone for its instances)
    node: str
    promoted: bool

    def announcement(self) -> str:
        role = " role=Promoted" if self.promoted else ""
        return f"Creating location constraint: {self.resource} prefers {self.node}=INFINITY{role}"


def without_stickiness(cib: etree._Element, names: list[str]) -> tuple[etree._Element, set[str]]:
    """pcs's resource_relocate_set_stickiness: a copy with stickiness 0, the ids it touched."""
    copied = copy.deepcopy(cib)
    found: set[str] = set()
    updated: set[str] = set()
    for tag in _RESOURCE_TAGS:
        for element in copied.iter(tag):
            if names and element.get("id") not in names:
                continue
            found.add(element.get("id", ""))
            for item in [element, *element.iter("group"), *element.iter("primitive")]:
                updated.add(item.get("id", ""))
                meta = cibtools.nvset(item, "meta_attributes", f"{item.get('id')}-meta_attributes")
                assert meta is not None
                cibtools.set_nvpair(meta, "resource-stickiness", "0")
    missing = [name for name in names if name not in found]
    if missing:
        raise PcsError(*(f"Error: unable to find a resource/clone/group: {name}" for name in missing))
    return copied, updated


def _constraint_target(cib: etree._Element, resource_id: str) -> str | None:
    """pcs's validate_constraint_resource(...)[2]: a clone's instances are placed through the clone."""
    element = cibtools.find_resource(cib, resource_id)
    if element is None:
        return None
    parent = element.getparent()
    while parent is not None and parent.tag not in ("clone", "master", "bundle", "resources"):
        parent = parent.getparent()
    if element.tag in ("clone", "master", "bundle") or parent is None or parent.tag == "resources":
        return resource_id
    return parent.get("id")


# what crm_simulate 2.1.5 logs when an ordered set orders an action after itself (order_actions)
_ORDER_ASSERTION = "(log_assertion_as) \terror: order_actions: Triggered fatal assertion at utils.c:492 : lh_action != rh_action"


def placements(cib: etree._Element, names: list[str]) -> list[Placement]:
    """The starts and promotes the transition plans once stickiness is 0, for the named resources."""
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler.schedule import schedule_with_graph
    from halab_kernel.sim.pacemaker.scheduler.unmodelled import refusal, refused_before_scheduling

    relaxed, updated = without_stickiness(cib, names)
    aborting = _aborting_order(relaxed)
    features = refused_before_scheduling(relaxed)
    if aborting and features:
        raise PcsError(f"Error: Unable to run crm_simulate: the ordered sets of '{aborting[0]}' order "
                       f"'{aborting[1]}' in a loop, on which crm_simulate 2.1.5 aborts; not simulated: try it on "
                       "real nodes (halab rig up)")
    if aborting:  # the real crm_simulate prints the current status, then aborts: pcs passes its output on
        from halab_kernel.commands.crm_simulate import simulate_text
        status = simulate_text(cib_from_element(relaxed), simulate=False)
        raise PcsError("Error: Unable to run crm_simulate:", *status.rstrip("\n").split("\n"), _ORDER_ASSERTION, "")
    if relaxed.find("status/node_state") is None:
        return []  # no node has ever joined: nothing can start (crm_simulate on a file pcs wrote)
    if features:  # what crm_simulate would get wrong is refused, as crm_simulate on the simulator does
        raise PcsError(f"Error: Unable to run crm_simulate: {refusal(features)}")
    _, graph = schedule_with_graph(cib_from_element(relaxed))
    where: dict[str, dict[str, str]] = {}  # instance -> {"start": node, "promote": node}
    targets: dict[str, str] = {}
    for action in graph.actions:
        if (action.task not in _PLACING_TASKS or action.rsc is None or action.optional or not action.runnable
                or action.pseudo or not action.node):
            continue
        instance = action.rsc.id
        base = instance.split(":")[0]
        target = _constraint_target(relaxed, base)
        if target is None:
            continue
        if names and instance not in updated and target not in updated:
            continue
        targets[instance] = target
        where.setdefault(instance, {})["promote" if action.task == "promote" else "start"] = action.node
    found = []
    for instance, nodes in where.items():
        if "start" in nodes:
            found.append(Placement(targets[instance], nodes["start"], False))
        if "promote" in nodes:
            found.append(Placement(targets[instance], nodes["promote"], True))
    return found


def _aborting_order(cib: etree._Element) -> tuple[str, str] | None:
    """(constraint, resource) of an ordered set crm_simulate 2.1.5 aborts on ("Triggered fatal assertion
    ... lh_action != rh_action"). Measured on 26 shapes with the real crm_simulate: two neighbouring sets
    of the same action share a resource, unless the later set is that resource alone and it ends the
    earlier set, or the earlier set is unordered or alone (`d1 d2 set d1` aborts; `d1 d2 set d2`,
    `d1 set d1`, `d1 d2 sequential=false set d1` and `d1 set d2 set d1` do not)."""
    def ids(rset: etree._Element) -> list[str]:
        return [ref.get("id", "") for ref in rset.iterfind("resource_ref")]
    for order in cib.iterfind("configuration/constraints/rsc_order"):
        sets = list(order.iterfind("resource_set"))
        for first, then in zip(sets, sets[1:]):
            if first.get("action", "start") != then.get("action", "start"):
                continue
            earlier, later = ids(first), ids(then)
            ordered = first.get("sequential", "true").lower() in ("true", "1", "yes", "on", "y")
            for shared in sorted(set(earlier) & set(later)):
                harmless = later == [shared] and (earlier[-1] == shared or not ordered or len(earlier) == 1)
                if not harmless:
                    return order.get("id", ""), shared
    return None


def add_constraints(lib: PcsLib, cib: etree._Element, found: list[Placement]) -> None:
    """The `pcs-relocate-*` constraints, announced as pcs does."""
    constraints = cibtools.section(cib, "constraints")
    for placement in found:
        lib.reporter.err(placement.announcement())
        location = etree.SubElement(constraints, "rsc_location", {
            "id": cibtools.unique_id(cib, PREFIX + placement.resource), "rsc": placement.resource,
            "score": "INFINITY", "node": placement.node})
        if placement.promoted:
            location.set("role", "Promoted")


def remove_constraints(lib: PcsLib, cib: etree._Element) -> None:
    for location in list(cib.iterfind("configuration/constraints/rsc_location")):
        if location.get("id", "").startswith(PREFIX):
            lib.reporter.err(f"Removing constraint {location.get('id')}")
            cibtools.remove_element(location)


def dry_run(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs resource relocate dry-run [resource...]`: what `run` would do, the CIB untouched."""
    modifiers.ensure_only("-f")
    if argv:
        warn_stonith_mismatch(lib, argv, stonith_command=False, use_instead=None)
    working = copy.deepcopy(lib.cib)
    found = placements(working, argv)
    if not found:
        return
    add_constraints(lib, working, found)
    for line in ("", "Waiting for resources to move...", ""):
        lib.reporter.err(line)
    remove_constraints(lib, working)


def debug_target(lib: PcsLib, argv: list[str], modifiers: Modifiers, action: str) -> etree._Element:
    """The primitive `pcs resource debug-<action> R` would hand to crm_resource, after pcs's checks."""
    modifiers.ensure_only("--force", "--full")
    if not argv:
        raise PcsError(f"Error: You must specify a resource to {action}")
    if len(argv) != 1:
        raise UsageError()
    warn_stonith_mismatch(lib, argv, stonith_command=False, use_instead=None)
    element = cibtools.find_resource(lib.cib, argv[0])
    if element is None:
        raise PcsError(f"Error: unable to find a resource/clone/group/bundle: {argv[0]}")
    if element.tag == "bundle":
        raise PcsError(f"Error: unable to {action} a bundle")
    if element.tag == "group":
        members = ",".join(p.get("id", "") for p in element.iterfind("primitive"))
        raise PcsError(f"Error: unable to {action} a group, try one of the group's resource(s) ({members})")
    if element.tag in ("clone", "master"):
        inner = next((child for child in element if child.tag in ("primitive", "group")), None)
        inner_id = inner.get("id", "") if inner is not None else ""
        raise PcsError(f"Error: unable to {action} a clone, try the clone's resource: {inner_id}")
    return element


def debug_offline(action: str):  # type: ignore[no-untyped-def]
    """The debug command where no node runs it (pcs_cli): pcs's checks, then an honest refusal."""
    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        debug_target(lib, argv, modifiers, action)
        raise PcsError(f"Error: pcs resource {action} runs the agent on a node; run it on a simulated node "
                       "(lab.run) or try it on real nodes: halab rig up")
    return handler
