"""The Backend protocol: what a Lab needs from a cluster, simulated or real.

Like invoke's Runner, a backend runs commands and reports results; unlike a
plain runner it also hands out snapshots (`ClusterState`) and the events that
produced them, so every picture and check reads the same vocabulary.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from halab_kernel.model import ClusterState, CommandResult, Event


class Backend(Protocol):
    """A cluster the Lab can drive. `SimBackend` and `SshBackend` implement it."""

    @property
    def now(self) -> float:
        """Seconds since the lab started: virtual on the simulator, wall time over SSH."""

    @property
    def node_names(self) -> tuple[str, ...]: ...

    @property
    def events(self) -> Sequence[Event]:
        """Every event so far, in time order."""

    def run(self, node: str, command: str) -> CommandResult:
        """Run one command line on one node, as a shell there would."""

    def state(self) -> ClusterState:
        """A snapshot of the whole cluster now."""

    def advance(self, seconds: float) -> Sequence[Event]:
        """Let `seconds` pass (virtual or wall) and return the events of that interval."""

    def close(self) -> None:
        """Release what the backend holds (connections, injected faults)."""
