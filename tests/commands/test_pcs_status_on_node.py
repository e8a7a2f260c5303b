"""`pcs resource status [ID] node=NODE` (crm_mon --node, pcs/status_on_node.py) against real pcs 0.11.5 on the
lab's CIB (`cibadmin -Q`, then `pcs -f FILE ...`), in a lab and on the exported file: the same output, or a
refusal by name (a node tag, bundles, a resource active on several nodes)."""

from __future__ import annotations

import functools
import json
import shlex
import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from tests.commands.pcs_differential import RUNNER, SYSTEM_PYTHON, real_pcs_available
from tests.runtime_scenarios import scenario_lab

# runtime_scenarios' states, and (name -> (a state, then these commands)) a few of this view's own
EXTRA = {"clone disabled": ("anonymous clone", "pcs resource disable c1"),
         "group member disabled": ("placed", "pcs resource disable d1"),
         "fencing levels": ("placed", "pcs stonith level add 1 node1 fence1")}
SCENARIOS = ("placed", "anonymous clone", "globally-unique clone", "promotable clone", "resource disabled",
             "resource unmanaged", "group member fails", "clone instance fails", "node standby",
             "clone, node standby", "promotable, promoted node standby", "stop failure fences the node",
             "maintenance-mode", "unmanaged resource fails", "globally-unique clone, node crashed", *EXTRA)
NODES = ("node1", "node2", "node3", "NODE2", "*", "nodeX")
COMMANDS = tuple(f"{command} node={node}" for node in NODES
                 for command in ("resource status", "resource status --hide-inactive", "stonith status",
                                 "stonith status --hide-inactive", "resource status d2", "resource status d1",
                                 "resource status c1", "status resources p-clone"))

pytestmark = pytest.mark.skipif(not real_pcs_available(), reason="needs the real pcs (apt-get install pcs)")


@functools.lru_cache(maxsize=None)
def _case(scenario: str) -> tuple:
    base, command = EXTRA.get(scenario, (scenario, None))
    lab = scenario_lab(base)
    if command is not None:
        assert lab.run("node1", command).ok
        lab.advance(60)
    return lab, lab.run("node1", "cibadmin -Q").stdout


def _real(cib: str, commands: tuple[str, ...]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cib.xml"
        request = {"cib": str(path), "commands": [shlex.split(c) for c in commands], "reset": cib}
        done = subprocess.run([SYSTEM_PYTHON, str(RUNNER)], input=json.dumps(request), capture_output=True,
                              text=True, timeout=600, cwd=tmp)
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_resource_status_on_a_node_is_real_pcs_or_refused_by_name(scenario: str) -> None:
    lab, cib = _case(scenario)
    refused = []
    for command, real in zip(COMMANDS, _real(cib, COMMANDS)):
        live = lab.run("node1", f"pcs {command}")
        on_file = run_pcs(["-f", "cib.xml", *shlex.split(command)], etree.fromstring(cib.encode())).result
        for ours in (live, on_file):
            if ours.rc == 1 and "not simulated" in ours.stderr:
                assert "halab rig up" in ours.stderr and not ours.stdout and real["rc"] == 0, command
                refused.append(command)
                continue
            assert (ours.rc, ours.stdout, ours.stderr) == (real["rc"], real["stdout"], real["stderr"]), command
    assert len(refused) <= len(COMMANDS) // 4, refused  # the model covers these states, refusals are the odd cases
    print(f"{scenario}: {2 * len(COMMANDS) - len(refused)} the same, {len(refused)} refused")


def test_what_node_shows() -> None:
    """The differential compares whole outputs; these are the rules it was written for."""
    lab, _ = _case("anonymous clone")
    placed = lab.run("node1", "pcs resource status c1 node=node2").stdout
    assert placed == "  * Clone Set: c1-clone [c1]:\n    * Started: [ node2 ]\n"
    stopped, _ = _case("resource disabled")
    for node in ("node1", "nodeX"):  # a resource active nowhere is listed for every node
        assert "d2\t(ocf:heartbeat:Dummy):\t Stopped (disabled)" in stopped.run("node1", f"pcs resource status node={node}").stdout
    disabled, _ = _case("clone disabled")  # a clone's Stopped list keeps the node, or goes
    assert disabled.run("node1", "pcs resource status c1 node=NODE3").stdout.endswith("* Stopped (disabled): [ node3 ]\n")
    assert disabled.run("node1", "pcs resource status c1 node=nodeX").stdout == "  * Clone Set: c1-clone [c1]:\n"
    assert lab.run("node1", "pcs resource status d2 node=nodeX").stdout == "No active resources\n"
    levels, _ = _case("fencing levels")  # pcs lists them only for a `stonith status` without arguments
    assert "Fencing Levels:" in levels.run("node1", "pcs stonith status").stdout
    assert "Fencing Levels:" not in levels.run("node1", "pcs stonith status node=node1").stdout
    member, _ = _case("group member disabled")  # a member goes with its group, which is active elsewhere
    assert member.run("node1", "pcs resource status d1 node=node1").stdout == "No active resources\n"


def test_a_node_tag_is_refused_by_name() -> None:
    lab, _ = _case("placed")
    assert lab.run("node1", "pcs tag create pair node1 node2").rc != 0  # pcs tags resources only
    cib = etree.fromstring(lab.run("node1", "cibadmin -Q").stdout.encode())
    tags = etree.SubElement(cib.find("configuration"), "tags")
    tag = etree.SubElement(tags, "tag", id="pair")
    etree.SubElement(tag, "obj_ref", id="1")
    refused = run_pcs(["-f", "cib.xml", "resource", "status", "node=pair"], cib).result
    assert refused.rc == 1 and "crm_mon --node) of a tag (pair) is not simulated" in refused.stderr


def _public_cases(tiers: list[str]) -> None:
    """`python -m tests.commands.test_pcs_status_on_node 1 2 3`: the resource listings of the public case CIBs of
    those tiers (without and with node= of their first node) against real pcs -f at the wall clock: the totals
    of the same, refused by name, and differing (each named)."""
    from datetime import datetime, timezone

    from tests.scheduler_verdicts import ORACLE

    totals = {"same": 0, "refused": 0, "differ": 0}
    for name in (name for tier in tiers for name in (ORACLE / f"tier{tier}-public.txt").read_text().split()):
        path = ORACLE / "cases" / f"{name}.xml"
        if not path.exists():
            continue
        cib = etree.parse(str(path)).getroot()
        first = next((node.get("uname", "") for node in cib.iterfind("configuration/nodes/node")), "none")
        commands = tuple(f"{command}{suffix}" for suffix in ("", f" node={first}")
                         for command in ("resource status", "stonith status", "resource status --hide-inactive"))
        for command, real in zip(commands, _real(path.read_text(), commands)):
            ours = run_pcs(["-f", "cib.xml", *shlex.split(command)], cib, now=datetime.now(timezone.utc)).result
            if ours.rc == 1 and "not simulated" in ours.stderr:
                totals["refused"] += 1
            elif (ours.rc, ours.stdout, ours.stderr) == (real["rc"], real["stdout"], real["stderr"]):
                totals["same"] += 1
            else:
                totals["differ"] += 1
                print(f"differ: {name}: pcs -f CIB {command}")
    print(", ".join(f"{count} {what}" for what, count in totals.items()))


if __name__ == "__main__":
    import sys

    _public_cases(sys.argv[1:] or ["1", "2"])
