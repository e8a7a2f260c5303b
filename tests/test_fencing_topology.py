"""Fencing topology in the simulated fencer, as pacemaker-fenced 2.1.5 uses it (Pacemaker Explained,
"Fencing Topology"; daemons/fenced/fenced_remote.c): levels tried in index order, every device of a level
must succeed, the next level when one fails; and what the logs, stonith_admin --history and pcs say."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.errors import LabError
from halab_kernel.fault_words import parse
from halab_kernel.lab import Lab
from halab_kernel.model import FenceDeviceFailure, NodeFenced
from halab_kernel.sim.pacemaker.durations import fence_seconds
from halab_kernel.sim.pacemaker.fenced import FAILED_DEVICE_SECONDS, RETRY_PAUSE_SECONDS, operation_id

# a failing agent runs twice by default (pcmk_<action>_retries=2, lib/fencing/st_actions.c), 1 s apart
FAILING_AGENT_SECONDS = 2 * FAILED_DEVICE_SECONDS + RETRY_PAUSE_SECONDS
from halab_kernel.sim.pacemaker.topology import levels_for, read_levels

DEVICES = [
    "pcs stonith create ipmi-n1 fence_ipmilan ip=10.0.0.11 username=admin password=secret pcmk_host_list=node1",
    "pcs stonith create ipmi-n2 fence_ipmilan ip=10.0.0.12 username=admin password=secret pcmk_host_list=node2",
    "pcs stonith create ipmi-n3 fence_ipmilan ip=10.0.0.13 username=admin password=secret pcmk_host_list=node3",
    "pcs stonith create virsh fence_xvm "
    "pcmk_host_list='node1 node2 node3'",
]


def lab_with(*commands: str) -> Lab:
    lab = Lab.simulated(3, seed=3)
    lab.advance(30)
    for command in [*DEVICES, *commands]:
        result = lab.run("node1", command)
        assert result.rc == 0, (command, result.stderr)
    lab.advance(15)
    return lab


def fenced_lines(lab: Lab, since: float, node: str | None = None) -> list[str]:
    """pacemaker-fenced's lines on `node`, or on every node (the requester logs the request, the peer
    that runs an agent logs its result)."""
    logs = lab.logs(node, since=since)
    return [m for m, d in zip(logs.message, logs.daemon) if d == "pacemaker-fenced"]


def test_the_peer_that_runs_the_agent_logs_its_result() -> None:
    """As capture 03b shows: the requester logs "Requesting that X perform ...", X's fenced logs the
    agent's result (log_async_result), and no other node does."""
    lab = lab_with("pcs constraint location ipmi-n3 prefers node2=INFINITY")  # verified on node2, not on the DC
    start = crash_and_wait(lab, "node3")
    requester = fence_results(lab, start)[0].node
    request = next(line for line in fenced_lines(lab, start, requester) if "Requesting that" in line)
    executor = request.split("Requesting that ")[1].split()[0]
    assert (requester, executor) == ("node1", "node2")
    for node in ("node1", "node2"):
        results = [line for line in fenced_lines(lab, start, node) if "] targeting node3 using" in line]
        assert bool(results) == (node == executor), (node, requester, executor, results)
        assert any(line.startswith("Operation 'reboot' targeting node3 by node2 for pacemaker-controld.59@node1: OK")
                   for line in fenced_lines(lab, start, node))  # finalize_op: every peer hears the result


def fence_results(lab: Lab, since: float) -> list[NodeFenced]:
    return [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= since]


def crash_and_wait(lab: Lab, node: str, seconds: float = 40) -> float:
    start = lab.now
    lab.crash(node)
    lab.advance(seconds)
    return start


def test_level_one_fences_when_its_device_works() -> None:
    lab = lab_with("pcs stonith level add 1 node2 ipmi-n2", "pcs stonith level add 2 node2 virsh")
    start = crash_and_wait(lab, "node2")
    assert [e.ok for e in fence_results(lab, start)] == [True]
    lines = fenced_lines(lab, start)
    assert any("Operation 'reboot' [" in line and "targeting node2 using ipmi-n2 returned 0" in line for line in lines)
    assert not any("using virsh" in line for line in lines)


def test_a_failed_level_hands_over_to_the_next() -> None:
    lab = lab_with("pcs stonith level add 1 node2 ipmi-n2", "pcs stonith level add 2 node2 virsh")
    lab.break_fence_device("ipmi-n2")
    start = crash_and_wait(lab, "node2")
    results = fence_results(lab, start)
    assert [e.ok for e in results] == [True]
    lines = fenced_lines(lab, start)
    failed = next(i for i, line in enumerate(lines) if "using ipmi-n2 returned 1" in line)
    # fenced_process_fencing_reply logs the device's execution status: an agent that exits 1 completed
    handed = next(i for i, line in enumerate(lines) if line == "Action 'reboot' targeting node2 using ipmi-n2 on "
                  "behalf of pacemaker-controld.59@node1: complete")
    worked = next(i for i, line in enumerate(lines) if "using virsh returned 0" in line)
    assert failed < handed < worked
    # the first level's device gave up first: the target went down that much later
    requested = next(e.time for e in lab.events if e.kind == "action_started" and e.time >= start)
    assert results[0].time - requested >= FAILING_AGENT_SECONDS


def test_every_device_of_a_level_must_succeed() -> None:
    """Level 1 = ipmi-n2 + virsh (a reboot over two devices: both off, then both on); virsh broken ends
    the level after ipmi-n2's off worked, and level 2 (ipmi-n2 alone) fences."""
    lab = lab_with("pcs stonith level add 1 node2 ipmi-n2 virsh", "pcs stonith level add 2 node2 ipmi-n2")
    lab.break_fence_device("virsh")
    start = crash_and_wait(lab, "node2")
    assert [e.ok for e in fence_results(lab, start)] == [True]
    outcomes = [line.split("] ", 1)[1].split(" |")[0] for line in fenced_lines(lab, start)
                if line.startswith("Operation '") and "[" in line]
    assert outcomes == ["targeting node2 using ipmi-n2 returned 0", "targeting node2 using virsh returned 1",
                        "targeting node2 using ipmi-n2 returned 0"]
    actions = [line.split("'")[1] for line in fenced_lines(lab, start) if line.startswith("Operation '") and "[" in line]
    assert actions == ["off", "off", "reboot"]


def test_all_levels_failing_leave_the_node_unclean_and_the_history_says_so() -> None:
    lab = lab_with("pcs stonith level add 1 node2 ipmi-n2", "pcs stonith level add 2 node2 virsh")
    lab.break_fence_device("ipmi-n2")
    lab.break_fence_device("virsh")
    start = crash_and_wait(lab, "node2", 40)  # two levels, each a failing agent tried twice
    results = fence_results(lab, start)
    assert results and not any(e.ok for e in results)
    assert any("All fencing options targeting node2 for client pacemaker-controld.59@node1 failed" in line
               for line in fenced_lines(lab, start))
    assert lab.state().node("node2").status == "unclean"
    history = lab.run("node1", "stonith_admin --history node2 --verbose").stdout  # without: successes only
    assert "\nreboot of node2 failed: delegate=node1, client=pacemaker-controld.59, origin=node1, completed='" \
        in "\n" + history
    # finalize_op: crm_exit_str (pcmk_exec_status_str) of the last agent's result, exit 1 and complete, an error
    # on the requester only; the controllers: the failed execution status ("Error"), on every node
    call = results[0].operation
    failed = ("Operation 'reboot' targeting node2 by node1 for pacemaker-controld.59@node1: Error occurred (complete)"
              f" | id={operation_id(call)}")
    peer = "Peer node2 was not terminated (reboot) by node1 on behalf of pacemaker-controld.59@node1: Error | event="
    for node, level in (("node1", "error"), ("node3", "notice")):
        logs = lab.logs(node, since=start)
        said = list(zip(logs.level, logs.message))
        assert (level, failed) in said, (node, said)
        assert [m.split(peer)[1][:9] for lv, m in said if lv == "notice" and m.startswith(peer)] == \
            [f"{operation_id(call)}-"], node
        assert not any("(error)" in message or message.endswith(": error") for _, message in said), node
        # the requester's controller hears its call's result first (tengine_stonith_callback): it tries again
        callback = f"Fence operation {call} for node2 failed: Agent returned error (aborting transition)"
        assert (("notice", callback) in said) == (node == "node1"), node
    lab.repair_fence_device("virsh")  # the cluster retries, and level 2 now works
    lab.advance(30)
    assert fence_results(lab, start)[-1].ok
    assert lab.state().node("node2").status != "unclean"


def test_without_topology_each_capable_device_is_tried_in_turn() -> None:
    lab = lab_with()
    lab.break_fence_device("ipmi-n2")
    start = crash_and_wait(lab, "node2")
    assert [e.ok for e in fence_results(lab, start)] == [True]
    lines = fenced_lines(lab, start)
    assert any("using ipmi-n2 returned 1, retrying with virsh" in line for line in lines)
    assert any("using virsh returned 0" in line for line in lines)


def test_levels_by_pattern_and_by_attribute() -> None:
    lab = lab_with(
        "pcs node attribute node3 rack=r2",
        "cibadmin -C -o configuration -X '<fencing-topology>"
        "<fencing-level id=\"fl-pattern\" index=\"1\" devices=\"virsh\" target-pattern=\"node[12]\"/>"
        "<fencing-level id=\"fl-rack\" index=\"1\" devices=\"ipmi-n3\" target-attribute=\"rack\" target-value=\"r2\"/>"
        "<fencing-level id=\"fl-rack-2\" index=\"2\" devices=\"virsh\" target-attribute=\"rack\" target-value=\"r2\"/>"
        "</fencing-topology>'")
    lab.break_fence_device("ipmi-n2")  # not in node2's topology (the pattern's level is virsh): never tried
    start = crash_and_wait(lab, "node2")
    lines = fenced_lines(lab, start)
    assert any("targeting node2 using virsh returned 0" in line for line in lines)
    assert not any("ipmi-n2" in line for line in lines)
    lab.break_fence_device("ipmi-n3")
    lab.advance(60)  # node2 back
    start = crash_and_wait(lab, "node3")
    lines = fenced_lines(lab, start)
    assert any("targeting node3 using ipmi-n3 returned 1" in line for line in lines)
    assert any("targeting node3 using virsh returned 0" in line for line in lines)


def test_manual_fencing_goes_through_the_levels() -> None:
    lab = lab_with("pcs stonith level add 1 node2 ipmi-n2", "pcs stonith level add 2 node2 virsh")
    for device in ("ipmi-n2", "virsh"):
        lab.break_fence_device(device)
    assert lab.run("node1", "stonith_admin --reboot node2").rc != 0
    lab.advance(15)
    assert lab.state().node("node2").status == "online"
    lab.repair_fence_device("virsh")
    assert lab.run("node1", "stonith_admin --reboot node2").rc == 0
    lab.advance(FAILING_AGENT_SECONDS + 5)
    assert lab.state().node("node2").status != "online"


def test_fence_device_faults_are_checked_words_and_values() -> None:
    assert parse(["break-fence-device", "ipmi-n2"], ["node1"]) == FenceDeviceFailure("ipmi-n2", failing=True)
    assert parse(["repair-fence-device", "ipmi-n2"], ["node1"]).words() == ("repair-fence-device", "ipmi-n2")
    lab = lab_with()
    with pytest.raises(LabError, match="no fence device named 'nope'"):
        lab.break_fence_device("nope")


@pytest.mark.skipif(shutil.which("pcs") is None or shutil.which("cibadmin") is None, reason="needs real pcs")
def test_levels_as_real_pcs_writes_them(tmp_path: Path) -> None:
    """The three target forms as real pcs 0.11 writes them (`regexp%`, `attrib%`, a name) are read as fenced does."""
    cib = tmp_path / "cib.xml"
    cib.write_text(subprocess.run(["cibadmin", "--empty"], capture_output=True, text=True, check=True).stdout)
    for command in (["stonith", "create", "ipmi1", "fence_ipmilan", "ip=10.0.0.1", "username=a", "password=b"],
                    ["stonith", "create", "virsh", "fence_virsh", "ip=10.0.0.9", "username=a", "password=b"],
                    ["stonith", "level", "add", "2", "regexp%node[12]", "virsh", "--force"],
                    ["stonith", "level", "add", "1", "regexp%node[12]", "ipmi1", "--force"],
                    ["stonith", "level", "add", "1", "attrib%rack=r1", "virsh", "--force"],
                    ["stonith", "level", "add", "1", "node2", "ipmi1", "virsh", "--force"]):
        subprocess.run(["pcs", "-f", str(cib), *command], capture_output=True, text=True, check=True, timeout=60)
    from lxml import etree

    levels = read_levels(etree.parse(str(cib)).getroot())
    racks = {"node5": {"rack": "r1"}}
    def attributes(node: str) -> dict[str, str]:
        return racks.get(node, {})

    assert [(lv.index, lv.devices) for lv in levels_for("node1", levels, attributes)] == [(1, ("ipmi1",)), (2, ("virsh",))]
    assert [lv.devices for lv in levels_for("node2", levels, attributes)] == [("ipmi1", "virsh")]  # its name wins
    assert [lv.devices for lv in levels_for("node5", levels, attributes)] == [("virsh",)]
    assert levels_for("node3", levels, attributes) == ()


def test_each_device_waits_its_own_delay() -> None:
    """pcmk_delay_base belongs to a device: the first level's device delays the request, the second
    level's delays its own run after the first failed (fenced_commands.c, schedule_stonith_command)."""
    lab = lab_with("pcs stonith update ipmi-n2 pcmk_delay_base=2s", "pcs stonith update virsh pcmk_delay_base=3s",
                   "pcs stonith level add 1 node2 ipmi-n2", "pcs stonith level add 2 node2 virsh")
    lab.break_fence_device("ipmi-n2")
    start = crash_and_wait(lab, "node2")
    requested = next(e.time for e in lab.events if e.kind == "action_started" and e.time >= start)
    done = [e for e in fence_results(lab, start) if e.ok][0].time
    assert done - requested == pytest.approx(2 + FAILING_AGENT_SECONDS + 3 + fence_seconds("fence_xvm"), abs=0.01)
    assert any("Delaying 'reboot' action targeting node2 using virsh for 3s" in line for line in fenced_lines(lab, start))


def test_a_failure_names_the_peer_whose_reply_ended_the_topology_else_the_requester() -> None:
    """finalize_op takes a failure's delegate from the message that ends the operation: with a topology, the
    reply of the peer that ran the last level's device (its sender); without, the requester's own broadcast,
    sent once no peer is left to try (fenced_remote.c, 2.1.5)."""
    lab = lab_with("pcs constraint location ipmi-n3 prefers node2=INFINITY", "pcs stonith level add 1 node3 ipmi-n3")
    lab.break_fence_device("ipmi-n3")
    start = crash_and_wait(lab, "node3", 35)
    ran = [line for line in fenced_lines(lab, start, "node2") if "targeting node3 using ipmi-n3 returned 1" in line]
    assert ran  # node2 ran the device
    said = list(lab.logs("node1", since=start).message)
    assert any(m.startswith("Operation 'reboot' targeting node3 by node2 for pacemaker-controld.59@node1: Error "
                            "occurred (complete) | id=") for m in said), said
    assert any(m.startswith("Peer node3 was not terminated (reboot) by node2 on behalf of pacemaker-controld.59@node1: "
                            "Error | event=") for m in said)

    plain = lab_with("pcs constraint location ipmi-n3 prefers node2=INFINITY")
    plain.break_fence_device("ipmi-n3")
    plain.break_fence_device("virsh")
    start = crash_and_wait(plain, "node3", 40)
    said = list(plain.logs("node1", since=start).message)
    assert any(m.startswith("Operation 'reboot' targeting node3 by node1 for pacemaker-controld.59@node1: Error "
                            "occurred (complete) | id=") for m in said), said
