"""The resources as crm_verify's scheduler unpacks them (Pacemaker 2.1.5), and what it says of their
meta attributes: once when each is unpacked, and again for each entry of its history.

Clones are expanded into numbered instances and members inherit their parents' meta attributes;
a value of `#default` is no value. `target-role` is read by get_target_role() when a resource is
unpacked and again for every history entry (`lrm_resource`) found for it on a node whose history
is unpacked (every node with fencing enabled, online nodes without).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from halab_kernel import values
from halab_kernel.sim.pacemaker.scheduler.requires import unpack_requires

ROLES = ("stopped", "started", "unpromoted", "promoted", "slave", "master")
# pe_flag_enable_unfencing: unfencing in rsc_defaults or any resource's meta attributes (unpack_config)
UNFENCING_NVPAIR = "nvpair[(@name='provides' or @name='requires') and @value='unfencing']"
ENABLE_UNFENCING = (f"/cib/configuration/resources//meta_attributes/{UNFENCING_NVPAIR}"
                    f" | /cib/configuration/rsc_defaults/meta_attributes/{UNFENCING_NVPAIR}")
MULTIPLE_ACTIVE = ("block", "stop_only", "stop_start", "stop_unexpected")
KINDS = ("primitive", "group", "clone", "master")

Report = Callable[[str, str], None]   # (function, message)


@dataclass(frozen=True)
class Unpacked:
    """A resource as the scheduler unpacks it: clones expanded into numbered instances, meta
    attributes inherited from groups and clones (`#default` values dropped)."""

    id: str
    element: etree._Element
    meta: dict[str, str]
    in_clone: bool
    promotable: bool   # its top-level parent is a promotable clone


def own_meta(element: etree._Element) -> dict[str, str]:
    return {nv.get("name", ""): nv.get("value", "") for nv in element.iterfind("meta_attributes/nvpair")}


def _is_promotable(element: etree._Element) -> bool:
    return element.tag == "master" or element.tag == "clone" and values.is_true(
        own_meta(element).get("promotable"), False)


def _unpacked(element: etree._Element, inherited: dict[str, str], suffix: str, in_clone: bool,
              promotable: bool, node_count: int) -> list[Unpacked]:
    meta = {name: value for name, value in {**inherited, **own_meta(element)}.items()
            if value.lower() != "#default"}
    found = [Unpacked(element.get("id", "") + suffix, element, meta, in_clone, promotable)]
    children = [child for child in element if child.tag in KINDS]
    if element.tag in ("clone", "master"):
        count = values.char2score(meta.get("clone-max")) if meta.get("clone-max") else node_count
        for number in range(max(0, count)):
            for child in children:
                found += _unpacked(child, meta, f":{number}", True, promotable, node_count)
    else:
        for child in children:
            found += _unpacked(child, meta, suffix, in_clone, promotable, node_count)
    return found


def unpacked(root: etree._Element) -> list[Unpacked]:
    """Every resource, group, clone and clone instance, in the order the scheduler unpacks them,
    with the resource defaults (rsc_defaults) under their own and inherited meta attributes."""
    nodes = len({node.get("uname") for node in root.iterfind("configuration/nodes/node")}
                | {pair.get("value") for pair in root.iterfind("configuration/resources//meta_attributes/nvpair")
                   if pair.get("name") == "remote-node"}
                | {remote.get("id") for remote in root.iterfind("configuration/resources//primitive[@type='remote']")
                   if remote.get("provider") == "pacemaker"})
    defaults = {nv.get("name", ""): nv.get("value", "")
                for nv in root.iterfind("configuration/rsc_defaults/meta_attributes/nvpair")}
    resources = root.find("configuration/resources")
    found: list[Unpacked] = []
    for element in resources if resources is not None else ():
        if element.tag in KINDS:
            found += _unpacked(element, defaults, "", False, _is_promotable(element), nodes)
    return found


def target_role(rsc: Unpacked, report: Report) -> None:
    """get_target_role(): an unknown role, or a promoted/unpromoted one outside a promotable clone."""
    role = rsc.meta.get("target-role")
    if role is None or role.lower() in ("started", "default"):
        return
    if role.lower() not in ROLES:
        report("text2role", f"Unknown role: {role}")
        report("get_target_role", f"Ignoring 'target-role' for {rsc.id} because '{role}' is not valid")
    elif role.lower() not in ("stopped", "started") and not rsc.promotable:
        report("get_target_role", f"Ignoring 'target-role' for {rsc.id} because '{role}' only makes sense "
                                   "for promotable clones")


def scan_ll(text: str, warn: Report) -> int:
    """pcmk__scan_ll() as char2score() calls it: strtoll's reading, with its complaints (plain log
    warnings, shown at -VV only)."""
    match = re.match(r"\s*([+-]?\d+)", text)
    if match is None:
        warn("scan_ll", f"Could not parse integer from '{text}' (using 0 instead): No digits found")
        if text:
            warn("scan_ll", f"Characters left over after parsing '{text}': '{text}'")
        return 0
    number = int(match.group(1))
    if not -2**63 <= number < 2**63:
        number = 2**63 - 1 if number > 0 else -2**63
        warn("scan_ll", f"Integer parsed from '{text}' was clipped to {number}")
    if match.end() < len(text):
        warn("scan_ll", f"Characters left over after parsing '{text}': '{text[match.end():]}'")
    return number


def char2score(text: str | None, warn: Report) -> int:
    """char2score(): INFINITY and the health colours by name, anything else through scan_ll."""
    if text is None:
        return 0
    if text.lower() in ("infinity", "+infinity", "-infinity", "red", "yellow", "green"):
        return values.char2score(text)
    return max(-values.INFINITY_SCORE, min(values.INFINITY_SCORE, scan_ll(text, warn)))


def unpack(rsc: Unpacked, fencing: bool, quorum_ignored: bool, report: Report, warn: Report, quiet: Report,
           once: set[str]) -> str | None:
    """pe__unpack_resource()'s complaints about one resource's meta attributes, in its order:
    configuration errors (`report`), configuration warnings (`warn`), plain log warnings (`quiet`);
    a deprecation is said once (`once` holds what was said). Returns what it does not model, if any."""
    char2score(rsc.meta.get("priority"), quiet)
    if (rsc.meta.get("restart-type") or "").lower() == "restart" and "restart-type" not in once:
        once.add("restart-type")
        warn("pe__unpack_resource", "Support for restart-type is deprecated and will be removed in a future release")
    multiple = rsc.meta.get("multiple-active")
    if multiple is not None and multiple.lower() not in MULTIPLE_ACTIVE and rsc.in_clone:
        return f"multiple-active={multiple} on a clone's instances"
    if multiple is not None and multiple.lower() not in MULTIPLE_ACTIVE:
        warn("pe__unpack_resource", f'{multiple} is not a valid value for multiple-active, using default '
                                    'of "stop_start"')
    stickiness = rsc.meta.get("resource-stickiness")
    if stickiness is not None and stickiness.lower() != "default":
        char2score(stickiness, quiet)
    threshold = rsc.meta.get("migration-threshold")
    if threshold is not None and threshold.lower() != "default" and char2score(threshold, quiet) < 0 \
            and "migration-threshold" not in once:
        once.add("migration-threshold")
        warn("pe__unpack_resource", "migration-threshold must be non-negative, using 1 instead")
    requires = rsc.meta.get("requires")
    if requires is not None and requires.lower() == "unfencing":
        return "requires=unfencing (every resource's default changes)"
    primitive = rsc.element.tag == "primitive"
    agent = tuple((rsc.element.get(name) or "").lower() for name in ("class", "provider", "type"))
    found = unpack_requires(requires, rsc.id, fence_device=primitive and agent[0] == "stonith",
                            remote_connection=primitive and agent == ("ocf", "pacemaker", "remote"),
                            stonith_enabled=fencing, quorum_ignored=quorum_ignored,
                            unfencing_enabled=bool(rsc.element.getroottree().xpath(ENABLE_UNFENCING)))
    if found.error is not None:
        report("unpack_requires", found.error)
    if found.warning is not None:
        warn("unpack_requires", found.warning)
    target_role(rsc, report)
    if rsc.element.tag == "group":
        for option in ("ordered", "collocated"):
            if values.boolean(rsc.meta.get(option)) is False and option not in once:
                once.add(option)
                warn("set_group_flag", f"Support for the '{option}' group meta-attribute is deprecated and will be "
                                       "removed in a future release (use a resource set instead)")
    if rsc.element.tag in ("clone", "master"):
        unique = values.is_true(rsc.meta.get("globally-unique"), False)
        node_max = rsc.meta.get("clone-node-max")
        if not unique and node_max is not None and values.char2score(node_max) > 1:
            report("clone_unpack", f"Ignoring promoted-max for {rsc.id} because anonymous clones support only "
                                   "one instance per node")
    return None


def history_owners(root: etree._Element, resources: list[Unpacked], fencing: bool,
                   active: frozenset[tuple[str, str]] = frozenset()) -> list[Unpacked] | str:
    """The resource each unpacked history entry belongs to, in the order the scheduler reads them
    (node by node); or what it cannot say: an anonymous clone's entries, whose instance the
    scheduler picks as it goes (active ones first), when an instance's target-role matters and
    an entry is on a node where no instance runs (`active`: (resource id, node) pairs)."""
    by_id = {rsc.id: rsc for rsc in resources if rsc.element.tag == "primitive"}
    next_instance: dict[str, int] = {}
    owners: list[Unpacked] = []
    for state in root.iterfind("status/node_state"):
        online = state.get("crmd") == "online" and values.is_true(state.get("in_ccm"), False) and \
            state.get("join") == "member"
        if not fencing and not online:
            continue
        for entry in state.iterfind("lrm/lrm_resources/lrm_resource"):
            entry_id = entry.get("id", "")
            owner = by_id.get(entry_id)
            if owner is None or owner.in_clone and not values.is_true(owner.meta.get("globally-unique"), False):
                base = re.sub(r":\d+$", "", entry_id)
                clones = [rsc for rsc in resources if rsc.element.tag == "primitive" and rsc.in_clone
                          and rsc.element.get("id") == base]
                if not clones or target_role_is_quiet(clones[0]):
                    continue
                if values.is_true(clones[0].meta.get("globally-unique"), False):
                    continue   # a unique clone's entry names its instance: by_id has it, or it is an orphan
                if (base, state.get("uname", "")) not in active:
                    return "the history of an anonymous clone on a node where no instance runs"
                number = next_instance.get(base, 0)
                if number >= len(clones):
                    return "the history of more instances of an anonymous clone than it may run"
                next_instance[base] = number + 1
                owner = clones[number]
            owners.append(owner)
    return owners


def target_role_is_quiet(rsc: Unpacked) -> bool:
    """Whether get_target_role() says nothing of this resource."""
    said: list[str] = []
    target_role(rsc, lambda function, message: said.append(message))
    return not said
