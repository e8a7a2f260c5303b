"""`halab rig` up and down: a rig folder under /tmp works over SSH, and `down` is idempotent (real rig, root)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from halab_kernel.remote import SshBackend
from halab_kernel.remote.rig import manager
from halab_kernel.remote.rig.host import REQUIRED_PROGRAMS, missing_prerequisites
from tests.remote.conftest import TEST_SLOTS
from tests.rig_slot import rig_leftovers, rig_slot_or_skip


@pytest.mark.rig
def test_a_rig_under_tmp_answers_over_ssh_and_down_twice_succeeds():
    """sshd's StrictModes refuses keys below a world-writable folder: the keys live in each node's own /root."""
    with rig_slot_or_skip(TEST_SLOTS) as slot:
        layout = replace(slot, nodes=2, directory=Path(tempfile.mkdtemp(prefix="halab-rig-", dir="/tmp")) / "rig")
        try:
            inventory = manager.up(layout)
            with SshBackend(inventory=inventory) as lab:
                assert [lab.run(node, "uname -n").stdout for node in lab.node_names] == ["node1\n", "node2\n"]
            cli = [sys.executable, "-m", "halab_kernel.cli", "rig", "down", "--prefix", layout.prefix,
                   "--dir", str(layout.directory)]
            first = subprocess.run(cli, capture_output=True, text=True, timeout=120)
            second = subprocess.run(cli, capture_output=True, text=True, timeout=120)
            assert (first.returncode, first.stderr, second.returncode, second.stderr) == (0, "", 0, "")
            assert rig_leftovers(layout) == []
        finally:
            manager.down(layout)
            layout.directory.parent.rmdir()


@pytest.mark.rig
def test_down_removes_what_is_left_of_a_half_removed_rig():
    """The bug seen after notebook 08: part of the network already gone made `down` fail and keep its record."""
    with rig_slot_or_skip(TEST_SLOTS) as layout:
        layout = replace(layout, nodes=2)
        try:
            manager.up(layout)
            subprocess.run(["ip", "netns", "delete", layout.bridge_netns], check=True)  # takes the host's veth too
            assert manager.down(layout, grace=5) == []  # cut off, the nodes cannot stop gracefully: do not wait long
            assert rig_leftovers(layout) == []
            assert manager.down(layout) == []
        finally:
            manager.down(layout)


def test_prerequisites_name_the_tools_the_agents_need_with_the_apt_line(monkeypatch, tmp_path):
    from halab_kernel.remote.rig import host

    monkeypatch.setattr(host, "SEARCH_PATH", str(tmp_path))  # a machine with none of the programs
    reasons = " ".join(missing_prerequisites())
    assert REQUIRED_PROGRAMS["modprobe"] == "kmod"  # ocf:heartbeat:Filesystem needs it
    assert "apt-get install -y" in reasons and " kmod " in reasons + " " and "util-linux" in reasons
