"""The Lab: one cluster per notebook, the same API on a simulator or real nodes.

Notebooks, magics, widgets and grading checks all talk to a Lab. It picks a
backend, keeps the event history, and tells subscribers (the dashboard) what
changed after every step.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from halab_kernel.errors import LabError
from halab_kernel.fault_target import apply_fault, group_tuples
from halab_kernel.model import (
    ClusterState, CommandResult, Crash, Cut, DiskPath, Event, FailResource, Fault, Fence, FenceDeviceFailure, Heal, Kill,
    PowerOff, Restart, Standby, Start, Stop,
)
from halab_kernel.values import duration_seconds

if TYPE_CHECKING:
    import pandas

    from halab_kernel.backend import Backend, LogRecord
    from halab_kernel.history import History

Subscriber = Callable[[list[Event]], None]

def parse_duration(value: object) -> float:
    """Seconds from 30, 2.5, "30s", "500ms", "2min" or "1h" (halab_kernel.values); LabError otherwise."""
    try:
        return duration_seconds(value)
    except ValueError as error:
        raise LabError(str(error)) from None


def _text(value: object, what: str) -> str:
    """A command line or a name must be a str: bytes, lists and None get the reason, not a traceback."""
    if not isinstance(value, str):
        raise LabError(f"{what} must be text (a str), not {type(value).__name__}: {value!r}"[:200])
    return value


def _whole_number(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LabError(f"{what} must be a whole number, not {type(value).__name__}: {value!r}"[:200])
    return value


def _simulated_arguments(nodes: object, seed: object, corosync: object, start: object,
                         reboot_seconds: object) -> None:
    """Lab.simulated's arguments, checked before anything is built."""
    _whole_number(nodes, "nodes")
    _whole_number(seed, "seed")
    if corosync is not None and not isinstance(corosync, (str, Mapping)):
        raise LabError(f"corosync must be a corosync.conf text or a dict of sections, not {type(corosync).__name__}")
    if start is not None and (not isinstance(start, (list, tuple)) or not all(isinstance(n, str) for n in start)):
        raise LabError(f"start must list node names, e.g. start=['node1'], not {start!r}")
    try:
        seconds = duration_seconds(reboot_seconds)
    except ValueError as error:
        raise LabError(f"reboot_seconds: {error}") from None
    if seconds <= 0:
        raise LabError("reboot_seconds must be more than 0: a fenced node takes time to boot")


class SimBackend:
    """The Backend protocol over the built-in simulator."""

    kind = "sim"

    def __init__(self, nodes: int, seed: int, corosync: str | Mapping[str, Any] | None,
                 start: Sequence[str] | None, reboot_seconds: float = 30.0) -> None:
        from halab_kernel.sim.simulator import Simulator

        if isinstance(corosync, str):
            names = None
        else:
            if not 1 <= nodes <= 32:
                raise LabError(f"a simulated cluster has 1 to 32 nodes, not {nodes}")
            names = [f"node{i}" for i in range(1, nodes + 1)]
        try:
            self.sim = Simulator(names, seed=seed, corosync=corosync, start=start, reboot_seconds=reboot_seconds)
        except ValueError as error:  # corosync's own refusal of the configuration
            raise LabError(str(error)) from None

    @property
    def now(self) -> float:
        return self.sim.now

    @property
    def node_names(self) -> tuple[str, ...]:
        return self.sim.node_names

    @property
    def events(self) -> Sequence[Event]:
        return self.sim.events

    def run(self, node: str, command: str) -> CommandResult:
        from halab_kernel.commands.router import CommandContext, run_command

        self.sim.touch()  # a command may change what no event announces (expected votes, a flag on a machine)
        try:
            if node == self.arbiter:
                from halab_kernel.commands.qdevice_tools import run_on_qnetd_host

                return run_on_qnetd_host(self.sim, command)
            self.sim._check_node(node)
            if not self.sim.machines[node].powered:
                raise LabError(f"{node} is powered off: there is no shell to run '{command}' in")
            return run_command(CommandContext(self.sim, node), command)
        finally:
            self.sim.touch()

    def state(self) -> ClusterState:
        return self.sim.state()

    def advance(self, seconds: float) -> Sequence[Event]:
        return self.sim.advance(seconds)

    def wait_until(self, predicate: Callable[[ClusterState], bool], timeout: float) -> bool:
        return self.sim.clock.run_until_moment(lambda: predicate(self.sim.state()), timeout)

    def log_records(self, node: str | None = None) -> Sequence[LogRecord]:
        return self.sim.log_records(node)

    @property
    def arbiter(self) -> str | None:
        from halab_kernel.sim.corosync.qdevice import QNETD_HOST

        return QNETD_HOST if self.sim.qdevice is not None else None

    # --- the fault operations (fault_target.FaultTarget); "qnetd" names the quorum device's arbiter -----

    def crash(self, node: str) -> None:
        self.sim.crash_qnetd() if node == self.arbiter else self.sim.crash(node)

    def restart(self, node: str) -> None:
        self.sim.restart(node)

    def power_off(self, node: str) -> None:
        self.sim.power_off(node)

    def stop(self, node: str) -> None:
        self.sim.stop_qnetd() if node == self.arbiter else self.sim.stop(node)

    def start(self, node: str) -> None:
        self.sim.start_qnetd() if node == self.arbiter else self.sim.start(node)

    def kill(self, node: str, daemon: str) -> None:
        self.sim.kill(node, daemon)

    def partition(self, groups: Sequence[Sequence[str]]) -> None:
        self.sim.partition(group_tuples(groups))

    def heal(self) -> None:
        self.sim.heal()

    def fail_resource(self, resource: str, node: str | None = None, op: str = "monitor", hang: bool = False) -> None:
        self.sim.fail_resource(resource, node, op, hang)

    def standby(self, node: str, on: bool = True) -> None:
        self.sim.standby(node, on)

    def fence(self, node: str) -> None:
        self.sim.fence(node)

    def set_disk_path(self, node: str, attached: bool) -> None:
        self.sim.attach_disk(node) if attached else self.sim.detach_disk(node)

    def set_fence_device_failing(self, device: str, failing: bool) -> None:
        self.sim.touch()
        self.sim.pacemaker.fenced.set_failing(device, failing)

    def inject(self, fault: Fault) -> None:
        apply_fault(self, fault)

    def close(self) -> None:
        """Nothing to release: the simulator holds no outside resources."""


class Lab:
    """A cluster to experiment on. Create one with `Lab.simulated()` or `Lab.ssh()`."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._subscribers: list[Subscriber] = []
        self._announced = 0

    # --- construction ----------------------------------------------------------

    @classmethod
    def simulated(cls, nodes: int = 3, seed: int = 0, corosync: str | Mapping[str, Any] | None = None,
                  start: Sequence[str] | None = None, reboot_seconds: float = 30.0, bare: bool = False) -> Lab:
        """A simulated cluster of `nodes` nodes named node1..nodeN, starting now.

        `corosync` is a dict of section options ({"totem": {"token": 1000}}) or a
        whole corosync.conf text, whose nodelist then names the nodes. `start`
        lists the nodes powered on at time 0 (default: all). `reboot_seconds`: how long a fenced
        (rebooted) node takes to boot again. `bare=True`: powered machines with pcsd and no cluster yet,
        to build one with `pcs host auth`, `pcs cluster setup`, `pcs cluster start --all`.

        A quorum device ({"quorum": {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd",
        "algorithm": "ffsplit"}}}}, or `pcs quorum device add` later) adds an arbiter host named
        "qnetd": `lab.partition(["node1", "qnetd"], ["node2"])`, `lab.stop("qnetd")`,
        `lab.run("qnetd", "corosync-qnetd-tool -l")` (docs/corosync.md).
        """
        _simulated_arguments(nodes, seed, corosync, start, reboot_seconds)
        backend = SimBackend(nodes, seed, corosync, [] if bare else start, duration_seconds(reboot_seconds))
        if bare:
            from halab_kernel.sim.bare import leave_bare  # operator's pre-cluster state (issue 14)
            leave_bare(backend.sim)
        return cls(backend)

    @classmethod
    def ssh(cls, hosts: Sequence[str] | None = None, *, inventory: str | None = None, user: str = "root",
            key: str | None = None, known_hosts: str | None = None, allow_faults: bool = False,
            timeout: float = 10.0) -> Lab:
        """Real nodes over SSH (paramiko): the same commands, states and events."""
        from halab_kernel.remote.backend import SshBackend

        return cls(SshBackend(hosts, inventory=inventory, user=user, key=key, known_hosts=known_hosts,
                              allow_faults=allow_faults, timeout=timeout))

    # --- reading -----------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.backend.kind

    @property
    def node_names(self) -> tuple[str, ...]:
        return self.backend.node_names

    @property
    def now(self) -> float:
        return self.backend.now

    @property
    def events(self) -> list[Event]:
        return list(self.backend.events)

    def state(self) -> ClusterState:
        """The cluster now, as `crm_mon` on one node shows it (`state.observer`: the DC, else the lowest-id
        node running Pacemaker); quorum per node in `state.views`; where resources really run in
        `Resource.running_on` (docs/architecture.md, "One view of the cluster")."""
        return self.backend.state()

    def events_frame(self) -> pandas.DataFrame:
        """All events as a table: time, node, kind, message, and each event's own fields."""
        import pandas

        rows = [{"time": e.time, "node": e.node, "kind": e.kind, "message": e.message, **e.data()}
                for e in self.backend.events]
        return pandas.DataFrame(rows, columns=None if rows else ["time", "node", "kind", "message"])

    def logs(self, node: str | None = None, since: float | None = None) -> pandas.DataFrame:
        """Corosync and Pacemaker log lines (real formats) as a table: time, node, file, daemon, level,
        message, line. On a real cluster they come from the nodes' log files."""
        import pandas

        if node is not None:
            self._check_node(node)
        if since is not None and (isinstance(since, bool) or not isinstance(since, (int, float))):
            raise LabError(f"since must be a time in seconds, not {since!r}")
        records = [r for r in self.backend.log_records(node)
                   if since is None or r.time >= since]
        return pandas.DataFrame(
            [{"time": r.time, "node": r.node, "file": r.file, "daemon": r.daemon, "level": r.level,
              "message": r.message, "line": r.line()} for r in records],
            columns=["time", "node", "file", "daemon", "level", "message", "line"])

    # --- acting ------------------------------------------------------------------

    def run(self, node: str, command: str) -> CommandResult:
        """Run a command on a node (or, with a quorum device, on its arbiter: `lab.run("qnetd",
        "corosync-qnetd-tool -l")`), as the real tool answers it."""
        _text(node, "the node")
        _text(command, "a command")
        self._host(node)
        result = self.backend.run(node, command)
        self._announce()
        return result

    def advance(self, seconds: float | int | str) -> list[Event]:
        """Let time pass (virtual on the simulator) and return what happened meanwhile."""
        events = list(self.backend.advance(parse_duration(seconds)))
        self._announce()
        return events

    def wait_until(self, predicate: Callable[[ClusterState], bool], timeout: float | int | str) -> bool:
        """Advance until `predicate(state)` holds, at most `timeout`; whether it did."""
        if not callable(predicate):
            raise LabError(f"wait_until needs a function of the state, e.g. lambda s: s.dc is not None; not {predicate!r}")
        waited = self.backend.wait_until(predicate, parse_duration(timeout))
        self._announce()
        return waited

    def crash(self, node: str) -> None:
        """The node hangs or panics; `lab.crash("qnetd")`: the quorum device's arbiter dies silently."""
        self.inject(Crash(self._host(node)))

    def restart(self, node: str) -> None:
        self.inject(Restart(self._node(node)))

    def power_off(self, node: str) -> None:
        self.inject(PowerOff(self._node(node)))

    def stop(self, node: str) -> None:
        """`pcs cluster stop` on a node; `lab.stop("qnetd")` stops the quorum device's arbiter."""
        self.inject(Stop(self._host(node)))

    def start(self, node: str) -> None:
        """`pcs cluster start` on a node; `lab.start("qnetd")` starts the arbiter again."""
        self.inject(Start(self._host(node)))

    def kill(self, node: str, daemon: str) -> None:
        self.inject(Kill(self._node(node), _text(daemon, "the daemon")))

    def fail_resource(self, rsc: str, node: str | None = None, op: str = "monitor", hang: bool = False) -> None:
        """Make a resource fail: it dies where it runs (op="monitor", noticed at its next monitor),
        or its next start/stop fails, or hangs until the operation's timeout (hang=True)."""
        self.inject(FailResource(_text(rsc, "the resource"), None if node is None else self._node(node),
                                 _text(op, "the operation"), bool(hang)))

    def standby(self, node: str, on: bool = True) -> None:
        """Put a node in standby (its resources move away) or take it out (`on=False`)."""
        if not isinstance(on, bool):
            raise LabError(f"on must be True or False, not {on!r}")
        self.inject(Standby(self._node(node), on))

    def fence(self, node: str) -> None:
        """Ask the cluster's fence device to reboot `node` (`pcs stonith fence`)."""
        self.inject(Fence(self._node(node)))

    def partition(self, *groups: Sequence[str]) -> None:
        """Cut the network between groups of nodes; nodes left out form a group of their own.
        With a quorum device, "qnetd" may join a group (`lab.partition(["node1", "qnetd"], ["node2"])`
        cuts node2 from qnetd too); left out, qnetd keeps its links to every node."""
        if not groups:
            raise LabError("partition needs at least one group, e.g. lab.partition(['node1'], ['node2', 'node3'])")
        if not all(isinstance(group, (str, list, tuple)) for group in groups):
            raise LabError(f"each group is a list of node names, e.g. lab.partition(['node1'], ['node2']); not {groups!r}")
        self.inject(Cut(tuple(tuple(self._host(node) for node in group) for group in group_tuples(groups))))

    def heal(self) -> None:
        self.inject(Heal())

    def detach_disk(self, node: str) -> None:
        """Cut `node` off the shared disk SBD watches: sbd notices within 4 s, and the node lives on
        while its partition is quorate (simulator only: on real nodes, detach the LUN yourself)."""
        self.inject(DiskPath(self._node(node), attached=False))

    def attach_disk(self, node: str) -> None:
        """Give `node` its path to the shared disk back (simulator only)."""
        self.inject(DiskPath(self._node(node), attached=True))

    def break_fence_device(self, device: str) -> None:
        """Make a fence device fail every action (its BMC or power switch unreachable): fenced then tries
        the next device, or the next fencing topology level (simulator only)."""
        self.inject(FenceDeviceFailure(_text(device, "the fence device"), failing=True))

    def repair_fence_device(self, device: str) -> None:
        """Let a fence device broken by `break_fence_device` work again (simulator only)."""
        self.inject(FenceDeviceFailure(_text(device, "the fence device"), failing=False))

    def inject(self, fault: Fault) -> None:
        """Apply a fault given as a value (`from halab_kernel.model import Crash`; `lab.inject(Crash("node2"))`),
        on either backend; the dashboard hears of it."""
        if not isinstance(fault, Fault):
            raise LabError(f"inject takes a fault such as Crash('node2') (halab_kernel.model), not {fault!r}")
        self.backend.inject(fault)
        self._announce()

    def explain(self, resource: str, node: str | None = None) -> str:
        """Why `resource` is where it is: each score contribution per node, with its source
        (location constraint, stickiness, colocation, failcount, standby...), from the DC's view.
        The same text as `crm_simulate -L --explain RSC` on a node."""
        node = node or self.node_names[0]
        if self.kind == "sim":
            result = self.run(node, f"crm_simulate -L --explain {shlex.quote(resource)}")
            if result.rc:
                raise LabError(result.stderr.strip() or f"cannot explain {resource}")
            return result.stdout
        # A real node has no --explain: read its live CIB and explain it here, with the same scheduler.
        from halab_kernel.sim.pacemaker.cib import CibError, parse_cib
        from halab_kernel.sim.pacemaker.explain import explain

        query = self.run(node, "cibadmin -Q")
        if query.rc:
            raise LabError(f"cannot read the CIB on {node}: {query.stderr.strip()}")
        try:
            return explain(parse_cib(query.stdout), resource)
        except KeyError:
            raise LabError(f"no resource named '{resource}'") from None
        except CibError as error:
            raise LabError(str(error)) from None

    @staticmethod
    def crmsh(pcs_command: str) -> str:
        """What `pcs_command` is in crmsh (SUSE's shell for the same cluster), e.g.
        `Lab.crmsh("pcs constraint location web prefers node1=50")`."""
        from halab_kernel.commands.crmsh import crmsh_equivalent

        return crmsh_equivalent(pcs_command)

    def predict_vs_real(self, fault: str, *args: Any, seconds: float | int | str = 30,
                        tolerance: float = 3.0) -> Any:
        """On real nodes: the simulator's prediction for `fault(*args)` (built from this cluster's own
        corosync.conf and CIB) beside what really happens, over `seconds` (halab_kernel/prediction.py)."""
        from halab_kernel.prediction import predict_vs_real

        comparison = predict_vs_real(self, fault, *args, seconds=parse_duration(seconds), tolerance=tolerance)
        self._announce()
        return comparison

    def timeline(self) -> History:
        """The failover timeline's data: per-node membership/quorum/resource bands and measured
        phases (detection, fencing, recovery), folded from the events."""
        from halab_kernel.history import History

        history = History()
        history.add(self.backend.events)
        return history

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback(new_events)` after every step (advance, wait, command, fault), with an empty list
        when time passed quietly; returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def live(self, speed: float = 1.0) -> Any:
        """Let virtual time run against wall time in the kernel's loop (speed x real time); None while
        grading, where time only moves with advance()."""
        from halab_kernel import live

        return live.start(self, speed)

    def pause(self) -> None:
        """Stop live mode; the clock stays where it is."""
        from halab_kernel import live

        live.pause(self)

    def close(self) -> None:
        from halab_kernel import live

        live.pause(self)
        self.backend.close()

    # --- internals -----------------------------------------------------------------

    def _node(self, node: object) -> str:
        """A node of the cluster, by name."""
        self._check_node(node)
        return str(node)

    def _host(self, node: object) -> str:
        """A node, or the quorum device's arbiter host when the cluster has one ("qnetd")."""
        if node is not None and node == self.backend.arbiter:
            return str(node)
        return self._node(node)

    def _check_node(self, node: object) -> None:
        _text(node, "a node name")
        if node not in self.node_names:
            raise LabError(f"no node named '{node}' in this cluster (nodes: {', '.join(self.node_names)})")

    def _announce(self) -> None:
        """Tell every subscriber what changed, even when nothing happened: time passed, and a
        dashboard must show its clock where the lab's is."""
        events = list(self.backend.events[self._announced:])
        self._announced += len(events)
        for callback in list(self._subscribers):
            callback(events)

    def __repr__(self) -> str:
        return f"<Lab {self.kind}: {len(self.node_names)} nodes, t={self.now:.1f}s>"
