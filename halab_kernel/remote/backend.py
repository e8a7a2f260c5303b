"""SshBackend: the Backend protocol on real nodes, over SSH (paramiko).

Commands run for real; snapshots are read from the real tools on every
reachable node at once; events are the differences between snapshots plus
the notable lines of the nodes' logs; time is wall time since connecting.
Faults change a real cluster, so they are refused unless the lab was created
with `allow_faults=True`; every partition injected is healed on `close()`
and at interpreter exit.
"""

from __future__ import annotations

import atexit
import bisect
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence, TypeVar

from halab_kernel.model import ClusterState, CommandResult, Event, FaultInjected
from halab_kernel.remote import faults, probe
from halab_kernel.remote.events import EventTracker, log_events
from halab_kernel.remote.inventory import DEFAULT_KNOWN_HOSTS, Inventory, hosts_from, read_inventory
from halab_kernel.remote.snapshot import NodeReport, assemble, read_probe
from halab_kernel.remote.ssh import SSH_FAILURE, HostKeyRefused, NodeConnection, RemoteError

T = TypeVar("T")
POLL_INTERVAL = 0.5  # seconds between snapshots while advancing
LONG_TIMEOUT = 90.0  # for faults that wait on the cluster (fence, stack start/stop)
HEAL_PATIENCE = 30.0  # how long heal() waits for a node that is rebooting


class FaultsNotAllowed(PermissionError):
    """Fault injection on real nodes was not enabled for this lab."""


class SshBackend:
    """A real cluster driven over SSH. See docs/real-cluster.md."""

    def __init__(
        self,
        hosts: Iterable[str] | Mapping[str, str] | None = None,
        *,
        inventory: str | Path | None = None,
        user: str = "root",
        key: str | Path | None = None,
        known_hosts: str | Path | None = None,
        allow_faults: bool = False,
        timeout: float = 10.0,
    ) -> None:
        config = read_inventory(inventory) if inventory else None
        if hosts is None and config is None:
            raise ValueError("give hosts=[...] or inventory=PATH")
        chosen = Inventory(
            hosts=hosts_from(hosts) if hosts is not None else config.hosts,
            user=user if user != "root" or config is None else config.user,
            key=Path(key).expanduser() if key else (config.key if config else None),
            known_hosts=Path(known_hosts).expanduser() if known_hosts else (
                config.known_hosts if config else DEFAULT_KNOWN_HOSTS.expanduser()),
        )
        self.allow_faults = allow_faults
        self.timeout = float(timeout)
        self.user = chosen.user
        self._connections = {
            h.name: NodeConnection(h, user=chosen.user, key=chosen.key, known_hosts=chosen.known_hosts,
                                   timeout=self.timeout)
            for h in chosen.hosts
        }
        self._pool = ThreadPoolExecutor(max_workers=len(self._connections), thread_name_prefix="halab-ssh")
        self._events: list[Event] = []  # kept in time order: log lines arrive after newer snapshots
        self._fresh: list[Event] = []  # what the running advance() has seen
        self._tracker = EventTracker()
        self._log_offsets: dict[str, dict[str, int | None]] = {
            n: {name: None for name in probe.LOG_FILES} for n in self._connections
        }
        self._journal_cursors: dict[str, str | None] = {n: None for n in self._connections}
        self._partitioned: set[str] = set()  # nodes holding partition rules
        self._heal_pending: set[str] = set()  # nodes whose rules could not be removed yet
        self._ring_addresses: dict[str, list[str]] | None = None
        self._closed = False
        self._started = time.monotonic()
        self._origin_epoch = time.time()
        self._connect_all()
        atexit.register(self.close)
        self._snapshot(with_logs=True)  # baseline: events are differences from here

    # --- the Backend protocol ------------------------------------------
    @property
    def now(self) -> float:
        return time.monotonic() - self._started

    @property
    def node_names(self) -> tuple[str, ...]:
        return tuple(self._connections)

    @property
    def events(self) -> Sequence[Event]:
        return tuple(self._events)

    def run(self, node: str, command: str) -> CommandResult:
        """Run a command line on a node as its shell would; SSH trouble comes back as exit status 255."""
        if node not in self._connections:
            return CommandResult("", f"halab: no node named {node!r} (nodes: {' '.join(self._connections)})\n",
                                 SSH_FAILURE)
        try:
            return self._connections[node].execute(command)
        except RemoteError as error:
            return CommandResult("", f"ssh: {error}\n", SSH_FAILURE)

    def state(self) -> ClusterState:
        return self._snapshot(with_logs=False)

    def advance(self, seconds: float) -> Sequence[Event]:
        """Wait `seconds` of wall time, snapshotting every POLL_INTERVAL; return the events seen."""
        self._fresh = []
        deadline = time.monotonic() + max(0.0, float(seconds))
        while True:
            self._snapshot(with_logs=True)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            time.sleep(min(POLL_INTERVAL, remaining))
        fresh, self._fresh = self._fresh, []
        return tuple(sorted(fresh, key=lambda e: e.time))

    def close(self) -> None:
        if self._closed:
            return
        try:
            if self._partitioned or self._heal_pending:
                self._heal(patience=min(HEAL_PATIENCE, self.timeout))
        finally:
            self._closed = True
            for connection in self._connections.values():
                connection.close()
            self._pool.shutdown(wait=False, cancel_futures=True)
            atexit.unregister(self.close)

    def __enter__(self) -> "SshBackend":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- faults ----------------------------------------------------------
    def crash(self, node: str) -> None:
        """kill -9 of corosync and every pacemaker daemon on the node (no clean leave)."""
        self._fault("crash", node, lambda: self._must(node, faults.CRASH))

    def stop(self, node: str) -> None:
        self._fault("stop", node, lambda: self._must(node, faults.STOP, LONG_TIMEOUT))

    def start(self, node: str) -> None:
        self._fault("start", node, lambda: self._must(node, faults.START, LONG_TIMEOUT))

    def restart(self, node: str) -> None:
        def restart() -> None:
            self._must(node, faults.STOP, LONG_TIMEOUT)
            self._must(node, faults.START, LONG_TIMEOUT)
        self._fault("restart", node, restart)

    def partition(self, *groups: Sequence[str]) -> None:
        """Cut corosync traffic between groups of nodes; nodes named in no group form one more group."""
        self._require_faults()
        named = [self._known(n) for group in groups for n in ([group] if isinstance(group, str) else group)]
        if len(set(named)) != len(named):
            raise ValueError("a node can be in one partition group only")
        sets = [list([g] if isinstance(g, str) else g) for g in groups]
        rest = [n for n in self._connections if n not in named]
        if rest:
            sets.append(rest)
        if len(sets) < 2:
            raise ValueError("a partition needs at least two groups of nodes")
        addresses = self._addresses()
        cut = faults.cut_offs(sets, addresses)
        self._partitioned |= set(cut)
        self._parallel({n: (lambda n=n: self._must(n, faults.partition_rules(cut[n]))) for n in cut})
        label = " | ".join(" ".join(group) for group in sets)
        self._record(FaultInjected(self.now, None, fault="partition", target=label))

    def heal(self) -> None:
        self._require_faults()
        self._heal()
        self._record(FaultInjected(self.now, None, fault="heal", target=""))

    def fail_resource(self, resource: str, node: str | None = None) -> None:
        """A failed monitor of `resource` on `node` (where it runs, by default), via crm_resource --fail."""
        self._require_faults()
        where = node or self._running_node(resource)
        self._fault("resource failure", f"{resource} on {where}",
                    lambda: self._must(self._known(where), faults.fail_resource(resource, where)))

    def fence(self, node: str) -> None:
        """`pcs stonith fence NODE`, run from another node (the cluster's own fencing does the work)."""
        self._known(node)
        executor = next((n for n in self._connections if n != node), node)
        self._fault("fence", node, lambda: self._must(executor, faults.fence(node), LONG_TIMEOUT))

    def standby(self, node: str, on: bool = True) -> None:
        self._fault("standby" if on else "unstandby", node,
                    lambda: self._must(self._known(node), faults.standby(node, on), LONG_TIMEOUT))

    # --- internals -------------------------------------------------------
    def _connect_all(self) -> None:
        def connect(connection: NodeConnection) -> str | None:
            try:
                connection.execute("true")
            except HostKeyRefused:
                raise
            except RemoteError as error:
                return str(error)
            return None

        errors = self._parallel({n: (lambda c=c: connect(c)) for n, c in self._connections.items()})
        failed = [e for e in errors.values() if e]
        if len(failed) == len(self._connections):
            self.close()
            raise RemoteError("no node could be reached:\n  " + "\n  ".join(failed))

    def _parallel(self, calls: Mapping[str, Callable[[], T]]) -> dict[str, T]:
        futures = {name: self._pool.submit(call) for name, call in calls.items()}
        return {name: future.result() for name, future in futures.items()}

    def _probe(self, node: str, with_logs: bool) -> tuple[NodeReport, list[Event]]:
        offsets = self._log_offsets[node] if with_logs else None
        try:
            result = self._connections[node].execute(probe.script(offsets, self._journal_cursors[node]))
        except RemoteError as error:
            return NodeReport(node, reachable=False, error=str(error)), []
        answer = probe.split(result.stdout)
        events = self._read_logs(node, answer) if with_logs else []
        return read_probe(node, answer), events

    def _read_logs(self, node: str, answer: probe.Probe) -> list[Event]:
        events: list[Event] = []
        offsets = self._log_offsets[node]
        for source in probe.LOG_FILES:
            size, text = answer.sections.get(f"log-{source}", (-1, ""))
            if size < 0:
                continue
            offset = offsets[source]
            if offset is None or size < offset:  # first look, or the log was rotated
                offsets[source] = size if offset is None else 0
                continue
            complete = text[: text.rfind("\n") + 1]
            offsets[source] = offset + len(complete.encode())
            events += log_events(node, source, complete, self._origin_epoch, self.now)
        if "log-journal" in answer.sections:
            text = answer.sections["log-journal"][1]
            body, _, cursor = text.rpartition("-- cursor: ")
            if cursor.strip():
                self._journal_cursors[node] = cursor.strip()
            events += log_events(node, "journal", body, self._origin_epoch, self.now)
        return events

    def _snapshot(self, with_logs: bool) -> ClusterState:
        if self._heal_pending:  # a heal that could not reach a node (it was rebooting): retry
            self._heal_pending = {n for n in self._heal_pending if not self._try(n, faults.HEAL)}
        answers = self._parallel({n: (lambda n=n: self._probe(n, with_logs)) for n in self._connections})
        now = self.now
        reports = [report for report, _ in answers.values()]
        state = assemble(now, self.node_names, reports)
        fences = [f for r in reports if r.mon for f in r.mon.fence_history]
        new = self._tracker.observe(state, fences)
        new += [e for _, log in answers.values() for e in log]
        self._record(*new)
        return state

    def _record(self, *events: Event) -> None:
        for event in events:
            bisect.insort_right(self._events, event, key=lambda e: e.time)
        self._fresh.extend(events)

    def _require_faults(self) -> None:
        if not self.allow_faults:
            raise FaultsNotAllowed(
                "fault injection is off for this lab: it changes a real cluster. "
                "Create the lab with allow_faults=True if these nodes are yours to break."
            )

    def _fault(self, name: str, target: str, action: Callable[[], None]) -> None:
        self._require_faults()
        self._record(FaultInjected(self.now, target if target in self._connections else None,
                                          fault=name, target=target))
        action()

    def _known(self, node: str) -> str:
        if node not in self._connections:
            raise ValueError(f"no node named {node!r} (nodes: {' '.join(self._connections)})")
        return node

    def _must(self, node: str, command: str, timeout: float | None = None) -> CommandResult:
        result = self._connections[node].execute(command, timeout=timeout)
        if not result.ok:
            raise RemoteError(f"{node}: `{command.splitlines()[0][:80]}` failed ({result.rc}): "
                              f"{result.output.strip()[:500]}")
        return result

    def _addresses(self) -> dict[str, list[str]]:
        if self._ring_addresses is None:
            for node in self._connections:
                try:
                    found = faults.ring_addresses(self._must(node, faults.NODELIST).stdout)
                except RemoteError:
                    continue
                if found:
                    self._ring_addresses = found
                    break
            else:
                raise RemoteError("cannot read the corosync nodelist from any node")
        return self._ring_addresses

    def _running_node(self, resource: str) -> str:
        state = self._tracker.last or self.state()
        try:
            nodes = state.resource(resource).nodes
        except KeyError:
            raise ValueError(f"no resource named {resource!r}; give node= explicitly") from None
        if not nodes:
            raise ValueError(f"resource {resource!r} is not running anywhere; give node= explicitly")
        return nodes[0]

    def _heal(self, patience: float = HEAL_PATIENCE) -> None:
        """Remove the partition rules everywhere; wait (bounded) for nodes that are rebooting.

        A node fenced while partitioned is unreachable for its boot time; on a
        rig its rules survive the reboot, so it is retried until it answers.
        Nodes still unreachable stay pending and are retried at every snapshot.
        """
        pending = self._partitioned | self._heal_pending
        self._partitioned = set()
        deadline = time.monotonic() + patience
        while pending:
            results = self._parallel({n: (lambda n=n: self._try(n, faults.HEAL)) for n in sorted(pending)})
            pending = {n for n, ok in results.items() if not ok}
            if not pending or time.monotonic() > deadline:
                break
            time.sleep(POLL_INTERVAL)
        self._heal_pending = pending
        if pending:
            warnings.warn(f"partition not yet healed on {' '.join(sorted(pending))} (unreachable); "
                          "retrying at every snapshot", RuntimeWarning, stacklevel=3)

    def _try(self, node: str, command: str) -> bool:
        try:
            return self._connections[node].execute(command).ok
        except RemoteError:
            return False
