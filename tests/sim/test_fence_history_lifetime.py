"""fenced keeps its fencing history in memory only (2.1.5: the stonith_remote_op_list hash table of
fenced_remote.c, shared among the running fenced by fenced_history.c): once every node's fenced has
stopped, a cluster that starts again lists no earlier fencing, in crm_mon's fencing sections and in
`stonith_admin --history`; a fenced that restarts while another runs learns the history from it.
"""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.model import NodeFenced

HISTORY = "stonith_admin --history '*'"
NONE = "0 events found\n"


def _fenced_lab(setup: bool = False) -> Lab:
    """Three nodes with a fence_xvm device; node3 fenced by hand, back online."""
    lab = Lab.simulated(nodes=3, seed=1, bare=setup)
    if setup:
        for command in ("pcs host auth node1 node2 node3 -u hacluster -p secret",
                        "pcs cluster setup webcluster node1 node2 node3", "pcs cluster enable --all",
                        "pcs cluster start --all"):
            assert lab.run("node1", command).ok, command
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 120)
    for command in ("pcs property set stonith-enabled=true",
                    'pcs stonith create fx fence_xvm pcmk_host_list="node1 node2 node3"'):
        assert lab.run("node1", command).ok, command
    lab.advance(30)
    assert lab.run("node1", "pcs stonith fence node3").ok
    lab.advance(20)
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 300)
    assert lab.run("node1", HISTORY).stdout.endswith("1 event found\n")
    return lab


def _shows_the_fencing(lab: Lab, node: str) -> bool:
    admin = lab.run(node, HISTORY).stdout
    mon = lab.run(node, "crm_mon -1 -m").stdout
    listed = "reboot of node3 successful" in admin
    assert listed == ("Fencing History:\n  * reboot of node3 by node1" in mon), (admin, mon)
    assert listed or admin == NONE, admin
    return listed


def test_the_history_is_gone_after_every_fenced_stopped() -> None:
    lab = _fenced_lab()
    assert _shows_the_fencing(lab, "node2")
    assert lab.run("node1", "pcs cluster stop --all").ok
    lab.advance(30)
    assert lab.run("node1", "pcs cluster start --all").ok
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 120)
    for node in ("node1", "node2", "node3"):
        assert not _shows_the_fencing(lab, node), node
    assert "Fencing History" not in lab.run("node1", "crm_mon -1 --fence-history=3").stdout
    assert "<fence_event" not in lab.run("node1", "crm_mon --output-as=xml --fence-history=3").stdout


def test_a_node_that_restarts_while_others_run_learns_the_history_from_them() -> None:
    lab = _fenced_lab()
    for node in ("node1", "node2"):  # one after another: some fenced always runs
        assert lab.run(node, "pcs cluster stop").ok
        lab.advance(30)
        assert lab.run(node, "pcs cluster start").ok
        assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 120)
    for node in ("node1", "node2", "node3"):
        assert _shows_the_fencing(lab, node), node


def test_pacemaker_gone_everywhere_with_corosync_running_forgets_it_too() -> None:
    lab = _fenced_lab()
    for node in ("node1", "node2", "node3"):
        lab.kill(node, "pacemakerd")
    lab.advance(30)
    assert lab.run("node1", "pcs cluster start --all").ok
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 120)
    assert not _shows_the_fencing(lab, "node1")


def test_destroy_all_then_a_new_cluster_has_no_history() -> None:
    lab = _fenced_lab(setup=True)
    for command in ("pcs cluster destroy --all", "pcs cluster setup webcluster node1 node2 node3",
                    "pcs cluster start --all"):
        assert lab.run("node1", command).ok, command
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 120)
    assert not _shows_the_fencing(lab, "node2")


def test_tolerance_finds_no_fencing_from_before_the_stop() -> None:
    """--tolerance asks fenced's history (stonith_check_fence_tolerance): after a full stop there is none."""
    lab = _fenced_lab()
    assert lab.run("node1", "pcs cluster stop --all").ok
    lab.advance(10)
    assert lab.run("node1", "pcs cluster start --all").ok
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 120)
    lab.advance(30)
    before = lab.now
    assert lab.run("node1", "stonith_admin --reboot node3 --tolerance 1000s").ok
    lab.advance(60)
    assert [e.target for e in lab.events if isinstance(e, NodeFenced) and e.time >= before] == ["node3"]
