"""votequorum(5)'s scenarios, walked on the simulator, asserted per node."""

from __future__ import annotations

from halab_kernel import Lab

SETTLE = 30  # seconds: more than token + consensus + the last_man_standing window


def view(lab: Lab, node: str):
    return lab.state().views[node]


def summary(lab: Lab, node: str) -> tuple:
    v = view(lab, node)
    return v.quorate, v.expected_votes, v.total_votes, v.quorum, v.flags


def started(nodes: int, **quorum: object) -> Lab:
    lab = Lab.simulated(nodes=nodes, corosync={"quorum": quorum} if quorum else None)
    lab.advance(SETTLE)
    return lab


def test_three_nodes_survive_one_loss_and_block_on_two() -> None:
    lab = started(3)
    assert summary(lab, "node1") == (True, 3, 3, 2, ("Quorate",))
    lab.crash("node3")
    lab.advance(SETTLE)
    assert summary(lab, "node1") == (True, 3, 2, 2, ("Quorate",))
    assert summary(lab, "node2") == (True, 3, 2, 2, ("Quorate",))
    lab.crash("node2")
    lab.advance(SETTLE)
    assert summary(lab, "node1") == (False, 3, 1, 2, ())
    result = lab.run("node1", "corosync-quorumtool -s")
    assert result.rc == 2 and "Quorum:           2 Activity blocked" in result.stdout


def test_two_node_keeps_quorum_alone_after_crash_and_in_a_partition() -> None:
    lab = started(2, two_node=1)
    flags = ("2Node", "Quorate", "WaitForAll")
    assert summary(lab, "node1") == (True, 2, 2, 1, flags)
    lab.crash("node2")
    lab.advance(SETTLE)
    assert summary(lab, "node1") == (True, 2, 1, 1, flags)
    lab.restart("node2")
    lab.advance(SETTLE)
    lab.partition(["node1"], ["node2"])
    lab.advance(SETTLE)
    # Both halves believe they are quorate: only fencing can settle it (the two-node fence race).
    assert summary(lab, "node1") == (True, 2, 1, 1, flags)
    assert summary(lab, "node2") == (True, 2, 1, 1, flags)


def test_wait_for_all_blocks_a_cold_start_until_everyone_was_seen() -> None:
    lab = Lab.simulated(nodes=3, corosync={"quorum": {"wait_for_all": 1}}, start=["node1", "node2"])
    lab.advance(SETTLE)
    # Two of three votes would be enough for quorum, but wait_for_all wants all nodes first.
    assert summary(lab, "node1") == (False, 3, 2, 2, ("WaitForAll",))
    lab.restart("node3")
    lab.advance(SETTLE)
    assert summary(lab, "node1") == (True, 3, 3, 2, ("Quorate", "WaitForAll"))
    lab.crash("node3")
    lab.advance(SETTLE)
    assert summary(lab, "node1") == (True, 3, 2, 2, ("Quorate", "WaitForAll"))


def test_two_node_cold_start_of_one_node_waits_for_the_other() -> None:
    lab = Lab.simulated(nodes=2, corosync={"quorum": {"two_node": 1}}, start=["node1"])
    lab.advance(SETTLE)
    assert summary(lab, "node1") == (False, 2, 1, 1, ("2Node", "WaitForAll"))


def test_four_nodes_split_in_half_lose_quorum_on_both_sides() -> None:
    lab = started(4)
    lab.partition(["node1", "node2"], ["node3", "node4"])
    lab.advance(SETTLE)
    for node in ("node1", "node2", "node3", "node4"):
        assert summary(lab, node) == (False, 4, 2, 3, ())


def test_auto_tie_breaker_gives_the_half_with_the_lowest_node_id_quorum() -> None:
    lab = started(4, auto_tie_breaker=1)
    lab.partition(["node1", "node2"], ["node3", "node4"])
    lab.advance(SETTLE)
    assert summary(lab, "node1") == (True, 4, 2, 3, ("Quorate", "AutoTieBreaker"))
    assert summary(lab, "node2") == (True, 4, 2, 3, ("Quorate", "AutoTieBreaker"))
    assert summary(lab, "node3") == (False, 4, 2, 3, ("AutoTieBreaker",))


def test_auto_tie_breaker_highest_and_list() -> None:
    lab = started(4, auto_tie_breaker=1, auto_tie_breaker_node="highest")
    lab.partition(["node1", "node2"], ["node3", "node4"])
    lab.advance(SETTLE)
    assert view(lab, "node4").quorate and not view(lab, "node1").quorate
    lab = started(4, auto_tie_breaker=1, auto_tie_breaker_node="3 1")
    lab.partition(["node1", "node2"], ["node3", "node4"])
    lab.advance(SETTLE)
    assert view(lab, "node3").quorate and not view(lab, "node1").quorate


def test_auto_tie_breaker_is_disabled_on_an_odd_cluster_without_wait_for_all() -> None:
    lab = started(3, auto_tie_breaker=1)
    assert "AutoTieBreaker" not in view(lab, "node1").flags


def _crash_and_settle(lab: Lab, node: str) -> None:
    lab.crash(node)
    lab.advance(SETTLE)


def test_last_man_standing_shrinks_expected_votes_down_to_two() -> None:
    lab = started(5, last_man_standing=1)
    assert summary(lab, "node1") == (True, 5, 5, 3, ("Quorate", "LastManStanding"))
    _crash_and_settle(lab, "node5")
    assert summary(lab, "node1") == (True, 4, 4, 3, ("Quorate", "LastManStanding"))
    _crash_and_settle(lab, "node4")
    assert summary(lab, "node1") == (True, 3, 3, 2, ("Quorate", "LastManStanding"))
    _crash_and_settle(lab, "node3")
    assert summary(lab, "node1") == (True, 2, 2, 2, ("Quorate", "LastManStanding"))
    _crash_and_settle(lab, "node2")
    assert summary(lab, "node1") == (False, 2, 1, 2, ("LastManStanding",))


def test_last_man_standing_with_auto_tie_breaker_goes_down_to_one() -> None:
    lab = started(5, last_man_standing=1, auto_tie_breaker=1, wait_for_all=1)
    for node in ("node5", "node4", "node3", "node2"):
        _crash_and_settle(lab, node)
    flags = ("Quorate", "WaitForAll", "LastManStanding", "AutoTieBreaker")
    # The tie-breaker keeps node1 quorate with 1 of 2 votes; the next LMS window then
    # brings expected votes down to the one node left.
    assert summary(lab, "node1") == (True, 1, 1, 1, flags)


def test_last_man_standing_waits_for_its_window() -> None:
    lab = started(5, last_man_standing=1, last_man_standing_window=20000)
    lab.crash("node5")
    lab.advance(10.5 + 15)  # membership changed at ~10.4 s; the window has not passed yet
    assert view(lab, "node1").expected_votes == 5
    lab.advance(10)
    assert view(lab, "node1").expected_votes == 4


def test_expected_votes_can_be_lowered_at_runtime() -> None:
    lab = started(3)
    lab.crash("node2")
    lab.crash("node3")
    lab.advance(SETTLE)
    assert not view(lab, "node1").quorate
    result = lab.run("node1", "corosync-quorumtool -e 1")
    assert result.rc == 0
    assert summary(lab, "node1") == (True, 1, 1, 1, ("Quorate",))


def test_expected_votes_must_be_positive() -> None:
    lab = started(3)
    result = lab.run("node1", "corosync-quorumtool -e 0")
    assert "New expected votes value was not valid, try a positive number" in result.stderr
    assert view(lab, "node1").expected_votes == 3


def test_node_votes_count_in_expected_and_total() -> None:
    conf = """totem {
    version: 2
    cluster_name: weighted
    transport: knet
}
nodelist {
    node {
        ring0_addr: 10.0.0.1
        name: big
        nodeid: 1
        quorum_votes: 3
    }
    node {
        ring0_addr: 10.0.0.2
        name: small1
        nodeid: 2
    }
    node {
        ring0_addr: 10.0.0.3
        name: small2
        nodeid: 3
    }
}
quorum {
    provider: corosync_votequorum
}
"""
    lab = Lab.simulated(corosync=conf)
    lab.advance(SETTLE)
    assert lab.node_names == ("big", "small1", "small2")
    assert summary(lab, "big") == (True, 5, 5, 3, ("Quorate",))
    lab.partition(["big"], ["small1", "small2"])
    lab.advance(SETTLE)
    assert view(lab, "big").quorate and not view(lab, "small1").quorate


def test_votes_changed_at_runtime_count_on_every_member() -> None:
    """corosync-quorumtool -v 2 -n 2 (votequorum.c: a reconfigure every member applies): node2 now
    weighs two votes, expected votes follow the total, and losing node2 now costs quorum."""
    lab = started(3)
    assert lab.run("node1", "corosync-quorumtool -v 2 -n 2").rc == 0
    lab.advance(1)
    assert summary(lab, "node3") == (True, 4, 4, 3, ("Quorate",))
    assert "         2          2 node2\n" in lab.run("node3", "corosync-quorumtool -l").stdout
    lab.crash("node2")
    lab.advance(SETTLE)
    assert summary(lab, "node3") == (False, 4, 2, 3, ())
