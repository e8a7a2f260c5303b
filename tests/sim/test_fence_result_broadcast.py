"""Who hears a fencing result when its requester dies (Pacemaker 2.1.5).

Only the requester's fenced owns the operation: the peer that runs the agent answers the requester
alone (send_async_reply, fenced_commands.c), and the requester, on that answer, broadcasts the result
to every fenced (finalize_op -> fenced_broadcast_op_result, fenced_remote.c), which notify their
controllers ("Peer X was terminated ... on behalf of ...", handle_fence_notification). A requester
that dies before the answer leaves the target shot and reported by nobody; the survivors' DC fences it
again itself, and the peers fail the orphan then ("Originator is dead", merge_duplicates). A requester
that asked to fence itself is the exception: the peer that ran the agent broadcasts the result on its
behalf."""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.model import ActionStarted, DaemonStopped, NodeFenced

def _lab(nodes: int) -> Lab:
    """stonith enabled, one fence_xvm device (3 s a shot) that runs on node3: node3 runs every fencing."""
    lab = Lab.simulated(nodes=nodes, seed=1)
    assert lab.wait_until(lambda s: s.dc == "node1" and all(n.status == "online" for n in s.nodes), 60)
    hosts = " ".join(lab.node_names)
    for command in ("pcs property set stonith-enabled=true",
                    f'pcs stonith create fx fence_xvm pcmk_host_list="{hosts}"',
                    "pcs constraint location fx prefers node3"):
        assert lab.run("node1", command).ok, command
    lab.advance(30)
    return lab


def _down(lab: Lab, node: str, since: float) -> list[float]:
    return [e.time - since for e in lab.events if isinstance(e, DaemonStopped) and e.daemon == "corosync"
            and e.node == node and e.time >= since]


def _log(lab: Lab, node: str, since: float) -> list[str]:
    return list(lab.logs(node, since=since).line)


def _manual_fence_then_requester_crash(nodes: int) -> tuple[Lab, float]:
    lab = _lab(nodes)
    start = lab.now
    assert lab.run("node1", "pcs stonith fence node2").ok
    lab.advance(1.5)  # node3's agent is running (3 s)
    lab.crash("node1")
    lab.advance(60)
    return lab, start


def test_a_manual_fencing_whose_requester_dies_shoots_the_target_and_nobody_reports_it() -> None:
    lab, start = _manual_fence_then_requester_crash(5)
    assert _down(lab, "node2", start)[0] == 3.0  # node3's agent ran to its end: node2 went down
    node3 = "\n".join(_log(lab, "node3", start))
    assert "Operation 'reboot' [1010] targeting node2 using fx returned 0 | call 1 from stonith_admin.2204" in node3
    assert not [e for e in lab.events if isinstance(e, NodeFenced) and e.requester == "stonith_admin"]
    for node in lab.node_names:  # no fenced broadcast the result, so no controller heard it
        assert not [line for line in _log(lab, node, start) if "stonith_admin.2204@node1" in line
                    and "Originator is dead" not in line], node


def test_the_survivors_fence_the_target_again_and_fail_the_orphan() -> None:
    lab, start = _manual_fence_then_requester_crash(5)
    reports = [(e.node, e.target, e.ok, e.witnesses) for e in lab.events if isinstance(e, NodeFenced)
               and e.time >= start]
    assert sorted(reports) == [("node3", "node1", True, ("node4", "node5")),
                               ("node3", "node2", True, ("node4", "node5"))]
    assert len(_down(lab, "node2", start)) == 1  # shot again while it reboots: no second power cycle seen
    failing = ("Failing action 'reboot' targeting node2 originating from client stonith_admin.2204@node1: "
               "Originator is dead | id=")
    for node in ("node3", "node4", "node5"):
        lines = _log(lab, node, start)
        assert sum(failing in line for line in lines) == 1, node
        assert any("Peer node2 was terminated (reboot) by node3 on behalf of pacemaker-controld.59@node3: OK"
                   in line for line in lines), node
    node3 = _log(lab, "node3", start)
    request = next(i for i, line in enumerate(node3)
                   if "Client pacemaker-controld.59 wants to fence (reboot) node2" in line)
    assert failing in node3[request + 1]  # the new request's merge_duplicates fails it, then it goes on
    assert "(initiate_remote_stonith_op) \tnotice: Requesting peer fencing (reboot) targeting node2 | id=" \
        in node3[request + 2]
    orphan = next(line for line in _log(lab, "node1", start) if "Requesting peer fencing (reboot)" in line)
    assert node3[request + 1].endswith(orphan[orphan.index("| id="):].split()[1])  # the orphan's own id
    history = lab.run("node4", "stonith_admin --history node2").stdout
    assert history.startswith("reboot of node2 successful: delegate=node3, client=pacemaker-controld.59, origin=node3")


def test_a_lone_survivor_without_quorum_never_reports_the_shot() -> None:
    lab, start = _manual_fence_then_requester_crash(3)
    assert _down(lab, "node2", start) == [3.0]
    # node3 alone has no quorum and fences nobody; node2 boots again (30 s) and rejoins it, and the two fence
    # node1: node2's shot is never reported, nor its orphan failed (the same targets never meet)
    assert [e.target for e in lab.events if isinstance(e, NodeFenced) and e.time >= start] == ["node1"]
    for node in ("node2", "node3"):
        assert not [line for line in _log(lab, node, start) if "node2 was terminated" in line
                    or "Originator" in line], node


def test_a_dc_that_dies_while_a_peer_runs_its_agent_leaves_the_fencing_to_the_next_dc() -> None:
    lab = _lab(5)
    start = lab.now
    lab.crash("node2")
    assert lab.wait_until(lambda s: any(isinstance(e, ActionStarted) and e.action == "fence" and e.time >= start
                                        for e in lab.events), 60)
    asked = lab.now
    lab.advance(1.5)
    lab.crash("node1")
    lab.advance(60)
    node3 = "\n".join(_log(lab, "node3", asked))
    assert "targeting node2 using fx returned 0 | call 1 from pacemaker-controld.59" in node3
    reports = sorted((e.node, e.target) for e in lab.events if isinstance(e, NodeFenced) and e.time >= start)
    assert reports == [("node3", "node1"), ("node3", "node2")]  # node1's own request: reported by nobody
    failing = ("Failing action 'reboot' targeting node2 originating from client pacemaker-controld.59@node1: "
               "Originator is dead | id=")
    for node in ("node3", "node4", "node5"):
        lines = _log(lab, node, start)
        assert [line for line in lines if "@node1" in line] == [line for line in lines if failing in line], node
        assert len([line for line in lines if failing in line]) == 1, node  # node3's controller: another client


def test_a_requester_that_fences_itself_is_reported_by_the_peer_that_ran_the_agent() -> None:
    lab = _lab(3)
    start = lab.now
    assert lab.run("node2", "pcs stonith fence node2").ok
    lab.advance(30)
    assert _down(lab, "node2", start) == [3.0]
    fenced = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]
    assert [(e.node, e.target, e.delegate, e.ok) for e in fenced] == [("node2", "node2", "node3", True)]
    assert set(fenced[0].witnesses) == {"node1", "node3"}
    for node in ("node1", "node3"):
        assert any("Peer node2 was terminated (reboot) by node3 on behalf of stonith_admin.2204@node2: OK" in line
                   for line in _log(lab, node, start)), node
    node2 = "\n".join(_log(lab, "node2", start))
    assert "Client stonith_admin.2204 wants to fence (reboot) node2 using any device" in node2
    assert lab.state().node("node2").status != "unclean"


def test_a_requester_that_fences_itself_and_dies_first_is_still_reported() -> None:
    lab = _lab(3)
    start = lab.now
    assert lab.run("node2", "pcs stonith fence node2").ok
    lab.advance(1.5)
    lab.crash("node2")  # before node3's agent (3 s) returns
    lab.advance(20)
    fenced = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]
    assert [(e.target, e.delegate, e.ok, set(e.witnesses)) for e in fenced] == [("node2", "node3", True,
                                                                                  {"node1", "node3"})]
    assert fenced[0].time - start == 3.0  # node3's broadcast: the DC need not fence node2 again
    assert any("Peer node2 was terminated (reboot) by node3 on behalf of stonith_admin.2204@node2: OK" in line
               for line in _log(lab, "node1", start))
