"""Events of a real cluster, derived from successive snapshots (log lines: see logs.py).

A real cluster does not tell us "node2 left the membership" as an object; we
see it as a difference between two snapshots (node1's ring changed, node2 is
gone from it) or as a log line. `EventTracker` turns those differences into
the same typed events the simulator emits, so timelines and checks read both
alike. Events carry the time of the snapshot that revealed them: on a real
cluster, timing resolution is the polling interval.
"""

from __future__ import annotations

from typing import Iterable

from halab_kernel.model import (
    MAINTENANCE,
    ONLINE,
    STANDBY,
    ActionFinished,
    ClusterState,
    DaemonStarted,
    DaemonStopped,
    DCElected,
    Event,
    MembershipChanged,
    NodeFenced,
    QuorumChanged,
)
from halab_kernel.remote.parse import FenceRecord

class EventTracker:
    """Remembers the last snapshot and turns each new one into events."""

    def __init__(self) -> None:
        self.last: ClusterState | None = None
        self._fences_seen: set[FenceRecord] | None = None

    def observe(self, state: ClusterState, fences: Iterable[FenceRecord] = ()) -> list[Event]:
        previous, self.last = self.last, state
        events = self._fences(state.time, set(fences))
        if previous is None:
            return events
        events += self._membership(previous, state)
        events += self._daemons(previous, state)
        events += self._dcs(previous, state)
        events += self._resources(previous, state)
        return events

    def _fences(self, now: float, fences: set[FenceRecord]) -> list[Event]:
        done = {f for f in fences if f.status in ("success", "failed")}
        if self._fences_seen is None:  # history from before we connected is not news
            self._fences_seen = done
            return []
        new = sorted(done - self._fences_seen, key=lambda f: f.completed)
        self._fences_seen |= set(new)
        return [NodeFenced(now, f.delegate or None, target=f.target, action=f.action, ok=f.status == "success")
                for f in new]

    @staticmethod
    def _membership(previous: ClusterState, state: ClusterState) -> list[Event]:
        events: list[Event] = []
        for node, view in state.views.items():
            before = previous.views.get(node)
            if before is None or before.ring_id != view.ring_id:
                old = set(before.members) if before else set()
                events.append(MembershipChanged(
                    state.time, node, ring_id=view.ring_id, members=view.members,
                    joined=tuple(m for m in view.members if before and m not in old),
                    left=tuple(m for m in (before.members if before else ()) if m not in view.members),
                ))
            if (before.quorate if before else False) != view.quorate:
                events.append(QuorumChanged(state.time, node, quorate=view.quorate, total_votes=view.total_votes,
                                            quorum=view.quorum, expected_votes=view.expected_votes))
        for node, before in previous.views.items():
            if node not in state.views and before.quorate:
                events.append(QuorumChanged(state.time, node, quorate=False, total_votes=0,
                                            quorum=before.quorum, expected_votes=before.expected_votes))
        return events

    @staticmethod
    def _daemons(previous: ClusterState, state: ClusterState) -> list[Event]:
        events: list[Event] = []
        before = {n.name: n for n in previous.nodes}
        for node in state.nodes:
            old = before.get(node.name)
            if old is None:
                continue
            for daemon, was, now in (("corosync", old.corosync_running, node.corosync_running),
                                     ("pacemaker", old.pacemaker_running, node.pacemaker_running)):
                if now and not was:
                    events.append(DaemonStarted(state.time, node.name, daemon=daemon))
                elif was and not now:
                    events.append(DaemonStopped(state.time, node.name, daemon=daemon, graceful=False))
        return events

    @staticmethod
    def _dcs(previous: ClusterState, state: ClusterState) -> list[Event]:
        def dcs(snapshot: ClusterState) -> set[str]:
            found = {p.dc for p in snapshot.partitions if p.dc}
            return found or ({snapshot.dc} if snapshot.dc else set())

        return [DCElected(state.time, dc, dc=dc) for dc in sorted(dcs(state) - dcs(previous))]

    @staticmethod
    def _resources(previous: ClusterState, state: ClusterState) -> list[Event]:
        events: list[Event] = []
        before = {r.id: r for r in previous.resources if r.kind == "primitive"}
        # a node that left or is unclean did not "stop" anything: membership and fencing tell that story
        up = {n.name for n in state.nodes if n.status in (ONLINE, STANDBY, MAINTENANCE)}
        for rsc in state.resources:
            old = before.get(rsc.id)
            if rsc.kind != "primitive" or old is None:
                continue
            for node, count in rsc.failcounts.items():
                if count > old.failcounts.get(node, 0):
                    events.append(ActionFinished(state.time, node, resource=rsc.id, action="monitor",
                                                 result="error", rc=1))
            start = "promote" if rsc.role == "Promoted" else "start"
            for node in rsc.nodes:
                if node not in old.nodes:
                    events.append(ActionFinished(state.time, node, resource=rsc.id, action=start))
            for node in old.nodes:
                if node not in rsc.nodes and node in up:
                    events.append(ActionFinished(state.time, node, resource=rsc.id, action="stop"))
        return events
