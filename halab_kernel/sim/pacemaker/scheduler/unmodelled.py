"""The honesty gate: CIB constructs this scheduler has not been verified on are refused.

A student who explores must never be taught something false without a sign. So
every construct the scheduler does not model faithfully (checked against
Pacemaker 2.1.5's own regression cases in tests/test_scheduler_oracle.py) is
named here, and `crm_simulate`, the live lab's controller and the pcs/cibadmin
commands that would create it refuse it with one clear line, e.g.

    crm_simulate: not simulated: bundles (container resources); try it on real nodes: halab rig up

The table is the contract between whoever models a feature and this gate: when
a family is modelled (its public cases match), its row is removed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from lxml import etree

from halab_kernel.sim.agents.connectivity import sets_unsimulated_ping_parameters

from ..cib.model import Cib, Clone, Primitive, walk
from ..controller_options import sets_unsimulated_options
from ..fence_device_options import sets_unsimulated_device_options
from .assign import BALANCED_CYCLE
from .executing import UNLISTED
from .patterns import readable_alike
from .remote_orderings import GUEST_UNVERIFIED
from .transition import ORDERING_LOOP, Transition
from .unmodelled_remote import (FAILED_START_WITH_RECONNECT, GUEST_NODE, GUEST_WITH_NODE_HEALTH, ORPHANED_CONNECTION,
                                UNMODELLED_GUEST_NODE, acts_on_offline_remote, frozen_without_quorum, guest_unverified, leaves_remote_of_lost_connection,
                                leaves_remote_of_split_connection, left_on_stopping_remote,
                                split_connection_on_fenced_node, unmanaged_on_moving_remote,
                                failed_connection_on_fenced_node, stopped_monitor_of_unrecoverable_connection,
                                fences_node_of_orphaned_connection, stopped_monitor_beside_fenced_guest)
from .unmodelled_variants import (
    anonymous_instance_probed_beside_active, started_then_stopped_left, clone_stopped_after_unrunnable_start,
    frozen_promotable_beside_promoted_dependents,
    promoted_plain_resource_stop_blocked, colocated_with_unpromoted_role_that_cannot_start,
    promoted_plain_resource_on_unclean_node, promotable_clone_without_instances,
    stop_blocked_without_quorum_on_clean_node, moved_after_multiply_active_member,
    needs_nothing_behind_blocked_connection, migrated_resource_stopped_for_unfencing,
    needs_nothing_in_promotable_group_without_quorum, blocked_multiply_active_filler,
    unpromoted_role_left_beside_absent_primary, anonymous_instance_failed_start_beside_itself,
    group_member_left_beside_blocked_later_member, promoted_partner_colocated_back,
    blocked_multiply_active_member_beside_promoted, banned_member_beside_promoted,
    stopped_monitor_of_partial_migration,
    lost_demote_ticket_of_cloned_group_member,
    acts_on_blocked_clone_instance, container_moved_with_allow_migrate,
    blocked_instance_beside_partial_group_clone, chain, colocated_with_what_fits_nowhere,
    demote_failure_of_unpromoted,
    failed_clone_instance_with_on_fail_standby,
    fatal_failure_in_promotable_clone, fenced_ticket_beside_promoted_colocation,
    failed_clone_instance_with_on_fail_stop, failed_monitor_of_stopped_resource,
    failed_group_member_with_on_fail_stop, failed_on_lost_node_without_fence_device,
    failed_start_with_failure_timeout,
    group_acting_beside_unmanaged_member, group_clone_moves_and_starts, hard_failed_clone_instance_moved,
    inherited_meta, banned_dependent_of_promoted_kept, ignored_failure_stopped_elsewhere, promotable_clone_kept_from_clone, migration_to_unseen_node_not_fenced, pending_stop_beside_definition_change, dangling_migration_beside_migration, start_beside_unmanaged_clone_whose_primary_stops, stop_unexpected_migrating, stop_unexpected_container_moved, stop_unexpected_promoted,
    promoted_partner_of_starting_clone,
    colocated_with_blocked_start, stopped_monitor_where_unprobed, frozen_promotable_group_clone,
    frozen_fence_device_redefined, partially_migrated_group_member_stopped,
    failed_stop_in_cloned_group_on_fenced_node, lost_ticket_of_group_member, promoted_role_colocation_cycle,
    recovered_while_failcount_cleared, clone_starts_beside_failed_stop, on_fail_stop_failure_beside_promotion,
    migrated_to_offline_node_stopped, frozen_yet_moving,
    dangling_migration_from_lost_node, dangling_migration_to_unread_node, failed_migrate_from_recovered,
    failed_migrate_to_left_dangling, on_fail_stop_failure_on_down_node, dangling_migration_stopped_on_target, migratable_group_member_redefined,
    migration_moved_beside_definition_change,
    order_with_own_member, ordered_clone_moves_and_starts,
    migration_after_a_demote, blocked_multiply_active_colocated,
    colocated_both_ways_with_opposite_signs, opposite_colocation_scores,
    orphan_beside_failed_promotable_instance, orphan_instance_beside_clone_location,
    pending_role_change_of_plain_resource, demoted_plain_resource,
    start_then_stop_of_unplaced, failed_promote_recovered, fence_on_fail_without_fencing,
    reprobed_container_resource, failed_stop_beside_other_failure_without_fencing,
    anonymous_instances_share_a_node, reprobed_after_failure, ignored_hard_error,
    group_member_recovered_beside_migration, clone_with_promoted_role_moves_instance,
    failed_stop_under_promoted_dependents, failed_stop_under_clone_dependents, probe_failed_after_running,
    placed_below_a_higher_base_score, promoted_instance_moved_to_unprobed_node, promoted_plain_resource,
    promotable_allowed_twice_in_asymmetric_cluster,
    promoted_monitor_failed_unpromoted, recovers_failure_superseded, split_group_instance, statuses,
    uneven_capacities_with_promotable, unhealthy_node_with_colocated_clone, unmanaged_instance_on_lost_node,
    unmanaged_promoted_plain_resource,
    unverified_degraded_result)

RIG_HINT = "try it on real nodes: halab rig up"

Predicate = Callable[[etree._Element], bool]
Outcome = Callable[[Cib, Transition], bool]


@dataclass(frozen=True)
class Unmodelled:
    """One construct the scheduler does not model: what it is called, how to spot it.

    `matters`, when given, narrows the refusal of a one-off simulation to the
    transitions where the construct changes the answer (an allow-migrate resource
    that does not move is scheduled like any other). A live lab cannot know its
    future transitions, so its commands refuse on `present` alone, except for rows
    with `in_live_labs=False`: situations only a history recorded by another cluster
    can hold (a live lab records its own operations and digests).
    """

    name: str
    present: Predicate
    matters: Optional[Outcome] = None
    in_live_labs: bool = True


def _group_in_relaxed_set_ordered_after(root: etree._Element) -> bool:
    """A group in an ordered set with require-all=false that is also the `then` of an order or
    named by another set: its own start pseudo action might be unrunnable (clone_min.py)."""
    orders = root.findall("configuration/constraints/rsc_order")
    groups = set(root.xpath("configuration/resources/group/@id"))
    relaxed = {ref for order in orders for rs in order.findall("resource_set")
               if rs.get("require-all") in ("false", "0") for ref in rs.xpath("resource_ref/@id")} & groups
    if not relaxed:
        return False
    named = [ref for order in orders for ref in order.xpath("resource_set/resource_ref/@id")]
    return any(order.get("then") in relaxed for order in orders) or any(named.count(g) > 1 for g in relaxed)


def _failed_beside_a_lost_node_without_quorum(root: etree._Element) -> bool:
    """Without quorum, a resource with history on a node that left the membership, and failed (rc other
    than 0, 7 or 8) in a probe on another node: 2.1.5's stop on the lost node is then not blocked (rec-node-10 +
    rsc1's probe rc=1 on node2, bench seed 140151), this scheduler blocks it."""
    if root.get("have-quorum") not in ("false", "0"):
        return False
    lost, failed = set(), set()
    for state in root.iterfind("status/node_state"):
        names = set(state.xpath("lrm/lrm_resources/lrm_resource/@id"))
        if state.get("in_ccm") in ("false", "0"):
            lost |= names
        else:
            failed |= set(state.xpath("lrm/lrm_resources/lrm_resource[lrm_rsc_op[@operation='monitor' and "
                                      "@interval='0' and @rc-code!='0' and @rc-code!='7' and @rc-code!='8']]/@id"))
    return bool(lost & failed)


def _relaxed_set_of_group_members(root: etree._Element) -> bool:
    """An ordered set with require-all=false naming two members of one group: 2.1.5's one-or-more pseudo
    action then stands between the group's own member orderings (unmanaged-stop-3 with such an optional
    set of rsc1 and rsc2 and rsc2 in maintenance, bench seed 140129: real stops rsc1, this scheduler
    leaves the stop blocked behind rsc2's)."""
    members = {ref: group.get("id") for group in root.iterfind("configuration/resources/group")
               for ref in group.xpath("primitive/@id")}
    for rs in root.iterfind("configuration/constraints/rsc_order/resource_set"):
        if rs.get("require-all") in ("false", "0"):
            groups = [members[ref] for ref in rs.xpath("resource_ref/@id") if ref in members]
            if len(groups) != len(set(groups)):
                return True
    return False


def _relaxed_set_beside_other_order(root: etree._Element) -> bool:
    """A member of an ordered set with require-all=false, followed by another set, that another
    order names too: 2.1.5 orders it through the set's own one-or-more pseudo action whatever
    else orders the same pair, which this scheduler merges (bug-5014-ordered-set-symmetrical-false
    with such a set added: real stops A 'due to unrunnable one-or-more')."""
    orders = root.findall("configuration/constraints/rsc_order")
    for order in orders:
        for rs in order.xpath("resource_set[following-sibling::resource_set]"):
            if rs.get("require-all") not in ("false", "0"):
                continue
            members = set(rs.xpath("resource_ref/@id"))
            for other in orders:
                if other is not order and members & (set(other.xpath("resource_set/resource_ref/@id"))
                                                     | {other.get("first"), other.get("then")}):
                    return True
    return False


def _xpath(expression: str) -> Predicate:
    compiled = etree.XPath(f"boolean({expression})")
    return lambda root: bool(compiled(root))


def _meta_true(name: str) -> str:
    """XPath for a true meta attribute `name` anywhere in the configuration."""
    values = " or ".join(f"@value='{v}'" for v in ("true", "True", "TRUE", "yes", "on", "1", "y"))
    return f"//configuration//meta_attributes/nvpair[@name='{name}' and ({values})]"


def _unportable_pattern_location(root: etree._Element) -> bool:
    """A location whose rsc-pattern this scheduler's regular expressions would read otherwise than
    glibc's regcomp (patterns.readable_alike), or whose rules use a pattern's submatches (%1)."""
    for location in root.iterfind("configuration/constraints/rsc_location[@rsc-pattern]"):
        if not readable_alike(location.get("rsc-pattern", "")):
            return True
        if any(re.search(r"%\d", expression.get("value", "")) for expression in location.iter("expression")):
            return True
    return False


def _unmanaged_clone_between_mandatory_colocations(root: etree._Element) -> bool:
    """Something unmanaged (is-managed=false, maintenance=true) where a clone must be colocated with
    another clone (INFINITY) and something must be colocated with the first clone."""
    if not root.xpath(f"{_meta_true('maintenance')} | //configuration//meta_attributes/nvpair"
                      "[@name='is-managed' and (@value='false' or @value='False' or @value='FALSE' or @value='no'"
                      " or @value='off' or @value='0' or @value='n')]"):
        return False
    clones = set(root.xpath("configuration/resources/clone/@id | configuration/resources/master/@id"))
    mandatory = [(rule.get("rsc"), rule.get("with-rsc")) for rule in root.iterfind("configuration/constraints/rsc_colocation")
                 if (rule.get("score") or "").lstrip("+").upper() == "INFINITY"]
    held = {rsc for rsc, primary in mandatory if rsc in clones and primary in clones}
    return any(primary in held for _, primary in mandatory)


def _colocation_loop_through_clone(root: etree._Element) -> bool:
    """Mandatory colocations in a loop (A with B, B with A) where one of the loop is a clone: 2.1.5 blocks
    the clone's starts for its unplaced primary (bug-lf-2361 with ms_stateful with dummy1), which
    this scheduler does not. A loop of primitives is modelled (coloc-loop)."""
    edges: dict[str, set] = {}
    for colocation in root.iterfind("configuration/constraints/rsc_colocation"):
        if colocation.get("score", "").strip().lstrip("+").upper() != "INFINITY":
            continue     # only mandatory ones block (a finite loop through a clone matches)
        if colocation.get("rsc") and colocation.get("with-rsc"):
            edges.setdefault(colocation.get("rsc", ""), set()).add(colocation.get("with-rsc"))
        # in sets: each member of a sequential set with the one before it, a set with the one before
        previous: list = []
        for resource_set in colocation.iterfind("resource_set"):
            members = resource_set.xpath("resource_ref/@id")
            if resource_set.get("sequential", "true").lower() not in ("false", "no", "off", "0", "n"):
                for before, after in zip(members, members[1:]):
                    edges.setdefault(after, set()).add(before)
            for member in members:
                edges.setdefault(member, set()).update(previous)
            previous = members or previous
    if not edges:
        return False
    clones = set(root.xpath("//configuration/resources//clone/@id | //configuration/resources//master/@id"))

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            for nxt in edges.get(current, ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False
    return any(reaches(clone, clone) for clone in clones & edges.keys())


def _contradictory_clone_colocations(root: etree._Element) -> bool:
    """Two clones colocated both positively and negatively (one way each, directly or as
    neighbours in a set): 2.1.5 places their instances in ways this scheduler does not reproduce
    (unfence-definition with dlm-clone against clvmd-clone, clvmd-clone with dlm-clone: it still
    starts dlm beside clvmd). A negative colocation of clones alone is modelled (inc8)."""
    clones = set(root.xpath("//configuration/resources/clone/@id | //configuration/resources/master/@id"))
    positive: set[frozenset] = set()
    negative: set[frozenset] = set()
    for colocation in root.iterfind("configuration/constraints/rsc_colocation"):
        score = colocation.get("score", "").strip()
        pairs = [(colocation.get("rsc"), colocation.get("with-rsc"))]
        for resource_set in colocation.iterfind("resource_set"):
            members = resource_set.xpath("resource_ref/@id")
            pairs += list(zip(members[1:], members))
        for pair in pairs:
            if pair[0] in clones and pair[1] in clones:
                (negative if score.startswith("-") else positive).add(frozenset(pair))
    return bool(positive & negative)


def _unmanaged_clone_in_colocation_chain(root: etree._Element) -> bool:
    """An unmanaged clone (is-managed=false on it or its child) colocated with something and with
    something colocated with it: 2.1.5 blocks its dependents when its own primary cannot run
    (bug-lf-2574 with clnPingd unmanaged and clnDummy1's ticket lost: main_rsc stops 'due to
    colocation with prmPingd:2'), which this scheduler does not."""
    unmanaged = set(root.xpath(
        "//configuration/resources/clone[meta_attributes/nvpair[@name='is-managed' and @value='false']"
        " or */meta_attributes/nvpair[@name='is-managed' and @value='false']]/@id"))
    if not unmanaged:
        return False
    dependents = set(root.xpath("//configuration/constraints/rsc_colocation/@rsc"))
    primaries = set(root.xpath("//configuration/constraints/rsc_colocation/@with-rsc"))
    return bool(unmanaged & dependents & primaries)


def _fence_agent_changed(cib: Cib, transition: Transition) -> bool:
    """crm_simulate models unfencing (scheduler/unfencing.py), also after a managed fence
    device's recorded agent differs from its configuration ("Device definition changed":
    unfence-definition), not after an unmanaged one's (in maintenance 2.1.5 still unfences the
    node, this scheduler does not); a live lab refuses unfencing, as its controller never fences
    a node "on"."""
    for state in cib.node_states:
        for history in state.history:
            config = cib.find_resource(history.id)
            if isinstance(config, Primitive) and config.standard == "stonith" and (
                    history.standard, history.provider, history.agent_type) != (
                    config.standard, config.provider, config.agent_type) and not _managed(cib, config.id):
                return True
    return False


def _managed(cib: Cib, rsc_id: str) -> bool:
    """Neither maintenance-mode, is-managed=false nor maintenance=true (the resource's, its
    parents' or rsc_defaults'), nor a node in maintenance."""
    if str(cib.properties.get("maintenance-mode", "false")).lower() in ("true", "on", "yes", "1"):
        return False
    for name, unmanaged in (("is-managed", ("false", "off", "no", "0")), ("maintenance", ("true", "on", "yes", "1"))):
        value = inherited_meta(cib, rsc_id, name)
        if str(value or "").lower() in unmanaged:
            return False
    return not any(str(attributes.get("maintenance", "")).lower() in ("true", "on", "yes", "1")
                   for attributes in [node.attributes for node in cib.nodes]
                   + [state.transient for state in cib.node_states])


def _unverified_migration_history(cib: Cib, transition: Transition) -> bool:
    """Migrations in the history are modelled (scheduler/migration_history.py) except a
    resource left stopped yet active by one (a stop recorded on the source after it), and a
    definition change of a resource that migrated (reload or restart: unverified)."""
    migrated = {h.id for state in cib.node_states for h in state.history
                if any(r.operation in ("migrate_to", "migrate_from") for r in h.operations)}
    if any(item.resource in migrated and (item.verb == "Reload" or item.reason == "resource definition change")
           for item in transition.summary):
        return True
    pending = list(transition.before)
    while pending:
        view = pending.pop()
        pending.extend(view.children)
        if view.status is not None and view.status.role == "Stopped" and view.status.nodes:
            return True
    return False


def _stops_pending_start(cib: Cib, transition: Transition) -> bool:
    """A stop where a clone instance's start is still pending (call-id -1), a plain resource's
    start pending without a transition key, or a notification recorded with call-id -1
    (bug-cl-5168 stopping drbd-r0): the real simulation reads it back as newer than the stop and
    still shows the resource there (a plain resource's keyed pending start: injected.py, 764)."""
    def unmodelled(history, record) -> bool:
        if record.call_id != -1 or record.operation not in ("start", "notify"):
            return False
        in_clone = any(isinstance(rsc, Clone) for rsc in chain(cib, history.id))
        return record.operation == "notify" or in_clone or not record.transition_key

    pending = {(state.uname, history.id.split(":")[0]) for state in cib.node_states for history in state.history
               if any(unmodelled(history, r) for r in history.operations)}
    for item in transition.summary:
        # a Move stops it too; a plain resource's pending start superseded by a stop is modelled
        # (735), a clone instance's is not (migrate-stop-start-complex with bottom:0 pending)
        if item.resource is None or not (item.verb == "Stop" or (item.verb == "Move" and ":" in item.resource)):
            continue
        words = item.details.split()
        source = words[words.index("->") - 1] if "->" in words else words[-1] if words else ""
        # an anonymous clone's instance numbers are the scheduler's own: compare its base name
        if (source, item.resource.split(":")[0]) in pending:
            return True
    return False


_PROBE_RESTRICTIONS = ("//configuration/constraints/rsc_location[@resource-discovery='never'"
                       " or @resource-discovery='exclusive']"
                       " | //configuration/crm_config//nvpair[@name='enable-startup-probes' and @value='false']")


def _only_in_a_live_lab(cib: Cib, transition: Transition) -> bool:
    """crm_simulate schedules live migration as 2.1.5 does (scheduler/migration.py: Migrate,
    partial ones excepted); a live lab still refuses allow-migrate, because its executor would
    stop and start the resource instead of running migrate_to/migrate_from."""
    return False


def _failed_container_unverified(cib: Cib, transition: Transition) -> bool:
    """A failure of a resource inside a container, or of the container, in a shape not verified:
    on a node where the container is not active (2.1.5 then restarts the container for a failed
    start, not for a failed monitor), or with the container or a resource inside it named by a
    constraint or ticket, or inside a clone (the container's orderings then interact with others
    in ways not checked). Failures of standalone containers and of groups with a container are
    modelled (on-fail=restart-container, fail counts summed over the container: scheduler/unpack.py).
    A live lab refuses containers outright, as its executor does not restart them."""
    containers = {}
    involved: set = set()
    for top in cib.resources:
        for rsc in walk(top):
            box = inherited_meta(cib, rsc.id, "container") if isinstance(rsc, Primitive) else None
            if box and box != rsc.id:
                containers[rsc.id] = box
                involved |= {rsc.id, box} | {parent.id for parent in _parents(cib, rsc.id)} \
                    | {parent.id for parent in _parents(cib, box)}
    where = {status.id: set(status.nodes) for status in statuses(transition.before)}
    failed = [(state.uname, history.id.split(":")[0]) for state in cib.node_states for history in state.history
              if history.id.split(":")[0] in involved and any(
                  record.rc_code not in (0, 7) or (record.rc_code == 7 and not record.is_probe)
                  for record in history.operations)]
    if not failed:
        return False
    if any(rsc in containers and uname not in where.get(containers[rsc], set()) for uname, rsc in failed):
        return True
    implied = {(rsc, box) for rsc, box in containers.items()}
    named = [(c.resource, c.with_resource) for c in cib.colocations if (c.resource, c.with_resource) not in implied]
    named += [(o.first, o.then) for o in cib.orders if (o.then, o.first) not in implied]
    named += [(t.resource, t.resource) for t in cib.ticket_dependencies]
    return any(a in involved or b in involved for a, b in named) or any(
        isinstance(top, Clone) and any(rsc.id in involved for rsc in walk(top)) for top in cib.resources)


def _parents(cib: Cib, rsc_id: str) -> list:
    """The groups and clones holding a resource."""
    return [top for top in cib.resources for rsc in walk(top) if rsc.id == rsc_id and top.id != rsc_id] + [
        group for top in cib.resources for group in walk(top)
        if group is not top and any(member.id == rsc_id for member in getattr(group, "members", ()))]


def _guessed(cib: Cib, transition: Transition) -> bool:
    """The scheduler chose where 2.1.5's choice is not modelled (Transition.guesses)."""
    return any(not guess.startswith((BALANCED_CYCLE, ORDERING_LOOP, GUEST_UNVERIFIED, UNLISTED))
               for guess in transition.guesses)   # UNLISTED: crm_simulate -S refuses its list alone


def _balanced_cycle(cib: Cib, transition: Transition) -> bool:
    """Under `balanced`, nodes whose remaining capacities compare in a cycle (assign.py)."""
    return any(guess.startswith(BALANCED_CYCLE) for guess in transition.guesses)


def _ordering_loop(cib: Cib, transition: Transition) -> bool:
    """The transition's actions wait on each other in a loop (Transition.guesses)."""
    return any(guess.startswith(ORDERING_LOOP) for guess in transition.guesses)


def _recurring_history(cib: Cib, transition: Transition) -> bool:
    """Operation defaults chosen by rules only change operation timeouts, which only matter for
    the digests of recorded recurring operations; a live lab, whose history grows, refuses them."""
    return any(record.interval_ms > 0 for state in cib.node_states for history in state.history
               for record in history.operations)


def _orphan_blocked_on_unclean_node(cib: Cib, transition: Transition) -> bool:
    """An orphan (also an instance renamed by globally-unique) whose failed stop blocks it on a
    node that cannot be fenced: 2.1.5 leaves it out of its status (stop-failure-no-fencing with
    clvm-clone made globally unique), this scheduler shows it there, failed and blocked."""
    unclean = {node.uname for node in transition.nodes_before if node.state.startswith("unclean")}
    return any(status.orphan and status.failed and status.blocked and set(status.nodes) & unclean
               for status in statuses(transition.before))


def _promoted_orphan_on_several_nodes(cib: Cib, transition: Transition) -> bool:
    """An orphan found promoted on several nodes (a promotable clone's instance history that no
    instance matches any more, e.g. after globally-unique was set): 2.1.5 keeps it Promoted where its
    stops wait on demotes; this scheduler drops the role and some nodes from its revised status."""
    return any(status.orphan and status.role == "Promoted" and len(status.nodes) > 1
               for status in statuses(transition.before))


def _leaves_unconfigured_failed_monitor(cib: Cib, transition: Transition) -> bool:
    """A failed recurring operation whose interval is no longer configured, on a node the
    resource leaves: 2.1.5 cancels it, may clear the fail count (then ignoring
    migration-threshold), and crm_simulate's injected cancel shows the resource still active
    there; none of that is reproduced. Recovery in place (rec-rsc-2) is, and so is a clone
    instance's stop where the operation failed (migrate-5), and a primitive's stop there after
    an error when it was never found running (order-required); other stops there are not."""
    leaving: dict[str, set] = {}
    for item in transition.summary:
        if item.resource is not None and item.verb != "Fence":
            leaving.setdefault(item.resource.split(":")[0], set()).add(item.details.strip())
    for state in cib.node_states:
        for history in state.history:
            base = history.id.split(":")[0]
            config = cib.find_resource(base)
            if base not in leaving or not isinstance(config, Primitive):
                continue
            stays = leaving[base] == {state.uname}
            in_clone = any(isinstance(rsc, Clone) for rsc in chain(cib, base))
            was_running = any(record.operation == "start" or (record.is_probe and record.rc_code in (0, 8))
                              for record in history.operations)
            in_place = any(item.verb in ("Recover", "Restart") for item in transition.summary
                           if (item.resource or "").split(":")[0] == base)
            for record in history.operations:
                unconfigured_failure = (
                    record.interval_ms and record.rc_code not in (0, 8) and record.rc_code != record.target_rc
                    and not any(op.name == record.operation and op.interval_ms == record.interval_ms
                                for op in config.operations))
                if unconfigured_failure and (not stays or (not in_clone and not in_place
                                                           and (was_running or record.rc_code == 7))):
                    return True
    return False


def _promoted_stopped_under_moving_dependents(cib: Cib, transition: Transition) -> bool:
    """A promoted instance stopped on an online node that is not shutting down, while a resource
    colocated with its clone's Promoted role moves away (or is recovered elsewhere): 2.1.5 demotes the instance and keeps it
    (group-dependents); this scheduler's dependent scores take the node from the whole clone."""
    leaving = {state.uname for state in cib.node_states
               if state.expected == "down" or state.transient.get("shutdown", "0") not in ("0", "")}
    online = {node.uname for node in transition.nodes_before if node.state == "online"} - leaving
    moved = {item.resource for item in transition.summary
             if item.verb in ("Move", "Migrate") or (item.verb == "Recover" and "->" in item.details)}
    promoted_dependents: dict[str, set] = {}
    for colocation in cib.colocations:
        if (colocation.with_resource_role or "") in ("Promoted", "Master"):
            promoted_dependents.setdefault(colocation.with_resource, set()).add(colocation.resource)
    for item in transition.summary:
        if item.verb == "Stop" and item.resource and item.details.startswith("Promoted ") \
                and item.details.split()[-1] in online \
                and any(promoted_dependents.get(rsc.id, set()) & moved for rsc in chain(cib, item.resource)):
            return True
    return False


_CONNECTION = "//configuration/resources//primitive[@provider='pacemaker' and @type='remote']"
_ANY_CONNECTION = _CONNECTION + " | //status//lrm_resource[@provider='pacemaker' and @type='remote']"
_SHUTDOWN_LOCK = _meta_true("shutdown-lock").replace(
    "//configuration//meta_attributes", "//configuration/crm_config/cluster_property_set")
_REMOTE = (f"{_CONNECTION} | //configuration/nodes/node[@type='remote']"
           " | //status/node_state[@remote_node='true']")


def _both(first: Predicate, second: Predicate) -> Predicate:
    return lambda root: first(root) and second(root)


def _never(cib: Cib, transition: Transition) -> bool:
    """A row for live labs only: their runtime does not model it, the scheduler does."""
    return False


# one row per construct; a CIB is refused when any row's predicate holds
UNMODELLED: tuple[Unmodelled, ...] = (
    Unmodelled("bundles (container resources)", _xpath("//configuration/resources//bundle")),
    # remote nodes are modelled by the scheduler (remote.py) but not by a live lab's runtime
    Unmodelled("Pacemaker Remote nodes (ocf:pacemaker:remote)", _xpath(_REMOTE), _never),
    # the rows below narrow the scheduler's model; a live lab refuses every remote node (above)
    # reconnect_interval is modelled (remote.py); the remote node of a connection that failed with it
    # recorded as fenced (node_fenced) is refused below
    Unmodelled("a resource left blocked on a Pacemaker Remote node whose connection stops", _xpath(
        f"{_REMOTE} | //status//lrm_resource[@provider='pacemaker' and @type='remote']"),
        left_on_stopping_remote, in_live_labs=False),
    Unmodelled("Pacemaker Remote connections inside a group or clone, or defined by a template", _xpath(
        "//configuration/resources//*[self::group or self::clone or self::master]"
        "//primitive[@provider='pacemaker' and @type='remote']"
        " | //configuration/resources/template[@provider='pacemaker' and @type='remote']"), in_live_labs=False),
    Unmodelled("an orphaned Pacemaker Remote connection (in the history, no longer configured)",
               _xpath(ORPHANED_CONNECTION), in_live_labs=False),
    # (a remote node's status naming no configured node at all is ignored, as 2.1.5 does)
    Unmodelled("a Pacemaker Remote node's history without its connection, or its status recorded as"
               " fenced or in maintenance (node_fenced, node_in_maintenance)", _xpath(
                   f"//status/node_state[@remote_node='true'][@uname = {_CONNECTION}/@id]"
                   "[(@node_fenced and @node_fenced!='0') or (@node_in_maintenance and @node_in_maintenance!='0')]"
                   " | //status/node_state[@remote_node='true'][.//lrm_rsc_op]"
                   f"[@uname = //configuration/nodes/node/@uname][not(@uname = {_CONNECTION}/@id)]"),
               in_live_labs=False),
    Unmodelled("a Pacemaker Remote connection with an operation still pending", _xpath(
        "//status//lrm_resource[@provider='pacemaker' and @type='remote']"
        "/lrm_rsc_op[@op-status='-1' or @rc-code='193']"), in_live_labs=False),
    Unmodelled("a resource leaving a Pacemaker Remote node whose connection is active on two nodes and"
               " does not migrate", _xpath(_ANY_CONNECTION), leaves_remote_of_split_connection, in_live_labs=False),
    Unmodelled("Pacemaker Remote nodes with no-quorum-policy=freeze and no quorum", _xpath(_ANY_CONNECTION),
               frozen_without_quorum, in_live_labs=False),
    Unmodelled("an unmanaged or blocked resource on a Pacemaker Remote node whose connection moves or stops",
               _xpath(_ANY_CONNECTION), unmanaged_on_moving_remote, in_live_labs=False),
    Unmodelled("a Pacemaker Remote connection whose monitor failed on a node being fenced",
               _xpath(_ANY_CONNECTION), failed_connection_on_fenced_node, in_live_labs=False),
    Unmodelled("a resource leaving a Pacemaker Remote node whose connection's node is fenced",
               _xpath(_ANY_CONNECTION), leaves_remote_of_lost_connection, in_live_labs=False),
    Unmodelled("a monitor for the Stopped role of a Pacemaker Remote connection stopped while its node is fenced",
               _xpath(_ANY_CONNECTION), stopped_monitor_of_unrecoverable_connection, in_live_labs=False),
    Unmodelled("fencing the node of a Pacemaker Remote connection removed from the configuration",
               _xpath(_ANY_CONNECTION), fences_node_of_orphaned_connection, in_live_labs=False),
    Unmodelled("a monitor for the Stopped role while a guest node is fenced", _xpath(
        "//configuration/resources//op[@name='monitor' and (@role='Stopped' or @role='stopped')]"),
        stopped_monitor_beside_fenced_guest, in_live_labs=False),
    Unmodelled("a failed start of a Pacemaker Remote connection with reconnect_interval",
               _xpath(FAILED_START_WITH_RECONNECT), in_live_labs=False),
    Unmodelled("guest nodes with a node health strategy", _xpath(GUEST_WITH_NODE_HEALTH), in_live_labs=False),
    Unmodelled("a Pacemaker Remote connection active on two nodes, one of them fenced",
               _xpath(_ANY_CONNECTION), split_connection_on_fenced_node, in_live_labs=False),
    Unmodelled("a restart or reload on a Pacemaker Remote node that is offline",
               _xpath(_ANY_CONNECTION), acts_on_offline_remote, in_live_labs=False),
    Unmodelled("Pacemaker Remote nodes with shutdown locks", _both(_xpath(_REMOTE), _xpath(_SHUTDOWN_LOCK)),
               in_live_labs=False),
    # guest nodes are modelled by the scheduler (guest.py) but not by a live lab's runtime
    Unmodelled("guest nodes (remote-node meta attribute)", _xpath(GUEST_NODE), _never),
    Unmodelled("a guest node with an unmanaged container or one with a migration in its history or a history"
               " on a remote or guest node, an unmanaged connection, one"
               " that cannot be fenced, one fenced while its container stops for good, with an orphaned or"
               " promoted resource on it or a promotable instance leaving it, one a resource leaves while its connection"
               " restarts, one put in standby by a failure, one coming up with resources recorded active in its"
               " old history, or guest nodes with no cluster node online",
               _xpath(GUEST_NODE), guest_unverified,
               in_live_labs=False),
    Unmodelled("guest nodes defined in a clone or template, by a resource's instance attributes, or named"
               " like another resource", _xpath(UNMODELLED_GUEST_NODE), in_live_labs=False),
    Unmodelled("unfencing in a running lab or after a fence device's agent changed (provides=unfencing)",
               _xpath("//configuration//nvpair[(@name='requires' or @name='provides') and @value='unfencing']"),
               _fence_agent_changed),
    Unmodelled("containers in a running lab, or failures inside a container with constraints on it, in a"
               " clone, or where the container is not active (restart-container)", _xpath(
                   "//configuration/resources//meta_attributes/nvpair[@name='container']"),
               _failed_container_unverified),
    Unmodelled("a placement strategy where what must run together fits no node and several nodes are"
               " equally capable (2.1.5's pick among them)", _xpath(
                   "//configuration/crm_config//nvpair[@name='placement-strategy' and @value!='default']"),
               _guessed, in_live_labs=False),
    Unmodelled("placement-strategy=balanced where nodes' remaining capacities compare in a cycle (2.1.5's"
               " pick then depends on its hash-table order)", _xpath(
                   "//configuration/crm_config//nvpair[@name='placement-strategy']"),
               _balanced_cycle, in_live_labs=False),
    Unmodelled("orderings that make the transition's actions wait on each other in a loop (2.1.5 drops one"
               " of them)", _xpath("//configuration/constraints/rsc_order"), _ordering_loop, in_live_labs=False),
    Unmodelled("shutdown locks in a running lab (shutdown-lock)", _xpath(_SHUTDOWN_LOCK), _only_in_a_live_lab),
    Unmodelled("controller options set to other than their defaults in a running lab (batch-limit,"
               " node-action-limit, load-threshold, fence-reaction, election-timeout, join-integration-timeout,"
               " join-finalization-timeout, shutdown-escalation, transition-delay)", sets_unsimulated_options,
               _only_in_a_live_lab),
    Unmodelled("fence device options set to other than their defaults in a running lab (pcmk_reboot_action"
               " other than off, pcmk_off_action and the other pcmk_*_action, pcmk_action_limit, a pcmk_host_check"
               " other than the device's own list implies; on fence_sbd, pcmk_reboot_action=off and"
               " pcmk_*_retries other than 2)", sets_unsimulated_device_options, _only_in_a_live_lab),
    Unmodelled("ocf:pacemaker:ping's extra ping options, debug logging, a multiplier that is not an integer or"
               " an unreadable dampen in a running lab (options, debug, multiplier, dampen)",
               sets_unsimulated_ping_parameters, _only_in_a_live_lab),
    Unmodelled("probe restrictions in a running lab (resource-discovery=never / exclusive,"
               " enable-startup-probes=false)", _xpath(_PROBE_RESTRICTIONS), _only_in_a_live_lab),
    Unmodelled("resource-discovery on a location constraint with a role", _xpath(
        "//configuration/constraints/rsc_location[@resource-discovery and @resource-discovery!='always'"
        " and (@role or rule/@role)]")),
    Unmodelled("rule values from resource parameters with rsc-pattern (value-source)", _xpath(
        "//configuration/constraints/rsc_location[@rsc-pattern]"
        "//expression[@value-source and @value-source!='literal']")),
    Unmodelled("rsc-pattern regular expressions that Python and POSIX read differently, or %N submatch"
               " references in the rules of a pattern location", _unportable_pattern_location),
    Unmodelled("an unmanaged clone in the middle of a colocation chain", _unmanaged_clone_in_colocation_chain,
               in_live_labs=False),
    Unmodelled("two clones colocated both positively and negatively", _contradictory_clone_colocations,
               in_live_labs=False),
    Unmodelled("mandatory colocations in a loop through a clone (A with B and B with A)",
               _colocation_loop_through_clone),
    # on-fail=demote of a promote or a promoted monitor is modelled (promotion.role_actions)
    Unmodelled("on-fail=demote other than on promote or a promoted-role monitor", _xpath(
        "//configuration//op[(@on-fail='demote' or .//nvpair[@name='on-fail' and @value='demote'])"
        " and not(@name='promote' or (@name='monitor' and (@role='Promoted' or @role='Master')))]")),
    Unmodelled("operation defaults other than timeout (op_defaults on-fail, enabled, requires, ...)", _xpath(
        "//configuration/op_defaults//nvpair[not(@name='timeout' or @name='record-pending'"
        " or @name='interval-origin' or @name='start-delay')]")),
    Unmodelled("operation defaults chosen by rules (op_defaults with op_expression/rsc_expression)",
               _xpath("//configuration//op_expression | //configuration/op_defaults//rsc_expression"),
               _recurring_history),
    Unmodelled("stopping a clone instance whose start is still pending there, or a resource with a pending"
               " notification or a pending start without a transition key", _xpath(
        "//status//lrm_rsc_op[@call-id='-1' and (@operation='start' or @operation='notify')]"),
        _stops_pending_start),
    Unmodelled("a colocated group with an unmanaged member (is-managed=false or maintenance=true)", _xpath(
        "//configuration/constraints/rsc_colocation[@rsc = //configuration/resources//group"
        "[primitive/meta_attributes/nvpair[(@name='is-managed' and @value='false')"
        " or (@name='maintenance' and @value='true')]]/@id]")),
    Unmodelled("a start, stop, promote or demote still pending in a promotable clone", _xpath(
        "//status//lrm_resource[lrm_rsc_op[@call-id='-1' and (@operation='start' or @operation='stop' or"
        " @operation='promote' or @operation='demote')]][substring-before(concat(@id, ':'), ':') ="
        " //configuration/resources//master//primitive/@id or substring-before(concat(@id, ':'), ':') ="
        " //configuration/resources//clone[meta_attributes/nvpair[@name='promotable' and @value='true']]"
        "//primitive/@id]"), in_live_labs=False),
    Unmodelled("migrations in the history stopped on their source, or changed in definition since",
               _xpath("//status//lrm_rsc_op[@operation='migrate_to' or @operation='migrate_from']"),
               _unverified_migration_history),
    Unmodelled("migrations in the history next to a node in maintenance", _xpath(
        "//status//lrm_rsc_op[@operation='migrate_to' or @operation='migrate_from'] and"
        " (//configuration/nodes/node | //status/node_state/transient_attributes)"
        "//nvpair[@name='maintenance' and (@value='on' or @value='true')]"),
        in_live_labs=False),
    Unmodelled("restart-type=restart (deprecated) on a clone", _xpath(
        "//configuration/resources//clone[meta_attributes/nvpair[@name='restart-type' and @value='restart']"
        " or primitive/meta_attributes/nvpair[@name='restart-type' and @value='restart']]")),
    Unmodelled("a failed recurring operation no longer configured, on a node its resource leaves", _xpath(
        "//status//lrm_rsc_op[@interval!='0' and @rc-code!='0' and @rc-code!='8']"),
        _leaves_unconfigured_failed_monitor, in_live_labs=False),
    Unmodelled("a promoted instance stopped while what is colocated with its Promoted role moves", _xpath(
        "//configuration/constraints/rsc_colocation[@with-rsc-role='Promoted' or @with-rsc-role='Master']"),
        _promoted_stopped_under_moving_dependents, in_live_labs=False),
    Unmodelled("an unclean node in maintenance (node attribute maintenance=true)", _xpath(
        "//status/node_state[(@in_ccm='false' or @crmd='offline') and not(@expected='down')]"
        "[transient_attributes//nvpair[@name='maintenance' and (@value='on' or @value='true')]"
        " or @uname = //configuration/nodes/node[instance_attributes/nvpair[@name='maintenance'"
        " and (@value='on' or @value='true')]]/@uname]"), in_live_labs=False),
    Unmodelled("maintenance-mode with a node out of the membership whose controller is recorded online",
               _xpath("//configuration/crm_config//nvpair[@name='maintenance-mode' and @value='true'] and"
                      " //status/node_state[@in_ccm='false' and @crmd='online']"), in_live_labs=False),
    Unmodelled("on-fail=stop (or fence without fencing) of a failed clone instance, its clone acting further",
               _xpath("//configuration/resources//clone//op[@on-fail='stop' or @on-fail='fence']"
                      " | //configuration/resources//master//op[@on-fail='stop' or @on-fail='fence']"),
               failed_clone_instance_with_on_fail_stop, in_live_labs=False),
    Unmodelled("an order between a group or clone and a resource inside it", order_with_own_member,
               in_live_labs=False),
    Unmodelled("an optional ordered set sequence whose last set has require-all=false", _xpath(
        "//configuration/constraints/rsc_order[@kind='Optional' or @score='0']"
        "/resource_set[@require-all='false' or @require-all='0']"
        "[preceding-sibling::resource_set and not(following-sibling::resource_set)]")),
    Unmodelled("a migration of a resource whose start is ordered after a demote",
               _xpath("//configuration/constraints//*[@first-action='demote' or @action='demote'] and"
                      " //configuration//nvpair[@name='allow-migrate']"), migration_after_a_demote),
    Unmodelled("a clone colocated with a clone of groups whose members cannot all start on a node",
               _xpath("//configuration/resources/clone[group] and //configuration/constraints/rsc_colocation"),
               blocked_instance_beside_partial_group_clone, in_live_labs=False),
    Unmodelled("a promotable clone allowed by several locations in an asymmetric cluster",
               promotable_allowed_twice_in_asymmetric_cluster, in_live_labs=False),
    Unmodelled("a clone of groups with fewer instances than nodes moving one instance and starting another",
               _xpath("//configuration/resources/clone[group]/meta_attributes/nvpair[@name='clone-max']"),
               group_clone_moves_and_starts, in_live_labs=False),
    Unmodelled("an ordered clone moving one instance while starting another", _xpath(
        "//configuration/constraints/rsc_order"), ordered_clone_moves_and_starts, in_live_labs=False),
    Unmodelled("a promotable clone under a placement strategy with nodes of different capacities",
               uneven_capacities_with_promotable, in_live_labs=False),
    Unmodelled("a promotable clone with clone-max=0 (every instance an orphan)", promotable_clone_without_instances),
    Unmodelled("a placement strategy with a colocated resource no node has the capacity for",
               colocated_with_what_fits_nowhere, in_live_labs=False),
    Unmodelled("an unmanaged resource found promoted that is not promotable", _xpath(
        "//status//lrm_rsc_op[@rc-code='8' or @operation='promote']"), unmanaged_promoted_plain_resource,
        in_live_labs=False),
    Unmodelled("a failed Promoted-role monitor of an instance never promoted there", _xpath(
        "//configuration//op[@role='Promoted' or @role='Master'] and //status//lrm_rsc_op[@interval!='0'"
        " and @rc-code!='0' and @rc-code!='8']"), promoted_monitor_failed_unpromoted, in_live_labs=False),
    Unmodelled("on-fail=stop or standby of a stop that failed", _xpath(
        "//configuration//op[@name='stop' and (@on-fail='stop' or @on-fail='standby'"
        " or .//nvpair[@name='on-fail' and (@value='stop' or @value='standby')])]"
        " and //status//lrm_rsc_op[@operation='stop' and @rc-code!='0']"), in_live_labs=False),
    Unmodelled("an asymmetrical order after a group's or a primitive's stop", _xpath(
        "//configuration/constraints/rsc_order[@first-action='stop' and (@symmetrical='false'"
        " or @symmetrical='0' or @symmetrical='no')][@first = //configuration/resources//group/@id"
        " or @first = //configuration/resources/primitive/@id"
        " or @first = //configuration/resources/group/primitive/@id]"),
        in_live_labs=False),
    Unmodelled("an ordered resource set naming a clone with clone-min (2.1.5 applies clone-min to plain orders"
               " only)", _xpath(
        "//configuration/constraints/rsc_order/resource_set"
        "[resource_ref/@id = //configuration/resources/clone[meta_attributes/nvpair[@name='clone-min']]/@id]"),
        in_live_labs=False),
    Unmodelled("a group in an ordered resource set with require-all=false, ordered after something else too",
               _group_in_relaxed_set_ordered_after, in_live_labs=False),
    Unmodelled("a promotable clone ordered after another that starts an instance, while it has a Promoted one",
               _xpath("//configuration/constraints/rsc_order"), promoted_partner_of_starting_clone,
               in_live_labs=False),
    Unmodelled("a monitor for the Stopped role of a resource not yet probed where its migrate_to failed", _xpath(
        "//configuration/resources//op[@name='monitor' and (@role='Stopped' or @role='stopped')]"),
        stopped_monitor_where_unprobed, in_live_labs=False),
    Unmodelled("a monitor for the Stopped role of a resource partially migrated (migrate_to done, no migrate_from)",
               _xpath("//configuration/resources//op[@name='monitor' and (@role='Stopped' or @role='stopped')]"),
               stopped_monitor_of_partial_migration, in_live_labs=False),
    Unmodelled("a mandatory colocation with a resource whose start is blocked",
               _xpath("//configuration/constraints/rsc_colocation"), colocated_with_blocked_start,
               in_live_labs=False),
    Unmodelled("a promotable clone of a group acting without quorum under no-quorum-policy=freeze", _xpath(
        "//configuration//nvpair[@name='no-quorum-policy' and @value='freeze']"), frozen_promotable_group_clone,
        in_live_labs=False),
    Unmodelled("a fence device with a changed definition without quorum under no-quorum-policy=freeze", _xpath(
        "//configuration//nvpair[@name='no-quorum-policy' and @value='freeze']"), frozen_fence_device_redefined,
        in_live_labs=False),
    Unmodelled("a group member with a migration in its history stopped for an unrunnable action", _xpath(
        "//status//lrm_rsc_op[@operation='migrate_to']"), partially_migrated_group_member_stopped,
        in_live_labs=False),
    Unmodelled("a failed stop in a cloned group on a node being fenced while the clone starts an instance", _xpath(
        "//status//lrm_rsc_op[@operation='stop' and @rc-code!='0']"), failed_stop_in_cloned_group_on_fenced_node,
        in_live_labs=False),
    Unmodelled("multiple-active=block on a group member active on several nodes, the group colocated with a"
               " Promoted role", _xpath("//configuration//nvpair[@name='multiple-active' and @value='block']"),
               blocked_multiply_active_member_beside_promoted, in_live_labs=False),
    Unmodelled("a group member after the first banned from a node (multiple-active=stop_only, a hard error), the"
               " group colocated with a Promoted role", _xpath(
                   "//configuration//nvpair[@name='multiple-active' and @value='stop_only']"
                   " | //status//lrm_rsc_op[@rc-code='2' or @rc-code='3' or @rc-code='4' or @rc-code='5']"),
               banned_member_beside_promoted, in_live_labs=False),
    Unmodelled("multiple-active=block on a resource active on several nodes, colocated with a resource the"
               " transition acts on", _xpath("//configuration//nvpair[@name='multiple-active' and @value='block']"
                                             " and //configuration/constraints/rsc_colocation"),
               blocked_multiply_active_colocated, in_live_labs=False),
    Unmodelled("a member of an anonymous cloned group found not running on a node where another instance of"
               " it runs",
               anonymous_instance_probed_beside_active, in_live_labs=False),
    Unmodelled("a mandatory asymmetrical order from a start to a stop whose first starts or is stopped", _xpath(
        "//configuration/constraints/rsc_order[@then-action='stop' and @first-action='start'"
        " and (@symmetrical='false' or @symmetrical='0')]"), started_then_stopped_left, in_live_labs=False),
    Unmodelled("a mandatory order from a start that cannot run to the stop of a clone", _xpath(
        "//configuration/constraints/rsc_order[@then-action='stop' and @first-action='start']"),
        clone_stopped_after_unrunnable_start, in_live_labs=False),
    Unmodelled("a promotable clone frozen by a lost ticket (loss-policy=freeze) with resources colocated with"
               " its Promoted role", _xpath("//configuration/constraints/rsc_ticket[@loss-policy='freeze']"
                                           " | //configuration/constraints/rsc_ticket[@loss-policy='freeze']"
                                           "/resource_set"),
               frozen_promotable_beside_promoted_dependents, in_live_labs=False),
    Unmodelled("a resource that is not promotable found Promoted, its stop blocked",
               _xpath("//status//lrm_rsc_op[@rc-code='8']"), promoted_plain_resource_stop_blocked,
               in_live_labs=False),
    Unmodelled("a resource that is not promotable found Promoted on a node that is not cleanly online",
               _xpath("//status//lrm_rsc_op[@rc-code='8']"), promoted_plain_resource_on_unclean_node,
               in_live_labs=False),
    Unmodelled("without quorum, a stop blocked on a node that is cleanly up (ordered before a resource blocked"
               " by a failure)", _xpath("//configuration/constraints/rsc_order"),
               stop_blocked_without_quorum_on_clean_node, in_live_labs=False),
    Unmodelled("a migration after a resource active on several nodes (2.1.5 still migrates the later group"
               " members)", _xpath("//configuration//nvpair[@name='allow-migrate']"),
               moved_after_multiply_active_member, in_live_labs=False),
    Unmodelled("a resource with requires=nothing on a remote node whose connection's start is blocked (2.1.5"
               " stops it there, blocked)", _xpath("//configuration//nvpair[@name='requires']"),
               needs_nothing_behind_blocked_connection, in_live_labs=False),
    Unmodelled("a resource with a migration in its history stopped for its node's unfencing (2.1.5 restarts it)",
               _xpath("//status//lrm_rsc_op[@operation='migrate_to' or @operation='migrate_from']"),
               migrated_resource_stopped_for_unfencing, in_live_labs=False),
    Unmodelled("without quorum, a member of a promotable clone's group that requires nothing",
               _xpath("//configuration//nvpair[@name='requires']"),
               needs_nothing_in_promotable_group_without_quorum, in_live_labs=False),
    Unmodelled("a resource inside a container active on several nodes with multiple-active=block",
               _xpath("//configuration//nvpair[@name='multiple-active']"),
               blocked_multiply_active_filler, in_live_labs=False),
    Unmodelled("a resource colocated with the Unpromoted role of a clone whose instances cannot start",
               _xpath("//configuration/constraints/rsc_colocation[@with-rsc-role='Unpromoted'"
                      " or @with-rsc-role='Slave']"), colocated_with_unpromoted_role_that_cannot_start,
               in_live_labs=False),
    Unmodelled("a stop recorded as not running (rc 7), which 2.1.5 reads as a failed stop", _xpath(
        "//status//lrm_rsc_op[@operation='stop' and @rc-code='7']"), in_live_labs=False),
    Unmodelled("a promotable clone's Unpromoted role colocated with a resource it would be left without",
               _xpath("//configuration/constraints/rsc_colocation[@rsc-role='Unpromoted' or @rsc-role='Slave']"
                      " | //configuration/constraints/rsc_colocation/resource_set[@role='Unpromoted'"
                      " or @role='Slave'][following-sibling::resource_set]"),
               unpromoted_role_left_beside_absent_primary, in_live_labs=False),
    Unmodelled("a promotable clone instance whose start failed on one node while it runs on another",
               anonymous_instance_failed_start_beside_itself, in_live_labs=False),
    Unmodelled("a group member left active before a later member blocked by a failed stop",
               _xpath("//status//lrm_rsc_op[@operation='stop' and @rc-code!='0']"),
               group_member_left_beside_blocked_later_member, in_live_labs=False),
    Unmodelled("a resource colocated with a Promoted role of a clone that is colocated with it in turn",
               _xpath("//configuration/constraints/rsc_colocation[@with-rsc-role='Promoted'"
                      " or @with-rsc-role='Master']"), promoted_partner_colocated_back, in_live_labs=False),
    Unmodelled("shutdown locks while one node shuts down and another is lost", _xpath(
        "//configuration/crm_config//nvpair[@name='shutdown-lock' and (@value='true' or @value='1'"
        " or @value='yes' or @value='on')] and //status/node_state[transient_attributes//nvpair"
        "[@name='shutdown' and @value!='0']] and //status/node_state[@crmd='offline' or @in_ccm='false']"),
        lambda _cib, transition: any(item.blocked for item in transition.summary), in_live_labs=False),
    Unmodelled("two resources colocated with each other by a positive and a negative score",
               opposite_colocation_scores, colocated_both_ways_with_opposite_signs),
    Unmodelled("a lost ticket with loss-policy=demote of a member of a cloned group", _xpath(
        "//configuration/constraints/rsc_ticket | //configuration/constraints/rsc_ticket/resource_set"),
        lost_demote_ticket_of_cloned_group_member, in_live_labs=False),
    Unmodelled("a lost ticket of a group member (not the group) whose loss-policy is not freeze", _xpath(
        "//configuration/constraints/rsc_ticket | //configuration/constraints/rsc_ticket/resource_set"),
        lost_ticket_of_group_member, in_live_labs=False),
    Unmodelled("a Promoted role colocated with a resource that is colocated with the same clone", _xpath(
        "//configuration/constraints/rsc_colocation[@rsc-role='Promoted' or @rsc-role='Master']"),
        promoted_role_colocation_cycle, in_live_labs=False),
    Unmodelled("a failed resource recovered in place while its fail count is cleared for a changed definition",
               _xpath("//status//nvpair[starts-with(@name, 'fail-count-')]"), recovered_while_failcount_cleared,
               in_live_labs=False),
    Unmodelled("a clone starting an instance on a node where another's stop failed", _xpath(
        "//status//lrm_rsc_op[@operation='stop' and @rc-code!='0']"), clone_starts_beside_failed_stop,
        in_live_labs=False),
    Unmodelled("a failure configured on-fail=stop while the transition promotes or demotes", _xpath(
        "//configuration//op[@on-fail='stop']"), on_fail_stop_failure_beside_promotion, in_live_labs=False),
    Unmodelled("a migration completed on a node now offline, its stop there blocked", _xpath(
        "//status//lrm_rsc_op[@operation='migrate_from']"), migrated_to_offline_node_stopped, in_live_labs=False),
    Unmodelled("a resource moved without quorum under no-quorum-policy=freeze", _xpath(
        "//configuration//nvpair[@name='no-quorum-policy' and @value='freeze']"), frozen_yet_moving,
        in_live_labs=False),
    Unmodelled("a negative colocation of a Promoted role with a clone (any of its roles)", _xpath(
        "//configuration/constraints/rsc_colocation[(@rsc-role='Promoted' or @rsc-role='Master')"
        " and starts-with(normalize-space(@score), '-') and (not(@with-rsc-role) or @with-rsc-role='Started')]"
        "[@with-rsc = //configuration/resources/clone/@id"
        " or @with-rsc = //configuration/resources/master/@id]"
        " | //configuration/constraints/rsc_colocation[starts-with(normalize-space(@score), '-')]"
        "/resource_set[@role='Promoted' or @role='Master'][following-sibling::resource_set]"), in_live_labs=False),
    Unmodelled("an ordered resource set of demotes followed by another set", _xpath(
        "//configuration/constraints/rsc_order/resource_set[@action='demote'][following-sibling::resource_set]"),
        in_live_labs=False),
    Unmodelled("an ordered resource set with require-all=false whose members another order names too",
               _relaxed_set_beside_other_order, in_live_labs=False),
    Unmodelled("an ordered resource set with require-all=false naming two members of one group",
               _relaxed_set_of_group_members, in_live_labs=False),
    Unmodelled("without quorum, a failed probe of a resource also recorded on a node that left the membership",
               _failed_beside_a_lost_node_without_quorum, in_live_labs=False),
    Unmodelled("a failed migrate_to without quorum", _xpath(
        "/cib[@have-quorum='false' or @have-quorum='0']//status//lrm_rsc_op[@operation='migrate_to' and "
        "@rc-code!='0']"), in_live_labs=False),  # 764 + DcIPaddr's migrate_to failed, bench seed 140149: real keeps it
    Unmodelled("an orphaned promotable instance active as Promoted on several nodes",
               _xpath("//status//lrm_rsc_op[@rc-code='8']"), _promoted_orphan_on_several_nodes, in_live_labs=False),
    Unmodelled("an orphaned instance whose stop failed, blocked on a node that cannot be fenced",
               _xpath("//status/node_state[@crmd='offline' or @in_ccm='false']"
                      "//lrm_rsc_op[@operation='stop' and @rc-code!='0']"), _orphan_blocked_on_unclean_node,
               in_live_labs=False),
    Unmodelled("node base scores (a node's score attribute) placing a resource below the best one",
               _xpath("//configuration/nodes/node[@score and @score!='0']"), placed_below_a_higher_base_score,
               in_live_labs=False),
    Unmodelled("a placement strategy with resources colocated through a template", _xpath(
        "//configuration/crm_config//nvpair[@name='placement-strategy' and @value!='default'] and"
        " //configuration/resources//primitive/utilization and //configuration/constraints/rsc_colocation"
        "[@rsc = //configuration/resources/template/@id or @with-rsc = //configuration/resources/template/@id]"),
        in_live_labs=False),
    Unmodelled("a placement strategy with container resources (container meta attribute) and utilization",
               _xpath("//configuration/crm_config//nvpair[@name='placement-strategy' and @value!='default'] and"
                      " //configuration/resources//meta_attributes/nvpair[@name='container'] and"
                      " //configuration/resources//primitive/utilization"), in_live_labs=False),
    Unmodelled("a recovery of a failed operation that succeeded again since", _xpath(
        "//status//lrm_rsc_op[@interval!='0' and @rc-code!='0' and @rc-code!='8']"),
        recovers_failure_superseded, in_live_labs=False),
    Unmodelled("a location constraint on a resource inside a clone (not on the clone)", _xpath(
        "//configuration/constraints/rsc_location[@rsc = //configuration/resources//clone//primitive/@id"
        " or @rsc = //configuration/resources//clone//group/@id or @rsc = //configuration/resources//master//*/@id]")),
    Unmodelled("a finite negative colocation of a resource with a clone", _xpath(
        "//configuration/constraints/rsc_colocation[number(@score) < 0]"
        "[@with-rsc = //configuration/resources/clone/@id or @with-rsc = //configuration/resources/master/@id]"
        "[not(@rsc = //configuration/resources/clone/@id or @rsc = //configuration/resources/master/@id)]")),
    Unmodelled("a finite positive colocation of a resource with a clone (no role or the Started role)", _xpath(
        "//configuration/constraints/rsc_colocation[number(@score) > 0 and number(@score) < 1000000]"
        "[not(@with-rsc-role='Promoted' or @with-rsc-role='Master' or @with-rsc-role='Unpromoted'"
        " or @with-rsc-role='Slave')]"
        "[@with-rsc = //configuration/resources/clone/@id or @with-rsc = //configuration/resources/master/@id]"
        "[not(@rsc = //configuration/resources/clone/@id or @rsc = //configuration/resources/master/@id)]")),
    Unmodelled("a failed resource on an offline node in maintenance", _xpath(
        "//status/node_state[@in_ccm='false' or @crmd='offline']"
        "[transient_attributes//nvpair[@name='maintenance' and (@value='on' or @value='true')]"
        " or @uname = //configuration/nodes/node[instance_attributes/nvpair[@name='maintenance'"
        " and (@value='on' or @value='true')]]/@uname]"
        "//lrm_rsc_op[(@rc-code!='0' and @rc-code!='7' and @rc-code!='8') or (@rc-code='7' and @interval!='0')]"),
        in_live_labs=False),
    Unmodelled("a degraded result (rc 190/191) of a resource that is not promotable, after a stop, or at an "
               "interval no longer configured", unverified_degraded_result, in_live_labs=False),
    Unmodelled("a clone instance blocked by on-fail=block, stopped or moved where it failed", _xpath(
        "//configuration/resources//clone//op[@on-fail='block'] | //configuration/resources//master//op"
        "[@on-fail='block']"), acts_on_blocked_clone_instance, in_live_labs=False),
    Unmodelled("on-fail=stop of a failed group member, its group acting on it further or recovering another"
               " member in place", _xpath(
        "//configuration/resources/group/primitive/operations/op[@on-fail='stop']"),
        failed_group_member_with_on_fail_stop, in_live_labs=False),
    Unmodelled("a promoted monitor result (rc 8) of a resource that is not promotable", _xpath(
        "//status//lrm_rsc_op[@rc-code='8' and @interval!='0']"), promoted_plain_resource, in_live_labs=False),
    Unmodelled("a pending promote or demote of a resource that is not promotable", _xpath(
        "//status//lrm_rsc_op[@call-id='-1' and (@operation='promote' or @operation='demote')]"),
        pending_role_change_of_plain_resource, in_live_labs=False),
    Unmodelled("an order from the start of a resource placed nowhere that stops, to a stop", _xpath(
        "//configuration/constraints/rsc_order[@then-action='stop' or @then-action='demote'"
        " or resource_set[@action='stop' or @action='demote']]"),
        start_then_stop_of_unplaced, in_live_labs=False),
    Unmodelled("on-fail=fence (configured) of a failed operation where the node cannot be fenced (no fencing"
               " or no quorum)",
               _xpath("//configuration//op[@on-fail='fence']"), fence_on_fail_without_fencing,
               in_live_labs=False),
    Unmodelled("an order from a promote to a stop or demote", _xpath(
        "//configuration/constraints/rsc_order[@first-action='promote' and (@then-action='stop'"
        " or @then-action='demote')] | //configuration/constraints/rsc_order/resource_set[@action='promote']"
        "[following-sibling::resource_set[@action='stop' or @action='demote']]"), in_live_labs=False),
    Unmodelled("a container or a resource inside one probed again and found running", _xpath(
        "//configuration/resources//meta_attributes/nvpair[@name='container']"), reprobed_container_resource,
        in_live_labs=False),
    Unmodelled("a failed stop without fencing beside a failure under on-fail=stop, standby or fence", _xpath(
        "//status//lrm_resource[lrm_rsc_op[@operation='stop' and @rc-code!='0']]"),
        failed_stop_beside_other_failure_without_fencing, in_live_labs=False),
    Unmodelled("two instances of an anonymous clone of groups on one node after the transition", _xpath(
        "//configuration/resources/clone[group]"), anonymous_instances_share_a_node, in_live_labs=False),
    Unmodelled("a probe finding a resource running after a failed operation on that node", _xpath(
        "//status//lrm_rsc_op[@operation='monitor' and @interval='0' and (@rc-code='0' or @rc-code='8')]"),
        reprobed_after_failure, in_live_labs=False),
    Unmodelled("a hard error (rc 2, 4, 5) of a start or stop with on-fail=ignore", _xpath(
        "//configuration//op[@on-fail='ignore' or @on-fail='nothing'] and"
        " //status//lrm_rsc_op[@rc-code='2' or @rc-code='4' or @rc-code='5']"), ignored_hard_error,
        in_live_labs=False),
    Unmodelled("a group member recovered elsewhere while later members with allow-migrate move", _xpath(
        "//configuration//nvpair[@name='allow-migrate'] and //configuration/resources//group"),
        group_member_recovered_beside_migration, in_live_labs=False),
    Unmodelled("a clone colocated with another clone's Promoted role moving one of its instances", _xpath(
        "//configuration/constraints/rsc_colocation[@with-rsc-role='Promoted' or @with-rsc-role='Master']"),
        clone_with_promoted_role_moves_instance, in_live_labs=False),
    Unmodelled("a failed stop of a promotable clone's instance with resources colocated with its Promoted role",
               _xpath("//status//lrm_rsc_op[@operation='stop' and @rc-code!='0']"),
               failed_stop_under_promoted_dependents, in_live_labs=False),
    Unmodelled("a failed stop of a clone's instance with another clone colocated with that clone",
               _xpath("//status//lrm_rsc_op[@operation='stop' and @rc-code!='0']"),
               failed_stop_under_clone_dependents, in_live_labs=False),
    Unmodelled("migrations in the history beside orphaned clone instances", _xpath(
        "//status//lrm_rsc_op[@operation='migrate_to' or @operation='migrate_from'] and"
        " //status//lrm_resource[contains(@id, ':')][not(substring-before(@id, ':') ="
        " //configuration/resources//primitive/@id)]"), in_live_labs=False),
    Unmodelled("a probe finding the agent not installed (rc 5) after the resource ran on that node", _xpath(
        "//status//lrm_rsc_op[@operation='monitor' and @interval='0' and @rc-code='5']"),
        probe_failed_after_running, in_live_labs=False),
    Unmodelled("a failure-timeout with a failed recurring operation on a node that is down", _xpath(
        "//configuration//nvpair[@name='failure-timeout'] and //status/node_state[@crmd='offline' or"
        " @in_ccm='false']//lrm_rsc_op[@interval!='0' and @rc-code!='0' and @rc-code!='8']"), in_live_labs=False),
    Unmodelled("clone-max=0 on a clone of fence devices that ran", _xpath(
        "//configuration/resources/clone[meta_attributes/nvpair[@name='clone-max' and @value='0']]"
        "[.//primitive[@class='stonith']] and //status//lrm_resource[@class='stonith']"
        "[lrm_rsc_op[@operation='start' and @rc-code='0']]"), in_live_labs=False),
    Unmodelled("an orphaned resource whose stop failed on a lost node", _xpath(
        "//status/node_state[@crmd='offline' or @in_ccm='false']//lrm_resource"
        "[not(substring-before(concat(@id, ':'), ':') = //configuration/resources//primitive/@id)]"
        "[lrm_rsc_op[@operation='stop' and @rc-code!='0']]"), in_live_labs=False),
    Unmodelled("a failed promote recovered", _xpath(
        "//status//lrm_rsc_op[@operation='promote' and @rc-code!='0' and @call-id!='-1']"),
        failed_promote_recovered, in_live_labs=False),
    Unmodelled("a resource that is not promotable found promoted and demoted in place or migrated", _xpath(
        "//status//lrm_rsc_op[@rc-code='8' or @operation='promote']"), demoted_plain_resource, in_live_labs=False),
    Unmodelled("a container resource with allow-migrate that moves", _xpath(
        "//configuration/resources//meta_attributes/nvpair[@name='container'] and"
        " //configuration//nvpair[@name='allow-migrate']"), container_moved_with_allow_migrate, in_live_labs=False),
    Unmodelled("on-fail=standby of a failed clone instance", _xpath(
        "//configuration/resources//clone//op[@on-fail='standby'] | //configuration/resources//master//op"
        "[@on-fail='standby']"), failed_clone_instance_with_on_fail_standby, in_live_labs=False),
    Unmodelled("an anonymous clone instance with a hard error recovered, moved to another node or stopped"
               " for a start elsewhere that cannot run", _xpath(
        "//status//lrm_rsc_op[@rc-code='2' or @rc-code='4' or @rc-code='5']"), hard_failed_clone_instance_moved,
        in_live_labs=False),
    Unmodelled("a start or move of what must be colocated with a clone kept active by unmanaged instances while a"
               " clone it must be colocated with has none", _unmanaged_clone_between_mandatory_colocations,
               start_beside_unmanaged_clone_whose_primary_stops),
    Unmodelled("a negative location on what must follow a Promoted role, while the transition promotes nothing",
               _xpath("//configuration/constraints/rsc_location and //configuration/constraints/rsc_colocation"
                      "[@with-rsc-role='Promoted' or @with-rsc-role='Master']"),
               banned_dependent_of_promoted_kept, in_live_labs=False),
    Unmodelled("a live migration left dangling (both halves done, the source not stopped) beside a migration of its"
               " group or ordered after it",
               _xpath("//status//lrm_rsc_op[@operation='migrate_from']"), dangling_migration_beside_migration,
               in_live_labs=False),
    Unmodelled("a stop recorded in flight of a resource restarted for a definition change", _xpath(
        "//status//lrm_rsc_op[@operation='stop' and @op-status='-1']"), pending_stop_beside_definition_change,
        in_live_labs=False),
    Unmodelled("a live migration toward a configured node never seen in the status", _xpath(
        "//status//lrm_rsc_op[@operation='migrate_to']"), migration_to_unseen_node_not_fenced, in_live_labs=False),
    Unmodelled("a promotable clone colocated in any role with another clone by a negative score", _xpath(
        "//configuration/constraints/rsc_colocation"), promotable_clone_kept_from_clone, in_live_labs=False),
    Unmodelled("a resource whose failure is ignored, active on another node and stopped there", _xpath(
        "//status//lrm_rsc_op[@rc-code!='0' and @rc-code!='7' and @rc-code!='8']"),
        ignored_failure_stopped_elsewhere, in_live_labs=False),
    Unmodelled("a failed recurring monitor of a resource its last probe or stop left stopped there", _xpath(
        "//status//lrm_rsc_op[@interval!='0' and @rc-code!='0']"),
        failed_monitor_of_stopped_resource, in_live_labs=False),
    Unmodelled("multiple-active=stop_unexpected on a resource active on several nodes, moved with allow-migrate",
               _xpath("//configuration//nvpair[@name='multiple-active' and @value='stop_unexpected']"),
               stop_unexpected_migrating, in_live_labs=False),
    Unmodelled("multiple-active=stop_unexpected on a guest node's container (or a resource's container) that moves",
               _xpath("//configuration//nvpair[@name='multiple-active' and @value='stop_unexpected']"),
               stop_unexpected_container_moved, in_live_labs=False),
    Unmodelled("multiple-active=stop_unexpected on a Promoted instance active on several nodes",
               _xpath("//configuration//nvpair[@name='multiple-active' and @value='stop_unexpected']"),
               stop_unexpected_promoted, in_live_labs=False),
    Unmodelled("a failed operation beside a pending one in a resource's history on one node", _xpath(
        "//status//lrm_resource[lrm_rsc_op[@call-id='-1']][lrm_rsc_op[@call-id!='-1' and @rc-code!='0'"
        " and @rc-code!='7' and @rc-code!='8']]"), in_live_labs=False),
    Unmodelled("a fatal failure (rc 6) beside another failure in a promotable clone that promotes", _xpath(
        "//status//lrm_rsc_op[@rc-code='6']"), fatal_failure_in_promotable_clone, in_live_labs=False),
    Unmodelled("an instance of a cloned group whose members are active on different nodes", _xpath(
        "//configuration/resources/clone[group] | //configuration/resources/master[group]"),
        split_group_instance, in_live_labs=False),
    Unmodelled("on-fail=demote of a failure of an instance that is not promoted", _xpath(
        "//configuration//op[@on-fail='demote']"), demote_failure_of_unpromoted, in_live_labs=False),
    Unmodelled("a node-health strategy with a health attribute and a colocation naming a clone",
               unhealthy_node_with_colocated_clone, in_live_labs=False),
    Unmodelled("a failed start of a resource with a failure-timeout", _xpath(
        "//configuration//nvpair[@name='failure-timeout']"), failed_start_with_failure_timeout, in_live_labs=False),
    Unmodelled("a cloned group with an unmanaged (maintenance, or blocked by a failed stop) member whose other"
               " members the transition acts on, or a"
               " group with an unmanaged member and another member's action blocked", _xpath(
        "//configuration/resources//group/primitive/meta_attributes/nvpair[@name='is-managed']"
        " | //configuration/resources//clone/group/primitive/meta_attributes/nvpair[@name='maintenance']"
        " | //configuration/resources//master/group/primitive/meta_attributes/nvpair[@name='maintenance']"
        " | //status//lrm_rsc_op[@operation='stop' and @rc-code!='0']"),
        group_acting_beside_unmanaged_member, in_live_labs=False),
    Unmodelled("an anonymous clone with an orphaned (duplicate) instance and a location constraint on it",
               _xpath("//configuration/constraints/rsc_location"), orphan_instance_beside_clone_location,
               in_live_labs=False),
    Unmodelled("a promotable clone with an orphaned and a failed instance changing roles", _xpath(
        "//status//lrm_rsc_op[@rc-code!='0' and @rc-code!='7' and @rc-code!='8']"),
        orphan_beside_failed_promotable_instance, in_live_labs=False),
    Unmodelled("a failed resource on a lost node that cannot be fenced (no fence device or no quorum)", _xpath(
        "//status/node_state[@in_ccm='false' or @crmd='offline']//lrm_rsc_op[@rc-code!='0' and @rc-code!='7']"),
        failed_on_lost_node_without_fence_device, in_live_labs=False),
    Unmodelled("an unmanaged cloned-group instance active only on a lost node beside instances elsewhere", _xpath(
        "//status/node_state[@in_ccm='false' or @crmd='offline']//lrm_rsc_op"),
        unmanaged_instance_on_lost_node, in_live_labs=False),
    Unmodelled("a promoted instance moved to a node where its clone was never probed", _xpath(
        "//configuration/resources//master | //configuration/resources//clone/meta_attributes"
        "/nvpair[@name='promotable']"), promoted_instance_moved_to_unprobed_node, in_live_labs=False),
    Unmodelled("a lost ticket with loss-policy=fence beside a colocation with a Promoted role",
               fenced_ticket_beside_promoted_colocation, in_live_labs=False),
    Unmodelled("a colocation of a group member (not the group) with a Promoted or Unpromoted role", _xpath(
        "//configuration/constraints/rsc_colocation[@with-rsc-role='Promoted' or @with-rsc-role='Master'"
        " or @with-rsc-role='Unpromoted' or @with-rsc-role='Slave']"
        "[@rsc = //configuration/resources/group/primitive/@id]"), in_live_labs=False),
    Unmodelled("a negative colocation of the Unpromoted role (rsc-role=Unpromoted)", _xpath(
        "//configuration/constraints/rsc_colocation[(@rsc-role='Unpromoted' or @rsc-role='Slave')"
        " and starts-with(normalize-space(@score), '-')]"
        " | //configuration/constraints/rsc_colocation[starts-with(normalize-space(@score), '-')]"
        "/resource_set[@role='Unpromoted' or @role='Slave'][following-sibling::resource_set"
        " or not(preceding-sibling::resource_set)]"), in_live_labs=False),
    Unmodelled("a colocation naming a member of a cloned group (not the clone)", _xpath(
        "//configuration/constraints/rsc_colocation[@rsc = //configuration/resources//clone/group/primitive/@id"
        " or @rsc = //configuration/resources//master/group/primitive/@id"
        " or @with-rsc = //configuration/resources//clone/group/primitive/@id"
        " or @with-rsc = //configuration/resources//master/group/primitive/@id]"
        " | //configuration/constraints/rsc_colocation/resource_set/resource_ref"
        "[@id = //configuration/resources//clone/group/primitive/@id"
        " or @id = //configuration/resources//master/group/primitive/@id]"), in_live_labs=False),
    Unmodelled("a changed definition of a group member with allow-migrate restarting it in place before"
               " later members", _xpath("//configuration//nvpair[@name='allow-migrate'] and"
                                        " //configuration/resources//group"), migratable_group_member_redefined,
               in_live_labs=False),
    Unmodelled("a migration in the history moved instead of continued beside a changed resource definition",
               _xpath("//status//lrm_rsc_op[@operation='migrate_to' or @operation='migrate_from']"),
               migration_moved_beside_definition_change, in_live_labs=False),
    Unmodelled("a migration done on both nodes, not yet stopped on its source, whose target stopped or"
               " started the resource since", _xpath("//status//lrm_rsc_op[@operation='migrate_from']"),
               lambda cib, _transition: dangling_migration_stopped_on_target(cib), in_live_labs=False),
    Unmodelled("a migration done on both nodes, not yet stopped on its source, from a node that is not online",
               _xpath("//status//lrm_rsc_op[@operation='migrate_from']"),
               lambda cib, _transition: dangling_migration_from_lost_node(cib), in_live_labs=False),
    Unmodelled("a migration done on both nodes, not yet stopped on its source, to a node that is offline"
               " with fencing disabled (its history is not read)",
               _xpath("//status//lrm_rsc_op[@operation='migrate_from']"),
               lambda cib, _transition: dangling_migration_to_unread_node(cib), in_live_labs=False),
    Unmodelled("a failed migrate_to to a node that is not online and knows nothing newer of the resource"
               " (2.1.5 stops it on the source as a dangling migration)",
               _xpath("//status//lrm_rsc_op[@operation='migrate_to']"),
               lambda cib, _transition: failed_migrate_to_left_dangling(cib), in_live_labs=False),
    Unmodelled("a failed migrate_from recovered where nodes' scores tie or where it is also active on a"
               " third node (2.1.5's pick between them)",
               _xpath("//status//lrm_rsc_op[@operation='migrate_from' and @rc-code!='0']"),
               failed_migrate_from_recovered, in_live_labs=False),
    Unmodelled("on-fail=stop of a failure recorded on a node that is down, the resource moving", _xpath(
        "//configuration//op[@on-fail='stop'] and //status/node_state[@crmd='offline' or @in_ccm='false']"
        "//lrm_rsc_op[@rc-code!='0']"), on_fail_stop_failure_on_down_node, in_live_labs=False),
    Unmodelled("a Serialize order naming a container or a resource inside one", _xpath(
        "//configuration/constraints/rsc_order[@kind='Serialize']"
        "[@first = //configuration/resources//meta_attributes/nvpair[@name='container']/@value"
        " or @then = //configuration/resources//meta_attributes/nvpair[@name='container']/@value"
        " or @first = //configuration/resources//*[meta_attributes/nvpair[@name='container']]/@id"
        " or @then = //configuration/resources//*[meta_attributes/nvpair[@name='container']]/@id]"),
        in_live_labs=False),
    Unmodelled("live migration in a running lab (allow-migrate)", _xpath(_meta_true("allow-migrate")
                                                        + " | //configuration/rsc_defaults//nvpair"
                                                        "[@name='allow-migrate']"), _only_in_a_live_lab),
)


class UnsimulatedConfiguration(Exception):
    """A live lab was asked to adopt a configuration its simulator cannot run truthfully.

    Deliberately not a ValueError: the command that tried the change reports it
    as itself (`pcs: not simulated: ...`), not as an invalid CIB.
    """

    def __init__(self, features: list[str]) -> None:
        super().__init__(refusal(features))
        self.features = features


def check_simulatable(cib: etree._Element) -> None:
    """Raise UnsimulatedConfiguration when the CIB holds a construct a live lab cannot simulate."""
    features = unmodelled_features(cib)
    if features:
        raise UnsimulatedConfiguration(features)


def unmodelled_features(cib: etree._Element) -> list[str]:
    """Every construct in this CIB a live lab cannot simulate (empty: fine): for pcs/cibadmin commits."""
    return [feature.name for feature in UNMODELLED if feature.in_live_labs and feature.present(cib)]


def refused_before_scheduling(cib: etree._Element) -> list[str]:
    """The constructs that make any simulation of this CIB untrustworthy."""
    return [feature.name for feature in UNMODELLED if feature.matters is None and feature.present(cib)]


def refused_after_scheduling(root: etree._Element, cib: Cib, transition: Transition) -> list[str]:
    """The constructs present in this CIB that changed this particular transition."""
    return [feature.name for feature in UNMODELLED
            if feature.matters is not None and feature.present(root) and feature.matters(cib, transition)]


def refusal(features: list[str]) -> str:
    """The one-line reason, without the tool's prefix: `not simulated: ...; try it on real nodes: ...`."""
    return f"not simulated: {', '.join(features)}; {RIG_HINT}"
