"""The cli-ban / cli-prefer location constraints of `crm_resource --ban/--move` (Pacemaker 2.1.5),
for crm_resource itself and for pcs, which runs it.

A ban is merged into a ban of the same id already there (crm_resource updates the CIB with a cib
modify: attributes and children by id added, none taken away), so a ban with a lifetime over a
plain one, or the reverse, fails the schema as on the real tool; a move replaces its constraint
and lifts a ban on its destination.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree


def ban_warning(rsc: str, node: str, promoted: bool = False) -> str:
    """crm_resource's own warning for a ban (pcs words it differently)."""
    what = "being promoted" if promoted else "running"
    return (f"WARNING: Creating rsc_location constraint 'cli-ban-{rsc}-on-{node}' with a score of -INFINITY for "
            f"resource {rsc} on {node}.\n\tThis will prevent {rsc} from {what} on {node} until the constraint is "
            f"removed using the clear option or by editing the CIB with an appropriate tool\n\tThis will be the case "
            f"even if {node} is the last node in the cluster")


def add_ban(constraints: etree._Element, rsc: str, node: str, promoted: bool, until: str | None) -> None:
    """Write `cli-ban-RSC-on-NODE` into `constraints`, merged into one of that id (check the schema after)."""
    new = location(f"cli-ban-{rsc}-on-{node}", rsc, node, "-INFINITY", promoted, until)
    existing = next((e for e in constraints.iterfind("rsc_location") if e.get("id") == new.get("id")), None)
    if existing is None:
        constraints.append(new)
    else:
        merge(existing, new)


def add_prefer(constraints: etree._Element, rsc: str, node: str, promoted: bool, until: str | None) -> None:
    """Write `cli-prefer-RSC` for NODE into `constraints`, in place of the old one, lifting a ban there."""
    for existing in list(constraints.iterfind("rsc_location")):
        if existing.get("id") in (f"cli-prefer-{rsc}", f"cli-ban-{rsc}-on-{node}"):
            constraints.remove(existing)
    constraints.append(location(f"cli-prefer-{rsc}", rsc, node, "INFINITY", promoted, until))


def merge(target: etree._Element, update: etree._Element) -> None:
    """libxml's add_xml_object as a cib modify uses it: the update's attributes set on the target, each
    child merged into the target's child of the same tag and id, or appended."""
    for name, value in update.attrib.items():
        target.set(name, value)
    for child in update:
        match = next((c for c in target if c.tag == child.tag and c.get("id") == child.get("id")), None)
        if match is None:
            target.append(deepcopy(child))
        else:
            merge(match, child)


def location(constraint_id: str, rsc: str, node: str, score: str, promoted: bool, until: str | None) -> etree._Element:
    """The rsc_location crm_resource writes (the role it constrains: "Started" unless --promoted); with a
    lifetime, a rule on the node's name and the end, with crm_resource's ids."""
    element = etree.Element("rsc_location", id=constraint_id, rsc=rsc)
    element.set("role", "Promoted" if promoted else "Started")
    if until is None:
        element.set("node", node)
        element.set("score", score)
        return element
    ban = constraint_id.startswith("cli-ban-")
    ids = ((f"{constraint_id}-rule", f"{constraint_id}-expr", f"{constraint_id}-lifetime") if ban else
           (f"cli-prefer-rule-{rsc}", f"cli-prefer-expr-{rsc}", f"cli-prefer-lifetime-end-{rsc}"))
    rule = etree.SubElement(element, "rule", id=ids[0], score=score)
    rule.set("boolean-op", "and")
    etree.SubElement(rule, "expression", id=ids[1], attribute="#uname", operation="eq", value=node, type="string")
    etree.SubElement(rule, "date_expression", id=ids[2], operation="lt", end=until)
    return element
