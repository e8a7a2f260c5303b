"""Faults on real nodes are always undone, and the SSH backend's limits (issue 16), on the real rig.

Real processes partition the rig and then leave each way a process can leave;
the nodes are then checked (nft tables, from the host). A process killed with
SIGKILL cannot heal: the next lab warns about what it left, and heal() or
`halab rig heal` remove it whoever made it.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest

from halab_kernel.remote import SshBackend
from halab_kernel.remote.rig import manager
from tests.remote.conftest import wait_for, whole

pytestmark = pytest.mark.rig

PARTITION_THEN = """
import os, sys, time
from halab_kernel.remote import SshBackend
lab = SshBackend(inventory=sys.argv[1], allow_faults=True)
lab.partition(["node3"])
print("partitioned", flush=True)
way = sys.argv[2]
if way == "exception":
    raise RuntimeError("a cell failed")
if way == "exit":
    sys.exit(0)
time.sleep(120)  # waits for its signal
"""


def halab_tables(layout) -> dict[str, list[str]]:
    found = {}
    for node in layout.node_names:
        listed = subprocess.run(["ip", "netns", "exec", layout.node_netns(node), "nft", "list", "tables"],
                                capture_output=True, text=True, check=True).stdout
        found[node] = [line.split()[-1] for line in listed.splitlines() if "halab_" in line]
    return found


def partition_in_a_process(rig, way: str, signum: int | None = None) -> subprocess.CompletedProcess | int:
    process = subprocess.Popen([sys.executable, "-c", PARTITION_THEN, str(rig), way], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == "partitioned\n", process.stderr.read()
    if signum is not None:
        process.send_signal(signum)
    process.wait(timeout=60)
    return process.returncode


@pytest.mark.parametrize("way,signum,status", [
    ("exit", None, 0), ("exception", None, 1), ("wait", signal.SIGTERM, -signal.SIGTERM),
    ("wait", signal.SIGHUP, -signal.SIGHUP), ("wait", signal.SIGINT, -signal.SIGINT),
], ids=["clean-exit", "exception", "SIGTERM", "SIGHUP", "SIGINT"])
def test_a_partition_is_healed_on_every_way_out(rig, rig_layout, healthy, way, signum, status):
    assert partition_in_a_process(rig, way, signum) == status
    assert halab_tables(rig_layout) == {node: [] for node in rig_layout.node_names}
    wait_for(healthy, whole, 60, "whole after the process left")


def test_a_later_process_finds_and_heals_what_a_killed_one_left(rig, rig_layout, healthy):
    assert partition_in_a_process(rig, "wait", signal.SIGKILL) == -signal.SIGKILL
    assert halab_tables(rig_layout)["node3"] == ["halab_partition"]  # SIGKILL: nothing can heal on the way out
    with pytest.warns(RuntimeWarning, match="node3: nftables table halab_partition.*lab.heal"):
        later = SshBackend(inventory=rig, allow_faults=True)
    with later:
        assert later.leftover_faults()["node3"] == ["network halab_partition"]
        later.heal()  # not this lab's partition: heal() removes every halab network fault, whoever made it
        assert later.leftover_faults() == {}
    assert halab_tables(rig_layout) == {node: [] for node in rig_layout.node_names}
    wait_for(healthy, whole, 60, "whole after a later heal")


def test_rig_heal_undoes_every_fault_whoever_made_it(rig, rig_layout, healthy):
    with SshBackend(inventory=rig, allow_faults=True) as lab:
        lab.partition(["node1"])
        lab.stop("node2")
        lab.standby("node3")
        lab._partitioned.clear()  # as if this process had been killed: its close() must not heal
    found, problems = manager.heal(rig_layout)
    assert problems == []
    found["node1"] = [item for item in found["node1"] if item != "powered off"]  # the majority may be fencing it
    assert found == {"node1": ["network halab_partition"], "node2": ["network halab_partition", "stack"],
                     "node3": ["network halab_partition", "standby"]}
    state = wait_for(healthy, lambda s: whole(s) and not s.node("node3").standby, 90, "whole after rig heal")
    assert state.node("node2").corosync_running
    assert manager.heal(rig_layout) == ({}, [])
    with SshBackend(inventory=rig) as clean:  # no warning: nothing left
        assert clean.leftover_faults() == {}


def test_faults_are_recorded_only_once_they_succeeded(healthy):
    before = len(healthy.events)
    from halab_kernel.errors import LabError

    with pytest.raises(LabError):
        healthy.partition(["node1", "nodeX"])
    saved = healthy._ring_addresses
    healthy._ring_addresses = {"node1": ["node1.invalid"], "node2": ["10.0.0.2"], "node3": ["10.0.0.3"]}
    try:
        healthy._ring_addresses = healthy._resolved("node1", healthy._ring_addresses)
    except LabError as error:
        assert "does not resolve on node1" in str(error)
    finally:
        healthy._ring_addresses = saved
    assert [e for e in healthy.events[before:] if e.kind == "fault_injected"] == []


def test_partition_with_host_name_ring_addresses(rig_layout, healthy):
    """What `pcs cluster setup` writes by default: ring0_addr: node1. The names resolve on the node (/etc/hosts)."""
    by_name = {node: [node] for node in rig_layout.node_names}
    resolved = healthy._resolved("node1", by_name)
    assert resolved == {node: [rig_layout.node_address(node)] for node in rig_layout.node_names}
    saved, healthy._ring_addresses = healthy._ring_addresses, resolved
    try:
        healthy.partition(["node3"])
        wait_for(healthy, lambda s: not s.quorate("node3"), 40, "node3 cut off")
        healthy.heal()
    finally:
        healthy._ring_addresses = saved
    wait_for(healthy, whole, 90, "whole after the heal")


def test_unbounded_output_is_cut_with_a_marker(rig, healthy):
    started = time.monotonic()
    result = healthy.run("node1", "yes")
    assert time.monotonic() - started < 5
    assert result.rc == 141 and "[halab: output cut after 4194304 bytes" in result.stdout
    assert len(result.stdout) < 4_300_000
    with SshBackend(inventory=rig, max_output=1000) as small:
        assert "output cut after 1000 bytes" in small.run("node2", "seq 100000").stdout
        assert small.run("node2", "seq 10").stdout == "".join(f"{i}\n" for i in range(1, 11))


def test_long_commands_can_be_streamed(healthy):
    seen = []
    for line in healthy.stream("node2", "for i in 1 2 3; do echo $i; sleep 0.3; done; echo done >&2; exit 4",
                               timeout=20):
        seen.append((round(time.monotonic(), 1), line.source, line.text))
    assert [(source, text) for _, source, text in seen] == [("stdout", "1"), ("stdout", "2"), ("stdout", "3"),
                                                           ("stderr", "done"), ("exit", "4")]
    assert seen[2][0] - seen[0][0] >= 0.5  # lines came as they were printed, not all at the end
    stopped = list(healthy.stream("node2", "sleep 30", timeout=1))
    assert stopped[-1].end == 124 and "stopped after 1 s" in stopped[-2].text


def test_a_command_cut_by_the_nodes_death_returns_255_with_the_reason(rig_layout, healthy):
    results = []
    worker = threading.Thread(target=lambda: results.append(healthy.run("node3", "echo begun; sleep 30")))
    worker.start()
    time.sleep(1.5)
    record = manager.load_record(rig_layout.directory)
    assert record is not None
    subprocess.run(manager.node_command(record.init_pids["node3"], ["rig-stack", "poweroff"]), capture_output=True,
                   timeout=30)  # from the host, not through the lab's connection
    worker.join(timeout=20)
    assert not worker.is_alive()
    result = results[0]
    assert result.rc == 255 and result.stdout == "begun\n", result
    assert "ssh: node3: connection to" in result.stderr and "lost while" in result.stderr
    healthy.start("node3")
    wait_for(healthy, whole, 90, "node3 back")


@pytest.mark.parametrize("restart", [False, True], ids=["shutdown", "restart"])
def test_a_jupyter_kernel_shut_down_or_restarted_heals_its_partition(rig, rig_layout, healthy, restart):
    """Jupyter's shutdown asks the kernel to exit (atexit); a restart the same, then a new kernel starts."""
    from jupyter_client.kernelspec import find_kernel_specs
    from jupyter_client.manager import KernelManager

    kernel = "halab" if "halab" in find_kernel_specs() else "python3"
    manager_ = KernelManager(kernel_name=kernel)
    manager_.start_kernel()
    client = manager_.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(
            "from halab_kernel.remote import SshBackend\n"
            f"cluster = SshBackend(inventory={str(rig)!r}, allow_faults=True)\n"
            "cluster.partition(['node3'])\n", timeout=60)
        assert reply["content"]["status"] == "ok"
        assert halab_tables(rig_layout)["node3"] == ["halab_partition"]
        if restart:
            manager_.restart_kernel(now=False)
            client.wait_for_ready(timeout=60)
        else:
            manager_.shutdown_kernel(now=False)
        assert halab_tables(rig_layout) == {node: [] for node in rig_layout.node_names}
    finally:
        client.stop_channels()
        if manager_.has_kernel:
            manager_.shutdown_kernel(now=True)
    wait_for(healthy, whole, 60, "whole after the kernel left")
