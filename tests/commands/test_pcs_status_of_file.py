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
