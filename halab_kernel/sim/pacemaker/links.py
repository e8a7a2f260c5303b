"""What the Pacemaker daemons receive from the machines and the corosync they run on.

Each daemon (controld in controller.py, attrd, execd, fenced, sbd) gets only these, never the whole
simulator: a daemon that cannot reach the machines cannot decide what corosync would have told it.
The simulator builds them (simulator.py); a test can build them from plain functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol


class Membership(Protocol):
    """What corosync tells a node's daemons: the ring its quorum API announced last (CPG's members),
    whether its corosync runs, and votequorum's verdict there."""

    def members(self, name: str) -> frozenset[str] | None:
        """The ring `name` saw announced last (kept after its corosync died); None before the first."""

    def in_ring(self, name: str) -> bool:
        """Its corosync runs and has announced a ring."""

    def ring_id(self, name: str) -> str | None: ...

    def corosync_running(self, name: str) -> bool: ...

    def quorate(self, name: str) -> bool:
        """votequorum on `name` says its partition has quorum."""


@dataclass(frozen=True)
class Machines:
    """What the daemons may learn of, and do to, the machines: one fact, the network, the power callback."""

    powered: Callable[[str], bool]
    shoot: Callable[[str, str], None]  # a fence device's effect on a node: "off", or "reboot" (off, then on)
    can_talk: Callable[[str, str], bool]  # the network: node -> host (for ping's connectivity attribute)


class PoisonPills(Protocol):
    """What the controller asks of SBD: fence_sbd's poison pill, and watchdog self-fencing."""

    def poison_pill(self, fencer: str, target: str, action: str, devices: str) -> int | None:
        """Write the pill; the msgwait to wait then, or None when it was not delivered."""

    def reaches(self, sender: str, devices: str, target: str) -> bool:
        """A pill from `sender` to `target` over `devices` would be delivered now (nothing written)."""

    def pill_confirmed(self, target: str) -> None: ...

    def watchdog_seconds(self, target: str | None = None) -> float:
        """stonith-watchdog-timeout when SBD's watchdog can fence `target`; 0 otherwise."""
