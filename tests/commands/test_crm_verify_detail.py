"""crm_verify -VV on a cluster whose status makes the scheduler log warnings the simulator does not
reproduce (a failed operation, an unclean node ...): refused by name, while the plain and
-V verdicts stay those of the real tool (bench_crm_verify_scheduler.py; the real tool logs
`unpack_rsc_op_failure` and `pcmk__threshold_reached` warnings at -VV, which the lab once left out)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.crm_verify_checks import unmodelled_detail
from tests.runtime_scenarios import real_tool
from tests.sim.topology import service_lab

pytestmark = pytest.mark.skipif(shutil.which("crm_verify") is None, reason="real crm_verify not installed")


def _failed_lab():
    lab = service_lab()
    lab.fail_resource("dummy1")
    lab.advance(30)
    return lab


def test_vv_after_a_failure_is_refused_by_name() -> None:
    result = _failed_lab().run("node1", "crm_verify -L -VV")
    assert result.rc == 69 and "not simulated" in result.stderr and "failed operations" in result.stderr
    assert "halab rig up" in result.stderr


@pytest.mark.parametrize("flags", ["-L", "-L -V"])
def test_the_verdict_after_a_failure_is_the_real_ones(flags: str, tmp_path: Path) -> None:
    lab = _failed_lab()
    real = real_tool(["crm_verify", *flags.split()], lab.run("node1", "cibadmin -Q").stdout, tmp_path)
    ours = lab.run("node1", f"crm_verify {flags}")
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)


def test_vv_on_a_settled_cluster_is_the_real_ones(tmp_path: Path) -> None:
    lab = service_lab()
    exported = lab.run("node1", "cibadmin -Q").stdout
    assert unmodelled_detail(etree.fromstring(exported.encode())) is None
    real = real_tool(["crm_verify", "-L", "-VV"], exported, tmp_path)
    ours = lab.run("node1", "crm_verify -L -VV")
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)


@pytest.mark.parametrize(("case", "reason"), [
    ("systemhealth1", "neither cleanly up nor cleanly down"),
    ("shutdown-maintenance-node", "node that is down"),
    ("orphan-0", "no longer configured"),
])
def test_what_the_scheduler_warns_of_at_vv_is_named(case: str, reason: str) -> None:
    path = Path("/work/shared/pacemaker-2.1.5/scheduler/cases") / f"{case}.xml"
    if not path.exists():
        pytest.skip("public scheduler cases not available")
    found = unmodelled_detail(etree.parse(str(path)).getroot())
    assert found is not None and reason in found


@pytest.mark.parametrize("case", ["quorum-3", "suicide-not-needed-never-quorate", "attrs1"])
def test_vv_without_quorum_is_the_real_ones(case: str) -> None:
    """A CIB without quorum (have-quorum false or absent): the scheduler's plain warning after the cluster
    options, "Fencing and resource management disabled due to lack of quorum", as the real tool logs it
    (not with no-quorum-policy=ignore: attrs1)."""
    from benchmarks.bench_crm_verify_scheduler import SCHEDULER, ours, real

    path = SCHEDULER / "cases" / f"{case}.xml"
    if not path.exists():
        pytest.skip("public scheduler cases not available")
    mine = ours(etree.parse(str(path)).getroot(), 2)
    assert mine == real(path, 2) and ("lack of quorum" in mine[1]) == (case != "attrs1")
