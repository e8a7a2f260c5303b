"""Shared-disk SBD: poison pills, msgwait, and what a node does when it loses the disk (sbd 1.5)."""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_kernel.model import ActionStarted, DaemonStarted, DaemonStopped, LogLine, NodeFenced

DEVICE = "/dev/disk/by-id/halab-sbd"


def _online(lab: Lab) -> bool:
    return lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 90)


def disk_lab(*, fence_device: bool = True, **options) -> Lab:
    """Three nodes with SBD on the shared disk (created, enabled, cluster restarted), `web` on node3."""
    lab = Lab.simulated(nodes=3, **options)
    assert _online(lab)
    assert lab.run("node1", f"sbd -d {DEVICE} create").ok
    assert lab.run("node1", f"pcs stonith sbd enable device={DEVICE}").ok
    lab.run("node1", "pcs cluster stop --all")
    lab.advance(30)
    lab.run("node1", "pcs cluster start --all")
    assert _online(lab)
    if fence_device:
        assert lab.run("node1", f"pcs stonith create sbd-fence fence_sbd devices={DEVICE}").ok
    else:
        assert lab.run("node1", "pcs property set stonith-enabled=false").ok
    assert lab.run("node1", "pcs resource create web ocf:heartbeat:Dummy").ok
    assert lab.run("node1", "pcs constraint location web prefers node3").ok
    lab.advance(10)
    assert lab.state().resource("web").nodes == ("node3",)
    return lab


def _after(lab: Lab, start: float, kind: type, **fields) -> list:
    return [e for e in lab.events if isinstance(e, kind) and e.time >= start
            and all(getattr(e, name) == value for name, value in fields.items())]


def _sbd_lines(lab: Lab, node: str, start: float) -> list[str]:
    return [e.text for e in _after(lab, start, LogLine, node=node, daemon="sbd")]


def test_every_node_takes_a_slot_when_its_sbd_starts() -> None:
    lab = disk_lab(fence_device=False)
    assert lab.run("node2", f"sbd -d {DEVICE} list").stdout == \
        "0\tnode1\tclear\t\n1\tnode2\tclear\t\n2\tnode3\tclear\t\n"
    assert "node2: YES | YES | YES" in lab.run("node1", "pcs stonith sbd status").stdout


def test_a_crashed_node_is_fenced_by_poison_pill_after_msgwait_and_its_resources_recover() -> None:
    lab = disk_lab()
    start = lab.now
    lab.crash("node3")
    assert lab.wait_until(lambda s: s.resource("web").nodes in (("node1",), ("node2",)), 60)
    failover = lab.now - start
    fence = _after(lab, start, ActionStarted, action="fence")[0]
    fenced = _after(lab, start, NodeFenced)
    assert [(e.target, e.action, e.ok) for e in fenced] == [("node3", "reboot", True)]
    assert fenced[0].time - fence.time == pytest.approx(10.0)  # msgwait, from the device header
    # token + consensus (~8 s to the fence request, as without SBD) + msgwait 10 s + the start
    print(f"crash with a poison pill: resources back after {failover:.2f} s")
    assert 18.0 <= failover <= 20.5
    assert "2\tnode3\treset\tnode1" in lab.run("node1", f"sbd -d {DEVICE} list").stdout


def test_a_partitioned_node_reads_the_pill_at_its_next_poll_and_resets_itself() -> None:
    lab = disk_lab()
    start = lab.now
    lab.partition(["node3"], ["node1", "node2"])
    lab.advance(40)
    fence = _after(lab, start, ActionStarted, action="fence")[0]
    reset = _after(lab, start, DaemonStopped, node="node3", daemon="pacemakerd")[0]
    assert 0 < reset.time - fence.time <= 1.0  # the servant polls its slot every loop timeout (1 s)
    assert f"{DEVICE}: servant_md: Received command reset from node1 on disk {DEVICE}" in \
        _sbd_lines(lab, "node3", start)
    fenced = _after(lab, start, NodeFenced)[0]
    assert fenced.time - fence.time == pytest.approx(10.0)  # the fencer still waits msgwait
    assert lab.state().resource("web").nodes in (("node1",), ("node2",))


def test_the_rebooted_node_clears_its_slot_and_rejoins() -> None:
    lab = disk_lab()
    lab.partition(["node3"], ["node1", "node2"])
    lab.advance(20)
    lab.heal()
    assert _online(lab)
    assert "2\tnode3\tclear\t" in lab.run("node1", f"sbd -d {DEVICE} list").stdout


def test_a_node_that_loses_the_disk_keeps_running_while_its_partition_is_quorate() -> None:
    lab = disk_lab()
    start = lab.now
    lab.detach_disk("node3")
    lab.advance(60)
    assert not _after(lab, start, DaemonStopped, node="node3")
    assert lab.state().resource("web").nodes == ("node3",)
    assert _sbd_lines(lab, "node3", start) == [
        f"inquisitor_child: Servant {DEVICE} is outdated (age: 4)",
        "inquisitor_child: Majority of devices lost - surviving on pacemaker"]
    lab.attach_disk("node3")
    assert _sbd_lines(lab, "node3", start)[-1] == f"inquisitor_child: Servant {DEVICE} is healthy (age: 0)"


def test_a_node_without_disk_and_quorum_resets_itself_after_the_watchdog_timeout() -> None:
    lab = disk_lab()
    lab.detach_disk("node3")
    lab.advance(10)
    start = lab.now
    lab.partition(["node3"], ["node1", "node2"])
    lab.advance(40)
    reset = _after(lab, start, DaemonStopped, node="node3", daemon="pacemakerd")[0]
    assert reset.time - start == pytest.approx(8.03 + 5.0, abs=0.1)  # inquorate, then the watchdog's 5 s
    assert "do_exit: Rebooting system: reboot" in _sbd_lines(lab, "node3", start)
    assert lab.state().resource("web").nodes in (("node1",), ("node2",))


def test_quorum_loss_alone_does_not_reset_a_node_that_sees_the_disk() -> None:
    lab = disk_lab(fence_device=False)
    start = lab.now
    lab.partition(["node3"], ["node1", "node2"])
    lab.advance(60)
    assert not _after(lab, start, DaemonStopped, node="node3")  # nobody sent a pill: it waits for one


def test_a_node_that_cannot_see_the_disk_at_start_does_not_start_pacemaker() -> None:
    lab = disk_lab()
    lab.run("node3", "pcs cluster stop")
    lab.advance(30)
    lab.detach_disk("node3")
    start = lab.now
    lab.run("node3", "pcs cluster start")
    lab.advance(150)
    assert _after(lab, start, DaemonStarted, node="node3", daemon="corosync")
    assert not _after(lab, start, DaemonStarted, node="node3", daemon="pacemakerd")
    assert _sbd_lines(lab, "node3", start)[-1] == \
        "open_any_device: No devices were available at start-up within 120 seconds."
    assert "node3: YES | YES |  NO" in lab.run("node1", "pcs stonith sbd status").stdout


def test_pacemaker_starts_when_the_disk_shows_up_within_the_start_timeout() -> None:
    lab = disk_lab()
    lab.run("node3", "pcs cluster stop")
    lab.advance(30)
    lab.detach_disk("node3")
    lab.run("node3", "pcs cluster start")
    lab.advance(20)
    assert lab.state().node("node3").status != "online"
    lab.attach_disk("node3")
    assert _online(lab)


def test_msgwait_not_below_stonith_timeout_makes_fencing_time_out() -> None:
    lab = disk_lab()
    assert lab.run("node1", "pcs property set stonith-timeout=8s").ok
    start = lab.now
    lab.crash("node3")
    lab.advance(40)
    fence = _after(lab, start, ActionStarted, action="fence")[0]
    first = _after(lab, start, NodeFenced)[0]
    assert (first.ok, first.time - fence.time) == (False, pytest.approx(8.0))


def test_manual_fencing_with_fence_sbd_takes_msgwait() -> None:
    lab = disk_lab()
    start = lab.now
    assert lab.run("node1", "pcs stonith fence node2").ok
    lab.advance(15)
    fenced = _after(lab, start, NodeFenced)
    assert [(e.target, round(e.time - start, 2)) for e in fenced] == [("node2", 10.0)]
    assert _after(lab, start, DaemonStopped, node="node2", daemon="pacemakerd")[0].time - start <= 1.0


@pytest.mark.parametrize("delay, survivors", [("", set()), (" pcmk_delay_max=10s", {"node1"})])
def test_two_nodes_split_both_pills_kill_both_unless_a_delay_decides(delay: str, survivors: set) -> None:
    lab = Lab.simulated(nodes=2, corosync={"quorum": {"two_node": 1}}, seed=3)
    assert _online(lab)
    lab.run("node1", f"sbd -d {DEVICE} create")
    lab.run("node1", f"pcs stonith sbd enable device={DEVICE}")
    lab.run("node1", "pcs cluster stop --all")
    lab.advance(30)
    lab.run("node1", "pcs cluster start --all")
    assert _online(lab)
    assert lab.run("node1", f"pcs stonith create sbd-fence fence_sbd devices={DEVICE}{delay}").ok
    lab.advance(10)
    start = lab.now
    lab.partition(["node1"], ["node2"])
    lab.advance(25)  # both partitions are quorate (two_node): each DC writes a pill for the other
    died = {e.node for e in _after(lab, start, DaemonStopped, daemon="pacemakerd")}
    assert {"node1", "node2"} - died == survivors


def test_a_node_waiting_for_an_uninitialised_disk_starts_once_the_disk_is_created() -> None:
    lab = Lab.simulated(nodes=3)
    assert _online(lab)
    lab.run("node1", f"pcs stonith sbd enable device={DEVICE}")  # the disk has no header yet
    lab.run("node1", "pcs cluster stop --all")
    lab.advance(30)
    start = lab.now
    lab.run("node1", "pcs cluster start --all")
    lab.advance(10)
    assert not _after(lab, start, DaemonStarted, daemon="pacemakerd")
    assert _sbd_lines(lab, "node2", start) == [
        f"open_any_device: Failed to read header from {DEVICE}. Trying any other configured devices, "
        "otherwise retrying every 1s within 120s"]
    assert lab.run("node1", f"sbd -d {DEVICE} create").ok
    assert _online(lab)


def test_sbd_speaks_in_its_own_journal_not_in_pacemakers_log() -> None:
    lab = disk_lab()
    lab.detach_disk("node3")
    lab.advance(10)
    journal = lab.run("node3", "journalctl -u sbd").stdout.splitlines()
    # sbd's syslog format ("%g %-7p: %n: %b": libqb pads the level on the left; a servant leads with its device)
    assert any(line.endswith(f"node3 sbd[27]:  warning: inquisitor_child: Servant {DEVICE} is outdated (age: 4)")
               for line in journal), journal
    assert any(line.endswith(f"node3 sbd[27]: {DEVICE}:   notice: servant_md: Monitoring slot 2 on disk {DEVICE}")
               for line in journal), journal
    assert "sbd[" not in lab.run("node3", "cat /var/log/pacemaker/pacemaker.log").stdout
    assert "Servant" not in lab.run("node3", "journalctl -u pacemaker").stdout
    assert "Servant" in lab.run("node3", "journalctl -n 50").stdout  # the whole journal has it too
