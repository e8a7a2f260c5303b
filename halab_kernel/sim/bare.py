"""Machines before there is a cluster: packages installed, pcsd running, no corosync.conf.

`Lab.simulated(nodes=3, bare=True)` powers the nodes without starting corosync
or Pacemaker and records here what `pcs host auth` and `pcs cluster setup`
change on them (commands/pcs_cluster_build.py): which hosts each node's pcsd
knows (its known-hosts) and whether the cluster has been set up (corosync.conf
written on every node). A lab built normally has no entry: it is set up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary


@dataclass
class BareCluster:
    """pcsd's knowledge on each node, and whether `pcs cluster setup` ran."""

    known_hosts: dict[str, set[str]] = field(default_factory=dict)  # node -> hosts it authenticated
    set_up: bool = False
    hacluster_password: str = "secret"  # what `passwd hacluster` set on every machine (the course's bare labs say so)


_BARE: "WeakKeyDictionary[Any, BareCluster]" = WeakKeyDictionary()


def leave_bare(sim: Any) -> None:
    """Power every node of a simulator created with start=[], with no cluster daemon started."""
    for machine in sim.machines.values():
        machine.powered = True
        machine.cluster_enabled = False  # pcs cluster setup (destroy first) leaves corosync and pacemaker disabled
    _BARE[sim] = BareCluster({name: set() for name in sim.node_names})


def bare_state(sim: Any) -> BareCluster | None:
    """The pre-cluster state of a bare lab, None for a lab built as a cluster."""
    return _BARE.get(sim)
