"""Pacemaker Remote nodes: ocf:pacemaker:remote connection resources (2.1.5).

Each connection primitive defines a remote node of the same name (unpack_remote_nodes, with
handle_startup_fencing: unclean and unseen until its status is read). The remote node's status
is read only once its connection is known to be Started (unpack_node_loop; the second, fencing
pass reads the others), and it is online while the connection runs and has not failed
(determine_remote_online_status). Connections are assigned before every other resource
(allocate_resources); assigning one brings its node online, clearing an unseen node's
uncleanness so it is not fenced (remote_connection_assigned), or shuts the node down. A
connection never runs on a remote node, nor does a fencing device; a connection migrates by
default (pe__unpack_resource: allow-migrate). Guest nodes (guest.py) are remote nodes whose
connection is implicit and lives inside a container; an orphaned connection (only in the
history) still defines its node, shutting down. The unmodelled.py gate refuses every remote
configuration outside what this models and was checked against the real tool.
"""

from __future__ import annotations

from typing import Optional

from ..cib.model import INFINITY, Cib, Primitive
from . import guest, options
from .working import NodeInfo, Rsc, WorkingSet


def is_connection(config: object) -> bool:
    return isinstance(config, Primitive) and config.agent_type == "remote" \
        and config.provider == "pacemaker" and config.standard == "ocf"


def add_remote_nodes(ws: WorkingSet, cib: Cib) -> None:
    """The remote nodes: `<node type="remote">` entries (with their attributes), then one for every
    top-level connection primitive without an entry. Only a node with a connection is unclean and
    unseen until its status is read (handle_startup_fencing, from link_rsc2remotenode)."""
    connections = {config.id for config in cib.resources if is_connection(config)}
    guests = {config.id for config in cib.resources if is_connection(config) and "container" in config.meta}
    for entry in cib.nodes:
        if (entry.node_type or "").lower() == "remote" and entry.uname not in ws.nodes:
            _add(ws, cib, entry.id, entry.uname, entry.uname in connections, entry.attributes,
                 entry.utilization, entry.score, entry.uname in guests)
    for uname in sorted(connections, key=lambda name: _position(cib, name)):
        if uname not in ws.nodes:
            _add(ws, cib, uname, uname, True, {}, {}, 0, uname in guests)


def _position(cib: Cib, connection: str) -> int:
    """Where unpack_remote_nodes meets a node's definition: its connection, or a guest node's
    container (the implicit connection comes after every configured resource)."""
    for index, top in enumerate(cib.resources):
        members = top.members if hasattr(top, "members") else (top,)
        if top.id == connection or any(isinstance(member, Primitive) and guest.guest_name(member) == connection
                                       for member in members):
            return index
    return len(cib.resources)


def _add(ws: WorkingSet, cib: Cib, node_id: str, uname: str, connected: bool, own: dict,
         capacity: dict, score: int, is_guest: bool) -> None:
    """A guest node (link_rsc2remotenode) is of #kind container and gets no startup fencing."""
    attributes = {"#uname": uname, "#id": node_id, "#kind": "container" if is_guest else "remote",
                  "#is_dc": "false"}
    site = cib.properties.get("cluster-name")
    if site is not None:
        attributes["#cluster-name"] = site
    attributes.update(own)
    if "#site-name" not in attributes:
        site = attributes.get("site-name") or site
        if site is not None:
            attributes["#site-name"] = site
    node = NodeInfo(id=node_id, uname=uname, attributes=attributes, node_type="remote",
                    health_score=score, capacity=dict(capacity))
    node.unclean = connected and ws.startup_fencing and not is_guest
    node.unseen = connected and not is_guest
    ws.nodes[uname] = node
    ws.node_order.append(uname)


def reconnect_interval(rsc: Rsc) -> int:
    """A connection's `reconnect_interval` instance attribute, in seconds (0: none)."""
    if rsc.config is None or not is_connection(rsc.config):
        return 0
    return options.seconds(rsc.config.params.get("reconnect_interval"))


def configure_connection(rsc: Rsc) -> None:
    """pe__unpack_resource: a reconnect interval replaces the connection's failure-timeout (its
    failure expires once the interval has passed, and the connection may start again)."""
    interval = reconnect_interval(rsc)
    if interval:
        rsc.failure_timeout = interval


def failure_outlives_stop(rsc: Rsc) -> bool:
    """A connection reset with a reconnect interval stays failed once stopped (update_resource_state
    keeps reset-remote until the failure is cleared): crm_simulate shows it FAILED."""
    return rsc.failed and reconnect_interval(rsc) > 0 and any(
        task != "start" and not (task == "monitor" and interval == 0) for _, task, interval in rsc.failures)


def orphaned_connection(ws: WorkingSet, cib: Cib, rsc: Rsc) -> None:
    """create_fake_resource: a remote connection found only in the history still defines its
    remote node (created now, after every other node: no resource configured before it may run
    there), with startup fencing (link_rsc2remotenode), shutting down. An orphaned connection
    with a container (an orphaned guest node) is refused by the gate."""
    if rsc.config is None or not is_connection(rsc.config):
        return
    node = ws.nodes.get(rsc.id)
    if node is None:
        _add(ws, cib, rsc.id, rsc.id, True, {}, {}, 0, False)
        node = ws.nodes[rsc.id]
        for other in ws.by_id.values():
            other.allowed.pop(rsc.id, None)
    node.unclean = ws.startup_fencing
    node.unseen = True
    node.shutdown = True


def connection_of(ws: WorkingSet, node: NodeInfo) -> Optional[Rsc]:
    if node.node_type != "remote":
        return None
    rsc = ws.by_id.get(node.uname)
    return rsc if rsc is not None and rsc.config is not None and is_connection(rsc.config) else None


def is_remote(ws: WorkingSet, uname: Optional[str]) -> bool:
    node = ws.nodes.get(uname) if uname is not None else None
    return node is not None and node.node_type == "remote"


def remote_online_status(ws: WorkingSet, node: NodeInfo) -> None:
    """determine_remote_online_status: a remote or guest node's connection primitive (and a
    guest node's container, and the node that container runs on)."""
    rsc = connection_of(ws, node)
    if rsc is None:
        return
    container = guest.container_of_node(ws, node)
    host = ws.nodes.get(rsc.running_on[0]) if container is not None and len(rsc.running_on) == 1 else None
    if rsc.role == "Started":
        node.online = True
    if rsc.role == "Started" and rsc.next_role == "Stopped":
        node.shutdown = True
    if container is not None and container.failed:
        node.online = False
        node.remote_requires_reset = True
    elif rsc.failed:
        node.online = False
    elif rsc.role == "Stopped" or (container is not None and container.role == "Stopped"):
        node.online = False
        node.remote_requires_reset = False
    elif host is not None and not host.online and host.unclean:
        node.online = False
        node.remote_requires_reset = True


def may_probe(ws: WorkingSet, rsc: Rsc, uname: str) -> bool:
    """pcmk__probe_rsc_on_node: a remote or guest node runs neither fencing agents, nor
    connections, nor a guest node's container, and one with resource discovery disabled is not
    probed; nor is a guest node whose container is stopped, stopping, restarting or moving."""
    if not is_remote(ws, uname):
        return True
    if not ws.nodes[uname].discovery:
        return False
    if not (rsc.config is None or (rsc.config.standard != "stonith" and not is_connection(rsc.config)
                                   and all(rsc is not box for box in guest.containers(ws)))):
        return False
    return not guest.container_settling(ws, ws.nodes[uname])


def ban_from_remote_nodes(ws: WorkingSet) -> None:
    """Neither a connection, nor a fencing device, nor a guest node's container may run on a remote
    or guest node (one with a connection: a stale `<node type="remote">` entry gets no such ban:
    remote-stale-node-entry's scores)."""
    boxes = {id(box) for box in guest.containers(ws)}
    guest.opt_in_connections(ws)
    for rsc in ws.primitives():
        if rsc.config is None:
            continue
        if is_connection(rsc.config) or rsc.config.standard == "stonith" or id(rsc) in boxes:
            for uname in ws.node_order:
                if connection_of(ws, ws.nodes[uname]) is not None:
                    rsc.set_score(uname, -INFINITY, "may not run on a remote node")


def connections_first(ws: WorkingSet, order: list) -> list:
    """allocate_resources: the connections (in the sorted order), then everything else."""
    first = [rsc for rsc in order if rsc.kind == "primitive" and rsc.config is not None
             and is_connection(rsc.config)]
    return first + [rsc for rsc in order if rsc not in first]


def preferred_node(rsc: Rsc) -> Optional[str]:
    """A connection is assigned preferring the target of its partial migration."""
    if rsc.config is None or not is_connection(rsc.config) or rsc.partial_migration is None:
        return None
    return rsc.partial_migration[1]


def connection_assigned(ws: WorkingSet, rsc: Rsc) -> None:
    """remote_connection_assigned."""
    if rsc.config is None or not is_connection(rsc.config):
        return
    node = ws.nodes.get(rsc.id)
    if node is None or node.node_type != "remote":
        return
    if rsc.assigned is not None and rsc.next_role != "Stopped":
        node.online = True
        if node.unseen:
            node.unclean = False
    else:
        node.shutdown = True


def failed_remote_nodes(ws: WorkingSet) -> list:
    """pcmk__schedule_probes: remote nodes left offline whose connection is failed
    (get_remote_node_state: remote_state_failed) are fenced, 'the connection is unrecoverable'."""
    failed = []
    for uname in ws.node_order:
        node = ws.nodes[uname]
        connection = connection_of(ws, node)
        if node.online or connection is None or guest.is_guest(ws, node):
            continue    # pcmk__is_failed_remote_node: remote nodes only
        if connection.next_role != "Stopped" and connection.assigned is not None:
            continue     # it is going to run: unknown, resting or alive, not failed
        host = ws.nodes.get(connection.running_on[0]) if connection.running_on else None
        if (host is not None and host.unclean) or connection.failed:
            failed.append(node)
    return failed
