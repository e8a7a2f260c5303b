"""Folding events into what the timeline draws: per-node bands and fault intervals.

The timeline is a picture of the event stream, never of widget state: each
node has three bands (its Corosync membership, its quorum, the resources it
runs), each band a list of segments `(start, end, label)` where the label
changes only when an event says so. Each fault opens phases that close on
the events that answer them: detection (a new membership without the node,
or the failed monitor of the resource), decision (the DC's first transition
after it), fencing (the node fenced), recovery (every resource the fault took
down started again). A newer fault ends the
measurement of the previous one.

`History` is incremental (`add(events)`), so a dashboard update after one
event costs the new events, not the whole past.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from halab_kernel.model import (
    ActionFinished,
    DaemonStarted,
    DaemonStopped,
    Event,
    FaultInjected,
    MembershipChanged,
    NodeFenced,
    QuorumChanged,
    TransitionComputed,
)

MEMBERSHIP, QUORUM, RESOURCES = "membership", "quorum", "resources"
BANDS = (MEMBERSHIP, QUORUM, RESOURCES)
DOWN = "down"
_FAILED = " (failed)"
_NODE_FAULTS = ("crash", "power_off", "power-off", "poweroff", "kill corosync")
_ACTIVE_ACTIONS = ("start", "promote", "demote", "migrate_from")


@dataclass
class Segment:
    start: float
    end: float | None  # None: still open
    label: str

    def closed_at(self, now: float) -> float:
        return now if self.end is None else self.end


@dataclass
class Interval:
    """One measured phase of a failover, e.g. detection of node2's crash: 1.9 s."""

    phase: str  # "detection", "decision", "fencing", "recovery"
    fault: str
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass
class _OpenFault:
    """The phases of one fault. Recovery means: every resource the fault took down runs again."""

    fault: FaultInjected
    lost: set[str] = field(default_factory=set)
    restarted: set[str] = field(default_factory=set)
    detected_at: float | None = None
    decided_at: float | None = None  # the DC's first transition after the detection
    fenced_at: float | None = None
    recovered_at: float | None = None

    @property
    def on_resource(self) -> bool:
        return self.fault.fault.startswith("fail") or "resource" in self.fault.fault


@dataclass
class History:
    """Per-node bands, fault markers and failover intervals, built from events."""

    bands: dict[tuple[str, str], list[Segment]] = field(default_factory=dict)
    faults: list[FaultInjected] = field(default_factory=list)
    fenced: set[str] = field(default_factory=set)  # fenced and not rejoined since
    _running: dict[str, set[str]] = field(default_factory=dict)
    _phases: list[_OpenFault] = field(default_factory=list)  # one per fault; only the latest is still measured
    last_time: float = 0.0

    # --- folding ---------------------------------------------------------

    def add(self, events: Iterable[Event]) -> None:
        for event in events:
            self.last_time = max(self.last_time, event.time)
            self._fold(event)

    def _fold(self, event: Event) -> None:
        node = event.node
        if isinstance(event, FaultInjected):
            self.faults.append(event)
            phases = _OpenFault(event)
            self._phases.append(phases)
            if phases.on_resource and event.target:
                phases.lost = {event.target.split()[0]}  # "WebSite" or "WebSite on node3"
            elif event.target in self._running:
                phases.lost = {name for name in self._running[event.target] if not name.endswith(_FAILED)}
            if event.fault in _NODE_FAULTS and event.target:
                self._node_down(event.target, event.time)
        elif isinstance(event, DaemonStopped) and node and event.daemon == "corosync":
            self._node_down(node, event.time)
        elif isinstance(event, DaemonStarted) and node and event.daemon == "corosync":
            self._set(node, MEMBERSHIP, event.time, "starting")
        elif isinstance(event, MembershipChanged) and node:
            self._set(node, MEMBERSHIP, event.time, " ".join(event.members))
            if node in event.members:
                self.fenced.discard(node)
            self._note_detection(event)
        elif isinstance(event, QuorumChanged) and node:
            self._set(node, QUORUM, event.time, "quorate" if event.quorate else "not quorate")
        elif isinstance(event, ActionFinished) and node:
            self._fold_action(event)
        elif isinstance(event, TransitionComputed):
            current = self._current()
            if current and current.detected_at is not None and current.decided_at is None:
                current.decided_at = event.time
        elif isinstance(event, NodeFenced) and event.ok:
            self.fenced.add(event.target)
            self._node_down(event.target, event.time)
            current = self._current()
            if current and current.fenced_at is None:
                current.fenced_at = event.time

    def _fold_action(self, event: ActionFinished) -> None:
        """Start/promote put a resource on the node's band, stop takes it off, a failure marks it.

        A monitor answering "not running" (rc 7) where the resource was not
        running is a probe saying so, not a failure.
        """
        running = self._running.setdefault(event.node or "", set())
        before = set(running)
        rsc = event.resource
        ok = event.result == "ok" or event.rc in (0, 8)
        if not ok and not (event.action == "monitor" and event.rc == 7 and rsc not in running):
            running.discard(rsc)
            running.add(rsc + _FAILED)
            self._note_resource_failure(event)
        elif ok and event.action in _ACTIVE_ACTIONS:
            running.discard(rsc + _FAILED)
            running.add(rsc)
            self._note_restart(event)
        elif ok and event.action == "stop":
            running.discard(rsc)
            running.discard(rsc + _FAILED)
        if running != before:
            self._set(event.node or "", RESOURCES, event.time, " ".join(sorted(running)))

    def _note_resource_failure(self, event: ActionFinished) -> None:
        current = self._current()
        if current and current.on_resource and current.detected_at is None and event.resource in current.lost:
            current.detected_at = event.time

    def _note_restart(self, event: ActionFinished) -> None:
        current = self._current()
        if current is None or current.detected_at is None or current.recovered_at is not None:
            return
        if event.resource in current.lost:
            current.restarted.add(event.resource)
            if current.restarted >= current.lost:
                current.recovered_at = event.time

    def _note_detection(self, event: MembershipChanged) -> None:
        current = self._current()
        if current and current.detected_at is None and not current.on_resource:
            fault = current.fault
            if event.left or fault.target not in event.members or fault.fault in ("partition", "heal"):
                current.detected_at = event.time

    def _current(self) -> _OpenFault | None:
        """The fault being measured: a new fault ends the measurement of the previous one."""
        return self._phases[-1] if self._phases else None

    def _node_down(self, node: str, time: float) -> None:
        self._set(node, MEMBERSHIP, time, DOWN)
        self._set(node, QUORUM, time, "")
        if self._running.get(node):
            self._running[node] = set()
            self._set(node, RESOURCES, time, "")

    def _set(self, node: str, band: str, time: float, label: str) -> None:
        segments = self.bands.setdefault((node, band), [])
        if segments and segments[-1].end is None:
            if segments[-1].label == label:
                return
            segments[-1].end = time
        segments.append(Segment(time, None, label))

    # --- reading ---------------------------------------------------------

    def intervals(self) -> list[Interval]:
        """Detection, decision, fencing and recovery of every fault, as far as they got."""
        result = []
        for open_fault in self._phases:
            fault = open_fault.fault
            name = f"{fault.fault} {fault.target}".strip()
            if open_fault.detected_at is not None:
                result.append(Interval("detection", name, fault.time, open_fault.detected_at))
                after = open_fault.detected_at
                if open_fault.decided_at is not None and open_fault.decided_at >= after:
                    result.append(Interval("decision", name, after, open_fault.decided_at))
                    after = open_fault.decided_at
                if open_fault.fenced_at is not None and open_fault.fenced_at >= after:
                    result.append(Interval("fencing", name, after, open_fault.fenced_at))
                    after = open_fault.fenced_at
                if open_fault.recovered_at is not None and open_fault.recovered_at >= after:
                    result.append(Interval("recovery", name, after, open_fault.recovered_at))
        return result
