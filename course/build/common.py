"""Cells every course notebook shares: the backend choice at the top."""

from __future__ import annotations

from cells import code, md


def backend_cells(checks: str, nodes: int = 3, seed: int = 0) -> list:
    """The "which cluster?" cell, first in every notebook, and its explanation."""
    return [
        md("""
        ### Which cluster does this notebook drive?

        By default the **simulator**: a deterministic model of Corosync 3.1.7 / Pacemaker 2.1.5 that
        runs in virtual time, so a minute of cluster life takes milliseconds and the same seed always
        tells the same story. To drive **real nodes** instead, write
        `open_lab("ssh", inventory="~/halab-inventory.toml")` below (or ask your instructor to set
        `HALAB_BACKEND=ssh` for the class). On real nodes the node names are yours, time is wall time,
        and faults need `allow_faults` (on by default here: use a lab cluster, never production).
        Start each notebook from a fresh cluster, as the simulator does (on a rig:
        `halab rig down && halab rig up`, a few seconds): notebooks reuse resource names. Graded
        exercises always build their own simulated cluster, so grades never depend on which backend
        you chose.
        """),
        code(f"""
        from halab_kernel import Lab
        from halab_graders import check_button, open_lab
        from halab_graders import {checks} as checks

        lab = open_lab(nodes={nodes}, seed={seed})   # or: open_lab("ssh", inventory="~/halab-inventory.toml")
        first, second, third = lab.node_names[:3]
        lab
        """),
    ]
