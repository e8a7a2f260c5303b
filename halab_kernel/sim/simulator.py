"""The simulated cluster: nodes, network, Corosync, and the event log.

Sans-I/O: it never prints, sleeps or reads files; time is the clock's and
randomness a seeded `random.Random`. The same seed and the same calls give the
same events, byte for byte.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from halab_kernel.errors import LabError
from halab_kernel.model import (
    ClusterState, DaemonStarted, DaemonStopped, Event, FaultInjected, LogLine, Node, Partition, QuorumView,
)
from halab_kernel.sim.clock import Clock
from halab_kernel.sim.corosync import config as corosync_config
from halab_kernel.sim.corosync.config import CorosyncConfig
from halab_kernel.sim.corosync.membership import CorosyncMembership
from halab_kernel.sim.corosync.qdevice import QNETD_HOST, QuorumDevice
from halab_kernel.sim.corosync.totem import Totem
from halab_kernel.sim.network import Network
from halab_kernel.sim.pacemaker.controller import Controller, Planner
from halab_kernel.sim.pacemaker.links import Machines
from halab_kernel.sim.pacemaker.planner import default_planner
from halab_kernel.sim.pacemaker.sbd import Sbd, SbdHost

if TYPE_CHECKING:
    from halab_kernel.sim.pacemaker.snapshot import Reading


@dataclass
class Machine:
    """A node's hardware and processes as the simulator tracks them (internal, mutable)."""

    name: str
    powered: bool = False
    pacemaker_running: bool = False
    sbd_enabled: bool = False  # `pcs stonith sbd enable`: the sbd service starts with the cluster
    sbd_running: bool = False
    booted_at: float = 0.0  # when it last booted (journalctl -b shows what came after)
    cluster_enabled: bool = True  # corosync and pacemaker start at boot (`pcs cluster enable/disable`)


class Simulator:
    def __init__(self, node_names: Sequence[str] | None = None, *, seed: int = 0,
                 corosync: str | Mapping[str, Any] | None = None, start: Sequence[str] | None = None,
                 planner: Planner | None = None, reboot_seconds: float = 30.0) -> None:
        names = list(node_names or [])
        self.rng = random.Random(seed)
        self.clock = Clock()
        self.events: list[Event] = []
        self.reboot_seconds = reboot_seconds
        self._planner = planner or default_planner
        config = corosync_config.load(corosync, names, strict=False)
        self.network = Network(tuple(entry.name for entry in config.nodes)
                               + ((QNETD_HOST,) if config.quorum.has_device else ()))
        self.machines = {entry.name: Machine(entry.name) for entry in config.nodes}
        self._build_stack(config)
        self._files: dict[str, dict[str, str]] = {name: {} for name in self.node_names}
        self._states: dict[str | None, tuple[object, ClusterState]] = {}  # observer -> (moment, snapshot)
        # observer asked for -> (what moved last time, snapshot): a check samples every half second, mostly unchanged
        self._quiet: dict[str | None, tuple[tuple[int, ...], ClusterState]] = {}
        self.touched = 0  # bumped by a change made outside the clock's actions without an event (a command, stop)
        first = list(self.node_names) if start is None else list(start)
        for name in first:
            self._check_node(name)
            self._boot(name)

    def _build_stack(self, config: CorosyncConfig) -> None:
        """Corosync (totem, votequorum, qdevice), sbd and Pacemaker for the nodes of `config`, in its
        nodelist's order and with its node IDs; the machines, network, clock and events stay."""
        self.config: CorosyncConfig = config
        self.node_names: tuple[str, ...] = tuple(entry.name for entry in config.nodes)
        self.totem = Totem(config, self.clock, self.network, self.events.append)
        self.qdevice = QuorumDevice(config, self.clock, self.network, self.totem, self.events.append) \
            if config.quorum.has_device else None
        membership = CorosyncMembership(self.totem)
        self.sbd = Sbd(SbdHost(self.node_names, self.clock, self.events.append, self.rng, self.machines, membership,
                               pacemaker_up=lambda name: self.pacemaker.pacemaker_up(name),
                               cluster_option=lambda name: self.pacemaker.cib.property(name), shoot=self.shoot))
        machines = Machines(powered=lambda name: self.machines[name].powered, shoot=self.shoot,
                            can_talk=self.network.can_talk)
        self.pacemaker = Controller(config.cluster_name, [(e.name, e.node_id) for e in config.nodes],
                                    self.clock, self.events.append, self.rng, membership,
                                    machines, self.sbd, self._planner)
        self.totem.ring_listeners.append(self.pacemaker.membership_changed)
        self.totem.ring_listeners.append(self.sbd.membership_changed)  # after the controller's view is new

    def cluster_down(self) -> bool:
        """No node runs corosync, sbd or Pacemaker: a bare lab before its first `pcs cluster start`, or after
        `pcs cluster destroy` everywhere; its nodes can be numbered in another order."""
        return all(node.process == "stopped" for node in self.totem.nodes.values()) and \
            not any(machine.pacemaker_running or machine.sbd_running for machine in self.machines.values())

    def _renumber(self, config: CorosyncConfig) -> None:
        """A new stack for a nodelist in another order (`pcs cluster setup NAME node3 node2 node1`, node3 gets
        nodeid 1) while the cluster is down. What sits on each machine's disk stays with the machine:
        corosync's /var/lib/corosync/ringid_<address> (each keeps its address), /var/lib/pacemaker/pengine,
        the shared sbd disks and each node's SBD_DEVICE. The old stack's pending timers find every daemon
        stopped and do nothing."""
        old_totem, old_pacemaker, old_sbd = self.totem, self.pacemaker, self.sbd
        if self.qdevice:
            self.qdevice.shutdown()
        if config.quorum.has_device:
            self.network.add_host(QNETD_HOST)
        self._build_stack(config)
        for name, node in self.totem.nodes.items():
            node.saved_ring_seq = old_totem.nodes[name].saved_ring_seq
        self.pacemaker.pe_inputs = old_pacemaker.pe_inputs
        self.sbd.disks, self.sbd.devices = old_sbd.disks, old_sbd.devices
        # a CIB written now (the lab's first CIB is dated at its creation), by the controller of the lowest id
        self.pacemaker.cib.replace(self.pacemaker.cib.read(), client="crmd", user="hacluster", origin=self.node_names[0])

    # --- helpers -------------------------------------------------------------

    @property
    def now(self) -> float:
        return self.clock.now

    def _check_node(self, name: str) -> None:
        if name not in self.machines:
            known = ", ".join(self.node_names)
            raise LabError(f"no node named '{name}' in this cluster (nodes: {known})")

    def _boot(self, name: str) -> None:
        """Power on: the cluster's services start only when enabled at boot (`pcs cluster enable`);
        otherwise the node waits for `pcs cluster start`."""
        machine = self.machines[name]
        machine.powered = True
        machine.booted_at = self.now
        if machine.cluster_enabled:
            self._start_daemons(name)

    def _start_daemons(self, name: str) -> None:
        if self.config.startup_error:  # corosync -t accepts the file; votequorum refuses it at start
            self.events.append(LogLine(self.now, name, daemon="corosync", level="error",
                                       text=f"Service engine 'corosync vote quorum service v1.0' failed to load for "
                                            f"reason '{self.config.startup_error}'"))
            return
        machine = self.machines[name]
        if self.totem.nodes[name].process == "stopped":
            self.totem.start(name)
            self.events.append(DaemonStarted(self.now, name, daemon="corosync"))
            if self.qdevice:
                self.qdevice.node_started(name)
        if machine.pacemaker_running or self.sbd.waiting(name):
            return
        if machine.sbd_enabled:  # sbd starts first; Pacemaker waits for it (it may wait for its disk)
            self.sbd.start(name, lambda: self._start_pacemaker(name))
        else:
            self._start_pacemaker(name)

    def _start_pacemaker(self, name: str) -> None:
        self.machines[name].pacemaker_running = True
        self.events.append(DaemonStarted(self.now, name, daemon="pacemakerd"))
        self.pacemaker.node_started(name)

    def _stop_daemons(self, name: str, graceful: bool) -> None:
        machine = self.machines[name]
        self.sbd.stopped(name)
        if machine.pacemaker_running:
            machine.pacemaker_running = False
            self.events.append(DaemonStopped(self.now, name, daemon="pacemakerd", graceful=graceful))
            self.pacemaker.node_stopped(name, lost_resources=not graceful, noticed=graceful)
        if self.totem.nodes[name].process != "stopped":
            self.events.append(DaemonStopped(self.now, name, daemon="corosync", graceful=graceful))
            if self.qdevice:  # a dead machine closes no connection: qnetd waits for the heartbeat
                self.qdevice.node_stopped(name, goodbye=graceful)
            self.totem.stop(name, graceful=graceful)

    # --- faults and operations ----------------------------------------------

    def crash(self, name: str) -> None:
        """The node hangs or panics: every daemon dies at once, nothing says goodbye."""
        self._check_node(name)
        self.events.append(FaultInjected(self.now, name, fault="crash", target=name))
        self._stop_daemons(name, graceful=False)

    def power_off(self, name: str) -> None:
        self._check_node(name)
        self.events.append(FaultInjected(self.now, name, fault="power_off", target=name))
        self._stop_daemons(name, graceful=False)
        self.machines[name].powered = False

    def restart(self, name: str) -> None:
        """Boot a crashed or powered-off node (or restart its stack): corosync, then pacemaker, when enabled at boot."""
        self._check_node(name)
        self.events.append(FaultInjected(self.now, name, fault="restart", target=name))
        self._boot(name)

    def kill(self, name: str, daemon: str) -> None:
        """kill -9 of one daemon. Without corosync, Pacemaker on that node exits too."""
        self._check_node(name)
        if daemon not in ("corosync", "pacemakerd", "pacemaker"):
            raise LabError(f"unknown daemon '{daemon}' (choose corosync or pacemakerd)")
        self.events.append(FaultInjected(self.now, name, fault=f"kill {daemon}", target=name))
        if daemon == "corosync":
            if self.qdevice:  # corosync-qdevice loses corosync and exits, closing its connection
                self.qdevice.node_stopped(name, goodbye=True)
            self._stop_daemons(name, graceful=False)
        elif self.machines[name].pacemaker_running:
            self.machines[name].pacemaker_running = False
            self.events.append(DaemonStopped(self.now, name, daemon="pacemakerd", graceful=False))
            self.pacemaker.node_stopped(name, lost_resources=False, noticed=True)
            self.sbd.check(name)  # sbd's Pacemaker servant sees it gone

    def stop(self, name: str) -> None:
        """`pcs cluster stop`: Pacemaker moves the node's resources away and exits, then Corosync leaves
        cleanly (the others see a leave, not a failure)."""
        self.touch()
        self._check_node(name)
        self.pacemaker.request_shutdown(name, lambda: self._stop_daemons(name, graceful=True))

    def standby(self, name: str, on: bool = True) -> None:
        """`pcs node standby` / `unstandby`: the node's permanent standby attribute, written by a node
        whose Pacemaker runs (the CIB is changed through a live cluster)."""
        self.touch()
        self._check_node(name)
        runner = next((n for n in self.node_names if self.pacemaker.pacemaker_up(n)), None)
        if runner is None:
            raise LabError("no node runs Pacemaker: nothing can change a node attribute now")
        self.pacemaker.cib.set_node_attribute(name, self.totem.nodes[name].node_id, "standby", "on" if on else None,
                                              origin=runner)

    def fence(self, name: str, action: str = "reboot") -> None:
        """`pcs stonith fence NODE`: a fence device of the cluster, run by another node, shoots `name`."""
        self.touch()
        self._check_node(name)
        fencers = [n for n in self.node_names if n != name and self.pacemaker.pacemaker_up(n)]
        if not fencers or not self.pacemaker.fence_manually(fencers[0], name, action):
            raise LabError(f"unable to fence '{name}': no fence device, or no other node to run it")

    def shoot(self, name: str, action: str = "reboot") -> None:
        """What a fence device does to its target: power off (and, for reboot, boot it again)."""
        self.touch()
        self._stop_daemons(name, graceful=False)
        self.machines[name].powered = False
        if action == "reboot":
            self.clock.call_later(self.reboot_seconds, lambda: self._reboot_done(name))

    def _reboot_done(self, name: str) -> None:
        if not self.machines[name].powered:
            self._boot(name)

    @property
    def corosync_conf(self) -> str:
        """/etc/corosync/corosync.conf on every node."""
        return self.config.text

    @property
    def cib(self):  # noqa: ANN201 - the CibStore, as pcs and cibadmin reach it
        return self.pacemaker.cib

    def files(self, name: str) -> dict[str, str]:
        """A node's own files (for `pcs cluster cib FILE`, `pcs -f FILE`): a dict of path -> text."""
        self._check_node(name)
        return self._files[name]

    def start(self, name: str) -> None:
        """`pcs cluster start` on a powered node."""
        self.touch()
        self._check_node(name)
        if not self.machines[name].powered:
            raise LabError(f"{name} is powered off; restart it first")
        self._start_daemons(name)

    def partition(self, groups: Sequence[Sequence[str]]) -> None:
        """Cut the links between groups; nodes left out form a group of their own, while the qnetd
        host left out keeps every link (the arbiter at a third site)."""
        named = [list(group) for group in groups]
        for group in named:
            for name in group:
                if not (name == QNETD_HOST and self.qdevice):
                    self._check_node(name)
        listed = [name for group in named for name in group]
        if len(listed) != len(set(listed)):
            raise LabError("a node appears in more than one group")
        rest = [name for name in self.node_names if name not in listed]
        if rest:
            named.append(rest)
        self.events.append(FaultInjected(self.now, None, fault="partition",
                                         target=" / ".join(" ".join(group) for group in named)))
        self.network.partition(named)
        self.totem.topology_changed()

    def reload_corosync(self, text: str) -> None:
        """pcs pushed a new corosync.conf and reloaded corosync: votequorum re-reads it; corosync-qdevice
        restarts with a changed device section, starts with a new one, stops with a removed one."""
        self.touch()
        config = corosync_config.load(text, list(self.node_names))
        if sorted(entry.name for entry in config.nodes) != sorted(self.node_names):
            raise LabError("the simulator cannot add or remove nodes by reloading corosync.conf")
        if [(e.name, e.node_id) for e in config.nodes] != [(e.name, e.node_id) for e in self.config.nodes]:
            if not self.cluster_down():
                raise LabError("the simulator numbers the nodes in another order (corosync.conf's nodelist) only "
                               "while no node runs the cluster")
            self._renumber(config)
            return
        qnetd_running = self.qdevice.qnetd.running if self.qdevice else True
        if self.qdevice and config.quorum.device != self.config.quorum.device:
            self.qdevice.shutdown()
            self.qdevice = None
        self.config = config
        self.totem.reload(config)
        if config.quorum.has_device and self.qdevice is None:
            self.network.add_host(QNETD_HOST)
            self.qdevice = QuorumDevice(config, self.clock, self.network, self.totem, self.events.append)
            if not qnetd_running:
                self.qdevice.stop_qnetd()
            for name in self.node_names:
                if self.totem.nodes[name].process != "stopped":
                    self.qdevice.node_started(name)

    def stop_qnetd(self) -> None:
        """`systemctl stop corosync-qnetd` on the arbiter host."""
        self._require_qnetd()
        self.events.append(FaultInjected(self.now, None, fault="stop", target=QNETD_HOST))
        self.qdevice.stop_qnetd()  # type: ignore[union-attr]

    def crash_qnetd(self) -> None:
        """The qnetd host hangs or loses power: the nodes notice only by their heartbeats."""
        self._require_qnetd()
        self.events.append(FaultInjected(self.now, None, fault="crash", target=QNETD_HOST))
        self.qdevice.crash_qnetd()  # type: ignore[union-attr]

    def start_qnetd(self) -> None:
        self._require_qnetd()
        self.events.append(FaultInjected(self.now, None, fault="start", target=QNETD_HOST))
        self.qdevice.start_qnetd()  # type: ignore[union-attr]

    def _require_qnetd(self) -> None:
        if self.qdevice is None:
            raise LabError("this cluster has no quorum device: there is no qnetd host "
                           "(add one with pcs quorum device add model net host=qnetd algorithm=ffsplit)")

    def heal(self) -> None:
        self.events.append(FaultInjected(self.now, None, fault="heal"))
        self.network.heal()
        self.totem.topology_changed()

    def fail_resource(self, rsc: str, node: str | None = None, op: str = "monitor", hang: bool = False) -> None:
        """Inject a resource failure: it dies (op="monitor": the next monitor notices), or its next
        start/stop fails (or hangs until its timeout) on `node` (every node when None)."""
        if self.pacemaker.cib.primitive(rsc) is None:
            raise LabError(f"no resource named '{rsc}' (see pcs resource config)")
        if op not in ("monitor", "start", "stop", "promote", "demote"):
            raise LabError(f"cannot fail operation '{op}' (choose monitor, start or stop)")
        executor = self.pacemaker.executor
        if node is not None:
            self._check_node(node)
        if op == "monitor" and not hang:
            targets = [node] if node else executor.where(rsc)
            if not targets or (node and not executor.is_active(node, rsc)):
                raise LabError(f"{rsc} is not running{' on ' + node if node else ''}: nothing to fail")
        else:
            targets = [node] if node else list(self.node_names)
        self.events.append(FaultInjected(self.now, node, fault=f"fail {op}{' (hang)' if hang else ''}", target=rsc))
        for target in targets:
            if op == "monitor" and not hang:
                executor.resource_dies(target, rsc)
            else:
                executor.arm(target, rsc, op, "hang" if hang else "fail")

    def detach_disk(self, name: str) -> None:
        """The node loses its path to the shared disks (a cable, a SAN switch, an iSCSI session)."""
        self._check_node(name)
        self.events.append(FaultInjected(self.now, name, fault="disk_loss", target=name))
        self.sbd.set_reachable(name, False)

    def attach_disk(self, name: str) -> None:
        """The node reaches the shared disks again."""
        self._check_node(name)
        self.events.append(FaultInjected(self.now, name, fault="disk_back", target=name))
        self.sbd.set_reachable(name, True)

    def drop_link(self, sender: str, receiver: str) -> None:
        """One-way link loss: what `sender` sends to `receiver` is lost."""
        self._check_node(sender)
        self._check_node(receiver)
        self.events.append(FaultInjected(self.now, sender, fault="link_loss", target=f"{sender}->{receiver}"))
        self.network.block(sender, receiver)
        self.totem.topology_changed()

    def log_records(self, node: str | None = None) -> list:
        """Log records (corosync.log and pacemaker.log lines) of one node, or of all nodes."""
        from halab_kernel.sim.logs import records

        node_ids = {name: self.totem.nodes[name].node_id for name in self.node_names}
        return [r for r in records(self.events, node_ids) if node is None or r.node == node]

    def advance(self, seconds: float) -> list[Event]:
        first = len(self.events)
        self.clock.advance(seconds)
        return self.events[first:]

    # --- snapshots -------------------------------------------------------------

    def quorum_view(self, name: str) -> QuorumView | None:
        node = self.totem.nodes[name]
        if not node.in_ring or node.quorum is None or node.ring is None:
            return None
        quorum = self.totem.live_quorum(name) or node.quorum  # the vote counts run ahead during a sync hold
        members = sorted(node.ring.members, key=lambda n: self.totem.nodes[n].node_id)
        return QuorumView(
            node=name, node_id=node.node_id, ring_id=node.ring.ring_id, members=tuple(members),
            member_ids=tuple(self.totem.nodes[n].node_id for n in members), quorate=node.quorum.quorate,
            expected_votes=quorum.expected_votes, highest_expected=quorum.highest_expected,
            total_votes=quorum.total_votes, quorum=quorum.quorum, flags=quorum.flags(),
            votes={n: self.totem.nodes[n].votes for n in members},
            **self._qdevice_fields(name, members),
        )

    def _qdevice_fields(self, name: str, members: list[str]) -> dict[str, Any]:
        """The Qdevice column and row of corosync-quorumtool: each member's flags; the device's votes
        show as 0 where this node's qdevice casts no vote."""
        flags = {n: quorum.device if (quorum := self.totem.nodes[n].quorum) is not None
                 else self.qdevice.daemons[n].last_flags for n in members} if self.qdevice else {}
        if not any(f.registered for f in flags.values()):
            return {}
        own = self.totem.nodes[name].quorum
        assert own is not None
        return {"qdevice_present": True, "qdevice_votes": own.device_votes if own.device.cast_vote else 0,
                "qdevice_configured_votes": own.device_votes,
                "qdevice_flags": {n: f.text for n, f in flags.items()}}

    def reading(self, node: str) -> Reading:
        """What crm_mon on `node` renders (snapshot.py): its DC, its view of the CIB, the status read from it."""
        from halab_kernel.sim.pacemaker import snapshot

        return snapshot.reading(self.pacemaker, node)

    def state(self, observer: str | None = None) -> ClusterState:
        """The cluster as `observer` sees it (default: the reference DC, else the lowest-id node running
        Pacemaker): node states, placement and failures exactly as `crm_mon` there shows them."""
        if observer is not None:
            self._check_node(observer)
        asked = observer
        root = self.pacemaker.cib.root
        moved = (self.clock.actions_run, len(self.events), self.touched, id(root), int(root.get("epoch", "0")),
                 int(root.get("num_updates", "0")))
        quiet = self._quiet.get(asked)
        if quiet is not None and quiet[0] == moved:  # no action ran, no event, no command, no CIB update: only time
            state = quiet[1] if quiet[1].time == self.now else replace(quiet[1], time=self.now)
            self._quiet[asked] = (moved, state)
            return state
        state = self._state(observer)
        self._quiet[asked] = (moved, state)
        return state

    def touch(self) -> None:
        """Something changed outside the clock's actions, without an event: snapshots are taken afresh."""
        self.touched += 1

    def _state(self, observer: str | None) -> ClusterState:
        from halab_kernel.sim.pacemaker import snapshot

        observer = observer or snapshot.observer(self.pacemaker)
        views = {name: view for name in self.node_names if (view := self.quorum_view(name)) is not None}
        key = (len(self.events), snapshot._fingerprint(self.pacemaker))  # events: faults, results, daemons
        cached = self._states.get(observer)
        if cached is not None and cached[0] == key:  # nothing changed but time and (rarely) vote counts
            state = cached[1]
            if state.time != self.now or state.views != views:
                state = replace(state, time=self.now, views=views, partitions=self._partitions(views))
                self._states[observer] = (key, state)
            return state
        found = snapshot.reading(self.pacemaker, observer) \
            if observer is not None and self.pacemaker.pacemaker_up(observer) else None
        root = self.pacemaker.cib.root
        flags = snapshot.node_flags(found, self.node_names)
        nodes = tuple(
            Node(name=name, node_id=self.totem.nodes[name].node_id, status=flags[name][0],
                 votes=self.totem.nodes[name].votes, powered=self.machines[name].powered,
                 corosync_running=self.totem.nodes[name].process != "stopped",
                 pacemaker_running=self.machines[name].pacemaker_running,
                 standby=flags[name][1], maintenance=flags[name][2])
            for name in self.node_names
        )
        state = ClusterState(time=self.now, cluster_name=self.config.cluster_name, nodes=nodes,
                             partitions=self._partitions(views), views=views, dc=found.dc if found else None,
                             resources=snapshot.resources(self.pacemaker, found),
                             constraints=snapshot.constraints(root), properties=snapshot.properties(root),
                             observer=found.node if found else None)
        self._states[observer] = (key, state)
        return state

    def _partitions(self, views: dict[str, QuorumView]) -> tuple[Partition, ...]:
        """One Partition per membership, from its members' quorum views, with its DC."""
        partitions: list[Partition] = []
        for view in views.values():
            if any(view.node in p.members for p in partitions):
                continue
            partitions.append(Partition(members=view.members, ring_id=view.ring_id, quorate=view.quorate,
                                        total_votes=view.total_votes, quorum=view.quorum,
                                        expected_votes=view.expected_votes, flags=view.flags,
                                        dc=self.pacemaker.dc_for(view.node)))
        return tuple(partitions)
