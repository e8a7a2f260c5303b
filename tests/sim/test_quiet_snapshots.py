"""A snapshot taken when only time moved is the previous one re-timed (issue 18); any change made
between two snapshots, by the clock, a fault, a command or a CIB update, shows in the next one."""

from __future__ import annotations

from halab_kernel import Lab


def settled() -> Lab:
    lab = Lab.simulated(nodes=3, seed=0)
    lab.wait_until(lambda s: s.dc is not None, 60)
    lab.advance(5)
    return lab


def test_a_quiet_moment_gives_the_same_snapshot_re_timed() -> None:
    lab = settled()
    first = lab.state()
    assert lab.state() is first
    lab.advance(0.001)
    later = lab.state()
    assert later.time == first.time + 0.001
    assert later.nodes == first.nodes and later.views == first.views and later.resources == first.resources


def test_a_command_that_announces_nothing_shows_at_once() -> None:
    lab = settled()
    assert lab.state().views["node1"].expected_votes == 3
    result = lab.run("node1", "corosync-quorumtool -e 5")
    assert result.rc == 0, result.stderr
    assert lab.state().views["node1"].expected_votes == 5


def test_touch_makes_the_next_snapshot_fresh() -> None:
    lab = settled()
    sim = lab.backend.sim
    assert lab.state().views["node1"].votes["node2"] == 1
    sim.totem.nodes["node2"].votes = 2  # reached directly: no event, no action, no command
    assert lab.state().views["node1"].votes["node2"] == 1  # the quiet snapshot, as documented
    sim.touch()
    assert lab.state().views["node1"].votes["node2"] == 2


def test_a_fault_and_a_cib_change_show_at_once() -> None:
    lab = settled()
    lab.state()
    lab.run("node1", "crm_attribute -N node2 -n standby -v on")
    lab.advance(1)
    assert lab.state().node("node2").standby
    lab.crash("node3")
    assert not lab.state().node("node3").powered or not lab.state().node("node3").pacemaker_running


def test_the_quiet_snapshot_agrees_with_a_fresh_one_after_every_step() -> None:
    lab = settled()
    lab.crash("node2")
    for _ in range(120):
        lab.advance(0.5)
        quiet = lab.state()
        lab.backend.sim.touch()
        assert lab.state() == quiet
