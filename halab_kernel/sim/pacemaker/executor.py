"""What really runs on each node: the resource agents' side of the simulation.

The scheduler decides from the CIB; the executor is the ground truth the CIB
is written from. A resource is active on a node after a successful start and
until a successful stop, a crash of the node, or an injected failure. Faults a
student can inject: a resource dying (the next monitor finds it not running),
a start or a stop that fails, an operation that hangs until its timeout.
"""

from __future__ import annotations

from dataclasses import dataclass

OCF_SUCCESS = 0
OCF_ERR_GENERIC = 1
OCF_ERR_INSTALLED = 5
OCF_ERR_CONFIGURED = 6
OCF_NOT_RUNNING = 7
OCF_RUNNING_PROMOTED = 8
OCF_FAILED_PROMOTED = 9
PROMOTABLE_AGENTS = ("Stateful",)
UNPROMOTED_SCORE, PROMOTED_SCORE = 5, 10

RESULT_TEXT = {OCF_SUCCESS: "ok", OCF_ERR_GENERIC: "error", OCF_ERR_INSTALLED: "not installed",
               OCF_ERR_CONFIGURED: "invalid parameter", OCF_NOT_RUNNING: "not running",
               OCF_RUNNING_PROMOTED: "promoted", OCF_FAILED_PROMOTED: "promoted (failed)"}


@dataclass(frozen=True)
class Outcome:
    rc: int
    hangs: bool = False  # the operation never returns: the controller times it out
    reason: str = ""
    promotion: int | None = None  # a promotable agent's own promotion score now (-1: remove it)
    probe_rc: int | None = None  # a problem a probe does not see (IPaddr2 checks its parameters on start only)
    log: tuple[str, ...] = ()  # what the agent itself logs ("ERROR: IP address [..] not valid.")


# an operation the executor killed at its timeout
TIMED_OUT = Outcome(OCF_ERR_GENERIC, hangs=True, reason="Process did not exit within specified timeout")


class Executor:
    """Per-node resource reality, and the faults waiting to happen."""

    def __init__(self) -> None:
        self.active: dict[str, set[str]] = {}
        self.promoted: set[tuple[str, str]] = set()   # (node, rsc) running in the promoted role
        self._armed: dict[tuple[str, str, str], str] = {}  # (node, rsc, operation) -> "fail" | "hang"

    def is_active(self, node: str, rsc: str) -> bool:
        return rsc in self.active.get(node, set())

    def where(self, rsc: str) -> list[str]:
        return sorted(node for node, resources in self.active.items() if rsc in resources)

    def node_lost(self, node: str) -> None:
        """The node crashed, lost power or was fenced: nothing runs there any more."""
        self.active.pop(node, None)
        self.promoted = {(n, r) for n, r in self.promoted if n != node}
        for key in [key for key in self._armed if key[0] == node]:
            del self._armed[key]

    def resource_dies(self, node: str, rsc: str) -> None:
        """The process behind the resource died: the next monitor will notice."""
        self.active.get(node, set()).discard(rsc)
        self.promoted.discard((node, rsc))

    def arm(self, node: str, rsc: str, operation: str, how: str = "fail") -> None:
        """Make the next `operation` of `rsc` on `node` fail ("fail") or hang until its timeout ("hang")."""
        self._armed[(node, rsc, operation)] = how

    def monitor(self, node: str, rsc: str, interval_ms: int) -> Outcome:
        """A recurring monitor: `perform(node, rsc, "monitor", interval_ms)`, with the common case (nothing
        armed) answered at once; it runs every interval for every resource on every node."""
        if (node, rsc, "monitor") in self._armed:
            return self.perform(node, rsc, "monitor", interval_ms)
        if rsc not in self.active.get(node, ()):
            return _NOT_RUNNING
        return _RUNNING_PROMOTED if (node, rsc) in self.promoted else _RUNNING

    def perform(self, node: str, rsc: str, operation: str, interval_ms: int, problem: Outcome | None = None,
                agent_type: str = "") -> Outcome:
        """Run an operation. `problem`: what the agent itself reports before doing anything
        (not installed, a required parameter missing), as its validation would."""
        outcome = self._perform(node, rsc, operation, interval_ms, problem)
        if agent_type not in PROMOTABLE_AGENTS or outcome.hangs:
            return outcome
        if operation == "monitor" and not interval_ms and outcome.rc in (OCF_SUCCESS, OCF_RUNNING_PROMOTED):
            pass        # a probe that finds it running restores its promotion score
        elif operation not in ("start", "stop", "promote", "demote") or outcome.rc != OCF_SUCCESS:
            return outcome
        if operation == "stop":
            return Outcome(outcome.rc, reason=outcome.reason, promotion=-1)
        score = PROMOTED_SCORE if (node, rsc) in self.promoted else UNPROMOTED_SCORE
        return Outcome(outcome.rc, reason=outcome.reason, promotion=score)

    def _perform(self, node: str, rsc: str, operation: str, interval_ms: int, problem: Outcome | None) -> Outcome:
        if problem is not None and operation in ("start", "monitor") and not self.is_active(node, rsc):
            if operation == "monitor" and problem.probe_rc is not None:
                return Outcome(problem.probe_rc)
            return problem
        armed = self._armed.pop((node, rsc, operation), None)
        if armed == "hang":
            return TIMED_OUT
        running = self.is_active(node, rsc)
        if operation == "start":
            if armed == "fail":
                return Outcome(OCF_ERR_GENERIC, reason="Simulated start failure")
            self.active.setdefault(node, set()).add(rsc)
            return Outcome(OCF_SUCCESS)
        if operation == "stop":
            if armed == "fail":
                return Outcome(OCF_ERR_GENERIC, reason="Simulated stop failure")
            self.active.get(node, set()).discard(rsc)
            self.promoted.discard((node, rsc))
            return Outcome(OCF_SUCCESS)
        if operation in ("promote", "demote"):
            if armed == "fail":
                return Outcome(OCF_ERR_GENERIC, reason="Simulated failure")
            if not running:
                return Outcome(OCF_NOT_RUNNING)
            if operation == "promote":
                self.promoted.add((node, rsc))
            else:
                self.promoted.discard((node, rsc))
            return Outcome(OCF_SUCCESS)
        if armed == "fail" and interval_ms:
            self.resource_dies(node, rsc)
            return Outcome(OCF_NOT_RUNNING, reason="Simulated failure")
        if not running:
            return Outcome(OCF_NOT_RUNNING)
        return Outcome(OCF_RUNNING_PROMOTED if (node, rsc) in self.promoted else OCF_SUCCESS)


_RUNNING, _RUNNING_PROMOTED, _NOT_RUNNING = Outcome(OCF_SUCCESS), Outcome(OCF_RUNNING_PROMOTED), Outcome(OCF_NOT_RUNNING)
