"""Resource templates and tags, resolved before the configuration is read; name/value pairs
written as references (`<nvpair id-ref="X"/>`) read as 2.1.5 reads them.

Pacemaker lets a primitive take its agent, attributes and operations from a
`<template>`, and lets constraints name a template or a `<tag>` instead of a
resource: the constraint then applies to every primitive made from the
template, or tagged. As Pacemaker 2.1.5 does it (unpack_template,
pcmk__tag_to_set, pcmk__expand_tags_in_sets), a constraint's `rsc`, `with-rsc`,
`first` or `then` naming a template or tag becomes an unordered resource set
(sequential="false") of those resources, and the other side becomes a set of
one; a resource_ref naming one is replaced by the resources it stands for. A
colocation whose both sides name a template or tag is ignored (unpack_colocation_tags).

Works on a copy of the `<configuration>` element; the caller's XML is unchanged.
"""

from __future__ import annotations

import copy

from lxml import etree

# which attributes of each constraint may name a template or tag, and which
# role/action attribute moves onto the set made from it
SIDES = {
    "rsc_colocation": (("rsc", "rsc-role", "role"), ("with-rsc", "with-rsc-role", "role")),
    "rsc_order": (("first", "first-action", "action"), ("then", "then-action", "action")),
    "rsc_location": (("rsc", "role", "role"),),
    "rsc_ticket": (("rsc", "rsc-role", "role"),),
}


def resolve_references(config: etree._Element) -> etree._Element:
    """The configuration with templates applied and template/tag references expanded."""
    groups = _groups(config)
    if not groups and config.find("resources//template") is None:
        return config
    config = copy.deepcopy(config)
    _apply_templates(config)
    constraints = config.find("constraints")
    if constraints is not None:
        for constraint in list(constraints):
            if isinstance(constraint.tag, str):
                _expand_constraint(constraint, groups)
    return config


def _groups(config: etree._Element) -> dict[str, list[str]]:
    """Template or tag id -> the resources it stands for, in configuration order."""
    groups: dict[str, list[str]] = {}
    for template in config.iterfind("resources//template"):
        groups[template.get("id", "")] = [p.get("id", "") for p in config.iterfind("resources//primitive")
                                          if p.get("template") == template.get("id")]
    for tag in config.iterfind("tags/tag"):
        groups[tag.get("id", "")] = [ref.get("id", "") for ref in tag.iterfind("obj_ref")]
    return groups


def _apply_templates(config: etree._Element) -> None:
    """unpack_template: the template's definition, then the primitive's own children; the
    template's operations join the primitive's unless it defines one of the same name and role
    (template_op_key: whatever their intervals)."""
    templates = {t.get("id"): t for t in config.iterfind("resources//template")}
    for primitive in list(config.iterfind("resources//primitive[@template]")):
        template = templates.get(primitive.get("template"))
        if template is None:
            continue
        merged = copy.deepcopy(template)
        merged.tag = "primitive"
        merged.set("id", primitive.get("id", ""))
        template_ops = merged.find("operations")
        own_ops = None
        for child in primitive:
            copied = copy.deepcopy(child)
            merged.append(copied)
            if copied.tag == "operations":
                own_ops = copied
        if template_ops is not None and own_ops is not None:
            keys = {_template_op_key(op) for op in own_ops.iterfind("op")}
            for op in template_ops.iterfind("op"):
                if _template_op_key(op) not in keys:
                    own_ops.append(copy.deepcopy(op))
            merged.remove(template_ops)
        primitive.getparent().replace(primitive, merged)


def _template_op_key(op: etree._Element) -> tuple:
    """template_op_key: the name and the role, no role, Started and Unpromoted (Slave) being one."""
    role = (op.get("role") or "").strip()
    return op.get("name"), "Unknown" if role.lower() in ("", "started", "unpromoted", "slave") else role


def _expand_constraint(constraint: etree._Element, groups: dict[str, list[str]]) -> None:
    for rsc_set in constraint.iterfind("resource_set"):
        for ref in list(rsc_set.iterfind("resource_ref")):
            members = groups.get(ref.get("id", ""))
            if members is None:
                continue
            for member in members:
                ref.addprevious(etree.Element("resource_ref", id=member))
            rsc_set.remove(ref)
    sides = SIDES.get(constraint.tag, ())
    if not any(constraint.get(attribute) in groups for attribute, _, _ in sides):
        return
    if constraint.tag == "rsc_colocation" and all(constraint.get(attribute) in groups for attribute, _, _ in sides):
        # unpack_colocation_tags: "two templates or tags cannot be colocated", the constraint is ignored
        constraint.getparent().remove(constraint)
        return
    for attribute, moved, set_attribute in sides:
        name = constraint.get(attribute)
        if name is None:
            continue
        rsc_set = etree.SubElement(constraint, "resource_set", id=name)
        for member in groups.get(name, [name]):
            etree.SubElement(rsc_set, "resource_ref", id=member)
        if name in groups:
            rsc_set.set("sequential", "false")
        if constraint.get(moved) is not None:
            rsc_set.set(set_attribute, constraint.attrib.pop(moved))
        del constraint.attrib[attribute]


def pair_name_value(pair: etree._Element) -> tuple[str | None, str | None]:
    """A name/value pair's name and value as populate_hash reads them (2.1.5, lib/pengine/rules.c): its own,
    and what it lacks from the pair its `id-ref` names (expand_idref: the one `//nvpair[@id=ref]` of the whole
    document; none when no pair or several have that id). A pair with no name or no value is skipped."""
    name, value = pair.get("name"), pair.get("value")
    ref = pair.get("id-ref")
    if ref is not None and (name is None or value is None):
        found = pair.getroottree().getroot().xpath("//nvpair[@id=$ref]", ref=ref)
        if len(found) == 1:
            name = name if name is not None else found[0].get("name")
            value = value if value is not None else found[0].get("value")
    return name, value


def with_pairs_resolved(root: etree._Element) -> etree._Element:
    """The document with its name/value pairs as 2.1.5 reads them (pair_name_value): an `id-ref` pair holding
    the name and value it reads for it, and a pair it reads no name or no value for removed, so that a reader
    of `nvpair/@name` and `@value` sees what Pacemaker sees (crm_mon's node attributes, target-role, cluster
    options); the same root when there is nothing to change."""
    query = "//nvpair[@id-ref or not(@name) or not(@value)]"
    pairs = root.xpath(query)
    if not pairs:
        return root
    resolved = copy.deepcopy(root)
    for pair, copied in zip(pairs, resolved.xpath(query)):
        name, value = pair_name_value(pair)
        if name is None or value is None:
            copied.getparent().remove(copied)
        else:
            copied.set("name", name)
            copied.set("value", value)
    return resolved


def instance_parameters(element: etree._Element, set_type: str = "instance_attributes") -> dict[str, str]:
    """The name/value pairs of `element`'s sets of `set_type` as populate_hash fills the table an agent is
    called with (without rules): references resolved (pair_name_value), a pair without name or value
    skipped, the first value of a name kept."""
    values: dict[str, str] = {}
    for pair in element.iterfind(f"{set_type}/nvpair"):
        name, value = pair_name_value(pair)
        if name is not None and value is not None:
            values.setdefault(name, value)
    return values
