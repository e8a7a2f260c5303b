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
