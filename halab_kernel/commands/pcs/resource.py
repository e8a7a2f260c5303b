"""`pcs resource create|delete|update|meta|op add|op remove|enable|disable`."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import bundles, cibtools, messages
from halab_kernel.commands.pcs.agents import (
    ResolvedAgent, resolve_resource_agent, validate_instance_attributes, validate_operations,
)
from halab_kernel.commands.pcs.clones import agent_is_promotable, check_clone_meta, make_clone, update_clone
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.guest import check_guest_change, guest_name
from halab_kernel.commands.pcs.errors import PcsError, UsageError, UNABLE_TO_CONTINUE
from halab_kernel.commands.pcs.manage import disable, is_managed, warn_stonith_mismatch
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import build_operations, group_by_keywords, prepare_options
from halab_kernel.commands.pcs.operations import add_operation, interval_duplicates
from halab_kernel.commands.pcs.primitive import build_primitive, check_new_id
from halab_kernel.sim.agents import find_agent

CREATE_OPTIONS = ("-f", "--force", "--disabled", "--no-default-ops", "--group", "--before",
                   "--after", "--wait", "--agent-validation", "--debug")


def checked_group_option(modifiers: Modifiers) -> str | None:
    """`--group G [--before|--after R]` of resource and stonith create: the group's id, after pcs's checks."""
    group_id = modifiers.get("--group")
    if modifiers.has("--before") and modifiers.has("--after"):
        raise PcsError("Error: you cannot specify both --before and --after"
                       + ("" if group_id else " and you have to specify --group"))
    for option in ("--before", "--after"):
        if modifiers.has(option) and not group_id:
            raise PcsError(f"Error: you cannot use {option} without --group")
    return group_id


def create(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only(*CREATE_OPTIONS, deferred_wait_check=True)
    if len(argv) < 2:
        raise UsageError()
    resource_id, agent_name, rest = argv[0], argv[1], argv[2:]
    parts = parse_create_args(rest)
    wrappers = [key for key in ("clone", "promotable") if key in parts]
    if len(wrappers) + modifiers.has("--group") + ("bundle" in parts) > 1:
        raise PcsError("Error: you can specify only one of clone, promotable, bundle or --group")
    if "bundle" in parts and len(parts["bundle"]) != 1:
        raise PcsError("Error: you have to specify exactly one bundle")
    group_id = checked_group_option(modifiers)
    cib, reporter = lib.cib, lib.reporter
    agent = resolve_resource_agent(agent_name, reporter)
    modifiers.ensure_wait_satisfiable()
    meta = dict(parts["meta"])
    if wrappers and agent.metadata is not None:  # pcs's create_as_clone checks the agent before anything else
        clone_meta = parts.get(wrappers[0], {})
        if not agent.name.startswith("ocf:"):  # not forceable there
            for option in ("globally-unique", "promotable"):
                if option == "promotable" and _promotable(wrappers[0], clone_meta) or option != "promotable" \
                        and clone_meta.get(option, "").lower() in ("true", "1", "yes", "on", "y"):
                    reporter.error(f"Clone option '{option}' is not compatible with '{agent.name}' resource agent")
        elif _promotable(wrappers[0], clone_meta) and not agent_is_promotable(agent.name):
            reporter.error(f"Clone option 'promotable' is not compatible with '{agent.name}' resource agent",
                           forceable=True)
        reporter.stop_if_errors()
    check_guest_change(lib, parts["meta"])  # pcs's _check_special_cases, before anything else is looked at
    anchor_id = modifiers.get("--before") or modifiers.get("--after")
    if group_id and anchor_id and cibtools.find_resource(cib, anchor_id) is None:
        reporter.error(messages.id_not_found(anchor_id))  # pcs checks the neighbour first
        reporter.stop_if_errors()
    if group_id and cibtools.find_resource(cib, group_id) is None and not cibtools.id_exists(cib, group_id):
        for problem in cibtools.id_problems_each(group_id, "group name"):
            reporter.error(problem)
    if group_id == resource_id:  # pcs books the new group's id before it checks the resource's
        raise PcsError(f"Error: '{resource_id}' already exists")
    check_new_id(cib, resource_id)
    validate_operations(agent, parts["op"], reporter)
    duplicated = interval_duplicates(parts["op"])
    if duplicated:
        reporter.error(duplicated)
    reporter.stop_if_errors()  # pcs looks at the operations first
    validate_instance_attributes(agent, parts["options"], reporter, cib)
    clone_id = parts.get("clone_id") or f"{resource_id}-clone"
    if wrappers:
        _validate_clone(lib, resource_id, clone_id)
    group = group_for_create(lib, group_id) if group_id else None
    reporter.stop_if_errors()
    primitive = build_primitive(cib, resource_id, agent, parts["options"], meta, parts["op"],
                                modifiers.has("--no-default-ops"))
    resources = cibtools.section(cib, "resources")
    if wrappers:
        clone_meta = dict(parts.get(wrappers[0], {}))
        if wrappers[0] == "promotable":
            clone_meta["promotable"] = "true"
        resources.append(make_clone(cib, clone_id, primitive, clone_meta))
    elif group is not None:
        place_in_group(lib, group, [primitive], modifiers)
    else:
        resources.append(primitive)
    if modifiers.has("--disabled"):  # pcs disables what it made (a clone, not its primitive) afterwards
        disable(primitive.getparent() if wrappers else primitive)
    if "bundle" in parts:
        bundles.put_into_bundle(lib, primitive, parts["bundle"][0])
    lib.mark_changed()


_MASTER_HINT = ("Master/Slave resources have been renamed to promotable clones, please use the 'promotable' "
                "keyword instead of 'master'. See 'man pcs' -> Changes in pcs-0.10.")


def parse_create_args(args: list[str],
                      keywords: tuple[str, ...] = ("op", "meta", "clone", "promotable", "bundle")) -> dict:
    try:
        return _parse_create_args(args, keywords)
    except UsageError as error:  # resource create's parser points at the renamed keyword
        if "clone" in keywords and error.message == "missing value of 'master' option":
            error.hint = _MASTER_HINT
        raise


def _parse_create_args(args: list[str], keywords: tuple[str, ...]) -> dict:
    groups = group_by_keywords(args, set(keywords), "options", repeated=("op",))
    parts: dict = {
        "meta": prepare_options(groups.get("meta", [])),
        "options": prepare_options(groups.get("options", [])),
        "op": build_operations(groups.get("op", [])),
    }
    for key in ("clone", "promotable"):
        if key in groups:
            values = list(groups[key])
            if values and "=" not in values[0]:
                parts["clone_id"] = values.pop(0)
            parts[key] = prepare_options(values)
    if "bundle" in groups:
        parts["bundle"] = groups["bundle"]
    return parts


def _validate_clone(lib: PcsLib, resource_id: str, clone_id: str) -> None:
    problem = cibtools.id_problem(clone_id, "id")
    if problem:
        lib.reporter.error(problem)
    elif cibtools.id_exists(lib.cib, clone_id) or clone_id == resource_id:
        lib.reporter.error(f"'{clone_id}' already exists")


def _promotable(kind: str, options: dict[str, str]) -> bool:
    return kind == "promotable" or options.get("promotable", "").lower() in ("true", "1", "yes", "on", "y")


def group_for_create(lib: PcsLib, group_id: str) -> etree._Element | None:
    existing = cibtools.find_resource(lib.cib, group_id)
    if existing is None:
        if cibtools.id_exists(lib.cib, group_id):
            lib.reporter.error(f"'{group_id}' is not a group")
            return None
        if cibtools.id_problem(group_id, "group name"):
            return None  # already reported, one line per bad character
        return etree.Element("group", id=group_id)
    if existing.tag != "group":
        lib.reporter.error(f"'{group_id}' is not a group")
        return None
    return existing


def place_in_group(lib: PcsLib, group: etree._Element, primitives: list[etree._Element],
                   modifiers: Modifiers) -> None:
    """Append (or put --before/--after a member) and attach a new group to resources."""
    anchor_id = modifiers.get("--before") or modifiers.get("--after")
    if anchor_id:
        anchor = next((p for p in group.findall("primitive") if p.get("id") == anchor_id), None)
        if anchor is None:
            raise _no_anchor(lib, anchor_id, group)
    if group.getparent() is None:
        cibtools.section(lib.cib, "resources").append(group)
    if anchor_id and anchor is not None:
        for primitive in primitives:
            if modifiers.has("--before"):
                anchor.addprevious(primitive)
            else:
                anchor.addnext(primitive)
                anchor = primitive
        return
    for primitive in primitives:
        group.append(primitive)


def _no_anchor(lib: PcsLib, anchor_id: str, group: etree._Element) -> PcsError:
    if cibtools.find_resource(lib.cib, anchor_id) is None:
        lib.reporter.error(messages.id_not_found(anchor_id))
    else:
        lib.reporter.error(f"There is no resource '{anchor_id}' in the group '{group.get('id')}', "
                           "cannot add resources next to it")
    return PcsError(UNABLE_TO_CONTINUE)


def delete(lib: PcsLib, argv: list[str], modifiers: Modifiers, stonith: bool = False) -> None:
    modifiers.ensure_only("-f", "--force", "--debug")
    if len(argv) != 1:
        raise UsageError()
    resource_id = argv[0]
    cib, reporter = lib.cib, lib.reporter
    warn_stonith_mismatch(lib, [resource_id], stonith_command=stonith,
                          use_instead="pcs resource delete" if stonith else "pcs stonith delete")
    element = cibtools.find_resource(cib, resource_id)
    if element is not None:
        _refuse_tagged(lib, resource_id, element)
    if element is not None and element.tag in ("clone", "master"):
        element = next((c for c in element if c.tag in ("primitive", "group")), None)  # its content goes
    if element is None:
        raise PcsError(f"Error: Resource '{resource_id}' does not exist.")
    if element.tag == "bundle":  # its primitive first (as a resource of its own), then the bundle
        inner = element.find("primitive")
        reporter.err(f"Deleting bundle '{resource_id}'" + ("" if inner is None else
                                                            f" and its inner resource '{inner.get('id')}'"))
        if inner is not None:
            _delete_primitive(lib, inner)
        remove_references(lib, resource_id)
        cibtools.remove_element(element)
    elif element.tag == "group":
        members = element.findall("primitive")
        group_id = element.get("id")  # the group's own id, also when its clone was named
        reporter.err(f"Removing group: {group_id} (and all resources within group)")
        reporter.err(f"Stopping all resources in group: {group_id}...")
        if not is_managed(cib, element):  # pcs disables the group first, and its disable says so
            reporter.warning(f"'{group_id}' is unmanaged")
        for member in members[:-1]:
            _delete_primitive(lib, member)
        if members:
            _delete_primitive(lib, members[-1])
        else:
            cibtools.remove_element(element)
    else:
        _delete_primitive(lib, element)
    lib.mark_changed()


def _refuse_tagged(lib: PcsLib, resource_id: str, element: etree._Element) -> None:
    """pcs refuses to delete a resource (or what goes with it) that a tag lists."""
    doomed = [element, *(e for e in element.iterdescendants() if e.tag in cibtools.RESOURCE_TAGS)]
    parent = cibtools.resource_parent(element)
    if parent is not None and parent.tag in ("clone", "master"):
        doomed.append(parent)
    if parent is not None and parent.tag == "group" and len(parent.findall("primitive")) == 1:
        doomed.append(parent)
    ids = {e.get("id") for e in doomed}
    tags = sorted({ref.getparent().get("id", "") for ref in lib.cib.iterfind("configuration/tags/tag/obj_ref")
                   if ref.get("id") in ids})
    if tags:
        noun = "tags" if len(tags) > 1 else "the tag"
        raise PcsError(f"Error: Unable to remove resource '{resource_id}' because it is referenced in {noun}: "
                       + ", ".join(f"'{t}'" for t in tags))


def _delete_primitive(lib: PcsLib, primitive: etree._Element) -> None:
    resource_id = primitive.get("id")
    doomed_ids = {resource_id}
    parent = cibtools.resource_parent(primitive)
    empties_group = parent is not None and parent.tag == "group" and len(parent.findall("primitive")) == 1
    if parent is not None and parent.tag in ("clone", "master"):
        doomed_ids.add(parent.get("id"))
    if empties_group and parent is not None:
        doomed_ids.add(parent.get("id"))
        grand = cibtools.resource_parent(parent)
        if grand is not None:
            doomed_ids.add(grand.get("id"))
    cloned = parent is not None and parent.tag in ("clone", "master") and not empties_group
    # pcs's resource_remove takes set members out by the primitive's id only: a set naming the clone
    # keeps it, and the clone's removal then fails (what was pushed before stays, as on the real tool)
    remove_constraints_of(lib, doomed_ids, set_ids={resource_id} if cloned else None)
    remove_from_fencing_levels(lib, resource_id)
    if cloned and parent is not None and lib.cib.xpath("configuration/constraints//resource_ref[@id=$id]",
                                                       id=parent.get("id", "")):
        lib.push_step()
        lib.reporter.err(f"Deleting Resource - {resource_id}")
        raise PcsError(f"Error: unable to remove resource: {resource_id}, it may still be referenced in "
                       "constraints.")
    if empties_group:
        outer = cibtools.resource_parent(parent)
        also = "and group and clone" if outer is not None and outer.tag in ("clone", "master") else "and group"
        lib.reporter.err(f"Deleting Resource ({also}) - {resource_id}")
        cibtools.remove_element(outer if outer is not None else parent)
    else:
        lib.reporter.err(f"Deleting Resource - {resource_id}")
        cibtools.remove_element(parent if parent is not None and parent.tag in ("clone", "master") else primitive)


def remove_from_fencing_levels(lib: PcsLib, stonith_id: str) -> None:
    """pcs's stonith_level_rm_device, run for every removed resource: a level left without devices
    goes, and so does a fencing-topology left without levels."""
    topology = lib.cib.find("configuration/fencing-topology")
    if topology is None:
        return
    for level in list(topology.iterfind("fencing-level")):
        devices = [d for d in level.get("devices", "").split(",") if d and d != stonith_id]
        if devices:
            level.set("devices", ",".join(devices))
        else:
            cibtools.remove_element(level)
    if topology.find("fencing-level") is None:
        cibtools.remove_element(topology)


def remove_references(lib: PcsLib, resource_id: str, quiet: bool = False) -> None:
    """pcs's remove_resource_references: tag members (a tag left empty goes, and what names it),
    constraints, fencing levels (an empty fencing-topology goes too)."""
    remove_tag_references(lib, resource_id)
    remove_constraints_of(lib, {resource_id}, quiet=quiet)
    remove_from_fencing_levels(lib, resource_id)


def remove_tag_references(lib: PcsLib, resource_id: str) -> None:
    """The tags' references to a resource that goes; a tag left empty goes too, with what names it."""
    for ref in list(lib.cib.iterfind("configuration/tags/tag/obj_ref")):
        if ref.get("id") == resource_id:
            tag = ref.getparent()
            cibtools.remove_element(ref)
            if tag.find("obj_ref") is None:
                remove_references(lib, tag.get("id", ""))
                cibtools.remove_element(tag)


def remove_constraints_of(lib: PcsLib, resource_ids: set[str], quiet: bool = False,
                          set_ids: set[str] | None = None) -> None:
    """Drop constraints naming deleted resources (and the set members naming `set_ids`, by default the
    same ids), with pcs's lines: the plain constraints first (colocations, locations, orders, tickets),
    then each set member, an emptied set and an emptied constraint (constraint.remove_constraints_containing)."""
    set_ids = resource_ids if set_ids is None else set_ids
    constraints = lib.cib.find("configuration/constraints")
    if constraints is None:
        return
    kinds = ("rsc_colocation", "rsc_location", "rsc_order", "rsc_ticket")
    plain = [c for kind in kinds for c in constraints.iterfind(kind)
             if {c.get(a) for a in ("rsc", "with-rsc", "first", "then") if c.get(a)} & resource_ids]
    for constraint in plain:
        if not quiet:
            lib.reporter.err(f"Removing Constraint - {constraint.get('id')}")
        cibtools.remove_element(constraint)
    for ref in list(constraints.iterfind(".//resource_ref")):
        if ref.get("id") not in set_ids:
            continue
        rset = ref.getparent()
        rset.remove(ref)
        if not quiet:
            lib.reporter.err(f"Removing {ref.get('id')} from set {rset.get('id')}")
        if rset.find("resource_ref") is None:  # pcs: an emptied set goes, and a constraint without sets
            lib.reporter.err(f"Removing set {rset.get('id')}")
            holder = rset.getparent()
            holder.remove(rset)
            if holder.find("resource_set") is None:
                cibtools.remove_element(holder)
                lib.reporter.err(f"Removing constraint {holder.get('id')}")


def update(lib: PcsLib, argv: list[str], modifiers: Modifiers, stonith: bool = False) -> None:
    """pcs's legacy resource_update: parsed loosely (words without `=` are dropped), validated, then
    instance attributes, the guest-node guard, meta attributes and operations, in that order."""
    if not argv:
        raise UsageError()
    warn_stonith_mismatch(lib, argv[:1], stonith_command=stonith,
                          use_instead="pcs resource update" if stonith else "pcs stonith update")
    modifiers.ensure_only("-f", "--force", "--wait", "--agent-validation", "--debug", deferred_wait_check=True)
    if len(argv) < 2:
        raise UsageError()
    modifiers.ensure_no_wait_with_file()  # after the usage, before the resource is looked up
    resource_id = argv[0]
    cib, reporter = lib.cib, lib.reporter
    attribute_args, op_groups, meta_args = _resource_options(argv[1:])
    element = cibtools.find_resource(cib, resource_id)
    if element is None or element.tag != "primitive":
        child = None if element is None or element.tag not in ("clone", "master") else next(
            (c for c in element if c.tag in ("primitive", "group")), None)
        if child is not None:
            return update_clone(lib, element, child, argv[1:])
        raise PcsError(f"Error: Unable to find resource: {resource_id}")
    attributes = _pairs(attribute_args)
    agent_name = cibtools.agent_name(element)
    metadata = find_agent(agent_name)
    if metadata is not None:
        validate_instance_attributes(ResolvedAgent(agent_name, metadata), dict(attributes), reporter, cib,
                                     own_id=resource_id, update=True)
    reporter.stop_if_errors_plain()
    cibtools.legacy_update_nvset(element, "instance_attributes", attributes)
    meta = prepare_options(meta_args)
    if guest_name(element) != meta.get("remote-node"):
        check_guest_change(lib, meta, detect_remove=True)
    cibtools.legacy_update_nvset(element, "meta_attributes", _pairs(meta_args))
    if element.find(".//operations") is None:  # pcs makes the element whatever the command changes
        etree.SubElement(element, "operations")
    for op_argv in filter(None, op_groups):
        _update_operation(lib, element, op_argv)
    lib.mark_changed()


def _resource_options(args: list[str]) -> tuple[list[str], list[list[str]], list[str]]:
    """pcs's parse_resource_options: attributes, operations (a word without `=` after a started
    operation starts the next one), meta attributes (only words with `=`)."""
    attributes: list[str] = []
    operations: list[list[str]] = []
    meta: list[str] = []
    mode = "attributes"
    for arg in args:
        if arg in ("op", "meta"):
            mode = arg
            if arg == "op":
                operations.append([])
        elif mode == "op":
            if "=" not in arg and operations[-1]:
                operations.append([])
            operations[-1].append(arg)
        elif mode == "meta":
            if "=" in arg:
                meta.append(arg)
        else:
            attributes.append(arg)
    return attributes, operations, meta


def _pairs(args: list[str]) -> list[tuple[str, str]]:
    """pcs's convert_args_to_tuples: `name=value` words, in order, the rest dropped."""
    return [(arg.split("=", 1)[0], arg.split("=", 1)[1]) for arg in args if "=" in arg]


def _update_operation(lib: PcsLib, primitive: etree._Element, op_argv: list[str]) -> None:
    """pcs's update: replace the operation of the same name and role in place; else add one."""
    if "=" in op_argv[0]:
        raise PcsError(f"Error: {op_argv[0]} does not appear to be a valid operation action")
    if len(op_argv) < 2:
        return
    role = next((arg.split("=", 1)[1] for arg in op_argv[1:] if arg.startswith("role=")), "")
    wanted = (op_argv[0], _LEGACY_ROLES.get(role, role))
    existing = list(primitive.iter("op"))
    index = next((i for i, op in enumerate(existing)
                  if (op.get("name"), _LEGACY_ROLES.get(op.get("role", ""), op.get("role", ""))) == wanted), None)
    before = existing[index + 1] if index is not None and index + 1 < len(existing) else None
    if index is not None:
        cibtools.remove_element(existing[index])
    add_operation(lib, primitive, op_argv, strict=False, force=lib.reporter.force, before=before)


_LEGACY_ROLES = {"Master": "Promoted", "Slave": "Unpromoted"}


def meta_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers, stonith: bool = False) -> None:
    """pcs's legacy resource_meta: the guest-node guard first, then the resource; words without `=`
    are dropped; a clone's options checked against its agent (--force reaches group members)."""
    if not argv:
        raise UsageError()
    warn_stonith_mismatch(lib, argv[:1], stonith_command=stonith,
                          use_instead="pcs resource meta" if stonith else "pcs stonith meta")
    modifiers.ensure_only("-f", "--force", "--wait", "--debug", deferred_wait_check=True)
    if len(argv) < 2:
        raise UsageError()
    resource_id = argv[0]
    check_guest_change(lib, prepare_options(argv[1:]), detect_remove=True)
    element = cibtools.find_resource(lib.cib, resource_id)
    if element is None or element.tag == "bundle":  # pcs's dom_get_any_resource knows no bundle
        raise PcsError(f"Error: unable to find a resource/clone/group: {resource_id}")
    modifiers.ensure_no_wait_with_file()  # once the resource is found, before a clone's options are checked
    pairs = _pairs(argv[1:])
    if element.tag == "master":  # pcs's transform_master_to_clone
        element.tag = "clone"
        cibtools.legacy_update_nvset(element, "meta_attributes", [("promotable", "true")])
    child = next((c for c in element if c.tag in ("primitive", "group")), None)
    if element.tag == "clone" and child is not None:
        check_clone_meta(lib, child, dict(pairs), force=lib.reporter.force)
    cibtools.legacy_update_nvset(element, "meta_attributes", pairs)
    lib.mark_changed()
