"""pacemaker-execd and the controller's operation history, in virtual time.

What it owns: running an operation on its node (through the executor, the ground truth of what
runs), how long it takes or when it times out, the agent's own log lines, recording each result
in the node's operation history (lrm_rsc_op), and the recurring monitors, which run on their node
at their interval and report only changes (a failure counts against the resource and wakes the DC).

What it receives: the CIB store, the executor, the clock, the event stream (`emit`), the
membership's node ids, whether a node's Pacemaker runs, attrd (fail counts, agent attributes), and
`failed(node)`, the controller's "a monitor found a failure here" call.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

from lxml import etree

from halab_kernel import values
from halab_kernel.model import ActionFinished, ActionStarted, Event, LogLine
from halab_kernel.sim.agents.connectivity import PingRun, is_ping, ping_run
from halab_kernel.sim.clock import Clock, Timer
from halab_kernel.sim.pacemaker.attrd import Attrd
from halab_kernel.sim.pacemaker.cib.references import instance_parameters
from halab_kernel.sim.pacemaker.cibstore import CibStore
from halab_kernel.sim.pacemaker.digests import DEFAULT_TIMEOUT_MS, operation_timeout_ms
from halab_kernel.sim.pacemaker.durations import PROBE_SECONDS, operation_seconds
from halab_kernel.sim.pacemaker.executor import (
    OCF_ERR_CONFIGURED, OCF_ERR_GENERIC, OCF_ERR_INSTALLED, OCF_NOT_RUNNING, RESULT_TEXT, TIMED_OUT, Executor, Outcome,
)
from halab_kernel.sim.pacemaker.graph import GraphAction

TRANSITION_UUID = "5c4b1d2e-7a0f-4b6e-9d41-00000000cafe"

MonitorKey = tuple[str, str, int]  # (node, resource, interval in ms)


def agent_problem(primitive: etree._Element | None) -> Outcome | None:
    """What the resource agent says before doing anything: unknown agent, missing required parameter."""
    from halab_kernel.sim.agents.metadata import find_agent

    if primitive is None:
        return None
    name = ":".join(p for p in (primitive.get("class"), primitive.get("provider"), primitive.get("type")) if p)
    agent = find_agent(name)
    if agent is None:
        return Outcome(OCF_ERR_INSTALLED, reason=f"Agent {name} is not installed")
    params = instance_parameters(primitive)  # what the agent is called with: references resolved
    given = set(params)
    supplied_by_fencer = ("action", "port", "plug", "nodename") if agent.is_stonith else ()
    missing = [p.name for p in agent.parameters if p.required and p.name not in given
               and p.name not in supplied_by_fencer]
    if missing:
        return Outcome(OCF_ERR_CONFIGURED, reason=f"{missing[0]} must be configured")
    from halab_kernel.sim.agents.validation import start_refusal  # the agent's own checks (operator's models)

    refusal = start_refusal(name, params)
    if refusal is not None:
        return Outcome(refusal.rc, reason=refusal.exit_reason, probe_rc=refusal.probe_rc, log=refusal.log)
    return None


def not_running_reason(primitive: etree._Element | None) -> str:
    """The exit reason an agent gives when its monitor finds the resource gone (Dummy's, as captured)."""
    if primitive is not None and primitive.get("type") == "Dummy":
        return "No process state file found"
    return ""


@dataclass(frozen=True)
class OperationResult:
    """What execd reports back when an operation of a transition ends."""

    rc: int
    timed_out: bool
    reason: str
    seconds: float
    promotion: int | None = None  # a promotable agent's promotion score now (-1: remove it)
    ping: PingRun | None = None  # a ping start or monitor that ran to its end


class Execd:
    """Every node's executor daemon: operations, their history, the recurring monitors."""

    def __init__(self, cib: CibStore, executor: Executor, clock: Clock, emit: Callable[[Event], None],
                 node_id: Callable[[str], int], pacemaker_up: Callable[[str], bool], attrd: Attrd,
                 failed: Callable[[str], None]) -> None:
        self.cib = cib
        self.executor = executor
        self.clock = clock
        self.emit = emit
        self.node_id = node_id
        self.pacemaker_up = pacemaker_up
        self.attrd = attrd
        self.failed = failed
        # (node, resource) -> interval in ms -> its timer: cancelling a resource's monitors on a
        # stop reads its own few, not every monitor of the cluster (quadratic at 500 resources)
        self._monitors: dict[tuple[str, str], dict[int, Timer]] = {}
        self._last_monitor_rc: dict[MonitorKey, int] = {}
        self._expected_rc: dict[MonitorKey, int] = {}  # 8 for a promoted instance's monitor
        # per configuration: resource -> what its agent says before doing anything (agent_problem)
        self._problems: tuple[object, dict[str, Outcome | None]] = (None, {})
        # per configuration: (resource, operation, interval ms) -> its timeout (s), read at every result
        self._timeouts: tuple[object, dict[tuple[str, str, int], float]] = (None, {})

    # --- operations of a transition ---------------------------------------------------------

    def execute(self, action: GraphAction, dc: str, done: Callable[[OperationResult], None]) -> None:
        """Run `action` on its node for the DC `dc`; `done` gets the result when the agent returns (or
        times out). A node already dead gets the request but never answers."""
        primitive = self.cib.primitive(action.resource or "")
        agent_class = primitive.get("class", "ocf") if primitive is not None else "ocf"
        agent_type = primitive.get("type", "Dummy") if primitive is not None else "Dummy"
        seconds = PROBE_SECONDS if action.is_probe else operation_seconds(agent_class, agent_type, action.task)
        if action.task in ("stop", "promote", "demote"):
            self.cancel_monitors(action.node, action.resource or "")  # recurring ops are cancelled first
        self.emit(ActionStarted(self.clock.now, action.node, resource=action.resource or "", action=action.task,
                                interval_ms=action.interval_ms, dc=dc))
        if not self.pacemaker_up(action.node):
            return  # sent to a node that is already dead: no answer comes; the next membership change aborts
        outcome = self.executor.perform(action.node, action.resource or "", action.task, action.interval_ms,
                                        self._problem(action.resource or "", primitive), agent_type)
        for text in outcome.log:  # the agent's own log lines, as syslog shows them
            self.emit(LogLine(self.clock.now, action.node, daemon=f"{agent_type}({action.resource})",
                              level=text.split(":", 1)[0], text=text.split(": ", 1)[-1]))
        timeout = self._timeout_of(action.resource or "", action.task, action.interval_ms)
        ping: PingRun | None = None
        if action.task in ("start", "monitor") and outcome.rc == 0 and is_ping(primitive):
            outcome, seconds, ping = self._ping(action.node, primitive, outcome, timeout)
        if outcome.hangs:
            seconds = timeout
        result = OperationResult(outcome.rc, outcome.hangs, outcome.reason, seconds, outcome.promotion, ping)
        self.clock.call_later(seconds, lambda: self._ping_done(action.node, primitive, ping, lambda: done(result)))

    def _ping(self, node: str, primitive: etree._Element, outcome: Outcome,
              timeout: float) -> tuple[Outcome, float, PingRun | None]:
        """A ping start or monitor (a probe too: its pidfile is there) that the executor let run: it takes seconds,
        is killed at its timeout before it hands attrd a value, and fails (1, no exit reason) on a score below
        `failure_score`, after handing attrd that score."""
        ping = ping_run(primitive, int(timeout * 1000), functools.partial(self.attrd.can_talk, node))
        if ping.seconds >= timeout:
            return TIMED_OUT, timeout, None
        return (Outcome(OCF_ERR_GENERIC) if ping.below_failure_score else outcome), ping.seconds, ping

    def _ping_done(self, node: str, primitive: etree._Element | None, ping: PingRun | None,
                   then: Callable[[], None]) -> None:
        """The agent's warning as it returns below `failure_score` (ocf_log warn, syslog)."""
        if ping is not None and ping.below_failure_score and primitive is not None and self.pacemaker_up(node):
            params = instance_parameters(primitive)
            self.emit(LogLine(self.clock.now, node, daemon=f"ping({primitive.get('id')})", level="WARNING",
                              text=f"{params.get('name') or 'pingd'} is less than "
                                   f"failure_score({params.get('failure_score') or 0})"))
        then()

    def _problem(self, rsc: str, primitive: etree._Element | None) -> Outcome | None:
        """`agent_problem(primitive)`, once per resource and configuration: it reads only the primitive."""
        key = self.cib.configuration_key()
        if self._problems[0] != key:
            self._problems = (key, {})
        known = self._problems[1]
        if rsc not in known:
            known[rsc] = agent_problem(primitive)
        return known[rsc]

    def record(self, action: GraphAction, transition: int, result: OperationResult) -> None:
        """Write the result into the node's history, announce it, and keep the monitors and the
        agent's attributes in step with it."""
        node, rsc = action.node, action.resource or ""
        key = f"{action.id}:{transition}:{action.expected_rc}:{TRANSITION_UUID}"
        timeout_ms = int(self._timeout_of(action.resource or "", action.task, action.interval_ms) * 1000)
        self.cib.record_operation(node, self.node_id(node), rsc, action.task, action.interval_ms, result.rc,
                                  transition_key=key, when=self._unix_now(), exec_ms=int(result.seconds * 1000),
                                  op_status=2 if result.timed_out else 0, exit_reason=result.reason,
                                  timeout_ms=timeout_ms)
        text = "Timed Out" if result.timed_out else RESULT_TEXT.get(result.rc, f"rc={result.rc}")
        self.emit(ActionFinished(self.clock.now, node, resource=rsc, action=action.task, result=text, rc=result.rc,
                                 interval_ms=action.interval_ms, reason=result.reason,
                                 timeout_ms=timeout_ms if result.timed_out else 0))
        if action.task == "stop" and result.rc == 0:
            self.cancel_monitors(node, rsc)
        self.attrd.agent_attributes(node, rsc, action.task, result.rc, result.ping)
        if action.task == "monitor" and action.interval_ms and result.rc == action.expected_rc:
            self._start_monitor(node, rsc, action.interval_ms, result.rc)

    def bookkeeping(self, action: GraphAction) -> bool:
        """`cancel`: the executor cancels the monitor and the controller deletes its record;
        `delete`: the controller deletes the resource's history on the node; `clear_failcount`:
        attrd forgets the resource's fail counts there and the controller its last failure.
        True when a fail count changed (the DC then computes afresh)."""
        rsc = action.resource or ""
        if action.task == "delete":
            self.cib.clear_resource_history(rsc, action.node)
        elif action.task == "clear_failcount":
            self.attrd.clear_failures(action.node, rsc)
            self.cib.forget_record(action.node, rsc, f"{rsc}_last_failure_0")
            return True
        else:
            timer = self._monitors.get((action.node, rsc), {}).pop(action.interval_ms, None)
            if timer is not None:
                timer.cancel()
            self.cib.forget_record(action.node, rsc, f"{rsc}_monitor_{action.interval_ms}")
        return False

    def simulate_failure(self, node: str, rsc: str) -> None:
        """`crm_resource --fail`: a failed asynchronous monitor is recorded, as if the agent had
        reported an error; the resource itself keeps running until recovery stops it."""
        self.cib.record_operation(node, self.node_id(node), rsc, "asyncmon", 0, 1,
                                  transition_key=f"0:0:0:{TRANSITION_UUID}", when=self._unix_now(), exec_ms=0,
                                  exit_reason="Simulated failure")
        self.attrd.count_failure(node, rsc, "asyncmon", 0)

    def _timeout_of(self, rsc: str, task: str, interval_ms: int) -> float:
        """The operation's configured timeout (s), once per operation and configuration."""
        config = self.cib.configuration_key()
        if self._timeouts[0] != config:
            self._timeouts = (config, {})
        known = self._timeouts[1]
        key = (rsc, task, interval_ms)
        if key not in known:
            primitive = self.cib.primitive(rsc)
            known[key] = DEFAULT_TIMEOUT_MS / 1000 if primitive is None \
                else operation_timeout_ms(primitive, task, interval_ms) / 1000
        return known[key]

    # --- recurring monitors ---------------------------------------------------------------

    def node_stopped(self, node: str) -> None:
        """Pacemaker on `node` is gone: so are its monitors."""
        for key in [key for key in self._monitors if key[0] == node]:
            for timer in self._monitors.pop(key).values():
                timer.cancel()

    def cancel_monitors(self, node: str, rsc: str) -> None:
        for timer in self._monitors.pop((node, rsc), {}).values():
            timer.cancel()

    def next_monitor(self, node: str, rsc: str, interval_ms: int) -> float | None:
        """When the next run of `rsc`'s recurring monitor on `node` begins; None while one runs, or without one."""
        timer = self._monitors.get((node, rsc), {}).get(interval_ms)
        due = timer is not None and getattr(timer.action, "func", None) == self._monitor_due
        return timer.due if timer is not None and due else None

    def _start_monitor(self, node: str, rsc: str, interval_ms: int, expected_rc: int = 0) -> None:
        key = (node, rsc, interval_ms)
        timers = self._monitors.setdefault((node, rsc), {})
        if interval_ms in timers:
            return
        self._last_monitor_rc[key] = self._expected_rc[key] = expected_rc
        timers[interval_ms] = self.clock.call_later(interval_ms / 1000, functools.partial(self._monitor_due, key))

    def _monitor_due(self, key: MonitorKey) -> None:
        node, rsc, interval_ms = key
        if not self.pacemaker_up(node):
            self._monitors.get((node, rsc), {}).pop(interval_ms, None)
            return
        outcome = self.executor.monitor(node, rsc, interval_ms)
        primitive = self.cib.primitive(rsc)
        if outcome.rc == 0 and is_ping(primitive):  # pings take seconds; every other monitor returns at once
            outcome, seconds, ping = self._ping(node, primitive, outcome, self._timeout_of(rsc, "monitor", interval_ms))
            # in flight, it is cancelled as the monitor would be; the next run is due an interval after it ends
            self._monitors.setdefault((node, rsc), {})[interval_ms] = self.clock.call_later(
                seconds, functools.partial(self._ping_done, node, primitive, ping,
                                           functools.partial(self._monitor_done, key, outcome, seconds, ping)))
            return
        self._monitor_done(key, outcome, 0.0)

    def _monitor_done(self, key: MonitorKey, outcome: Outcome, seconds: float, ping: PingRun | None = None) -> None:
        node, rsc, interval_ms = key
        if not self.pacemaker_up(node):
            self._monitors.get((node, rsc), {}).pop(interval_ms, None)
            return
        self.attrd.agent_attributes(node, rsc, "monitor", outcome.rc, ping)
        if outcome.rc == OCF_NOT_RUNNING and not outcome.reason:
            outcome = Outcome(outcome.rc, reason=not_running_reason(self.cib.primitive(rsc)))
        timers = self._monitors.get((node, rsc))  # (setdefault would build a dict at each of 175,000 runs an hour)
        if timers is None:
            timers = self._monitors[(node, rsc)] = {}
        timers[interval_ms] = self.clock.call_later(interval_ms / 1000, functools.partial(self._monitor_due, key))
        if outcome.rc == self._last_monitor_rc.get(key):
            return
        self._last_monitor_rc[key] = outcome.rc
        timeout_ms = int(self._timeout_of(rsc, "monitor", interval_ms) * 1000)
        self.cib.record_operation(node, self.node_id(node), rsc, "monitor", interval_ms, outcome.rc,
                                  transition_key=f"0:0:{self._expected_rc.get(key, 0)}:{TRANSITION_UUID}",
                                  when=self._unix_now(), exec_ms=int(seconds * 1000),
                                  op_status=2 if outcome.hangs else 0, exit_reason=outcome.reason,
                                  timeout_ms=timeout_ms)
        self.emit(ActionFinished(self.clock.now, node, resource=rsc, action="monitor",
                                 result="Timed Out" if outcome.hangs else RESULT_TEXT.get(outcome.rc, f"rc={outcome.rc}"),
                                 rc=outcome.rc, interval_ms=interval_ms, reason=outcome.reason,
                                 timeout_ms=timeout_ms if outcome.hangs else 0))
        if outcome.rc != self._expected_rc.get(key, 0):
            self.attrd.count_failure(node, rsc, "monitor", interval_ms)
            self.failed(node)

    def _unix_now(self) -> int:
        return values.unix_time(self.clock.now)
