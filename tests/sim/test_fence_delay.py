"""How long fenced waits before a fence action: schedule_stonith_command (Pacemaker 2.1.5) counts
pcmk_delay_base and pcmk_delay_max in whole seconds and draws `rand() % (max - base) + base`."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from halab_kernel import Lab, values
from halab_kernel.model import LogLine, NodeFenced
from halab_kernel.sim.pacemaker.fenced import delay_range
from tests.sim.topology import set_property


@pytest.mark.parametrize("params, target, expected", [
    ({}, "node1", (0, 0)),
    ({"pcmk_delay_max": "5s"}, "node1", (0, 4)),             # 0, 1, 2, 3 or 4 s: never 5
    ({"pcmk_delay_base": "2s", "pcmk_delay_max": "5s"}, "node1", (2, 4)),
    ({"pcmk_delay_base": "5s"}, "node1", (5, 5)),             # max 0: the base alone
    ({"pcmk_delay_base": "8s", "pcmk_delay_max": "5s"}, "node1", (5, 5)),  # base cut to the maximum
    ({"pcmk_delay_base": "500ms"}, "node1", (0, 0)),          # 500 ms / 1000: no delay at all
    ({"pcmk_delay_max": "2500ms"}, "node1", (0, 1)),
    ({"pcmk_delay_base": "node1:0s;node2:5s"}, "node2", (5, 5)),
    ({"pcmk_delay_base": "node1:0s;node2:5s"}, "node1", (0, 0)),
])
def test_delay_range_in_whole_seconds(params, target, expected):
    assert delay_range(params, target) == expected


def test_the_logged_delays_are_whole_seconds_below_the_maximum():
    seen = set()
    for seed in range(8):
        lab = Lab.simulated(nodes=2, seed=seed, corosync={"quorum": {"two_node": 1}})
        assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
        set_property(lab, "stonith-enabled", "true")
        assert lab.run("node1", "pcs stonith create fence fence_dummy pcmk_delay_max=3s").ok
        lab.advance(10)
        lab.partition(["node1"], ["node2"])
        lab.advance(40)
        assert any(isinstance(e, NodeFenced) for e in lab.events)
        log = "\n".join(e.text for e in lab.events if isinstance(e, LogLine))  # a node shot in a race may still be booting
        delays = re.findall(r"Delaying 'reboot' action targeting node\d using fence for (\d+)s \| timeout=60s "
                            r"requested_delay=0s base=0s max=3s", log)
        # 1.2 x (stonith-timeout 60 + pcmk_delay_max 3) = 75; the second figure is stonith-watchdog-timeout (2.1.5)
        requests = re.findall(r"targeting node\d \| for client \S+ \(75s, 0s\)", log)
        seen.update([0] * (len(requests) - len(delays)) + [int(n) for n in delays])  # 0 s: no "Delaying" line
    assert seen == {0, 1, 2}   # the first device's delay, drawn by the peer that runs it: 3 is never drawn


def _manual_lab(params: str, seed: int = 1) -> Lab:
    """Three nodes, one fence_xvm device (3 s a shot) with `params`, running on node3."""
    lab = Lab.simulated(nodes=3, seed=seed)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    for command in ("pcs property set stonith-enabled=true",
                    f'pcs stonith create fx fence_xvm pcmk_host_list="node1 node2 node3" {params}',
                    "pcs constraint location fx prefers node3"):
        assert lab.run("node1", command).ok, command
    lab.advance(30)
    return lab


def _delaying(lab: Lab, since: float) -> list[str]:
    return [line.split("(schedule_stonith_command) \tnotice: ")[1] for line in lab.logs(since=since).line
            if "schedule_stonith_command" in line]


# The real fenced (2.1.5, pacemaker-fenced -s, fence_dummy with pcmk_delay_base=3s) for stonith_admin --reboot:
# "Delaying 'reboot' action targeting node2 using dummy1 for 3s | timeout=120s requested_delay=0s base=3s max=3s",
# with --delay 2 "... for 5s | timeout=120s requested_delay=2s base=3s max=3s", with --delay -1 no delay at all.
@pytest.mark.parametrize("command, delayed, line", [
    ("pcs stonith fence node2", 3, "for 3s | timeout=120s requested_delay=0s base=3s max=3s"),
    ("stonith_admin --reboot node2", 3, "for 3s | timeout=120s requested_delay=0s base=3s max=3s"),
    ("stonith_admin --reboot node2 --delay 2", 5, "for 5s | timeout=120s requested_delay=2s base=3s max=3s"),
    ("stonith_admin -B node2 -y 0x2", 5, "for 5s | timeout=120s requested_delay=2s base=3s max=3s"),
    ("stonith_admin --reboot node2 --delay -1", 0, None),
    ("stonith_admin --reboot node2 --timeout 30", 3, "for 3s | timeout=30s requested_delay=0s base=3s max=3s"),
    ("stonith_admin -B node2 -t 60 -y 2", 5, "for 5s | timeout=60s requested_delay=2s base=3s max=3s"),
])
def test_a_manual_fencing_waits_the_device_delay_and_the_requested_one(command, delayed, line):
    lab = _manual_lab("pcmk_delay_base=3s")
    start = lab.now
    assert lab.run("node1", command).ok
    lab.advance(20)
    logged = _delaying(lab, start)
    assert logged == ([] if line is None else [f"Delaying 'reboot' action targeting node2 using fx {line}"])
    shot = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]
    assert [(e.target, e.time - start) for e in shot] == [("node2", delayed + 3.0)]  # then fence_xvm's 3 s
    when = datetime.fromtimestamp(values.unix_time(start + delayed + 3.0), tz=timezone.utc)
    assert lab.run("node1", "stonith_admin --history node2").stdout == (
        "reboot of node2 successful: delegate=node3, client=stonith_admin.2204, origin=node1, "
        f"last-successful='{when:%Y-%m-%d %H:%M:%S}Z'\n1 event found\n")


def test_a_manual_fencing_draws_its_random_delay_below_pcmk_delay_max():
    seen = set()
    for seed in range(8):
        lab = _manual_lab("pcmk_delay_max=3s", seed)
        start = lab.now
        assert lab.run("node1", "pcs stonith fence node2").ok
        lab.advance(20)
        shot = next(e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start)
        seen.add(shot.time - start - 3.0)
    assert seen == {0.0, 1.0, 2.0}  # rand() % (3 - 0): never 3


@pytest.mark.parametrize("value, message", [
    ("abc", "stonith_admin: Cannot parse integer value \u201cabc\u201d for --delay\n"),
    ("99999999999", "stonith_admin: Integer value \u201c99999999999\u201d for --delay out of range\n"),
    ("08", "stonith_admin: Cannot parse integer value \u201c08\u201d for --delay\n"),
])
def test_a_delay_glib_cannot_read_is_refused_as_the_real_tool_does(value, message):
    lab = _manual_lab("")
    result = lab.run("node1", f"stonith_admin --reboot node2 --delay {value}")
    assert (result.rc, result.stdout, result.stderr) == (64, "", message)


def test_glib_reads_the_delay_whatever_the_command():
    lab = _manual_lab("")
    result = lab.run("node1", "stonith_admin --history '*' --delay 1x")
    assert (result.rc, result.stderr) == (64, "stonith_admin: Cannot parse integer value \u201c1x\u201d for --delay\n")
    assert lab.run("node1", "stonith_admin --history '*' -y 3").stdout == "0 events found\n"


@pytest.mark.parametrize("command", ["stonith_admin --reboot node2 --timeout 5", "stonith_admin -B node2 -t 8 -y 2",
                                     "stonith_admin --reboot node2 --timeout 0"])
def test_a_timeout_the_fencing_may_outlast_is_refused_and_nothing_is_fenced(command):
    """Real fenced times out a request whose delay and agents outlast its --timeout; the simulator does not
    model that, so the request is refused by name before anything happens (3 s delay + fence_xvm's 3 s here)."""
    lab = _manual_lab("pcmk_delay_base=3s")
    start = lab.now
    result = lab.run("node1", command)
    assert result.rc == 69 and "not simulated: a --timeout of" in result.stderr and "halab rig up" in result.stderr
    lab.advance(20)
    assert not [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]


def test_a_timeout_glib_cannot_read_is_refused_as_the_real_tool_does():
    result = _manual_lab("").run("node1", "stonith_admin --reboot node2 -t abc")
    assert (result.rc, result.stdout, result.stderr) == (64, "", "stonith_admin: Cannot parse integer value \u201cabc\u201d for -t\n")
