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
from typing import Any, Mapping

from halab_kernel import Lab

BACKENDS = ("sim", "ssh")


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
