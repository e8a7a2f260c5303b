"""Build the working set from a CIB: options, node states, resources and their
current state on each node (lib/pengine/unpack.c, in the order Pacemaker does it).
"""

from __future__ import annotations

import functools
import re
from typing import Optional

from ..cib.recent import RecentCache
from ..cib.model import INFINITY, Cib, Clone, Group, NodeState, Primitive, ResourceHistory, walk
from ..cib.scores import add_scores
from . import options
from .rules import rule_matches
from .definitions import _version, check_agent, check_history
from .requires import active_count, can_fence, needs_fencing
from .history import ORDERED, active_recurring, block_ops, is_block_failure, replay_history
from .working import ROLE_RANK, NodeInfo, Rsc, WorkingSet, role_name
from . import guest, remote


def unpack(cib: Cib, now: Optional[int] = None) -> WorkingSet:
    props = cib.properties
    ws = WorkingSet(
        nodes={}, resources=[], by_id={}, properties=props,
        have_quorum=cib.have_quorum,
        no_quorum_policy=options.no_quorum_policy(props),
        stonith_enabled=options.is_true(props.get("stonith-enabled"), True),
        symmetric=options.is_true(props.get("symmetric-cluster"), True),
        stonith_action=options.stonith_action(props),
        have_stonith_resource=False,
        # unpack_config reads startup-fencing only when fencing is enabled: otherwise unseen nodes are clean
        startup_fencing=options.is_true(props.get("stonith-enabled"), True)
        and options.is_true(props.get("startup-fencing"), True),
        stop_all=options.is_true(props.get("stop-all-resources"), False),
        maintenance_mode=options.is_true(props.get("maintenance-mode"), False),
        now=cib.execution_date if cib.execution_date is not None else now,
        legacy_fail_counts=_legacy_fail_counts(cib.cib_attributes.get("crm_feature_set")),
    )
    if ws.no_quorum_policy == "suicide":
        panic = cib.cib_attributes.get("no-quorum-panic", "0")
        if not ws.stonith_enabled or not (ws.have_quorum or panic not in ("0", "")):
            ws.no_quorum_policy = "stop"   # suicide only once the cluster has had quorum
    _unpack_nodes(ws, cib)
    remote.add_remote_nodes(ws, cib)
    ws.histories = {state.uname: {h.id: h for h in state.history} for state in cib.node_states if state.uname}
    for config in cib.resources:
        ws.resources.append(_build(ws, cib, config, None))
    ws.resources.sort(key=lambda rsc: -rsc.priority)  # unpack_resources: by priority, stable (orphans come later)
    # Watchdog fencing (SBD, stonith-watchdog-timeout > 0) counts as a way to fence, as in Pacemaker;
    # so does have-watchdog=true alone (unpack_config sets pe_flag_have_stonith_resource)
    # (a fencing primitive in a clone with clone-max=0 counts too: clone_unpack creates one child
    # anyway, and unpacking it sets pe_flag_have_stonith_resource: rec-node-12 variant)
    ws.have_stonith_resource = any(
        p.config is not None and p.config.standard == "stonith" for p in ws.primitives()) or any(
        isinstance(r, Primitive) and r.standard == "stonith" for top in cib.resources for r in walk(top)) or \
        _watchdog_fencing(cib.properties.get("stonith-watchdog-timeout")) or \
        options.is_true(cib.properties.get("have-watchdog"), False)
    _unpack_status(ws, cib)
    _multiply_active(ws)
    return ws


@functools.lru_cache(maxsize=64)
def _legacy_fail_counts(feature_set: Optional[str]) -> bool:
    """A CIB written by a controller older than feature set 3.0.13 (read once per feature set)."""
    return _version(feature_set) < (3, 0, 13)


def _multiply_active(ws: WorkingSet) -> None:
    """multiple-active for every primitive found active on several nodes."""
    for rsc in ws.primitives():
        _multiple_active_recovery(ws, rsc)


def _multiple_active_recovery(ws: WorkingSet, rsc: Rsc) -> None:
    """native_add_running, as soon as a primitive is found active on a second node: stop_only
    keeps it off every node, block freezes it (its whole group, if the group blocks too) at
    once, so the histories read after it see it unmanaged (a not-running result is then no
    failure); stop_start and stop_unexpected are what the action code does anyway. An unmanaged
    resource (also one found active on a node in maintenance, which unmanages it first) returns
    before any of this."""
    if not rsc.managed or len(rsc.running_on) < 2 or active_count(ws, rsc) < 2:
        return   # is_multiply_active: only clean nodes count for what does not need fencing
        #          (counted among those it runs on: none to count on fewer than two)
    recovery = (rsc.meta.get("multiple-active") or "stop_start").strip().lower()
    if recovery == "stop_only":
        for uname in ws.node_order:
            rsc.set_score(uname, -INFINITY, "multiple-active=stop_only")
    elif recovery == "block":
        group = rsc.parent if rsc.parent is not None and rsc.parent.kind == "group" else None
        blocked = group.children if group is not None and \
            (group.meta.get("multiple-active") or "").strip().lower() == "block" else [rsc]
        for member in blocked:
            member.managed = False
            member.blocked = True


def _watchdog_fencing(timeout: Optional[str]) -> bool:
    text = (timeout or "0").strip().lower().rstrip("s").rstrip("m") or "0"
    try:
        return float(text) > 0
    except ValueError:
        return False


# ---------------------------------------------------------------- nodes

def _unpack_nodes(ws: WorkingSet, cib: Cib) -> None:
    for config in cib.nodes:
        if config.node_type not in ("member", "normal", "", None):
            continue
        attributes = _builtin_attributes(cib, config)
        attributes.update(config.attributes)
        if "#site-name" not in attributes:
            site = attributes.get("site-name") or cib.properties.get("cluster-name")
            if site is not None:
                attributes["#site-name"] = site
        info = NodeInfo(id=config.id, uname=config.uname, attributes=attributes,
                        health_score=config.score, capacity=dict(config.utilization))
        info.unclean = ws.startup_fencing
        info.unseen = True
        ws.nodes[config.uname] = info
        ws.node_order.append(config.uname)
        if cib.dc_uuid and config.id == cib.dc_uuid:
            info.is_dc = True


def _builtin_attributes(cib: Cib, config) -> dict:
    """The attributes Pacemaker gives every node (add_node_attrs): rules may test them."""
    attributes = {"#uname": config.uname, "#id": config.id, "#kind": "cluster",
                  "#is_dc": "true" if cib.dc_uuid and config.id == cib.dc_uuid else "false"}
    if cib.properties.get("cluster-name") is not None:
        attributes["#cluster-name"] = cib.properties["cluster-name"]
    return attributes


def _state_for(ws: WorkingSet, state: NodeState) -> Optional[NodeInfo]:
    for info in ws.nodes.values():
        if info.id == state.id or (state.uname and info.uname == state.uname and not state.id):
            return info
    if state.uname in ws.nodes:
        return ws.nodes[state.uname]
    return None


def fence_node(ws: WorkingSet, node: NodeInfo, reason: str) -> None:
    """pe_fence_node: mark a node unclean; the first reason given is kept. A remote node
    whose connection is managed will need a reset; a guest node is fenced by recovering its
    container (guest.fence)."""
    if guest.is_guest(ws, node):
        guest.fence(ws, node)
        return
    connection = remote.connection_of(ws, node)
    if connection is not None and connection.managed:
        node.remote_requires_reset = True
    if not node.unclean:
        node.unclean = True
        if node.fence_reason is None:
            node.fence_reason = reason
    elif node.fence_reason is None:
        node.fence_reason = reason


def _online_status(ws: WorkingSet, node: NodeInfo, state: NodeState) -> None:
    in_ccm = options.is_true(state.in_ccm)
    crmd_online = (state.crmd or "").lower() == "online"
    join = (state.join or "").lower()
    expected = (state.expected or "down").lower()
    shutdown = node.attributes.get("shutdown")
    node.shutdown = bool(shutdown) and shutdown != "0"
    node.expected_up = (not node.shutdown) and expected == "member"
    online = False
    if not ws.stonith_enabled:
        if not in_ccm:
            pass
        elif crmd_online:
            online = join == "member"
        elif not node.expected_up:
            pass
        else:
            fence_node(ws, node, "peer is unexpectedly down")
    else:
        terminate = node.attributes.get("terminate") or ""
        do_terminate = options.is_true(terminate) or (terminate[:1].isdigit() and terminate[:1] != "0")
        online = in_ccm
        if node.shutdown:
            online = crmd_online
        elif state.in_ccm is None:
            fence_node(ws, node, "peer has not been seen by the cluster")
        elif join == "nack":
            fence_node(ws, node, "peer failed Pacemaker membership criteria")
        elif not do_terminate and expected == "down":
            if in_ccm or crmd_online:
                node.standby = True
                node.pending = True
        elif do_terminate and join == "down" and not in_ccm and not crmd_online:
            online = False
        elif not in_ccm:
            fence_node(ws, node, "peer is no longer part of the cluster")
        elif not crmd_online:
            fence_node(ws, node, "peer process is no longer available")
        elif do_terminate:
            fence_node(ws, node, "termination was requested")
        elif join == "member":
            pass
        elif join in ("pending", "down"):
            node.standby = True
            node.pending = True
        else:
            fence_node(ws, node, "peer was in an unknown state")
    node.online = bool(online)


def _unpack_status(ws: WorkingSet, cib: Cib) -> None:
    seen: list[tuple[NodeInfo, NodeState]] = []
    for state in cib.node_states:
        node = _state_for(ws, state)
        if node is None or not node.unseen or node.node_type == "remote":
            continue
        for key, value in state.transient.items():
            node.attributes[key] = value
        node.unclean = False
        node.unseen = False
        _online_status(ws, node, state)
        if not ws.have_quorum and node.online and ws.no_quorum_policy == "suicide":
            fence_node(ws, node, "cluster does not have quorum")
        seen.append((node, state))
    for node in ws.nodes.values():
        if node.node_type == "remote":
            continue    # read with the node's status only (unpack_handle_remote_attrs, below)
        if options.is_true(node.attributes.get("standby")):
            node.standby = True
        if options.is_true(node.attributes.get("maintenance")) or ws.maintenance_mode:
            node.maintenance = True
    # without fencing (or shutdown locks), offline nodes' histories are not trusted
    all_nodes = ws.stonith_enabled or options.is_true(ws.properties.get("shutdown-lock"), False)
    histories = sum(len(state.history) for state in cib.node_states)
    _ACTIVE.begin(histories)
    ORDERED.begin(histories)
    for node, state in seen:
        if node.online or all_nodes:
            _unpack_node_history(ws, cib, node, state)
    for node, state in seen:
        if node.online or all_nodes:
            _check_entries_of_renamed_instances(ws, cib, node, state)
    _unpack_remote_status(ws, cib)
    ws.freeze()   # every history read: the resources are all there (orphans too)
    unpromoted = [rsc for rsc in ws.primitives() if rsc.role == "Started" and _instance_state(rsc) == "Started"]
    for rsc in ws.primitives():
        if rsc in unpromoted:
            rsc.role = "Unpromoted"     # an active promotable instance is unpromoted until promoted
        _apply_target_role(rsc)


def _instance_state(rsc: Rsc) -> Optional[str]:
    """The current role of the promotable clone instance `rsc` belongs to, None outside one:
    set_instance_priority makes a Started instance's members Unpromoted (set_current_role_unpromoted)
    only when the instance as a whole (a group: its members' highest role) is Started, so a member
    still Started beside a Promoted one (a probe found it promoted) stays Started."""
    clone = rsc.promotable_clone()
    if clone is None:
        return None
    instance = rsc
    while instance.parent is not clone and instance.parent is not None:
        instance = instance.parent
    members = [instance] if not instance.children else instance.children
    return max((member.role for member in members), key=lambda role: ROLE_RANK[role])


def _unpack_remote_status(ws: WorkingSet, cib: Cib) -> None:
    """unpack_node_loop for remote nodes: first those whose connection is Started, then (the
    fencing pass, with fencing enabled) the others; unpack_handle_remote_attrs then the history."""
    remote_states = [(node, state) for state in cib.node_states
                     for node in [_state_for(ws, state)] if node is not None and node.node_type == "remote"]
    unpacked: set = set()
    for fencing_pass in (False, True):
        for node, state in remote_states:
            connection = remote.connection_of(ws, node)
            if node.uname in unpacked or connection is None:
                continue
            container = guest.container_of_node(ws, node)
            if not fencing_pass and (connection.role != "Started"
                                     or (container is not None and container.role != "Started")):
                continue
            if fencing_pass and not ws.stonith_enabled:
                continue
            unpacked.add(node.uname)
            remote.remote_online_status(ws, node)
            for key, value in state.transient.items():
                node.attributes[key] = value
            if not node.remote_requires_reset:
                node.unclean = False
                node.unseen = False
            if options.is_true(node.attributes.get("standby")):
                node.standby = True
            if options.is_true(node.attributes.get("maintenance")) or not connection.managed:
                node.maintenance = True
            shutdown = node.attributes.get("shutdown")
            node.shutdown = node.shutdown or (bool(shutdown) and shutdown != "0")
            discovery = node.attributes.get("resource-discovery-enabled")
            if discovery is not None and not options.is_true(discovery, False) \
                    and (ws.stonith_enabled or container is not None):
                node.discovery = False   # ignored on cluster nodes, and on remote ones without fencing
            _unpack_node_history(ws, cib, node, state)
    for node in ws.nodes.values():
        if node.node_type == "remote" and node.uname not in unpacked:
            remote.remote_online_status(ws, node)


# ---------------------------------------------------------------- resources

def _defaults_for(cib: Cib, config) -> dict:
    """rsc_defaults as they apply to this resource: sets whose rules name an agent
    (rsc_expression) count only for resources of that agent."""
    if not any(rule.resources for rules, _ in cib.rsc_default_sets for rule in rules):
        return dict(cib.rsc_defaults)
    agent = (config.standard, config.provider, config.agent_type) if isinstance(config, Primitive) \
        else (None, None, None)
    values: dict = {}
    for rules, pairs in cib.rsc_default_sets:
        if rules and not any(rule_matches(rule, {}, cib.execution_date, agent) for rule in rules):
            continue
        for key, value in pairs.items():
            values.setdefault(key, value)
    return values


def _merged_meta(ws: WorkingSet, cib: Cib, own: dict, parent: Optional[Rsc], config=None) -> dict:
    meta = _defaults_for(cib, config)
    if parent is not None:
        meta.update(parent.meta)
    meta.update(own)
    return meta


def _configure(ws: WorkingSet, rsc: Rsc) -> None:
    meta = rsc.meta
    rsc.priority = options.score_or(meta.get("priority"), 0)
    stickiness = meta.get("resource-stickiness")
    if stickiness is None:
        stickiness = ws.properties.get("default-resource-stickiness")
    rsc.stickiness = options.score_or(stickiness, 0) if stickiness not in (None, "default") else 0
    rsc.migration_threshold = options.migration_threshold(meta)
    rsc.failure_timeout = options.seconds(meta.get("failure-timeout"))
    rsc.managed = options.is_true(meta.get("is-managed"), True) and not ws.maintenance_mode
    if options.is_true(meta.get("maintenance"), False):
        rsc.managed = False
    rsc.critical = options.is_true(meta.get("critical"), True)
    rsc.target_role = role_name(meta.get("target-role"))
    if rsc.target_role == "Promoted" and rsc.kind == "primitive" and rsc.promotable_clone() is None:
        rsc.target_role = "Started"   # only promotable instances can be promoted (2.1.5 warns, starts it)
    if ws.symmetric:
        rsc.allowed.update(dict.fromkeys(ws.node_order, 0))


def _build(ws: WorkingSet, cib: Cib, config, parent: Optional[Rsc], suffix: str = "") -> Rsc:
    if isinstance(config, Primitive):
        rsc = Rsc(id=config.id + suffix, kind="primitive", config=config, parent=parent,
                  meta=_merged_meta(ws, cib, config.meta, parent, config), base_id=config.id)
    elif isinstance(config, Group):
        rsc = Rsc(id=config.id + suffix, kind="group", parent=parent,
                  meta=_merged_meta(ws, cib, config.meta, parent, config), base_id=config.id)
    else:
        own = dict(config.meta)
        rsc = Rsc(id=config.id, kind="clone", parent=parent,
                  meta=_merged_meta(ws, cib, own, parent, config), base_id=config.id)
        if "resource-stickiness" not in rsc.meta and "resource-stickiness" not in cib.rsc_defaults:
            rsc.meta["resource-stickiness"] = "1"
        rsc.unique = options.is_true(rsc.meta.get("globally-unique"), False)
        rsc.promotable = config.promotable
    if parent is not None and parent.kind == "clone":
        rsc.clone_name = rsc.id
    clone = parent if parent is not None and parent.kind == "clone" else (
        parent.clone_parent() if parent is not None else None)
    if clone is not None:
        rsc.unique = clone.unique
    if remote.is_connection(config) and "allow-migrate" not in rsc.meta:
        rsc.meta["allow-migrate"] = "true"   # a connection migrates by default (pe__unpack_resource)
    _configure(ws, rsc)
    remote.configure_connection(rsc)
    ws.by_id[rsc.id] = rsc
    if isinstance(config, Group):
        rsc.children = [_build(ws, cib, member, rsc, suffix) for member in config.members]
    elif isinstance(config, Clone):
        count = options.score_or(rsc.meta.get("clone-max"), len(ws.node_order))
        count = max(0, min(count, 10000))
        rsc.children = [_build(ws, cib, config.child, rsc, f":{i}") for i in range(count)]
        if rsc.unique and any(p.standard not in UNIQUE_STANDARDS for p in walk(config.child)
                              if isinstance(p, Primitive)):
            _force_anonymous(rsc)
    return rsc


UNIQUE_STANDARDS = ("ocf", "stonith")   # pcmk_ra_cap_unique: the agent classes whose clones may be unique


def _force_anonymous(clone: Rsc) -> None:
    """pe__force_anon (native_unpack): an lsb, systemd or service agent cannot be a unique clone's,
    so the whole clone is anonymous whatever globally-unique says."""
    stack = [clone]
    while stack:
        rsc = stack.pop()
        rsc.unique = False
        stack.extend(rsc.children)


def clone_max(clone: Rsc, ws: WorkingSet) -> int:
    return options.score_or(clone.meta.get("clone-max"), len(ws.node_order))


def clone_node_max(clone: Rsc) -> int:
    """Instances per node: anonymous clones support only one (Pacemaker ignores more)."""
    if not clone.unique:
        return 1
    return max(0, options.score_or(clone.meta.get("clone-node-max"), 1))


def _apply_target_role(rsc: Rsc) -> None:
    if rsc.target_role is None:
        return
    wanted = rsc.target_role
    if rsc.promotable_clone() is not None:
        if wanted in ("Started", "Promoted"):
            return              # what a promotable instance does anyway: choosing is the scheduler's
        if wanted == "Unpromoted":
            if rsc.next_role is None or ROLE_RANK[wanted] < ROLE_RANK[rsc.next_role]:
                rsc.next_role, rsc.next_role_reason = wanted, "target-role"
            return
    if rsc.next_role is None or ROLE_RANK[wanted] < ROLE_RANK[rsc.next_role]:
        if wanted in ("Started", "Unpromoted") and rsc.next_role is None:
            return
        rsc.next_role = wanted
        rsc.next_role_reason = "target-role"


# ---------------------------------------------------------------- history

def _find_primitive(ws: WorkingSet, cib: Cib, rsc_id: str, node: NodeInfo) -> Optional[Rsc]:
    """Map an `lrm_resource` id to a primitive of the working set (clone instances too)."""
    base = rsc_id.split(":")[0]
    direct = ws.by_id.get(rsc_id)
    if direct is not None and direct.kind == "primitive" and not direct.orphan:
        if direct.clone_parent() is None or direct.unique:
            return direct
    clone = _clones_by_base(ws).get(base)
    if clone is None:   # a clone with clone-max=0 has no instances: the history is its orphan's
        clone = next((r for r in ws.resources if r.kind == "clone" and not r.unique and any(
            p.id == base for p in _configured_primitives(cib.find_resource(r.id)))), None)
    if clone is None:
        return direct if direct is not None and direct.kind == "primitive" else None
    if clone.unique:
        return direct if direct is not None and direct.kind == "primitive" and not direct.orphan else None
    return _anonymous_instance(ws, cib, clone, base, node)


def _clones_by_base(ws: WorkingSet) -> dict:
    """A configured primitive's id -> the clone of the first instance of it (resources in order),
    found once per unpack: the history adds only orphans, which are never counted."""
    if ws.clones_by_base is None:
        ws.clones_by_base = {}
        for prim in ws.primitives():
            clone = prim.clone_parent()
            if clone is not None and not prim.orphan:
                ws.clones_by_base.setdefault(prim.base_id, clone)
    return ws.clones_by_base


def _member(instance: Rsc, base: str) -> Optional[Rsc]:
    return next((p for p in instance.primitives() if p.base_id == base), None)


def _anonymous_instance(ws: WorkingSet, cib: Cib, clone: Rsc, base: str, node: NodeInfo) -> Optional[Rsc]:
    """find_anonymous_clone: the instance active on this node, else the first inactive one,
    else a new orphan instance (more histories than instances)."""
    chosen = None
    skip_inactive = False
    inactive = None
    for child in clone.children:
        if child.orphan:
            continue
        locations = {n for p in child.primitives() for n in p.running_on}
        if locations:
            if node.uname in locations:
                member = _member(child, base)
                if member is not None:
                    if member.running_on:
                        skip_inactive = True
                    else:
                        chosen = member
        elif not skip_inactive and inactive is None and not any(p.blocked for p in child.primitives()):
            inactive = _member(child, base)
    if chosen is None and not skip_inactive and inactive is not None:
        chosen = inactive
    if chosen is not None and (not node.online or node.unclean) and not needs_fencing(ws, chosen) \
            and clone_max(clone, ws) < len(ws.nodes):
        chosen = None   # requires=quorum/nothing: a lost node's instance number stays free (orphan)
    if chosen is None:
        config = cib.find_resource(clone.id)
        assert isinstance(config, Clone)
        number = len(clone.children)
        orphan = _build(ws, cib, config.child, clone, f":{number}")
        for prim in _all_of(orphan):
            prim.orphan = True
            prim.next_role = "Stopped"
            prim.next_role_reason = "orphan"
        clone.children.append(orphan)
        chosen = _member(orphan, base)
    return chosen


def _all_of(rsc: Rsc):
    yield rsc
    for child in rsc.children:
        yield from _all_of(child)


def _unpack_node_history(ws: WorkingSet, cib: Cib, node: NodeInfo, state: NodeState) -> None:
    counted = bool(_failure_keys(node.attributes))   # the node's attributes are all read by now
    for history in state.history:
        rsc = _find_primitive(ws, cib, history.id, node)
        if rsc is None:
            rsc = _orphan(ws, cib, history)
        rsc.known_on.add(node.uname)
        rsc.active_monitors[node.uname] = _active_recurring(history)
        check_history(ws, cib, rsc, node, history)
        if rsc.config is not None and block_ops(rsc.config.operations) and any(
                is_block_failure(rsc, record) for record in history.operations):
            rsc.block_failure_nodes.add(node.uname)
        saved_role = rsc.role
        rsc.role = "Unknown"
        replay = replay_history(ws, rsc, node, history,
                                lambda record: failcounts(ws, rsc, node, is_block_failure(rsc, record))
                                if counted else (0, 0))
        rsc.role = replay.role if replay.role != "Unknown" else "Stopped"
        if rsc.clone_name is not None and history.id != rsc.id and rsc.role != "Stopped":
            rsc.clone_name = history.id     # "internally renamed": promotion scores use this name
        _process_state(ws, rsc, node, replay.on_fail, replay.role)
        check_agent(rsc, node, history, active=replay.role != "Stopped")
        if ROLE_RANK[saved_role] > ROLE_RANK[rsc.role]:
            rsc.role = saved_role


_ACTIVE: RecentCache[tuple[ResourceHistory, set[int]]] = RecentCache()  # id(history) -> (it, its intervals)
_KEPT = 50_000


def _active_recurring(history: ResourceHistory) -> set[int]:
    """`active_recurring(history)`, once per parsed history: the parse returns the very same object
    while a history's text is unchanged (cib/parse.py), and most are between two transitions
    (issue 18: 60,000 an hour at 500 resources). A copy each time: check_history edits it."""
    found = _ACTIVE.get(id(history))
    if found is None or found[0] is not history:
        found = _ACTIVE.put(id(history), (history, active_recurring(history)))
    return set(found[1])   # the cached set is never handed out


def _check_entries_of_renamed_instances(ws: WorkingSet, cib: Cib, node: NodeInfo, state: NodeState) -> None:
    """process_node_history checks an lrm_resource against every resource of that id or clone
    name active on the node: an anonymous instance active here under another instance's history
    (renamed) is also checked against the entry of its own id, whose records, without a start or
    stop among them, all count (calculate_active_ops) - a stale probe's digest restarts it."""
    for history in state.history:
        rsc = ws.by_id.get(history.id)
        if rsc is None or rsc.kind != "primitive" or rsc.clone_name in (None, history.id) \
                or node.uname not in rsc.running_on:
            continue
        if not any(record.operation in ("start", "stop", "migrate_from", "promote", "demote")
                   or (record.operation == "monitor" and record.rc_code in (0, 8)) for record in history.operations):
            check_history(ws, cib, rsc, node, history, every_record=True)


def _orphan(ws: WorkingSet, cib: Cib, history: ResourceHistory) -> Rsc:
    existing = ws.by_id.get(history.id)
    if existing is not None and existing.orphan:
        return existing
    config = Primitive(id=history.id, standard=history.standard or "ocf",
                       provider=history.provider, agent_type=history.agent_type or "")
    rsc = Rsc(id=history.id, kind="primitive", config=config, meta={}, base_id=history.id,
              orphan=True)
    defaults = _defaults_for(cib, config)   # an orphan is unpacked with rsc_defaults like any resource
    rsc.failure_timeout = options.seconds(defaults.get("failure-timeout"))  # an expired failure is ignored
    stop_orphans = options.is_true(ws.properties.get("stop-orphan-resources"), True)
    rsc.managed = (stop_orphans and not ws.maintenance_mode
                   and options.is_true(defaults.get("is-managed"), True)
                   and not options.is_true(defaults.get("maintenance"), False))
    rsc.next_role = "Stopped"
    rsc.next_role_reason = "orphan"
    if config.standard == "stonith":  # an orphaned fence device counts as one (pe__unpack_resource)
        ws.have_stonith_resource = True
    # process_orphan_resource bans it everywhere only when orphans are stopped; otherwise it keeps
    # a symmetric cluster's 0 (its current node then counts first in the assignment order, and
    # its forced assignment there counts: clone-anon-dup under a placement strategy)
    for uname in ws.node_order:
        if stop_orphans:
            rsc.allowed[uname] = -INFINITY
        elif ws.symmetric:
            rsc.allowed[uname] = 0
    ws.by_id[rsc.id] = rsc
    ws.resources.append(rsc)
    remote.orphaned_connection(ws, cib, rsc)
    return rsc


def _configured_primitives(config) -> list[Primitive]:
    """The primitives inside a clone's configuration (its child, or its child group's members)."""
    child = config.child if isinstance(config, Clone) else None
    if isinstance(child, Group):
        return list(child.members)
    return [child] if isinstance(child, Primitive) else []


@functools.lru_cache(maxsize=4096)
def _fail_patterns(name: str, anonymous: bool, legacy: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """generate_fail_regex: an anonymous clone's counts may carry any instance number; a CIB
    written by a controller older than feature set 3.0.13 counts per resource (fail-count-RSC),
    a newer one per operation (fail-count-RSC#OP_INTERVAL), never both."""
    suffix = ("(:[0-9]+)?" if anonymous else "") + ("" if legacy else "#.+_[0-9]+")
    return re.compile(f"fail-count-{re.escape(name)}{suffix}"), re.compile(f"last-failure-{re.escape(name)}{suffix}")


_FAILURE_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}  # a node's attribute names -> its fail counts


def _failure_keys(attributes: dict) -> tuple[str, ...]:
    """The fail-count and last-failure attributes among a node's, in their order: found once per
    set of names (asked for every history record and resource at every transition)."""
    names = tuple(attributes)
    found = _FAILURE_KEYS.get(names)
    if found is None:
        if len(_FAILURE_KEYS) >= _KEPT:
            _FAILURE_KEYS.clear()
        found = _FAILURE_KEYS[names] = tuple(name for name in names
                                             if name.startswith(("fail-count-", "last-failure-")))
    return found


def failcounts(ws: WorkingSet, rsc: Rsc, node: NodeInfo, block: Optional[bool] = None):
    """(effective fail count, fail count ignoring failure-timeout) of `rsc` on `node`.

    A failure of an op with `on-fail=block` never expires (`block`; by default, whether
    the node's history holds such a failure).
    """
    keys = _failure_keys(node.attributes)
    if not keys:  # the common case: no regex to build (issue 18: 500 resources x nodes per run)
        return 0, 0
    failures = [(key, node.attributes[key]) for key in keys]
    anonymous = rsc.clone_parent() is not None and not rsc.unique
    fail_count, last_failure = _fail_patterns(rsc.base_id if anonymous else rsc.id, anonymous,
                                              ws.legacy_fail_counts)
    total = 0
    last = 0
    for key, value in failures:
        if fail_count.fullmatch(key):
            total = add_scores(total, options.score_or(value, 0))
        elif last_failure.fullmatch(key):
            try:
                last = max(last, int(value))
            except (TypeError, ValueError):
                pass
    if block is None:
        block = node.uname in rsc.block_failure_nodes
    effective = total
    timeout = 0 if block else rsc.failure_timeout
    if effective > 0 and last > 0 and timeout > 0 and ws.now is not None and ws.now > last + timeout:
        effective = 0
    return effective, total


def threshold_failcount(ws: WorkingSet, rsc: Rsc, node: NodeInfo, block: Optional[bool] = None) -> int:
    """The effective fail count a migration-threshold is checked against (pe_get_failcount with
    pe_fc_fillers): a container's own plus those of the resources inside it, each expiring by
    its own failure-timeout (the recursion passes no operation: on-fail=block does not count)."""
    if not _failure_keys(node.attributes):
        return 0   # no fail count on the node: neither its own nor its fillers' (the common case)
    total = failcounts(ws, rsc, node, block)[0]
    for filler in ws.fillers(rsc):
        total = add_scores(total, threshold_failcount(ws, filler, node, False))
    return total


def _process_state(ws: WorkingSet, rsc: Rsc, node: NodeInfo, on_fail: str, role: str) -> None:
    """process_rsc_state: running_on, failure flags, fencing for lost active nodes."""
    active = role not in ("Stopped", "Unknown")
    if active and not node.online and not node.maintenance and rsc.managed:
        if guest.is_guest(ws, node):   # fenced whether or not fencing is enabled
            rsc.failed = True
            rsc.stop_needed = True
            fence_node(ws, node, f"{rsc.id} is thought to be active there")
        elif ws.stonith_enabled:
            connection = remote.connection_of(ws, node)
            if connection is not None and not connection.failed:
                node.unseen = True   # revoked if the connection can be re-established elsewhere
            fence_node(ws, node, f"{rsc.id} is thought to be active there")
    if on_fail == "fence" and not can_fence(ws, node):
        if rsc.hard_stop_blocked:   # (history: remap_operation) on-fail=fence still marks the node unclean
            fence_node(ws, node, f"{rsc.id} failed there")   # (pe_fence_node: stop-failure-no-quorum)
        on_fail = "block"        # the stop failed and nothing can fence the node: hands off
    elif node.unclean:
        on_fail = "ignore"
    if on_fail == "demote":
        rsc.failed = True
    elif on_fail == "fence":
        fence_node(ws, node, f"{rsc.id} failed there")
    elif on_fail == "standby":
        node.standby = True
        node.standby_onfail = True
    elif on_fail == "block":
        rsc.managed = False
        rsc.blocked = True
    elif on_fail == "migrate":
        rsc.add_score(node.uname, -INFINITY, "__action_migration_auto__")
    elif on_fail == "stop":
        rsc.next_role = "Stopped"
        rsc.next_role_reason = "on-fail=stop"
    elif on_fail == "recover":
        if active:
            rsc.failed = True
            rsc.stop_needed = True
    elif on_fail == "reset-remote":
        rsc.failed = True
        rsc.stop_needed = True
        remote_node = ws.nodes.get(rsc.id)
        if ws.stonith_enabled and remote_node is not None and remote_node.node_type == "remote":
            fence_node(ws, remote_node, "remote connection is unrecoverable")
        if remote.reconnect_interval(rsc):
            rsc.next_role = "Stopped"    # until the failure expires (the reconnect interval)
            rsc.next_role_reason = "remote reset"
    elif on_fail == "restart-container":
        rsc.failed = True
        rsc.stop_needed = True
        container = ws.container_of(rsc)
        if container is not None:
            container.forced_stops.add(node.uname)
    if rsc.failed and rsc.config is not None and remote.is_connection(rsc.config):
        remote_node = ws.nodes.get(rsc.id)
        if remote_node is not None and remote_node.node_type == "remote" and remote_node.unclean:
            remote_node.unseen = False   # a failed connection's unclean node is fenced regardless
    if active:
        blocked_here = False
        if node.uname not in rsc.running_on:
            rsc.running_on.append(node.uname)
            if node.maintenance:
                rsc.managed = False
            managed = rsc.managed
            _multiple_active_recovery(ws, rsc)
            # native_add_running pins an unmanaged resource before multiple-active=block unmanages it
            blocked_here = managed and not rsc.managed
        if node.maintenance:
            rsc.managed = False
        if not rsc.managed and not blocked_here:
            # an unmanaged resource stays where it is
            rsc.add_score(node.uname, INFINITY, "not managed: stays where it is active")
        if on_fail in ("demote", "block"):
            rsc.failed = True
        elif on_fail != "ignore":
            rsc.failed = True
            rsc.stop_needed = True
