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

RESULT_TEXT = {OCF_SUCCESS: "ok", OCF_ERR_GENERIC: "error", OCF_ERR_INSTALLED: "not installed",
               OCF_ERR_CONFIGURED: "invalid parameter", OCF_NOT_RUNNING: "not running"}


@dataclass(frozen=True)
class Outcome:
    rc: int
    hangs: bool = False  # the operation never returns: the controller times it out
    reason: str = ""


class Executor:
    """Per-node resource reality, and the faults waiting to happen."""

    def __init__(self) -> None:
        self.active: dict[str, set[str]] = {}
        self._armed: dict[tuple[str, str, str], str] = {}  # (node, rsc, operation) -> "fail" | "hang"

    def is_active(self, node: str, rsc: str) -> bool:
        return rsc in self.active.get(node, set())

    def where(self, rsc: str) -> list[str]:
        return sorted(node for node, resources in self.active.items() if rsc in resources)

    def node_lost(self, node: str) -> None:
        """The node crashed, lost power or was fenced: nothing runs there any more."""
        self.active.pop(node, None)
        for key in [key for key in self._armed if key[0] == node]:
            del self._armed[key]

    def resource_dies(self, node: str, rsc: str) -> None:
        """The process behind the resource died: the next monitor will notice."""
        self.active.get(node, set()).discard(rsc)

    def arm(self, node: str, rsc: str, operation: str, how: str = "fail") -> None:
        """Make the next `operation` of `rsc` on `node` fail ("fail") or hang until its timeout ("hang")."""
        self._armed[(node, rsc, operation)] = how

    def perform(self, node: str, rsc: str, operation: str, interval_ms: int, problem: Outcome | None = None) -> Outcome:
        """Run an operation. `problem`: what the agent itself reports before doing anything
        (not installed, a required parameter missing), as its validation would."""
        if problem is not None and operation in ("start", "monitor") and not self.is_active(node, rsc):
            return problem
        armed = self._armed.pop((node, rsc, operation), None)
        if armed == "hang":
            return Outcome(OCF_ERR_GENERIC, hangs=True, reason="Timed Out")
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
            return Outcome(OCF_SUCCESS)
        if operation in ("promote", "demote"):
            return Outcome(OCF_ERR_GENERIC, reason="Simulated failure") if armed == "fail" else Outcome(OCF_SUCCESS)
        if armed == "fail" and interval_ms:
            self.resource_dies(node, rsc)
            return Outcome(OCF_NOT_RUNNING, reason="Simulated failure")
        return Outcome(OCF_SUCCESS if running else OCF_NOT_RUNNING)
