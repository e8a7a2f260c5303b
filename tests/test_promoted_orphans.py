"""A promotable clone made globally-unique: its instances' history (no instance numbers) becomes an
orphan found Promoted on every node. Real crm_simulate 2.1.5 keeps that orphan Promoted on all of
them in its revised status (its stops wait on demotes it cannot run, and the transition fails);
halab does not model that and refuses by name."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess

import pytest

from halab_kernel.commands.crm_simulate import main as crm_simulate
from tests.scheduler_variants import edited
from tests.scheduler_verdicts import ORACLE

pytestmark = pytest.mark.skipif(not ORACLE.is_dir(), reason="../shared/pacemaker-2.1.5 (GPL test data) is not here")


def test_a_promoted_orphan_on_several_nodes_is_refused_by_name(tmp_path) -> None:
    path = tmp_path / "cib.xml"
    path.write_bytes(edited((ORACLE / "cases" / "bug-cl-5212.xml").read_bytes(),
                            ["meta msPostgresql globally-unique=true"]))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = crm_simulate(["-x", str(path), "-S"])
    assert rc == 69 and out.getvalue() == ""
    assert "not simulated: an orphaned promotable instance active as Promoted on several nodes" in err.getvalue()
    if shutil.which("crm_simulate") is None:
        pytest.skip("the real crm_simulate is not installed")
    real = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True, timeout=60)
    revised = real.stdout.split("Revised Cluster Status:")[1]
    assert "ORPHANED Promoted [ srv02 srv01 srv03 ]" in revised   # what halab would have to show
