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


def mailbox(tmp_path: Path, node: str = "node2") -> Path:
    box = tmp_path / "nodes" / node / "pills"
    box.mkdir(parents=True)
    (box.parent / "power").write_text("on\n")
    return box


def fake_pid1(box: Path, answers: int) -> threading.Thread:
    """What node_init does with requests: answer each `<token>.req` with `<token>.ack`."""

    def serve() -> None:
        deadline = time.monotonic() + 10
        answered = 0
        while answered < answers and time.monotonic() < deadline:
            for request in box.glob("*.req"):
                request.with_suffix(".ack").write_text(request.read_text())
                request.unlink()
                answered += 1
            time.sleep(0.02)

    thread = threading.Thread(target=serve)
    thread.start()
    return thread


def test_reboot_leaves_a_request_and_waits_for_its_answer(tmp_path):
    box = mailbox(tmp_path)
    helper = fake_pid1(box, answers=1)
    done = agent(f"action=reboot\nport=node2\nrig_dir={tmp_path}\npill_timeout=10\n")
    helper.join()
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "fence.log").read_text().count("reboot node2") == 2
    assert list(box.iterdir()) == []  # the answer was collected


def test_two_requests_at_once_are_both_answered(tmp_path):
    """A cluster fence and a lab power-on at the same moment: neither may overwrite the other."""
    box = mailbox(tmp_path)
    helper = fake_pid1(box, answers=2)
    stdin = f"port=node2\nrig_dir={tmp_path}\npill_timeout=10\n"
    procs = [subprocess.Popen([PYTHON, str(AGENT)], stdin=subprocess.PIPE, text=True) for _ in range(2)]
    for proc, action in zip(procs, ("reboot", "on")):
        assert proc.stdin is not None
        proc.stdin.write(f"action={action}\n{stdin}")
        proc.stdin.close()
    assert [proc.wait(timeout=20) for proc in procs] == [0, 0]
    helper.join()


def test_no_answer_is_a_failed_fence_and_the_request_is_withdrawn(tmp_path):
    box = mailbox(tmp_path)
    assert agent(f"action=off\nport=node2\nrig_dir={tmp_path}\npill_timeout=0.3\n").returncode == 1
    assert list(box.iterdir()) == []


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
