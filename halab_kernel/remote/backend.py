"""SshBackend: the Backend protocol on real nodes, over SSH (paramiko).

Commands run for real; snapshots are read from the real tools on every
reachable node at once; events are the differences between snapshots plus
the notable lines of the nodes' logs; time is wall time since connecting.
Faults (injector.py) change a real cluster, so they are refused unless the lab
was created with `allow_faults=True`; every partition injected is healed on
`close()` and on every way out of the process (exit_hooks.py).
"""

from __future__ import annotations

import time
import warnings
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from halab_kernel.errors import LabError
from halab_kernel.fault_target import apply_fault
from halab_kernel.model import ClusterState, CommandResult, Event, Fault
from halab_kernel.remote import exit_hooks, faults, probe
from halab_kernel.remote.events import EventTracker
from halab_kernel.remote.injector import HEAL_PATIENCE, FaultMethods, FaultsNotAllowed
from halab_kernel.remote.inventory import DEFAULT_KNOWN_HOSTS, Inventory, hosts_from, read_inventory
from halab_kernel.remote.logs import LogRecord, log_events, parse_log, take_whole_lines
from halab_kernel.remote.snapshot import NodeReport, assemble, read_probe
from halab_kernel.remote.ssh import OUTPUT_LIMIT, SSH_FAILURE, HostKeyRefused, NodeConnection, OutputLine, RemoteError

__all__ = ["FaultsNotAllowed", "SshBackend"]

T = TypeVar("T")
POLL_INTERVAL = 0.5  # seconds between snapshots while advancing
LOG_MEMORY = 50000  # log records kept for lab.logs(), newest last
PROBE_OUTPUT_LIMIT = 64 << 20  # the snapshot script's own output (a big CIB's status), not a student's command's


class SshBackend(FaultMethods):
    """A real cluster driven over SSH. See docs/real-cluster.md."""

    kind = "ssh"

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
        max_output: int = OUTPUT_LIMIT,
    ) -> None:
        try:
            config = read_inventory(inventory) if inventory else None
            if hosts is not None:
                nodes = hosts_from(hosts)
            elif config is not None:
                nodes = config.hosts
            else:
                raise ValueError("give hosts=[...] or inventory=PATH")
            chosen = Inventory(
                hosts=nodes,
                user=user if user != "root" or config is None else config.user,
                key=Path(key).expanduser() if key else (config.key if config else None),
                known_hosts=Path(known_hosts).expanduser() if known_hosts else (
                    config.known_hosts if config else DEFAULT_KNOWN_HOSTS.expanduser()),
            )
        except ValueError as error:
            raise LabError(str(error)) from None
        self.allow_faults = allow_faults
        self.service_address = config.service_address if config else None  # the inventory's [lab] values
        self.shared_disk = config.shared_disk if config else None
        self.timeout = float(timeout)
        self.user = chosen.user
        self._connections = {
            h.name: NodeConnection(h, user=chosen.user, key=chosen.key, known_hosts=chosen.known_hosts,
                                   timeout=self.timeout, output_limit=max_output)
            for h in chosen.hosts
        }
        self._pool = ThreadPoolExecutor(max_workers=len(self._connections), thread_name_prefix="halab-ssh")
        self._events: list[Event] = []
        self._fresh: list[Event] = []  # what the running advance() has seen
        self._logs: deque[LogRecord] = deque(maxlen=LOG_MEMORY)
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
        try:
            self._connect_all()
        except BaseException:
            self.close()
            raise
        exit_hooks.watch(self)
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
        """Every event so far, in time order, only ever appended to (see `_record`)."""
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

    def stream(self, node: str, command: str, timeout: float = 60.0) -> Iterator[OutputLine]:
        """The lines of a long command as they come (`for line in lab.backend.stream("node1", "crm_mon -1")`);
        the last item has `source == "exit"` and the exit status in `end`. Stopped after `timeout` seconds."""
        if node not in self._connections:
            raise LabError(f"no node named '{node}' in this cluster (nodes: {', '.join(self._connections)})")
        return self._connections[node].stream(command, timeout)

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
        return tuple(fresh)

    def wait_until(self, predicate: Callable[[ClusterState], bool], timeout: float) -> bool:
        """Snapshot every POLL_INTERVAL until `predicate(state)` holds or `timeout` seconds pass."""
        deadline = time.monotonic() + max(0.0, float(timeout))
        while True:
            if predicate(self._snapshot(with_logs=True)):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(POLL_INTERVAL, remaining))

    def log_records(self, node: str | None = None) -> list[LogRecord]:
        """The log lines read so far (since connecting), of one node or all, oldest first."""
        return sorted((r for r in self._logs if node is None or r.node == node), key=lambda r: r.time)

    @property
    def arbiter(self) -> str | None:
        """A real quorum device's arbiter is not one of the lab's hosts: faults there are done by hand."""
        return None

    def inject(self, fault: Fault) -> None:
        """The Backend contract's faults (model.py) on real nodes, by the fault operations of injector.py."""
        apply_fault(self, fault)

    def close(self) -> None:
        """Heal the partitions this lab made, then close the connections (also done on every way out)."""
        if self._closed:
            return
        try:
            if self._partitioned or self._heal_pending:
                self._heal_without_threads(patience=min(HEAL_PATIENCE, self.timeout))
        finally:
            self._closed = True
            for connection in self._connections.values():
                connection.close()
            self._pool.shutdown(wait=False, cancel_futures=True)
            exit_hooks.forget(self)

    def __enter__(self) -> "SshBackend":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- internals -------------------------------------------------------
    def _connect_all(self) -> None:
        """Connect to every node and look for halab faults left by earlier labs (warned about, not undone)."""
        def connect(connection: NodeConnection) -> tuple[str | None, list[str]]:
            try:
                found = connection.execute(faults.SCAN).stdout.split("\n")
            except HostKeyRefused:
                raise
            except RemoteError as error:
                return str(error), []
            return None, [line for line in found if line.strip()]

        answers = self._parallel({n: partial(connect, c) for n, c in self._connections.items()})
        failed = [error for error, _ in answers.values() if error]
        if len(failed) == len(self._connections):
            raise RemoteError("no node could be reached:\n  " + "\n  ".join(failed))
        left = {node: found for node, (_, found) in answers.items() if found}
        if left:
            warnings.warn(leftovers_message(left), RuntimeWarning, stacklevel=4)

    def _parallel(self, calls: Mapping[str, Callable[[], T]]) -> dict[str, T]:
        futures = {name: self._pool.submit(call) for name, call in calls.items()}
        return {name: future.result() for name, future in futures.items()}

    def _probe(self, node: str, with_logs: bool) -> tuple[NodeReport, list[LogRecord]]:
        offsets = self._log_offsets[node] if with_logs else None
        try:
            result = self._connections[node].execute(probe.script(offsets, self._journal_cursors[node]),
                                                     limit=PROBE_OUTPUT_LIMIT)
        except RemoteError as error:
            return NodeReport(node, reachable=False, error=str(error)), []
        answer = probe.split(result.stdout)
        records = self._read_logs(node, answer) if with_logs else []
        return read_probe(node, answer), records

    def _read_logs(self, node: str, answer: probe.Probe) -> list[LogRecord]:
        records: list[LogRecord] = []
        offsets = self._log_offsets[node]
        for source in probe.LOG_FILES:
            size, text = answer.sections.get(f"log-{source}", (-1, ""))
            if size < 0:
                continue
            offsets[source], whole = take_whole_lines(offsets[source], size, text)
            records += parse_log(node, source, whole, self._origin_epoch, self.now)
        if "log-journal" in answer.sections:
            body, _, cursor = answer.sections["log-journal"][1].rpartition("-- cursor: ")
            if cursor.strip():
                self._journal_cursors[node] = cursor.strip()
            records += parse_log(node, "journal", body, self._origin_epoch, self.now)
        return records

    def _snapshot(self, with_logs: bool) -> ClusterState:
        if self._heal_pending:  # a heal that could not reach a node (it was rebooting): retry
            self._heal_pending = {n for n in self._heal_pending if not self._try(n, faults.HEAL)}
        answers = self._parallel({n: partial(self._probe, n, with_logs) for n in self._connections})
        reports = [report for report, _ in answers.values()]
        state = assemble(self.now, self.node_names, reports)
        records = sorted((r for _, found in answers.values() for r in found), key=lambda r: r.time)
        self._logs.extend(records)
        fences = [f for r in reports if r.mon for f in r.mon.fence_history]
        self._record(*log_events(records), *self._tracker.observe(state, fences))
        return state

    def _record(self, *events: Event) -> None:
        """Append events in time order, never inserting before what was already handed out.

        A log line can be older than the last snapshot (it is read after the
        fact); its event time is then raised to that snapshot's, while its
        text keeps the node's own stamp and `log_records()` the exact time.
        """
        floor = self._events[-1].time if self._events else 0.0
        for event in sorted(events, key=lambda e: e.time):
            if event.time < floor:
                event = replace(event, time=floor)
            floor = event.time
            self._events.append(event)
            self._fresh.append(event)

    def _running_nodes(self, resource: str) -> tuple[str, ...]:
        state = self._tracker.last or self.state()
        try:
            nodes = state.resource(resource).nodes
        except KeyError:
            raise LabError(f"no resource named '{resource}' (see pcs resource config)") from None
        if not nodes:
            raise LabError(f"resource '{resource}' is not running anywhere; name the node")
        return nodes


def leftovers_message(left: Mapping[str, Sequence[str]]) -> str:
    """What a new lab says when the nodes still carry halab faults from before (a killed kernel, a crash)."""
    names = {"stack": "cluster stack stopped by a fault", "standby": "put in standby by a fault"}
    parts = [f"{node}: " + ", ".join(names.get(item, item.replace("network ", "nftables table ")) for item in found)
             for node, found in sorted(left.items())]
    return ("halab faults left on the nodes from before: " + "; ".join(parts) + ". "
            "lab.heal() removes the network faults; lab.backend.undo_faults() (or `halab rig heal` on a rig) "
            "undoes them all.")
