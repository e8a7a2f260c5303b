"""crm_mon's lines for the bundles of a configuration file, as `pcs -f FILE resource [status]` shows them.

The simulated cluster never runs a bundle (a live lab refuses one), so a file's bundle is stopped on
every node: crm_mon 2.1.5 lists each replica as its inner resource (`B-N`) or, without one, its
container (`B-docker-N`, agent `ocf:heartbeat:docker`), with the replica's address from
`ip-range-start`, under `Container bundle[ set]: B [image]`. Asked for the inner resource by id, it
lists the replicas (`Replica[N]`) with the resource under its own name. Bundles pacemaker drops as
invalid (bundles.ignored_by_pacemaker) are not listed. The rest of the file is read by the scheduler
without them and without constraints, which crm_mon does not unpack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.pcs.bundles import CONTAINER_TYPES, ignored_by_pacemaker
from halab_kernel.commands.pcs.errors import PcsError

@dataclass(frozen=True)
class BundleView:
    """A stopped bundle as crm_mon lists it; `kind` sets it apart from the scheduler's views."""

    id: str
    child_id: str | None
    lines: tuple[str, ...]  # the bundle asked for, or listed with the others
    child_lines: tuple[str, ...]  # its inner resource asked for by id
    containers: Mapping[str, tuple[str, ...]]  # a replica's implicit resources asked for by name
    kind: str = "bundle"
    status: None = None  # never running
    children: tuple = ()


def _meta(element: etree._Element | None, name: str) -> str | None:
    if element is None:
        return None
    return next((nv.get("value") for nv in element.iterfind("meta_attributes/nvpair") if nv.get("name") == name),
                None)


def _read(name: str, own: etree._Element | None, bundle: etree._Element, defaults: etree._Element | None) -> str | None:
    """A meta attribute as the replica's resource gets it: its own, the bundle's, then rsc_defaults."""
    for source in (own, bundle, defaults):
        value = _meta(source, name)
        if value is not None:
            return value
    return None


def _flags(own: etree._Element | None, bundle: etree._Element, defaults: etree._Element | None) -> str:
    flags = []
    if (_read("target-role", own, bundle, defaults) or "").lower() == "stopped":
        flags.append("disabled")
    if not values.is_true(_read("is-managed", own, bundle, defaults), True):
        flags.append("unmanaged")
    return f" ({', '.join(flags)})" if flags else ""


def _addresses(start: str | None, count: int) -> list[str]:
    """Each replica's address: pacemaker's next_ip counts the last octet to 254, then goes on at x.y.z+1.1."""
    if not start:
        return [""] * count
    found, current = [], start
    for _ in range(count):
        found.append(f" ({current})" if current else "")
        try:
            octets = [int(part) for part in current.split(".")] if current else []
        except ValueError:
            octets = []
        if len(octets) != 4 or octets[2] > 253:
            current = ""
        elif octets[3] > 253:
            current = f"{octets[0]}.{octets[1]}.{octets[2] + 1}.1"
        else:
            current = f"{octets[0]}.{octets[1]}.{octets[2]}.{octets[3] + 1}"
    return found


def _replicas(runtime: etree._Element) -> int:
    def number(name: str) -> int:
        try:
            return int(runtime.get(name, ""))
        except ValueError:
            return 0
    return number("replicas") or max(number("promoted-max") or number("masters"), 1)


def bundle_view(bundle: etree._Element, defaults: etree._Element | None) -> BundleView | None:
    """None for a bundle crm_mon would not list this way (no known container runtime)."""
    runtime = next((child for child in bundle if child.tag in CONTAINER_TYPES), None)
    if runtime is None:
        return None
    bundle_id, child = bundle.get("id", ""), bundle.find("primitive")
    replicas = _replicas(runtime)
    network = bundle.find("network")
    start = network.get("ip-range-start") if network is not None else None
    managed = values.is_true(_read("is-managed", None, bundle, defaults), True)
    header = (f"  * Container bundle{' set' if replicas > 1 else ''}: {bundle_id} [{runtime.get('image', '')}]"
              f"{'' if managed else ' (unmanaged)'}:")
    if child is not None:
        agent = ":".join(p for p in (child.get("class"), child.get("provider"), child.get("type")) if p)
        names = [f"{bundle_id}-{index}" for index in range(replicas)]
    else:
        agent = f"ocf:heartbeat:{runtime.tag}"
        names = [f"{bundle_id}-{runtime.tag}-{index}" for index in range(replicas)]
    flags = _flags(child, bundle, defaults)
    lines = [header] + [f"    * {name}{address}\t({agent}):\t Stopped{flags}"
                        for name, address in zip(names, _addresses(start, replicas))]
    child_lines = [header]
    for index in range(replicas if child is not None else 0):
        child_lines += [f"    * Replica[{index}]"] * (replicas > 1)
        child_lines.append(f"      * {child.get('id')}\t({agent}):\t Stopped{flags}")
    containers = {}  # a replica's implicit resources, asked for by name: container, address, remote connection
    bundle_flags = _flags(None, bundle, defaults)
    for index, address in enumerate(_addresses(start, replicas)):
        implicit = [(f"{bundle_id}-{runtime.tag}-{index}", f"ocf:heartbeat:{runtime.tag}")]
        if address:
            implicit.append((f"{bundle_id}-ip-{address.strip(' ()')}", "ocf:heartbeat:IPaddr2"))
        if child is not None:
            implicit.append((f"{bundle_id}-{index}", "ocf:pacemaker:remote"))
        for name, implicit_agent in implicit:
            containers[name] = (header, *[f"    * Replica[{index}]"] * (replicas > 1),
                                f"      * {name}\t({implicit_agent}):\t Stopped{bundle_flags}")
    return BundleView(bundle_id, child.get("id") if child is not None else None, tuple(lines), tuple(child_lines),
                      containers)


def for_listing(cib: etree._Element) -> tuple[etree._Element, list[BundleView | None]]:
    """A copy of the CIB for crm_mon's listing: without constraints (crm_mon only unpacks; constraints are
    the scheduler's) nor bundles; and each top-level resource in order: a BundleView for a bundle, None
    where the scheduler's view goes."""
    from copy import deepcopy

    copy = deepcopy(cib)
    constraints = copy.find("configuration/constraints")
    if constraints is not None:
        for constraint in list(constraints):
            constraints.remove(constraint)
    resources = copy.find("configuration/resources")
    if resources is None or resources.find("bundle") is None:
        return copy, []
    ignored = ignored_by_pacemaker(copy)
    defaults = copy.find("configuration/rsc_defaults")
    order: list[BundleView | None] = []
    gone: set[str] = set()
    for element in list(resources):
        if element.tag != "bundle":
            order.append(None)
            continue
        gone |= {element.get("id", "")} | {p.get("id", "") for p in element.iter("primitive")}
        network = element.find("network")
        start = network.get("ip-range-start") if network is not None else None
        runtime = next((child for child in element if child.tag in CONTAINER_TYPES), None)
        if start and runtime is not None and "" in [a for a in _addresses(start, _replicas(runtime) + 1)][:-1] \
                or start and start.count(".") != 3:
            raise PcsError(f"Error: not simulated: crm_mon's listing of bundle '{element.get('id')}' "
                           f"(ip-range-start={start}); try it on real nodes: halab rig up")
        view = None if element.get("id") in ignored else bundle_view(element, defaults)
        if view is not None:
            order.append(view)
        resources.remove(element)
    for ref in list(copy.iterfind("configuration/tags/tag/obj_ref")):
        if ref.get("id") in gone:
            tag = ref.getparent()
            tag.remove(ref)
            if len(tag) == 0:
                tag.getparent().remove(tag)
    return copy, order


def in_order(views: tuple, order: list[BundleView | None]) -> tuple:
    """The scheduler's views with the bundles put back where the configuration has them."""
    if not order:
        return views
    remaining = list(views)
    merged: list = []
    for slot in order:
        if slot is not None:
            merged.append(slot)
        elif remaining:
            merged.append(remaining.pop(0))
    return tuple(merged + remaining)
