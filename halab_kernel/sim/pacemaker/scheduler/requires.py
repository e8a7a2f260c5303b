"""What a resource `requires` before it may start, and what that changes about where it is
"active" (unpack_requires and pe__find_active_on in 2.1.5).

A resource that needs fencing (the default with fencing enabled) and is seen on an unclean
node counts as active there until the node is fenced. One that requires only quorum
(fence devices by default, or `requires=quorum|nothing`) may be started elsewhere before
fencing completes: only clean nodes count, so it is not "multiply active" because of a
node being fenced, and its current node is the first clean one.
"""

from __future__ import annotations

from typing import Optional

from .working import NodeInfo, Rsc, WorkingSet


def needs_fencing(ws: WorkingSet, rsc: Rsc) -> bool:
    """pe_rsc_needs_fencing: `requires` is fencing (the default with fencing enabled) or unfencing,
    except a fence device's requires=unfencing, which unpack_requires resets to quorum ("fencing
    devices cannot require unfencing": a fence device active on an unclean node and a clean one
    then counts as active on the clean one, multiply-active-stonith with requires=unfencing on it)."""
    if not ws.stonith_enabled:
        return False
    fence_device = rsc.config is not None and rsc.config.standard == "stonith"
    requires = (rsc.meta.get("requires") or ("quorum" if fence_device else "fencing")).strip().lower()
    return requires == "fencing" or (requires == "unfencing" and not fence_device)


def _clean(ws: WorkingSet, uname: str) -> bool:
    node = ws.nodes[uname]
    return node.online and not node.unclean


def active_node(ws: WorkingSet, rsc: Rsc, partial: bool = True) -> Optional[str]:
    """The node the resource counts as active on: the source of a half-done migration (unless
    `partial` is false: once a migration that does not continue is forgotten), else the first
    one, or the first clean one when it does not need fencing."""
    if not rsc.running_on:
        return None
    if partial and rsc.partial_migration is not None and not rsc.failed and rsc.partial_migration[0] in rsc.running_on:
        return rsc.partial_migration[0]     # the source of a migration half done
    if not needs_fencing(ws, rsc):
        return next((u for u in rsc.running_on if _clean(ws, u)), rsc.running_on[0])
    return rsc.running_on[0]


def active_count(ws: WorkingSet, rsc: Rsc) -> int:
    """How many nodes count for "multiply active": all, or only clean ones without fencing needs."""
    if needs_fencing(ws, rsc):
        return len(rsc.running_on)
    return sum(1 for u in rsc.running_on if _clean(ws, u))


def can_fence(ws: WorkingSet, node: NodeInfo) -> bool:
    """pe_can_fence: fencing enabled, a device exists, and quorum (or the node is online)."""
    if not ws.stonith_enabled or not ws.have_stonith_resource:
        return False
    return ws.have_quorum or ws.no_quorum_policy == "ignore" or node.online
