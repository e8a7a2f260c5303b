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
    path = tmp_path / "corosync.conf"
    subprocess.run(["pcs", "cluster", "setup", "--corosync_conf", str(path), "mycluster", "node1", "addr=node1",
                    "node2", "addr=node2", "node3", "addr=node3", "totem", "token=3000", "--force"],
                   capture_output=True, text=True, timeout=120, check=True)
    ours = lab.run("node2", "cat /etc/corosync/corosync.conf").stdout
    assert UUID.sub("cluster_uuid: U", ours) == UUID.sub("cluster_uuid: U", path.read_text())
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


def test_setup_listing_the_nodes_in_another_order_is_refused_before_it_changes_anything() -> None:
    """Real pcs numbers the nodes in the order listed (node3 would be nodeid 1); the lab's nodes keep theirs, so
    the lab says so before any output and stays bare, instead of failing halfway through the setup."""
    lab = Lab.simulated(3, bare=True)
    assert lab.run("node1", CLUSTERS_FROM_SCRATCH[0]).rc == 0
    refused = lab.run("node1", "pcs cluster setup webcluster node3 node2 node1")
    assert refused.rc == 1 and refused.stdout == ""
    assert refused.stderr.startswith("Error: real pcs gives the nodes IDs in the order listed (node3: 1, node2: 2, "
                                     "node1: 3)") and "halab rig up" in refused.stderr
    assert "corosync.conf" not in lab.run("node1", "ls /etc/corosync").stdout
    assert lab.run("node1", "pcs cluster setup webcluster node1 node2 node3").rc == 0
