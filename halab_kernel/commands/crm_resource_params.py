"""crm_resource -g/-p/-d NAME [--meta | --utilization] [--set-name SET] [--force]: resource attributes
as Pacemaker 2.1.5's crm_resource reads and writes them (checked offline with CIB_file).

`-g` prints the value the scheduler would use: for meta attributes the resource's own (its XML
attributes such as `class` included), then its parent's, then rsc_defaults; for instance attributes
its own, then its parent's. `-p`/`-d` of a meta attribute of a clone's child that the child does
not set goes to the clone ("Performing update of ..."), unless --force; `-p` of an instance
attribute that the top resource has as a meta attribute is refused (rc 109), unless --force.
Attribute sets with rules are read as if every rule held (the simulator does not evaluate them here).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from halab_kernel.model import CommandResult
from halab_kernel.sim.pacemaker.cib.references import instance_parameters

MULTIPLE = 109
INVALID_CONFIGURATION = 78
USAGE = 64
SET_TYPES = {"instance": "instance_attributes", "meta": "meta_attributes", "utilization": "utilization"}


@dataclass(frozen=True)
class AttributeRequest:
    """What a -g/-p/-d command line asks for."""

    action: str  # "get", "set" or "delete"
    rsc: str
    name: str
    set_type: str  # instance_attributes, meta_attributes or utilization
    value: str | None = None
    set_name: str | None = None
    force: bool = False
    quiet: bool = False


def _element(root: etree._Element, rsc: str) -> etree._Element:
    return next(e for e in root.iterfind("configuration/resources//*") if e.get("id") == rsc)


def _is_clone(element: etree._Element | None) -> bool:
    return element is not None and element.tag in ("clone", "master")


def _matches(element: etree._Element, request: AttributeRequest) -> list[etree._Element]:
    """crm_resource's find_resource_attr: nvpairs of that name in the element's sets of that type."""
    return [pair for nvset in element.iterfind(request.set_type)
            if request.set_name is None or nvset.get("id") == request.set_name
            for pair in nvset.iter("nvpair") if pair.get("name") == request.name]


def _nvpairs(element: etree._Element | None, set_type: str) -> dict[str, str]:
    if element is None:
        return {}
    return instance_parameters(element, set_type)  # populate_hash: an id-ref pair's, none without name or value


def _evaluated(root: etree._Element, element: etree._Element, set_type: str) -> dict[str, str]:
    """The attributes as the scheduler unpacks them for the resource (the first value wins): meta
    attributes its own (its XML attributes first), its parents', rsc_defaults; instance attributes
    its own, its parents', rsc_defaults; utilization its own."""
    if set_type == "utilization":
        return _nvpairs(element, set_type)
    values = dict(element.attrib) if set_type == "meta_attributes" else {}
    parent = element.getparent()
    inherited = _evaluated(root, parent, set_type) if parent is not None and parent.tag in (
        "group", "clone", "master", "bundle") else {}
    for more in (_nvpairs(element, set_type), inherited, _nvpairs(root.find("configuration/rsc_defaults"), set_type)):
        for name, value in more.items():
            values.setdefault(name, value)
    return values


def _targets(element: etree._Element, request: AttributeRequest, verb: str) -> tuple[list[etree._Element], list[str]]:
    """crm_resource's find_matching_attr_resources (meta attributes; also utilization for -p): with
    --force the resource itself; a clone's child that does not set the attribute hands it to the
    clone; a clone whose primitive sets it hands it to the primitive; a group's members that set it
    come before the group."""
    if request.force:
        return [element], []
    parent = element.getparent()
    if _is_clone(parent):
        if len(_matches(element, request)) != 1:
            return [parent], [f"Performing {verb} of '{request.name}' on '{parent.get('id')}', the parent of "
                              f"'{element.get('id')}'"]
        return [element], []
    if _is_clone(element):
        child = next((c for c in element if c.tag in ("primitive", "group")), None)
        if child is not None and child.tag == "primitive" and len(_matches(child, request)) == 1:
            return [child], [f"A value for '{request.name}' already exists in child '{child.get('id')}', performing "
                             f"{verb} on that instead of '{element.get('id')}'"]
        return [element], []
    members = [m for m in element.iter("primitive") if m is not element and len(_matches(m, request)) == 1]
    return [*members, element], []


def _listing(matches: list[etree._Element], request: AttributeRequest) -> str:
    """find_resource_attr's words when several nvpairs match (then a blank line, even with -Q)."""
    if len(matches) < 2:
        return ""
    if request.quiet:
        return "\n"
    listed = "".join(f"  Value: {p.get('value', '')} \t(id={p.get('id')})\n" for p in matches)
    return f"Multiple attributes match name={request.name}\n{listed}\n"


def _top(element: etree._Element) -> etree._Element:
    """uber_parent: the outermost resource holding this one."""
    holders = [a for a in element.iterancestors() if a.tag in ("group", "clone", "master", "bundle")]
    return holders[-1] if holders else element


def _lines(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


_FAILED_MULTIPLE = "crm_resource: Error performing operation: Multiple items match request\n"


def _refused_clash(top: etree._Element, request: AttributeRequest, out: str) -> CommandResult | None:
    """-p of an instance attribute the outermost resource has as a meta attribute (one of them)."""
    clash = _matches(top, replace(request, set_type="meta_attributes"))
    if len(clash) != 1:
        return None
    pair_id = clash[0].get("id")
    warning = "" if request.quiet else (
        f"WARNING: There is already a meta attribute for '{top.get('id')}' called '{request.name}' "
        f"(id={pair_id})\n         Delete '{pair_id}' first or use the force option to override\n")
    return CommandResult(out, warning + _FAILED_MULTIPLE, MULTIPLE)


def _set(target: etree._Element, request: AttributeRequest, matches: list[etree._Element]) -> str:
    set_id = request.set_name
    if matches:
        pair = matches[0]
    else:
        set_id = set_id or f"{target.get('id')}-{request.set_type}"
        nvset = next((n for n in target.iterfind(request.set_type) if n.get("id") == set_id), None)
        if nvset is None:
            nvset = etree.SubElement(target, request.set_type, id=set_id)
        pair = etree.SubElement(nvset, "nvpair", id=f"{set_id}-{request.name}", name=request.name)
    pair.set("value", request.value or "")
    where = f" set={set_id}" if set_id else ""
    return f"Set '{target.get('id')}' option: id={pair.get('id')}{where} name={request.name} value={request.value}"


def run(root: etree._Element, request: AttributeRequest) -> tuple[CommandResult, bool]:
    """The answer, and whether `root` was changed (the caller writes it back)."""
    element = _element(root, request.rsc)
    if request.action == "get":
        value = _evaluated(root, element, request.set_type).get(request.name)
        if value is None:  # a clone's primitive is looked up as its first instance
            shown = f"{request.rsc}:0" if element.tag == "primitive" and _is_clone(element.getparent()) else request.rsc
            return CommandResult(stderr=f"Attribute '{request.name}' not found for '{shown}'\n"), False
        return CommandResult(stdout=f"{value}\n"), False
    top = _top(element)
    out = "" if request.force else _listing([p for p in top.iter("nvpair") if p.get("name") == request.name], request)
    said: list[str] = []
    if request.action == "set" and request.set_type == "instance_attributes":
        targets = [element]
        if not request.force:
            out += _listing(_matches(top, replace(request, set_type="meta_attributes")), request)
            refused = _refused_clash(top, request, out)
            if refused is not None:
                return refused, False
    elif request.action == "delete" and request.set_type != "meta_attributes":
        targets = [element]
    else:
        targets, said = _targets(element, request, "update" if request.action == "set" else "delete")
    if request.set_name and request.action == "set":
        targets = targets[-1:]
    lines = [] if request.quiet else said
    if request.action == "set" and request.set_type == "utilization" and any(t.tag != "primitive" for t in targets):
        # the schema has utilization on primitives only: the CIB refuses the change (the real tool
        # also prints the refused CIB on stderr before this line)
        return CommandResult(out + _lines(lines), "crm_resource: Error performing operation: Invalid configuration\n",
                             INVALID_CONFIGURATION), False
    changed = False
    deleted_id: str | None = None
    for target in targets:
        matches = [p for p in _matches(target, request) if deleted_id is None or p.get("id") == deleted_id]
        out += _listing(matches, request)
        if len(matches) > 1:
            return CommandResult(out + _lines(lines), _FAILED_MULTIPLE, MULTIPLE), changed
        if request.action == "set":
            lines.append(_set(target, request, matches))
        elif matches:
            pair = matches[0]
            pair.getparent().remove(pair)
            deleted_id = deleted_id or pair.get("id")
            where = f" set={request.set_name}" if request.set_name else ""
            lines.append(f"Deleted '{target.get('id')}' option: id={pair.get('id')}{where} name={request.name}")
        else:
            continue
        changed = True
    return CommandResult(out + ("" if request.quiet else _lines(lines))), changed
