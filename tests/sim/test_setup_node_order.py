"""Nodes set up in another order than the lab's: `pcs cluster setup NAME node4 node3 node2 node1` on bare nodes.

Real pcs 0.11.5 numbers the nodes in the order given (node4 nodeid 1), and what depends on node IDs follows:
votequorum's auto_tie_breaker keeps the half holding the lowest node id, wait_for_all's and last_man_standing's
verdicts are per node id, the controller's election goes to the lowest id, the ring is represented by its lowest
id. Real crm_mon lists the nodes by name whatever the CIB's order (checked here against the installed crm_mon on
the lab's own CIB). Before, the lab refused any order but its own, so each test here failed at the setup.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.lab import Lab
from halab_widgets.ring import ring_svg

AUTH = "pcs host auth node1 node2 node3 node4 -u hacluster -p secret"


def built(order: str, options: str = "", again: bool = False) -> Lab:
    """The cluster set up with the nodes in `order`; `again`: on nodes whose cluster ran first in the lab's order
    (with a resource, fenced once a node was lost) and was destroyed (`pcs cluster destroy --all`)."""
    lab = Lab.simulated(4, bare=True)
    first = ("pcs cluster setup webcluster node1 node2 node3 node4", "pcs cluster start --all", "sleep 60",
             "pcs stonith create fence fence_dummy", "pcs resource create web ocf:heartbeat:Dummy", "crash node2",
             "sleep 120", "pcs cluster destroy --all") if again else ()
    for command in (AUTH, *first, f"pcs cluster setup webcluster {order} {options}".strip(), "pcs cluster start --all"):
        if command.startswith("sleep"):
            lab.advance(int(command.split()[1]))
            continue
        if command.startswith("crash"):
            lab.crash(command.split()[1])
            continue
        result = lab.run("node1", command)
        assert result.rc == 0, f"{command}: {result.stderr}"
    lab.advance(60)
    return lab


AGAIN = pytest.mark.parametrize("again", [False, True], ids=["bare", "after_destroy"])


def quorate_sides(lab: Lab) -> list[str]:
    state = lab.state()
    return sorted(name for name in state.node_names if state.quorate(name))


@pytest.mark.parametrize(("order", "winners"), [("node1 node2 node3 node4", ["node1", "node2"]),
                                                ("node4 node3 node2 node1", ["node3", "node4"])])
@AGAIN
def test_auto_tie_breaker_keeps_the_half_with_the_lowest_node_id(order: str, winners: list[str], again: bool) -> None:
    lab = built(order, "quorum auto_tie_breaker=1", again)
    lab.partition(["node1", "node2"], ["node3", "node4"])
    lab.advance(30)
    assert quorate_sides(lab) == winners, lab.run("node1", "corosync-quorumtool -s").stdout
    flags = lab.run(winners[0], "corosync-quorumtool -s").stdout
    assert "Flags:            Quorate AutoTieBreaker" in flags


@AGAIN
def test_the_membership_the_dc_and_the_ring_follow_the_setup_order(again: bool) -> None:
    lab = built("node4 node3 node2 node1", again=again)
    state = lab.state()
    assert {node.name: node.node_id for node in state.nodes} == {"node4": 1, "node3": 2, "node2": 3, "node1": 4}
    assert state.dc == "node4"  # the lowest node id wins the controller's election
    status = lab.run("node2", "corosync-quorumtool -s").stdout
    assert "Ring ID:          1." in status and "Node ID:          3" in status
    lines = status.splitlines()
    rows = [line.split() for line in lines[lines.index("    Nodeid      Votes Name") + 1:][:4]]
    assert rows == [["1", "1", "node4"], ["2", "1", "node3"], ["3", "1", "node2", "(local)"], ["4", "1", "node1"]]
    # the ring widget draws the nodes in node-id order, the DC marked
    drawn = re.findall(r'data-node="(node\d)" data-status="\w+" data-partition="\d*" data-dc="(\d)"', ring_svg(state))
    assert drawn == [("node4", "1"), ("node3", "0"), ("node2", "0"), ("node1", "0")]
    lab.crash("node4")
    lab.advance(30)
    assert lab.state().dc == "node3"
    assert "Ring ID:          2." in lab.run("node1", "corosync-quorumtool -s").stdout  # now represented by node3


@pytest.mark.parametrize(("last", "stays"), [("node4", True), ("node3", False)])
@AGAIN
def test_last_man_standing_with_auto_tie_breaker_keeps_the_lowest_node_id(last: str, stays: bool, again: bool) -> None:
    """Down to two nodes (node4 nodeid 1, node3 nodeid 2), then one more lost: the survivor keeps quorum only when
    it holds the lowest node id of the last quorate membership (votequorum(5), auto_tie_breaker: lowest)."""
    lab = built("node4 node3 node2 node1", "quorum wait_for_all=1 last_man_standing=1 auto_tie_breaker=1", again)
    for name in ("node1", "node2"):
        lab.crash(name)
        lab.advance(30)
    assert quorate_sides(lab) == ["node3", "node4"]
    assert "Expected votes:   2" in lab.run("node4", "corosync-quorumtool -s").stdout
    lab.crash("node3" if last == "node4" else "node4")
    lab.advance(30)
    assert quorate_sides(lab) == ([last] if stays else [])


@pytest.mark.skipif(shutil.which("crm_mon") is None, reason="real crm_mon is not installed")
@AGAIN
def test_crm_mon_shows_the_node_ids_real_crm_mon_shows_on_the_same_cib(tmp_path: Path, again: bool) -> None:
    lab = built("node4 node3 node2 node1", again=again)
    lab.crash("node2")
    lab.advance(30)
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    assert re.findall(r'<node id="(\d)" uname="(node\d)"', cib.read_text())[:4] == [
        ("1", "node4"), ("2", "node3"), ("3", "node2"), ("4", "node1")]  # the CIB's order: corosync's nodelist
    real = subprocess.run(["crm_mon", "-1", "--output-as=xml"], env={**os.environ, "CIB_file": str(cib)},
                          capture_output=True, text=True, timeout=60)
    ours = lab.run("node1", "crm_mon -1 --output-as=xml").stdout
    node = re.compile(r'<node name="(node\d)" id="(\d)" online="(\w+)"')
    assert node.findall(ours) == node.findall(real.stdout) == [
        ("node1", "4", "true"), ("node2", "3", "false"), ("node3", "2", "true"), ("node4", "1", "true")]
    text = subprocess.run(["crm_mon", "-1"], env={**os.environ, "CIB_file": str(cib)},
                          capture_output=True, text=True, timeout=60).stdout
    assert "Online: [ node1 node3 node4 ]" in text and "Online: [ node1 node3 node4 ]" in lab.run("node1", "crm_mon -1").stdout


@AGAIN
def test_a_quorum_device_breaks_a_tie_for_the_half_with_the_lowest_node_id(again: bool) -> None:
    """qnetd's ffsplit with its default tie_breaker (lowest, corosync-qnetd(8)) gives its vote to the half holding
    the lowest node id: node4's, once the setup listed it first (on bare nodes, and after a destroyed first run)."""
    lab = built("node4 node3 node2 node1", again=again)
    result = lab.run("node1", "pcs quorum device add model net host=qnetd algorithm=ffsplit")
    assert result.rc == 0, result.stderr
    lab.advance(30)
    lab.partition(["node1", "node2"], ["node3", "node4"])
    lab.advance(40)
    assert quorate_sides(lab) == ["node3", "node4"]
