"""The scheduler's working set: mutable per-run objects built from a frozen CIB.

Pacemaker's scheduler works on a "working set" of nodes and resources whose
flags change while it runs; these classes are that working set. They never
leave the scheduler: `schedule()` returns frozen results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from ..cib.model import INFINITY, Primitive
from ..cib.scores import add_scores

ROLES = ("Unknown", "Stopped", "Started", "Unpromoted", "Promoted")
ROLE_RANK = {name: rank for rank, name in enumerate(ROLES)}
ROLE_ALIASES = {"master": "Promoted", "slave": "Unpromoted", "started": "Started",
                "stopped": "Stopped", "promoted": "Promoted", "unpromoted": "Unpromoted"}


def role_name(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    return ROLE_ALIASES.get(text.strip().lower())


@dataclass
class Contribution:
    """Why a node's score changed: shown by --explain."""

    source: str
    value: int            # the delta added, or the value set when `absolute`
    absolute: bool = False


@dataclass
class NodeInfo:
    id: str
    uname: str
    attributes: dict
    online: bool = False
    unclean: bool = False
    unseen: bool = True
    standby: bool = False
    standby_onfail: bool = False
    pending: bool = False
    maintenance: bool = False
    shutdown: bool = False
    expected_up: bool = False
    is_dc: bool = False
    fence_reason: Optional[str] = None
    num_resources: int = 0
    health_score: int = 0
    node_type: str = "member"               # member | remote (remote.py)
    remote_requires_reset: bool = False     # a remote node whose connection failed
    discovery: bool = True                  # a remote node's resource-discovery-enabled (probes)
    capacity: dict = field(default_factory=dict)   # utilization left: configured minus assigned (utilization.py)

    def available(self) -> bool:
        """pcmk__node_available without the score test: can this node run anything?"""
        return (self.online and not self.shutdown and not self.unclean and not self.standby
                and not self.maintenance)


@dataclass
class Rsc:
    """A resource of the working set: primitive, group, clone, or clone instance."""

    id: str
    kind: str                                   # primitive | group | clone
    meta: dict
    parent: Optional["Rsc"] = None
    children: list = field(default_factory=list)
    config: Optional[Primitive] = None          # primitives only
    clone_name: Optional[str] = None            # "rsc:0" for clone instances
    base_id: str = ""                           # id without instance number

    priority: int = 0
    stickiness: int = 0
    migration_threshold: int = INFINITY
    failure_timeout: int = 0
    managed: bool = True
    unique: bool = True
    critical: bool = True
    orphan: bool = False
    promotable: bool = False                    # a promotable clone (not its instances)
    promotion_priority: int = 0                 # instances: promotion score plus role preferences
    sort_index: int = 0                         # instances: final rank when choosing whom to promote

    role: str = "Stopped"
    next_role: Optional[str] = None
    next_role_reason: Optional[str] = None
    running_on: list = field(default_factory=list)   # node unames
    failed: bool = False
    stop_needed: bool = False                   # pe_rsc_stop
    capacity_tie: tuple = ()                    # equally capable nodes where nothing fits it (utilization.py)
    forced_stops: set = field(default_factory=set)  # nodes where unpacking made a required stop
    #                                                 (a filler's failure restarts its container)
    blocked: bool = False
    hard_stop_blocked: bool = False  # a stop's hard error where nothing can fence (history: remap_operation)
    failure_ignored: bool = False
    start_pending: bool = False
    failures: set = field(default_factory=set)   # (node, task, interval ms) of failed operations replayed
    target_role: Optional[str] = None
    known_on: set = field(default_factory=set)  # nodes where a history entry exists
    active_monitors: dict = field(default_factory=dict)  # node -> recurring intervals (ms) since the start
    block_failure_nodes: set = field(default_factory=set)  # failures that never expire
    partial_migration: Optional[tuple] = None    # (source, target) of a migration half done
    migrated_to: Optional[str] = None            # active there by a migrate_to alone (migration_history.py)
    migration_blocked: bool = False              # a failed or dangling migration: it may not migrate
    definition_changes: dict = field(default_factory=dict)  # node -> "restart" | "reload" (definitions.py)
    housekeeping: list = field(default_factory=list)        # (task, node, interval ms): cancel, delete,
    #                                                         clear_failcount (definitions.py)

    allowed: dict = field(default_factory=dict)     # node uname -> score
    discover_modes: dict = field(default_factory=dict)  # node uname -> never | exclusive (discovery.py)
    exclusive_discover: bool = False                # resource-discovery=exclusive somewhere (discovery.py)
    why: dict = field(default_factory=dict)         # node uname -> [Contribution]
    provisional: bool = True
    allocating: bool = False
    merging: bool = False
    assigned: Optional[str] = None
    this_with: list = field(default_factory=list)   # colocations where self is dependent
    with_this: list = field(default_factory=list)   # colocations where self is primary
    # its primitives, fixed once unpacked (WorkingSet.freeze): asked for thousands of times a run
    frozen_primitives: Optional[tuple] = field(default=None, repr=False, compare=False)
    # the clone it is in (clone_parent), found once: a resource's parents never change
    clone_found: tuple = field(default=(), repr=False, compare=False)

    def is_primitive(self) -> bool:
        return self.kind == "primitive"

    def primitives(self) -> Iterator["Rsc"]:
        """Itself if a primitive, then its children's primitives, depth first."""
        if self.frozen_primitives is not None:
            return iter(self.frozen_primitives)
        return self._walk_primitives()

    def _walk_primitives(self) -> Iterator["Rsc"]:
        if self.kind == "primitive":
            yield self
        for child in self.children:
            yield from child._walk_primitives()

    def top(self) -> "Rsc":
        rsc = self
        while rsc.parent is not None:
            rsc = rsc.parent
        return rsc

    def ancestors(self) -> list["Rsc"]:
        """The group, clone and so on it is in, innermost first."""
        found, rsc = [], self
        while rsc.parent is not None:
            rsc = rsc.parent
            found.append(rsc)
        return found

    def clone_parent(self) -> Optional["Rsc"]:
        if self.clone_found:
            return self.clone_found[0]
        rsc = self.parent
        while rsc is not None and rsc.kind != "clone":
            rsc = rsc.parent
        self.clone_found = (rsc,)
        return rsc

    def promotable_clone(self) -> Optional["Rsc"]:
        """The promotable clone this resource is an instance (or instance member) of."""
        clone = self.clone_parent()
        return clone if clone is not None and clone.promotable else None

    def current_node(self) -> Optional[str]:
        """pe__current_node: a half-done migration's source, else the first active node."""
        if self.partial_migration is not None and self.partial_migration[0] in self.running_on:
            return self.partial_migration[0]
        return self.running_on[0] if self.running_on else None

    def active(self) -> bool:
        return any(p.running_on for p in self.primitives())

    def add_score(self, node: str, value: int, source: str) -> None:
        """resource_location(): add `value` to one node, remembering why."""
        self.allowed[node] = add_scores(self.allowed.get(node, 0), value)
        self.why.setdefault(node, []).append(Contribution(source, value))

    def set_score(self, node: str, value: int, source: str) -> None:
        self.allowed[node] = value
        self.why.setdefault(node, []).append(Contribution(source, value, absolute=True))


@dataclass
class ColocationRule:
    id: str
    dependent: Rsc
    primary: Rsc
    score: int
    dependent_role: Optional[str]
    primary_role: Optional[str]
    node_attribute: str
    influence: bool = True


@dataclass
class WorkingSet:
    nodes: dict                    # uname -> NodeInfo (configuration order)
    resources: list                # top-level Rsc, configuration order
    by_id: dict                    # every Rsc by id (instances by "rsc:N")
    properties: dict
    have_quorum: bool
    no_quorum_policy: str
    stonith_enabled: bool
    symmetric: bool
    stonith_action: str
    have_stonith_resource: bool
    startup_fencing: bool
    stop_all: bool
    maintenance_mode: bool
    now: Optional[int]
    colocations: list = field(default_factory=list)
    node_order: list = field(default_factory=list)
    score_lines: list = field(default_factory=list)   # (rsc, scores[, kind]) as assigned
    promoted_locations: list = field(default_factory=list)  # (rsc, {node: score}) for role=Promoted
    histories: dict = field(default_factory=dict)   # node uname -> {resource id: ResourceHistory}
    filler_lists: Optional[dict] = None   # container id -> its fillers (fillers(), once unpacked)
    legacy_fail_counts: bool = False   # CIB feature set < 3.0.13: fail-count-RSC, not fail-count-RSC#OP_INTERVAL
    guesses: list = field(default_factory=list)   # choices 2.1.5 makes in a way not modelled (Transition.guesses)
    frozen_primitives: Optional[tuple] = field(default=None, repr=False)   # freeze()
    clones_by_base: Optional[dict] = field(default=None, repr=False)   # unpack._clones_by_base
    sorted_resources: Optional[list] = field(default=None, repr=False)   # allocation_order, before assigning

    def node(self, uname: str) -> NodeInfo:
        return self.nodes[uname]

    def node_available(self, uname: str, score: Optional[int] = None) -> bool:
        info = self.nodes.get(uname)
        if info is None or not info.available():
            return False
        return score is None or score >= 0

    def primitives(self) -> Iterator[Rsc]:
        """Every primitive, top-level resources in order, each depth first."""
        if self.frozen_primitives is not None:
            return iter(self.frozen_primitives)
        return (prim for rsc in self.resources for prim in rsc.primitives())

    def freeze(self) -> None:
        """Once unpacked, the resources and their children are fixed (only unpack.py adds any):
        remember each one's primitives instead of walking the tree for every question."""
        def walk(rsc: Rsc) -> tuple:
            found: list = [rsc] if rsc.kind == "primitive" else []
            for child in rsc.children:
                found.extend(walk(child))
            rsc.frozen_primitives = tuple(found)
            return rsc.frozen_primitives
        self.frozen_primitives = tuple(prim for rsc in self.resources for prim in walk(rsc))

    def container_of(self, rsc: Rsc) -> Optional[Rsc]:
        """setup_container: the primitive a primitive's `container` meta attribute (its own or
        its group's) names, never itself, nor an orphan (2.1.5 sets containers up before it
        unpacks the status, so a container left only in the history is unknown)."""
        name = rsc.meta.get("container")
        if rsc.kind != "primitive" or not name or name == rsc.id:
            return None
        box = self.by_id.get(name)
        return box if box is not None and box.kind == "primitive" and not box.orphan else None

    def fillers(self, box: Rsc) -> list:
        """The primitives whose container `box` is."""
        if self.filler_lists is None:
            self.filler_lists = {}
            for rsc in self.primitives():
                container = self.container_of(rsc)
                if container is not None:
                    self.filler_lists.setdefault(container.id, []).append(rsc)
        return self.filler_lists.get(box.id, [])
