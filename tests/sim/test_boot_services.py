"""Whether a node's cluster services start at boot: `pcs cluster enable/disable`, `pcs cluster setup
--enable/--start/--wait`, `pcs cluster destroy`.

A node whose corosync and pacemaker are disabled stays out of the cluster after a reboot (after
fencing, a crash and restart) until someone runs `pcs cluster start`: the choice the course
discusses (some prefer a human to let a fenced node rejoin). The words are pcs 0.11.5's: where
the installed pcs is importable, its own report messages are the oracle.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from halab_kernel import Lab

FENCE = "pcs stonith create fence-all fence_xvm pcmk_host_list='node1 node2 node3'"


def _online(lab: Lab) -> list[str]:
    line = lab.run("node1", "pcs status nodes").stdout.splitlines()[1]
    return line.split(":", 1)[1].split()


def test_a_fenced_node_with_its_cluster_disabled_boots_and_stays_out_until_started() -> None:
    lab = Lab.simulated(3, seed=4)
    lab.advance(30)
    assert lab.run("node1", FENCE).rc == 0
    assert lab.run("node2", "pcs status").stdout.endswith(
        "Daemon Status:\n  corosync: active/enabled\n  pacemaker: active/enabled\n  pcsd: active/enabled\n")
    disabled = lab.run("node2", "pcs cluster disable")
    assert (disabled.rc, disabled.stdout, disabled.stderr) == (0, "", "")  # the local services, quietly
    assert "  corosync: active/disabled\n  pacemaker: active/disabled\n" in lab.run("node2", "pcs status").stdout
    lab.crash("node2")
    lab.advance(120)  # fenced (reboot) and booted again
    assert lab.state().node("node2").status == "offline"
    assert _online(lab) == ["node1", "node3"]
    started = lab.run("node1", "pcs cluster start node2")
    assert started.stdout == "node2: Starting Cluster...\n"
    lab.advance(60)
    assert _online(lab) == ["node1", "node2", "node3"]


def test_an_enabled_node_rejoins_by_itself_after_fencing() -> None:
    lab = Lab.simulated(3, seed=4)
    lab.advance(30)
    assert lab.run("node1", FENCE).rc == 0
    assert lab.run("node1", "pcs cluster enable --all").stdout == (
        "node1: Cluster Enabled\nnode2: Cluster Enabled\nnode3: Cluster Enabled\n")
    lab.crash("node2")
    lab.advance(120)
    assert _online(lab) == ["node1", "node2", "node3"]


def test_enable_refuses_nodes_with_all() -> None:
    lab = Lab.simulated(3, seed=4)
    result = lab.run("node1", "pcs cluster enable --all node2")
    assert (result.rc, result.stderr) == (1, "Error: Cannot specify both --all and a list of nodes.\n")


def _built(*options: str) -> tuple[Lab, str]:
    lab = Lab.simulated(3, seed=4, bare=True)
    assert lab.run("node1", "pcs host auth node1 node2 node3 -u hacluster -p secret").rc == 0
    result = lab.run("node1", "pcs cluster setup web node1 node2 node3 " + " ".join(options))
    assert result.rc == 0, result.stderr
    return lab, result.stderr


def test_setup_leaves_the_services_disabled_unless_enable() -> None:
    lab, _ = _built("--start")
    lab.advance(60)
    assert "  corosync: active/disabled\n  pacemaker: active/disabled\n" in lab.run("node1", "pcs status").stdout
    lab, said = _built("--start", "--enable")
    assert said.endswith("Cluster has been successfully set up.\n"
                         "Enabling cluster on hosts: 'node1', 'node2', 'node3'...\n"
                         "node1: Cluster enabled\nnode2: Cluster enabled\nnode3: Cluster enabled\n"
                         "Starting cluster on hosts: 'node1', 'node2', 'node3'...\n")
    lab.advance(60)
    assert "  corosync: active/enabled\n  pacemaker: active/enabled\n" in lab.run("node1", "pcs status").stdout


def test_setup_wait_waits_for_pacemaker_on_every_node() -> None:
    lab, said = _built("--start", "--wait=120")
    assert said.endswith("Starting cluster on hosts: 'node1', 'node2', 'node3'...\n"
                         "Waiting for node(s) to start: 'node1', 'node2', 'node3'...\n"
                         "node1: Cluster started\nnode2: Cluster started\nnode3: Cluster started\n")
    assert _online(lab) == ["node1", "node2", "node3"]
    lab = Lab.simulated(3, seed=4, bare=True)
    lab.run("node1", "pcs host auth node1 node2 node3 -u hacluster -p secret")
    refused = lab.run("node1", "pcs cluster setup web node1 node2 node3 --wait")
    assert refused.rc == 1 and refused.stderr.endswith(
        "Error: Cannot specify 'wait' without specifying 'start'\n"
        "Error: Errors have occurred, therefore pcs is unable to continue\n")
    bad = lab.run("node1", "pcs cluster setup web node1 node2 node3 --start --wait=soon")
    assert bad.rc == 1 and "Error: 'soon' is not a valid number of seconds to wait\n" in bad.stderr
    assert "/etc/corosync/corosync.conf" not in lab.run("node1", "ls /etc/corosync").stdout


PCS = Path("/usr/lib/python3/dist-packages/pcs")


@pytest.mark.skipif(not PCS.exists(), reason="the real pcs 0.11.5 (Debian package pcs) is not installed")
def test_the_words_are_the_installed_pcs_reports() -> None:
    sys.path.append(str(PCS.parent))
    try:
        from pcs.common.reports import messages  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(PCS.parent))
    nodes = ["node1", "node2", "node3"]
    _, said = _built("--start", "--enable", "--wait=120")
    for message in (messages.ClusterEnableStarted(nodes), messages.ClusterEnableSuccess("node2"),
                    messages.ClusterStartStarted(nodes), messages.WaitForNodeStartupStarted(nodes),
                    messages.ClusterStartSuccess("node3")):
        assert message.message + "\n" in said, message.message
    assert messages.WaitForNodeStartupWithoutStart().message == "Cannot specify 'wait' without specifying 'start'"
    assert messages.InvalidTimeoutValue("soon").message == "'soon' is not a valid number of seconds to wait"
