"""`pcs resource relocate` and `pcs resource debug-*` (issue 14).

relocate dry-run plans on a CIB with a status section: the simulator's lab
exports its CIB (`cibadmin -Q`) and real `pcs -f` (which runs the real
crm_simulate) must announce the same constraints as ours. The debug
commands print crm_resource's answer; its lines were taken from the real
crm_resource --force-check/--force-start on this machine's agents.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from halab_kernel.lab import Lab

SETUP = [
    "pcs resource create d1 ocf:pacemaker:Dummy",
    "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100/24",
    "pcs resource create s ocf:pacemaker:Stateful promotable",
    "pcs stonith create f1 fence_dummy pcmk_host_list='node1 node2 node3'",
    "pcs resource create g1 ocf:pacemaker:Dummy --group grp",
    "pcs resource create c ocf:pacemaker:Dummy clone",
]


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(3)
    lab.advance(60)
    for command in SETUP:
        assert lab.run("node1", command).rc == 0, command
    lab.advance(120)
    return lab


def test_debug_commands_answer_like_crm_resource(lab: Lab) -> None:
    monitor = lab.run("node1", "pcs resource debug-monitor d1")
    assert (monitor.rc, monitor.stdout) == (0, "Operation force-check for d1 (ocf:pacemaker:Dummy) returned 0 (ok)\n")
    promoted = lab.run("node1", "pcs resource debug-monitor s")
    assert promoted.rc == 8
    assert promoted.stdout.splitlines() == ["crm_resource: Error performing operation: Promoted",
                                            "Operation force-check for s (ocf:pacemaker:Stateful) returned 8 (promoted)"]
    vip = lab.run("node1", "pcs resource debug-start vip")
    assert vip.rc == 6
    lines = vip.stdout.splitlines()
    assert lines[:2] == ["crm_resource: Error performing operation: Not configured",
                         "Operation force-start for vip (ocf:heartbeat:IPaddr2) returned 6 (not configured: "
                         "[findif] failed)"]
    assert lines[2].endswith(" ERROR: IP address [10.200.0.100/24] not valid.")
    assert lines[3] == "ocf-exit-reason:[findif] failed"
    group = lab.run("node1", "pcs resource debug-start grp")
    assert (group.rc, group.stderr) == (1, "Error: unable to debug-start a group, try one of the group's "
                                           "resource(s) (g1)\n")
    fence = lab.run("node1", "pcs resource debug-start f1")
    assert fence.rc == 3 and "Manual execution of the stonith standard is unsupported" in fence.stdout
    behind_its_back = lab.run("node1", "pcs resource debug-stop d1")
    assert behind_its_back.rc == 1 and "halab rig up" in behind_its_back.stderr
    with_file = lab.run("node1", "pcs -f x resource debug-start d1")
    assert with_file.stderr == "Error: Specified option '-f' is not supported in this command\n"


def _ours(cib: str, argv: list[str]) -> tuple[int, str]:
    outcome = run_pcs(["-f", "cib.xml", *argv], etree.fromstring(cib.encode()))
    assert outcome.cib is None  # dry-run changes nothing
    return outcome.result.rc, outcome.result.stderr


@pytest.mark.skipif(shutil.which("pcs") is None, reason="real pcs 0.11.5 is not installed")
def test_relocate_dry_run_matches_real_pcs(lab: Lab, tmp_path: Path) -> None:
    assert lab.run("node1", "pcs resource ban d1 node1").rc == 0
    assert lab.run("node1", "pcs resource ban s-clone node1 --promoted").rc == 0
    lab.advance(60)
    cib = lab.run("node1", "cibadmin -Q").stdout
    for argv in (["resource", "relocate", "dry-run"], ["resource", "relocate", "dry-run", "d1", "c-clone"],
                 ["resource", "relocate", "dry-run", "s-clone"], ["resource", "relocate", "dry-run", "nope"]):
        path = tmp_path / "cib.xml"
        path.write_text(cib)
        real = subprocess.run(["pcs", "-f", str(path), *argv], capture_output=True, text=True, timeout=60)
        assert _ours(cib, argv) == (real.returncode, real.stderr), argv


def test_relocate_run_does_what_dry_run_announced(lab: Lab) -> None:
    assert lab.run("node1", "pcs resource defaults update resource-stickiness=100").rc == 0
    assert lab.run("node1", "pcs constraint location d1 prefers node1=50").rc == 0
    assert lab.run("node1", "pcs resource clear d1").rc == 0  # d1 stays where the ban sent it: stickiness
    lab.advance(60)
    dry = lab.run("node1", "pcs resource relocate dry-run d1")
    assert "Creating location constraint: d1 prefers node1=INFINITY" in dry.stderr
    run = lab.run("node1", "pcs resource relocate run d1")
    assert (run.rc, run.stderr) == (0, dry.stderr)
    assert "pcs-relocate-" not in lab.run("node1", "cibadmin -Q").stdout
    assert lab.run("node1", "crm_resource --locate -r d1").stdout == "resource d1 is running on: node1\n"


# Ordered sets measured with the real crm_simulate 2.1.5 (1: it aborts on a fatal assertion, so pcs's
# relocate says "Unable to run crm_simulate"; 0: it runs).
_ABORTING_SETS = {
    "d1 set d1": 0, "d1 d2 set d1": 1, "d1 d2 set d2": 0, "d1 d2 set d3 d1": 1, "d1 d2 set d3 d2": 1,
    "d1 d1": 0, "d1 d2 d1": 0, "d1 sequential=false set d1": 0, "d1 d2 set d2 d3": 1, "d1 d2 set d2 d1": 1,
    "d1 d2 set d1 d3": 1, "d1 set d2 set d1": 0, "d1 d2 set d1 setoptions symmetrical=false": 1,
    "d1 d2 set d1 setoptions kind=Optional": 1, "d1 d2 sequential=false set d1": 0,
    "d1 d2 set d1 sequential=false": 1, "d1 d2 role=Started set d1 action=promote": 0, "d1 set d1 d2": 1,
    "d1 set d2 d1": 1, "d2 d1 set d1": 0, "d1 d2 set d3 set d1": 0, "d1 d2 d3 set d3": 0, "d1 d2 d3 set d2": 1,
    "d1 d2 set d2 setoptions symmetrical=false": 0, "d1 d2 sequential=false set d1 d3": 1,
}


@pytest.mark.parametrize("spec, aborts", sorted(_ABORTING_SETS.items()))
def test_dry_run_refuses_the_ordered_sets_crm_simulate_aborts_on(spec: str, aborts: int) -> None:
    from tests.commands.pcs_differential import BASE_CIB
    cib = etree.fromstring(BASE_CIB.encode())
    for line in ("resource create d1 ocf:pacemaker:Dummy", "resource create d2 ocf:pacemaker:Dummy",
                 "resource create d3 ocf:pacemaker:Dummy", f"constraint order set {spec}"):
        outcome = run_pcs(["-f", "cib.xml", *line.split()], cib)
        assert outcome.result.rc == 0, (line, outcome.result.stderr)
        cib = outcome.cib
    answer = run_pcs(["-f", "cib.xml", "resource", "relocate", "dry-run"], cib)
    assert answer.result.rc == aborts, answer.result.stderr
    assert ("Unable to run crm_simulate" in answer.result.stderr) == bool(aborts)


def test_an_aborting_dry_run_passes_crm_simulate_output_on_as_pcs() -> None:
    """Real crm_simulate 2.1.5 prints the current status, then its fatal assertion; pcs prints both
    after "Unable to run crm_simulate:" (operator differential seed 5051: the simulator said more)."""
    from tests.commands.pcs_differential import BASE_CIB
    cib = etree.fromstring(BASE_CIB.encode())
    for line in ("resource create d1 ocf:pacemaker:Dummy", "resource create d2 ocf:pacemaker:Dummy",
                 "constraint order set d1 d2 set d1"):
        cib = run_pcs(["-f", "cib.xml", *line.split()], cib).cib
    answer = run_pcs(["-f", "cib.xml", "resource", "relocate", "dry-run"], cib).result
    assert answer.rc == 1 and answer.stderr == (
        "Error: Unable to run crm_simulate:\nCurrent cluster status:\n  * Node List:\n"
        "    * Node node1: UNCLEAN (offline)\n    * Node node2: UNCLEAN (offline)\n"
        "    * Node node3: UNCLEAN (offline)\n\n  * Full List of Resources:\n"
        "    * d1\t(ocf:pacemaker:Dummy):\t Stopped\n    * d2\t(ocf:pacemaker:Dummy):\t Stopped\n"
        "(log_assertion_as) \terror: order_actions: Triggered fatal assertion at utils.c:492 : lh_action != rh_action"
        "\n\n")
