"""`pcs -f FILE status nodes` and `status cluster` against real pcs 0.11.5 on public scheduler cases' CIBs:
the same output (but for crm_mon's "Last updated" time), or a refusal by name where the simulator's crm_mon
does not reproduce the file (remote nodes, bundles, ...)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from tests.scheduler_verdicts import ORACLE

CASES = ("utilization-shuffle", "multiple-monitor-one-failed", "promoted-9", "rec-node-12", "coloc-unpromoted-anti",
         "standby", "node-maintenance-1", "bug-lf-2171", "migrate-partial-4", "remote-move", "bundle-order-startup")
VIEWS = ("status nodes", "status cluster", "status nodes --full", "status cluster extra")

pytestmark = pytest.mark.skipif(not ORACLE.exists() or shutil.which("pcs") is None,
                                reason="needs ../shared/pacemaker-2.1.5/scheduler and the real pcs")


def _shown(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Last updated:" not in line]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("case", CASES)
def test_status_views_of_a_file_are_real_pcs_or_refused_by_name(case: str, view: str) -> None:
    path = ORACLE / "cases" / f"{case}.xml"
    if not path.exists():
        pytest.skip(f"{case} is not among the public cases")
    real = subprocess.run(["pcs", "-f", str(path), *view.split()], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LC_ALL": "C"})
    ours = run_pcs(["-f", "cib.xml", *view.split()], etree.parse(str(path)).getroot()).result
    if ours.rc != 0 and "not simulated" in ours.stderr:
        assert "halab rig up" in ours.stderr and real.returncode == 0
        return
    assert (ours.rc, _shown(ours.stdout), ours.stderr.strip()) == \
        (real.returncode, _shown(real.stdout), real.stderr.strip())


def test_the_views_that_read_this_machine_or_a_live_cluster_stay_refused(tmp_path: Path) -> None:
    root = etree.parse(str(ORACLE / "cases" / "standby.xml")).getroot()
    for view in ("status nodes config", "status xml"):
        outcome = run_pcs(["-f", "cib.xml", *view.split()], root).result
        assert outcome.rc == 1 and "not simulated" in outcome.stderr, view
    both = run_pcs(["-f", "cib.xml", "status", "nodes", "both"], root).result
    assert both.stderr.strip() == "Error: Specified option '-f' is not supported in this command"


@pytest.mark.parametrize("case", ["shutdown-lock", "failcount", "696", "whitebox-fail1", "migrate-fail-7", "cloned-group"])
def test_resource_list_of_a_file_is_real_pcs_or_refused_by_name(case: str) -> None:
    """crm_mon's reading of the file at pcs's "now" (failures expired, shutdown locks), or crm_mon's refusal where
    its resource list is not reproduced (pending actions, guest nodes, partial migrations, duplicate instances)."""
    from datetime import datetime, timezone

    path = ORACLE / "cases" / f"{case}.xml"
    real = subprocess.run(["pcs", "-f", str(path), "resource", "status"], capture_output=True, text=True, timeout=120)
    ours = run_pcs(["-f", "cib.xml", "resource", "status"], etree.parse(str(path)).getroot(),
                   now=datetime.now(timezone.utc)).result
    if case in ("shutdown-lock", "failcount"):
        assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)
    else:
        assert ours.rc == 1 and "crm_mon: not simulated: " in ours.stderr and real.returncode == 0
    if case == "shutdown-lock":
        assert "Stopped node2 (LOCKED)" in ours.stdout


def _xml_of_files(tiers: list[str]) -> None:
    """`python -m tests.commands.test_pcs_status_of_file 1 2 3`: why `pcs -f FILE status xml` stays refused: the
    simulator's crm_mon XML of each public case CIB it reads against real `crm_mon --one-shot --inactive
    --output-as xml` on the file (but pacemakerd's element and the clock); prints the totals."""
    import time

    from halab_kernel.commands.crm_mon import file_scene, render_as_xml, unmodelled_details
    from tests.test_crm_mon_differential import _ordered_xml

    argv = ["--one-shot", "--inactive", "--output-as", "xml"]
    totals = {"same": 0, "refused": 0, "differ": 0}
    for name in (name for tier in tiers for name in (ORACLE / f"tier{tier}-public.txt").read_text().split()):
        path = ORACLE / "cases" / f"{name}.xml"
        if not path.exists():
            continue
        scene = file_scene(etree.parse(str(path)).getroot(), int(time.time()))
        if scene is None or unmodelled_details(scene.reading.cib, detail=True):
            totals["refused"] += 1
            continue
        real = subprocess.run(["crm_mon", *argv], env={**os.environ, "CIB_file": str(path)}, capture_output=True,
                              text=True, timeout=120)
        same = _ordered_xml(render_as_xml(scene, argv)) == _ordered_xml(real.stdout)
        totals["same" if same else "differ"] += 1
    print(", ".join(f"{count} {what}" for what, count in totals.items()))


if __name__ == "__main__":
    import sys

    _xml_of_files(sys.argv[1:] or ["1", "2"])
