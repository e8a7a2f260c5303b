"""The CIB as frozen dataclasses: configuration (what the administrator asked for)
and status (what the cluster recorded), exactly the vocabulary of Pacemaker's XML.

Nothing here decides anything: the scheduler reads these objects. Attribute maps
are plain dicts that are never mutated after parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

INFINITY = 1_000_000


@dataclass(frozen=True)
class Expression:
    """One `<expression>` of a rule: `attribute operation value`."""

    attribute: str
    operation: str
    value: Optional[str] = None
    value_type: Optional[str] = None   # None: inferred from the operation, as Pacemaker does
    value_source: str = "literal"      # param / meta: `value` names a parameter or meta attribute of the resource


@dataclass(frozen=True)
class DateExpression:
    """A `<date_expression>`: gt start, lt end, in_range start..end (or start+duration), date_spec."""

    operation: str
    start: Optional[str] = None
    end: Optional[str] = None
    duration: Optional[dict] = field(default=None, hash=False, compare=False)
    spec: Optional[dict] = field(default=None, hash=False, compare=False)


@dataclass(frozen=True)
class ResourceExpression:
    """An `<rsc_expression>` (rules of rsc_defaults/op_defaults): the agent it matches; None matches any."""

    standard: Optional[str] = None
    provider: Optional[str] = None
    agent_type: Optional[str] = None


@dataclass(frozen=True)
class Rule:
    """A `<rule>`: expressions joined by `and`/`or`, nested rules allowed."""

    id: str
    score: int
    score_attribute: Optional[str]
    boolean_op: str
    expressions: tuple[Expression, ...] = ()
    rules: tuple["Rule", ...] = ()
    role: Optional[str] = None
    dates: tuple[DateExpression, ...] = ()
    resources: tuple[ResourceExpression, ...] = ()
    has_op_expression: bool = False   # op_expression: refused by the honesty gate


@dataclass(frozen=True)
class Operation:
    """An `<op>` in a primitive's `<operations>`."""

    id: str
    name: str
    interval_ms: int
    on_fail: Optional[str] = None
    role: Optional[str] = None
    enabled: bool = True
    timeout: Optional[str] = None
    params: dict = field(default_factory=dict, hash=False, compare=False)  # the op's own instance attributes


@dataclass(frozen=True)
class Primitive:
    id: str
    standard: str
    provider: Optional[str]
    agent_type: str
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    params: dict = field(default_factory=dict, hash=False, compare=False)
    operations: tuple[Operation, ...] = ()
    utilization: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def agent(self) -> str:
        """`ocf:heartbeat:apache`, `stonith:fence_xvm`: as crm_mon prints it."""
        if self.provider:
            return f"{self.standard}:{self.provider}:{self.agent_type}"
        return f"{self.standard}:{self.agent_type}"


@dataclass(frozen=True)
class Group:
    id: str
    members: tuple[Primitive, ...]
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    params: dict = field(default_factory=dict, hash=False, compare=False)  # instance attributes members inherit


@dataclass(frozen=True)
class Clone:
    id: str
    child: Union[Primitive, Group]
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    promotable: bool = False
    params: dict = field(default_factory=dict, hash=False, compare=False)  # instance attributes children inherit


ResourceConfig = Union[Primitive, Group, Clone]


@dataclass(frozen=True)
class Location:
    """`rsc_location`: a fixed `node`+`score`, or rules evaluated per node."""

    id: str
    resource: str
    node: Optional[str] = None
    score: int = 0
    rules: tuple[Rule, ...] = ()
    role: Optional[str] = None
    resource_pattern: Optional[str] = None
    discovery: Optional[str] = None     # resource-discovery: always | never | exclusive


@dataclass(frozen=True)
class Colocation:
    """`rsc_colocation`: `resource` (dependent) placed relative to `with_resource`."""

    id: str
    resource: str
    with_resource: str
    score: int
    resource_role: Optional[str] = None
    with_resource_role: Optional[str] = None
    node_attribute: str = "#uname"
    influence: Optional[bool] = None


@dataclass(frozen=True)
class Order:
    """`rsc_order`: `first` `first_action` then `then` `then_action`."""

    id: str
    first: str
    then: str
    kind: str = "Mandatory"
    symmetrical: bool = True
    first_action: str = "start"
    then_action: str = "start"
    require_all: bool = True     # False: one instance of a cloned `first` is enough
    first_set: str = ""          # the resource set `first` came from, when that set needs only one


@dataclass(frozen=True)
class TicketDependency:
    """One resource's dependency on a ticket (`rsc_ticket`, or one member of its resource set)."""

    id: str
    resource: str
    ticket: str
    role: Optional[str] = None          # rsc-role (or the set's role); None: any role
    loss_policy: Optional[str] = None   # stop | demote | fence | freeze; None: the default


@dataclass(frozen=True)
class TicketState:
    """A `<ticket_state>` of the status section: granted here, or on standby."""

    id: str
    granted: bool = False
    standby: bool = False


@dataclass(frozen=True)
class NodeConfig:
    """A `<node>` of `<nodes>` with its permanent attributes."""

    id: str
    uname: str
    node_type: str = "member"
    attributes: dict = field(default_factory=dict, hash=False, compare=False)
    utilization: dict = field(default_factory=dict, hash=False, compare=False)
    score: int = 0


@dataclass(frozen=True)
class OperationRecord:
    """One `<lrm_rsc_op>`: what the executor reported for one operation."""

    id: str
    operation: str
    call_id: int
    rc_code: int
    op_status: int
    interval_ms: int
    target_rc: Optional[int]
    transition_key: Optional[str] = None
    last_rc_change: Optional[int] = None
    exit_reason: Optional[str] = None
    on_node: Optional[str] = None
    operation_key: Optional[str] = None
    migrate_source: Optional[str] = None    # migrate_to/migrate_from: the nodes of a live migration
    migrate_target: Optional[str] = None
    digest: Optional[str] = None            # op-digest, op-restart-digest, op-force-restart: the
    restart_digest: Optional[str] = None    # parameters it ran with, and those a reload cannot change
    force_restart: Optional[str] = None
    secure_params: Optional[str] = None     # op-secure-params/-digest: the digest without secrets
    secure_digest: Optional[str] = None
    feature_set: Optional[str] = None       # crm_feature_set of the controller that recorded it

    @property
    def key(self) -> str:
        """How Pacemaker names the operation: `operation_key`, else the entry's id."""
        return self.operation_key or self.id

    @property
    def is_probe(self) -> bool:
        return self.operation == "monitor" and self.interval_ms == 0


@dataclass(frozen=True)
class ResourceHistory:
    """An `<lrm_resource>`: the operation history of one resource on one node."""

    id: str
    standard: Optional[str]
    provider: Optional[str]
    agent_type: Optional[str]
    operations: tuple[OperationRecord, ...] = ()
    shutdown_lock: Optional[int] = None   # when the resource was locked to this node (shutdown-lock)


@dataclass(frozen=True)
class NodeState:
    """A `<node_state>` of the status section."""

    id: str
    uname: Optional[str]
    in_ccm: Optional[str]
    crmd: Optional[str]
    join: Optional[str]
    expected: Optional[str]
    transient: dict = field(default_factory=dict, hash=False, compare=False)
    history: tuple[ResourceHistory, ...] = ()


@dataclass(frozen=True)
class Cib:
    """A whole CIB: configuration plus status."""

    validate_with: Optional[str]
    have_quorum: bool
    dc_uuid: Optional[str]
    execution_date: Optional[int]
    properties: dict = field(hash=False, compare=False)
    rsc_defaults: dict = field(hash=False, compare=False)
    op_defaults: dict = field(hash=False, compare=False)
    nodes: tuple[NodeConfig, ...] = ()
    resources: tuple[ResourceConfig, ...] = ()
    locations: tuple[Location, ...] = ()
    colocations: tuple[Colocation, ...] = ()
    orders: tuple[Order, ...] = ()
    node_states: tuple[NodeState, ...] = ()
    cib_attributes: dict = field(default_factory=dict, hash=False, compare=False)
    ticket_dependencies: tuple[TicketDependency, ...] = ()
    # every rsc_defaults meta_attributes set, in precedence order: (its rules, its values)
    rsc_default_sets: tuple[tuple[tuple[Rule, ...], dict], ...] = field(default=(), hash=False, compare=False)
    tickets: tuple[TicketState, ...] = ()

    def find_resource(self, rsc_id: str) -> Optional[ResourceConfig]:
        """The top-level or nested resource named `rsc_id`, if configured."""
        for rsc in self.resources:
            for candidate in walk(rsc):
                if candidate.id == rsc_id:
                    return candidate
        return None


def walk(rsc: ResourceConfig):
    """A resource and everything it contains, parents first."""
    yield rsc
    if isinstance(rsc, Group):
        yield from rsc.members
    elif isinstance(rsc, Clone):
        yield from walk(rsc.child)
