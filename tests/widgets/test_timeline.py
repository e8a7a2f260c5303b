"""The failover timeline: bands per node from events, fault markers, measured phases."""

from __future__ import annotations

import plotly.graph_objects as go

from halab_kernel.model import (
    ActionFinished,
    FaultInjected,
    MembershipChanged,
    NodeFenced,
    QuorumChanged,
)
from halab_kernel.history import History
from halab_widgets.timeline import MIMETYPE, FailoverTimeline, timeline_figure

NODES = ("node1", "node2", "node3")
ALL = NODES


def failover() -> list:
    """node2 runs WebSite, crashes at 20 s, is seen gone at 21.9, fenced at 23, WebSite back on node3 at 24.5."""
    events = []
    for node in NODES:
        events += [MembershipChanged(3.0, node, ring_id="1.9", members=ALL, joined=ALL),
                   QuorumChanged(3.0, node, quorate=True, total_votes=3, quorum=2, expected_votes=3)]
    events += [
        ActionFinished(5.0, "node2", resource="WebSite", action="start"),
        FaultInjected(20.0, None, fault="crash", target="node2"),
        MembershipChanged(21.9, "node1", ring_id="1.d", members=("node1", "node3"), left=("node2",)),
        MembershipChanged(21.9, "node3", ring_id="1.d", members=("node1", "node3"), left=("node2",)),
        NodeFenced(23.0, "node1", target="node2"),
        ActionFinished(24.5, "node3", resource="WebSite", action="start"),
    ]
    return events


def test_phases_of_a_failover_are_measured_from_events():
    history = History()
    history.add(failover())
    phases = [(i.phase, round(i.start, 3), round(i.duration, 3)) for i in history.intervals()]
    assert phases == [("detection", 20.0, 1.9), ("fencing", 21.9, 1.1), ("recovery", 23.0, 1.5)]
    assert history.fenced == {"node2"}


def test_bands_follow_membership_quorum_and_resources():
    history = History()
    history.add(failover())
    membership = [(s.start, s.end, s.label) for s in history.bands[("node2", "membership")]]
    assert membership == [(3.0, 20.0, "node1 node2 node3"), (20.0, None, "down")]
    assert [(s.start, s.label) for s in history.bands[("node3", "resources")]] == [(24.5, "WebSite")]
    assert [(s.start, s.end, s.label) for s in history.bands[("node2", "resources")]] == [(5.0, 20.0, "WebSite"), (20.0, None, "")]


def test_history_is_incremental():
    whole, parts = History(), History()
    whole.add(failover())
    for event in failover():
        parts.add([event])
    assert whole.intervals() == parts.intervals()
    assert whole.bands == parts.bands


def test_a_rejoined_node_is_no_longer_fenced():
    history = History()
    history.add(failover() + [MembershipChanged(60.0, "node2", ring_id="1.11", members=ALL, joined=ALL)])
    assert history.fenced == set()


def test_the_figure_is_valid_plotly_with_markers_and_annotated_phases():
    history = History()
    history.add(failover())
    figure = timeline_figure(history, NODES, now=30.0)
    go.Figure(figure)  # raises on any property plotly does not know
    texts = [t for trace in figure["data"] for t in trace["text"]]
    assert "detection 1.90 s" in texts and "fencing 1.10 s" in texts and "recovery 1.50 s" in texts
    assert [shape["x0"] for shape in figure["layout"]["shapes"]] == [20.0]
    assert figure["layout"]["annotations"][0]["text"] == "crash node2"


def test_the_widget_holds_one_light_plotly_display():
    timeline = FailoverTimeline(NODES)
    timeline.update(failover(), now=30.0)
    (output,) = timeline.widget.outputs
    assert MIMETYPE in output["data"]
    assert len(str(output["data"][MIMETYPE])) < 20_000


def test_a_long_run_opens_on_the_last_fault():
    history = History()
    history.add(failover())
    assert timeline_figure(history, NODES, now=30.0)["layout"]["xaxis"]["range"] == [0.0, 30.0]
    assert timeline_figure(history, NODES, now=7200.0)["layout"]["xaxis"]["range"] == [0.0, 620.0]


def test_a_probe_saying_not_running_is_not_a_failure_but_a_dead_resource_is():
    history = History()
    history.add([
        ActionFinished(1.0, "node1", resource="WebSite", action="monitor", result="not running", rc=7),
        ActionFinished(2.0, "node2", resource="WebSite", action="start"),
        ActionFinished(9.0, "node2", resource="WebSite", action="monitor", result="not running", rc=7),
    ])
    assert history.bands.get(("node1", "resources")) is None
    assert [s.label for s in history.bands[("node2", "resources")]] == ["WebSite", "WebSite (failed)"]


def test_a_resource_failure_is_detected_by_its_monitor_and_recovered_by_its_restart():
    history = History()
    history.add([
        ActionFinished(2.0, "node2", resource="WebSite", action="start"),
        FaultInjected(10.0, None, fault="fail monitor", target="WebSite"),
        ActionFinished(19.8, "node2", resource="WebSite", action="monitor", result="not running", rc=7),
        ActionFinished(19.9, "node2", resource="WebSite", action="stop"),
        ActionFinished(20.0, "node2", resource="WebSite", action="start"),
    ])
    phases = [(i.phase, round(i.start, 3), round(i.duration, 3)) for i in history.intervals()]
    assert phases == [("detection", 10.0, 9.8), ("recovery", 19.8, 0.2)]


def test_recovery_ends_when_every_lost_resource_runs_again_not_later():
    history = History()
    history.add(failover() + [ActionFinished(80.0, "node2", resource="WebSite", action="start")])
    assert [(i.phase, i.end) for i in history.intervals()][-1] == ("recovery", 24.5)
