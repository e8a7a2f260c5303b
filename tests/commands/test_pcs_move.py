"""`pcs resource move` on a running simulated cluster against pcs 0.11.5's own rehearsal run
with the real Pacemaker tools.

Real `pcs resource move` needs a live cluster, so the oracle replays what pcs does before
touching one (pcs/lib/commands/resource.py, move_autoclean), step for step, with the real
tools on the simulator's `cibadmin -Q`: `crm_resource --move` on a copy, `crm_simulate -S
--save-output` to run the transition, `crm_mon --output-as=xml` to see where the resource
went, `crm_resource --clear`, `crm_simulate` again to see whether the resource would move
back. The simulator's pcs must reach the same verdict, and on refusal change nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.lab import Lab

pytestmark = pytest.mark.skipif(shutil.which("crm_simulate") is None,
                                reason="real Pacemaker tools not installed (apt-get install pacemaker-cli-utils)")

MOVING = {"start", "stop", "promote", "demote", "migrate_to", "migrate_from"}
REFUSED_MOVE = "Unable to move resource"
WOULD_MOVE_BACK = "Unable to ensure that moved resource"

STICKY = "pcs resource defaults update resource-stickiness=1"
SETUPS = {
    "plain": [],
    "sticky": [STICKY],
    "prefers-node1": ["pcs constraint location web prefers node1=50"],
    "prefers-node1-sticky": ["pcs constraint location web prefers node1=50",
                             "pcs resource defaults update resource-stickiness=100"],
    "colocated-with-db": ["pcs constraint colocation add web with db INFINITY", STICKY],
    "db-follows-web": ["pcs constraint colocation add db with web INFINITY", STICKY],
    "banned-elsewhere": ["pcs constraint location web avoids node2 node3", STICKY],
}
MOVES = [("web", None), ("web", "node3"), ("db", None)]


def _lab(setup: list[str]) -> Lab:
    lab = Lab.simulated(3, seed=3)
    for command in ["pcs property set stonith-enabled=false",
                    "pcs resource create db ocf:pacemaker:Dummy",
                    "pcs resource create web ocf:pacemaker:Dummy", *setup]:
        assert lab.run("node1", command).ok, command
    assert lab.wait_until(lambda s: all(r.nodes for r in s.resources), 60)
    lab.advance(10)
    return lab


def _tool(args: list[str], cib: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, env={**os.environ, "CIB_file": str(cib)}, capture_output=True, text=True,
                          timeout=60, **kwargs)


def _running(cib: Path, rsc: str) -> dict[str, list[str]]:
    """pcs's get_resource_state: roles and nodes of the resource in crm_mon's XML."""
    status = etree.fromstring(_tool(["crm_mon", "--one-shot", "--inactive", "--output-as", "xml"], cib).stdout)
    found: dict[str, set[str]] = {}
    for resource in status.iterfind(f".//resource[@id='{rsc}']"):
        if resource.get("failed") != "true" and resource.get("role") in ("Started", "Promoted", "Unpromoted"):
            found.setdefault(resource.get("role"), set()).update(n.get("name") for n in resource.iterfind("node"))
    return {role: sorted(nodes) for role, nodes in found.items()}


def _simulate(cib: Path, output: Path) -> set[str]:
    """Run the transition on paper (real crm_simulate); the primitives it would start/stop."""
    graph = output.with_suffix(".graph")
    result = subprocess.run(["crm_simulate", "--simulate", "--save-output", str(output), "--save-graph", str(graph),
                             "--xml-file", str(cib)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return {primitive.get("id") for op in etree.parse(str(graph)).iterfind("synapse/action_set/rsc_op")
            if op.get("operation", "").lower() in MOVING for primitive in op.iterfind("primitive")}


def real_rehearsal(cib_text: str, rsc: str, node: str | None, folder: Path) -> str:
    """pcs 0.11.5's verdict before it touches the cluster: "ok", or the reason it refuses."""
    live = folder / "live.xml"
    live.write_text(cib_text)
    before = _running(live, rsc)
    moved = folder / "moved.xml"
    shutil.copy(live, moved)
    placed = _tool(["crm_resource", "--move", "--resource", rsc] + (["--node", node] if node else []), moved)
    if placed.returncode:
        return "crm_resource: " + placed.stderr.strip().splitlines()[-1].removeprefix("crm_resource: ")
    after_move = folder / "after-move.xml"
    _simulate(moved, after_move)
    after = _running(after_move, rsc)
    on = set(after.get("Started", []) + after.get("Promoted", []))
    if before and (not on or (node and node not in on) or before == after):
        return REFUSED_MOVE
    cleared = folder / "cleared.xml"
    shutil.copy(after_move, cleared)
    _tool(["crm_resource", "--clear", "--resource", rsc] + (["--node", node] if node else []), cleared)
    if rsc in _simulate(cleared, folder / "after-clear.xml"):
        return WOULD_MOVE_BACK
    return "ok"


def _our_verdict(stderr: str) -> str:
    if "Requested item already exists" in stderr:
        return "crm_resource: Error performing operation: Requested item already exists"
    for reason in (REFUSED_MOVE, WOULD_MOVE_BACK):
        if reason in stderr:
            return reason
    return "ok"


@pytest.mark.parametrize("rsc,node", MOVES, ids=lambda value: str(value))
@pytest.mark.parametrize("setup", sorted(SETUPS))
def test_move_verdict_is_pcs_rehearsal_with_the_real_tools(setup: str, rsc: str, node: str | None,
                                                           tmp_path: Path) -> None:
    lab = _lab(SETUPS[setup])
    expected = real_rehearsal(lab.run("node1", "cibadmin -Q").stdout, rsc, node, tmp_path)
    configuration = lab.run("node1", "cibadmin -Q -o configuration").stdout
    before = lab.state().resource(rsc).nodes
    result = lab.run("node1", f"pcs resource move {rsc}" + (f" {node}" if node else ""))
    assert _our_verdict(result.stderr) == expected, result.stderr
    if expected == "ok":
        assert result.rc == 0
        where = lab.state().resource(rsc).nodes
        assert where != before and (node is None or where == (node,)), where
        assert f"resource '{rsc}' is running on node '{where[0]}'" in result.stderr
        assert "cli-" not in lab.run("node1", "cibadmin -Q -o constraints").stdout  # the constraint is gone
    else:
        assert result.rc == 1
        assert lab.run("node1", "cibadmin -Q -o configuration").stdout == configuration


def test_move_refusals_in_pcs_words() -> None:
    lab = _lab(["pcs constraint location web prefers node1=10"])
    lab.run("node1", "pcs resource create idle ocf:pacemaker:Dummy --disabled")
    lab.run("node1", "pcs resource create pinger ocf:pacemaker:Dummy clone")
    lab.advance(10)
    cases = {
        "pcs resource move idle": "Error: It is not possible to move resource 'idle' as it is not running at the "
                                  "moment",
        "pcs resource move pinger-clone": "Error: cannot move cloned resources\n"
                                          "Error: Errors have occurred, therefore pcs is unable to continue",
        "pcs resource move nosuch": "Error: bundle/clone/group/resource 'nosuch' does not exist\n"
                                    "Error: Errors have occurred, therefore pcs is unable to continue",
        "pcs resource move web node9": "Error: Node 'node9' does not appear to exist in configuration\n"
                                       "Error: Errors have occurred, therefore pcs is unable to continue",
        "pcs resource move web node1": "Error: cannot move resource 'web'\n"
                                       "crm_resource: Error performing operation: Requested item already exists",
    }
    for command, message in cases.items():
        result = lab.run("node1", command)
        assert (result.rc, result.stderr.strip()) == (1, message), command


def test_strict_move_names_the_resources_that_would_follow() -> None:
    lab = _lab(SETUPS["db-follows-web"])
    placed = {r.id: r.nodes for r in lab.state().resources}
    target = next(n for n in ("node1", "node2", "node3") if (n,) != placed["web"])
    result = lab.run("node1", f"pcs resource move web {target} --strict")
    assert (result.rc, result.stderr.strip()) == (1, "Error: Moving resource 'web' affects resource: 'db'")
    assert {r.id: r.nodes for r in lab.state().resources} == placed
    assert lab.run("node1", f"pcs resource move web {target}").rc == 0  # without --strict, db may follow
    assert {r.id: r.nodes for r in lab.state().resources} == {"db": (target,), "web": (target,)}
