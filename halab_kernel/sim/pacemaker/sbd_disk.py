"""An SBD shared disk as sbd 1.5 lays it out (sbd-md.c): the header `sbd create` writes, one slot
per node with its mailbox, and which nodes reach the device now. sbd.py runs the daemons over it;
the `sbd` tool (commands/sbd_tool.py) creates, dumps, lists and writes messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_DEVICE = "/dev/disk/by-id/halab-sbd"  # the shared disk every simulated cluster has
MAX_DEVICES = 3
MESSAGES = ("test", "reset", "off", "crashdump", "exit", "clear")
TIMEOUT_OPTIONS = {"-1": "watchdog", "-2": "allocate", "-3": "loop", "-4": "msgwait"}


@dataclass(frozen=True)
class DiskHeader:
    """What `sbd create` writes at the start of a device (sbd's sector_header_s)."""

    uuid: str
    watchdog: int = 5
    allocate: int = 2
    loop: int = 1
    msgwait: int = 10
    slots: int = 255
    sector_size: int = 512

    def dump(self) -> list[str]:
        """`sbd dump`'s lines for this header (header_dump in sbd-md.c)."""
        return ["Header version     : 2.1", f"UUID               : {self.uuid}",
                f"Number of slots    : {self.slots}", f"Sector size        : {self.sector_size}",
                f"Timeout (watchdog) : {self.watchdog}", f"Timeout (allocate) : {self.allocate}",
                f"Timeout (loop)     : {self.loop}", f"Timeout (msgwait)  : {self.msgwait}"]

    def same_timeouts(self, other: DiskHeader) -> bool:
        return (self.watchdog, self.allocate, self.loop, self.msgwait) == \
            (other.watchdog, other.allocate, other.loop, other.msgwait)


@dataclass
class Slot:
    node: str
    message: str = "clear"
    sender: str = ""


@dataclass
class SharedDisk:
    """A shared block device: its header, its slots, and the nodes that reach it now."""

    path: str
    reachable: set[str]
    header: DiskHeader | None = None
    slots: list[Slot] = field(default_factory=list)

    def slot_of(self, node: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.node.lower() == node.lower()), None)

    def allocate(self, node: str) -> Slot:
        slot = self.slot_of(node)
        if slot is None:
            slot = Slot(node)
            self.slots.append(slot)
        return slot
