"""The Pacemaker half of a `ClusterState`: node states, resources, constraints, properties.

Node states are seen from the reference DC (the DC of the largest quorate
partition, as an administrator looking at `crm_mon` there would see them).
Resources are shown where they really run, which is what a student must see
when split brain puts the same service on two nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from halab_kernel.model import MAINTENANCE, OFFLINE, ONLINE, PENDING, STANDBY, UNCLEAN, Constraint, Resource

if TYPE_CHECKING:
    from halab_kernel.sim.pacemaker.controller import Controller

_TRUE = ("true", "on", "yes", "1")


def reference_dc(controller: Controller) -> str | None:
    """The DC whose view the snapshot reports: largest quorate partition first."""
    def rank(dc: str) -> tuple[int, int, int]:
        quorum = controller.sim.totem.nodes[dc].quorum
        quorate = bool(quorum and quorum.quorate)
        return (0 if quorate else 1, -len(controller.peers(dc)), controller.node_id(dc))

    dcs = controller.dcs()
    return min(dcs, key=rank) if dcs else None


def node_attribute(root: etree._Element, node: str, name: str) -> str | None:
    """A permanent node attribute (configuration), or a transient one (status), as crm_attribute reads it."""
    for element in root.iterfind("configuration/nodes/node"):
        if element.get("uname") == node:
            for nvpair in element.iterfind("instance_attributes/nvpair"):
                if nvpair.get("name") == name:
                    return nvpair.get("value")
    for state in root.iterfind("status/node_state"):
        if state.get("uname") == node:
            for nvpair in state.iterfind("transient_attributes/instance_attributes/nvpair"):
                if nvpair.get("name") == name:
                    return nvpair.get("value")
    return None


def node_status(controller: Controller, name: str, dc: str | None) -> str:
    root = controller.cib.root
    if dc is None or name not in controller.peers(dc):
        if controller.expected.get(name) == "member" and dc is not None:
            return UNCLEAN  # left without a clean shutdown and not fenced (yet)
        return OFFLINE
    if controller.dc_of.get(name) != dc:
        return PENDING
    if (node_attribute(root, name, "standby") or "").lower() in _TRUE:
        return STANDBY
    if (node_attribute(root, name, "maintenance") or "").lower() in _TRUE:
        return MAINTENANCE
    return ONLINE


def _meta(element: etree._Element, name: str) -> str | None:
    for nvpair in element.iterfind("meta_attributes/nvpair"):
        if nvpair.get("name") == name:
            return nvpair.get("value")
    return None


def _failcounts(root: etree._Element, rsc_id: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in root.iterfind("status/node_state"):
        total = 0
        for nvpair in state.iterfind("transient_attributes/instance_attributes/nvpair"):
            name = nvpair.get("name", "")
            if name.startswith(f"fail-count-{rsc_id}#"):
                value = nvpair.get("value", "0")
                total += 1_000_000 if value.upper() == "INFINITY" else int(value)
        if total:
            counts[state.get("uname", "")] = total
    return counts


def _role(controller: Controller, primitive: etree._Element, nodes: tuple[str, ...]) -> str:
    """Started or Stopped; a promotable clone's instances are Promoted (on any node) or Unpromoted."""
    if not nodes:
        return "Stopped"
    promotable = any(clone.tag == "master" or (_meta(clone, "promotable") or "").lower() in _TRUE
                     for clone in primitive.iterancestors("clone", "master"))
    if not promotable:
        return "Started"
    rsc_id = primitive.get("id", "")
    return "Promoted" if any(r == rsc_id for _, r in controller.executor.promoted) else "Unpromoted"


def resources(controller: Controller) -> tuple[Resource, ...]:
    root = controller.cib.root
    found: list[Resource] = []

    def visit(element: etree._Element, parent: str | None) -> None:
        tag = element.tag
        if tag == "primitive":
            rsc_id = element.get("id", "")
            nodes = tuple(controller.executor.where(rsc_id))
            agent = ":".join(p for p in (element.get("class"), element.get("provider"), element.get("type")) if p)
            managed = (_meta(element, "is-managed") or "true").lower() in _TRUE
            found.append(Resource(id=rsc_id, kind="primitive", agent=agent, role=_role(controller, element, nodes),
                                  nodes=nodes, parent=parent, managed=managed,
                                  target_role=_meta(element, "target-role"), failcounts=_failcounts(root, rsc_id)))
        elif tag in ("group", "clone", "master", "bundle"):
            rsc_id = element.get("id", "")
            start = len(found)
            for child in element:
                visit(child, rsc_id)
            members = found[start:]
            nodes = tuple(sorted({n for member in members for n in member.nodes}))
            kind = "clone" if tag == "master" else tag
            found.insert(start, Resource(id=rsc_id, kind=kind, role="Started" if nodes else "Stopped", nodes=nodes,
                                         parent=parent, target_role=_meta(element, "target-role")))

    for element in root.iterfind("configuration/resources/*"):
        visit(element, None)
    return tuple(found)


def constraints(root: etree._Element) -> tuple[Constraint, ...]:
    result: list[Constraint] = []
    for element in root.iterfind("configuration/constraints/*"):
        details = {k: v for k, v in element.attrib.items() if k not in ("id", "rsc", "with-rsc", "node", "score")}
        if element.tag == "rsc_location":
            result.append(Constraint(element.get("id", ""), "location", element.get("rsc", ""),
                                     node=element.get("node"), score=element.get("score", "rule"), details=details))
        elif element.tag == "rsc_colocation":
            result.append(Constraint(element.get("id", ""), "colocation", element.get("rsc", ""),
                                     other=element.get("with-rsc"), score=element.get("score", "INFINITY"),
                                     details=details))
        elif element.tag == "rsc_order":
            result.append(Constraint(element.get("id", ""), "order", element.get("first", ""),
                                     other=element.get("then"), score=element.get("kind", "Mandatory"),
                                     details=details))
    return tuple(result)


def properties(root: etree._Element) -> dict[str, str]:
    return {nv.get("name", ""): nv.get("value", "")
            for nv in root.iterfind("configuration/crm_config/cluster_property_set/nvpair")}
