"""The first cell of every course notebook: which cluster this notebook drives.

`open_lab()` gives the simulator by default. A real cluster is chosen with
`open_lab("ssh", inventory="...")` in the cell, or for a whole class with the
environment variables `HALAB_BACKEND=ssh` and `HALAB_INVENTORY=/path/to/inventory.toml`
set on the hub, so nobody edits notebooks. While nbgrader grades
(`NBGRADER_EXECUTION`), notebooks always run on the simulator: grading must
be reproducible and must never touch real machines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping

from halab_kernel import Lab

BACKENDS = ("sim", "ssh")


@dataclass(frozen=True)
class Site:
    """The values of the cluster's own world that the notebooks' commands need.

    A floating address must be a free address of the nodes' own network (an
    address elsewhere makes IPaddr2 fail to start on real nodes: no interface
    carries that network), and a Filesystem needs a disk every node sees. The
    simulator accepts the course's example values; real nodes take them from
    the inventory's `[lab]` table (`halab rig up` writes it).
    """

    address: str  # "10.200.0.100": give it to IPaddr2 as ip=...
    netmask: int  # 24: ... and cidr_netmask=...
    disk: str | None  # "/dev/vdb": the shared disk for ocf:heartbeat:Filesystem, if the nodes have one


SIMULATED_SITE = Site(address="10.200.0.100", netmask=24, disk="/dev/vdb")


def chosen_backend(backend: str | None = None) -> str:
    """The backend to use: grading forces "sim"; otherwise the argument, $HALAB_BACKEND, or "sim"."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return "sim"
    choice = (backend or os.environ.get("HALAB_BACKEND") or "sim").strip().lower()
    if choice not in BACKENDS:
        raise ValueError(f"unknown backend {choice!r}: use 'sim' (the simulator) or 'ssh' (real nodes)")
    return choice


def open_lab(backend: str | None = None, *, nodes: int = 3, seed: int = 0,
             corosync: str | Mapping[str, Any] | None = None, inventory: str | None = None,
             allow_faults: bool = True) -> Lab:
    """The notebook's lab: a seeded simulator, or the real nodes of an inventory over SSH.

    On a real cluster `nodes`, `seed` and `corosync` do not apply: the nodes
    and their corosync.conf are whatever the inventory's machines run.
    """
    if chosen_backend(backend) == "sim":
        return Lab.simulated(nodes=nodes, seed=seed, corosync=corosync)
    inventory = inventory or os.environ.get("HALAB_INVENTORY")
    if not inventory:
        raise ValueError("a real cluster needs an inventory: open_lab('ssh', inventory='inventory.toml') "
                         "or set HALAB_INVENTORY (see docs/instructors.md)")
    return Lab.ssh(inventory=os.path.expanduser(inventory), allow_faults=allow_faults)


def lab_site(lab: Lab) -> Site:
    """Where this lab's floating address and shared disk are: the course's values, or the inventory's."""
    if lab.kind == "sim":
        return SIMULATED_SITE
    address = getattr(lab.backend, "service_address", None)
    if not address:
        raise ValueError("these nodes have no free service address: add to the inventory\n"
                         "[lab]\nservice_address = \"A.B.C.D/NN\"   # a free address of the nodes' network")
    host, _, prefix = address.partition("/")
    return Site(address=host, netmask=int(prefix), disk=getattr(lab.backend, "shared_disk", None))
