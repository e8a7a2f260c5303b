"""Resource hierarchy and placement: group, clone, promotable, ban, clear, move, defaults."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.isodates import format_moment, parse_duration
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import prepare_options
from halab_kernel.commands.pcs.render import resource_lines
from halab_kernel.commands.pcs.resource import agent_is_promotable, make_clone, place_in_group


def group_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--before", "--after", "--wait")
    if len(argv) < 2:
        raise UsageError()
    group_id, member_ids = argv[0], argv[1:]
    cib, reporter = lib.cib, lib.reporter
    anchor_id = modifiers.get("--before") or modifiers.get("--after")
    if anchor_id and cibtools.find_resource(cib, anchor_id) is None:
        reporter.error(messages.id_not_found(anchor_id))  # pcs checks the anchor first
        reporter.stop_if_errors()
    group = cibtools.find_resource(cib, group_id)
    if group is not None and group.tag != "group":
        reporter.error(f"'{group_id}' is not a group")
    elif group is None:
        problem = cibtools.id_problem(group_id, "group name")
        if problem:
            reporter.error(problem)
            if ":" in group_id:  # observed: pcs 0.11.5 reports a ':' twice (not an '=')
                reporter.error(problem)
        elif cibtools.id_exists(cib, group_id):
            reporter.error(f"'{group_id}' already exists")
    members = []
    for member_id in member_ids:
        element = cibtools.find_resource(cib, member_id)
        if element is None:
            reporter.error(messages.id_not_found(member_id))
            continue
        if element.tag != "primitive":
            reporter.error(f"'{member_id}' is not a resource")
            continue
        parent = cibtools.resource_parent(element)
        if parent is not None and parent.tag in ("clone", "master", "bundle"):
            kind = "bundle" if parent.tag == "bundle" else "clone"
            reporter.error(f"'{member_id}' cannot be put into a group because its parent "
                           f"'{parent.get('id')}' is a {kind} resource")
            continue
        if group is not None and parent is group and not (modifiers.has("--before") or modifiers.has("--after")):
            reporter.error(f"Cannot add resource '{member_id}', it is already present in group '{group_id}'")
            continue
        members.append(element)
    if not members and len(member_ids) == sum(1 for m in member_ids if cibtools.find_resource(cib, m) is None):
        reporter.error(f"Cannot modify group '{group_id}', no resources to add or remove specified")
    reporter.stop_if_errors()
    if group is None:
        group = etree.Element("group", id=group_id)
    old_groups = {m.getparent() for m in members if m.getparent() is not None and m.getparent().tag == "group"}
    for member in members:
        cibtools.remove_element(member)
    place_in_group(lib, group, members, modifiers)
    _drop_empty_groups(lib, old_groups - {group})
    lib.mark_changed()


def _drop_empty_groups(lib: PcsLib, groups: set[etree._Element]) -> None:
    from halab_kernel.commands.pcs.resource import remove_constraints_of
    for group in groups:
        if group.find("primitive") is None:
            remove_constraints_of(lib, {group.get("id")})
            outer = cibtools.resource_parent(group)
            cibtools.remove_element(outer if outer is not None else group)


def group_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--wait")
    if not argv:
        raise UsageError()
    group_id, member_ids = argv[0], argv[1:]
    group = cibtools.find_resource(lib.cib, group_id)
    if group is None or group.tag != "group":
        raise PcsError(f"Error: Group '{group_id}' does not exist")
    members = group.findall("primitive")
    chosen = members if not member_ids else []
    for member_id in member_ids:
        match = next((m for m in members if m.get("id") == member_id), None)
        if match is None:
            lib.reporter.error(f"Resource '{member_id}' does not exist in group '{group_id}'")
        else:
            chosen.append(match)
    lib.reporter.stop_if_errors()
    resources = cibtools.section(lib.cib, "resources")
    for member in chosen:
        cibtools.remove_element(member)
        resources.append(member)
    _drop_empty_groups(lib, {group})
    lib.mark_changed()


def clone(lib: PcsLib, argv: list[str], modifiers: Modifiers, promotable: bool = False) -> None:
    modifiers.ensure_only("-f", "--force", "--wait")
    if not argv:
        raise UsageError()
    resource_id, rest = argv[0], list(argv[1:])
    cib = lib.cib
    element = cibtools.find_resource(cib, resource_id)
    if element is None or element.tag not in ("primitive", "group"):
        raise PcsError(f"Error: unable to find group or resource: {resource_id}")
    clone_id = f"{resource_id}-clone"
    if rest and "=" not in rest[0]:
        clone_id = rest.pop(0)
    options = prepare_options(rest)
    if promotable:
        options["promotable"] = "true"
    parent = cibtools.resource_parent(element)
    if any(a.tag in ("clone", "master") for a in element.iterancestors()):
        raise PcsError(f"Error: {resource_id} is already a clone resource")
    if parent is not None and parent.tag == "group" and len(parent.findall("primitive")) <= 1:
        cibtools.remove_element(parent)  # pcs drops the group its last member leaves (not its constraints)
    if promotable or options.get("promotable", "").lower() in ("true", "1", "yes", "on"):
        primitives = list(element.iter("primitive"))
        bad = [p for p in primitives if not agent_is_promotable(_agent_name(p))]
        if bad and not modifiers.has("--force"):
            p = bad[0]
            raise PcsError(f"Error: Clone option 'promotable' is not compatible with '{_agent_name(p)}' "
                           f"resource agent of resource '{p.get('id')}', use --force to override")
    problem = cibtools.id_problem(clone_id, "id")
    if problem:
        raise PcsError(f"Error: {problem}")
    if cibtools.id_exists(cib, clone_id):
        raise PcsError(f"Error: '{clone_id}' already exists")
    cibtools.remove_element(element)
    cibtools.section(cib, "resources").append(make_clone(cib, clone_id, element, options))
    lib.mark_changed()


def unclone(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Take a resource or group out of its clone (the clone and its constraints go)."""
    from halab_kernel.commands.pcs.resource import remove_constraints_of
    modifiers.ensure_only("-f", "--wait")
    if len(argv) != 1:
        raise UsageError()
    name = argv[0]
    cib = lib.cib
    element = cibtools.find_resource(cib, name)
    if element is not None and element.tag in ("clone", "master"):
        element = next((c for c in element if c.tag in ("primitive", "group")), None)
    if element is None or element.tag not in ("primitive", "group"):
        raise PcsError(f"Error: could not find resource: {name}")
    clone_element = next((a for a in element.iterancestors() if a.tag in ("clone", "master")), None)
    if clone_element is None:
        raise PcsError(f"Error: '{name}' is not a clone resource")
    child = next(c for c in clone_element if c.tag in ("primitive", "group"))
    if child.tag == "group" and element.tag != "group" and len(child.findall("primitive")) > 1:
        return group_remove(lib, [child.get("id"), element.get("id")], modifiers)
    remove_constraints_of(lib, {clone_element.get("id")}, quiet=True)
    holder = clone_element.getparent()
    holder.append(element)
    holder.remove(clone_element)
    lib.mark_changed()


def _agent_name(primitive: etree._Element) -> str:
    return ":".join(p for p in (primitive.get("class"), primitive.get("provider"), primitive.get("type")) if p)


def ban(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Like `crm_resource --ban`: a -INFINITY `cli-ban-<rsc>-on-<node>` constraint."""
    modifiers.ensure_only("-f", "--promoted", "--wait", "--master")
    resource_id, node, lifetime = _placement_args(lib, argv, "ban")
    constraint_id = f"cli-ban-{resource_id}-on-{node}"
    until = _lifetime_end(lib, lifetime, f"Error: cannot ban resource '{resource_id}'")
    _replace_location(lib, constraint_id, resource_id, node, "-INFINITY", modifiers, until=until)
    lib.reporter.warning(
        f"Creating location constraint '{constraint_id}' with a score of -INFINITY for resource "
        f"{resource_id} on {node}.\n\tThis will prevent {resource_id} from running on {node} until the "
        f"constraint is removed\n\tThis will be the case even if {node} is the last node in the cluster")
    lib.mark_changed()


def move_with_constraint(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Like `crm_resource --move --node N`: an INFINITY `cli-prefer-<rsc>` constraint."""
    modifiers.ensure_only("-f", "--promoted", "--wait", "--master")
    resource_id, node, lifetime = _placement_args(lib, argv, "move")
    until = _lifetime_end(lib, lifetime, f"Error: cannot move resource '{resource_id}'")
    _replace_location(lib, f"cli-prefer-{resource_id}", resource_id, node, "INFINITY", modifiers,
                      lifted=f"cli-ban-{resource_id}-on-{node}", until=until)  # --move lifts a ban there
    if until is None:
        lib.reporter.warning(f"A move constraint has been created and the resource '{resource_id}' may or "
                             "may not move depending on other configuration")
    lib.mark_changed()


def _lifetime_end(lib: PcsLib, lifetime: str | None, failure: str) -> str | None:
    """crm_resource --lifetime: the constraint holds until now + the ISO 8601 duration."""
    if lifetime is None:
        return None
    duration = parse_duration(lifetime)
    if duration is None:
        raise PcsError(failure, f"Invalid duration specified: {lifetime}",
                       "Please refer to https://en.wikipedia.org/wiki/ISO_8601#Durations for examples of valid "
                       "durations")
    if lib.now is None:
        raise PcsError("Error: lifetime= needs a clock, and this pcs has none; try it on real nodes (halab rig up)")
    until = format_moment(duration.after(lib.now))
    lib.reporter.err(f"Migration will take effect until: {until}")
    return until


def _placement_args(lib: PcsLib, argv: list[str], verb: str) -> tuple[str, str, str | None]:
    """`<resource> [node] [lifetime=...]`, checked in pcs's order."""
    if not argv:
        raise PcsError(f"Error: must specify a resource to {verb}")
    rest = [word for word in argv[1:] if not word.startswith("lifetime=")]
    lifetimes = [word.split("=", 1)[1] for word in argv[1:] if word.startswith("lifetime=")]
    if len(rest) > 1:
        raise UsageError()
    resource_id = argv[0]
    if cibtools.find_resource(lib.cib, resource_id) is None:
        lib.reporter.error(f"bundle/clone/group/resource '{resource_id}' does not exist")
    if rest and rest[0] not in cibtools.node_names(lib.cib):
        lib.reporter.error(f"Node '{rest[0]}' does not appear to exist in configuration")
    lib.reporter.stop_if_errors()
    if not rest:
        raise PcsError("Error: A node must be specified when the cluster is not running (-f)")
    return resource_id, rest[0], lifetimes[-1] if lifetimes else None


def _replace_location(lib: PcsLib, constraint_id: str, resource_id: str, node: str, score: str,
                      modifiers: Modifiers, lifted: str | None = None, until: str | None = None) -> None:
    constraints = cibtools.section(lib.cib, "constraints")
    for existing in list(constraints.iterfind("rsc_location")):
        if existing.get("id") in (constraint_id, lifted):
            constraints.remove(existing)
    element = etree.SubElement(constraints, "rsc_location", id=constraint_id, rsc=resource_id)
    # crm_resource writes the role it constrains; "Started" unless --promoted
    promoted = modifiers.has("--promoted") or modifiers.has("--master")
    element.set("role", "Promoted" if promoted else "Started")
    if until is None:
        element.set("node", node)
        element.set("score", score)
        return
    # with a lifetime, crm_resource writes a rule: on that node and before the end
    ban = constraint_id.startswith("cli-ban-")
    ids = ((f"{constraint_id}-rule", f"{constraint_id}-expr", f"{constraint_id}-lifetime") if ban else
           (f"cli-prefer-rule-{resource_id}", f"cli-prefer-expr-{resource_id}",
            f"cli-prefer-lifetime-end-{resource_id}"))
    rule = etree.SubElement(element, "rule", id=ids[0], score=score)
    rule.set("boolean-op", "and")
    etree.SubElement(rule, "expression", id=ids[1], attribute="#uname", operation="eq", value=node, type="string")
    etree.SubElement(rule, "date_expression", id=ids[2], operation="lt", end=until)


def move(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """pcs 0.11 `move` waits for the move and removes its constraint: it needs a live cluster."""
    modifiers.ensure_only("--promoted", "--strict", "--wait", "--master")  # -f included: it needs a cluster
    if lib.offline:
        raise PcsError("Error: Specified option '-f' is not supported in this command")
    move_with_constraint(lib, argv, modifiers)


def clear(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--promoted", "--expired", "--wait", "--master")
    if not argv:
        raise PcsError("Error: must specify a resource to clear")
    if len(argv) > 2:
        raise UsageError()
    resource_id = argv[0]
    node = argv[1] if len(argv) > 1 else None
    if cibtools.find_resource(lib.cib, resource_id) is None:
        raise PcsError(f"Error: bundle/clone/group/resource '{resource_id}' does not exist",
                       "Error: Errors have occurred, therefore pcs is unable to continue")
    constraints = lib.cib.find("configuration/constraints")
    doomed = []
    for loc in constraints.iterfind("rsc_location") if constraints is not None else []:
        cid = loc.get("id", "")
        if loc.get("rsc") != resource_id or not (cid.startswith("cli-ban-") or cid.startswith("cli-prefer-")):
            continue
        if node and loc.get("node") != node:
            continue
        doomed.append(loc)
    for loc in doomed:
        lib.reporter.err(f"Removing constraint: {loc.get('id')}")
        cibtools.remove_element(loc)
    lib.mark_changed()


def defaults_update(section: str):
    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        modifiers.ensure_only("-f", "--force")
        values = prepare_options(argv)
        if not values:
            return
        existing = lib.cib.find(f"configuration/{section}/meta_attributes")
        if existing is None and not any(values.values()):
            nvset = None  # only removals and nothing to remove them from
        else:
            parent = cibtools.section(lib.cib, section)
            nvset = cibtools.nvset(parent, "meta_attributes", f"{section}-meta_attributes")
        for name, value in values.items():
            if nvset is not None:
                cibtools.set_nvpair(nvset, name, value)
        what = "resources" if section == "rsc_defaults" else "operations"
        lib.reporter.warning(f"Defaults do not apply to {'resources' if what == 'resources' else 'resources'} "
                             "which override them with their own defined values")
        lib.mark_changed()
    return handler


def defaults_show(section: str):
    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        if argv and argv[0] == "update":
            return defaults_update(section)(lib, argv[1:], modifiers)
        if argv and argv != ["config"] and "=" not in argv[0]:
            raise UsageError()
        if argv and argv != ["config"]:
            lib.reporter.deprecation(
                "This command is deprecated and will be removed. Please use 'pcs resource "
                f"{'op ' if section == 'op_defaults' else ''}defaults update' instead.")
            return defaults_update(section)(lib, argv, modifiers)
        modifiers.ensure_only("-f", "--all", "--full", "--no-expire-check")
        for line in resource_lines.defaults_lines(lib.cib, section):
            lib.reporter.out(line)
    return handler
