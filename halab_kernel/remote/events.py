"""Events of a real cluster, derived from successive snapshots and from the nodes' logs.

A real cluster does not tell us "node2 left the membership" as an object; we
see it as a difference between two snapshots (node1's ring changed, node2 is
gone from it) or as a log line. `EventTracker` turns those differences into
the same typed events the simulator emits, so timelines and checks read both
alike. Events carry the time of the snapshot that revealed them: on a real
cluster, timing resolution is the polling interval.
"""

from __future__ import annotations

import re
import time as wall
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
    LogLine,
    MembershipChanged,
    NodeFenced,
    QuorumChanged,
    TokenLost,
)
from halab_kernel.remote.parse import FenceRecord

LOG_LEVELS = ("notice", "warning", "error", "crit", "critical", "alert", "emerg")

_PACEMAKER_LINE = re.compile(
    r"^(?P<stamp>\w{3} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?) (?P<host>\S+) (?P<daemon>[\w-]+)\s*\[\d+\] "
    r"\((?P<function>[^)]*)\)\s+(?P<level>\w+): (?P<text>.*)$"
)
_COROSYNC_LINE = re.compile(
    r"^(?P<stamp>\w{3} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?) \[\d+\] (?P<host>\S+) corosync (?P<level>\w+)\s+"
    r"\[(?P<subsystem>[^\]]+)\] (?P<text>.*)$"
)
_JOURNAL_LINE = re.compile(
    r"^(?P<stamp>\w{3} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?) (?P<host>\S+) (?P<daemon>[\w-]+)\[\d+\]:\s+"
    r"(?:(?P<level>notice|warning|error|crit|alert|emerg):\s+)?(?P<text>.*)$"
)
_PATTERNS = {"pacemaker": _PACEMAKER_LINE, "corosync": _COROSYNC_LINE, "journal": _JOURNAL_LINE}
_TOKEN_LOST = re.compile(r"Token has not been received in (\d+) ms")


def _log_time(stamp: str, origin_epoch: float, fallback: float) -> float:
    """Lab time of a syslog-style stamp (no year: this year, local time)."""
    main, _, fraction = stamp.partition(".")
    try:
        parsed = wall.strptime(f"{wall.localtime().tm_year} {main}", "%Y %b %d %H:%M:%S")
    except ValueError:
        return fallback
    return wall.mktime(parsed) + float(f"0.{fraction or 0}") - origin_epoch


def log_events(node: str, source: str, text: str, origin_epoch: float, now: float) -> list[Event]:
    """New lines of one node's log (file or journal) -> LogLine events (notice and above) and TokenLost.

    The journal is asked for priority notice and above already; its corosync
    lines do not print their level, so they count as notice.
    """
    events: list[Event] = []
    for line in text.splitlines():
        match = _PATTERNS[source].match(line)
        level = ((match.group("level") or "notice").lower()) if match else ""
        if level not in LOG_LEVELS:
            continue
        when = _log_time(match.group("stamp"), origin_epoch, now)
        daemon = match.groupdict().get("daemon") or "corosync"
        events.append(LogLine(when, node, daemon=daemon, level=level, text=line))
        lost = _TOKEN_LOST.search(line)
        if lost:
            events.append(TokenLost(when, node, timeout_ms=int(lost.group(1))))
    return events


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
