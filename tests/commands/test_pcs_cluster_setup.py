"""`pcs cluster setup` writes the corosync.conf real pcs 0.11.5 writes (but for cluster_uuid).

Real pcs is run in its local mode, `pcs cluster setup --corosync_conf FILE ...`, which needs no
pcsd; addresses are given (addr=) so it resolves nothing. Ours runs the same line; the texts must
be equal once the random cluster_uuid is masked, and errors must match. The live, bare-node build
(`pcs host auth`, `pcs cluster setup`, `pcs cluster start --all`) is checked in a simulated lab,
whose corosync.conf must be the same text again.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.commands.pcs import run_pcs
from halab_kernel.lab import Lab

THREE = "node1 addr=10.0.0.1 node2 addr=10.0.0.2 node3 addr=10.0.0.3"
TWO = "node1 addr=10.0.0.1 node2 addr=10.0.0.2"
LINES = [
    f"halab {THREE}",
    f"halab {TWO}",
    f"halab {TWO} quorum auto_tie_breaker=1",
    f"halab {THREE} transport knet",
    f"halab {THREE} transport udpu",
    f"halab {TWO} transport udp",
    f"halab {THREE} totem token=5000 join=60 consensus=6000",
    f"halab {THREE} quorum wait_for_all=1 last_man_standing=1",
    f"halab {THREE} transport knet ip_version=ipv4 knet_pmtud_interval=10 compression model=zlib level=5",
    f"halab {THREE} transport knet crypto cipher=none hash=none",
    f"halab {THREE} transport knet link link_priority=5 ping_interval=1000 ping_timeout=2000",
    f"halab {THREE} transport knet link ping_interval=1000",
    "halab node1 addr=10.0.0.1 addr=10.1.0.1 node2 addr=10.0.0.2 addr=10.1.0.2 transport knet "
    "link linknumber=1 link_priority=5 link link_priority=10",
    f"halab {THREE} --no-cluster-uuid",
    f"halab {THREE} totem bogus=1",
    f"halab {THREE} quorum two_node=1",
    f"halab {THREE} transport knet link knet_pong_count=3",
    f"halab {THREE} transport sctp",
    "halab node1 addr=10.0.0.1 node1 addr=10.0.0.2",
    f"halab {THREE} --start",
]
UUID = re.compile(r"cluster_uuid: [0-9a-f]{32}")


def _messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("Error:", "Warning:"))
            and "known-hosts" not in line]


@pytest.mark.skipif(shutil.which("pcs") is None, reason="real pcs is not installed")
@pytest.mark.parametrize("line", LINES)
def test_corosync_conf_is_the_one_real_pcs_writes(line: str, tmp_path: Path) -> None:
    path = tmp_path / "corosync.conf"
    real = subprocess.run(["pcs", "cluster", "setup", "--corosync_conf", str(path), *shlex.split(line)],
                          capture_output=True, text=True, timeout=120)
    ours = run_pcs(["cluster", "setup", "--corosync_conf", str(path), *shlex.split(line)], None, offline=True)
    assert ours.result.rc == real.returncode, (real.stderr, ours.result.stderr)
    assert _messages(ours.result.stderr) == _messages(real.stderr)
    if real.returncode == 0:
        assert UUID.sub("cluster_uuid: U", ours.written_files[str(path)]) == UUID.sub("cluster_uuid: U",
                                                                                        path.read_text())


CLUSTERS_FROM_SCRATCH = ["pcs host auth node1 node2 node3 -u hacluster -p secret",
                         "pcs cluster setup mycluster node1 node2 node3 totem token=3000",
                         "pcs cluster start --all", "pcs cluster enable --all"]


def assert_written_as_by_real_pcs(lab: Lab, tmp_path: Path, name: str, nodes: list[str]) -> None:
    """The lab's corosync.conf (set up with `totem token=3000`) is the file real pcs writes for the same nodes, in
    the same order, each at its host name as the lab's setup defaults them, but for cluster_uuid."""
    path = tmp_path / "corosync.conf"
    subprocess.run(["pcs", "cluster", "setup", "--corosync_conf", str(path), name,
                    *(word for node in nodes for word in (node, f"addr={node}")), "totem", "token=3000", "--force"],
                   capture_output=True, text=True, timeout=120, check=True)
    ours = lab.run("node2", "cat /etc/corosync/corosync.conf").stdout
    assert UUID.sub("cluster_uuid: U", ours) == UUID.sub("cluster_uuid: U", path.read_text())


def assert_numbered_node3_node2_node1(lab: Lab) -> None:
    """Every tool that shows a node ID agrees with a setup listing node3 node2 node1 (node3 nodeid 1)."""
    ids = {"node3": 1, "node2": 2, "node1": 3}
    assert {node.name: node.node_id for node in lab.state().nodes} == ids
    members = lab.run("node1", "corosync-quorumtool -l").stdout.splitlines()[4:7]
    assert [line.split() for line in members] == [["1", "1", "node3"], ["2", "1", "node2"], ["3", "1", "node1", "(local)"]]
    assert "Node ID:          3" in lab.run("node1", "corosync-quorumtool -s").stdout
    assert lab.run("node3", "crm_node -i").stdout.strip() == "1"
    assert lab.run("node1", "crm_node -l").stdout.split("\n")[:3] == ["1 node3 member", "2 node2 member", "3 node1 member"]
    assert lab.run("node1", "cibadmin -Q -o nodes").stdout.split("\n")[1:4] == [
        '  <node id="1" uname="node3"/>', '  <node id="2" uname="node2"/>', '  <node id="3" uname="node1"/>']
    cmap = lab.run("node1", "corosync-cmapctl").stdout
    assert "nodelist.node.0.name (str) = node3\nnodelist.node.0.nodeid (u32) = 1" in cmap
    assert "runtime.votequorum.this_node_id (u32) = 3" in cmap
    assert "runtime.members.1.ip (str) = r(0) ip(10.200.0.13) " in cmap  # each machine keeps its own address
    assert "runtime.members.3.ip (str) = r(0) ip(10.200.0.11) " in cmap
    xml = lab.run("node1", "crm_mon -1 --output-as=xml").stdout
    assert re.findall(r'<node name="(node\d)" id="(\d)"', xml) == [("node1", "3"), ("node2", "2"), ("node3", "1")]
    assert "Current DC: node3 " in lab.run("node1", "crm_mon -1").stdout  # the lowest node id wins the election


@pytest.mark.skipif(shutil.which("pcs") is None, reason="real pcs is not installed")
def test_a_cluster_built_from_bare_nodes_has_the_corosync_conf_real_pcs_writes(tmp_path: Path) -> None:
    lab = Lab.simulated(3, bare=True)
    assert lab.run("node1", "pcs status").rc != 0  # no cluster yet
    assert lab.run("node1", "pcs cluster start --all").stderr.strip() == (
        "Error: Unable to read /etc/corosync/corosync.conf: No such file or directory")  # as real pcs 0.11.5 says
    assert lab.run("node1", "pcs cluster start").stderr.strip() == "Error: cluster is not currently configured on this node"
    for command in CLUSTERS_FROM_SCRATCH:
        result = lab.run("node1", command)
        assert result.rc == 0, f"{command}: {result.stderr}"
    lab.advance(60)
    state = lab.state()
    assert all(node.status == "online" for node in state.nodes), lab.run("node1", "pcs status").stdout
    assert_written_as_by_real_pcs(lab, tmp_path, "mycluster", ["node1", "node2", "node3"])
    assert "Cluster name: mycluster" in lab.run("node1", "pcs status").stdout


def test_setup_refuses_unauthorised_unknown_and_clustered_hosts() -> None:
    lab = Lab.simulated(3, bare=True)
    refused = lab.run("node1", "pcs cluster setup c node1 node2 node3")
    assert refused.rc == 1 and "are not known to pcs" in refused.stderr
    assert "Could not resolve host: node9" in lab.run("node1", "pcs host auth node9 -u hacluster -p x").stderr
    assert lab.run("node1", "pcs host auth node1 -u root -p x").rc == 1
    running = Lab.simulated(3)
    again = running.run("node1", "pcs cluster setup c node1 node2 node3")
    assert again.rc == 1 and "The host seems to be in a cluster already" in again.stderr


def test_destroy_lets_a_bare_lab_be_set_up_again() -> None:
    lab = Lab.simulated(3, bare=True)
    assert lab.run("node1", "pcs cluster destroy --all").stderr.endswith(
        "Error: Unable to read /etc/corosync/corosync.conf: No such file or directory\n")
    for command in ("pcs host auth node1 node2 node3 -u hacluster -p secret",
                    "pcs cluster setup first node1 node2 node3", "pcs cluster start --all"):
        assert lab.run("node1", command).rc == 0, command
    lab.advance(60)
    assert lab.run("node1", "pcs resource create d1 ocf:pacemaker:Dummy").rc == 0
    # pcs 0.11 authenticates the local cluster's nodes and takes no host names; its usage, as real
    # pcs's, starts with `authkey` (the section's name "auth" is a prefix of it)
    usage = lab.run("node1", "pcs cluster auth node1").stderr
    assert usage.startswith("\nUsage: pcs cluster auth...\n    authkey corosync")
    alone = lab.run("node3", "pcs cluster destroy")
    assert alone.stderr.splitlines() == ["Shutting down pacemaker/corosync services...",
                                         "Killing any remaining services...",
                                         "Removing all cluster configuration files..."]
    assert lab.run("node3", "cat /etc/corosync/corosync.conf").rc == 1
    assert lab.run("node1", "pcs cluster destroy --all").rc == 0
    assert lab.run("node1", "pcs status").stderr == "Error: unable to get cib\n"
    for command in ("pcs cluster setup second node1 node2 node3", "pcs cluster start --all"):
        assert lab.run("node1", command).rc == 0, command
    lab.advance(60)
    status = lab.run("node1", "pcs status").stdout
    assert "Cluster name: second" in status and "No resources" in status  # the CIB went with the cluster


@pytest.mark.skipif(shutil.which("pcs") is None, reason="real pcs is not installed")
def test_setup_numbers_the_nodes_in_the_order_listed_as_real_pcs_does(tmp_path: Path) -> None:
    """Real pcs 0.11.5 writes the nodelist in the order given, nodeid 1 for the first named (pcs/lib/corosync/
    config_facade.py add_nodes: the lowest unused id for each node in turn); corosync, votequorum and Pacemaker
    know node3 as 1 and node1 as 3, and every tool that shows a node ID says so. Before, the lab refused this."""
    lab = Lab.simulated(3, bare=True)
    assert lab.run("node1", CLUSTERS_FROM_SCRATCH[0]).rc == 0
    for command in ("pcs cluster setup webcluster node3 node2 node1 totem token=3000", "pcs cluster start --all"):
        result = lab.run("node1", command)
        assert result.rc == 0, f"{command}: {result.stderr}"
    lab.advance(60)
    assert_written_as_by_real_pcs(lab, tmp_path, "webcluster", ["node3", "node2", "node1"])
    assert_numbered_node3_node2_node1(lab)


@pytest.mark.skipif(shutil.which("pcs") is None, reason="real pcs is not installed")
def test_after_destroy_a_setup_in_another_order_numbers_the_nodes_in_that_order(tmp_path: Path) -> None:
    """A lab whose cluster ran (node1 nodeid 1, a DC, pe-inputs, ring ids), `pcs cluster destroy --all`, then
    `pcs cluster setup webcluster node3 node2 node1`: real pcs numbers node3 1 and node1 3, as on bare nodes, and
    every tool agrees. What stays on each machine's disk stays: corosync's ringid_<address> (the ring's sequence
    goes on), pe-input.last (destroy removes only pe*.bz2). Before, the lab refused this setup."""
    lab = Lab.simulated(3, bare=True)
    for command in (CLUSTERS_FROM_SCRATCH[0], "pcs cluster setup webcluster node1 node2 node3 totem token=3000",
                    "pcs cluster start --all"):
        assert lab.run("node1", command).rc == 0, command
    lab.advance(60)
    first_ring = int(lab.run("node1", "corosync-quorumtool -s").stdout.split("Ring ID:          1.")[1].split()[0], 16)
    assert lab.run("node1", "ls /var/lib/pacemaker/pengine").stdout.split() == ["pe-input-0.bz2", "pe-input.last"]
    assert lab.run("node1", "pcs cluster destroy --all").rc == 0
    assert lab.run("node1", "ls /var/lib/pacemaker/pengine").stdout.split() == ["pe-input.last"]
    setup = lab.run("node1", "pcs cluster setup webcluster node3 node2 node1 totem token=3000")
    assert setup.rc == 0, setup.stderr
    quiet = len(lab.events)
    lab.advance(3600)  # the old cluster's pending timers find every daemon stopped
    assert lab.events[quiet:] == []
    assert lab.run("node1", "pcs cluster start --all").rc == 0
    lab.advance(60)
    assert_written_as_by_real_pcs(lab, tmp_path, "webcluster", ["node3", "node2", "node1"])
    assert_numbered_node3_node2_node1(lab)
    ring = int(lab.run("node1", "corosync-quorumtool -s").stdout.split("Ring ID:          1.")[1].split()[0], 16)
    assert ring > first_ring  # node3 (nodeid 1 now) represents the ring; its sequence goes on from its ringid file
    mon = lab.run("node1", "crm_mon -1").stdout
    assert "Online: [ node1 node2 node3 ]" in mon
    assert "Last change:  Mon Jan  5 09:01:00 2026 by hacluster via crmd on node3" in mon  # dated at the setup, not 09:00
    assert lab.run("node1", "ls /var/lib/pacemaker/pengine").stdout.split() == ["pe-input.last"]  # node1 is no DC now
    assert lab.run("node3", "ls /var/lib/pacemaker/pengine").stdout.split() == ["pe-input-0.bz2", "pe-input.last"]
