"""The controller's "Result of ... operation" lines, as 2.1.5's log_executor_event writes them.

A completed operation is logged at notice whatever its result, with the agent's exit reason in
parentheses when it did not succeed (capture 06: "Result of monitor operation for dummy2 on node2:
not running (No process state file found)"); an operation that ran out of time is an error, "Timed
Out after" its timeout, with the executor's reason "Process did not exit within specified timeout"
(services_linux.c), which crm_mon's failed action repeats.
"""

from __future__ import annotations

from halab_kernel.model import ActionFinished
from tests.sim.topology import service_lab


def _result_lines(lab, resource: str, since: float) -> list[tuple[str, str]]:
    frame = lab.logs(since=since)
    picked = frame[frame["message"].str.startswith("Result of") & frame["message"].str.contains(f" for {resource} ")]
    return list(zip(picked["level"], picked["message"]))


def test_a_failed_dummy_monitor_is_a_notice_with_the_agents_reason_as_captured() -> None:
    lab = service_lab()
    start = lab.now
    lab.fail_resource("dummy2", "node2")
    assert lab.wait_until(lambda s: any(isinstance(e, ActionFinished) and e.time >= start and e.rc == 7
                                        and e.interval_ms for e in lab.events), timeout=20)
    assert ("notice", "Result of monitor operation for dummy2 on node2: not running (No process state file found)") \
        in _result_lines(lab, "dummy2", start)


def test_a_start_that_hangs_is_an_error_timed_out_after_its_timeout() -> None:
    lab = service_lab()
    lab.run("node1", "pcs resource update dummy2 op start timeout=25s")
    lab.advance(5)
    start = lab.now
    holder = lab.state().resource("dummy2").nodes[0]
    lab.fail_resource("dummy2", holder, op="start", hang=True)
    lab.fail_resource("dummy2", holder)
    assert lab.wait_until(lambda s: any(isinstance(e, ActionFinished) and e.time >= start and e.action == "start"
                                        and e.result == "Timed Out" for e in lab.events), timeout=120)
    lines = _result_lines(lab, "dummy2", start)
    assert ("error", f"Result of start operation for dummy2 on {holder}: Timed Out after 25s "
                     "(Process did not exit within specified timeout)") in lines
    failed = lab.run("node1", "crm_mon -1rf").output
    assert "could not be executed (Timed Out: Process did not exit within specified timeout)" in failed
