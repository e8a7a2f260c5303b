"""Resource hierarchy and placement: group, clone, promotable, ban, clear, move, defaults."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError, unable_to_update
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.manage import warn_stonith_mismatch
from halab_kernel.commands.pcs.parsing import prepare_options
from halab_kernel.commands.pcs.render import resource_lines
from halab_kernel.commands.pcs.clones import check_clone_meta, clone_args, refuse_stonith_clone
from halab_kernel.commands.pcs.resource import place_in_group


def _by_id(cib: etree._Element, element_id: str) -> etree._Element | None:
    """Any element of the CIB with this id, as pcs's get_element_by_id looks it up."""
    found = cib.xpath("//*[@id=$id]", id=element_id)
    return found[0] if found else None


def _plural(items: list[str], word: str, many: str) -> str:
    return word if len(items) == 1 else many


def group_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """pcs's lib group_add: its checks in its order (pcs/lib/commands/resource.py)."""
    modifiers.ensure_only("-f", "--before", "--after", "--wait", library=True, deferred_wait_check=True)
    if len(argv) < 2:
        raise UsageError()
    if modifiers.has("--before") and modifiers.has("--after"):
        raise UsageError("you cannot specify both --before and --after")
    modifiers.ensure_wait_satisfiable()  # the library's, once the command line is read
    group_id, member_ids = argv[0], argv[1:]
    cib, reporter = lib.cib, lib.reporter
    adjacent_id = modifiers.get("--before") or modifiers.get("--after")
    if adjacent_id and _by_id(cib, adjacent_id) is None:
        reporter.error(messages.id_not_found(adjacent_id))
        reporter.stop_if_errors()
    group = _by_id(cib, group_id)
    created = group is None
    if group is None:
        for problem in cibtools.id_problems_each(group_id, "group name"):
            reporter.error(problem)
        # pcs appends the new group before it looks the members up (`group add G G` finds the group)
        group = etree.SubElement(cibtools.section(cib, "resources"), "group", id=group_id)
    members = []
    for member_id in member_ids:
        element = _by_id(cib, member_id)
        if element is None:
            reporter.error(messages.id_not_found(member_id))
        else:
            members.append(element)
    if any(cibtools.is_stonith(m) for m in members):
        reporter.deprecation("Ability of this command to accept stonith resource is deprecated and will be "
                             "removed in a future release.")
    for member in members:
        member_id = member.get("id", "")
        parent = cibtools.resource_parent(member)
        if member.tag not in ("primitive", "group", "clone", "master", "bundle"):
            reporter.error(f"'{member_id}' is not a resource")
        elif member.tag != "primitive":
            kind = "clone" if member.tag == "master" else member.tag
            reporter.error(f"'{member_id}' is a {kind} resource, {kind} resources cannot be put into a group")
        elif parent is not None and parent.tag != "group":
            kind = "bundle" if parent.tag == "bundle" else "clone"
            reporter.error(f"'{member_id}' cannot be put into a group because its parent "
                           f"'{parent.get('id')}' is a {kind} resource")
    if group.tag != "group":
        reporter.error(f"'{group_id}' is not a group")
    else:
        _check_group_items(lib, group_id, None if created else group, [m.get("id", "") for m in members],
                           adjacent_id)
    reporter.stop_if_errors()
    moving = {m.get("id") for m in members}
    emptied = [old for old in dict.fromkeys(m.getparent() for m in members if m.getparent().tag == "group")
               if old is not group and {p.get("id") for p in old.findall("primitive")} <= moving]
    for old in emptied:
        # pcs removes a group left empty (and its clone); if something still names it, the push
        # fails (an IDREF to nothing) and pcs says why
        gone = [old] + [a for a in old.iterancestors() if a.tag in ("clone", "master")]
        if any(_referenced(lib.cib, element.get("id", "")) for element in gone):
            inner = [p.get("id", "") for p in old.findall("primitive")]
            noun = "resource" if len(inner) == 1 else "resources"
            reporter.error(f"Unable to move {noun} {messages.quoted_list(inner)} as it would leave group "
                           f"'{old.get('id')}' empty. Please, use the 'pcs resource ungroup {old.get('id')}' "
                           "command first.")
    reporter.stop_if_errors()
    for member in members:
        cibtools.remove_element(member)
    place_in_group(lib, group, members, modifiers)
    for old in emptied:
        outer = cibtools.resource_parent(old)
        cibtools.remove_element(outer if outer is not None and outer.tag in ("clone", "master") else old)
    lib.mark_changed()


def _referenced(cib: etree._Element, element_id: str) -> bool:
    """Whether a constraint, set or tag names this id (the schema's IDREFs)."""
    for element in cib.iterfind("configuration//*"):
        if element.tag in ("resource_ref", "obj_ref") and element.get("id") == element_id:
            return True
        if element.getparent().tag == "constraints" and element_id in (
                element.get("rsc"), element.get("with-rsc"), element.get("first"), element.get("then")):
            return True
    return False


def _check_group_items(lib: PcsLib, group_id: str, group: etree._Element | None, adding: list[str],
                       adjacent_id: str | None) -> None:
    """pcs's validate_add_remove_items for a group (resources added, none removed)."""
    reporter = lib.reporter
    current = [p.get("id", "") for p in group.findall("primitive")] if group is not None else []
    if not adding:
        reporter.error(f"Cannot modify group '{group_id}', no resources to add or remove specified")
    duplicates = sorted({i for i in adding if adding.count(i) > 1})
    if duplicates:
        reporter.error(f"Resources to add or remove must be unique, duplicate resources: "
                       f"{messages.quoted_list(duplicates)}")
    present = sorted(set(adding) & set(current))
    if adjacent_id is None and present:
        reporter.error(f"Cannot add {_plural(present, 'resource', 'resources')} {messages.quoted_list(present)}, "
                       f"{_plural(present, 'it is', 'they are')} already present in group '{group_id}'")
    if not adjacent_id:
        return
    if adjacent_id not in current:
        reporter.error(f"There is no resource '{adjacent_id}' in the group '{group_id}', cannot add resources "
                       "next to it")
    if adjacent_id in adding:
        reporter.error(f"Cannot put resource '{adjacent_id}' next to itself")
    if not adding:
        reporter.error(f"Cannot specify adjacent resource '{adjacent_id}' without resources to add")


def group_list(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs resource group list`: each group and its members, in CIB order (cloned groups too)."""
    modifiers.ensure_only("-f")
    if argv:
        raise UsageError()
    for group in lib.cib.iterfind("configuration/resources//group"):
        members = " ".join(member.get("id", "") for member in group.iterfind("primitive"))
        lib.reporter.out(f"{group.get('id')}: {members}")


def group_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """pcs's legacy resource_group_rm: the group and members checked, then --wait refused with -f."""
    modifiers.ensure_only("-f", "--wait", deferred_wait_check=True)
    if not argv:
        raise UsageError()
    group_id, member_ids = argv[0], argv[1:]
    group = cibtools.find_resource(lib.cib, group_id)
    if group is None or group.tag != "group":
        raise PcsError(f"Error: Group '{group_id}' does not exist")
    members = group.findall("primitive")
    chosen = members if not member_ids else []
    for member_id in member_ids:  # pcs stops at the first one missing
        match = next((m for m in members if m.get("id") == member_id), None)
        if match is None:
            raise PcsError(f"Error: Resource '{member_id}' does not exist in group '{group_id}'")
        chosen.append(match)
    # a cloned group keeps its clone: a last member stays in it, others leave for <resources>
    holder = group.getparent()
    cloned = holder.tag in ("clone", "master")
    if cloned and len(members) > 1:
        if len(chosen) == len(members):
            raise PcsError("Error: Cannot remove all resources from a cloned group")
        holder = cibtools.section(lib.cib, "resources")
    modifiers.ensure_no_wait_with_file()
    for member in chosen:
        cibtools.remove_element(member)
        holder.append(member)
    if group.find("primitive") is None:
        from halab_kernel.commands.pcs.resource import remove_references
        cibtools.remove_element(group)
        remove_references(lib, group_id)
    lib.mark_changed()


def clone(lib: PcsLib, argv: list[str], modifiers: Modifiers, promotable: bool = False) -> None:
    """pcs's resource_clone_create, its checks in its order, then constraints follow to the clone."""
    modifiers.ensure_only("-f", "--force", "--wait")
    if not argv:
        raise UsageError()
    resource_id = argv[0]
    warn_stonith_mismatch(lib, [resource_id], stonith_command=False, use_instead=None)
    cib = lib.cib
    resources = cibtools.section(cib, "resources")
    element = next((e for e in resources.iter("primitive", "group") if e.get("id") == resource_id), None)
    if element is None:
        raise PcsError(f"Error: unable to find group or resource: {resource_id}")
    parent = element.getparent()
    if parent.tag == "bundle":
        raise PcsError("Error: cannot clone bundle resource")
    if element.tag == "primitive" and any(a.tag in ("clone", "master") for a in element.iterancestors()):
        raise PcsError(f"Error: {resource_id} is already a clone resource")  # a cloned group's member too
    if parent.tag in ("clone", "master"):
        raise PcsError("Error: cannot clone a group that has already been cloned")
    dangling = False  # what still names a dropped group fails the push, after every check
    if parent.tag == "group" and len(parent.findall("primitive")) <= 1:
        dangling = _referenced(cib, parent.get("id", ""))
        cibtools.remove_element(parent)  # pcs drops the group its last member leaves (not its constraints)
    refuse_stonith_clone(lib, element, force=lib.reporter.force)
    clone_id, options = clone_args(argv[1:], promotable)
    check_clone_meta(lib, element, options, force=lib.reporter.force)
    if clone_id is not None:
        if cibtools.id_problem(clone_id, "id"):
            raise UsageError(f"invalid id '{clone_id}'")
        if cibtools.id_exists(cib, clone_id):
            raise UsageError(f"id '{clone_id}' already exists")
    else:
        clone_id = cibtools.unique_id(cib, f"{resource_id}-clone")
    cibtools.remove_element(element)
    clone_element = etree.SubElement(resources, "clone", id=clone_id)
    clone_element.append(element)
    cibtools.legacy_update_nvset(clone_element, "meta_attributes", sorted(options.items()))
    for constraint in cib.iterfind("configuration/constraints/*"):
        if constraint.tag in ("rsc_location", "rsc_order", "rsc_colocation"):
            for name in ("rsc", "first", "then", "with-rsc"):
                if constraint.get(name) == resource_id:
                    constraint.set(name, clone_id)
    if dangling:
        raise unable_to_update(library=False)
    lib.mark_changed()


def unclone(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Take a resource or group out of its clone (the clone and its constraints go)."""
    from halab_kernel.commands.pcs.resource import remove_references
    modifiers.ensure_only("-f", "--wait", deferred_wait_check=True)
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
    modifiers.ensure_no_wait_with_file()  # pcs's validate_wait_get_timeout, once the clone is found
    child = next(c for c in clone_element if c.tag in ("primitive", "group"))
    if child.tag == "group" and element.tag != "group" and len(child.findall("primitive")) > 1:
        return group_remove(lib, [child.get("id"), element.get("id")], modifiers)
    remove_references(lib, clone_element.get("id", ""), quiet=True)
    holder = clone_element.getparent()
    holder.append(element)
    holder.remove(clone_element)
    lib.mark_changed()


def defaults_update(section: str):
    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        # pcs 0.11.5 checks no option here: --wait, --full, --all... are taken and ignored
        values = prepare_options(argv)
        if not values:
            return
        existing = lib.cib.find(f"configuration/{section}/meta_attributes")
        if len(lib.cib.findall(f"configuration/{section}/meta_attributes")) > 1:  # which one? pcs refuses
            command = "pcs resource op defaults" if section == "op_defaults" else "pcs resource defaults"
            raise PcsError(f"Error: Several options sets exist, please use the '{command} set update' command and "
                           "specify an option set ID", "Error: Errors have occurred, therefore pcs is unable to continue")
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


def _defaults_usage(section: str, argv: list[str]) -> str | None:
    """The usage pcs's defaults routers name (resource_stonith_common.py: stonith's too are
    `resource [op] defaults`); None for the legacy `defaults name=value`, its caller's."""
    parent = "resource op defaults" if section == "op_defaults" else "resource defaults"
    if "=" in argv[0]:
        return None
    if argv[0] in ("config", "update"):
        return f"{parent} {argv[0]}"
    if argv[0] != "set":
        return f"{parent} "
    if len(argv) == 1:
        return f"{parent} set"
    return f"{parent} set {argv[1] if argv[1] in ('create', 'delete', 'remove', 'update') else ''}"


def defaults_show(section: str):
    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        try:
            _defaults(section, lib, argv, modifiers)
        except UsageError as error:
            error.command = error.command or _defaults_usage(section, argv)
            raise
    return handler


def _defaults(section: str, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if argv and argv[0] == "update":
        return defaults_update(section)(lib, argv[1:], modifiers)
    if argv and argv[0] == "set":
        from halab_kernel.commands.pcs.defaults_sets import set_cmd
        return set_cmd(section, lib, argv[1:], modifiers)
    if argv and argv != ["config"] and "=" not in argv[0]:
        raise UsageError()
    if argv and argv != ["config"]:
        lib.reporter.deprecation(
            "This command is deprecated and will be removed. Please use 'pcs resource "
            f"{'op ' if section == 'op_defaults' else ''}defaults update' instead.")
        return defaults_update(section)(lib, argv, modifiers)
    modifiers.ensure_only("-f", "--all", "--full", "--no-expire-check")
    for line in resource_lines.defaults_lines(lib.cib, section, now=lib.now, show_expired=modifiers.has("--all"),
                                              full=modifiers.has("--full"),
                                              expire_check=not modifiers.has("--no-expire-check")):
        lib.reporter.out(line)
