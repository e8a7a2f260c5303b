"""The quorum device (corosync-qdevice + corosync-qnetd) beyond the real matrix's scenarios.

tests/sim/test_votequorum_matrix.py replays the measured S9* scenarios; here: what
students do with a quorum device on two and three nodes, the algorithms' choices,
and Pacemaker acting on the quorum the device gives.
"""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_kernel.errors import LabError
from halab_kernel.model import LogLine, NodeFenced


def _lab(nodes: int = 2, **net: str) -> Lab:
    device: dict = {"model": "net", "net": {"host": "qnetd", "algorithm": "ffsplit", **net}}
    if device["net"]["algorithm"] == "ffsplit":
        device["votes"] = 1
    lab = Lab.simulated(nodes=nodes, corosync={"quorum": {"device": device}})
    lab.advance(15)
    return lab


def _quorate(lab: Lab) -> dict[str, bool]:
    return {name: view.quorate for name, view in lab.state().views.items()}


def _service_pair() -> Lab:
    lab = _lab()
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    for command in ("pcs property set stonith-enabled=true",
                    "pcs stonith create fence fence_xvm pcmk_host_list='node1 node2'",
                    "pcs resource create web ocf:heartbeat:Dummy",
                    "pcs constraint location web prefers node2"):
        assert lab.run("node1", command).ok, command
    assert lab.wait_until(lambda s: s.resource("web").nodes == ("node2",), 30)
    lab.advance(10)
    return lab


def test_the_side_cut_from_node1_and_qnetd_is_fenced_and_node1_runs_the_service() -> None:
    lab = _service_pair()
    lab.partition(["node1", "qnetd"], ["node2"])
    lab.advance(60)
    assert lab.state().views["node1"].quorate
    shots = [e for e in lab.events if isinstance(e, NodeFenced) and e.ok]
    assert [e.target for e in shots] == ["node2"]  # one shot, no race: node2 had no quorum to shoot back
    assert lab.state().resource("web").nodes == ("node1",)


def test_the_dc_cut_from_qnetd_waits_for_its_ring_and_the_winner_keeps_its_service() -> None:
    """node1 is DC, node2 runs web and keeps qnetd: node1's new ring is held while its qdevice
    votes, so node1 sees nothing and does nothing; node2 elects itself, fences node1 and web
    never stops."""
    lab = _service_pair()
    assert lab.state().dc == "node1"
    start = len(lab.events)
    lab.partition(["node2", "qnetd"], ["node1"])
    lab.advance(60)
    shots = [e for e in lab.events[start:] if isinstance(e, NodeFenced) and e.ok]
    assert [(e.node, e.target) for e in shots] == [("node2", "node1")]
    assert not [e for e in lab.events[start:] if e.kind == "action_started" and e.resource == "web"]
    assert lab.state().resource("web").nodes == ("node2",)


def test_a_split_with_both_halves_reaching_qnetd_goes_to_the_lowest_node_id() -> None:
    lab = _lab()
    lab.partition(["node1"], ["node2"])
    lab.advance(20)
    assert _quorate(lab) == {"node1": True, "node2": False}


def test_tie_breaker_highest_gives_the_split_to_the_highest_node_id() -> None:
    lab = _lab(tie_breaker="highest")
    lab.partition(["node1"], ["node2"])
    lab.advance(20)
    assert _quorate(lab) == {"node1": False, "node2": True}


def test_the_loser_keeps_quorate_yes_until_its_qnetd_heartbeat_fails() -> None:
    lab = _lab()
    lab.partition(["node1", "qnetd"], ["node2"])
    lab.advance(7)  # membership changed at ~6.6 s, votequorum still waits for the device's poll
    text = lab.run("node2", "corosync-quorumtool -s").stdout
    # as the real node2 showed at 6.3 s (matrix S9, step 02): old members and Quorate, new vote count
    assert "Quorate:          Yes" in text and "node1" in text
    assert "Total votes:      2\n" in text and "Flags:            Quorate Qdevice \n" in text
    lab.advance(20)
    result = lab.run("node2", "corosync-quorumtool -s")
    assert result.rc == 2
    assert "         2          1   A,NV,NMW node2 (local)\n" in result.stdout
    assert result.stdout.endswith("         0          0            Qdevice (votes 1)\n")


def test_lms_keeps_the_last_node_standing_quorate() -> None:
    lab = _lab(nodes=3, algorithm="lms")
    view = lab.state().views["node1"]
    assert (view.expected_votes, view.total_votes, view.qdevice_votes) == (5, 5, 2)
    lab.crash("node3")
    lab.advance(20)
    lab.crash("node2")
    lab.advance(20)
    view = lab.state().views["node1"]
    assert view.quorate and (view.total_votes, view.quorum) == (3, 3)


def test_ffsplit_without_votes_exits_and_says_why() -> None:
    lab = Lab.simulated(nodes=2, corosync={"quorum": {"device": {"model": "net", "net": {"host": "qnetd"}}}})
    lab.advance(15)
    view = lab.state().views["node1"]
    assert (view.expected_votes, view.total_votes, view.qdevice_flags["node1"]) == (3, 2, "NA,NV,NMW")
    assert lab.run("node1", "corosync-qdevice-tool -s").rc == 1
    assert any(isinstance(e, LogLine) and "quorum.device.votes configuration key is set to 1" in e.text
               for e in lab.events)


def test_stopping_qnetd_takes_the_device_vote_away_at_once() -> None:
    lab = _lab()
    lab.stop("qnetd")
    lab.advance(1)
    assert {v.qdevice_flags["node1"] for v in lab.state().views.values()} == {"A,NV,NMW"}
    assert lab.run("qnetd", "corosync-qnetd-tool -l").rc == 1
    lab.start("qnetd")
    lab.advance(10)
    assert lab.state().views["node1"].qdevice_votes == 1
    assert "Vote:\t\t\tACK (ACK)" in lab.run("qnetd", "corosync-qnetd-tool -l").stdout


def test_a_crashed_qnetd_is_noticed_only_by_the_heartbeats() -> None:
    lab = _lab()
    lab.crash("qnetd")
    lab.advance(1)
    assert lab.state().views["node1"].qdevice_flags["node1"] == "A,V,NMW"  # nothing said goodbye
    lab.advance(16)  # at most two heartbeats (8 s) later
    assert {v.qdevice_flags[n] for n, v in lab.state().views.items()} == {"A,NV,NMW"}


def test_with_qnetd_down_a_crash_shows_activity_blocked_before_quorate_no() -> None:
    """Matrix S9 step 11 at 6.4 s: "Quorate: Yes" (quorum API, held) beside "Activity blocked"
    (votequorum's own count); settled, both say it."""
    lab = _lab()
    lab.stop("qnetd")
    lab.advance(5)
    lab.kill("node2", "corosync")
    lab.advance(6.7)
    held = lab.run("node1", "corosync-quorumtool -s")
    assert held.rc == 0 and "Quorate:          Yes" in held.stdout
    assert "Quorum:           2 Activity blocked\n" in held.stdout
    lab.advance(5)
    assert lab.run("node1", "corosync-quorumtool -s").rc == 2


def test_qdevice_tool_quit_unregisters_the_device() -> None:
    lab = _lab()
    assert lab.run("node2", "corosync-qdevice-tool -H").ok
    lab.advance(1)
    view = lab.state().views["node1"]
    assert view.qdevice_flags["node2"] == "NR" and "Qdevice" in view.flags


def test_qnetd_host_answers_only_its_own_tools() -> None:
    lab = _lab()
    assert lab.run("qnetd", "pcs status").rc == 127
    assert lab.run("qnetd", "corosync-qnetd-tool -s").stdout.splitlines()[2] == "Connected clients:\t\t2"
    assert lab.run("qnetd", "systemctl is-active corosync-qnetd").stdout == "active\n"


def test_a_cluster_without_device_has_no_qnetd_host() -> None:
    lab = Lab.simulated(nodes=2)
    with pytest.raises(LabError, match="no node named 'qnetd'"):
        lab.stop("qnetd")
