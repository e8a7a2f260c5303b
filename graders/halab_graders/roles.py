"""Roles a resource never takes: Promoted and Unpromoted belong to promotable clones only.

A beginner copies `role=Promoted` from a promotable example onto a plain resource: Pacemaker accepts it, and
the operation, location, colocation or order it filters then never applies, silently. Every check that runs a
student's commands reads the configuration they leave and fails such a filter by name, with what it costs.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel import Lab

from halab_graders.cib import query
from halab_graders.check import Mismatch

PROMOTED_ROLES = frozenset({"promoted", "master", "unpromoted", "slave"})
PROMOTED_ACTIONS = frozenset({"promote", "demote", "promoted", "demoted"})
HINT = ("role=Promoted/Unpromoted (and promote/demote actions) are for promotable clones; a plain resource, group or "
        "clone is only ever Started: leave the role out (or use Started)")


def _promotable(root: etree._Element) -> set[str]:
    """The ids of promotable clones and of everything inside them."""
    found: set[str] = set()
    for clone in root.iter("clone", "master"):
        promotable = clone.tag == "master" or any(
            nvpair.get("name") == "promotable" and nvpair.get("value", "").lower() in ("true", "yes", "1", "on", "y")
            for nvpair in clone.iterfind("meta_attributes/nvpair"))
        if promotable:
            found |= {element.get("id", "") for element in clone.iter("clone", "master", "group", "primitive")}
    return found


def _filters(root: etree._Element) -> list[tuple[str, str, str]]:
    """(constraint id, resource, role or action) for every role or promote/demote filter a constraint sets."""
    found: list[tuple[str, str, str]] = []
    for location in root.iter("rsc_location"):
        roles = [location.get("role", "")] + [rule.get("role", "") for rule in location.iter("rule")]
        found += [(location.get("id", ""), location.get("rsc", ""), role) for role in roles if role]
    for colocation in root.iter("rsc_colocation"):
        found += [(colocation.get("id", ""), colocation.get(rsc, ""), colocation.get(role, ""))
                  for rsc, role in (("rsc", "rsc-role"), ("with-rsc", "with-rsc-role")) if colocation.get(role)]
    for order in root.iter("rsc_order"):
        found += [(order.get("id", ""), order.get(rsc, ""), order.get(action, ""))
                  for rsc, action in (("first", "first-action"), ("then", "then-action")) if order.get(action)]
    for each in root.iter("resource_set"):
        owner = each.getparent()
        filtered = each.get("role", "") or each.get("action", "")
        if owner is not None and filtered:
            found += [(owner.get("id", ""), ref.get("id", ""), filtered) for ref in each.iter("resource_ref")]
    return found


def require_roles_taken(lab: Lab) -> None:
    """Fail a monitor or constraint filtered on a role its resource never takes (it is not a promotable clone)."""
    root = query(lab, "configuration")
    if root is None:
        return  # no cluster (yet): nothing configured to read
    promotable = _promotable(root)
    for element in root.iter("primitive"):
        roles = [(op.get("role") or "").lower() for op in element.iterfind("operations/op")
                 if op.get("name") == "monitor"]
        if element.get("id") not in promotable and roles and all(role in PROMOTED_ROLES for role in roles):
            raise Mismatch(f"{element.get('id')}'s only monitor is for role={roles[0].capitalize()}: a resource that "
                           "is not a promotable clone never takes that role, so the monitor never runs and nothing "
                           "notices a failure", hint=HINT)
    for constraint, resource, role in _filters(root):
        if resource and resource not in promotable and role.lower() in PROMOTED_ROLES | PROMOTED_ACTIONS:
            raise Mismatch(f"your constraint {constraint} applies to {resource} only in the role or action {role}, "
                           f"which {resource} never takes (it is not a promotable clone): the constraint never "
                           "applies", hint=HINT)
