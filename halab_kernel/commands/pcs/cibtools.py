"""Small, pcs-faithful operations on a CIB document (an lxml tree).

Ids are generated the way pcs generates them (`<owner>-<purpose>`, then
`-1`, `-2`, ... when taken), nvsets are created on first use and nvpairs
with an empty value are removed, as pcs does.
"""

from __future__ import annotations

import re

from lxml import etree

from halab_kernel.commands.pcs.errors import PcsError

RESOURCE_TAGS = ("primitive", "group", "clone", "master", "bundle")
_BAD_FIRST = re.compile(r"[^a-zA-Z_]")
_BAD_CHAR = re.compile(r"[^a-zA-Z0-9_.-]")


def section(cib: etree._Element, name: str) -> etree._Element:
    """`configuration/<name>`, appended when missing."""
    configuration = cib.find("configuration")
    if configuration is None:
        raise PcsError("Error: Unable to get configuration section from cib")
    found = configuration.find(name)
    if found is not None:
        return found
    # pcs appends a missing section (the schema lets the optional ones come in any order)
    return etree.SubElement(configuration, name)


def id_exists(cib: etree._Element, element_id: str) -> bool:
    """Is the id taken? Not by the status section: it remembers resources long deleted (pcs)."""
    return bool(cib.xpath("(/cib/*[name()!='status']|/*[name()!='cib'])//*[@id=$i]", i=element_id))


def id_problem(value: str, description: str) -> str | None:
    """pcs's message for an id that is not a valid XML id, else None."""
    if not value:
        return f"{description} cannot be empty"
    if _BAD_FIRST.match(value[0]):
        return (f"invalid {description} '{value}', '{value[0]}' is not a valid first "
                f"character for a {description}")
    bad = _BAD_CHAR.search(value[1:])
    if bad:
        return (f"invalid {description} '{value}', '{bad.group()}' is not a valid "
                f"character for a {description}")
    return None


def id_problems_each(value: str, description: str) -> list[str]:
    """One message per offending character, as `pcs resource create --group` reports them."""
    if not value:
        return [f"{description} cannot be empty"]
    found = []
    if _BAD_FIRST.match(value[0]):
        found.append(f"invalid {description} '{value}', '{value[0]}' is not a valid first "
                     f"character for a {description}")
    for char in value[1:]:
        if _BAD_CHAR.match(char):
            found.append(f"invalid {description} '{value}', '{char}' is not a valid "
                         f"character for a {description}")
    return found


def sanitize_id(value: str) -> str:
    """Make an id from free text the way pcs does: invalid characters are dropped."""
    if not value:
        return value
    first = "" if _BAD_FIRST.match(value[0]) else value[0]
    return first + _BAD_CHAR.sub("", value[1:])


def unique_id(cib: etree._Element, base: str, reserved: set[str] | None = None) -> str:
    """`base` if free, else `base-1`, `base-2`, ..."""
    reserved = reserved or set()
    candidate, counter = base, 1
    while id_exists(cib, candidate) or candidate in reserved:
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


def find_resource(cib: etree._Element, resource_id: str) -> etree._Element | None:
    """A primitive, group, clone or bundle with this id (in the resources section)."""
    matches = cib.xpath(
        "configuration/resources//*[self::primitive or self::group or self::clone "
        "or self::master or self::bundle][@id=$i]",
        i=resource_id,
    )
    return matches[0] if matches else None


def all_resource_ids(cib: etree._Element) -> list[str]:
    return [el.get("id") for el in cib.xpath(
        "configuration/resources//*[self::primitive or self::group or self::clone "
        "or self::master or self::bundle]")]


def agent_name(primitive: etree._Element) -> str:
    """`class:provider:type` of a primitive (`stonith:fence_x`, `systemd:unit`)."""
    return ":".join(p for p in (primitive.get("class"), primitive.get("provider"), primitive.get("type")) if p)


def is_stonith(element: etree._Element) -> bool:
    return element.tag == "primitive" and element.get("class") == "stonith"


def node_names(cib: etree._Element) -> list[str]:
    return [n.get("uname") for n in cib.findall("configuration/nodes/node") if n.get("uname")]


def nvset(parent: etree._Element, tag: str, set_id: str, create: bool = True,
          first: bool = False) -> etree._Element | None:
    """The first `<tag>` child of parent (instance_attributes, meta_attributes, ...)."""
    found = parent.find(tag)
    if found is not None or not create:
        return found
    element = etree.Element(tag, id=set_id)
    if first:
        parent.insert(0, element)
    else:
        parent.append(element)
    return element


def set_nvpair(nvset_element: etree._Element, name: str, value: str, id_name_length: int | None = None) -> None:
    """Set or (empty value) remove one nvpair, ids as pcs makes them.

    `pcs property set` builds ids from the first 20 characters of the name
    (`cib-bootstrap-options-priority-fencing-del`): `id_name_length` does that.
    """
    existing = nvset_element.find(f"nvpair[@name='{name}']") if _plain(name) else next(
        (p for p in nvset_element.findall("nvpair") if p.get("name") == name), None)
    if value == "":
        if existing is not None:
            nvset_element.remove(existing)
        return
    if existing is not None:
        existing.set("value", value)
        return
    root = nvset_element.getroottree().getroot()
    pair_id = unique_id(root, sanitize_id(f"{nvset_element.get('id')}-{name[:id_name_length]}"))
    etree.SubElement(nvset_element, "nvpair", id=pair_id, name=name, value=value)


def legacy_update_nvset(owner: etree._Element, tag: str, pairs: list[tuple[str, str]],
                        set_id: str | None = None) -> None:
    """pcs's legacy dom_update_nvset (resource update/meta, clone update, utilization): the first
    `<tag>` child, made (id `set_id` or `<owner>-<tag>`, made unique) unless only removing; each pair set in
    order, an empty value removes it; a new nvpair's id is `<set id>-<name>` as it is, neither
    sanitized nor made unique, so an odd name fails the push at the schema as on the real tool."""
    if not pairs:
        return
    nvset = owner.find(tag)
    if nvset is None:
        if all(value == "" for _, value in pairs):
            return
        nvset = etree.SubElement(owner, tag, id=unique_id(owner.getroottree().getroot(),
                                                          set_id or f"{owner.get('id')}-{tag}"))
    for name, value in pairs:
        existing = next((p for p in nvset.iter("nvpair") if p.get("name") == name), None)
        if existing is not None:
            if value == "":
                existing.getparent().remove(existing)
            else:
                existing.set("value", value)
        elif value != "":
            etree.SubElement(nvset, "nvpair", id=f"{nvset.get('id')}-{name}", name=name, value=value)


def _plain(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9_.#-]+", name))


def nvpairs(element: etree._Element | None) -> list[tuple[str, str]]:
    if element is None:
        return []
    return [(p.get("name", ""), p.get("value", "")) for p in element.findall("nvpair")]


def remove_element(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def resource_parent(element: etree._Element) -> etree._Element | None:
    """The group/clone/bundle holding this resource, if any."""
    parent = element.getparent()
    if parent is not None and parent.tag in ("group", "clone", "master", "bundle"):
        return parent
    return None
