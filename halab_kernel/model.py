"""The vocabulary every part of halab speaks: cluster snapshots and events.

A cluster is a stream of events that produces snapshots. Both backends (the
simulator and real nodes over SSH) produce exactly these types, which is what
lets a notebook, a widget and a grading check work unchanged on either.

Everything here is an immutable value (frozen dataclasses, tuples, and
mappings that nobody mutates). Times are seconds: virtual seconds since the
lab started on the simulator, wall-clock seconds since the lab connected on a
real cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Mapping

from halab_kernel import command_result

# --- node states ---------------------------------------------------------

ONLINE = "online"
OFFLINE = "offline"
UNCLEAN = "unclean"
STANDBY = "standby"
MAINTENANCE = "maintenance"
PENDING = "pending"
NODE_STATUSES = (ONLINE, OFFLINE, UNCLEAN, STANDBY, MAINTENANCE, PENDING)


@dataclass(frozen=True)
class QuorumView:
    """What `corosync-quorumtool -s` reports on one node: that node's own view.

    In a partition, nodes on each side hold different views; that difference
    is the whole lesson of split brain, so the view is kept per node.
    """

    node: str
    node_id: int
    ring_id: str  # printed like the real tool: "1.9" (representative node id . ring sequence, hex)
    members: tuple[str, ...]  # node names in this node's membership, by node id
    member_ids: tuple[int, ...]
    quorate: bool
    expected_votes: int
    highest_expected: int
    total_votes: int
    quorum: int
    flags: tuple[str, ...]  # exactly as printed: "2Node", "Quorate", "WaitForAll", ...
    votes: Mapping[str, int] = field(default_factory=dict)  # votes of each member
    qdevice_votes: int = 0  # as the Qdevice row prints them: 0 where this node's qdevice casts no vote
    qdevice_present: bool = False
    qdevice_configured_votes: int = 0  # the device's votes, printed "(votes N)" when not cast
    qdevice_flags: Mapping[str, str] = field(default_factory=dict)  # member -> "A,V,NMW" / "NR"


@dataclass(frozen=True)
class Node:
    """One cluster node as an administrator thinks of it."""

    name: str
    node_id: int
    status: str  # one of NODE_STATUSES, from the cluster's point of view
    votes: int = 1
    powered: bool = True
    corosync_running: bool = False
    pacemaker_running: bool = False
    standby: bool = False
    maintenance: bool = False
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Partition:
    """A group of nodes that share one Corosync membership (one ring)."""

    members: tuple[str, ...]
    ring_id: str
    quorate: bool
    total_votes: int
    quorum: int
    expected_votes: int
    flags: tuple[str, ...] = ()
    dc: str | None = None


@dataclass(frozen=True)
class Resource:
    """A resource as crm_mon shows it: where it runs, in which role."""

    id: str
    kind: str  # "primitive", "group", "clone", "bundle"
    agent: str = ""  # "ocf:heartbeat:IPaddr2", "stonith:fence_xvm", "" for groups/clones
    role: str = "Stopped"  # Started, Stopped, Promoted, Unpromoted, Starting, Stopping, Failed
    nodes: tuple[str, ...] = ()  # nodes where it is active (more than one only for clones or split brain)
    parent: str | None = None
    managed: bool = True
    target_role: str | None = None
    failcounts: Mapping[str, int] = field(default_factory=dict)  # node -> failcount
    blocked: bool = False
    failed: bool = False  # crm_mon shows it FAILED
    # Where its processes really are, when the backend knows (the simulator does): during split brain
    # no single crm_mon sees both copies. None: only `nodes` is known.
    running_on: tuple[str, ...] | None = None

    @property
    def really_on(self) -> tuple[str, ...]:
        """Where it really runs: `running_on` when known, else where crm_mon shows it."""
        return self.nodes if self.running_on is None else self.running_on


@dataclass(frozen=True)
class Constraint:
    """A placement rule: location, colocation or order."""

    id: str
    kind: str  # "location", "colocation", "order"
    resource: str
    other: str | None = None  # with-resource (colocation) / then-resource (order)
    node: str | None = None  # location
    score: str = "INFINITY"
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ClusterState:
    """An immutable snapshot of a whole cluster at one moment, as one node sees it.

    `observer` is that node (docs/architecture.md, "One view of the cluster"): node states,
    standby, maintenance, resource placement and failures are what `crm_mon` on it shows.
    Quorum is per node (`views`), since each side of a split sees its own.
    """

    time: float
    cluster_name: str
    nodes: tuple[Node, ...]
    partitions: tuple[Partition, ...] = ()
    views: Mapping[str, QuorumView] = field(default_factory=dict)  # per running corosync node
    dc: str | None = None
    resources: tuple[Resource, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    properties: Mapping[str, str] = field(default_factory=dict)
    observer: str | None = None

    def node(self, name: str) -> Node:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(f"no node named {name!r}")

    def resource(self, rsc_id: str) -> Resource:
        for rsc in self.resources:
            if rsc.id == rsc_id:
                return rsc
        raise KeyError(f"no resource named {rsc_id!r}")

    def partition_of(self, node: str) -> Partition | None:
        for partition in self.partitions:
            if node in partition.members:
                return partition
        return None

    def quorate(self, node: str) -> bool:
        """Whether `node` believes its partition has quorum (False when not running)."""
        view = self.views.get(node)
        return bool(view and view.quorate)

    @property
    def node_names(self) -> tuple[str, ...]:
        return tuple(node.name for node in self.nodes)


# --- events ---------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """Something that happened, at a time, usually on a node.

    Subclasses add typed fields; `kind` names the class for tables and filters,
    and `message` is a one-line human description used by logs and timelines.
    """

    kind: ClassVar[str] = "event"
    time: float
    node: str | None

    @property
    def message(self) -> str:
        return self.kind.replace("_", " ")

    def data(self) -> dict[str, Any]:
        """The subclass-specific fields, for tables."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("time", "node")}


@dataclass(frozen=True)
class FaultInjected(Event):
    kind: ClassVar[str] = "fault_injected"
    fault: str = ""  # "crash", "restart", "power_off", "kill corosync", "partition", "heal", "link_loss"
    target: str = ""

    @property
    def message(self) -> str:
        return f"fault injected: {self.fault} {self.target}".rstrip()


@dataclass(frozen=True)
class DaemonStarted(Event):
    kind: ClassVar[str] = "daemon_started"
    daemon: str = ""

    @property
    def message(self) -> str:
        return f"{self.daemon} started"


@dataclass(frozen=True)
class DaemonStopped(Event):
    kind: ClassVar[str] = "daemon_stopped"
    daemon: str = ""
    graceful: bool = False

    @property
    def message(self) -> str:
        return f"{self.daemon} {'stopped' if self.graceful else 'died'}"


@dataclass(frozen=True)
class TokenLost(Event):
    """A node noticed the token did not come back within the token timeout."""

    kind: ClassVar[str] = "token_lost"
    timeout_ms: int = 0
    consensus_ms: int = 0

    @property
    def message(self) -> str:
        return f"token timed out ({self.timeout_ms} ms), waiting {self.consensus_ms} ms for consensus"


@dataclass(frozen=True)
class MembershipChanged(Event):
    """A node installed a new Corosync membership (a new ring)."""

    kind: ClassVar[str] = "membership_changed"
    ring_id: str = ""
    members: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        parts = [f"new membership {self.ring_id}: {' '.join(self.members)}"]
        if self.joined:
            parts.append(f"joined {' '.join(self.joined)}")
        if self.left:
            parts.append(f"left {' '.join(self.left)}")
        return "; ".join(parts)


@dataclass(frozen=True)
class QuorumChanged(Event):
    kind: ClassVar[str] = "quorum_changed"
    quorate: bool = False
    total_votes: int = 0
    quorum: int = 0
    expected_votes: int = 0

    @property
    def message(self) -> str:
        state = "quorum gained" if self.quorate else "quorum lost"
        return f"{state} ({self.total_votes} of {self.expected_votes} votes, {self.quorum} needed)"


@dataclass(frozen=True)
class ExpectedVotesChanged(Event):
    kind: ClassVar[str] = "expected_votes_changed"
    expected_votes: int = 0
    reason: str = ""

    @property
    def message(self) -> str:
        return f"expected votes now {self.expected_votes} ({self.reason})"


@dataclass(frozen=True)
class DCElected(Event):
    kind: ClassVar[str] = "dc_elected"
    dc: str = ""

    @property
    def message(self) -> str:
        return f"{self.dc} elected DC"


@dataclass(frozen=True)
class TransitionComputed(Event):
    kind: ClassVar[str] = "transition_computed"
    transition: int = 0
    actions: tuple[str, ...] = ()
    pe_input: int | None = None  # N of the pe-input-N.bz2 the DC saved its input in (None: not saved)

    @property
    def message(self) -> str:
        return f"transition {self.transition}: {len(self.actions)} actions"


@dataclass(frozen=True)
class ActionStarted(Event):
    kind: ClassVar[str] = "action_started"
    resource: str = ""
    action: str = ""
    interval_ms: int = 0
    dc: str = ""  # the DC that initiated it

    @property
    def message(self) -> str:
        return f"{self.action} {self.resource} on {self.node}"


@dataclass(frozen=True)
class ActionFinished(Event):
    kind: ClassVar[str] = "action_finished"
    resource: str = ""
    action: str = ""
    result: str = "ok"
    rc: int = 0
    interval_ms: int = 0
    reason: str = ""  # the agent's exit reason, as the history records it
    timeout_ms: int = 0  # the operation's timeout, when it ran out (result "Timed Out")

    @property
    def message(self) -> str:
        return f"result of {self.action} operation for {self.resource} on {self.node}: {self.result}"


@dataclass(frozen=True)
class NodeFenced(Event):
    kind: ClassVar[str] = "node_fenced"
    target: str = ""
    action: str = "reboot"
    ok: bool = True
    delegate: str | None = None  # the fencer that ran the device ('' when none could; None: `node`;
    #                              "a human": stonith_admin --confirm)
    requester: str = ""  # the client that asked `node`'s fencer: "" its controller, "stonith_admin" a person
    witnesses: tuple[str, ...] = ()  # the other peers whose fenced and controller hear the result and log it
    operation: int = 0  # the requester's fenced call (its id in the logs: fenced.operation_id); 0: none known

    @property
    def message(self) -> str:
        return f"{self.action} of {self.target} by {self.delegate or self.node}: {'ok' if self.ok else 'failed'}"

    @property
    def client(self) -> str:
        """fenced's client that asked: the DC's controller, or stonith_admin (`stonith_admin -B`, `pcs
        stonith fence`, a manual confirmation)."""
        manual = self.delegate == "a human" or self.requester == "stonith_admin"
        return "stonith_admin.2204" if manual else "pacemaker-controld.59"


@dataclass(frozen=True)
class LogLine(Event):
    kind: ClassVar[str] = "log"
    daemon: str = ""
    level: str = "info"
    text: str = ""
    function: str = ""  # the Pacemaker source function a daemon's line names in parentheses, if any

    @property
    def message(self) -> str:
        return self.text


# --- faults ---------------------------------------------------------------
# What a lab can do to a cluster, as values: `backend.inject(fault)` applies one on either
# backend, and `%fault`, the dashboard's buttons, `Lab`'s methods and the graders all build them.
# `words()` is the fault as typed after %fault.


@dataclass(frozen=True)
class Fault:
    """One fault injected into a cluster."""

    def words(self) -> tuple[str, ...]:
        raise NotImplementedError


@dataclass(frozen=True)
class Crash(Fault):
    """The node hangs or panics: every daemon dies at once ("qnetd": the quorum device's arbiter)."""

    node: str

    def words(self) -> tuple[str, ...]:
        return ("crash", self.node)


@dataclass(frozen=True)
class Restart(Fault):
    """Boot a crashed or powered-off node again (or restart its stack)."""

    node: str

    def words(self) -> tuple[str, ...]:
        return ("restart", self.node)


@dataclass(frozen=True)
class PowerOff(Fault):
    node: str

    def words(self) -> tuple[str, ...]:
        return ("power-off", self.node)


@dataclass(frozen=True)
class Stop(Fault):
    """`pcs cluster stop` on the node (its resources move away first); "qnetd" stops the arbiter."""

    node: str

    def words(self) -> tuple[str, ...]:
        return ("stop", self.node)


@dataclass(frozen=True)
class Start(Fault):
    """`pcs cluster start` on a powered node; "qnetd" starts the arbiter."""

    node: str

    def words(self) -> tuple[str, ...]:
        return ("start", self.node)


@dataclass(frozen=True)
class Kill(Fault):
    """kill -9 of one daemon on the node."""

    node: str
    daemon: str

    def words(self) -> tuple[str, ...]:
        return ("kill", self.node, self.daemon)


@dataclass(frozen=True)
class Cut(Fault):
    """The network cut between groups of nodes; nodes left out form a group of their own."""

    groups: tuple[tuple[str, ...], ...]

    def words(self) -> tuple[str, ...]:
        spelt: list[str] = []
        for group in self.groups:
            spelt += (["/"] if spelt else []) + list(group)
        return ("partition", *spelt)


@dataclass(frozen=True)
class Heal(Fault):
    """Every network cut removed."""

    def words(self) -> tuple[str, ...]:
        return ("heal",)


@dataclass(frozen=True)
class FailResource(Fault):
    """The resource dies where it runs (operation "monitor"), or its next start/stop fails or hangs."""

    resource: str
    node: str | None = None
    operation: str = "monitor"
    hang: bool = False

    def words(self) -> tuple[str, ...]:
        return ("fail-resource", self.resource, *((self.node,) if self.node else ()))


@dataclass(frozen=True)
class Standby(Fault):
    """The node's standby attribute set (on) or removed (off)."""

    node: str
    on: bool = True

    def words(self) -> tuple[str, ...]:
        return ("standby" if self.on else "unstandby", self.node)


@dataclass(frozen=True)
class Fence(Fault):
    """A fence device of the cluster, run by another node, reboots the node (`pcs stonith fence`)."""

    node: str

    def words(self) -> tuple[str, ...]:
        return ("fence", self.node)


@dataclass(frozen=True)
class DiskPath(Fault):
    """The node loses (attached=False) or regains its path to the shared disk SBD watches."""

    node: str
    attached: bool = False

    def words(self) -> tuple[str, ...]:
        return ("attach-disk" if self.attached else "detach-disk", self.node)


@dataclass(frozen=True)
class FenceDeviceFailure(Fault):
    """A fence device stops working (failing=True: its BMC or power switch unreachable, its password
    changed): every fence action through it fails, so fenced tries the next device or topology level.
    failing=False: it works again. Simulator only."""

    device: str
    failing: bool = True

    def words(self) -> tuple[str, ...]:
        return ("break-fence-device" if self.failing else "repair-fence-device", self.device)


# --- commands -------------------------------------------------------------


CommandResult = command_result.CommandResult  # one class, importable from here as before
