"""corosync.conf's `logging {}` decides where corosync's lines go, as corosync 3.1.7 does: the journal
through syslog unless `to_syslog: no`, a log file only with `to_logfile: yes` and a `logfile`
(corosync's defaults: syslog yes, file no; pcs writes both, to /var/log/corosync/corosync.log)."""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.sim.corosync.config import default_tree, render_text

NODES = ["node1", "node2", "node3"]


def _lab(**logging: str) -> Lab:
    tree = default_tree(NODES)
    tree["logging"] = dict(logging)
    lab = Lab.simulated(3, seed=5, corosync=render_text(tree))
    lab.advance(30)
    return lab


def _corosync_journal(lab: Lab) -> list[str]:
    return [line for line in lab.run("node1", "journalctl -u corosync").stdout.splitlines() if "corosync[" in line]


def test_pcs_default_logs_to_the_file_and_the_journal() -> None:
    lab = Lab.simulated(3, seed=5)
    lab.advance(30)
    assert "[TOTEM ]" in lab.run("node1", "cat /var/log/corosync/corosync.log").stdout
    assert _corosync_journal(lab)


def test_without_a_logging_section_corosync_writes_no_file() -> None:
    lab = _lab()
    missing = lab.run("node1", "cat /var/log/corosync/corosync.log")
    assert missing.rc == 1 and "No such file or directory" in missing.stderr
    assert _corosync_journal(lab)


def test_to_syslog_no_keeps_corosync_out_of_the_journal_and_logfile_moves_the_file() -> None:
    lab = _lab(to_syslog="no", to_logfile="yes", logfile="/var/log/corosync/cluster.log")
    assert _corosync_journal(lab) == []
    assert "pacemaker-controld[" in lab.run("node1", "journalctl").stdout  # Pacemaker's lines stay
    assert "[QUORUM]" in lab.run("node1", "cat /var/log/corosync/cluster.log").stdout
    assert lab.run("node1", "cat /var/log/corosync/corosync.log").rc == 1
