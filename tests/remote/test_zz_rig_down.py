"""`halab rig down` leaves nothing behind. Named to run after every other rig test of the session."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from halab_kernel.remote.rig import manager
from tests.rig_slot import rig_leftovers

pytestmark = pytest.mark.rig


def test_down_leaves_no_process_namespace_link_or_file(rig, rig_layout):
    record = json.loads(rig_layout.state_file.read_text())
    assert manager.down(rig_layout) == []
    netns = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
    assert rig_layout.prefix + "-" not in netns and rig_layout.host_link not in links
    pids = list(record["init_pids"].values()) + list(record["unshare_pids"].values())
    alive = [pid for pid in pids if subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode == 0]
    assert alive == [] and not rig_layout.directory.exists()
    assert rig_leftovers(rig_layout) == []  # no namespace, link, loop device, mount, nft table, process, folder
    status = subprocess.run([sys.executable, "-m", "halab_kernel.cli", "rig", "status", "--prefix", rig_layout.prefix, "--dir",
                             str(rig_layout.directory)], capture_output=True, text=True)
    assert status.returncode == 3 and "no rig is up" in status.stdout
