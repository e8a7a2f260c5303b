"""The membership view the Pacemaker daemons get of corosync (sim/pacemaker/links.py's Membership).

Pacemaker learns of rings through the quorum API and CPG, so it sees the ring corosync announced
(`CorosyncNode.ring`), not the one totem has just installed while a quorum device holds the sync.
"""

from __future__ import annotations

from halab_kernel.sim.corosync.totem import Totem


class CorosyncMembership:
    """Read-only answers from the simulated corosync of every node."""

    def __init__(self, totem: Totem) -> None:
        self._nodes = totem.nodes

    def members(self, name: str) -> frozenset[str] | None:
        ring = self._nodes[name].ring
        return ring.members if ring is not None else None

    def in_ring(self, name: str) -> bool:
        return self._nodes[name].in_ring

    def ring_id(self, name: str) -> str | None:
        ring = self._nodes[name].ring
        return ring.ring_id if ring is not None else None

    def corosync_running(self, name: str) -> bool:
        return self._nodes[name].process != "stopped"

    def quorate(self, name: str) -> bool:
        quorum = self._nodes[name].quorum
        return bool(quorum and quorum.quorate)
