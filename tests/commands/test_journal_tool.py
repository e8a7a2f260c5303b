"""journalctl on a simulated node: the modelled options filter the node's records as systemd's
journalctl does, every other real option is refused by name, and a reboot starts a new boot."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from halab_kernel.commands.journal_tool import moment
from halab_kernel.lab import Lab


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(3, seed=5)
    lab.advance(30)
    for command in ("pcs stonith create fence fence_dummy pcmk_host_list='node1 node2 node3'",
                    "pcs resource create d1 ocf:pacemaker:Dummy"):
        assert lab.run("node1", command).rc == 0
    lab.advance(20)
    lab.crash("node3")
    lab.advance(60)
    return lab


def _lines(lab: Lab, command: str, node: str = "node1") -> list[str]:
    result = lab.run(node, command)
    assert result.rc == 0, result.stderr
    return result.stdout.splitlines()


def test_units_identifiers_and_counts_select_records(lab: Lab) -> None:
    corosync = _lines(lab, "journalctl -u corosync")
    assert corosync and all(" corosync[29]: " in line for line in corosync)
    assert _lines(lab, "journalctl -u corosync.service -n 2") == corosync[-2:]
    assert _lines(lab, "journalctl -u corosync -n 2 -r") == corosync[-2:][::-1]
    controld = _lines(lab, "journalctl -t pacemaker-controld")
    assert controld and all("pacemaker-controld[" in line for line in controld)
    assert _lines(lab, "journalctl -u httpd") == ["-- No entries --"]
    assert lab.run("node1", "journalctl -u httpd -q").stdout == ""


def test_times_and_priorities_filter(lab: Lab) -> None:
    everything = _lines(lab, "journalctl")
    assert _lines(lab, "journalctl --since 09:00:30") == [line for line in everything if line[7:15] >= "09:00:30"]
    window = _lines(lab, "journalctl -S '2026-01-05 09:00:30' -U 09:00:59")
    start = everything.index(window[0])
    assert window == everything[start:start + len(window)] and "09:00:30" <= window[0][7:15]
    assert window[-1][7:15] <= "09:00:59" <= everything[start + len(window)][7:15]  # --until is to the microsecond
    recent = [line for line in everything if line[7:15] >= "09:01:00"]
    assert recent and _lines(lab, "journalctl --since -50s") == recent  # the lab's clock is at 09:01:50
    notices = _lines(lab, "journalctl -p notice")
    assert _lines(lab, "journalctl -p 0..5") == notices
    assert all(": notice: " not in line for line in _lines(lab, "journalctl -p warning") if line != "-- No entries --")


def test_a_reboot_starts_a_new_boot(lab: Lab) -> None:
    everything = _lines(lab, "journalctl", node="node3")
    this_boot = _lines(lab, "journalctl -b", node="node3")
    assert len(this_boot) < len(everything) and this_boot == everything[-len(this_boot):]
    assert "Corosync Cluster Engine" in this_boot[0] or "starting up" in this_boot[0]


@pytest.mark.parametrize("command", ["journalctl -g TOTEM", "journalctl -k", "journalctl -o json",
                                     "journalctl --list-boots", "journalctl -b -1", "journalctl --vacuum-size=1M",
                                     "journalctl --since 'last week'"])
def test_what_is_not_modelled_is_refused_by_name(command: str, lab: Lab) -> None:
    result = lab.run("node1", command)
    assert result.rc == 1 and not result.stdout and "not simulated" in result.stderr
    assert "halab rig up" in result.stderr


@pytest.mark.parametrize("command, message", [("journalctl -Z", "journalctl: invalid option -- 'Z'"),
                                              ("journalctl -p bogus", "Unknown log level bogus"),
                                              ("journalctl -f", "journalctl: -f follows forever")])
def test_bad_lines_get_the_real_answer(command: str, message: str, lab: Lab) -> None:
    result = lab.run("node1", command)
    assert result.rc == 1 and result.stderr.startswith(message)


def test_time_specs_read_as_systemd_reads_them() -> None:
    now = datetime(2026, 1, 5, 9, 30, 0, tzinfo=timezone.utc)
    assert moment("today", now) == datetime(2026, 1, 5, tzinfo=timezone.utc)
    assert moment("yesterday", now) == datetime(2026, 1, 4, tzinfo=timezone.utc)
    assert moment("-5min", now) == datetime(2026, 1, 5, 9, 25, tzinfo=timezone.utc)
    assert moment("2 h ago", now) == datetime(2026, 1, 5, 7, 30, tzinfo=timezone.utc)
    assert moment("09:00", now) == datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    assert moment("2026-01-04 23:59:59", now) == datetime(2026, 1, 4, 23, 59, 59, tzinfo=timezone.utc)
    assert moment("2026-13-01", now) is None and moment("25:00", now) is None
