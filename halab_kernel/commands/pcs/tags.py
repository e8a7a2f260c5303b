"""`pcs tag create|config|list|update|remove|delete`: named lists of resources.

A tag (`<tags><tag id><obj_ref id/>...`) lets one constraint or one
`pcs resource enable/manage` stand for several resources. The checks and
their order are pcs 0.11's (lib/cib/tag.py), so the messages match.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers

_RESOURCE = "bundle/clone/group/resource"


def _tags_section(lib: PcsLib) -> etree._Element:
    return cibtools.section(lib.cib, "tags")


def find_tag(lib: PcsLib, tag_id: str) -> etree._Element | None:
    tags = lib.cib.find("configuration/tags")
    return next((t for t in tags.iterfind("tag") if t.get("id") == tag_id), None) if tags is not None else None


def _check_resources(lib: PcsLib, ids: list[str]) -> None:
    for element_id in ids:
        if cibtools.find_resource(lib.cib, element_id) is not None:
            continue
        if cibtools.id_exists(lib.cib, element_id):
            lib.reporter.error(f"'{element_id}' is not a {_RESOURCE}")
        else:
            lib.reporter.error(messages.id_not_found(element_id, _RESOURCE))


def _check_duplicates(lib: PcsLib, ids: list[str], action: str) -> None:
    duplicates = sorted(i for i, count in Counter(ids).items() if count > 1)
    if duplicates:
        lib.reporter.error(f"Ids to {action} must be unique, duplicate ids: {messages.quoted_list(duplicates)}")


def _find_tags(lib: PcsLib, ids: list[str]) -> list[etree._Element]:
    found = []
    for tag_id in ids:
        tag = find_tag(lib, tag_id)
        if tag is not None:
            found.append(tag)
        elif cibtools.id_exists(lib.cib, tag_id):
            lib.reporter.error(f"'{tag_id}' is not a tag")
        else:
            lib.reporter.error(messages.id_not_found(tag_id, "tag"))
    return found


def create(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if len(argv) < 2:
        raise UsageError()
    tag_id, refs = argv[0], argv[1:]
    problems = cibtools.id_problems_each(tag_id, "id")  # pcs's validator reports every bad character
    for problem in problems:
        lib.reporter.error(problem)
    if tag_id and cibtools.id_exists(lib.cib, tag_id):  # checked whether the id is valid or not
        lib.reporter.error(f"'{tag_id}' already exists")
    if tag_id in refs:
        lib.reporter.error("Tag cannot contain itself")
    _check_resources(lib, refs)
    _check_duplicates(lib, refs, "add")
    lib.reporter.stop_if_errors()
    tag = etree.SubElement(_tags_section(lib), "tag", id=tag_id)
    for ref in refs:
        etree.SubElement(tag, "obj_ref", id=ref)
    lib.mark_changed()


def config(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    tags = _find_tags(lib, argv) if argv else list(lib.cib.iterfind("configuration/tags/tag"))
    lib.reporter.stop_if_errors()
    if not tags:
        lib.reporter.err(" No tags defined")
        return
    for tag in tags:
        lib.reporter.out(tag.get("id", ""))
        for ref in tag.iterfind("obj_ref"):
            lib.reporter.out(f"  {ref.get('id')}")


def list_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    lib.reporter.deprecation("This command is deprecated and will be removed. Please use 'pcs tag config' instead.")
    config(lib, argv, modifiers)


def _referencing_constraints(lib: PcsLib, tag_id: str) -> list[str]:
    constraints = lib.cib.find("configuration/constraints")
    found = []
    for constraint in constraints if constraints is not None else []:
        if not isinstance(constraint.tag, str):
            continue
        if constraint.find(".//resource_set") is not None:
            hit = any(r.get("id") == tag_id for r in constraint.iterfind("resource_set/resource_ref"))
        else:
            hit = tag_id in {constraint.get(a) for a in ("rsc", "with-rsc", "first", "then")}
        if hit:
            found.append(constraint.get("id", ""))
    return sorted(found)


def remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    for tag_id in argv:
        used_by = _referencing_constraints(lib, tag_id)
        if used_by:
            noun = "constraint" if len(used_by) == 1 else "constraints"
            lib.reporter.error(f"Tag '{tag_id}' cannot be removed because it is referenced in {noun} "
                               f"{messages.quoted_list(used_by)}")
    tags = _find_tags(lib, argv)
    lib.reporter.stop_if_errors()
    for tag in tags:
        cibtools.remove_element(tag)
    lib.mark_changed()


def _split_add_remove(argv: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    current = None
    for arg in argv:
        if arg in ("add", "remove"):
            if arg in groups:
                raise UsageError(f"'{arg}' cannot be used more than once")
            current = arg
            groups[arg] = []
        elif current is None:
            raise UsageError()
        else:
            groups[current].append(arg)
    return groups


def update(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--after", "--before")
    if not argv:
        raise UsageError()
    tag_id, groups = argv[0], _split_add_remove(argv[1:])
    if not groups or any(not ids for ids in groups.values()):
        raise UsageError(hint="Specify at least one id for 'add' or 'remove' arguments.", show_both=True)
    if modifiers.has("--after") and modifiers.has("--before"):
        raise PcsError("Error: Cannot specify both --before and --after")
    adjacent_id = modifiers.get("--after") or modifiers.get("--before")
    to_add, to_remove = groups.get("add", []), groups.get("remove", [])
    reporter = lib.reporter
    found = _find_tags(lib, [tag_id])
    tag = found[0] if found else None
    if adjacent_id is not None and not to_add:
        reporter.error(f"Cannot specify adjacent id '{adjacent_id}' without ids to add")
    common = sorted(set(to_add) & set(to_remove))
    if common:
        reporter.error(f"Ids cannot be added and removed at the same time: {messages.quoted_list(common)}")
    add_refs: list[etree._Element] = []
    if to_add:
        _check_duplicates(lib, to_add, "add")
        unique_add = list(dict.fromkeys(to_add))
        _check_resources(lib, unique_add)
        if tag is not None:
            present = []
            for ref_id in unique_add:
                existing = _ref(tag, ref_id)
                add_refs.append(existing if existing is not None else etree.Element("obj_ref", id=ref_id))
                if existing is not None:
                    present.append(ref_id)
            if adjacent_id is None and present:
                noun = "id" if len(present) == 1 else "ids"
                reporter.error(f"Cannot add reference {noun} already in the tag '{tag_id}': "
                               f"{messages.quoted_list(present)}")
    remove_refs = _check_removal(lib, tag, tag_id, to_remove, to_add)
    adjacent = _check_adjacent(lib, tag, tag_id, adjacent_id, to_add, to_remove)
    reporter.stop_if_errors()
    assert tag is not None
    for ref in add_refs:
        if adjacent is None:
            tag.append(ref)
        elif modifiers.has("--after"):
            adjacent.addnext(ref)
            adjacent = ref
        else:
            adjacent.addprevious(ref)
    for ref in remove_refs:
        cibtools.remove_element(ref)
    lib.mark_changed()


def _ref(tag: etree._Element, ref_id: str) -> etree._Element | None:
    return next((r for r in tag.iterfind("obj_ref") if r.get("id") == ref_id), None)


def _check_removal(lib: PcsLib, tag: etree._Element | None, tag_id: str, to_remove: list[str],
                   to_add: list[str]) -> list[etree._Element]:
    if tag is None or not to_remove:
        return []
    duplicated = len(set(to_remove)) != len(to_remove)
    _check_duplicates(lib, to_remove, "remove")
    found = [r for r in (_ref(tag, i) for i in dict.fromkeys(to_remove)) if r is not None]
    missing = sorted(i for i in set(to_remove) if _ref(tag, i) is None)
    if missing:
        noun = "id" if len(missing) == 1 else "ids"
        lib.reporter.error(f"Tag '{tag_id}' does not contain {noun}: {messages.quoted_list(missing)}")
    if not missing and not duplicated and not to_add and len(set(to_remove)) == len(tag.findall("obj_ref")):
        lib.reporter.error(f"There would be no references left in the tag '{tag_id}', please remove the "
                           f"whole tag using the 'pcs tag remove {tag_id}' command")
    return found


def _check_adjacent(lib: PcsLib, tag: etree._Element | None, tag_id: str, adjacent_id: str | None,
                    to_add: list[str], to_remove: list[str]) -> etree._Element | None:
    if tag is None or adjacent_id is None:
        return None
    adjacent = _ref(tag, adjacent_id)
    if adjacent is None:
        lib.reporter.error(f"There is no reference id '{adjacent_id}' in the tag '{tag_id}', cannot put "
                           "reference ids next to it in the tag")
        return None
    if adjacent_id in to_add:
        lib.reporter.error(f"Cannot put id '{adjacent_id}' next to itself.")
    if adjacent_id in to_remove:
        lib.reporter.error(f"Cannot remove id '{adjacent_id}' next to which ids are being added")
    return adjacent
