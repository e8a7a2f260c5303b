"""The notebook-facing Lab on the real rig: `Lab.ssh(inventory=...)` as a student's notebook uses it."""

from __future__ import annotations

import pytest

from halab_kernel.lab import Lab
from tests.remote.conftest import whole

pytestmark = pytest.mark.rig


@pytest.fixture(scope="module")
def lab_ssh(rig, lab):  # `lab` (session) has created the `web` resource
    real = Lab.ssh(inventory=str(rig), allow_faults=True)
    yield real
    real.close()


def test_commands_state_and_waiting(lab_ssh):
    assert lab_ssh.kind == "ssh" and lab_ssh.node_names == ("node1", "node2", "node3")
    assert "Online: [ node1 node2 node3 ]" in lab_ssh.run("node1", "crm_mon -1").stdout
    assert lab_ssh.wait_until(whole, 30)
    assert lab_ssh.wait_until(lambda s: False, 1) is False


def test_partition_through_the_lab_then_heal(lab_ssh):
    lab_ssh.partition(["node3"])  # the Lab passes a list of groups
    assert "halab_partition" in lab_ssh.run("node3", "nft list tables").stdout
    assert "halab_partition" in lab_ssh.run("node1", "nft list tables").stdout
    lab_ssh.heal()
    assert "halab_partition" not in lab_ssh.run("node3", "nft list tables").stdout
    faults = [(e.fault, e.target) for e in lab_ssh.events if e.kind == "fault_injected"]
    assert faults[-2:] == [("partition", "node3 / node1 node2"), ("heal", "")]
    assert lab_ssh.wait_until(whole, 60)


def test_logs_are_the_nodes_own_lines(lab_ssh):
    assert lab_ssh.run("node1", "crm_resource --refresh --resource web").ok  # re-probes: the DC logs it
    lab_ssh.advance(3)
    logs = lab_ssh.logs()
    assert list(logs.columns) == ["time", "node", "file", "daemon", "level", "message", "line"]
    assert {"pacemaker", "corosync"} >= set(logs["file"]) and len(logs) > 0
    assert logs["line"].str.contains("pacemaker-controld").any()


def test_a_crash_is_seen_after_token_plus_consensus(lab_ssh):
    """The bar of the SSH backend: rig up, Lab.ssh, crash a node, its departure seen at token + consensus."""
    cmap = lab_ssh.run("node1", "corosync-cmapctl -g runtime.config.totem.token; "
                       "corosync-cmapctl -g runtime.config.totem.consensus").stdout
    token_ms, consensus_ms = (int(line.split("=")[-1]) for line in cmap.splitlines())
    expected = (token_ms + consensus_ms) / 1000  # 3650 + 4380 ms on 3 nodes with corosync's defaults
    crashed_at = lab_ssh.now
    lab_ssh.crash("node3")
    assert lab_ssh.wait_until(lambda s: s.node("node3").status != "online", 30)
    left = [e for e in lab_ssh.events if e.kind == "membership_changed" and "node3" in getattr(e, "left", ())
            and e.time >= crashed_at]
    assert left, "no membership without node3 seen"
    seen = left[0].time - crashed_at
    assert expected - 1.0 <= seen <= expected + 2.5, (seen, expected)  # polling every 0.5 s, log lines stamped
    assert lab_ssh.wait_until(whole, 90)  # fenced (fence_rig reboots it) and back
