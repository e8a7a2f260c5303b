"""The fault markers and the scripts that find and remove them, run for real: nft in a private network
namespace (root), getent on this machine. No rig needed."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from halab_kernel.remote import faults

needs_nft = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("nft") or not shutil.which("unshare"),
                               reason="needs root, nft and unshare (a private network namespace)")


def in_private_netns(script: str) -> str:
    done = subprocess.run(["unshare", "--net", "sh", "-c", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_nft
def test_heal_removes_every_halab_table_whoever_made_it_and_nothing_else():
    rules = faults.partition_rules(["10.9.9.9"], "pid 42 on elsewhere")
    out = in_private_netns(
        f"{rules} && nft add table inet halab_other && nft add table inet someone_elses && "
        f"echo SCAN; {faults.SCAN}; {faults.HEAL}; echo AFTER; nft list tables")
    scan, after = out.split("SCAN\n")[1].split("AFTER\n")
    assert sorted(scan.split("\n")[:-1]) == ["network halab_other", "network halab_partition"]
    assert after.strip() == "table inet someone_elses"


@needs_nft
def test_partition_table_says_who_made_it():
    out = in_private_netns(f"{faults.partition_rules(['10.9.9.9'], 'pid 42 on ws at 2026-12-04T16:00:00')} && "
                           f"nft list table inet {faults.PARTITION_TABLE}")
    assert 'comment "halab fault: partition by pid 42 on ws at 2026-12-04T16:00:00"' in out
    assert "ip saddr 10.9.9.9 meta l4proto udp drop" in out


def test_markers_are_written_before_the_fault_and_found_by_scan(tmp_path):
    marker_dir = tmp_path / "halab-faults"
    marked = faults.marked(faults.STACK_MARKER, "echo fault-ran", "pid 7").replace(faults.MARKER_DIR, str(marker_dir))
    done = subprocess.run(["sh", "-c", marked], capture_output=True, text=True, timeout=10)
    assert done.stdout == "fault-ran\n" and (marker_dir / "stack").read_text() == "pid 7\n"
    scan = faults.SCAN.replace(faults.MARKER_DIR, str(marker_dir)).replace("nft list tables", "true")
    found = subprocess.run(["sh", "-c", scan], capture_output=True, text=True, timeout=10).stdout.split()
    assert found == ["stack"] or found == []  # [] when this machine itself runs corosync + pacemakerd


def test_hostname_ring_addresses_resolve_through_getent():
    output = subprocess.run(["sh", "-c", faults.resolve(["localhost", "no-such-host.invalid"])],
                            capture_output=True, text=True, timeout=20).stdout
    found = faults.resolved(output)
    assert "127.0.0.1" in found["localhost"] and "no-such-host.invalid" not in found
    assert faults.resolved("node1 10.0.0.1\nnode1 10.0.0.1\nnode1 garbage\n") == {"node1": ["10.0.0.1"]}
