"""`pcs cluster verify [--full]` in a lab, byte for byte against real pcs 0.11.5 on the lab's own CIB."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel import Lab

pytestmark = pytest.mark.skipif(not shutil.which("pcs") or not shutil.which("crm_verify"),
                                reason="needs Debian's pcs and pacemaker (the real tools)")


@pytest.mark.parametrize("fencing", ["true", "false"])
@pytest.mark.parametrize("full", [False, True])
def test_cluster_verify_is_what_real_pcs_says_of_the_same_cib(tmp_path: Path, fencing: str, full: bool) -> None:
    lab = Lab.simulated(nodes=3, seed=1)
    lab.wait_until(lambda state: state.dc is not None, 60)
    assert lab.run("node1", f"pcs property set stonith-enabled={fencing}").ok
    lab.advance(5)
    command = "pcs cluster verify" + (" --full" if full else "")
    ours = lab.run("node1", command)
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    real = subprocess.run(["pcs", "-f", str(cib), "cluster", "verify"] + (["--full"] if full else []),
                          capture_output=True, text=True, timeout=60)
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)


@pytest.mark.parametrize("promoted", [False, True])
def test_a_bans_warning_is_real_pcss_word_for_word(tmp_path: Path, promoted: bool) -> None:
    """The whole stderr of `pcs resource ban` (the differential compares pcs's Error/Warning lines, not the
    tab-indented lines after them): with --promoted it prevents promotion, not running."""
    lab = Lab.simulated(nodes=3, seed=1)
    lab.wait_until(lambda state: state.dc is not None, 60)
    assert lab.run("node1", "pcs resource create s ocf:pacemaker:Stateful promotable").ok
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    command = ["resource", "ban", "s-clone", "node2"] + (["--promoted"] if promoted else [])
    ours = lab.run("node1", "pcs " + " ".join(command))
    real = subprocess.run(["pcs", "-f", str(cib), *command], capture_output=True, text=True, timeout=60)
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)
