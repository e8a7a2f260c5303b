"""Folding events into what the timeline draws: per-node bands and fault intervals.

The timeline is a picture of the event stream, never of widget state: each
node has three bands (its Corosync membership, its quorum, the resources it
runs), each band a list of segments `(start, end, label)` where the label
changes only when an event says so. Faults open intervals (detection, fencing,
recovery) that close on the events that answer them.

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
)

MEMBERSHIP, QUORUM, RESOURCES = "membership", "quorum", "resources"
BANDS = (MEMBERSHIP, QUORUM, RESOURCES)
DOWN = "down"
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

    phase: str  # "detection", "fencing", "recovery"
    fault: str
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass
class _OpenFault:
    fault: FaultInjected
    detected_at: float | None = None
    fenced_at: float | None = None
    recovered_at: float | None = None


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
            self._phases.append(_OpenFault(event))
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
        elif isinstance(event, NodeFenced) and event.ok:
            self.fenced.add(event.target)
            self._node_down(event.target, event.time)
            current = self._current()
            if current and current.fenced_at is None:
                current.fenced_at = event.time

    def _fold_action(self, event: ActionFinished) -> None:
        running = self._running.setdefault(event.node or "", set())
        before = set(running)
        if event.result != "ok" or event.rc not in (0, 8):
            running.discard(event.resource)
            running.add(f"{event.resource} (failed)")
        elif event.action in _ACTIVE_ACTIONS:
            running.discard(f"{event.resource} (failed)")
            running.add(event.resource)
            current = self._current()
            if current and current.detected_at is not None:
                current.recovered_at = event.time
        elif event.action == "stop":
            running.discard(event.resource)
            running.discard(f"{event.resource} (failed)")
        if running != before:
            self._set(event.node or "", RESOURCES, event.time, " ".join(sorted(running)))

    def _note_detection(self, event: MembershipChanged) -> None:
        current = self._current()
        if current and current.detected_at is None:
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
        """Detection, fencing and recovery of every fault, as far as they got."""
        result = []
        for open_fault in self._phases:
            fault = open_fault.fault
            name = f"{fault.fault} {fault.target}".strip()
            if open_fault.detected_at is not None:
                result.append(Interval("detection", name, fault.time, open_fault.detected_at))
                after = open_fault.detected_at
                if open_fault.fenced_at is not None and open_fault.fenced_at >= after:
                    result.append(Interval("fencing", name, after, open_fault.fenced_at))
                    after = open_fault.fenced_at
                if open_fault.recovered_at is not None and open_fault.recovered_at >= after:
                    result.append(Interval("recovery", name, after, open_fault.recovered_at))
        return result
