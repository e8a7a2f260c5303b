"""Honesty-gate predicates for Pacemaker Remote nodes (remote.py): the transitions where a remote
node's situation goes beyond what was checked against the real crm_simulate."""

from __future__ import annotations

from ..cib.model import Cib
from .remote import is_connection
from .transition import Transition
from .unmodelled_variants import statuses

CONNECTION_ACTS = ("Move", "Migrate", "Stop", "Recover", "Restart")


def connections(cib: Cib) -> set:
    return {config.id for config in cib.resources if is_connection(config)}


def unmanaged_on_moving_remote(cib: Cib, transition: Transition) -> bool:
    """A resource unmanaged or blocked on a remote node whose connection moves, stops or
    restarts (2.1.5 blocks the connection's stop: variant of remote-move)."""
    remote = connections(cib)
    acting = {item.resource for item in transition.summary if item.verb in CONNECTION_ACTS} & remote
    return any((not status.managed or status.blocked) and set(status.nodes) & acting
               for status in statuses(transition.before))


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


def frozen_without_quorum(cib: Cib, transition: Transition) -> bool:
    """no-quorum-policy=freeze without quorum: 2.1.5 stops what runs on a remote node whose
    connection may not start, blocked on that start (variant of remote-recover)."""
    return not cib.have_quorum and (cib.properties.get("no-quorum-policy") or "").strip().lower() == "freeze"
