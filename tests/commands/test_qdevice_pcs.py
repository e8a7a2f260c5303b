"""`pcs quorum device ...` on the simulator against Debian's pcs 0.11.5.

Real pcs runs offline on the simulator's own corosync.conf (`pcs --corosync_conf=FILE
quorum device ...`): its errors must be ours word for word, and the quorum section it
writes must be the one the simulator reloads. Then the live side: the device really
votes after `add`, and `remove` gives two_node back.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel import Lab
from halab_kernel.sim.corosync.config import parse_text

needs_pcs = pytest.mark.skipif(shutil.which("pcs") is None, reason="Debian's pcs is not installed")


def _lab(**quorum: object) -> Lab:
    lab = Lab.simulated(nodes=2, corosync={"quorum": quorum or {"two_node": 1}})
    lab.advance(15)
    return lab


def _real(conf: str, args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess, str]:
    path = tmp_path / "corosync.conf"
    path.write_text(conf)
    done = subprocess.run(["pcs", f"--corosync_conf={path}", "quorum", "device", *args],
                          capture_output=True, text=True, timeout=60)
    return done, path.read_text()


def _quorum(conf: str) -> dict:
    return parse_text(conf)[0]["quorum"]


ERRORS = [
    "model net",
    "model net host=qnetd",
    "model disk host=qnetd",
    "foo=1 model net host=qnetd algorithm=ffsplit",
    "votes=2 model net host=qnetd algorithm=ffsplit",
    "model net host=qnetd algorithm=lms votes=1",
    "model net host=qnetd algorithm=bad",
    "model net host=qnetd algorithm=ffsplit tie_breaker=7",
    "timeout=abc model net host=qnetd algorithm=ffsplit",
    "model net host algorithm=ffsplit",
    "model",
]


@needs_pcs
@pytest.mark.parametrize("args", ERRORS)
def test_bad_device_add_gets_pcs_own_errors_and_changes_nothing(args: str, tmp_path: Path) -> None:
    lab = _lab()
    before = lab.backend.sim.corosync_conf
    real, _ = _real(before, ["add", *args.split()], tmp_path)
    ours = lab.run("node1", f"pcs quorum device add {args}")
    assert (ours.rc, ours.stderr) == (real.returncode, real.stderr)
    assert lab.backend.sim.corosync_conf == before


@needs_pcs
@pytest.mark.parametrize("args", ["model net host=qnetd algorithm=ffsplit",
                                  "timeout=5000 model net host=qnetd algorithm=lms tie_breaker=highest"])
def test_device_add_writes_the_quorum_section_pcs_writes(args: str, tmp_path: Path) -> None:
    lab = _lab()
    real, real_conf = _real(lab.backend.sim.corosync_conf, ["add", *args.split()], tmp_path)
    assert real.returncode == 0
    ours = lab.run("node1", f"pcs quorum device add {args}")
    assert ours.rc == 0, ours.stderr
    assert _quorum(lab.backend.sim.corosync_conf) == _quorum(real_conf)
    assert "node1: corosync-qdevice started" in ours.stderr
    config = subprocess.run(["pcs", f"--corosync_conf={tmp_path / 'corosync.conf'}", "quorum", "config"],
                            capture_output=True, text=True, timeout=60)
    assert lab.run("node1", "pcs quorum config").stdout == config.stdout


@needs_pcs
def test_update_and_remove_edit_corosync_conf_as_pcs_does(tmp_path: Path) -> None:
    lab = _lab()
    _, real_conf = _real(lab.backend.sim.corosync_conf, ["add", "model", "net", "host=qnetd", "algorithm=ffsplit"],
                         tmp_path)
    assert lab.run("node1", "pcs quorum device add model net host=qnetd algorithm=ffsplit").ok
    for args in (["update", "model", "algorithm=lms", "tie_breaker=2"], ["update", "timeout=20000"], ["remove"]):
        real, real_conf = _real(real_conf, args, tmp_path)
        ours = lab.run("node1", "pcs quorum device " + " ".join(args))
        assert (ours.rc, real.returncode) == (0, 0), ours.stderr
        assert _quorum(lab.backend.sim.corosync_conf) == _quorum(real_conf)
    real, _ = _real(real_conf, ["remove"], tmp_path)
    ours = lab.run("node1", "pcs quorum device remove")
    assert (ours.rc, ours.stderr) == (real.returncode, real.stderr)


def test_an_added_device_votes_and_a_removed_one_gives_two_node_back() -> None:
    lab = _lab()
    assert lab.run("node1", "pcs quorum device add model net host=qnetd algorithm=ffsplit").ok
    lab.advance(5)
    view = lab.state().views["node1"]
    assert (view.expected_votes, view.total_votes, view.flags) == (3, 3, ("Quorate", "Qdevice"))
    assert "State:\t\t\tConnected" in lab.run("node2", "pcs quorum device status").stdout
    lab.partition(["node1", "qnetd"], ["node2"])
    lab.advance(30)
    assert {n: v.quorate for n, v in lab.state().views.items()} == {"node1": True, "node2": False}
    lab.heal()
    lab.advance(10)
    assert lab.run("node1", "pcs quorum device remove").ok
    lab.advance(2)
    view = lab.state().views["node1"]
    assert (view.quorum, view.flags, view.qdevice_present) == (1, ("2Node", "Quorate", "WaitForAll"), False)
    result = lab.run("node1", "pcs quorum device status")
    assert result.rc == 1 and "Can't connect to QDevice socket" in result.stderr


def test_adding_a_device_over_auto_tie_breaker_needs_a_stopped_cluster() -> None:
    lab = _lab(auto_tie_breaker=1)
    before = lab.backend.sim.corosync_conf
    result = lab.run("node1", "pcs quorum device add model net host=qnetd algorithm=ffsplit")
    assert result.rc == 1
    assert result.stderr.endswith("Checking corosync is not running on nodes...\nError: node1: corosync is running\n"
                                  "Error: node2: corosync is running\n"
                                  "Error: Errors have occurred, therefore pcs is unable to continue\n")
    assert lab.backend.sim.corosync_conf == before
