"""The quorum device: corosync-qnetd at a third site, corosync-qdevice on every node.

Rules (corosync-qdevice(8), corosync-qnetd(8), corosync-qdevice 3.0.x), in virtual time:

- corosync-qdevice starts with the cluster and registers with votequorum just after
  the node's first ring (the `Qdevice` flag). It checks its algorithm first: ffsplit
  needs `quorum.device.votes: 1`, otherwise it logs why and exits; votequorum keeps
  the registration (flags NA,NV,NMW) and still counts the device's votes in expected.
- It connects to qnetd (TCP 5403) and reports the node's ring; qnetd answers with a
  vote (ACK: the node casts the device's votes, V; NACK: NV). While connected it
  sends a heartbeat every 0.8 x `timeout` (8 s) and gives the connection up when the
  previous heartbeat got no answer; qnetd drops a client that stayed silent for
  1.5 heartbeats (12 s), checked every second. A stopped qnetd closes every
  connection at once. A disconnected qdevice votes NV and tries again after a pause
  (modelled as the mean of its random pause, 0.45 x the 5 s cast-vote interval).
- After a membership change votequorum holds its sync until the qdevice polls with
  the new ring: the quorum API (corosync-quorumtool's members, ring and "Quorate:",
  Pacemaker) sees the new ring only then. That is why the side cut from qnetd keeps
  `Quorate: Yes` for 6-7 s after its membership changed: until its heartbeat fails.
- qnetd decides once the reports of its connected clients agree (every client's
  ring holds only nodes whose clients report that same ring). ffsplit: the
  partition with more nodes, then more connected clients, then the one holding
  nodes of the previously active partition (keep_active_partition_tie_breaker),
  then `tie_breaker` (lowest, highest, or a node id). lms: the partition with more
  connected clients, then the previously active one, then `tie_breaker`.

Heuristics, TLS and certificates are not modelled (see docs/corosync.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from halab_kernel.model import Event, LogLine
from halab_kernel.sim.clock import Clock, Timer
from halab_kernel.sim.corosync.config import CorosyncConfig, DeviceOptions
from halab_kernel.sim.corosync.totem import FORM_OWN_RING_SECONDS, Totem
from halab_kernel.sim.corosync.votequorum import DeviceFlags
from halab_kernel.sim.network import Network

QNETD_HOST = "qnetd"
QNETD_PORT = 5403
REGISTER_SECONDS = 0.1  # after the node's first ring
CONNECT_SECONDS = 0.05
REPLY_SECONDS = 0.1  # a report to qnetd and its vote back
DPD_INTERVAL_SECONDS = 1.0
DPD_COEFFICIENT = 1.5
ALGORITHMS = ("ffsplit", "lms")


def algorithm_problem(device: DeviceOptions) -> str | None:
    """Why corosync-qdevice would exit at start with this device section, or None."""
    if device.model != "net":
        return f"Unknown model {device.model!r}: the simulator models model net only"
    if not device.host:
        return "Quorum device net host is not defined (quorum.device.net.host)"
    if device.algorithm not in ALGORITHMS:
        return f"Unknown decision algorithm {device.algorithm!r}: choose ffsplit or lms"
    if device.algorithm == "ffsplit" and device.votes != 1:
        return "50:50 split algorithm works only if quorum.device.votes configuration key is set to 1!"
    return None


@dataclass
class Client:
    """One qdevice connection as qnetd holds it (mutable)."""

    node: str
    node_id: int
    ring: frozenset[str]
    ring_id: str
    heartbeat_seconds: float
    last_heard: float
    vote: str = ""  # "ACK", "NACK", "" before the first decision
    answered_ring: frozenset[str] | None = None


class Qnetd:
    """corosync-qnetd: one vote per cluster, given by the algorithm."""

    def __init__(self, device: DeviceOptions, node_ids: dict[str, int]) -> None:
        self.device = device
        self.node_ids = node_ids
        self.running = True
        self.clients: dict[str, Client] = {}
        self.active: frozenset[str] = frozenset()  # the partition that had the vote last

    def decide(self) -> dict[str, str]:
        """The vote for each connected client, or {} while the reports disagree."""
        clients = self.clients
        for client in clients.values():
            for member in client.ring:
                other = clients.get(member)
                if other is not None and other.ring != client.ring:
                    return {}
        partitions = sorted({c.ring for c in clients.values()}, key=lambda r: sorted(self.node_ids[n] for n in r))
        if not partitions:
            return {}
        winner = max(partitions, key=self._rank(partitions))
        self.active = winner
        return {name: "ACK" if client.ring == winner else "NACK" for name, client in clients.items()}

    def _rank(self, partitions: list[frozenset[str]]) -> Callable[[frozenset[str]], tuple]:
        connected = {ring: sum(1 for c in self.clients.values() if c.ring == ring) for ring in partitions}
        keep_active = [ring for ring in partitions if ring & self.active]
        tie_node = self._tie_breaker_node(partitions)

        def rank(ring: frozenset[str]) -> tuple:
            active = len(keep_active) == 1 and ring in keep_active
            size = (len(ring),) if self.device.algorithm == "ffsplit" else ()
            return size + (connected[ring], active, tie_node in ring)

        return rank

    def _tie_breaker_node(self, partitions: list[frozenset[str]]) -> str:
        nodes = sorted({n for ring in partitions for n in ring}, key=lambda n: self.node_ids[n])
        mode = self.device.tie_breaker.strip()
        if mode == "highest":
            return nodes[-1]
        if mode.isdigit():
            chosen = [n for n in nodes if self.node_ids[n] == int(mode)]
            if chosen:
                return chosen[0]
        return nodes[0]


class Qdevice:
    """corosync-qdevice on one node (mutable)."""

    def __init__(self, node: str) -> None:
        self.node = node
        self.state = "stopped"  # "stopped", "exited", "disconnected", "connected"
        self.vote = False
        self.last_flags = DeviceFlags()  # what votequorum keeps for a node whose corosync died
        self.echo_unanswered = False
        self.timers: list[Timer] = []

    def cancel_timers(self) -> None:
        for timer in self.timers:
            timer.cancel()
        self.timers = []

    @property
    def flags(self) -> DeviceFlags:
        if self.state == "stopped":
            return DeviceFlags()
        return DeviceFlags(registered=True, alive=self.state != "exited", cast_vote=self.vote)


class QuorumDevice:
    """qnetd plus every node's qdevice, wired to totem/votequorum and the network."""

    def __init__(self, config: CorosyncConfig, clock: Clock, network: Network, totem: Totem,
                 emit: Callable[[Event], None]) -> None:
        assert config.quorum.device is not None
        self.device = config.quorum.device
        self.clock = clock
        self.network = network
        self.totem = totem
        self.emit = emit
        self.qnetd = Qnetd(self.device, {n.name: n.node_id for n in config.nodes})
        self.daemons = {n.name: Qdevice(n.name) for n in config.nodes}
        self.heartbeat_seconds = self.device.timeout_ms * 0.8 / 1000
        self.reconnect_seconds = 0.45 * self.device.timeout_ms * 0.5 / 1000
        self.problem = algorithm_problem(self.device)
        self.in_use = True  # False once corosync.conf dropped or replaced this device
        totem.sync_gate = self._holds_sync
        self._dpd_tick()

    # --- the node's daemon ----------------------------------------------------

    def node_started(self, name: str) -> None:
        """corosync started on `name`: corosync-qdevice follows and registers after the first ring."""
        daemon = self.daemons[name]
        if daemon.state != "stopped":
            return
        daemon.timers.append(self.clock.call_later(FORM_OWN_RING_SECONDS + REGISTER_SECONDS,
                                                   lambda: self._register(name)))

    def _register(self, name: str) -> None:
        daemon = self.daemons[name]
        if not self.totem.nodes[name].in_ring:
            daemon.timers.append(self.clock.call_later(REGISTER_SECONDS, lambda: self._register(name)))
            return
        if self.problem:
            daemon.state = "exited"
            self._log(name, "crit", self.problem)
            self._log(name, "err", "Algorithm init failed")
        else:
            daemon.state = "disconnected"
        self._flags_changed(name)
        if daemon.state == "disconnected":
            self._try_connect(name)

    def node_stopped(self, name: str, goodbye: bool) -> None:
        """corosync stopped or died on `name`; its qdevice goes with it. `goodbye`: its TCP
        connection to qnetd is closed (qnetd forgets it at once); otherwise qnetd waits for
        the heartbeat to time out."""
        daemon = self.daemons[name]
        if daemon.state == "stopped":
            return
        daemon.cancel_timers()
        daemon.last_flags = daemon.flags
        daemon.state, daemon.vote = "stopped", False
        if goodbye and name in self.qnetd.clients:
            del self.qnetd.clients[name]
            self._qnetd_decides()

    def shutdown(self) -> None:
        """The device left corosync.conf (or is replaced): every corosync-qdevice stops and unregisters."""
        for name in self.daemons:
            self.quit(name)
        self.in_use = False
        if self.totem.sync_gate == self._holds_sync:
            self.totem.sync_gate = None

    def quit(self, name: str) -> None:
        """`corosync-qdevice-tool -H`: the daemon unregisters from votequorum and exits."""
        self.node_stopped(name, goodbye=True)
        self._flags_changed(name)

    def _qnetd_reachable(self, name: str) -> bool:
        return self.qnetd.running and self.network.can_talk(name, QNETD_HOST)

    def _try_connect(self, name: str) -> None:
        daemon = self.daemons[name]
        if daemon.state != "disconnected":
            return
        if self._qnetd_reachable(name):
            daemon.timers.append(self.clock.call_later(CONNECT_SECONDS, lambda: self._connected(name)))
            return
        if self.totem.nodes[name].syncing:
            self.totem.end_sync(name)  # votequorum gets its poll: no vote for this ring
        daemon.timers.append(self.clock.call_later(self.reconnect_seconds, lambda: self._try_connect(name)))

    def _connected(self, name: str) -> None:
        daemon = self.daemons[name]
        if daemon.state != "disconnected" or not self._qnetd_reachable(name):
            self._try_connect(name)
            return
        daemon.state, daemon.echo_unanswered = "connected", False
        ring = self.totem.nodes[name].totem_ring
        self.qnetd.clients[name] = Client(
            name, self.qnetd.node_ids[name], ring.members if ring else frozenset([name]),
            ring.ring_id if ring else "", self.heartbeat_seconds, self.clock.now)
        daemon.timers.append(self.clock.call_later(self.heartbeat_seconds, lambda: self._heartbeat(name)))
        self._qnetd_decides()

    def _heartbeat(self, name: str) -> None:
        daemon = self.daemons[name]
        if daemon.state != "connected":
            return
        if daemon.echo_unanswered or name not in self.qnetd.clients and self._qnetd_reachable(name):
            self._disconnect(name, "Server didn't send echo reply message on time")
            return
        daemon.echo_unanswered = not self._qnetd_reachable(name)
        if not daemon.echo_unanswered:
            self.qnetd.clients[name].last_heard = self.clock.now
        daemon.timers.append(self.clock.call_later(self.heartbeat_seconds, lambda: self._heartbeat(name)))

    def _disconnect(self, name: str, reason: str | None = None) -> None:
        daemon = self.daemons[name]
        daemon.cancel_timers()
        daemon.state, daemon.vote = "disconnected", False
        if reason:
            self._log(name, "err", reason)
        self._flags_changed(name)
        daemon.timers.append(self.clock.call_later(self.reconnect_seconds, lambda: self._try_connect(name)))

    def _holds_sync(self, name: str) -> bool:
        """votequorum asks, as a node installs a ring: does a live qdevice hold the sync? A connected
        qdevice reports the ring to qnetd (lost if qnetd cannot hear it)."""
        daemon = self.daemons[name]
        if daemon.state not in ("connected", "disconnected"):
            return False
        client = self.qnetd.clients.get(name)
        ring = self.totem.nodes[name].totem_ring
        if daemon.state == "connected" and client is not None and ring is not None and self._qnetd_reachable(name):
            client.ring, client.ring_id, client.last_heard = ring.members, ring.ring_id, self.clock.now
            self._qnetd_decides()
        return True

    # --- qnetd --------------------------------------------------------------

    def _qnetd_decides(self) -> None:
        for name, vote in self.qnetd.decide().items():
            client = self.qnetd.clients[name]
            if client.vote == vote and client.answered_ring == client.ring:
                continue
            client.vote, client.answered_ring = vote, client.ring
            self.clock.call_later(REPLY_SECONDS, partial(self._vote_arrives, name, vote, client.ring))

    def _vote_arrives(self, name: str, vote: str, ring: frozenset[str]) -> None:
        daemon = self.daemons[name]
        if daemon.state != "connected" or not self._qnetd_reachable(name):
            return
        daemon.vote = vote == "ACK"
        node = self.totem.nodes[name]
        if node.syncing and node.totem_ring is not None and node.totem_ring.members == ring:
            node.quorum.set_device(daemon.flags)  # type: ignore[union-attr]
            self.totem.end_sync(name)
        else:
            self._flags_changed(name)

    def _dpd_tick(self) -> None:
        if not self.in_use:
            return
        if self.qnetd.running:
            silent = [c.node for c in self.qnetd.clients.values()
                      if self.clock.now - c.last_heard > DPD_COEFFICIENT * c.heartbeat_seconds]
            for name in silent:
                del self.qnetd.clients[name]
            if silent:
                self._qnetd_decides()
        self.clock.call_later(DPD_INTERVAL_SECONDS, self._dpd_tick)

    def stop_qnetd(self) -> None:
        """systemctl stop corosync-qnetd: every connection is closed at once."""
        if not self.qnetd.running:
            return
        self.qnetd.running = False
        connected = [name for name in self.qnetd.clients if self.daemons[name].state == "connected"]
        self.qnetd.clients.clear()
        for name in connected:
            self._disconnect(name)

    def crash_qnetd(self) -> None:
        """The arbiter host dies: no connection is closed, each qdevice finds out when a heartbeat
        goes unanswered (and votes meanwhile)."""
        self.qnetd.running = False
        self.qnetd.clients.clear()

    def start_qnetd(self) -> None:
        """systemctl start corosync-qnetd: qdevices connect again at their next attempt."""
        self.qnetd.running = True

    # --- votequorum ----------------------------------------------------------

    def _flags_changed(self, name: str) -> None:
        quorum = self.totem.nodes[name].quorum
        if quorum is None:
            return
        quorum.set_device(self.daemons[name].flags)
        if self.totem.nodes[name].syncing and self.daemons[name].state == "disconnected":
            self.totem.end_sync(name)
        else:
            self.totem.device_vote_changed(name)

    def _log(self, name: str, level: str, text: str) -> None:
        self.emit(LogLine(self.clock.now, name, daemon="corosync-qdevice", level=level, text=text))
