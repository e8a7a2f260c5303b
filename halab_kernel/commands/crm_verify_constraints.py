"""What crm_verify's scheduler says while unpacking constraints (Pacemaker 2.1.5), after the status:

- an ordering whose first resource is a clone without clone-min, with require-all set: deprecated
  (get_minimum_first_instances, said once);
- a Serialize ordering (or a set in one) asked to be symmetrical: "Ignoring symmetrical for 'ID'
  because not valid with kind of 'Serialize'" (get_ordering_symmetry, a warning);
- a colocation whose influence is not a boolean: "Constraint 'ID' has invalid value for influence
  (using default)" (unpack_influence, an error);
- a constraint naming something that is neither a resource nor a template or tag: "Ignoring
  constraint 'ID' because 'REF' is not a valid resource or tag" (unpack_*_tags, an error; the
  constraint is not looked at further); a colocation of two templates or tags: "Ignoring
  constraint 'ID' because two templates or tags cannot be colocated".
"""

from __future__ import annotations

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.crm_verify_resources import Report, Unpacked


def _require_all(order: etree._Element, clones: dict[str, Unpacked], once: set[str], warn: Report) -> None:
    first = clones.get(order.get("first", ""))
    if first is not None and order.get("require-all") is not None and "clone-min" not in first.meta \
            and "require-all" not in once:
        once.add("require-all")
        warn("get_minimum_first_instances", "Support for require-all in ordering constraints is deprecated and "
             "will be removed in a future release (use clone-min clone meta-attribute instead)")


def _serialize_symmetry(order: etree._Element, warn: Report) -> None:
    if (order.get("kind") or "").lower() != "serialize":
        return
    symmetrical = order.get("symmetrical")
    if values.is_true(symmetrical, False):
        warn("get_ordering_symmetry", f"Ignoring symmetrical for '{order.get('id')}' because not valid with kind of "
                                      "'Serialize'")
    for group in order.iterfind("resource_set"):
        if (group.get("kind") or "serialize").lower() == "serialize" and \
                values.is_true(group.get("symmetrical", symmetrical), False):
            warn("get_ordering_symmetry", f"Ignoring symmetrical for '{group.get('id')}' because not valid with kind "
                                          "of 'Serialize'")


_REFERENCES = {"rsc_location": ("unpack_location_tags", ("rsc",)),
               "rsc_colocation": ("unpack_colocation_tags", ("rsc", "with-rsc")),
               "rsc_order": ("unpack_order_tags", ("first", "then")),
               "rsc_ticket": ("unpack_rsc_ticket_tags", ("rsc",))}


_KINDS = ("primitive", "group", "clone", "master", "bundle", "template")


def _cloned(root: etree._Element) -> set[str]:
    """Resources inside a clone or bundle: a constraint finds them only under a name the status
    gave an instance (not modelled)."""
    return {element.get("id", "") for parent in root.iterfind("configuration/resources//*")
            if parent.tag in ("clone", "master", "bundle") for element in parent.iterdescendants()
            if element.tag in _KINDS}


def _known(root: etree._Element) -> set[str]:
    """The ids a constraint may name: resources but those inside clones and bundles, templates, tags."""
    resources = root.iterfind("configuration/resources//*[@id]")
    return {element.get("id", "") for element in resources if element.tag in _KINDS} - _cloned(root) | \
        {tag.get("id", "") for tag in root.iterfind("configuration/tags/tag")}


def unmodelled(root: etree._Element) -> str | None:
    """What, in the constraints, the checks do not model, or None."""
    for element in root.iterfind("configuration/constraints//*[@influence]"):
        if element.tag != "rsc_colocation":
            return f"influence on a colocation set ({element.get('id')})"
    for order in root.iterfind("configuration/constraints/rsc_order"):
        if order.get("first") is not None and order.get("first") == order.get("then"):
            return f"an ordering of a resource after itself ({order.get('id')}: 2.1.5's scheduler aborts on it)"
    cloned = _cloned(root)
    for constraint in root.iterfind("configuration/constraints/*"):
        for name in _REFERENCES.get(constraint.tag, ("", ()))[1]:
            if constraint.get(name) in cloned:
                return f"a constraint naming a resource inside a clone ({constraint.get('id')}: {constraint.get(name)})"
    known = _known(root)
    for ref in root.iterfind("configuration/constraints/*/resource_set/resource_ref"):
        if ref.get("id") not in known:
            return f"a resource set naming what is not a resource ({ref.get('id')})"
    return None


def _sets(root: etree._Element) -> set[str]:
    """Templates and tags: names that stand for several resources."""
    return {element.get("id", "") for element in root.iterfind("configuration/resources/template")} | \
        {tag.get("id", "") for tag in root.iterfind("configuration/tags/tag")}


def _dangling(constraint: etree._Element, known: set[str], sets: set[str], report: Report) -> bool:
    function, names = _REFERENCES.get(constraint.tag, ("", ()))
    for name in names:
        ref = constraint.get(name)
        if ref is not None and ref not in known:
            report(function, f"Ignoring constraint '{constraint.get('id')}' because '{ref}' is not a valid resource "
                             "or tag")
            return True
    if constraint.tag == "rsc_colocation" and constraint.get("rsc") in sets and constraint.get("with-rsc") in sets:
        report(function, f"Ignoring constraint '{constraint.get('id')}' because two templates or tags cannot be "
                         "colocated")
        return True
    return False


def check(root: etree._Element, resources: list[Unpacked], report: Report, warn: Report) -> None:
    """The constraints' complaints, in the order the scheduler unpacks them."""
    clones = {rsc.id: rsc for rsc in resources if rsc.element.tag in ("clone", "master")}
    once: set[str] = set()
    known, sets = _known(root), _sets(root)
    for constraint in root.iterfind("configuration/constraints/*"):
        if _dangling(constraint, known, sets, report):
            continue
        if constraint.tag == "rsc_order":
            _serialize_symmetry(constraint, warn)
            _require_all(constraint, clones, once, warn)
        elif constraint.tag == "rsc_colocation" and constraint.get("influence") is not None and \
                values.boolean(constraint.get("influence")) is None:
            report("unpack_influence", f"Constraint '{constraint.get('id')}' has invalid value for influence "
                                       "(using default)")
