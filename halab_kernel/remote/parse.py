"""Read the real tools' output into halab's vocabulary.

One function per tool, each a pure function of the text a node printed:
`crm_mon -1 --output-as=xml`, `cibadmin -Q`, `corosync-quorumtool -s`,
`corosync-cfgtool -s`. They are tested against outputs captured on a real
Pacemaker 2.1.5 / Corosync 3.1.7 cluster. Bad input raises `ParseError`
with what was expected, never an lxml traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from lxml import etree

from halab_kernel.model import (
    MAINTENANCE,
    OFFLINE,
    ONLINE,
    PENDING,
    STANDBY,
    UNCLEAN,
    Constraint,
    QuorumView,
    Resource,
)


class ParseError(ValueError):
    """A tool's output was not what that tool prints."""


# --- crm_mon --------------------------------------------------------------


@dataclass(frozen=True)
class MonNode:
    name: str
    node_id: int
    status: str
    standby: bool
    maintenance: bool
    is_dc: bool


@dataclass(frozen=True)
class FenceRecord:
    target: str
    action: str
    status: str  # "success", "failed", "pending"
    delegate: str
    completed: str


@dataclass(frozen=True)
class Failure:
    resource: str
    node: str
    task: str
    exitcode: int
    exitstatus: str


@dataclass(frozen=True)
class MonView:
    """What one node's `crm_mon -1 --output-as=xml` says: that node's picture of the cluster."""

    dc: str | None
    dc_with_quorum: bool
    nodes: tuple[MonNode, ...]
    resources: tuple[Resource, ...]
    fence_history: tuple[FenceRecord, ...] = ()
    failures: tuple[Failure, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)


def _xml(text: str | bytes, tool: str) -> etree._Element:
    data = text.encode() if isinstance(text, str) else text
    try:
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise ParseError(f"{tool}: output is not XML ({error})") from None


def _true(value: str | None) -> bool:
    return value == "true"


def _node_status(element: etree._Element) -> str:
    if _true(element.get("unclean")):
        return UNCLEAN
    if not _true(element.get("online")):
        return OFFLINE
    if _true(element.get("pending")):
        return PENDING
    if _true(element.get("standby")) or _true(element.get("standby_onfail")):
        return STANDBY
    if _true(element.get("maintenance")):
        return MAINTENANCE
    return ONLINE


def _instance_id(rsc_id: str) -> str:
    """Clone instances may be printed as `dummy:0`; halab speaks of `dummy`."""
    return rsc_id.split(":", 1)[0]


def _failcounts(root: etree._Element) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for node in root.iterfind("node_history/node"):
        for history in node.iterfind("resource_history"):
            count = history.get("fail-count")
            if count:
                per_node = counts.setdefault(_instance_id(history.get("id", "")), {})
                per_node[node.get("name", "")] = 1000000 if count == "INFINITY" else int(count)
    return counts


def _role(element: etree._Element) -> str:
    return "Failed" if _true(element.get("failed")) else element.get("role", "Stopped")


def _primitives(parent: etree._Element, parent_id: str | None, counts: dict) -> list[Resource]:
    """Primitive rows, instances of the same clone merged into one resource."""
    merged: dict[str, Resource] = {}
    for element in parent.iterfind("resource"):
        rsc_id = _instance_id(element.get("id", ""))
        nodes = tuple(n.get("name", "") for n in element.iterfind("node"))
        previous = merged.get(rsc_id)
        if previous:
            role = previous.role if previous.role != "Stopped" else _role(element)
            merged[rsc_id] = Resource(**{**previous.__dict__, "nodes": previous.nodes + nodes, "role": role})
            continue
        merged[rsc_id] = Resource(
            id=rsc_id,
            kind="primitive",
            agent=element.get("resource_agent", ""),
            role=_role(element),
            nodes=nodes,
            parent=parent_id,
            managed=_true(element.get("managed", "true")),
            failcounts=counts.get(rsc_id, {}),
            blocked=_true(element.get("blocked")),
        )
    return list(merged.values())


def _summary(rsc_id: str, kind: str, members: list[Resource], managed: bool, parent: str | None) -> Resource:
    nodes = tuple(dict.fromkeys(n for member in members for n in member.nodes))
    roles = {member.role for member in members}
    if len(roles) == 1:
        role = roles.pop()
    elif "Failed" in roles:
        role = "Failed"
    else:
        role = "Started" if nodes else "Stopped"
    return Resource(id=rsc_id, kind=kind, role=role, nodes=nodes, parent=parent, managed=managed)


def _resources(root: etree._Element, counts: dict) -> list[Resource]:
    found: list[Resource] = []
    section = root.find("resources")
    if section is None:
        return found
    found += _primitives(section, None, counts)
    for group in section.iterfind("group"):
        members = _primitives(group, group.get("id"), counts)
        found.append(_summary(group.get("id", ""), "group", members, _true(group.get("managed", "true")), None))
        found += members
    for kind in ("clone", "bundle"):
        for element in section.iterfind(kind):
            clone_id = element.get("id", "")
            members = _primitives(element, clone_id, counts)
            for group in element.iterfind("group"):
                group_id = _instance_id(group.get("id", ""))
                inner = _primitives(group, group_id, counts)
                if not any(m.id == group_id for m in members):
                    members.append(_summary(group_id, "group", inner, True, clone_id))
                members += [m for m in inner if all(m.id != known.id for known in members)]
            for replica in element.iterfind("replica"):
                members += _primitives(replica, clone_id, counts)
            found.append(_summary(clone_id, kind, members, _true(element.get("managed", "true")), None))
            if kind == "clone":
                found += members
    return found


def parse_crm_mon(text: str | bytes) -> MonView:
    """`crm_mon -1 --output-as=xml` -> MonView."""
    root = _xml(text, "crm_mon")
    if root.tag != "pacemaker-result" or root.find("summary") is None:
        raise ParseError("crm_mon: expected <pacemaker-result> with a <summary> (is pacemaker running?)")
    dc = root.find("summary/current_dc")
    present = dc is not None and _true(dc.get("present"))
    nodes = tuple(
        MonNode(
            name=n.get("name", ""),
            node_id=int(n.get("id", "0") or 0),
            status=_node_status(n),
            standby=_true(n.get("standby")),
            maintenance=_true(n.get("maintenance")),
            is_dc=_true(n.get("is_dc")),
        )
        for n in root.iterfind("nodes/node")
    )
    fences = tuple(
        FenceRecord(e.get("target", ""), e.get("action", ""), e.get("status", ""), e.get("delegate", ""),
                    e.get("completed", ""))
        for e in root.iterfind("fence_history/fence_event")
    )
    failures = tuple(
        Failure(_instance_id(f.get("op_key", "").rsplit("_", 2)[0]), f.get("node", ""), f.get("task", ""),
                int(f.get("exitcode", "1") or 1), f.get("exitstatus", ""))
        for f in root.iterfind("failures/failure")
    )
    options = root.find("summary/cluster_options")
    return MonView(
        dc=dc.get("name") if present else None,
        dc_with_quorum=present and _true(dc.get("with_quorum")),
        nodes=nodes,
        resources=tuple(_resources(root, _failcounts(root))),
        fence_history=fences,
        failures=failures,
        options=dict(options.attrib) if options is not None else {},
    )


# --- cibadmin -Q ------------------------------------------------------------


@dataclass(frozen=True)
class CibConfig:
    """The configuration part of a CIB that crm_mon does not show."""

    properties: Mapping[str, str]
    constraints: tuple[Constraint, ...]
    target_roles: Mapping[str, str]
    node_attributes: Mapping[str, Mapping[str, str]]


def _nvpairs(element: etree._Element | None, path: str) -> dict[str, str]:
    if element is None:
        return {}
    return {p.get("name", ""): p.get("value", "") for p in element.iterfind(path)}


def _constraint(element: etree._Element) -> Constraint | None:
    tag = element.tag
    if tag == "rsc_location":
        rules = element.findall("rule")
        details = {"rule": " and ".join(e.get("attribute", "") + " " + e.get("operation", "") + " " + e.get("value", "")
                                        for rule in rules for e in rule.iterfind("expression"))} if rules else {}
        score = element.get("score") or (rules[0].get("score", "") if rules else "")
        return Constraint(element.get("id", ""), "location", element.get("rsc", element.get("rsc-pattern", "")),
                          node=element.get("node"), score=score, details=details)
    if tag == "rsc_colocation":
        details = {k: element.get(k) for k in ("rsc-role", "with-rsc-role") if element.get(k)}
        return Constraint(element.get("id", ""), "colocation", element.get("rsc", ""), other=element.get("with-rsc"),
                          score=element.get("score", "INFINITY"), details=details)
    if tag == "rsc_order":
        details = {k: element.get(k) for k in ("first-action", "then-action", "kind", "symmetrical") if element.get(k)}
        return Constraint(element.get("id", ""), "order", element.get("first", ""), other=element.get("then"),
                          score=element.get("score", "INFINITY" if element.get("kind") != "Optional" else "0"),
                          details=details)
    return None


def parse_cib(text: str | bytes) -> CibConfig:
    """`cibadmin -Q` -> properties, constraints, target roles, node attributes."""
    root = _xml(text, "cibadmin")
    configuration = root.find("configuration")
    if root.tag != "cib" or configuration is None:
        raise ParseError("cibadmin: expected a <cib> with a <configuration>")
    properties: dict[str, str] = {}
    for property_set in configuration.iterfind("crm_config/cluster_property_set"):
        properties.update(_nvpairs(property_set, "nvpair"))
    constraints = tuple(c for c in map(_constraint, configuration.iterfind("constraints/*")) if c)
    target_roles = {}
    for element in configuration.iter("primitive", "group", "clone", "bundle"):
        meta = _nvpairs(element, "meta_attributes/nvpair")
        if "target-role" in meta:
            target_roles[element.get("id", "")] = meta["target-role"]
    node_attributes = {
        n.get("uname", ""): _nvpairs(n, "instance_attributes/nvpair") for n in configuration.iterfind("nodes/node")
    }
    return CibConfig(properties, constraints, target_roles, node_attributes)


# --- corosync-quorumtool -s ------------------------------------------------------

_FIELD = re.compile(r"^([A-Za-z][A-Za-z ]*):\s*(.*?)\s*$")


def parse_quorumtool(text: str, node: str = "") -> QuorumView:
    """`corosync-quorumtool -s` -> this node's QuorumView (exit status 2 when inquorate is normal).

    With a quorum device the member table gains a Qdevice column (each node's `A,V,NMW`
    flags) and a `Qdevice` row, `0 1 Qdevice`, or `0 0 Qdevice (votes 1)` when this node's
    qdevice casts no vote."""
    fields: dict[str, str] = {}
    members: list[tuple[int, int, str, str]] = []  # node id, votes, name, qdevice flags
    device_row: list[str] = []
    flags_column = in_members = False
    for line in text.splitlines():
        if line.strip().startswith("Nodeid"):
            in_members, flags_column = True, "Qdevice" in line.split()
            continue
        if in_members:
            parts = line.split()
            if len(parts) >= 3 and parts[0] == "0" and parts[2] == "Qdevice":
                device_row = parts
            elif len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
                flags, name = (parts[2], parts[3]) if flags_column and len(parts) >= 4 else ("", parts[2])
                members.append((int(parts[0]), int(parts[1]), name, flags))
            continue
        match = _FIELD.match(line)
        if match:
            fields.setdefault(match.group(1), match.group(2))
    try:
        node_id = int(fields["Node ID"])
        quorum_text = fields["Quorum"].split()
        local = next((name for nid, _, name, _ in members if nid == node_id), node)
        device_votes = int(device_row[1]) if device_row else 0
        configured = re.search(r"\(votes (\d+)\)", " ".join(device_row))
        return QuorumView(
            node=node or local,
            node_id=node_id,
            ring_id=fields["Ring ID"],
            members=tuple(name for _, _, name, _ in members),
            member_ids=tuple(nid for nid, _, _, _ in members),
            quorate=fields["Quorate"] == "Yes",
            expected_votes=int(fields["Expected votes"]),
            highest_expected=int(fields["Highest expected"]),
            total_votes=int(fields["Total votes"]),
            quorum=int(quorum_text[0]),
            flags=tuple(fields.get("Flags", "").split()),
            votes={name: votes for _, votes, name, _ in members},
            qdevice_votes=device_votes,
            qdevice_present=bool(device_row),
            qdevice_configured_votes=int(configured.group(1)) if configured else device_votes,
            qdevice_flags={name: flags for _, _, name, flags in members if flags},
        )
    except (KeyError, ValueError, IndexError):
        raise ParseError("corosync-quorumtool: expected the `-s` report (is corosync running?)") from None


# --- corosync-cfgtool -s ---------------------------------------------------------------

_LINK_STATUS = re.compile(r"nodeid:\s*(\d+):\s*(\S+)")


def parse_cfgtool(text: str) -> dict[int, str]:
    """`corosync-cfgtool -s` -> {node id: "localhost" | "connected" | "disconnected"} for link 0."""
    if "Local node ID" not in text:
        raise ParseError("corosync-cfgtool: expected `Local node ID` (is corosync running?)")
    links: dict[int, str] = {}
    for match in _LINK_STATUS.finditer(text):
        links.setdefault(int(match.group(1)), match.group(2))
    return links
