"""Numbered rig slots held under a lock: several test sessions on one machine, never sharing a rig.

A test session (people, CI, helpers, all at once on the same machine) needs
a rig of its own: its own prefix, folder and subnet, and the certainty that
no other session tears it down. A `SlotFamily` names slot k of a kind
(`halabt<k>`, `/srv/halab-rig-test<k>`, `10.213.<k>.0/24`, lock
`/run/halab-rig-test<k>.lock`); `claimed()` takes the first free slot with an
exclusive `flock` (released when the process dies, so a killed session never
blocks a slot), removes what an interrupted earlier run left in it, and skips
slots whose subnet someone else's network already uses.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from halab_kernel.remote.rig import manager
from halab_kernel.remote.rig.host import RigError, check_subnet_free
from halab_kernel.remote.rig.layout import RigLayout


@dataclass(frozen=True)
class SlotFamily:
    """Slots of one kind: slot k is prefix `<prefix><k>`, folder `/srv/halab-rig-<name><k>`, subnet 10.<octet>.<k>.0/24."""

    name: str  # "test"
    prefix: str  # "halabt"
    octet: int  # 213
    count: int  # how many slots to try

    def lock_path(self, slot: int) -> Path:
        return Path(f"/run/halab-rig-{self.name}{slot}.lock")

    def layout(self, slot: int, nodes: int = 3) -> RigLayout:
        return RigLayout(nodes=nodes, prefix=f"{self.prefix}{slot}", directory=Path(f"/srv/halab-rig-{self.name}{slot}"),
                         subnet=f"10.{self.octet}.{slot}.0/24")


@contextmanager
def claimed(family: SlotFamily, nodes: int = 3) -> Iterator[RigLayout | None]:
    """The layout of a free slot, held (flock) until the block ends; None when every slot is taken.

    Inside the block the slot is clean (no rig up) and its subnet is free; the
    caller brings its rig up and should take it down before leaving.
    """
    for slot in range(family.count):
        lock = open(family.lock_path(slot), "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        try:
            layout = family.layout(slot, nodes)
            manager.down(layout)  # leftovers of an interrupted earlier run in this slot: we hold its lock
            try:
                check_subnet_free(layout)
            except RigError:
                continue  # someone else's network uses this slot's subnet: try the next slot
            yield layout
            return
        finally:
            lock.close()
    yield None


@contextmanager
def running(layout: RigLayout, wait: float = 90.0) -> Iterator[Path]:
    """A rig up in `layout` for the block (its inventory path), then down; RigError if it leaves anything behind."""
    inventory = manager.up(layout, wait=wait)
    try:
        yield inventory
    finally:
        problems = manager.down(layout)
    if problems:
        raise RigError("rig down left things behind: " + "; ".join(problems))
