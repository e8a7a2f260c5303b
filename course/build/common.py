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


def prediction_cells(what_it_does: str, target: str, fault_call: str, undo: str = "") -> list:
    """'On real nodes: the simulator's prediction beside reality' (notebooks 02, 03, 07, 08).

    `what_it_does` finishes the sentence "it builds a simulated cluster from your cluster's
    corosync.conf and CIB, ...", `target` is the line choosing the node, `fault_call` the
    `lab.predict_vs_real(...)` arguments, `undo` an optional line run after the comparison.
    """
    undo_line = f"\n        {undo}" if undo else ""
    return [
        md(f"""
    ## On real nodes: the simulator's prediction beside reality

    How far can you trust a model? On real nodes (`lab.kind == "ssh"`) the next cell asks the simulator
    the same question: it builds a simulated cluster from *your* cluster's `corosync.conf` and CIB,
    {what_it_does} there first (the prediction), then does the same for real, and sets both timelines side by
    side, with every difference named (`lab.predict_vs_real`, docs/real-cluster.md). On the simulator
    there is nothing to compare and the cell says so.
    """),
        code(f"""
    if lab.kind == "ssh":
        whole = lambda s: all(n.status == "online" for n in s.nodes) and all(s.quorate(n) for n in s.node_names)
        for node in lab.state().nodes:  # a node this notebook left down is started again first
            if node.status != "online":
                lab.restart(node.name)
        lab.wait_until(whole, "90s")
        {target}
        comparison = lab.predict_vs_real({fault_call}, seconds=25)
        display(comparison, comparison.figure()){undo_line}
        if not lab.wait_until(whole, "60s"):
            lab.restart(target)
            lab.wait_until(whole, "90s")
    else:
        print("Simulator: nothing to compare. On real nodes (halab rig up, Lab.ssh) this shows the prediction beside reality.")
    """),
    ]


RESOURCE_HOLDER = ('holders = [r.nodes[0] for r in lab.state().resources if r.nodes and not r.agent.startswith("stonith:")]'
                   '\n        target = holders[0] if holders else lab.node_names[-1]')
