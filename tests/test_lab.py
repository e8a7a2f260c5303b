"""The Lab API as notebooks and graders use it."""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_kernel.errors import LabError
from halab_kernel.lab import parse_duration
from halab_kernel.model import MembershipChanged


def test_a_fresh_lab_forms_a_quorate_cluster_then_elects_a_dc() -> None:
    lab = Lab.simulated(nodes=3, seed=1)
    assert lab.node_names == ("node1", "node2", "node3") and lab.kind == "sim"
    assert lab.wait_until(lambda s: all(s.quorate(n) for n in s.node_names), timeout=30)
    assert lab.now < 5  # corosync: a few seconds
    state = lab.state()
    assert [p.members for p in state.partitions] == [("node1", "node2", "node3")]
    assert state.dc is None  # Pacemaker waits dc-deadtime (20 s) for a DC before electing one
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), timeout=60)
    # The real rig: 22-23 s from start to three nodes online (shared/notes/real-cluster-rig.md).
    assert 19 <= lab.now <= 24
    assert lab.state().dc == "node1"


def test_partition_groups_and_leftover_nodes() -> None:
    lab = Lab.simulated(nodes=5)
    lab.advance(30)
    lab.partition(["node1", "node2"], ["node3"])
    lab.advance(30)
    members = sorted(p.members for p in lab.state().partitions)
    assert members == [("node1", "node2"), ("node3",), ("node4", "node5")]
    lab.heal()
    lab.advance(30)
    assert len(lab.state().partitions) == 1


def test_one_way_link_loss_breaks_the_ring() -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(30)
    lab.backend.sim.drop_link("node1", "node3")
    lab.advance(30)
    views = lab.state().views
    assert "node3" not in views["node1"].members


def test_advance_returns_the_events_of_the_interval_and_subscribers_hear_them() -> None:
    lab = Lab.simulated(nodes=3)
    heard: list = []
    unsubscribe = lab.subscribe(heard.extend)
    events = lab.advance("10s")
    assert events and heard[-len(events):] == events  # plus the start-up events not yet announced
    assert any(isinstance(e, MembershipChanged) for e in events)
    unsubscribe()
    heard_before = len(heard)
    lab.crash("node3")
    assert len(heard) == heard_before


def test_events_frame_has_one_row_per_event() -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(10)
    lab.crash("node3")
    lab.advance(10)
    frame = lab.events_frame()
    assert len(frame) == len(lab.events)
    assert {"time", "node", "kind", "message"} <= set(frame.columns)
    assert "fault_injected" in set(frame["kind"])


def test_power_off_and_restart() -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(10)
    lab.power_off("node2")
    with pytest.raises(LabError, match="powered off"):
        lab.run("node2", "corosync-quorumtool -s")
    lab.restart("node2")
    lab.advance(10)
    assert lab.state().quorate("node2")


def test_cold_start_leaves_nodes_off() -> None:
    lab = Lab.simulated(nodes=3, start=["node1"])
    lab.advance(30)
    assert not lab.state().node("node2").powered
    assert lab.state().views["node1"].total_votes == 1


@pytest.mark.parametrize("call", [
    lambda lab: lab.crash("node9"),
    lambda lab: lab.partition(["node1", "nodeX"]),
    lambda lab: lab.run("nodeX", "ls"),
    lambda lab: lab.advance("soon"),
    lambda lab: lab.advance(-1),
    lambda lab: lab.kill("node1", "sshd"),
])
def test_bad_requests_get_a_readable_error_and_change_nothing(call) -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(10)
    before = lab.events
    with pytest.raises(LabError):
        call(lab)
    assert lab.events == before


def test_durations() -> None:
    assert parse_duration("500ms") == 0.5
    assert parse_duration("2m") == 120
    assert parse_duration(3) == 3.0
    with pytest.raises(LabError):
        parse_duration("3 parsecs")


def test_shell_answers() -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(10)
    missing = lab.run("node1", "frobnicate --all")
    assert missing.rc == 127 and missing.stderr.startswith("bash: frobnicate: command not found (a simulated node")
    assert "pcs" in missing.stderr and "halab rig up" in missing.stderr  # what a simulated node has, and where else
    assert lab.run("node1", "").rc == 0
    assert lab.run("node1", "echo 'unterminated").rc == 2
    listing = lab.run("node1", "corosync-quorumtool -l").stdout
    assert listing.splitlines()[1:4] == ["Membership information", "----------------------",
                                         "    Nodeid      Votes Name"]
    lab.crash("node1")
    down = lab.run("node1", "corosync-quorumtool -s")
    assert down.rc == 1 and down.stderr == "Cannot initialize CMAP service\n"


def test_pipes_to_head_tail_grep_and_wc() -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(10)
    assert lab.run("node1", "corosync-quorumtool -s | head -3").stdout.splitlines() == [
        "Quorum information", "------------------", lab.run("node1", "corosync-quorumtool -s").stdout.splitlines()[2]]
    assert lab.run("node1", "corosync-quorumtool -l | grep -c node").stdout == "3\n"
    assert lab.run("node1", "corosync-quorumtool -l | grep -v node | wc -l").stdout == "4\n"
    assert lab.run("node1", "corosync-quorumtool -s |").rc == 2
    assert lab.run("node1", "corosync-quorumtool -s | sort").rc == 127


NO_NODES = "totem {\n version: 2\n cluster_name: empty\n}\nquorum {\n provider: corosync_votequorum\n}\n"


@pytest.mark.parametrize(("make", "reason"), [
    (lambda: Lab.simulated(nodes="3"), "nodes must be a whole number"),
    (lambda: Lab.simulated(nodes=2.5), "nodes must be a whole number"),
    (lambda: Lab.simulated(nodes=None), "nodes must be a whole number"),
    (lambda: Lab.simulated(seed="a"), "seed must be a whole number"),
    (lambda: Lab.simulated(reboot_seconds=-1), "reboot_seconds"),
    (lambda: Lab.simulated(reboot_seconds=float("nan")), "reboot_seconds"),
    (lambda: Lab.simulated(start="node1"), "start must list node names"),
    (lambda: Lab.simulated(corosync=5), "corosync must be"),
    (lambda: Lab.simulated(corosync=NO_NODES), "No interfaces defined"),
])
def test_bad_lab_arguments_get_the_reason(make, reason) -> None:
    with pytest.raises(LabError, match=reason):
        make()


@pytest.mark.parametrize(("call", "reason"), [
    (lambda lab: lab.run("node1", b"crm_mon -1"), "must be text"),
    (lambda lab: lab.run("node1", ["crm_mon", "-1"]), "must be text"),
    (lambda lab: lab.run("node1", None), "must be text"),
    (lambda lab: lab.run(None, "ls"), "must be text"),
    (lambda lab: lab.advance(float("nan")), "number of seconds"),
    (lambda lab: lab.advance(float("inf")), "longer than a week"),
    (lambda lab: lab.advance(1e300), "longer than a week"),
    (lambda lab: lab.wait_until(lambda s: False, float("inf")), "longer than a week"),
    (lambda lab: lab.wait_until(None, 5), "needs a function"),
    (lambda lab: lab.crash(None), "must be text"),
    (lambda lab: lab.partition(5), "list of node names"),
    (lambda lab: lab.fail_resource(None), "must be text"),
    (lambda lab: lab.standby("node1", on="x"), "True or False"),
    (lambda lab: lab.logs(since="x"), "time in seconds"),
])
def test_bad_calls_get_a_lab_error_with_the_reason_and_change_nothing(call, reason) -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(5)
    before = (lab.now, len(lab.events))
    with pytest.raises(LabError, match=reason):
        call(lab)
    assert (lab.now, len(lab.events)) == before


LAYERS = """
import sys
from halab_kernel import Lab
from halab_kernel.model import Crash
lab = Lab.simulated(nodes=3)
lab.advance(30)
lab.inject(Crash("node3"))
lab.advance(10)
lab.timeline().intervals()
assert "halab_widgets" not in sys.modules, "the lab imported the widgets"
import halab_widgets
board = halab_widgets.dashboard(lab)
board.controls.click("heal")
assert "halab_kernel.magics" not in sys.modules, "the widgets imported the magics"
print("layers ok")
"""


def test_the_lab_never_imports_the_widgets_nor_the_widgets_the_magics() -> None:
    """The layers of docs/architecture.md, checked in a fresh interpreter: a Lab works without the widgets,
    and the dashboard (buttons included) without the magics."""
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run([sys.executable, "-c", LAYERS], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "layers ok" in done.stdout, done.stderr[-2000:]


def test_both_backends_keep_the_whole_contract() -> None:
    """Every member of the Backend protocol exists on the simulator's and the SSH backend."""
    from halab_kernel.backend import Backend
    from halab_kernel.lab import SimBackend
    from halab_kernel.remote.backend import SshBackend

    members = {name for name in vars(Backend) if not name.startswith("_")}
    assert {"run", "state", "events", "advance", "now", "wait_until", "log_records", "close", "inject"} <= members
    for backend in (SimBackend, SshBackend):
        assert not [name for name in members if not hasattr(backend, name)], backend


def _explain_run(lab: Lab) -> list[str]:
    """A lab through the explain scenario: a resource without a fence device, then fencing off."""
    lab.advance(30)
    outputs = [lab.run("node1", "pcs resource create vip ocf:heartbeat:Dummy").stderr]
    lab.advance(5)
    outputs += [lab.run("node1", "crm_verify -L -V").stderr, lab.explain("vip")]
    outputs.append(lab.run("node1", "pcs property set stonith-enabled=false").stderr)
    lab.advance(5)
    outputs += [lab.explain("vip"), lab.run("node1", "crm_mon -1 -r").stdout]
    return outputs + [repr(event) for event in lab.events] + list(lab.logs()["line"])


def test_two_labs_in_one_process_do_not_affect_each_other() -> None:
    """Nothing a lab does leaks into another through module-level state (caches, registries):
    the same scenario gives the same events, logs and answers alone and beside a busy lab
    working on the same resource names, in lockstep."""
    alone = _explain_run(Lab.simulated(nodes=3))
    other = Lab.simulated(nodes=3, seed=5)
    other.advance(30)
    for command in ("pcs property set stonith-enabled=false", "pcs resource create vip ocf:heartbeat:Dummy",
                    "pcs resource meta vip resource-stickiness=100 failure-timeout=10s"):
        assert other.run("node2", command).ok
    other.advance(20)
    other.fail_resource("vip")
    other.partition(["node1"], ["node2", "node3"])
    other.explain("vip")
    beside = _explain_run(Lab.simulated(nodes=3))
    other.advance(60)
    assert beside == alone
