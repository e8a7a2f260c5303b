"""cibadmin against the real Pacemaker 2.1.5 cibadmin on the simulator's own CIB (CIB_file=...):
the same exit code, verdict line, output and resulting configuration; a refusal changes nothing.

A fixed sample of tests/cibadmin_variants.py (every family: each operation with and without a
section, wrong sections, the whole <cib>, invalid XML, schema violations, existing and missing
ids); benchmarks/bench_cibadmin_differential.py runs all of them and prints the agreement.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cibadmin_variants import COMMANDS, disagreement

pytestmark = pytest.mark.skipif(shutil.which("cibadmin") is None,
                                reason="real Pacemaker tools not installed (apt-get install pacemaker-cli-utils)")

SAMPLE = COMMANDS[::15]  # benchmarks/bench_cibadmin_differential.py: all 551 agree


@pytest.mark.parametrize("command", SAMPLE)
def test_same_verdict_and_configuration_as_the_real_cibadmin(command: str, tmp_path: Path) -> None:
    assert disagreement(command, tmp_path) is None
