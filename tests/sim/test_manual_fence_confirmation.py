"""Confirming a fencing by hand (`pcs stonith confirm NODE --force`, `stonith_admin --confirm NODE`):
fenced records an "off" done by "a human" (stonith_manual_ack) and the DC treats the node as fenced,
so its resources recover elsewhere although no device ran; the machine itself is left alone."""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.model import NodeFenced
from tests.runtime_scenarios import BASE_COMMANDS


def _blocked_lab() -> tuple[Lab, float]:
    """node3 (running d2) is lost and no fence device may run anywhere: the cluster waits."""
    lab = Lab.simulated(nodes=3, seed=1)
    lab.advance(30)
    for command in BASE_COMMANDS:
        assert lab.run("node1", command).ok, command
    lab.advance(60)
    assert lab.state().resource("d2").nodes == ("node3",)
    assert lab.run("node1", "pcs constraint location fence1 avoids node1 node2 node3").ok
    lab.advance(20)
    lost = lab.now
    lab.crash("node3")
    lab.advance(40)
    assert lab.state().node("node3").status == "unclean"  # d2 still counted there until node3 is fenced
    return lab, lost


def test_without_force_pcs_asks_and_with_no_answer_cancels() -> None:
    lab, _ = _blocked_lab()
    result = lab.run("node1", "pcs stonith confirm node3")
    assert result.ok and result.stdout.startswith("WARNING: If node node3 is not powered off")
    assert result.stdout.rstrip().endswith("[y/N] Canceled")
    assert lab.state().node("node3").status == "unclean"


def test_a_confirmation_lets_the_cluster_recover_and_the_history_names_a_human() -> None:
    lab, lost = _blocked_lab()
    result = lab.run("node1", "pcs stonith confirm node3 --force")
    assert result.ok and result.stdout == "Node: node3 confirmed fenced\n"
    lab.advance(30)
    assert lab.state().node("node3").status == "offline"
    assert lab.state().resource("d2").nodes in (("node1",), ("node2",))
    manual = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= lost and e.ok]
    assert [(e.action, e.delegate) for e in manual] == [("off", "a human")]
    log = "\n".join(lab.logs("node1", since=lost).line)
    assert "Injecting manual confirmation that node3 is safely off/down" in log
    assert "Peer node3 was terminated (off) by a human on behalf of stonith_admin." in log
    assert lab.run("node1", "stonith_admin --history node3").stdout.startswith(
        "turning off of node3 successful: delegate=a human, client=stonith_admin.")  # stonith_action_str
    where = lab.state().resource("d2").nodes[0]
    assert f"d2\t(ocf:heartbeat:Dummy):\t Started {where}" in lab.run("node1", "crm_mon -1").stdout
    assert "OFFLINE: [ node3 ]" in lab.run("node1", "crm_mon -1").stdout


def test_a_member_of_the_partition_or_an_unknown_name_is_refused_by_name() -> None:
    lab, _ = _blocked_lab()
    member = lab.run("node1", "stonith_admin --confirm node2")
    assert member.rc == 69 and "not simulated" in member.stderr and "halab rig up" in member.stderr
    unknown = lab.run("node1", "pcs stonith confirm node9 --force")
    assert unknown.rc == 1 and "Error: unable to confirm fencing of node 'node9'" in unknown.stderr


def test_confirming_a_node_that_is_only_cut_off_leaves_it_running_until_it_rejoins() -> None:
    lab = Lab.simulated(nodes=3, seed=1)
    lab.advance(30)
    for command in BASE_COMMANDS:
        assert lab.run("node1", command).ok, command
    assert lab.run("node1", "pcs constraint location fence1 avoids node1 node2 node3").ok
    lab.advance(60)
    lab.partition(["node1", "node2"], ["node3"])
    lab.advance(40)
    assert lab.run("node1", "pcs stonith confirm node3 --force").ok
    lab.advance(40)
    assert lab.state().node("node3").status == "offline"
    lab.heal()
    lab.advance(60)
    assert lab.state().node("node3").status == "online"
    assert "Online: [ node1 node2 node3 ]" in lab.run("node1", "crm_mon -1").stdout
    assert len(lab.state().resource("d2").nodes) == 1


def test_fenced_asks_the_peer_where_the_device_runs_and_never_the_target_while_another_can() -> None:
    """stonith_choose_peer (2.1.5): a peer with the device active before one that only registered it,
    the target itself last; a person's request is stonith_admin's in the history."""
    lab = Lab.simulated(3, seed=7)
    lab.advance(30)
    lab.run("node1", "pcs stonith create f fence_dummy pcmk_host_list='node1 node2 node3'")
    lab.advance(20)
    where = lab.run("node1", "crm_resource -W -r f -Q").stdout.strip()
    other = next(node for node in ("node1", "node2", "node3") if node != where)
    assert lab.run(where, f"stonith_admin -B {where}").rc == 0  # the device's own node fences itself
    lab.advance(60)
    history = lab.run(other, f"stonith_admin -H {where}").stdout
    assert f"delegate={where}" not in history and f"client=stonith_admin.2204, origin={where}" in history
    lab.run(other, f"pcs resource move f {other}")
    lab.advance(30)
    victim = next(node for node in ("node1", "node2", "node3") if node not in (other, lab.state().dc))
    lab.crash(victim)
    lab.advance(60)
    newest = lab.run(other, f"stonith_admin -H {victim} --verbose").stdout.splitlines()[0]  # -H alone: the oldest success
    assert f"delegate={other}, client=pacemaker-controld.59" in newest
