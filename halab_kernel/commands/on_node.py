"""What a command-line tool typed on a simulated node may use of the cluster: the whole list.

The router hands every handler a `CommandContext` whose `sim` is a `ClusterOnNode`, not the
concrete `Simulator`, so mypy proves that no tool reaches past these members: the live CIB (read
it, submit a change, transient attributes, tickets), the node's views (`reading`: what crm_mon
renders, `state`, `quorum_view`, the events), the clock, the node's files and logs, and the
operations the real tools ask of the daemons (cleanup, fencing, a simulated failure, starting
and stopping the cluster, reloading corosync.conf). `Simulator` satisfies it structurally.

Still concrete (the next narrowing): corosync's `totem` and `config`, the quorum device, SBD's
disks and the machines, which corosync-cfgtool/quorumtool, pcs quorum/qdevice and sbd read
directly.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Callable, Protocol

if TYPE_CHECKING:
    from lxml import etree

    from halab_kernel.model import ClusterState, Event, QuorumView
    from halab_kernel.sim.corosync.config import CorosyncConfig
    from halab_kernel.sim.corosync.qdevice import QuorumDevice
    from halab_kernel.sim.corosync.totem import Totem
    from halab_kernel.sim.network import Network
    from halab_kernel.sim.pacemaker.executor import Executor
    from halab_kernel.sim.pacemaker.fenced import Fenced
    from halab_kernel.sim.pacemaker.pe_inputs import PeInputStore
    from halab_kernel.sim.pacemaker.sbd import Sbd
    from halab_kernel.sim.pacemaker.snapshot import Reading
    from halab_kernel.sim.simulator import Machine


class ClockOnNode(Protocol):
    """Virtual time: read it, or let the cluster run until something holds (`pcs ... --wait`)."""

    @property
    def now(self) -> float: ...

    def run_until(self, predicate: Callable[[], bool], timeout: float) -> bool: ...


class CibOnNode(Protocol):
    """The live CIB as the cib daemon serves it: a private copy to edit, a change submitted whole."""

    @property
    def root(self) -> etree._Element: ...

    def read(self) -> etree._Element: ...

    def replace(self, new_root: etree._Element, *, client: str = "cibadmin", origin: str | None = None,
                user: str = "root") -> None: ...

    def transient(self, name: str, node_id: int) -> dict[str, str]: ...

    def set_transient(self, name: str, node_id: int, attribute: str, value: str | None) -> None: ...

    def set_ticket(self, ticket: str, attributes: dict[str, str | None]) -> None: ...


class PacemakerOnNode(Protocol):
    """What the tools ask of Pacemaker's daemons on a node (controld, fenced, execd's view)."""

    @property
    def executor(self) -> Executor: ...

    @property
    def pe_inputs(self) -> PeInputStore: ...

    @property
    def fenced(self) -> Fenced: ...

    def pacemaker_up(self, name: str) -> bool: ...

    def peers(self, name: str) -> list[str]: ...

    def dc_for(self, name: str) -> str | None: ...

    def view_of(self, dc: str, asker: str | None = None) -> etree._Element: ...

    def idle(self) -> bool: ...

    def primitives_of(self, rsc: str) -> list[str]: ...

    def request_transitions(self) -> None: ...

    def cleanup(self, rsc: str | None = None, node: str | None = None, origin: str | None = None) -> None: ...

    def fence_manually(self, fencer: str, target: str, action: str = "reboot", delay: int = 0,
                       timeout: int = 120) -> bool: ...

    def longest_manual_fencing(self, fencer: str, target: str, delay: int = 0, timeout: int = 120) -> float: ...

    def confirm_fenced(self, fencer: str, target: str) -> bool: ...

    def simulate_failure(self, node: str, rsc: str) -> None: ...


class ClusterOnNode(Protocol):
    """The cluster as the tools on one of its nodes reach it (`CommandContext.sim`)."""

    @property
    def node_names(self) -> tuple[str, ...]: ...

    @property
    def now(self) -> float: ...

    @property
    def events(self) -> list[Event]: ...

    @property
    def clock(self) -> ClockOnNode: ...

    @property
    def cib(self) -> CibOnNode: ...

    @property
    def pacemaker(self) -> PacemakerOnNode: ...

    @property
    def corosync_conf(self) -> str: ...

    @property
    def rng(self) -> random.Random: ...

    def reading(self, node: str) -> Reading: ...

    def state(self, observer: str | None = None) -> ClusterState: ...

    def quorum_view(self, name: str) -> QuorumView | None: ...

    def files(self, name: str) -> dict[str, str]: ...

    def log_records(self, node: str | None = None) -> list: ...

    def advance(self, seconds: float) -> list[Event]: ...

    def start(self, name: str) -> None: ...

    def stop(self, name: str) -> None: ...

    def reload_corosync(self, text: str) -> None: ...

    def cluster_down(self) -> bool: ...

    def start_qnetd(self) -> None: ...

    def stop_qnetd(self) -> None: ...

    # still concrete (module docstring)
    @property
    def config(self) -> CorosyncConfig: ...

    @property
    def totem(self) -> Totem: ...

    @property
    def qdevice(self) -> QuorumDevice | None: ...

    @property
    def sbd(self) -> Sbd: ...

    @property
    def machines(self) -> dict[str, Machine]: ...

    @property
    def network(self) -> Network: ...
