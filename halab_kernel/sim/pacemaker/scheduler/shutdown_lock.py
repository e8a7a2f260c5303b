"""Shutdown locks (shutdown-lock=true): a cleanly stopped node keeps its resources.

As Pacemaker 2.1.5 does it (apply_shutdown_lock, unpack_shutdown_lock): a
primitive active on exactly one node that is shutting down (not unclean), or
whose history on a node records a `shutdown-lock` time that has not expired
(shutdown-lock-limit, 0 = never), is locked to that node: banned from every
other node, so it stops and stays stopped until the node is back. Fence devices
and clones are never locked.
"""

from __future__ import annotations

from typing import Optional

from halab_kernel.values import is_true

from ..cib.model import INFINITY, Cib
from . import options
from .working import Rsc, WorkingSet


def _locked_in_history(ws: WorkingSet, cib: Cib, rsc: Rsc, limit: int) -> Optional[str]:
    for state in cib.node_states:
        for history in state.history:
            if history.id != rsc.id or history.shutdown_lock is None:
                continue
            if limit > 0 and ws.now is not None and ws.now > history.shutdown_lock + limit:
                continue   # the lock expired
            return state.uname
    return None


def apply_shutdown_locks(ws: WorkingSet, cib: Cib) -> None:
    if not is_true(ws.properties.get("shutdown-lock")):
        return
    limit = options.seconds(ws.properties.get("shutdown-lock-limit")) or 0
    for rsc in ws.primitives():
        if rsc.clone_parent() is not None or (rsc.config is not None and rsc.config.standard == "stonith"):
            continue
        node = _locked_in_history(ws, cib, rsc, limit)
        if node is not None and rsc.running_on:
            node = None   # started elsewhere meanwhile: leave it alone
        elif node is None and len(rsc.running_on) == 1:
            current = ws.nodes.get(rsc.running_on[0])
            if current is not None and current.shutdown and not current.unclean:
                node = current.uname
        if node is None:
            continue
        for uname in ws.node_order:
            if uname != node:
                rsc.add_score(uname, -INFINITY, f"shutdown-lock (locked to {node})")
