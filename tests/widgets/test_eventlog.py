"""The event log: a pandas table of events, filtered by kind, node and text."""

from __future__ import annotations

from halab_kernel.model import LogLine, MembershipChanged, QuorumChanged
from halab_widgets.eventlog import ALL, EventLog

EVENTS = [
    MembershipChanged(3.0, "node1", ring_id="1.9", members=("node1", "node2")),
    QuorumChanged(3.0, "node1", quorate=True, total_votes=2, quorum=2, expected_votes=2),
    LogLine(3.1, "node2", daemon="corosync", text="[TOTEM ] A new membership (1.9) was formed."),
]


def test_filters_narrow_the_rows():
    log = EventLog(("node1", "node2"))
    log.add(EVENTS)
    assert log.shown == 3
    assert list(log.kind.options) == [ALL, "log", "membership_changed", "quorum_changed"]
    log.node.value = "node2"
    assert log.shown == 1 and "A new membership (1.9) was formed." in log.table.value
    log.node.value = ALL
    log.contains.value = "QUORUM GAINED"
    assert log.shown == 1
    log.contains.value = ""
    log.kind.value = "membership_changed"
    assert log.shown == 1 and "1 of 3 events" in log.table.value


def test_markup_in_messages_is_escaped():
    log = EventLog(("node1",))
    log.add([LogLine(1.0, "node1", text="<b>bold</b>")])
    assert "<b>bold</b>" not in log.table.value
