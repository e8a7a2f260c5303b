"""What the scheduler decided, as frozen values: the public result of `schedule()`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Optional, TypeVar

T = TypeVar("T")


def _direct_init(cls: type[T]) -> type[T]:
    """A frozen dataclass whose __init__ fills the new instance's __dict__ directly: frozen=True's
    sets each field through object.__setattr__, a call per field (about 50 of these values a run:
    several percent of a median `schedule()`). Same parameters and defaults; still frozen
    (__setattr__ raises), equal and hashed by value as before."""
    fields = dataclasses.fields(cls)   # type: ignore[arg-type]
    assert all(f.init and f.default_factory is dataclasses.MISSING for f in fields)
    names = [f.name for f in fields]
    generated = cls.__init__   # type: ignore[misc]
    source = (f"def __init__(self, {', '.join(names)}):\n"
              f"    self.__dict__.update({', '.join(f'{name}={name}' for name in names)})\n")
    space: dict = {}
    exec(source, {}, space)   # noqa: S102 - the text is made of this class's own field names
    init = space["__init__"]
    init.__defaults__ = generated.__defaults__
    init.__qualname__ = generated.__qualname__
    init.__module__ = cls.__module__
    cls.__init__ = init   # type: ignore[misc,method-assign]
    return cls


@_direct_init
@dataclass(frozen=True)
class SummaryItem:
    """One "Transition Summary" line: `Move rsc ( node1 -> node2 )`."""

    verb: str                 # Start | Stop | Move | Recover | Restart | Fence | ...
    resource: Optional[str]   # None for fencing
    details: str              # "node1 -> node2", or the fence action for Fence
    reason: Optional[str] = None
    blocked: bool = False
    node: Optional[str] = None   # the fenced node
    container: Optional[str] = None   # a fenced guest node's container: "lxc1 (resource: container1)"


@_direct_init
@dataclass(frozen=True)
class PlannedAction:
    """One action of the transition graph, as "Executing Cluster Transition" lists it
    (scheduler/executing.py). `kind`: resource (`rsc monitor=10000 on node1`), pseudo (printed
    `{resource}_{task}_0`: `grp_start_0`, `cl_confirmed-post_notify_running_0`), cluster
    (`do_shutdown on node1`, `clear_failcount for rsc on node1`) or fencing (`task` is the fence
    action: reboot, off, on)."""

    task: str
    resource: Optional[str]
    node: Optional[str]
    pseudo: bool = False
    interval_ms: int = 0      # a recurring monitor's or a cancelled one's interval
    kind: str = "resource"    # resource | pseudo | cluster | fencing


@_direct_init
@dataclass(frozen=True)
class ResourceStatus:
    """Where one primitive (or clone instance) is, for crm_mon-style status."""

    id: str
    agent: str
    role: str                  # Started | Stopped | ...
    nodes: tuple[str, ...]
    failed: bool = False
    managed: bool = True
    orphan: bool = False
    target_stopped: bool = False
    blocked: bool = False
    target_unpromoted: bool = False   # a promotable instance held unpromoted by target-role
    unclean: bool = False             # active on a node that is unclean: "(UNCLEAN)"
    failure_ignored: bool = False     # a failure on-fail=ignore took as done: "(failure ignored)"
    pending: str = ""                 # an operation recorded in flight (crm_simulate): "Starting", "(Monitoring)"


@_direct_init
@dataclass(frozen=True)
class ResourceView:
    """A configured resource as status shows it: a primitive, a group or a clone."""

    id: str
    kind: str                                   # primitive | group | clone
    status: Optional[ResourceStatus] = None     # primitives only
    children: tuple["ResourceView", ...] = ()
    unique: bool = False
    child_id: str = ""                          # clones: the cloned resource's id
    managed: bool = True
    promotable: bool = False                    # clones: instances are Promoted or Unpromoted
    stopped_on: tuple[str, ...] = ()            # anonymous clones: nodes no instance is active on
    clone_max: int = 0                          # clones: how many instances may run
    disabled: bool = False                      # target-role=Stopped (Unpromoted for promotable clones)
    target_role: Optional[str] = None           # clones: their configured target-role


@_direct_init
@dataclass(frozen=True)
class NodeStatus:
    """A node as status shows it. `state` is what the node is (every reader keys on it); the
    flags only say how 2.1.5's node list words it (node_text_status, node_list_text)."""

    uname: str
    state: str                 # online | offline | unclean-offline | unclean-online | standby | ...
    with_resources: bool = False   # a standby node that still has active resources
    kind: str = "member"       # member | remote | guest: listed as Node/RemoteNode/GuestNode
    standby: bool = False      # in standby, online or not: an offline one is "OFFLINE (standby)"
    maintenance: bool = False  # in maintenance (its own), online or not: "OFFLINE (maintenance)"
    health: int = 1            # pe__node_health: < 0 red, 0 yellow, > 0 green (or no strategy)


@_direct_init
@dataclass(frozen=True)
class ScoreLine:
    """`pcmk__primitive_assign: rsc allocation score on node1: 100`, or for a promotable
    instance (function "") `rsc:0 promotion score on node1: 10` (node "none" when unplaced)."""

    function: str
    resource: str
    node: str
    score: int


# the marker of Transition.guesses when the transition's actions wait on each other in a loop
ORDERING_LOOP = "actions ordered in a loop"


@_direct_init
@dataclass(frozen=True)
class Transition:
    summary: tuple[SummaryItem, ...]
    actions: tuple[PlannedAction, ...]
    scores: tuple[ScoreLine, ...]
    before: tuple[ResourceView, ...]
    after: tuple[ResourceView, ...]
    nodes_before: tuple[NodeStatus, ...]
    nodes_after: tuple[NodeStatus, ...]
    placement: dict              # primitive id -> assigned node (or None)
    explanations: dict           # resource id -> {node: [(source, value, absolute)]}
    # where this scheduler had to guess what 2.1.5 would choose (the honesty gate refuses those)
    guesses: tuple[str, ...] = ()
