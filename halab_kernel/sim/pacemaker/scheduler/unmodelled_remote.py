"""Honesty-gate predicates for Pacemaker Remote nodes (remote.py): the transitions where a remote
node's situation goes beyond what was checked against the real crm_simulate."""

from __future__ import annotations

from halab_kernel.values import is_true

from ..cib.model import Cib, Primitive, walk
from .guest import guest_name
from .remote import is_connection
from .remote_orderings import GUEST_UNVERIFIED
from .transition import Transition
from .unmodelled_variants import statuses

CONNECTION_ACTS = ("Move", "Migrate", "Stop", "Recover", "Restart")

_REMOTE_NODE = "nvpair[translate(@name, 'REMOTND', 'remotnd') = 'remote-node']"
# a guest node: its container's remote-node meta attribute (guest.py; 2.1.5 reads the name in any case)
GUEST_NODE = f"//configuration/resources//meta_attributes/{_REMOTE_NODE}"
# what guest.py leaves out: guest nodes in a clone or template (2.1.5 expands only top-level and group
# primitives), meta sets with rules or several remote-node values (2.1.5 reads every set, rules
# ignored), a remote-node given only as an instance attribute (halab reads it as meta, 2.1.5 does not),
# and a name that is another resource's (2.1.5 creates no connection then)
UNMODELLED_GUEST_NODE = (
    f"//configuration/resources//*[self::clone or self::master or self::template]//{_REMOTE_NODE}"
    f" | //configuration/resources//meta_attributes[rule]/{_REMOTE_NODE}"
    f" | //configuration/resources//*[count(meta_attributes/{_REMOTE_NODE}) > 1]"
    f" | //configuration/resources//*[instance_attributes/{_REMOTE_NODE}][not(meta_attributes/{_REMOTE_NODE})]"
    f" | //configuration/resources//primitive[@template][//configuration/resources/template//{_REMOTE_NODE}]"
    f" | {GUEST_NODE}[@value = //configuration/resources//*/@id]")
# a connection with a reconnect interval (its failure-timeout) whose start failed: how 2.1.5 treats
# such a failure once expired is not modelled (as failed_start_with_failure_timeout for failure-timeout)
FAILED_START_WITH_RECONNECT = (
    "//status//lrm_resource[@id = //configuration/resources//primitive[@provider='pacemaker' and @type='remote']"
    "[instance_attributes/nvpair[@name='reconnect_interval']]/@id]"
    "/lrm_rsc_op[@operation='start' and (@rc-code!='0' or (@op-status and @op-status!='0'))]")
# guest nodes where node health counts (its interplay with guest nodes was not checked)
GUEST_WITH_NODE_HEALTH = (f"{GUEST_NODE}[//configuration/crm_config//nvpair[@name='node-health-strategy']"
                          "[@value!='none']]")
# a remote connection in the history, configured neither as a primitive nor as a guest node, that
# had a container (2.1.5 then maps it to that container: an orphaned guest node), or whose node has
# no status (crm_simulate fails an assertion injecting its fencing)
ORPHANED_CONNECTION = ("//status//lrm_resource[@provider='pacemaker' and @type='remote']"
                       "[@container or not(@id = //status/node_state/@uname)]"
                       "[not(@id = //configuration/resources/primitive/@id)]"
                       f"[not(@id = {GUEST_NODE}/@value)]")


def connections(cib: Cib) -> set:
    """The connections configured, and those left only in the history (orphaned)."""
    orphaned = {history.id for state in cib.node_states for history in state.history
                if history.provider == "pacemaker" and history.agent_type == "remote"}
    return {config.id for config in cib.resources if is_connection(config)} | orphaned


def unmanaged_on_moving_remote(cib: Cib, transition: Transition) -> bool:
    """A resource unmanaged or blocked on a remote node whose connection moves, stops or
    restarts (2.1.5 blocks the connection's stop: variant of remote-move), also one frozen by a
    lost ticket with loss-policy=freeze (remote-move with FAKE2 frozen so)."""
    remote = connections(cib)
    acting = {item.resource for item in transition.summary if item.verb in CONNECTION_ACTS} & remote
    frozen = _frozen_by_ticket(cib)
    return any((not status.managed or status.blocked or status.id.split(":")[0] in frozen)
               and set(status.nodes) & acting for status in statuses(transition.before))


def _frozen_by_ticket(cib: Cib) -> set:
    """Primitives frozen by a ticket not granted (or on standby) with loss-policy=freeze."""
    lost = {t.id for t in cib.tickets if not t.granted or t.standby}
    lost |= {d.ticket for d in cib.ticket_dependencies} - {t.id for t in cib.tickets}   # never granted
    frozen = set()
    for dependency in cib.ticket_dependencies:
        if dependency.ticket in lost and (dependency.loss_policy or "").lower() == "freeze":
            config = cib.find_resource(dependency.resource)
            frozen |= {rsc.id for rsc in walk(config)} if config is not None else set()
    return frozen


def _sources(item) -> set:
    """The node(s) a summary line takes a resource away from."""
    if item.verb in ("Move", "Migrate") or (item.verb == "Recover" and "->" in item.details):
        return {item.details.split("->")[0].split()[-1]}
    if item.verb in ("Stop", "Recover", "Restart", "Reload"):
        return {item.details.split()[-1]} if item.details.split() else set()
    return set()


def leaves_remote_of_lost_connection(cib: Cib, transition: Transition) -> bool:
    """A resource leaving a remote node whose connection was active on a node fenced in this
    transition (2.1.5's simulated run leaves it active there too: variant of remote-partial-migrate)."""
    remote = connections(cib)
    fenced = {item.node for item in transition.summary if item.verb == "Fence"}
    lost = {status.id for status in statuses(transition.before)
            if status.id in remote and set(status.nodes) & fenced}
    return any(_sources(item) & lost for item in transition.summary if item.resource not in remote)


def split_connection_on_fenced_node(cib: Cib, transition: Transition) -> bool:
    """A connection found active on two nodes, one of them fenced in this transition (variant of
    remote-recover-connection: 2.1.5 leaves it where it is)."""
    remote = connections(cib)
    fenced = {item.node for item in transition.summary if item.verb == "Fence"}
    return any(status.id in remote and len(status.nodes) > 1 and set(status.nodes) & fenced
               for status in statuses(transition.before))


def acts_on_offline_remote(cib: Cib, transition: Transition) -> bool:
    """A restart or reload on a remote node that was offline (its connection not active):
    2.1.5 leaves a changed definition there alone (variant of remote-recover)."""
    offline = {node.uname for node in transition.nodes_before
               if node.uname in connections(cib) and "offline" in node.state}
    return any(item.verb in ("Restart", "Reload") and _sources(item) & offline for item in transition.summary)


def leaves_remote_of_split_connection(cib: Cib, transition: Transition) -> bool:
    """A resource leaving a remote node whose connection is active on two nodes (a partial
    migration) and moves instead of migrating: 2.1.5's simulated run leaves the resource active
    there too (variant of remote-partial-migrate2 under placement-strategy=balanced)."""
    remote = connections(cib)
    migrating = {item.resource for item in transition.summary if item.verb == "Migrate"}
    split = {status.id for status in statuses(transition.before)
             if status.id in remote and len(status.nodes) > 1} - migrating
    return any(_sources(item) & split for item in transition.summary if item.resource not in remote)


def left_on_stopping_remote(cib: Cib, transition: Transition) -> bool:
    """A resource whose stop is blocked on a remote node whose connection stops, fencing disabled:
    crm_simulate's revised status then does not read that node's history again (variant of
    remote-fence-unclean with reconnect_interval)."""
    if is_true(cib.properties.get("stonith-enabled"), True):
        return False
    remote = connections(cib)
    stopping = {item.resource for item in transition.summary if item.verb == "Stop"} & remote
    return any(item.blocked and _sources(item) & stopping for item in transition.summary)


def frozen_without_quorum(cib: Cib, transition: Transition) -> bool:
    """no-quorum-policy=freeze without quorum: 2.1.5 stops what runs on a remote node whose
    connection may not start, blocked on that start (variant of remote-recover)."""
    return not cib.have_quorum and (cib.properties.get("no-quorum-policy") or "").strip().lower() == "freeze"


def guest_unverified(cib: Cib, transition: Transition) -> bool:
    """A guest node situation the scheduler notes as unverified (remote_orderings.unverified_guests)."""
    return any(guess.startswith(GUEST_UNVERIFIED) for guess in transition.guesses)


def failed_connection_on_fenced_node(cib: Cib, transition: Transition) -> bool:
    """A remote connection whose monitor failed on a cluster node fenced in this transition:
    2.1.5 fences the remote node too ('resources are active but connection is unrecoverable')
    and stops what runs there, this scheduler moves the connection (remote-recover-connection
    with galera-2's monitor failed on controller-1)."""
    remote = connections(cib)
    fenced = {item.node for item in transition.summary if item.verb == "Fence"}
    return any(history.id in remote and any(r.operation == "monitor" and r.interval_ms and r.target_rc is not None
                                            and r.rc_code != r.target_rc for r in history.operations)
               for state in cib.node_states if state.uname in fenced for history in state.history)


def stopped_monitor_of_unrecoverable_connection(cib: Cib, transition: Transition) -> bool:
    """A remote connection with a monitor for the Stopped role, stopped while its remote node is
    fenced: 2.1.5 starts that monitor on every cluster node (the stopped one too) and shows the
    connection Stopped, this scheduler neither (remote-fence-before-reconnect with such a monitor
    on c7auto4: bench seed 120004)."""
    watched = {config.id for config in cib.resources if isinstance(config, Primitive) and is_connection(config)
               and any(op.name == "monitor" and (op.role or "").lower() == "stopped" for op in config.operations)}
    fenced = {item.node for item in transition.summary if item.verb == "Fence"}
    return any(item.verb == "Stop" and item.resource in watched and item.resource in fenced
               for item in transition.summary)


def fences_node_of_orphaned_connection(cib: Cib, transition: Transition) -> bool:
    """The remote node of a connection left only in the history (removed from the configuration,
    not a guest node) fenced: 2.1.5 deletes the orphaned connection and shows its node RemoteOFFLINE when the
    connection's last operation stopped it after a failure, this scheduler fences it as
    unrecoverable (remote-reconnect-delay with remote-rhel7-3 removed: bench seed 120101
    --family promotable)."""
    configured = {config.id for config in cib.resources if is_connection(config)}
    configured |= {guest_name(rsc) or "" for top in cib.resources for rsc in walk(top) if isinstance(rsc, Primitive)}
    stopped = set()
    for state in cib.node_states:
        for history in state.history:
            if history.provider == "pacemaker" and history.agent_type == "remote" and history.operations:
                last = max(history.operations, key=lambda r: r.call_id)
                if last.operation == "stop" and last.rc_code == 0:
                    stopped.add(history.id)
    return any(item.verb == "Fence" and item.node in stopped - configured for item in transition.summary)


def stopped_monitor_beside_fenced_guest(cib: Cib, transition: Transition) -> bool:
    """A monitor for the Stopped role of any resource while a guest node is fenced: 2.1.5 orders
    that monitor into the guest's recovery (bug-rh-1097457 with one on FSlun3: the guest lamaVM2
    comes back, FSlun3 moves), this scheduler leaves the guest offline and FSlun3 active on two
    nodes (bench seed 120102 --family 'remote/guest node')."""
    watched = any(op.name == "monitor" and (op.role or "").lower() == "stopped"
                  for top in cib.resources for rsc in walk(top) if isinstance(rsc, Primitive) for op in rsc.operations)
    return watched and any(item.verb == "Fence" and item.container for item in transition.summary)
