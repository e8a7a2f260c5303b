"""no-quorum-policy=suicide over time: a partition that had quorum and lost it fences all of its
own nodes, DC included (the controller hands the scheduler `no-quorum-panic="1"` once it has
ever had quorum); a cluster that never had quorum falls back to `stop`, as Pacemaker 2.1.5 says
("Resetting no-quorum-policy to 'stop': cluster has never had quorum")."""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.model import DaemonStopped, NodeFenced

FENCING = ("pcs property set stonith-enabled=true",
           "pcs stonith create fence fence_xvm pcmk_host_list='node1 node2 node3 node4'",
           "pcs property set no-quorum-policy=suicide",
           "pcs resource create web ocf:pacemaker:Dummy")


def _four_nodes() -> Lab:
    lab = Lab.simulated(nodes=4)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    for command in FENCING:
        assert lab.run("node1", command).ok, command
    lab.advance(20)
    return lab


def test_both_halves_of_an_even_split_fence_themselves() -> None:
    lab = _four_nodes()
    start = len(lab.events)
    lab.partition(["node1", "node2"], ["node3", "node4"])
    lab.advance(30)
    shots = {(e.node, e.target) for e in lab.events[start:] if isinstance(e, NodeFenced) and e.ok}
    assert {target for _, target in shots} == {"node1", "node2", "node3", "node4"}
    assert all({fencer, target} <= {"node1", "node2"} or {fencer, target} <= {"node3", "node4"}
               for fencer, target in shots)  # each half shoots its own nodes, never across the cut


def test_with_quorum_kept_nothing_is_fenced() -> None:
    lab = _four_nodes()
    start = len(lab.events)
    lab.crash("node4")
    lab.advance(30)
    shots = [e.target for e in lab.events[start:] if isinstance(e, NodeFenced) and e.ok]
    assert shots == ["node4"]  # the lost node only: the other three kept quorum
    assert "no-quorum-panic" not in lab.run("node1", "cibadmin -Q").stdout.split(">")[0]  # scheduler input only


def test_a_node_that_never_had_quorum_only_stops() -> None:
    lab = Lab.simulated(nodes=3, start=["node1"])  # alone: 1 of 3 votes, never quorate
    assert lab.wait_until(lambda s: s.dc is not None, 60)
    for command in FENCING[:-1]:
        assert lab.run("node1", command).ok, command
    lab.advance(40)
    assert not [e for e in lab.events if isinstance(e, NodeFenced)]
    assert not [e for e in lab.events if isinstance(e, DaemonStopped) and e.node == "node1"]
