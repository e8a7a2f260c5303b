"""The dashboard follows a simulated lab: every fault shows up in the widget models."""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_widgets import dashboard
from halab_widgets.board import Snapshot
from halab_widgets.ring import node_status


@pytest.fixture
def lab():
    lab = Lab.simulated(nodes=3, seed=1)
    yield lab
    lab.close()


def test_a_crash_moves_the_ring_the_gauge_and_the_timeline(lab):
    board = dashboard(lab)
    assert set(board.ring.status.values()) == {"offline"}
    lab.advance(30)
    assert set(board.ring.status.values()) == {"online"}
    assert board.ring.status == mirrored(lab)
    assert [p["members"] for p in board.quorum.partitions] == [("node1", "node2", "node3")]
    lab.crash("node2")
    lab.advance(30)
    assert board.ring.status == mirrored(lab)
    assert board.ring.status["node2"] in ("unclean", "offline", "fenced")
    assert [(p["members"], p["quorate"]) for p in board.quorum.partitions] == [(("node1", "node3"), True)]
    assert f'data-node="node2" data-status="{board.ring.status["node2"]}"' in board.ring.widget.value
    assert [i.phase for i in board.history.intervals()][:1] == ["detection"]
    assert any("detection" in text for trace in board.timeline.figure["data"] for text in trace["text"])


def mirrored(lab) -> dict[str, str]:
    """What the ring must show: the lab's own node states (fenced ones drawn as fenced)."""
    fenced = lab.timeline().fenced
    return {node.name: node_status(node, fenced) for node in lab.state().nodes}


def test_buttons_act_on_the_lab_and_print_the_command(lab):
    board = dashboard(lab)
    lab.advance(10)
    board.controls.node.value = "node3"
    board.controls.click("crash")
    board.controls.click("partition")
    board.controls.click("heal")
    assert board.controls.printed == ["%fault crash node3", "%fault partition node1 / node2 node3", "%fault heal"]
    assert "%fault crash node3" in board.controls.log.outputs[0]["text"]
    assert [e.target for e in lab.events if e.kind == "fault_injected"][0] == "node3"


def test_a_refused_click_prints_the_reason_and_changes_nothing(lab):
    board = dashboard(lab)
    board.controls.groups.value = "node1 node2"
    before = len(lab.events)
    board.controls.click("partition")
    assert board.controls.printed[-1].startswith("error: %fault partition: separate the groups")
    assert len(lab.events) == before


def test_the_event_log_is_drawn_when_opened(lab):
    board = dashboard(lab)
    lab.advance(10)
    assert board.events.shown == 0
    board.log_panel.selected_index = 0
    assert board.events.shown == len(lab.events) > 0


def test_closing_stops_following_the_lab(lab):
    board = dashboard(lab)
    board.close()
    lab.advance(10)
    assert set(board.ring.status.values()) == {"offline"}


def test_the_display_carries_a_static_snapshot(lab):
    board = dashboard(lab)
    lab.advance(10)
    bundle = board._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="halab-ring"' in bundle["text/html"] and 'class="halab-quorum"' in bundle["text/html"]
    from lxml import etree

    picture = etree.fromstring(bundle["image/svg+xml"].encode())  # one image for viewers without HTML
    assert [svg.get("class") for svg in picture] == ["halab-ring", "halab-quorum"]


def test_while_grading_only_the_snapshot_is_made(lab, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    board = dashboard(lab)
    assert isinstance(board, Snapshot)
    assert 'class="halab-ring"' in board._repr_html_()


def test_a_new_dashboard_replaces_the_previous_one_of_the_same_lab(lab):
    first = dashboard(lab)
    second = dashboard(lab)
    lab.advance(30)
    assert set(first.ring.status.values()) == {"offline"}  # closed: no longer redrawn
    assert set(second.ring.status.values()) == {"online"}
    assert first.ring.widget.comm is None  # its models are freed too


def add_website(lab) -> None:
    """A fence device and a Dummy 'WebSite', by pcs when the simulator has it, else in the CIB."""
    result = lab.run("node1", "pcs stonith create fence_all fence_xvm")
    if result.rc == 127:  # no pcs in this simulator yet: edit the CIB as pcs would
        from lxml import etree

        cib = lab.backend.sim.cib
        root = cib.read()
        resources = root.find("configuration/resources")
        resources.append(etree.fromstring('<primitive id="fence_all" class="stonith" type="fence_xvm"/>'))
        resources.append(etree.fromstring(
            '<primitive id="WebSite" class="ocf" provider="pacemaker" type="Dummy"><operations>'
            '<op id="WebSite-monitor-10s" name="monitor" interval="10s" timeout="20s"/></operations></primitive>'))
        cib.replace(root)
    else:
        assert lab.run("node1", "pcs resource create WebSite ocf:pacemaker:Dummy op monitor interval=10s").rc == 0


def test_a_failover_with_fencing_is_measured_and_drawn(lab):
    board = dashboard(lab)
    lab.advance(30)
    add_website(lab)
    lab.advance(30)
    (home,) = lab.state().resource("WebSite").nodes
    assert 'data-resource="WebSite" data-role="Started"' in board.ring.widget.value
    assert board.placement.roles["WebSite"] == {home: "Started"}
    lab.crash(home)
    lab.advance(60)
    phases = [i.phase for i in board.history.intervals()]
    assert phases == ["detection", "decision", "fencing", "recovery"]
    (new_home,) = lab.state().resource("WebSite").nodes
    assert new_home != home and board.placement.roles["WebSite"] == {new_home: "Started"}
    go_figure = __import__("plotly.graph_objects", fromlist=["Figure"]).Figure
    go_figure(board.timeline.figure)
    labels = [text for trace in board.timeline.figure["data"] for text in trace["text"]]
    assert any(label.startswith("fencing ") for label in labels) and "WebSite" in labels


def test_in_live_mode_time_is_seen_to_pass_without_events(lab):
    import asyncio

    from halab_kernel import live

    board = dashboard(lab)
    lab.advance(60)  # formed and quiet: no events for a while

    async def watch() -> None:
        live.start(lab, speed=2.0)
        await asyncio.sleep(1.3)
        live.pause(lab)

    drawn_at = board.state.time
    asyncio.run(watch())
    assert board.state.time > drawn_at
    assert f"t = {board.state.time:.1f} s" in board.ring.widget.value


def test_explain_placement_reads_the_labs_scores(lab):
    board = dashboard(lab)
    lab.advance(30)
    add_website(lab)
    lab.advance(30)
    board.placement.explain("WebSite")
    assert board.placement.scores.outputs[0]["text"].startswith("Why WebSite is where it is:")
    assert set(board.placement.scores_seen["WebSite"]) == {"node1", "node2", "node3"}
    board.placement.explain("NoSuchThing")
    assert board.placement.scores.outputs[0]["text"].startswith("error: ")


def test_the_dashboard_follows_time_even_when_nothing_happens(lab):
    """A quiet advance, the step button and a wait all redraw: the pictures' clock is the lab's."""
    board = dashboard(lab)
    lab.advance(60)  # formed and settled
    lab.advance(30)  # nothing happens
    assert board.state is not None and board.state.time == lab.now == 90
    assert board.timeline.figure["layout"]["xaxis"]["range"][1] == 90
    board.controls.step_button.click()
    assert board.state.time == lab.now == 91
    lab.wait_until(lambda s: False, 5)
    assert board.state.time == lab.now == 96


def test_the_advance_magic_redraws_a_quiet_dashboard(lab):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "halab_kernel")
    try:
        shell.user_ns["lab"] = lab
        board = dashboard(lab)
        lab.advance(60)
        shell.run_line_magic("advance", "10s")
        assert board.state is not None and board.state.time == lab.now == 70
    finally:
        shell.run_line_magic("unload_ext", "halab_kernel")


def test_a_failover_is_drawn_as_detection_decision_and_recovery():
    from tests.sim.topology import service_lab

    lab = service_lab(stonith=False)
    board = dashboard(lab)
    lab.crash("node2")  # holds the service
    lab.advance(30)
    phases = [i.phase for i in board.history.intervals()]
    assert phases == ["detection", "decision", "recovery"], phases
    drawn = " ".join(text for trace in board.timeline.figure["data"] for text in trace.get("text", []))
    assert all(phase in drawn for phase in phases)
