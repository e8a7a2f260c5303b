"""`pcs status` starts with pcs's WARNINGS block, as on a fresh real cluster (capture 01)."""

from __future__ import annotations

from halab_kernel.lab import Lab
from tests.conftest import shared_path


def test_a_fresh_cluster_warns_about_missing_fencing_like_the_capture() -> None:
    expected = shared_path("pacemaker-2.1.5", "captures", "01-fresh-3node", "node1", "pcs-status-full.txt")
    lab = Lab.simulated(3)
    lab.advance(60)
    ours = lab.run("node1", "pcs status --full").stdout.splitlines()
    theirs = expected.read_text().splitlines()
    assert ours[1:5] == theirs[1:5]  # "", "WARNINGS:", the warning, ""


def test_leftover_move_constraints_are_warned_about() -> None:
    lab = Lab.simulated(3)
    lab.run("node1", "pcs property set stonith-enabled=false")
    lab.run("node1", "pcs resource create d ocf:pacemaker:Dummy")
    lab.run("node1", "pcs resource ban d node1")
    text = lab.run("node1", "pcs status").stdout
    assert "Following resources have been moved and their move constraints are still in place: 'd'" in text
    assert "No stonith devices" not in text
