"""The Backend protocol: everything a Lab needs from a cluster, simulated or real.

Like invoke's Runner, a backend runs commands and reports results; unlike a
plain runner it also hands out snapshots (`ClusterState`), the events that
produced them, log records, and applies faults given as values (`Fault`, in
model.py) through the operations of `FaultTarget` (fault_target.py), which both
backends offer with the same signatures. `Lab`, the magics, the dashboard's
buttons and the graders go through this contract only, so a notebook works
unchanged on either backend.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence

from halab_kernel.fault_target import FaultTarget
from halab_kernel.model import ClusterState, CommandResult, Event, Fault


class LogRecord(Protocol):
    """One Corosync or Pacemaker log line, read from a node's files or written by the simulator."""

    @property
    def time(self) -> float: ...
    @property
    def node(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def daemon(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def message(self) -> str: ...

    def line(self) -> str: ...


class Backend(FaultTarget, Protocol):
    """A cluster the Lab can drive. `SimBackend` (lab.py) and `SshBackend` (remote/) implement it."""

    @property
    def kind(self) -> str:
        """"sim" or "ssh"."""

    @property
    def now(self) -> float:
        """Seconds since the lab started: virtual on the simulator, wall time over SSH."""

    @property
    def node_names(self) -> tuple[str, ...]: ...

    @property
    def arbiter(self) -> str | None:
        """The quorum device's arbiter host a lab may name (run on, crash, stop, partition), if any."""

    @property
    def events(self) -> Sequence[Event]:
        """Every event so far, in time order."""

    def run(self, node: str, command: str) -> CommandResult:
        """Run one command line on one node, as a shell there would."""

    def state(self) -> ClusterState:
        """A snapshot of the whole cluster now (docs/architecture.md, "One view of the cluster")."""

    def advance(self, seconds: float) -> Sequence[Event]:
        """Let `seconds` pass (virtual or wall) and return the events of that interval."""

    def wait_until(self, predicate: Callable[[ClusterState], bool], timeout: float) -> bool:
        """Let time pass until `predicate(state)` holds, at most `timeout` seconds; whether it held."""

    def log_records(self, node: str | None = None) -> Sequence[LogRecord]:
        """Log lines of one node, or of every node, in time order."""

    def inject(self, fault: Fault) -> None:
        """Apply `fault` now, by `fault_target.apply_fault(self, fault)`; LabError (state unchanged) when it
        cannot be applied here."""

    def close(self) -> None:
        """Release what the backend holds (connections, injected faults)."""
