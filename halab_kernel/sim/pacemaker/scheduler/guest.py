"""Guest nodes: a resource (a VM or container) with the `remote-node` meta attribute hosts a
Pacemaker Remote node of that name (2.1.5's expand_remote_rsc_meta, pe_create_remote_xml).

The scheduler adds the implicit connection resource the real one creates: `ocf:pacemaker:remote`
named after the guest node, inside the container (`container` meta: started after it, stopped
before it, colocated with it), `internal_rsc` (status does not list it), with a 30 s monitor and
the container's `remote-addr`, `remote-port`, `remote-connect-timeout`, `remote-allow-migrate` and
`is-managed`. Primitives at the top level and inside groups are expanded, in configuration order,
and appended after the configured resources; a name already taken by a resource is left alone.

A guest node is "fenced" by recovering its container (pe_fence_node, pcmk__fence_guest): see
remote.py for its status and unpack/schedule for the fencing.
"""

from __future__ import annotations

import dataclasses
from typing import Iterator, Optional

from ..cib.containers import container_constraints
from ..cib.model import Cib, Group, Operation, Primitive
from .working import NodeInfo, Rsc, WorkingSet


def _candidates(cib: Cib) -> Iterator[Primitive]:
    for top in cib.resources:
        if isinstance(top, Primitive):
            yield top
        elif isinstance(top, Group):
            yield from top.members


def guest_name(config: Primitive) -> Optional[str]:
    """The guest node a primitive hosts (its `remote-node` meta attribute), if any."""
    for name, value in config.meta.items():
        if name.lower() == "remote-node" and value:
            return value
    return None


def _connection(container: Primitive, name: str) -> Primitive:
    meta = {key.lower(): value for key, value in container.meta.items()}
    # unlike a configured connection, the implicit one migrates only with remote-allow-migrate
    # (checked against the real crm_simulate: whitebox-move with a migrating container)
    connection_meta = {"container": container.id, "internal_rsc": "true",
                       "allow-migrate": meta.get("remote-allow-migrate", "false")}
    if "is-managed" in meta:
        connection_meta["is-managed"] = meta["is-managed"]
    operations = [Operation(f"{name}-monitor-interval-30s", "monitor", 30000, timeout="30s")]
    if "remote-connect-timeout" in meta:
        operations.append(Operation(f"{name}-start-interval-0", "start", 0, timeout=meta["remote-connect-timeout"]))
    params = {}
    if "remote-addr" in meta:
        params["addr"] = meta["remote-addr"]
    if "remote-port" in meta:
        params["port"] = meta["remote-port"]
    return Primitive(id=name, standard="ocf", provider="pacemaker", agent_type="remote",
                     meta=connection_meta, params=params, operations=tuple(operations))


def with_guest_connections(cib: Cib) -> Cib:
    """The CIB as 2.1.5 unpacks it: every guest node's implicit connection resource added."""
    taken = {config.id for top in cib.resources for config in _walk(top)}
    added: list[Primitive] = []
    for config in _candidates(cib):
        name = guest_name(config)
        if name is None or name in taken:
            continue
        taken.add(name)
        added.append(_connection(config, name))
    if not added:
        return cib
    resources = tuple(cib.resources) + tuple(added)
    ids = {connection.id for connection in added}
    colocations, orders = container_constraints(resources)
    return dataclasses.replace(
        cib, resources=resources,
        colocations=tuple(cib.colocations) + tuple(c for c in colocations if c.resource in ids),
        orders=tuple(cib.orders) + tuple(o for o in orders if o.then in ids))


def _walk(config) -> Iterator:
    yield config
    for child in getattr(config, "members", ()):
        yield child
    child = getattr(config, "child", None)
    if child is not None:
        yield from _walk(child)


def is_internal(rsc: Rsc) -> bool:
    """An implicit connection: status does not list it."""
    return rsc.config is not None and rsc.config.meta.get("internal_rsc") == "true"


def container_of_node(ws: WorkingSet, node: NodeInfo) -> Optional[Rsc]:
    """The container of a guest node (None for a cluster or remote node)."""
    if node.node_type != "remote":
        return None
    connection = ws.by_id.get(node.uname)
    if connection is None or connection.config is None or not is_internal(connection):
        return None
    return ws.container_of(connection)


def is_guest(ws: WorkingSet, node: NodeInfo) -> bool:
    return container_of_node(ws, node) is not None


def container_settling(ws: WorkingSet, node: NodeInfo) -> bool:
    """pcmk__probe_rsc_on_node skips a guest node whose container is stopped (what it held is
    stopped too), or stopping, restarting or moving (the node needs a reset, is unclean, the
    container failed, stops, or is assigned where it does not run)."""
    container = container_of_node(ws, node)
    if container is None:
        return False
    return (container.role == "Stopped" or node.remote_requires_reset or node.unclean or container.failed
            or container.next_role == "Stopped"
            or (container.assigned is not None and container.assigned not in container.running_on))


def containers(ws: WorkingSet) -> list:
    """The containers of every guest node."""
    return [box for uname in ws.node_order for box in [container_of_node(ws, ws.nodes[uname])] if box is not None]


def opt_in_connections(ws: WorkingSet) -> None:
    """pe__unpack_resource: in an asymmetric cluster a guest node's connection may still run on
    every node (remote_connection_default, 0); its container decides where."""
    if ws.symmetric:
        return
    for rsc in ws.primitives():
        if is_internal(rsc):
            for uname in ws.node_order:
                rsc.allowed.setdefault(uname, 0)


def fence(ws: WorkingSet, node: NodeInfo) -> None:
    """pe_fence_node for a guest node: recover its container (unless that is unmanaged); the
    node is not made unclean, so it may run resources again once the container is back."""
    container = container_of_node(ws, node)
    if container is None or container.failed or not container.managed:
        return
    node.remote_requires_reset = True
    container.failed = True
    container.stop_needed = True


def can_fence(ws: WorkingSet, node: NodeInfo, can_fence_host) -> bool:
    """pe_can_fence for a guest node: every node its container is active on is online or can
    be fenced."""
    container = container_of_node(ws, node)
    assert container is not None
    return all(ws.nodes[host].online or can_fence_host(ws, ws.nodes[host])
               for host in container.running_on if host in ws.nodes)


def guests_to_fence(ws: WorkingSet, can_fence_host) -> list:
    """schedule_fencing_and_shutdowns for guest nodes: those needing a reset, when anything is
    managed and the container's host allows it (stonith-enabled plays no part)."""
    if not any(p.managed for p in ws.primitives()):
        return []
    return [uname for uname in ws.node_order
            if is_guest(ws, ws.nodes[uname]) and ws.nodes[uname].remote_requires_reset
            and can_fence(ws, ws.nodes[uname], can_fence_host)]
