"""`pcs cluster verify [--full]` in a lab and on CIB files (`pcs -f`), byte for byte against real pcs 0.11.5: on
the lab's own CIB and on the public scheduler cases' CIBs (`python -m tests.commands.test_pcs_cluster_verify
[TIERS]` compares all of them)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel import Lab
from halab_kernel.commands.pcs import run_pcs

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


SCHEDULER = Path("/work/shared/pacemaker-2.1.5/scheduler")
SAMPLE = 60    # public case CIBs the test compares (the script below compares them all)


def _case_names(tiers: str = "123") -> list[str]:
    return [name for tier in tiers for name in (SCHEDULER / f"tier{tier}-public.txt").read_text().split()]


def _real_on_files(paths: list[Path], arguments: list[str]) -> list[dict]:
    """`pcs -f PATH <arguments>` on each file, through one import of the real pcs (real_pcs_runner.py)."""
    from tests.commands.pcs_differential import RUNNER, SYSTEM_PYTHON

    request = {"commands": [arguments] * len(paths), "files": [str(path) for path in paths]}
    done = subprocess.run([SYSTEM_PYTHON, str(RUNNER)], input=json.dumps(request), capture_output=True, text=True,
                          timeout=60 + 5 * len(paths), cwd=paths[0].parent)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def compare_public_cases(names: list[str], folder: Path) -> tuple[int, list[str], list[str]]:
    """`pcs -f CASE.xml cluster verify` and `... --full` on each public case CIB, real pcs against ours:
    (identical runs, refusals by name, differences described)."""
    paths = []
    for name in names:
        path = folder / f"{name}.xml"
        path.write_bytes((SCHEDULER / "cases" / f"{name}.xml").read_bytes())
        paths.append(path)
    same, refused, differing = 0, [], []
    now = datetime.now(timezone.utc)
    for arguments in (["cluster", "verify"], ["cluster", "verify", "--full"]):
        for path, real in zip(paths, _real_on_files(paths, arguments)):
            root = etree.fromstring(path.read_bytes())
            ours = run_pcs(["-f", str(path), *arguments], root, offline=True, now=now).result
            if "not simulated" in ours.stderr:
                assert ours.rc == 1 and "halab rig up" in ours.stderr, ours
                refused.append(f"{path.stem} {' '.join(arguments)}: {ours.stderr.strip()}")
            elif (ours.rc, ours.stdout, ours.stderr) == (real["rc"], real["stdout"], real["stderr"]):
                same += 1
            else:
                differing.append(f"{path.stem} {' '.join(arguments)}:\n  ours {(ours.rc, ours.stdout, ours.stderr)!r}"
                                 f"\n  real {(real['rc'], real['stdout'], real['stderr'])!r}")
    return same, refused, differing


@pytest.mark.skipif(not SCHEDULER.exists(), reason="public scheduler cases (../shared) not available")
def test_cluster_verify_of_public_case_cibs_is_real_pcs_or_refused_by_name(tmp_path: Path) -> None:
    """crm_verify's verdict wrapped as pcs wraps it ("Error: invalid cib:", the "-V" hint replaced by
    "Use --full ...", --full's -V -V findings, the quorum warning of a file without quorum), byte for byte on
    a sample of the public scheduler cases' CIBs; most are answered, the rest refused by name."""
    names = _case_names()
    sample = names[::max(1, len(names) // SAMPLE)][:SAMPLE]
    same, refused, differing = compare_public_cases(sample, tmp_path)
    assert not differing, "\n".join(differing)
    assert same >= len(sample), (same, refused[:10])   # at least half of the 2 x SAMPLE runs answered


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        found = compare_public_cases(_case_names(sys.argv[1] if len(sys.argv) > 1 else "123"), Path(scratch))
    print("\n".join(found[2]))
    print(f"identical {found[0]}, refused {len(found[1])}, differing {len(found[2])}")
