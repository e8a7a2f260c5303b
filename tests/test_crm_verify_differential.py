"""crm_verify's checks (commands/crm_verify_*.py) against the installed crm_verify 2.1.5 on a sample
of the public scheduler CIBs and of mutated copies (benchmarks/bench_crm_verify_scheduler.py runs
them all): every run is the real tool's exit code and output at no -V, -V and -VV, or refused by
name -- and never rc 0 where the real tool finds the configuration invalid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.bench_crm_verify_scheduler import SCHEDULER, cases, ours, real
from benchmarks.crm_verify_mutate import mutate

pytestmark = [
    pytest.mark.skipif(shutil.which("crm_verify") is None, reason="real crm_verify (Pacemaker 2.1.5) not installed"),
    pytest.mark.skipif(not SCHEDULER.exists(), reason="public scheduler cases (../shared) not available"),
]

SAMPLE = 24   # cases of each kind (plain, mutated): about 30 s with the real tool


def _sample(mutated: bool) -> list[str]:
    names = cases(["1", "2", "3"]) if SCHEDULER.exists() else []
    step = max(1, len(names) // SAMPLE)
    return names[1 if mutated else 0::step][:SAMPLE]


def _runs(name: str, seed: str | None, tmp_path: Path) -> list[tuple[int, tuple[int, str], tuple[int, str] | str]]:
    path = SCHEDULER / "cases" / f"{name}.xml"
    root = etree.parse(str(path)).getroot()
    if seed is not None:
        root = mutate(root, f"{seed}:{name}")
        path = tmp_path / f"{name}.xml"
        path.write_bytes(etree.tostring(root))
    return [(verbosity, real(path, verbosity), ours(root, verbosity)) for verbosity in (0, 1, 2)]


def _judge(name: str, runs: list) -> list[str]:
    wrong = []
    for verbosity, theirs, mine in runs:
        if isinstance(mine, str):
            assert mine, "a refusal names what is not simulated"
        elif mine != theirs:
            wrong.append(f"{name} -{'V' * verbosity}: ours {mine!r}, real {theirs!r}")
    return wrong


@pytest.mark.parametrize("name", _sample(False))
def test_public_case_is_the_real_verdict_or_refused(name: str, tmp_path: Path) -> None:
    assert not _judge(name, _runs(name, None, tmp_path))


@pytest.mark.parametrize("name", _sample(True))
def test_mutated_case_is_never_silently_valid(name: str, tmp_path: Path) -> None:
    """A mutated CIB (a duplicate operation, a bad role or value ...): never rc 0 where the real tool
    says the configuration is invalid; what differs otherwise is listed by the benchmark."""
    for verbosity, theirs, mine in _runs(name, "7070", tmp_path):
        if not isinstance(mine, str):
            assert not (mine[0] == 0 and theirs[0] != 0), (name, verbosity, mine, theirs)
