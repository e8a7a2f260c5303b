"""The simulator's transition against the real crm_simulate 2.1.5 on random CIBs.

Skipped when `crm_simulate` is not installed or the oracle's compare.py is absent. The
generated cases are written to a temporary folder only.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.commands.crm_simulate import simulate_text
from halab_kernel.sim.pacemaker.cib import parse_cib

from .random_cib import random_cib

COMPARE = Path(__file__).resolve().parents[3] / ".." / "shared" / "pacemaker-2.1.5" / "scheduler" / "compare.py"
SEEDS = range(40)


def _tools():
    real = shutil.which("crm_simulate") or shutil.which("crm_simulate", path="/usr/sbin:/sbin")
    if real is None:
        pytest.skip("the real crm_simulate is not installed (apt-get install pacemaker-cli-utils)")
    if not COMPARE.exists():
        pytest.skip(f"compare.py not found at {COMPARE} (the ../shared folder is absent)")
    spec = importlib.util.spec_from_file_location("scheduler_compare", COMPARE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return real, module


def test_random_clusters_get_the_same_transition_as_real_pacemaker(tmp_path):
    real_tool, compare = _tools()
    env = {"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    mismatches = []
    for seed in SEEDS:
        xml = random_cib(seed)
        path = tmp_path / f"{seed}.xml"
        path.write_text(xml)
        real = subprocess.run([real_tool, "-x", str(path), "-S"], capture_output=True, text=True,
                              timeout=60, env=env).stdout
        ours = simulate_text(parse_cib(xml))
        result = compare.compare_texts(real, ours, anon=True)
        if not result["match"]:
            mismatches.append((seed, result["actions_missing"], result["actions_extra"]))
    print(f"{len(SEEDS) - len(mismatches)}/{len(SEEDS)} random CIBs match; differing: {mismatches}")
    assert len(mismatches) <= len(SEEDS) // 10, mismatches
