"""The Pacemaker half of a `ClusterState`: the cluster as `crm_mon` on one node shows it.

One view (docs/architecture.md, "One view of the cluster"): a snapshot reports
what one node, the observer, sees: the DC of the largest quorate partition, or
when no node is DC the lowest-id node whose Pacemaker runs. Its node states,
standby and maintenance flags, resource placement and failures are read from
the very `Reading` that `crm_mon` on that node renders (that node's view of the
CIB and the scheduler's reading of it), so a picture and the tool beside it
cannot disagree. Where resources really run (`Resource.running_on`) is kept
apart: during split brain no single crm_mon sees both copies.

A reading is computed once per change (an event, a CIB update, a join) and
shared by every snapshot and every crm_mon until the next change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Hashable

from lxml import etree

from halab_kernel import values
from halab_kernel.model import MAINTENANCE, OFFLINE, ONLINE, PENDING, STANDBY, UNCLEAN, Constraint, Resource

if TYPE_CHECKING:
    from halab_kernel.sim.pacemaker.controller import Controller
    from halab_kernel.sim.pacemaker.scheduler.transition import NodeStatus, ResourceView

# the scheduler's node states (crm_mon's words) -> ClusterState's
NODE_STATUS = {"online": ONLINE, "offline": OFFLINE, "unclean-offline": UNCLEAN, "unclean-online": UNCLEAN,
               "pending": PENDING, "standby": STANDBY, "standby-onfail": STANDBY, "maintenance": MAINTENANCE}


@dataclass(frozen=True)
class Reading:
    """What `crm_mon` on `node` renders: its DC, its view of the CIB, and the scheduler's reading of
    that view's status (resources and nodes as they are, `before` any decision; `every`: those
    and the groups and clones the resource list leaves out while their members run, which crm_mon -n,
    a node's resources_running and crm_resource -W still show)."""

    node: str
    dc: str | None
    cib: etree._Element
    before: tuple[ResourceView, ...]
    nodes_before: tuple[NodeStatus, ...]
    every: tuple[ResourceView, ...]

    def node_states(self) -> dict[str, str]:
        """Each node's state in crm_mon's words (online, OFFLINE is "offline", "unclean-offline", ...)."""
        return {status.uname: status.state for status in self.nodes_before}


def reference_dc(controller: Controller) -> str | None:
    """The DC whose view the snapshot reports: largest quorate partition first."""
    def rank(dc: str) -> tuple[int, int, int]:
        quorate = controller.membership.quorate(dc)
        return (0 if quorate else 1, -len(controller.peers(dc)), controller.node_id(dc))

    dcs = controller.dcs()
    return min(dcs, key=rank) if dcs else None


def observer(controller: Controller) -> str | None:
    """The node a snapshot sees through: the reference DC, else the lowest-id node running Pacemaker
    (which, between a DC's crash and its detection, still believes in that DC); None if none runs."""
    dc = reference_dc(controller)
    if dc is not None:
        return dc
    live = [name for name in controller.node_names if controller.pacemaker_up(name)]
    return min(live, key=controller.node_id) if live else None


def _fingerprint(controller: Controller) -> Hashable:
    """Everything a reading depends on, cheaply: when it is unchanged, so is the reading."""
    membership = controller.membership
    rings = tuple((membership.ring_id(name), membership.in_ring(name), membership.quorate(name))
                  for name in controller.node_names)
    return (controller.cib.root.get("epoch"), controller.cib.root.get("num_updates"),
            tuple(controller.dc_of.values()), tuple(controller.crmd.values()), tuple(controller.expected.values()),
            tuple(sorted(controller.seen_up)), rings)


def reading(controller: Controller, node: str, *, fresh: bool = False) -> Reading:
    """`node`'s reading, computed once per change (`fresh`: recompute, for tests of the cache)."""
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler.schedule import current_status

    cache: dict[str, tuple[Hashable, Reading]] = controller.readings
    key = _fingerprint(controller)
    cached = cache.get(node)
    if cached is not None and cached[0] == key and not fresh:
        return cached[1]
    dc = controller.dc_for(node)
    view = controller.view_of(dc, node) if dc else controller.cib.read()
    found = Reading(node, dc, view, *current_status(cib_from_element(view)))
    cache[node] = (key, found)
    return found


def node_flags(found: Reading | None, names: tuple[str, ...]) -> dict[str, tuple[str, bool, bool]]:
    """(status, standby, maintenance) of each node as the reading shows it; all offline without one."""
    states = found.node_states() if found else {}
    modes: dict[str, tuple[bool, bool]] | None = None
    flags = {}
    for name in names:
        state = states.get(name, "offline")
        maintenance = state == "maintenance"
        if state.startswith("standby") and found is not None:
            # in standby and maintenance at once: crm_mon lists it standby and flags both (its XML's maintenance)
            from halab_kernel.commands.crm_mon_status import node_modes

            modes = node_modes(found.cib) if modes is None else modes
            maintenance = modes.get(name, (False, False))[1]
        flags[name] = (NODE_STATUS.get(state, OFFLINE), state.startswith("standby"), maintenance)
    return flags


def _failcounts(view: etree._Element, rsc_id: str, shown: frozenset[str] | None) -> dict[str, int]:
    """Fail counts per node, of the nodes crm_mon's node history lists (`shown`; None: every node).

    As crm_mon, a count shows only beside the resource's operation history on that node: a node
    rebooted moments ago has no history yet while attrd may still hold its old count.
    """
    counts: dict[str, int] = {}
    for state in view.iterfind("status/node_state"):
        if shown is not None and state.get("uname") not in shown:
            continue
        if not any(lrm.get("id") == rsc_id and lrm.find("lrm_rsc_op") is not None
                   for lrm in state.iterfind("lrm/lrm_resources/lrm_resource")):
            continue
        total = 0
        for nvpair in state.iterfind("transient_attributes/instance_attributes/nvpair"):
            if nvpair.get("name", "").startswith(f"fail-count-{rsc_id}#"):
                total += values.char2score(nvpair.get("value", "0"))
        if total:
            counts[state.get("uname", "")] = total
    return counts


def _meta(element: etree._Element, name: str) -> str | None:
    for nvpair in element.iterfind("meta_attributes/nvpair"):
        if nvpair.get("name") == name:
            return nvpair.get("value")
    return None


def _shown(views: tuple[ResourceView, ...]) -> dict[str, tuple[str, tuple[str, ...], bool, bool]]:
    """Primitive id (a clone instance's ":N" dropped) -> (role, nodes, failed, blocked) as crm_mon shows it."""
    shown: dict[str, tuple[str, tuple[str, ...], bool, bool]] = {}

    def visit(view: ResourceView) -> None:
        if view.status is None:
            for child in view.children:
                visit(child)
            return
        status = view.status
        rsc_id = status.id.split(":")[0]
        role, nodes, failed, blocked = shown.get(rsc_id, ("Stopped", (), False, False))
        if status.nodes and (role == "Stopped" or status.role == "Promoted"):
            role = status.role
        merged = tuple(sorted(set(nodes) | set(status.nodes)))
        shown[rsc_id] = (role, merged, failed or status.failed, blocked or status.blocked)

    for view in views:
        visit(view)
    return shown


def resources(controller: Controller, found: Reading | None) -> tuple[Resource, ...]:
    """Every configured resource, placed as `found` shows it; `running_on` where it really runs."""
    root = controller.cib.root
    shown = _shown(found.every) if found else {}
    status = found.cib if found is not None else root
    summarised = frozenset(name for name, state in found.node_states().items()  # crm_mon's node history
                           if state in ("online", "standby", "maintenance")) if found else None
    result: list[Resource] = []

    def visit(element: etree._Element, parent: str | None) -> None:
        tag = element.tag
        rsc_id = element.get("id", "")
        if tag == "primitive":
            role, nodes, failed, blocked = shown.get(rsc_id, ("Stopped", (), False, False))
            agent = ":".join(p for p in (element.get("class"), element.get("provider"), element.get("type")) if p)
            result.append(Resource(id=rsc_id, kind="primitive", agent=agent, role=role, nodes=nodes, parent=parent,
                                   managed=values.is_true(_meta(element, "is-managed"), True),
                                   target_role=_meta(element, "target-role"), failcounts=_failcounts(status, rsc_id, summarised),
                                   blocked=blocked, failed=failed,
                                   running_on=tuple(controller.executor.where(rsc_id))))
        elif tag in ("group", "clone", "master", "bundle"):
            start = len(result)
            for child in element:
                visit(child, rsc_id)
            members = result[start:]
            nodes = tuple(sorted({n for member in members for n in member.nodes}))
            running = tuple(sorted({n for member in members for n in (member.running_on or ())}))
            result.insert(start, Resource(id=rsc_id, kind="clone" if tag == "master" else tag,
                                          role="Started" if nodes else "Stopped", nodes=nodes, parent=parent,
                                          target_role=_meta(element, "target-role"), running_on=running))

    for element in root.iterfind("configuration/resources/*"):
        visit(element, None)
    return tuple(result)


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
