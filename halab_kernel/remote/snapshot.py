"""Many nodes' own answers -> one `ClusterState`.

Every reachable node is asked for its own view, because in a partition the
nodes disagree, and that disagreement is the lesson. The quorum view of each
node goes into `views` as it is; nodes sharing a ring form a `Partition`. For
node statuses and resource placement (one answer is needed) the picture of
the DC of a quorate partition is used, as an administrator would trust it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from halab_kernel.model import OFFLINE, ClusterState, Node, Partition, QuorumView, Resource
from halab_kernel.remote.parse import (
    CibConfig,
    MonView,
    ParseError,
    parse_cfgtool,
    parse_cib,
    parse_crm_mon,
    parse_quorumtool,
)
from halab_kernel.remote.probe import Probe


@dataclass(frozen=True)
class NodeReport:
    """What one node told us (or why it could not)."""

    name: str
    reachable: bool
    error: str = ""
    mon: MonView | None = None
    cib: CibConfig | None = None
    quorum: QuorumView | None = None
    links: Mapping[int, str] = field(default_factory=dict)


def read_probe(name: str, probe: Probe) -> NodeReport:
    """Parse every section a node answered; a tool that failed leaves its part empty."""

    def parsed(section: str, parser):
        text = probe.ok(section)
        if text is None:
            return None
        try:
            return parser(text)
        except ParseError:
            return None

    return NodeReport(
        name=name,
        reachable=True,
        mon=parsed("crm_mon", parse_crm_mon),
        cib=parsed("cib", parse_cib),
        quorum=parsed("quorum", lambda text: parse_quorumtool(text, name)),
        links=parsed("links", parse_cfgtool) or {},
    )


def _primary(reports: Sequence[NodeReport]) -> NodeReport | None:
    """The report to trust for placement: a quorate DC's own, else a quorate member's, else any."""
    with_mon = [r for r in reports if r.mon is not None]
    for wanted in (
        lambda r: r.mon.dc == r.name and r.mon.dc_with_quorum,
        lambda r: r.mon.dc_with_quorum,
        lambda r: r.mon.dc is not None,
        lambda r: True,
    ):
        for report in with_mon:
            if wanted(report):
                return report
    return None


def _partitions(reports: Sequence[NodeReport]) -> tuple[Partition, ...]:
    groups: dict[tuple[str, tuple[str, ...]], list[NodeReport]] = {}
    for report in reports:
        if report.quorum:
            groups.setdefault((report.quorum.ring_id, report.quorum.members), []).append(report)
    partitions = []
    for (ring_id, members), group in groups.items():
        view = group[0].quorum
        assert view is not None
        dcs = [r.mon.dc for r in group if r.mon and r.mon.dc in members]
        partitions.append(Partition(members=members, ring_id=ring_id, quorate=view.quorate,
                                    total_votes=view.total_votes, quorum=view.quorum,
                                    expected_votes=view.expected_votes, flags=view.flags,
                                    dc=dcs[0] if dcs else None))
    return tuple(sorted(partitions, key=lambda p: p.members))


def assemble(time: float, node_names: Sequence[str], reports: Sequence[NodeReport]) -> ClusterState:
    by_name = {r.name: r for r in reports}
    primary = _primary(reports)
    mon_nodes = {n.name: n for n in primary.mon.nodes} if primary and primary.mon else {}
    cib = primary.cib if primary and primary.cib else next((r.cib for r in reports if r.cib), None)
    views = {r.name: r.quorum for r in reports if r.quorum}
    votes: dict[str, int] = {}
    ids: dict[str, int] = {}
    for view in views.values():
        votes.update(view.votes)
        ids.update(zip(view.members, view.member_ids))
    names = list(node_names) + [n for n in mon_nodes if n not in node_names]
    nodes = []
    for name in names:
        seen = mon_nodes.get(name)
        report = by_name.get(name)
        nodes.append(Node(
            name=name,
            node_id=seen.node_id if seen else ids.get(name, 0),
            status=seen.status if seen else OFFLINE,
            votes=votes.get(name, 1),
            powered=bool(report and report.reachable),
            corosync_running=name in views,
            pacemaker_running=bool(report and report.mon),
            standby=bool(seen and seen.standby),
            maintenance=bool(seen and seen.maintenance),
            attributes=dict(cib.node_attributes.get(name, {})) if cib else {},
        ))
    resources: tuple[Resource, ...] = ()
    if primary and primary.mon:
        roles = cib.target_roles if cib else {}
        resources = tuple(
            Resource(**{**r.__dict__, "target_role": roles.get(r.id)}) if r.id in roles else r
            for r in primary.mon.resources
        )
    properties = dict(cib.properties) if cib else {}
    return ClusterState(
        time=time,
        cluster_name=properties.get("cluster-name", ""),
        nodes=tuple(nodes),
        partitions=_partitions(reports),
        views=views,
        dc=primary.mon.dc if primary and primary.mon else None,
        resources=resources,
        constraints=cib.constraints if cib else (),
        properties=properties,
    )
