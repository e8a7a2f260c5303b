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


def test_the_log_view_shows_real_log_lines_filtered_by_daemon():
    import pandas

    lines = pandas.DataFrame(
        [(3.0, "node1", "corosync", "Jan 05 09:00:03 [1234] node1 corosync notice  [QUORUM] Members[3]: 1 2 3"),
         (4.0, "node2", "pacemaker-controld", "Jan 05 09:00:04.000 node2 pacemaker-controld  [1300] (x) \tnotice: DC")],
        columns=["time", "node", "daemon", "line"],
    )
    log = EventLog(("node1", "node2"), logs=lambda since=None: lines[lines["time"] >= (since or 0)])
    log.add(EVENTS)
    log.source.value = "logs"
    assert log.kind.description == "daemon" and list(log.kind.options) == [ALL, "corosync", "pacemaker-controld"]
    assert log.shown == 2 and "[QUORUM] Members[3]: 1 2 3" in log.table.value
    log.kind.value = "pacemaker-controld"
    assert log.shown == 1 and "1 of 2 log lines" in log.table.value
    log.source.value = "events"
    assert log.kind.value == ALL and log.shown == 3


def test_the_dashboard_log_view_reads_the_labs_logs():
    from halab_kernel import Lab
    from halab_widgets import dashboard

    lab = Lab.simulated(nodes=3, seed=1)
    board = dashboard(lab)
    lab.advance(30)
    board.log_panel.selected_index = 0
    board.events.source.value = "logs"
    assert board.events.shown == len(lab.logs()) > 0
    assert "corosync" in board.events.kind.options


def test_log_lines_are_fetched_incrementally_without_duplicates():
    from halab_kernel import Lab
    from halab_widgets import dashboard

    lab = Lab.simulated(nodes=3, seed=1)
    board = dashboard(lab)
    board.log_panel.selected_index = 0
    board.events.source.value = "logs"
    for _ in range(4):
        lab.advance(7)
    lab.crash("node2")
    lab.advance(30)
    assert board.events.shown == len(lab.logs())
    assert list(board.events.frame()["message"]) == list(lab.logs()["line"])
