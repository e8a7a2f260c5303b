"""`sbd` and `pcs stonith sbd` on a simulated node: sbd 1.5's and pcs 0.11's words."""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_kernel.model import LogLine

DEVICE = "/dev/disk/by-id/halab-sbd"
HEADER = """==Dumping header on disk {device}
Header version     : 2.1
UUID               : {uuid}
Number of slots    : 255
Sector size        : 512
Timeout (watchdog) : {watchdog}
Timeout (allocate) : 2
Timeout (loop)     : 1
Timeout (msgwait)  : {msgwait}
==Header on disk {device} is dumped
"""


@pytest.fixture()
def lab() -> Lab:
    lab = Lab.simulated(nodes=3)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    return lab


def _with_sbd_running(lab: Lab) -> None:
    """The disk created, SBD enabled with it, the cluster restarted so that sbd runs."""
    lab.run("node1", f"sbd -d {DEVICE} create")
    lab.run("node1", f"pcs stonith sbd enable device={DEVICE}")
    lab.run("node1", "pcs cluster stop --all")
    lab.advance(30)
    lab.run("node1", "pcs cluster start --all")
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 60)


def _uuid(lab: Lab) -> str:
    return lab.run("node1", f"sbd -d {DEVICE} dump").stdout.split("UUID               : ")[1].split("\n")[0]


def test_create_then_dump_shows_the_header_with_the_default_timeouts(lab: Lab) -> None:
    created = lab.run("node1", f"sbd -d {DEVICE} create")
    assert created.rc == 0
    uuid = _uuid(lab)
    assert created.stdout == (
        f"Initializing device {DEVICE}\n"
        f"Creating version 2.1 header on device 3 (uuid: {uuid})\n"
        "Initializing 255 slots on device 3\n"
        f"Device {DEVICE} is initialized.\n"
        "Did you check sbd service down on all nodes before? If not do so now and restart afterwards.\n")
    dump = lab.run("node2", f"sbd -d {DEVICE} dump")  # the disk is shared: node2 reads what node1 wrote
    assert dump.stdout == HEADER.format(device=DEVICE, uuid=uuid, watchdog=5, msgwait=10)


def test_create_takes_the_timeouts_of_its_options(lab: Lab) -> None:
    assert lab.run("node1", f"sbd -d {DEVICE} -1 15 -4 30 create").ok
    assert "Timeout (watchdog) : 15\n" in lab.run("node1", f"sbd -d {DEVICE} dump").stdout
    assert "Timeout (msgwait)  : 30\n" in lab.run("node1", f"sbd -d {DEVICE} dump").stdout


def test_an_uninitialised_or_missing_device_is_not_dumped(lab: Lab) -> None:
    blank = lab.run("node1", f"sbd -d {DEVICE} dump")
    assert (blank.rc, blank.stdout) == (1, f"==Dumping header on disk {DEVICE}\n")
    assert blank.stderr == f"==Header on disk {DEVICE} NOT dumped\nsbd failed; please check the logs.\n"
    wrong = lab.run("node1", "sbd -d /dev/sdz list")
    assert (wrong.rc, wrong.stderr) == (1, "== disk /dev/sdz unreadable!\nsbd failed; please check the logs.\n")


def test_allocate_list_and_message(lab: Lab) -> None:
    lab.run("node1", f"sbd -d {DEVICE} create")
    allocated = lab.run("node1", f"sbd -d {DEVICE} allocate node2")
    assert allocated.stdout == (f"Trying to allocate slot for node2 on device {DEVICE}.\n"
                                "slot 0 is unused - trying to own\n"
                                f"Slot for node2 has been allocated on {DEVICE}.\n")
    before = lab.now
    sent = lab.run("node1", f"sbd -d {DEVICE} message node2 test")
    assert (sent.rc, sent.stdout, sent.stderr) == (0, "", "")
    assert lab.now - before == pytest.approx(10.0)  # `sbd message` waits msgwait before it returns
    assert lab.run("node3", f"sbd -d {DEVICE} list").stdout == "0\tnode2\ttest\tnode1\n"


def test_a_message_for_a_node_without_a_slot_is_not_delivered(lab: Lab) -> None:
    lab.run("node1", f"sbd -d {DEVICE} create")
    result = lab.run("node1", f"sbd -d {DEVICE} message node3 reset")
    assert (result.rc, result.stderr) == (1, "sbd failed; please check the logs.\n")
    assert lab.state().node("node3").status == "online"


def test_bad_command_lines_get_sbd_usage(lab: Lab) -> None:
    no_command = lab.run("node1", f"sbd -d {DEVICE}")
    assert no_command.rc == 1 and no_command.stderr.startswith("Not enough arguments.\nShared storage fencing tool.")
    bad_value = lab.run("node1", f"sbd -d {DEVICE} -4 ten create")
    assert bad_value.rc == 1 and bad_value.stderr.startswith('Invalid value "ten" for option -4\n')
    assert lab.run("node1", f"sbd -d {DEVICE} dump").rc == 1  # nothing was created


def test_a_running_node_answers_a_test_message_in_its_log(lab: Lab) -> None:
    _with_sbd_running(lab)
    assert lab.run("node1", f"pcs stonith sbd device message {DEVICE} node3 test").ok
    lines = [e.text for e in lab.events if isinstance(e, LogLine) and e.node == "node3"]
    assert f"{DEVICE}: servant_md: Received command test from node1 on disk {DEVICE}" in lines
    assert "2\tnode3\tclear\tnode1" in lab.run("node1", f"sbd -d {DEVICE} list").stdout
    assert lab.state().node("node3").status == "online"


def test_pcs_device_setup_needs_force_then_creates(lab: Lab) -> None:
    refused = lab.run("node1", f"pcs stonith sbd device setup device={DEVICE} msgwait-timeout=20")
    assert refused.rc == 1
    assert refused.stderr == f"Error: All current content on device(s) '{DEVICE}' will be overwritten, " \
                             "use --force to override\n"
    assert lab.run("node1", f"sbd -d {DEVICE} dump").rc == 1
    done = lab.run("node1", f"pcs stonith sbd device setup device={DEVICE} msgwait-timeout=20 --force")
    assert done.rc == 0
    assert done.stderr == (f"Warning: All current content on device(s) '{DEVICE}' will be overwritten\n"
                           f"Initializing device '{DEVICE}'...\nDevice initialized successfully\n")  # pcs reports
    assert "Timeout (msgwait)  : 20\n" in lab.run("node1", f"sbd -d {DEVICE} dump").stdout


def test_pcs_device_setup_refuses_unknown_options(lab: Lab) -> None:
    result = lab.run("node1", f"pcs stonith sbd device setup device={DEVICE} msgwait=20 --force")
    assert result.rc == 1
    assert "Error: invalid option 'msgwait', allowed options are: 'allocate-timeout', 'loop-timeout', " \
           "'msgwait-timeout', 'watchdog-timeout'" in result.stderr
    assert lab.run("node1", f"sbd -d {DEVICE} dump").rc == 1


@pytest.mark.parametrize("argument, error", [
    ("device=dev/sdb", "Error: Device path 'dev/sdb' on node 'node1' is not absolute"),
    ("device=/dev/sdz", "Error: node1: device '/dev/sdz' not found"),
    (f"device={DEVICE}@node9", "Error: Node 'node9' does not appear to exist in configuration"),
    (f"device={DEVICE} SBD_DEVICE=/dev/sdb", "Error: invalid option 'SBD_DEVICE', allowed options are: "
                                             "'SBD_DELAY_START', 'SBD_STARTMODE', 'SBD_TIMEOUT_ACTION', "
                                             "'SBD_WATCHDOG_TIMEOUT'"),
])
def test_pcs_enable_with_a_bad_device_changes_nothing(lab: Lab, argument: str, error: str) -> None:
    result = lab.run("node1", f"pcs stonith sbd enable {argument}")
    assert result.rc == 1 and error in result.stderr
    assert result.stderr.endswith("Error: Errors have occurred, therefore pcs is unable to continue\n")
    assert "node1: YES |  NO |  NO" in lab.run("node1", "pcs stonith sbd status").stdout
    assert lab.run("node1", "cat /etc/default/sbd").rc == 1


def test_pcs_enable_with_a_device_writes_the_config_and_asks_for_a_restart(lab: Lab) -> None:
    result = lab.run("node1", f"pcs stonith sbd enable device={DEVICE} SBD_WATCHDOG_TIMEOUT=10")
    assert result.rc == 0
    assert result.stderr.startswith("Running SBD pre-enabling checks...\nnode1: SBD pre-enabling checks done\n")
    assert result.stderr.endswith("node3: sbd enabled\nWarning: Cluster restart is required in order to apply these "
                                  "changes.\n")
    config = lab.run("node2", "cat /etc/default/sbd").stdout
    assert config == ("# This file has been generated by pcs.\nSBD_DELAY_START=no\n"
                      f'SBD_DEVICE="{DEVICE}"\nSBD_OPTS="-n node2"\nSBD_PACEMAKER=yes\nSBD_STARTMODE=always\n'
                      "SBD_WATCHDOG_DEV=/dev/watchdog\nSBD_WATCHDOG_TIMEOUT=10\n")


def test_pcs_enable_is_refused_for_a_node_that_cannot_see_the_disk(lab: Lab) -> None:
    lab.detach_disk("node2")
    result = lab.run("node1", f"pcs stonith sbd enable device={DEVICE}")
    assert result.rc == 1 and f"Error: node2: device '{DEVICE}' not found" in result.stderr
    assert "node1: SBD pre-enabling checks done" in result.stderr
    assert "node2: YES |  NO |  NO" in lab.run("node1", "pcs stonith sbd status").stdout


def test_pcs_status_lists_the_slots_of_the_local_devices(lab: Lab) -> None:
    _with_sbd_running(lab)
    text = lab.run("node2", "pcs stonith sbd status --full").stdout
    assert f"\nMessages list on device '{DEVICE}':\n0\tnode1\tclear\t\n" in text
    assert f"\nSBD header on device '{DEVICE}':\n==Dumping header on disk {DEVICE}\n" in text


def test_pcs_status_shows_the_sbd_service_once_it_is_enabled(lab: Lab) -> None:
    assert "sbd:" not in lab.run("node1", "pcs status").stdout
    lab.run("node1", "pcs stonith sbd enable")
    assert lab.run("node1", "pcs status").stdout.endswith("  pcsd: active/enabled\n  sbd: inactive/enabled\n")


def test_watchdog_only_sbd_on_two_nodes_needs_the_cluster_stopped_for_auto_tie_breaker() -> None:
    pair = Lab.simulated(nodes=2, corosync={"quorum": {"two_node": 1}})
    assert pair.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 60)
    result = pair.run("node1", "pcs stonith sbd enable")
    assert result.rc == 1
    assert result.stderr == (
        "Running SBD pre-enabling checks...\nnode1: SBD pre-enabling checks done\n"
        "node2: SBD pre-enabling checks done\n"
        "Warning: auto_tie_breaker quorum option will be enabled to make SBD fencing effective. Cluster has to "
        "be offline to be able to make this change.\nChecking corosync is not running on nodes...\n"
        "Error: node1: corosync is running\n"
        "Error: node2: corosync is running\nError: Errors have occurred, therefore pcs is unable to continue\n")
    assert "node1: YES |  NO |  NO" in pair.run("node1", "pcs stonith sbd status").stdout
    assert pair.run("node1", "pcs stonith sbd enable device=/dev/disk/by-id/halab-sbd").ok  # no ATB with a disk
    pair.run("node1", "pcs stonith sbd disable")
    pair.run("node1", "pcs cluster stop --all")
    pair.advance(30)
    stopped = pair.run("node1", "pcs stonith sbd enable")
    assert stopped.rc == 1 and "node2: corosync is not running" in stopped.stderr
    assert "create a new lab with auto_tie_breaker" in stopped.stderr  # the lab's corosync.conf is fixed


def test_stonith_watchdog_timeout_follows_the_nodes_sbd_setup(lab: Lab) -> None:
    """pcs reads the node's /etc/default/sbd: with a device, fencing goes through the disk and a
    watchdog timeout is refused (unless forced); watchdog-only SBD needs one above SBD's own."""
    refused = lab.run("node1", "pcs property set stonith-watchdog-timeout=10s")
    assert refused.stderr.startswith("Error: stonith-watchdog-timeout can only be unset or set to 0 while SBD is "
                                     "disabled\n")
    _with_sbd_running(lab)
    with_devices = lab.run("node1", "pcs property set stonith-watchdog-timeout=10s")
    assert (with_devices.rc, with_devices.stderr.splitlines()[0]) == (
        1, "Error: stonith-watchdog-timeout can only be unset or set to 0 while SBD is enabled with devices, "
           "use --force to override")
    assert "stonith-watchdog-timeout" not in lab.run("node1", "pcs property config").stdout
    assert lab.run("node1", "pcs property set stonith-watchdog-timeout=0").rc == 0
    assert lab.run("node1", "pcs property set stonith-watchdog-timeout=10s --force").rc == 0


def test_watchdog_only_sbd_wants_a_watchdog_timeout_above_its_own(lab: Lab) -> None:
    lab.run("node1", "pcs stonith sbd enable")
    lab.run("node1", "pcs cluster stop --all")
    lab.advance(30)
    lab.run("node1", "pcs cluster start --all")
    assert lab.wait_until(lambda s: all(n.status == "online" for n in s.nodes), 60)
    too_small = lab.run("node1", "pcs property set stonith-watchdog-timeout=4")
    assert too_small.stderr.splitlines()[0] == ("Error: The stonith-watchdog-timeout must be greater than SBD "
                                                "watchdog timeout '5', entered '4', use --force to override")
    assert lab.run("node1", "pcs property set stonith-watchdog-timeout=10").rc == 0
    unset = lab.run("node1", "pcs property set stonith-watchdog-timeout=")
    assert unset.stderr.splitlines()[0] == ("Error: stonith-watchdog-timeout cannot be unset or set to 0 while SBD "
                                            "is enabled without devices, use --force to override")
