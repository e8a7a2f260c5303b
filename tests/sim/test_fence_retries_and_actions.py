"""pcmk_reboot_action=off and pcmk_<action>_retries, as Pacemaker 2.1.5's fencer acts on them.

pcmk_<action>_action names what the agent is asked to do for a requested action (lib/fencing/st_actions.c,
make_args): pcmk_reboot_action=off makes every reboot of that device a power-off, so the target stays off; fenced
still reports a 'reboot' (the request). A topology reboot over several devices (all off, then all on) does not turn
the target back on with a device configured to stay off (fenced_remote.c, request_peer_fencing: "Not turning ...
back on ... (pcmk_reboot_action='off')").

pcmk_<action>_retries (default 2, FAILURE_MAX_RETRIES) is how many times in all a failing agent runs for that
action (stonith__action_create reads it for the action fenced asked; update_remaining_timeout stops once tries >=
it): each retry 1 s after the failure (internal_stonith_action_execute sleeps), while less than 70% of the agent's
timeout (its pcmk_<action>_timeout, else the request's) has passed, with what is left of it. Before, the simulator
refused both options, and ran a failing agent once."""

from __future__ import annotations

import re

import pytest

from halab_kernel.errors import LabError
from halab_kernel.lab import Lab
from halab_kernel.model import NodeFenced
from halab_kernel.sim.pacemaker.durations import fence_seconds

IPMI = "pcs stonith create ipmi-n2 fence_ipmilan ip=10.0.0.12 username=admin password=secret pcmk_host_list=node2"
VIRSH = "pcs stonith create virsh fence_xvm pcmk_host_list='node1 node2 node3'"


def lab_with(*commands: str) -> Lab:
    lab = Lab.simulated(3, seed=3)
    lab.advance(30)
    for command in commands:
        result = lab.run("node1", command)
        assert result.rc == 0, (command, result.stderr)
    lab.advance(15)
    return lab


def fenced(lab: Lab, since: float) -> list[tuple[float, str, str]]:
    """(time, level, message) of every pacemaker-fenced line since `since`, on every node."""
    logs = lab.logs(since=since)
    return [(t, lv, m) for t, lv, m, d in zip(logs.time, logs.level, logs.message, logs.daemon)
            if d == "pacemaker-fenced"]


@pytest.mark.parametrize("option", ["", " pcmk_reboot_action=off"])
def test_pcmk_reboot_action_off_leaves_the_target_off(option: str) -> None:
    lab = lab_with(VIRSH + option)
    start = lab.now
    lab.crash("node2")
    lab.advance(180)  # far longer than a reboot takes (30 s) and the cluster start after it
    fenced_events = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]
    assert [(e.action, e.ok) for e in fenced_events] == [("reboot", True)]  # fenced reports the request's action
    node2 = lab.state().node("node2")
    mon = lab.run("node1", "crm_mon -1").stdout
    if option:
        assert not node2.powered and "OFFLINE: [ node2 ]" in mon
    else:
        assert node2.powered and node2.status == "online" and "Online: [ node1 node2 node3 ]" in mon
    assert "reboot of node2 successful" in lab.run("node1", "stonith_admin --history node2").stdout


@pytest.mark.parametrize(("off_with", "back_on"), [(("ipmi-n2",), True), (("ipmi-n2", "virsh"), False)])
def test_a_topology_reboot_turns_the_target_on_only_with_the_devices_not_configured_to_stay_off(
        off_with: tuple[str, ...], back_on: bool) -> None:
    lab = lab_with(IPMI, VIRSH, *(f"pcs stonith update {device} pcmk_reboot_action=off" for device in off_with),
                   "pcs stonith level add 1 node2 ipmi-n2 virsh")
    start = lab.now
    lab.crash("node2")
    lab.advance(40)
    lines = [m for _, _, m in fenced(lab, start)]
    ran = [(m.split("'")[1], m.split(" using ")[1].split()[0]) for m in lines
           if m.startswith("Operation '") and " returned 0" in m]
    assert ran == [("off", "ipmi-n2"), ("off", "virsh")] + ([("on", "virsh")] if back_on else [])
    for device in off_with:
        assert f"Not turning node2 back on using {device} because the device is configured to stay off " \
               "(pcmk_reboot_action='off')" in lines
    lab.advance(120)
    assert lab.state().node("node2").powered == back_on


@pytest.mark.parametrize(("options", "retries", "maximum", "seconds"), [
    ("", [55], 2, 11),  # the default: one retry
    (" pcmk_reboot_retries=3", [55, 49], 3, 17),
    (" pcmk_reboot_retries=1", [], 1, 5),
    (" pcmk_off_retries=5", [55], 2, 11),  # another action's: a reboot keeps the default
    (" pcmk_reboot_retries=5 pcmk_reboot_timeout=20", [15, 9], None, 17),  # stopped at 70% of 20 s, silently
])
def test_a_failing_agent_runs_as_many_times_as_pcmk_reboot_retries_allows_within_its_timeout(
        options: str, retries: list[int], maximum: int | None, seconds: float) -> None:
    lab = lab_with(IPMI + options, VIRSH)
    lab.break_fence_device("ipmi-n2")
    start = lab.now
    lab.crash("node2")
    lab.advance(60)
    lines = fenced(lab, start)
    asked = next(t for t, _, m in lines if m.startswith("Requesting that node1 perform 'reboot'"))
    attempts = [(round(t - asked, 3), level, m) for t, level, m in lines if m.startswith("Attempt ")]
    assert attempts == [(6.0 * n + 5.0, "info", f"Attempt {n + 2} to execute fence_ipmilan (reboot). remaining "
                         f"timeout is {left}") for n, left in enumerate(retries)]
    most = [(round(t - asked, 3), m) for t, _, m in lines if m.startswith("Attempted to execute agent")]
    assert most == ([] if maximum is None else [
        (seconds, f"Attempted to execute agent fence_ipmilan (reboot) the maximum number of times ({maximum}) "
                  "allowed")])
    failed = next(t for t, _, m in lines if "using ipmi-n2 returned 1, retrying with virsh" in m)
    assert failed - asked == pytest.approx(seconds, abs=0.001)
    done = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]
    assert [e.ok for e in done] == [True]
    assert done[0].time - asked == pytest.approx(seconds + fence_seconds("fence_xvm"), abs=0.05)


def test_a_retry_that_its_timeout_would_cut_is_refused_by_name() -> None:
    """pcmk_reboot_timeout=8: the first failure at 5 s is under 70% of 8 s, so real fenced retries with 3 s left,
    and kills the agent at its timeout; agent timeouts are not simulated, so the lab says so."""
    lab = lab_with(IPMI + " pcmk_reboot_timeout=8", VIRSH)
    lab.break_fence_device("ipmi-n2")
    lab.crash("node2")
    with pytest.raises(LabError, match=re.escape("not simulated: a retry of a failing fence agent with 3s of its 8s "
                                                 "timeout left")):
        lab.advance(60)


def test_stonith_admin_timeout_counts_the_retries() -> None:
    """A manual reboot whose first device fails (two runs, 11 s) before virsh fences (3 s): 14 s in all, which a
    --timeout of 14 may not outlast (refused by name), and 15 may."""
    lab = lab_with(IPMI, VIRSH)
    lab.break_fence_device("ipmi-n2")
    refused = lab.run("node1", "stonith_admin --reboot node2 --timeout 14")
    assert refused.rc == 69 and "may outlast (up to 14s here" in refused.stderr
    start = lab.now
    assert lab.run("node1", "stonith_admin --reboot node2 --timeout 15").rc == 0
    lab.advance(20)
    lines = [m for _, _, m in fenced(lab, start)]
    assert "Attempt 2 to execute fence_ipmilan (reboot). remaining timeout is 10" in lines
    assert [e.ok for e in lab.events if isinstance(e, NodeFenced) and e.time >= start] == [True]
