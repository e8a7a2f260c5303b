"""The rig's fence agent speaks the fence-agents protocol (run with the system Python, as Pacemaker does)."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest
from lxml import etree

AGENT = Path(__file__).resolve().parents[2] / "halab_kernel" / "remote" / "rig" / "fence_rig.py"
PYTHON = "/usr/bin/python3"


def agent(stdin: str, *argv: str) -> subprocess.CompletedProcess:
    if not Path(PYTHON).exists():
        pytest.skip("no system python3 (Pacemaker runs fence agents with it)")
    return subprocess.run([PYTHON, str(AGENT), *argv], input=stdin, capture_output=True, text=True, timeout=30)


def test_metadata_is_valid_and_lists_the_actions():
    done = agent("", "-o", "metadata")
    root = etree.fromstring(done.stdout.encode())
    assert root.get("name") == "fence_rig"
    assert {"on", "off", "reboot", "status", "list", "monitor", "metadata"} <= set(root.xpath("//action/@name"))


def test_reboot_sends_the_pill_and_waits_for_the_acknowledgement(tmp_path):
    node = tmp_path / "nodes" / "node2"
    node.mkdir(parents=True)
    (node / "power").write_text("on\n")

    def fake_pid1():  # what node_init does on a pill: acknowledge with the same token
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not (node / "pill").exists():
            time.sleep(0.02)
        action, token = (node / "pill").read_text().split()
        (node / "pill.ack").write_text(f"{action} {token}\n")

    helper = threading.Thread(target=fake_pid1)
    helper.start()
    done = agent(f"action=reboot\nport=node2\nrig_dir={tmp_path}\npill_timeout=10\n")
    helper.join()
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "fence.log").read_text().count("reboot node2") == 2


def test_no_acknowledgement_is_a_failed_fence(tmp_path):
    (tmp_path / "nodes" / "node2").mkdir(parents=True)
    assert agent(f"action=off\nport=node2\nrig_dir={tmp_path}\npill_timeout=0.3\n").returncode == 1


def test_status_list_and_unknown_node(tmp_path):
    for name, power in (("node1", "on"), ("node2", "off")):
        (tmp_path / "nodes" / name).mkdir(parents=True)
        (tmp_path / "nodes" / name / "power").write_text(power + "\n")
    assert agent(f"action=status\nport=node1\nrig_dir={tmp_path}\n").returncode == 0
    assert agent(f"action=status\nport=node2\nrig_dir={tmp_path}\n").returncode == 2
    assert agent(f"action=list\nrig_dir={tmp_path}\n").stdout == "node1,\nnode2,\n"
    (tmp_path / "ssh").mkdir()
    unknown = agent(f"action=reboot\nport=../ssh\nrig_dir={tmp_path}\n")
    assert unknown.returncode == 1 and "unknown node" in unknown.stderr
