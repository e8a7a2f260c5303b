"""ocf:pacemaker:ping's return codes and what it hands attrd, against the real 2.1.5 agent, then in a lab.

The real agent runs in a network namespace (test_ping_timing's quiet_peer) with an `attrd_updater` stub first
on its PATH that records its arguments and succeeds, so that its return code is the agent's own; without the
stub (no cluster in the namespace) attrd_updater fails and its failure is what the agent returns.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from halab_kernel import Lab
from halab_kernel.sim.agents.connectivity import ping_run
from tests.sim import test_ping_timing
from tests.sim.test_ping_timing import AGENT, TARGET, _primitive

quiet_peer = test_ping_timing.quiet_peer  # the fixture: a namespace whose peer at TARGET ignores echoes

ANSWERS = "10.9.9.1"  # the namespace's own address
GATEWAY = "10.200.0.1"


def _agent(namespace: str, tmp_path: Path, action: str, pidfile: Path, stub: bool = True,
           **params: str) -> tuple[int, float, list[str], str]:
    """rc, seconds, the attrd_updater calls and the agent's output of one run of the real agent."""
    calls = tmp_path / "attrd_updater.calls"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "attrd_updater").write_text('#!/bin/sh\nprintf "%s\\n" "$*" >> "$ATTRD_CALLS"\n')
    (bin_dir / "attrd_updater").chmod(0o755)
    path = os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
    env = {"PATH": f"{bin_dir}:{path}" if stub else path, "ATTRD_CALLS": str(calls), "OCF_ROOT": "/usr/lib/ocf",
           "OCF_RESOURCE_INSTANCE": "ping", "OCF_RESKEY_pidfile": str(pidfile), "OCF_RESKEY_use_fping": "0"}
    env.update({f"OCF_RESKEY_{name}": value for name, value in params.items()})
    calls.write_text("")
    began = time.monotonic()
    run = subprocess.run(["ip", "netns", "exec", namespace, str(AGENT), action], env=env, timeout=60,
                         capture_output=True, text=True)
    return run.returncode, time.monotonic() - began, calls.read_text().splitlines(), run.stdout + run.stderr


@pytest.mark.parametrize("failure_score, fails", [("", False), ("1000", False), ("1001", True), ("2001", True),
                                                  ("abc", False)])
def test_a_score_below_failure_score_fails_start_and_monitor_after_handing_attrd_the_score(
        quiet_peer: str, tmp_path: Path, failure_score: str, fails: bool) -> None:
    params = {"host_list": f"{ANSWERS} {TARGET}", "multiplier": "1000", "attempts": "1", "timeout": "1",
              "failure_score": failure_score}
    pidfile = tmp_path / f"ping-{uuid.uuid4().hex}"
    start_rc, _, start_calls, _ = _agent(quiet_peer, tmp_path, "start", pidfile, **params)
    monitor_rc, seconds, monitor_calls, output = _agent(quiet_peer, tmp_path, "monitor", pidfile, **params)
    assert (start_rc, monitor_rc) == ((1, 1) if fails else (0, 0)), output
    assert start_calls == ["-n pingd -B 1000 -d 5s"] and monitor_calls == ["-n pingd -v 1000 -d 5s"]
    assert ("WARNING: pingd is less than failure_score" in output) == fails
    modelled = ping_run(_primitive(**params), 20000, lambda host: host == ANSWERS)
    assert (modelled.score, modelled.below_failure_score) == (1000, fails)
    assert abs(seconds - modelled.seconds) < 0.5, (seconds, modelled.seconds)  # 0 s answered + 1 s lost


def test_an_attribute_of_another_name(quiet_peer: str, tmp_path: Path) -> None:
    params = {"host_list": TARGET, "name": "uplink", "attempts": "1", "timeout": "1", "failure_score": "1"}
    rc, _, calls, output = _agent(quiet_peer, tmp_path, "start", tmp_path / f"ping-{uuid.uuid4().hex}", **params)
    assert (rc, calls) == (1, ["-n uplink -B 0 -d 5s"]) and "WARNING: uplink is less than failure_score(1)" in output
    lab = _lab(f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY} name=uplink multiplier=7 clone")
    assert lab.run("node2", "crm_attribute -N node2 -n uplink -l reboot -G -q").stdout.strip() == "7"
    assert _pingd(lab, "node2") == ""


def test_without_a_cluster_attrd_updaters_failure_is_what_the_agent_returns(quiet_peer: str, tmp_path: Path) -> None:
    """Why the stub: the real attrd_updater cannot reach attrd in the namespace, and the agent returns before it
    compares with failure_score (start: attrd_updater's own rc; monitor: 1)."""
    params = {"host_list": ANSWERS, "attempts": "1"}
    pidfile = tmp_path / f"ping-{uuid.uuid4().hex}"
    start_rc, *_ = _agent(quiet_peer, tmp_path, "start", pidfile, stub=False, **params)
    monitor_rc, *_ = _agent(quiet_peer, tmp_path, "monitor", pidfile, stub=False, **params)
    assert (start_rc, monitor_rc) == (102, 1)


def test_a_start_whose_target_is_lost_succeeds_with_a_score_of_zero(quiet_peer: str, tmp_path: Path) -> None:
    params = {"host_list": TARGET, "attempts": "2", "timeout": "2", "dampen": "7s"}
    rc, seconds, calls, _ = _agent(quiet_peer, tmp_path, "start", tmp_path / f"ping-{uuid.uuid4().hex}", **params)
    modelled = ping_run(_primitive(**params), 20000, lambda host: False)
    assert (rc, calls) == (0, ["-n pingd -B 0 -d 7s"])
    assert modelled.score == 0 and not modelled.below_failure_score
    assert abs(seconds - modelled.seconds) < 0.5, (seconds, modelled.seconds)


def test_a_probe_pings_as_a_monitor_does(quiet_peer: str, tmp_path: Path) -> None:
    """A probe (monitor, interval 0) with the pidfile there pings and hands attrd its value; without it, 7 at once."""
    params = {"host_list": ANSWERS, "attempts": "2", "failure_score": "2"}
    pidfile = tmp_path / f"ping-{uuid.uuid4().hex}"
    assert _agent(quiet_peer, tmp_path, "monitor", pidfile, **params)[::2] == (7, [])
    pidfile.touch()
    rc, seconds, calls, _ = _agent(quiet_peer, tmp_path, "monitor", pidfile, **params)
    assert (rc, calls) == (1, ["-n pingd -v 1 -d 5s"]) and abs(seconds - 1.0) < 0.5


@pytest.mark.parametrize("attempts", ["0", "abc", "-1", "1.5", "+2", " 2", ""])
@pytest.mark.parametrize("timeout", ["", "1"])
def test_attempts_ping_refuses_count_no_host_at_once(quiet_peer: str, tmp_path: Path, attempts: str,
                                                     timeout: str) -> None:
    """0, negative, 1.5, abc: ping refuses -c (rc 1) and the agent counts no host, at once; +2 only without
    `timeout`, where the agent's expr fails on it and hands ping an empty -W (rc 2, an ERROR line the journal here
    lacks); ' 2' and '' (3) are fine."""
    params = {"host_list": ANSWERS, "attempts": attempts, "timeout": timeout, "failure_score": "1"}
    rc, seconds, calls, output = _agent(quiet_peer, tmp_path, "start", tmp_path / f"ping-{uuid.uuid4().hex}",
                                        CRM_meta_timeout="20000", **params)
    modelled = ping_run(_primitive(**params), 20000, lambda host: True)
    assert (rc, calls) == ((1, ["-n pingd -B 0 -d 5s"]) if modelled.below_failure_score
                           else (0, ["-n pingd -B 1 -d 5s"])), output
    assert abs(seconds - modelled.seconds) < 0.5, (seconds, modelled.seconds)
    empty_w = timeout == "" and attempts in ("0", "abc", "1.5", "+2")  # expr failed (-1: -W 5)
    assert ("ERROR: Unexpected result" in output) == empty_w, output  # that line is not modelled


# --- in a lab -------------------------------------------------------------------------------------------


def _lab(*commands: str) -> Lab:
    lab = Lab.simulated(3, seed=2)
    for command in ("pcs property set stonith-enabled=false", *commands):
        result = lab.run("node1", command)
        assert result.rc == 0, f"{command}: {result.stderr}"
    lab.advance(60)
    return lab


def _pingd(lab: Lab, node: str) -> str:
    return lab.run(node, f"crm_attribute -N {node} -n pingd -l reboot -G -q").stdout.strip()


def test_a_monitor_below_failure_score_fails_and_the_restart_failing_too_bans_the_node() -> None:
    """The monitor hands attrd 0 and returns 1 (error); Pacemaker recovers it (stop, start) and the start, below
    failure_score too, fails: start-failure-is-fatal keeps the clone's instance off the node."""
    lab = _lab(f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY} multiplier=1000 failure_score=1000 "
               "timeout=1 attempts=1 op monitor interval=5s clone")
    assert all(_pingd(lab, node) == "1000" for node in lab.node_names)
    lab.backend.sim.network.block("node2", GATEWAY)  # type: ignore[attr-defined]
    events = lab.advance(30)
    finished = [(e.action, e.result) for e in events if getattr(e, "resource", "") == "ping" and e.node == "node2"
                and type(e).__name__ == "ActionFinished"]
    assert ("monitor", "error") in finished and ("start", "error") in finished, finished
    status = lab.run("node1", "crm_mon -1").stdout
    assert "* ping start on node2 returned 'error'" in status, status  # its last failure: the start's
    assert "node2" not in [n for r in lab.state().resources if r.id.startswith("ping") for n in r.nodes]
    assert any("pingd is less than failure_score(1000)" in line for line in
               lab.run("node2", "journalctl").stdout.splitlines())


def test_a_target_that_flaps_within_the_dampening_is_never_written() -> None:
    """2.1.5 attrd restarts the dampening timer on every change of the value: 0 then 1000 again within `dampen`
    writes 1000 (no change) when the timer fires, never 0."""
    lab = _lab(f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY} dampen=20s timeout=1 attempts=1 "
               "op monitor interval=5s clone")
    network = lab.backend.sim.network  # type: ignore[attr-defined]
    seen = set()
    network.block("node2", GATEWAY)
    for _ in range(10):  # two monitors lose the echo (0), then the uplink comes back: 20 s of 0 never pass
        lab.advance(1)
        seen.add(_pingd(lab, "node2"))
    network.heal()
    for _ in range(40):
        lab.advance(1)
        seen.add(_pingd(lab, "node2"))
    assert seen == {"1"}


def test_a_value_repeated_does_not_restart_the_dampening() -> None:
    """A lasting cut: every monitor hands attrd 0 again, which leaves the running timer alone: 0 is written
    `dampen` after the first monitor that lost the echo."""
    lab = _lab(f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY} dampen=20s timeout=1 attempts=1 "
               "op monitor interval=5s clone")
    lab.backend.sim.network.block("node2", GATEWAY)  # type: ignore[attr-defined]
    for second in range(1, 40):
        lab.advance(1)
        if _pingd(lab, "node2") == "0":
            break
    assert 20 < second <= 20 + 6 + 1, second  # the first lost run ends within 6 s (5 s interval + 1 s lost echo)


def test_the_stops_delete_is_dampened_too() -> None:
    """attrd_updater -D is an update to no value (pcmk__attrd_api_delete): the attribute's dampening timer, made by
    the start's -B -d, delays it as any other change (update_attr_on_host)."""
    lab = _lab(f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY} dampen=20s op monitor interval=5s "
               "clone")
    assert lab.run("node1", "pcs resource disable ping-clone").rc == 0
    gone = None
    for second in range(1, 41):
        lab.advance(1)
        if gone is None and _pingd(lab, "node2") == "":
            gone = second
    assert gone is not None and 20 <= gone <= 23, gone
