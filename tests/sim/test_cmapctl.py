"""corosync-cmapctl on a simulated node: corosync.conf's keys with coroparse's types, the members
this node's corosync has seen (`corosync-cmapctl | grep members`, as Clusters from Scratch checks
membership), and what the lab does not hold said or refused, never reported missing."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from halab_kernel.lab import Lab


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(3, corosync={"totem": {"token": 5000}, "quorum": {"wait_for_all": 1}})
    lab.advance(30)
    return lab


def _keys(lab: Lab, node: str, argv: str = "") -> dict[str, str]:
    lines = lab.run(node, f"corosync-cmapctl {argv}").stdout.splitlines()
    return dict(line.split(" = ", 1) for line in lines)


def test_the_configuration_keys_carry_coroparses_types(lab: Lab) -> None:
    keys = _keys(lab, "node2")
    assert keys["totem.token (u32)"] == "5000" and keys["totem.cluster_name (str)"] == "halab"
    assert keys["quorum.wait_for_all (u8)"] == "1" and keys["quorum.provider (str)"] == "corosync_votequorum"
    assert keys["nodelist.node.1.ring0_addr (str)"] == "10.200.0.12" and keys["nodelist.node.1.nodeid (u32)"] == "2"
    assert keys["nodelist.local_node_pos (u32)"] == "1"
    assert list(keys) == sorted(keys)  # cmap's trie lists keys in order


def test_members_joined_and_left_as_this_node_saw_them(lab: Lab) -> None:
    members = _keys(lab, "node1", "runtime.members")
    assert [members[f"runtime.members.{n}.status (str)"] for n in (1, 2, 3)] == ["joined"] * 3
    assert members["runtime.members.2.ip (str)"] == "r(0) ip(10.200.0.12) "
    assert members["runtime.members.3.join_count (u32)"] == "1"
    lab.crash("node3")
    lab.advance(20)  # token 5000 (5650 ms for 3 nodes) + consensus
    assert _keys(lab, "node1", "runtime.members.3")["runtime.members.3.status (str)"] == "left"
    lab.restart("node3")
    lab.advance(120)
    after = _keys(lab, "node1", "runtime.members.3")
    assert after["runtime.members.3.status (str)"] == "joined" and after["runtime.members.3.join_count (u32)"] == "2"
    assert _keys(lab, "node3", "runtime.members.3")["runtime.members.3.join_count (u32)"] == "1"  # a new corosync


def test_get_quiet_missing_and_unheld_keys(lab: Lab) -> None:
    assert lab.run("node1", "corosync-cmapctl -g totem.token").stdout == "totem.token (u32) = 5000\n"
    assert lab.run("node1", "corosync-cmapctl -q -g totem.token quorum.provider").stdout == \
        "5000\ncorosync_votequorum\n"
    missing = lab.run("node1", "corosync-cmapctl -g totem.consensus")
    assert (missing.rc, missing.stderr) == (1, "Can't get key totem.consensus. Error CS_ERR_NOT_EXIST\n")
    unheld = lab.run("node1", "corosync-cmapctl -g runtime.config.totem.hold")
    assert unheld.rc == 1 and "not simulated: the key runtime.config.totem.hold" in unheld.stderr
    assert "not simulated" in lab.run("node1", "corosync-cmapctl").stderr  # the whole map is more than the lab holds
    assert lab.run("node1", "corosync-cmapctl nodelist").stderr == ""


@pytest.mark.parametrize("argv", ["-m stats", "-s totem.token u32 1", "-d totem.token", "-t totem", "-p file"])
def test_changes_and_other_maps_are_refused_by_name(argv: str, lab: Lab) -> None:
    result = lab.run("node1", f"corosync-cmapctl {argv}")
    assert result.rc == 1 and "not simulated" in result.stderr and "halab rig up" in result.stderr


@pytest.mark.skipif(shutil.which("corosync-cmapctl") is None, reason="corosync is not installed")
@pytest.mark.parametrize("argv", [["-x"], ["-m"]])
def test_a_malformed_line_gets_the_real_answer(argv: list[str], lab: Lab) -> None:
    real = subprocess.run(["corosync-cmapctl", *argv], capture_output=True, text=True, timeout=30)
    ours = lab.run("node1", " ".join(["corosync-cmapctl", *argv]))
    assert (ours.rc, ours.stderr) == (real.returncode, real.stderr)
