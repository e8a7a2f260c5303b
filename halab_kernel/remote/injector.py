"""Fault injection on real nodes: the fault methods of `SshBackend`.

Faults change a real cluster, so each one first checks that the lab was
created with `allow_faults=True`, sends the commands built (and quoted) in
`faults.py`, and records a `FaultInjected` event once they succeeded. Faults
that persist leave a marker on the node (faults.py), so that `heal()`,
`undo_faults()` and any later process find them, whoever made them. Errors a student can make
(unknown node, bad group) raise `LabError` before anything is sent.
"""

from __future__ import annotations

import os
import socket
import time
import warnings
from functools import partial
from typing import Any, Callable, Mapping, Sequence

from halab_kernel.errors import LabError
from halab_kernel.fault_target import group_tuples
from halab_kernel.model import CommandResult, FaultInjected
from halab_kernel.remote import faults
from halab_kernel.remote.ssh import NodeConnection, RemoteError

LONG_TIMEOUT = 90.0  # for faults that wait on the cluster (fence, stack start/stop)
HEAL_PATIENCE = 30.0  # how long heal() waits for a node that is rebooting
BOOT_WAIT = 60.0  # how long start() waits for a powered-on rig node to answer SSH


def _who() -> str:
    """Who injects a fault, for its marker: process, machine and time."""
    return f"pid {os.getpid()} on {socket.gethostname()} at {time.strftime('%Y-%m-%dT%H:%M:%S')}"


class FaultsNotAllowed(PermissionError):
    """Fault injection on real nodes was not enabled for this lab."""


class FaultMethods:
    """Mixed into SshBackend, which provides the attributes declared here."""

    allow_faults: bool
    _connections: dict[str, NodeConnection]
    _partitioned: set[str]
    _heal_pending: set[str]
    _ring_addresses: dict[str, list[str]] | None

    @property
    def now(self) -> float:
        raise NotImplementedError  # SshBackend's

    def _record(self, *events: Any) -> None: ...
    def _parallel(self, calls: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
        raise NotImplementedError  # SshBackend's

    def _running_nodes(self, resource: str) -> tuple[str, ...]:
        raise NotImplementedError  # SshBackend's

    # --- node faults -----------------------------------------------------
    def crash(self, node: str) -> None:
        """kill -9 of corosync and every pacemaker daemon on the node (no clean leave)."""
        self._fault("crash", node, lambda: self._must(node, self._marked(faults.STACK_MARKER, faults.CRASH)))

    def kill(self, node: str, daemon: str) -> None:
        """kill -9 of one daemon: corosync, or pacemakerd with its sub-daemons."""
        if daemon not in faults.DAEMONS:
            raise LabError(f"unknown daemon '{daemon}' (choose corosync or pacemakerd)")
        self._fault(f"kill {daemon}", node,
                    lambda: self._must(node, self._marked(faults.STACK_MARKER, faults.kill(daemon))))

    def power_off(self, node: str) -> None:
        """The node loses power: every process dies at once (rig), or `systemctl poweroff --force --force`."""

        def power_off() -> None:
            try:
                self._connections[node].execute(self._marked(faults.STACK_MARKER, faults.POWER_OFF), timeout=5.0)
            except RemoteError:
                pass  # the connection dies with the node: that is the point
            self._connections[node].close()

        self._fault("power_off", node, power_off)

    def stop(self, node: str) -> None:
        self._fault("stop", node, lambda: self._must(node, self._marked(faults.STACK_MARKER, faults.STOP), LONG_TIMEOUT))

    def start(self, node: str) -> None:
        """Start the stack; a powered-off rig node is first powered on from another node."""
        self._fault("start", node, lambda: self._start(node))

    def restart(self, node: str) -> None:
        """Boot a crashed or powered-off node, or restart its stack: stop (if running), then start."""

        def restart() -> None:
            if self._answers(node):
                self._must(node, self._marked(faults.STACK_MARKER, faults.STOP), LONG_TIMEOUT)
            self._start(node)

        self._fault("restart", node, restart)

    def fence(self, node: str) -> None:
        """`pcs stonith fence NODE`, run from another node (the cluster's own fencing does the work)."""
        self._require_faults()  # the permission first, before any node is asked anything
        self._known(node)
        executor = self._peer(node)
        self._fault("fence", node, lambda: self._must(executor, faults.fence(node), LONG_TIMEOUT))

    def standby(self, node: str, on: bool = True) -> None:
        command = faults.standby(node, on)
        marked = (self._marked(faults.STANDBY_MARKER, command) if on
                  else f"{command} && rm -f {faults.STANDBY_MARKER}")
        self._fault("standby" if on else "unstandby", node, lambda: self._must(self._known(node), marked, LONG_TIMEOUT))

    # --- network ---------------------------------------------------------
    def partition(self, groups: Sequence[Sequence[str]]) -> None:
        """Cut corosync traffic between groups: partition([["node1"], ["node2", "node3"]]), or
        partition(["node1"]) (a group may be one name). Nodes named in no group form one more group.

        Nothing is recorded until the rules are in place on every node; if one
        node refuses them, the rules already made are removed and the error raised.
        """
        self._require_faults()
        sets = [list(group) for group in group_tuples(groups)]
        named = [self._known(n) for group in sets for n in group]
        if len(set(named)) != len(named):
            raise LabError("a node appears in more than one group")
        rest = [n for n in self._connections if n not in named]
        if rest:
            sets.append(rest)
        sets = [group for group in sets if group]
        if len(sets) < 2:
            raise LabError("a partition needs at least two groups of nodes")
        cut = faults.cut_offs(sets, self._addresses())
        at = self.now
        self._partitioned |= set(cut)
        rules = {n: faults.partition_rules(cut[n], _who()) for n in cut}
        try:
            self._parallel({n: partial(self._must, n, rules[n]) for n in cut})
        except (RemoteError, OSError):
            self._heal(patience=min(HEAL_PATIENCE, 5.0))
            raise
        self._record(FaultInjected(at, None, fault="partition", target=" / ".join(" ".join(g) for g in sets)))

    def heal(self) -> None:
        """Remove every halab network fault (nftables tables `halab_*`) on every node, whoever made it."""
        self._require_faults()
        at = self.now
        self._heal()
        self._record(FaultInjected(at, None, fault="heal", target=""))

    def undo_faults(self) -> list[str]:
        """Undo every halab fault on the nodes, whoever made it: network faults, stacks stopped,
        killed or powered off (started again; a powered-off rig node is powered on from another),
        nodes put in standby. Returns what could not be undone (empty when the nodes are clean)."""
        self._require_faults()
        at = self.now
        self._heal()
        found = self.leftover_faults()
        problems = []
        for node in self._connections:
            if node not in found and self._answers(node):
                continue
            try:
                if not self._answers(node):
                    self._start(node)
                self._must(node, faults.undo_stack_and_standby(node), LONG_TIMEOUT)
            except RemoteError as error:
                problems.append(str(error))
        self._record(FaultInjected(at, None, fault="undo faults", target=" ".join(sorted(found))))
        return problems

    def leftover_faults(self) -> dict[str, list[str]]:
        """The halab faults found on each reachable node ("network halab_partition", "stack", "standby")."""
        answers = self._parallel({n: partial(self._scan, n) for n in self._connections})
        return {node: lines for node, lines in answers.items() if lines}

    # --- resources -------------------------------------------------------
    def set_disk_path(self, node: str, attached: bool) -> None:
        """Refused: on real nodes, detach (or attach) the shared disk's LUN yourself."""
        self._known(node)
        raise LabError("detaching a node from the shared disk works on the simulator only: on real nodes, "
                       "detach the LUN yourself (iSCSI logout, or the SAN's zoning)")

    def set_fence_device_failing(self, device: str, failing: bool) -> None:
        """Refused: a real fence device fails by itself (a BMC unplugged, a wrong password), not on request."""
        raise LabError(f"making fence device '{device}' fail works on the simulator only: on real nodes, break it "
                       "for real (e.g. pcs stonith update DEVICE password=wrong) and repair it afterwards")

    def fail_resource(self, resource: str, node: str | None = None, op: str = "monitor", hang: bool = False) -> None:
        """A failed monitor of `resource` on `node` (default: every node where it runs), via crm_resource --fail.

        Real nodes offer no clean way to make a start or stop fail or hang on
        demand, so only monitor failures are injected here.
        """
        self._require_faults()
        if op != "monitor" or hang:
            raise LabError("on real nodes only monitor failures can be injected (crm_resource --fail); "
                           "start/stop failures and hangs are simulator-only")
        where = (self._known(node),) if node else self._running_nodes(resource)
        self._record(FaultInjected(self.now, node, fault="fail monitor", target=resource))
        for target in where:
            self._must(target, faults.fail_resource(resource, target))

    # --- helpers ---------------------------------------------------------
    def _require_faults(self) -> None:
        if not self.allow_faults:
            raise FaultsNotAllowed(
                "fault injection is off for this lab: it changes a real cluster. "
                "Create the lab with allow_faults=True if these nodes are yours to break."
            )

    def _fault(self, name: str, node: str, action: Callable[[], object]) -> None:
        """Do `action`; record the fault (at the time it began) only once it succeeded."""
        self._require_faults()
        self._known(node)
        at = self.now
        action()
        self._record(FaultInjected(at, node, fault=name, target=node))

    @staticmethod
    def _marked(marker: str, command: str) -> str:
        return faults.marked(marker, command, _who())

    def _scan(self, node: str) -> list[str]:
        try:
            result = self._connections[node].execute(faults.SCAN)
        except RemoteError:
            return []
        return [line.strip() for line in result.stdout.splitlines() if line.strip()]

    def _known(self, node: str) -> str:
        if node not in self._connections:
            raise LabError(f"no node named '{node}' in this cluster (nodes: {', '.join(self._connections)})")
        return node

    def _must(self, node: str, command: str, timeout: float | None = None) -> CommandResult:
        result = self._connections[node].execute(command, timeout=timeout)
        if not result.ok:
            raise RemoteError(f"{node}: `{command.splitlines()[0][:80]}` failed ({result.rc}): "
                              f"{result.output.strip()[:500]}")
        return result

    def _answers(self, node: str) -> bool:
        try:
            return self._connections[node].execute("true", timeout=5.0).ok
        except RemoteError:
            return False

    def _peer(self, node: str) -> str:
        """A node other than `node` that answers SSH, to act on `node` from outside."""
        for other in self._connections:
            if other != node and self._answers(other):
                return other
        raise RemoteError(f"no other node answers, so nothing can act on {node}")

    def _start(self, node: str) -> None:
        if not self._answers(node):
            peer = self._peer(node)
            result = self._connections[peer].execute(faults.power_on(node), timeout=LONG_TIMEOUT)
            if not result.ok:
                raise RemoteError(f"{node} does not answer and cannot be powered on from {peer} "
                                  f"({result.output.strip()[:200] or result.rc}); power it on out of band")
            deadline = time.monotonic() + BOOT_WAIT
            while not self._answers(node):
                if time.monotonic() > deadline:
                    raise RemoteError(f"{node} powered on but does not answer SSH within {BOOT_WAIT:.0f} s")
                time.sleep(1.0)
        self._must(node, f"{faults.START} && rm -f {faults.STACK_MARKER}", LONG_TIMEOUT)

    def _addresses(self) -> dict[str, list[str]]:
        """Each node's ring addresses as IP addresses (hostnames resolved on the node itself)."""
        if self._ring_addresses is None:
            for node in self._connections:
                try:
                    found = faults.ring_addresses(self._must(node, faults.NODELIST).stdout)
                except RemoteError:
                    continue
                if found:
                    self._ring_addresses = self._resolved(node, found)
                    break
            else:
                raise RemoteError("cannot read the corosync nodelist from any node")
        return self._ring_addresses

    def _resolved(self, node: str, rings: dict[str, list[str]]) -> dict[str, list[str]]:
        """Ring addresses that are hostnames (what `pcs cluster setup` writes) -> every address they have
        on `node` (its /etc/hosts or DNS, as corosync resolves them there); LabError if one has none."""
        names = sorted({a for addresses in rings.values() for a in addresses if not faults.is_address(a)})
        if not names:
            return rings
        known = faults.resolved(self._must(node, faults.resolve(names)).stdout)
        unknown = [name for name in names if not known.get(name)]
        if unknown:
            raise LabError(f"ring address {', '.join(unknown)} does not resolve on {node} (getent ahosts): "
                           "cannot tell which traffic to cut; nothing was changed")
        return {n: [ip for a in addresses for ip in (known[a] if a in known else [a])] for n, addresses in rings.items()}

    def _heal(self, patience: float = HEAL_PATIENCE) -> None:
        """Remove every halab network fault on every node; wait (bounded) for partitioned nodes that are rebooting.

        A node fenced while partitioned is unreachable for its boot time; on a
        rig its rules survive the reboot, so it is retried until it answers.
        Nodes still unreachable stay pending and are retried at every snapshot.
        """
        owed = self._partitioned | self._heal_pending
        self._partitioned = set()
        results = self._parallel({n: partial(self._try, n, faults.HEAL) for n in self._connections})
        pending = {n for n, ok in results.items() if not ok and n in owed}
        deadline = time.monotonic() + patience
        while pending and time.monotonic() < deadline:
            time.sleep(0.5)
            results = self._parallel({n: partial(self._try, n, faults.HEAL) for n in sorted(pending)})
            pending = {n for n, ok in results.items() if not ok}
        self._heal_pending = pending
        if pending:
            warnings.warn(f"partition not yet healed on {' '.join(sorted(pending))} (unreachable); "
                          "retrying at every snapshot", RuntimeWarning, stacklevel=3)

    def _heal_without_threads(self, patience: float) -> None:
        """The exit-time heal: one node after another, no thread pool (it may already be shut down)."""
        owed = self._partitioned | self._heal_pending
        deadline = time.monotonic() + patience
        for node in sorted(owed):
            while not self._try(node, faults.HEAL, timeout=max(1.0, min(5.0, deadline - time.monotonic()))):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.5)
        self._partitioned, self._heal_pending = set(), set()

    def _try(self, node: str, command: str, timeout: float | None = None) -> bool:
        try:
            return self._connections[node].execute(command, timeout=timeout).ok
        except RemoteError:
            return False
