"""`pcs resource ban|move-with-constraint|move|clear`: the cli-ban/cli-prefer constraints crm_resource writes.

pcs checks the resource and the role first (pcs/lib/cib/resource/validations.py:
a clone is not moved, a promotable's inner resource is named by its clone,
--promoted needs the promotable clone), then runs crm_resource, whose
constraint (and lifetime rule) is modelled here.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.cib_schema import schema_problem
from halab_kernel.commands.cli_constraints import add_ban, add_prefer, ban_warning
from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.bundles import ignored_by_pacemaker
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.crm_resource_args import read_lifetime
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.isodates import format_moment, parse_date, parse_duration
from halab_kernel.commands.pcs.options import Modifiers

_RESOURCE_TAGS = ("bundle", "clone", "group", "master", "primitive")


def _find_one_resource(lib: PcsLib, resource_id: str) -> etree._Element | None:
    """pcs's find_one_resource in <resources>: missing, or an id of something else, is an error."""
    resources = lib.cib.find("configuration/resources")
    found = resources.xpath(".//*[@id=$id]", id=resource_id) if resources is not None else []
    if found and found[0].tag in _RESOURCE_TAGS:
        return found[0]
    if cibtools.id_exists(lib.cib, resource_id):
        lib.reporter.error(f"'{resource_id}' is not a bundle/clone/group/resource")
    else:
        lib.reporter.error(f"bundle/clone/group/resource '{resource_id}' does not exist")
    return None


def _promotable_clone(element: etree._Element) -> tuple[bool, bool, str | None]:
    """(is a clone, is or is in a promotable clone as itself, the promotable clone's id) as pcs analyses it."""
    def promotable(clone: etree._Element) -> bool:
        value = next((nv.get("value", "") for nv in clone.iterfind("meta_attributes/nvpair")
                      if nv.get("name") == "promotable"), "")
        return clone.tag == "master" or value.lower() in ("true", "on", "yes", "y", "1")
    if element.tag in ("clone", "master"):
        return True, promotable(element), element.get("id") if promotable(element) else None
    outer = next((a for a in element.iterancestors() if a.tag in ("clone", "master")), None)
    if outer is not None and promotable(outer):
        return False, False, outer.get("id")
    return False, False, None


def _check_role(lib: PcsLib, element: etree._Element, promoted: bool, verb: str) -> None:
    """pcs's validate_move / validate_ban / validate_unmove_unban."""
    if cibtools.is_stonith(element):
        lib.reporter.deprecation("Ability of this command to accept stonith device is deprecated and will be "
                                 "removed in a future release.")
    is_clone, is_promotable, promotable_id = _promotable_clone(element)
    suffix = f" ({promotable_id})" if promotable_id else ""
    not_promotable = f"when specifying --promoted you must use the promotable clone id{suffix}"
    if verb != "move":
        if promoted and not is_promotable:
            lib.reporter.error(not_promotable)
        return
    if element.tag == "bundle":
        lib.reporter.error("cannot move bundle resources")
        return
    in_clone = any(a.tag in ("clone", "master") for a in element.iterancestors())
    if (is_clone or in_clone) and not (is_promotable or promotable_id):
        lib.reporter.error("cannot move cloned resources")
    elif not promoted and promotable_id and not is_promotable:
        lib.reporter.error(f"to move promotable clone resources you must use the promotable clone id "
                           f"({promotable_id})")
    elif promoted and not is_promotable:
        lib.reporter.error(not_promotable)


def ban(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Like `crm_resource --ban`: a -INFINITY `cli-ban-<rsc>-on-<node>` constraint, merged into one of
    that id already there (crm_resource's cib modify: attributes and children by id added, none taken
    away), so a ban with a lifetime over a plain ban (or the reverse) fails the schema as on the real tool."""
    modifiers.ensure_only("-f", "--promoted", "--wait", library=True, deferred_wait_check=True)
    resource_id, node, lifetime = _placement_args(lib, argv, "ban", modifiers)
    constraint_id = f"cli-ban-{resource_id}-on-{node}"
    until = _lifetime_end(lib, lifetime, f"Error: cannot ban resource '{resource_id}'")
    add_ban(cibtools.section(lib.cib, "constraints"), resource_id, node, modifiers.has("--promoted"), until)
    if schema_problem(lib.cib) is not None:  # merged into a ban of another shape
        raise PcsError(f"Error: cannot ban resource '{resource_id}'", *_until_lines(until),
                       ban_warning(resource_id, node, modifiers.has("--promoted")),
                       "crm_resource: Error performing operation: Invalid configuration")
    for line in _until_lines(until):
        lib.reporter.err(line)
    lib.reporter.warning(
        f"Creating location constraint '{constraint_id}' with a score of -INFINITY for resource "
        f"{resource_id} on {node}.\n\tThis will prevent {resource_id} from "
        f"{'being promoted' if modifiers.has('--promoted') else 'running'} on {node} until the "
        f"constraint is removed\n\tThis will be the case even if {node} is the last node in the cluster")
    lib.mark_changed()


def _until_lines(until: str | None) -> list[str]:
    return [] if until is None else [f"Migration will take effect until: {until}"]


def move_with_constraint(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Like `crm_resource --move --node N`: an INFINITY `cli-prefer-<rsc>` constraint."""
    modifiers.ensure_only("-f", "--promoted", "--wait", library=True, deferred_wait_check=True)
    resource_id, node, lifetime = _placement_args(lib, argv, "move", modifiers)
    until = _lifetime_end(lib, lifetime, f"Error: cannot move resource '{resource_id}'")
    for line in _until_lines(until):
        lib.reporter.err(line)
    add_prefer(cibtools.section(lib.cib, "constraints"), resource_id, node, modifiers.has("--promoted"), until)
    if until is None:
        lib.reporter.warning(f"A move constraint has been created and the resource '{resource_id}' may or "
                             "may not move depending on other configuration")
    lib.mark_changed()


def _lifetime_end(lib: PcsLib, lifetime: str | None, failure: str) -> str | None:
    """crm_resource --lifetime: the constraint holds until now + the ISO 8601 duration."""
    if lifetime is None:
        return None
    reading = read_lifetime(lifetime)
    if reading.error:
        raise PcsError(failure, reading.error)
    if reading.unmodelled:
        raise PcsError(f"Error: crm_resource would read '{reading.unmodelled}' in lifetime={lifetime} as an option; "
                       "that is not simulated, try it on real nodes (halab rig up)")
    lifetime = reading.lifetime or ""
    duration = parse_duration(lifetime)
    if duration is None:
        raise PcsError(failure, f"Invalid duration specified: {lifetime}",
                       "Please refer to https://en.wikipedia.org/wiki/ISO_8601#Durations for examples of valid "
                       "durations")
    if lib.now is None:
        raise PcsError("Error: lifetime= needs a clock, and this pcs has none; try it on real nodes (halab rig up)")
    return format_moment(duration.after(lib.now))


def _placement_args(lib: PcsLib, argv: list[str], verb: str, modifiers: Modifiers) -> tuple[str, str, str | None]:
    """`<resource> [node] [lifetime=...]`, parsed and checked in pcs's order: the command line,
    then the library's --wait check, then the configuration."""
    promoted = modifiers.has("--promoted")
    if not argv:
        raise UsageError(f"must specify a resource to {verb}")
    if len(argv) > 3:
        raise UsageError()
    resource_id, node, lifetime = argv[0], None, None
    for arg in argv[1:]:
        if arg.startswith("lifetime="):
            if lifetime:
                raise UsageError()
            lifetime = arg.split("=")[1]
            if lifetime and lifetime[0].isdigit():
                lifetime = "P" + lifetime  # pcs reads a bare number as a duration
        elif not node:
            node = arg
        else:
            raise UsageError()
    modifiers.ensure_wait_satisfiable()
    element = _find_one_resource(lib, resource_id)
    if element is not None:
        _check_role(lib, element, promoted, verb)
    if node and node not in cibtools.node_names(lib.cib):
        lib.reporter.error(f"Node '{node}' does not appear to exist in configuration")
    lib.reporter.stop_if_errors()
    clone = next((a for a in element.iterancestors() if a.tag in ("clone", "master")), None) \
        if element is not None else None
    unique = clone is not None and any(nv.get("name") == "globally-unique" and
                                       nv.get("value", "").lower() in ("true", "1", "yes", "on", "y")
                                       for nv in clone.iterfind("meta_attributes/nvpair"))
    if unique or resource_id in ignored_by_pacemaker(lib.cib):  # crm_resource knows only its instances
        # (d2:0, d2:1 ...), and no bundle its unpacking dropped
        raise PcsError(f"Error: cannot {verb} resource '{resource_id}'", f"crm_resource: Resource '{resource_id}' "
                       "not found", "Error performing operation: No such object")
    if not node:  # crm_resource: "active in 0 locations" (a CIB file has no running resources)
        raise PcsError("Error: You must specify a node when moving/banning a stopped resource")
    return resource_id, node, lifetime or None


def move(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """pcs 0.11 `move` waits for the move and removes its constraint: it needs a live cluster."""
    modifiers.ensure_only("--promoted", "--strict", "--wait")  # -f included: it needs a cluster
    if lib.offline:
        raise PcsError("Error: Specified option '-f' is not supported in this command")
    move_with_constraint(lib, argv, modifiers)


def clear(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--promoted", "--expired", "--wait", library=True, deferred_wait_check=True)
    if not argv:
        raise UsageError("must specify a resource to clear")
    if len(argv) > 2:
        raise UsageError()
    modifiers.ensure_wait_satisfiable()  # once the command line is read, before the resource is looked up
    resource_id = argv[0]
    node = argv[1] if len(argv) > 1 else None
    element = _find_one_resource(lib, resource_id)
    if element is not None:
        _check_role(lib, element, modifiers.has("--promoted"), "clear")
    lib.reporter.stop_if_errors()
    if resource_id in ignored_by_pacemaker(lib.cib):
        raise PcsError(f"Error: cannot clear resource '{resource_id}'", f"crm_resource: Resource '{resource_id}' "
                       "not found", "Error performing operation: No such object")
    if node is not None and node not in cibtools.node_names(lib.cib):  # crm_resource --clear -N refuses it
        raise PcsError(f"Error: cannot clear resource '{resource_id}'", f"crm_resource: Node '{node}' not found",
                       "Error performing operation: No such object")
    if modifiers.has("--expired"):  # only lifetimes already over
        constraints = lib.cib.find("configuration/constraints")
        removed = []
        for loc in list(constraints.iterfind("rsc_location") if constraints is not None else []):
            cid = loc.get("id", "")
            if loc.get("rsc") == resource_id and cid.startswith(("cli-ban-", "cli-prefer-")) \
                    and (not node or loc.get("node") == node) and _expired(loc, lib):
                cibtools.remove_element(loc)
                removed.append(cid)
    else:  # pcs runs crm_resource --clear
        removed = clear_constraints(lib.cib, resource_id, node)
    for cid in sorted(removed):  # crm_resource lists the location constraints gone, by id (strcmp)
        lib.reporter.err(f"Removing constraint: {cid}")
    lib.mark_changed()


def clear_constraints(root: etree._Element, rsc: str, node: str | None) -> list[str]:
    """`--clear` as 2.1.5's cli_resource_clear, for the node given or else every node: by id
    `cli-ban-RSC-on-NODE`, and `cli-prefer-RSC` where it names that node (its `node`, or the
    `#uname` of its lifetime rule); `root` edited in place; the removed ids, as crm_resource lists them:
    sorted (build_constraint_list's strcmp), whatever the nodes' order."""
    nodes = [node] if node else [n.get("uname", "") for n in root.iterfind("configuration/nodes/node")]
    removed = []
    for name in nodes:  # the node's ban first, then a preference naming it
        bans = root.xpath("configuration/constraints/rsc_location[@id=$ban]", ban=f"cli-ban-{rsc}-on-{name}")
        prefers = root.xpath(
            "configuration/constraints/rsc_location[@id=$prefer][rule[@id=$rule]/expression"
            "[@attribute='#uname' and @value=$node]] | configuration/constraints/rsc_location[@id=$prefer][@node=$node]",
            prefer=f"cli-prefer-{rsc}", rule=f"cli-prefer-rule-{rsc}", node=name)
        for doomed in [*bans, *prefers]:
            doomed.getparent().remove(doomed)
            removed.append(doomed.get("id", ""))
    return sorted(removed)


def _expired(location: etree._Element, lib: PcsLib) -> bool:
    """crm_resource --clear --expired: the end is over when now, in whole seconds, is after it (a ban
    with lifetime=P0D cleared within the second it was made stays)."""
    ends = [parse_date(e.get("end", "")) for e in location.iter("date_expression") if e.get("end")]
    now = lib.now.replace(microsecond=0) if lib.now is not None else None
    return now is not None and any(end is not None and now > end for end in ends)


def relocate_clear(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs resource relocate clear`: drop the `pcs-relocate-*` constraints a relocate run left."""
    modifiers.ensure_only("-f")
    if argv:
        raise UsageError()
    for location in list(lib.cib.iterfind("configuration/constraints/rsc_location")):
        if location.get("id", "").startswith("pcs-relocate-"):
            lib.reporter.err(f"Removing constraint {location.get('id')}")
            cibtools.remove_element(location)
    lib.mark_changed()
