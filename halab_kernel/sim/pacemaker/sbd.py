"""sbd 1.5 in virtual time: the watchdog, and poison pills on a shared disk.

Rules (sbd(8) and sbd's sources: sbd-inquisitor.c, sbd-md.c, sbd-common.c; sbd.service):
- sbd starts with the cluster, before Pacemaker (pacemaker.service requires sbd.service). With
  devices (SBD_DEVICE) it needs one reachable, initialised device: it retries for up to 120 s and
  Pacemaker waits with it; if none shows up it gives up and Pacemaker never starts.
- At start its servant takes a slot on each device (the first free one) and clears its mailbox
  (SBD_STARTMODE=always, what pcs writes).
- The servant reads its mailbox every loop timeout (1 s): `reset` and `off` make the node reboot or
  power off at once, `test` is logged and cleared.
- `sbd message` (what fence_sbd runs) writes into the target's slot, then waits msgwait (10 s) before
  reporting success: by then the target has read it, or its watchdog has fired.
- Watchdog only (no devices): a node that loses quorum resets itself within half of
  stonith-watchdog-timeout; the DC treats a node it must fence as fenced after stonith-watchdog-timeout.
- With devices and Pacemaker integration (SBD_PACEMAKER=yes): the node feeds its watchdog while a
  majority of its devices answers, or while Pacemaker says its partition is quorate ("surviving on
  pacemaker"). A servant is outdated io + loop (4 s) after its last good read; a node with neither
  resets itself when its watchdog timeout (5 s) runs out. Quorum loss alone does not reset it: the
  quorate side fences it with a poison pill.
"""

from __future__ import annotations

import functools
import math
import random
import uuid
from dataclasses import dataclass
from typing import Callable, Mapping, Protocol, Sequence

from halab_kernel import values
from halab_kernel.model import Event, LogLine
from halab_kernel.sim.clock import Clock, Timer
from halab_kernel.sim.pacemaker.links import Membership
from halab_kernel.sim.pacemaker.sbd_disk import DEFAULT_DEVICE, DiskHeader, SharedDisk

STARTUP_SECONDS = 120  # sbd -s: how long sbd waits for a device at start
IO_SECONDS = 3  # sbd -I: a good read counts for io + loop seconds


class SbdMachine(Protocol):
    """What sbd knows of its machine: whether it is on, and its own service's state (which it sets)."""

    powered: bool
    sbd_enabled: bool
    sbd_running: bool


@dataclass(frozen=True)
class SbdHost:
    """Everything sbd receives: time, the event stream, a seeded random source (disk UUIDs), the
    machines, corosync's membership view, two questions for Pacemaker (is it up on a node, a cluster
    option's value) and the power callback its watchdog uses."""

    node_names: Sequence[str]
    clock: Clock
    emit: Callable[[Event], None]
    rng: random.Random
    machines: Mapping[str, SbdMachine]
    membership: Membership
    pacemaker_up: Callable[[str], bool]
    cluster_option: Callable[[str], str | None]
    shoot: Callable[[str, str], None]


class Sbd:
    """The sbd daemon of every node, and the shared disks they watch."""

    def __init__(self, host: SbdHost) -> None:
        self.host = host
        self.machines = host.machines
        self.clock = host.clock
        self.disks = {DEFAULT_DEVICE: SharedDisk(DEFAULT_DEVICE, set(host.node_names))}
        self.devices: dict[str, tuple[str, ...]] = {name: () for name in host.node_names}  # SBD_DEVICE per node
        self._header: dict[str, DiskHeader] = {}  # a running sbd's timeouts (from the first device it read)
        self._started: dict[str, float] = {}
        self._outdated: dict[str, set[str]] = {}
        self._timers: dict[tuple[str, str], Timer] = {}  # (node, what) -> pending step
        self._surviving: set[str] = set()
        self._waiting: dict[str, Callable[[], None]] = {}

    # --- the daemon's life -------------------------------------------------------------

    def start(self, name: str, then: Callable[[], None]) -> None:
        """sbd starts with the cluster; `then` starts Pacemaker once sbd runs."""
        devices = self.devices[name]
        if not devices or self._first_header(name):
            self._run(name)
            then()
            return
        first = self.disks.get(devices[0])
        failure = "open" if first is None or name not in first.reachable else "read header from"
        self._log(name, "warning", "open_any_device",
                  f"Failed to {failure} {devices[0]}. Trying any other configured devices, otherwise retrying "
                  f"every 1s within {STARTUP_SECONDS}s")
        self._waiting[name] = then
        self._later(name, "startup", STARTUP_SECONDS, lambda: self._give_up(name))

    def waiting(self, name: str) -> bool:
        """Its sbd is still looking for a device (and Pacemaker waits for it)."""
        return name in self._waiting

    def stopped(self, name: str) -> None:
        """The node's stack stopped (or the node died): its sbd is gone."""
        self.machines[name].sbd_running = False
        self._waiting.pop(name, None)
        self._surviving.discard(name)
        for key in [key for key in self._timers if key[0] == name]:
            self._timers.pop(key).cancel()

    def _give_up(self, name: str) -> None:
        self._waiting.pop(name, None)
        self._log(name, "error", "open_any_device",
                  f"No devices were available at start-up within {STARTUP_SECONDS} seconds.")

    def _run(self, name: str) -> None:
        self.machines[name].sbd_running = True
        self._started[name] = self.clock.now
        self._outdated[name] = set()
        first = self._first_header(name)
        if first is not None:
            self._header[name] = first
        for path in self.devices[name]:
            if self._reads(name, path):
                self._take_slot(name, path)
            else:
                self._outdated[name].add(path)

    def _take_slot(self, name: str, path: str) -> None:
        disk = self.disks[path]
        slot = disk.allocate(name)
        slot.message, slot.sender = "clear", ""  # SBD_STARTMODE=always: a new start clears the mailbox
        self._log(name, "notice", "servant_md", f"Monitoring slot {disk.slots.index(slot)} on disk {path}", path)

    def _first_header(self, name: str) -> DiskHeader | None:
        for path in self.devices[name]:
            disk = self.disks.get(path)
            if disk is not None and name in disk.reachable and disk.header is not None:
                return disk.header
        return None

    def _reads(self, name: str, path: str) -> bool:
        """The node's servant for `path` gets good reads: reachable, initialised, same timeouts."""
        disk = self.disks.get(path)
        header = self._header.get(name)
        return (disk is not None and name in disk.reachable and disk.header is not None
                and (header is None or disk.header.same_timeouts(header)))

    # --- the shared disks ----------------------------------------------------------------

    def create(self, path: str, timeouts: dict[str, int]) -> DiskHeader:
        """`sbd -d PATH create`: a new header, every slot free. Servants watching it lose their slot
        ("Header changed since start-up") and take a new one."""
        disk = self.disks[path]
        disk.header = DiskHeader(str(uuid.UUID(int=self.host.rng.getrandbits(128), version=4)),
                                 watchdog=timeouts.get("watchdog", 5), allocate=timeouts.get("allocate", 2),
                                 loop=timeouts.get("loop", 1), msgwait=timeouts.get("msgwait", 10))
        disk.slots = []
        for name in self.host.node_names:
            if self.machines[name].sbd_running and path in self.devices[name] and name in disk.reachable:
                self._log(name, "error", "servant_md", f"Header on {path} changed since start-up!", path)
                if self._reads(name, path):
                    self._take_slot(name, path)
                self._servant_changed(name, path)
            self._wake(name)
        return disk.header

    def set_reachable(self, name: str, reachable: bool) -> None:
        """The node's path to the shared disks comes (or goes)."""
        for path, disk in self.disks.items():
            if reachable:
                disk.reachable.add(name)
            else:
                disk.reachable.discard(name)
            self._servant_changed(name, path)
        self._wake(name)

    def _wake(self, name: str) -> None:
        """A node whose sbd waits for a device finds one: sbd runs, then Pacemaker starts."""
        if name in self._waiting and self._first_header(name):
            then = self._waiting.pop(name)
            self._cancel(name, "startup")
            self._run(name)
            then()

    def _servant_changed(self, name: str, path: str) -> None:
        if not self.machines[name].sbd_running or path not in self.devices[name]:
            return
        if self._reads(name, path):
            self._cancel(name, f"outdate {path}")
            if path in self._outdated[name]:
                self._outdated[name].discard(path)
                if self.disks[path].slot_of(name) is None:
                    self._take_slot(name, path)
                self._log(name, "notice", "inquisitor_child", f"Servant {path} is healthy (age: 0)")
            self.check(name)
        elif path not in self._outdated[name] and (name, f"outdate {path}") not in self._timers:
            age = IO_SECONDS + self._header[name].loop
            self._later(name, f"outdate {path}", age, lambda: self._outdate(name, path, age))

    def _outdate(self, name: str, path: str, age: int) -> None:
        self._outdated[name].add(path)
        self._log(name, "warning", "inquisitor_child", f"Servant {path} is outdated (age: {age})")
        self.check(name)

    # --- staying alive: the watchdog --------------------------------------------------

    def _disks_answer(self, name: str) -> bool:
        devices = self.devices[name]
        good = len([path for path in devices if path not in self._outdated[name]])
        return good > len(devices) // 2 if len(devices) > 2 else good > 0

    def _pacemaker_healthy(self, name: str) -> bool:
        ignore = (self.host.cluster_option("no-quorum-policy") or "stop") == "ignore"
        return self.host.pacemaker_up(name) and (ignore or self.host.membership.quorate(name))

    def check(self, name: str) -> None:
        """Whether the node still feeds its watchdog (devices configured)."""
        if not self.machines[name].sbd_running or not self.devices[name]:
            return
        if self._disks_answer(name):
            self._surviving.discard(name)
            self._cancel(name, "watchdog")
        elif self._pacemaker_healthy(name):
            self._cancel(name, "watchdog")
            if name not in self._surviving:
                self._surviving.add(name)
                self._log(name, "warning", "inquisitor_child", "Majority of devices lost - surviving on pacemaker")
        elif (name, "watchdog") not in self._timers:
            self._later(name, "watchdog", self._header[name].watchdog, lambda: self._watchdog_expired(name))

    def _watchdog_expired(self, name: str) -> None:
        if not self._disks_answer(name) and not self._pacemaker_healthy(name):
            self._reset(name, "reboot")

    def _reset(self, name: str, how: str) -> None:
        self._log(name, "emerg", "do_exit", f"Rebooting system: {how}")
        self.host.shoot(name, "off" if how == "off" else "reboot")

    def watchdog_seconds(self, target: str | None = None) -> float:
        """stonith-watchdog-timeout when SBD's watchdog can fence (`target` runs SBD): 0 otherwise."""
        if target is not None and not self.machines[target].sbd_enabled:
            return 0.0
        return values.seconds(self.host.cluster_option("stonith-watchdog-timeout"), 0.0)

    def membership_changed(self, members: tuple[str, ...]) -> None:
        """Quorum may have changed: watchdog-only nodes that lost it stop feeding their watchdog and
        reset within half the watchdog timeout (unless no-quorum-policy=ignore); nodes with devices
        re-check whether they may live on."""
        for name in members:
            self.check(name)
        timeout = self.watchdog_seconds()
        if timeout <= 0 or (self.host.cluster_option("no-quorum-policy") or "stop") == "ignore":
            return
        for name in members:
            lost_quorum = self.host.membership.corosync_running(name) and not self.host.membership.quorate(name)
            if lost_quorum and self.host.pacemaker_up(name) and self.machines[name].sbd_running \
                    and not self.devices[name]:
                self.clock.call_later(timeout / 2, functools.partial(self._quorum_watchdog_fires, name))

    def _quorum_watchdog_fires(self, name: str) -> None:
        membership = self.host.membership
        if not membership.corosync_running(name) or membership.quorate(name) or not self.host.pacemaker_up(name):
            return  # quorum came back (or the node is down already): the watchdog was fed in time
        self.host.shoot(name, "reboot")

    # --- messages: the poison pill ------------------------------------------------------

    def _writable(self, sender: str, path: str, target: str) -> bool:
        """`sender` reaches the device at `path`, which has a header and a slot for `target`."""
        disk = self.disks.get(path)
        return disk is not None and sender in disk.reachable and disk.header is not None \
            and disk.slot_of(target) is not None

    def reaches(self, sender: str, devices: str, target: str) -> bool:
        """A poison pill from `sender` to `target` over `devices` (comma-separated) would be delivered now."""
        paths = [path.strip() for path in devices.split(",") if path.strip()]
        return sum(self._writable(sender, path, target) for path in paths) > len(paths) // 2

    def message(self, sender: str, paths: list[str], target: str, message: str) -> int | None:
        """`sbd -d ... message TARGET MESSAGE` on `sender`: the message lands in the target's slot on
        each device the sender reaches; delivered when more than half of the devices took it.
        Returns the msgwait the sender then waits, or None when it was not delivered."""
        delivered, wait = 0, 0
        for path in paths:
            if not self._writable(sender, path, target):
                continue
            disk = self.disks[path]
            slot = disk.slot_of(target)
            assert slot is not None and disk.header is not None
            slot.message, slot.sender = message, sender
            delivered += 1
            wait = max(wait, 0 if message == "exit" else disk.header.msgwait)
            self._deliver(target, path)
        return wait if delivered > len(paths) // 2 else None

    def poison_pill(self, fencer: str, target: str, action: str, devices: str) -> int | None:
        """fence_sbd: `reset` (or `off`) into the target's slot on its `devices` (comma-separated)."""
        paths = [path.strip() for path in devices.split(",") if path.strip()]
        return self.message(fencer, paths, target, "off" if action == "off" else "reset")

    def pill_confirmed(self, target: str) -> None:
        """msgwait is over: a target that hung with sbd enabled has been reset by its watchdog. One that
        runs sbd but cannot read its slot lives on (the danger msgwait is meant to rule out)."""
        machine = self.machines[target]
        if machine.powered and machine.sbd_enabled and not machine.sbd_running \
                and not self.host.membership.corosync_running(target):
            self.host.shoot(target, "reboot")

    def _deliver(self, target: str, path: str) -> None:
        """The target's servant reads its slot at its next poll (every loop timeout since sbd started)."""
        if not self.machines[target].sbd_running or path not in self.devices[target]:
            return
        loop = self._header[target].loop
        since = self.clock.now - self._started[target]
        wait = (math.floor(since / loop) + 1) * loop - since
        self._later(target, f"read {path}", wait, lambda: self._read(target, path))

    def _read(self, name: str, path: str) -> None:
        if not self._reads(name, path):
            return
        slot = self.disks[path].slot_of(name)
        if slot is None or slot.message == "clear":
            return
        self._log(name, "notice", "servant_md", f"Received command {slot.message} from {slot.sender} on disk {path}",
                  path)
        if slot.message == "test":
            slot.message = "clear"
        elif slot.message == "exit":
            self.stopped(name)
        else:
            request = {"reset": "a reset", "off": "a shutoff", "crashdump": "a crashdump"}[slot.message]
            self._log(name, "warning", "inquisitor_child", f"{path} requested {request}")
            self._reset(name, {"reset": "reboot"}.get(slot.message, slot.message))

    # --- helpers -----------------------------------------------------------------------

    def _later(self, name: str, what: str, delay: float, action: Callable[[], None]) -> None:
        self._cancel(name, what)

        def run() -> None:
            self._timers.pop((name, what), None)
            action()

        self._timers[(name, what)] = self.clock.call_later(delay, run)

    def _cancel(self, name: str, what: str) -> None:
        timer = self._timers.pop((name, what), None)
        if timer is not None:
            timer.cancel()

    def _log(self, name: str, level: str, function: str, text: str, servant: str = "") -> None:
        """A syslog line of sbd (`sbd[PID]: [servant:] level: function: text`, as sbd_set_format_string
        shapes them); the disk servants prefix their device."""
        prefix = f"{servant}: " if servant else ""
        self.host.emit(LogLine(self.clock.now, name, daemon="sbd", level=level,
                                       text=f"{prefix}{function}: {text}"))
