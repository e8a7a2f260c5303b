"""Generated corosync.conf variants judged as real corosync 3.1.7's `corosync -t` judges them.

A fixed sample of tests/sim/corosync_variants.py (valid 2- and 3-node files mutated one to three
times), of its second family (keys in the wrong section, nozzle / qb / resources, crypto
and device matrices, sections nested where they do not belong, long, unicode and NUL text,
syntax oddities) and of its third (quorum option combinations, nodelist shapes, timeout
relations, full interface sections, logging and system values, duplicate sections) and of its fourth
(third-family files moved onto a lab, judged by real corosync on the lab machine the simulator describes);
benchmarks/bench_corosync_validity.py runs thousands more and prints the agreement.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sim.corosync_variants import (compared, disagreement, focus_variant, lab_machine_of, lab_variant,
                                         namespaces_work, odd_variant, real_verdict_on, simulated_verdict, variant,
                                         variants)

SAMPLE = range(120)
ODD_SAMPLE = range(60)
FOCUS_SAMPLE = range(100, 160)  # seed 28: a node at fd00::2, this test machine's own address
LAB_SAMPLE = range(0, 300, 10)


def test_the_variants_mix_accepted_and_refused_files() -> None:
    verdicts = [simulated_verdict(text) for text in variants(len(SAMPLE)).values()]
    accepted = verdicts.count(None)
    assert 20 <= accepted <= len(verdicts) - 40
    assert len({verdict for verdict in verdicts if verdict}) > 40


def test_a_seed_always_gives_the_same_file() -> None:
    assert variant(7) == variant(7) and variant(7) != variant(8)


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
def test_same_verdict_as_real_corosync(tmp_path: Path) -> None:
    """Differential: each file through the simulator and through `corosync -t -c FILE`."""
    wrong = {seed: found for seed, text in variants(len(SAMPLE)).items() if (found := disagreement(text, tmp_path))}
    assert wrong == {}


def test_the_second_family_mixes_accepted_and_refused_files() -> None:
    verdicts = [simulated_verdict(odd_variant(seed)) for seed in ODD_SAMPLE]
    assert 10 <= verdicts.count(None) <= len(verdicts) - 20
    assert odd_variant(3) == odd_variant(3) != variant(3)


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
def test_second_family_same_verdict_as_real_corosync(tmp_path: Path) -> None:
    wrong = {seed: found for seed in ODD_SAMPLE if (found := disagreement(odd_variant(seed), tmp_path))}
    assert wrong == {}


def test_the_third_family_mixes_accepted_and_refused_files() -> None:
    verdicts = [simulated_verdict(focus_variant(seed)) for seed in FOCUS_SAMPLE]
    assert 10 <= verdicts.count(None) <= len(verdicts) - 20
    assert focus_variant(3) == focus_variant(3) != odd_variant(3)


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
def test_third_family_same_verdict_as_real_corosync(tmp_path: Path) -> None:
    wrong = {seed: found for seed in FOCUS_SAMPLE if (found := disagreement(focus_variant(seed), tmp_path))}
    assert wrong == {}


def test_the_fourth_family_is_lab_files_accepted_and_refused() -> None:
    texts = [lab_variant(seed) for seed in LAB_SAMPLE]
    assert sum(lab_machine_of(text) is not None for text in texts) >= len(texts) - 5
    verdicts = [simulated_verdict(text) for text in texts]
    assert 5 <= verdicts.count(None) <= len(verdicts) - 5
    assert lab_variant(3) == lab_variant(3) != focus_variant(3)


@pytest.mark.skipif(not namespaces_work(), reason="needs root, unshare(1) and corosync to make a lab machine")
def test_fourth_family_same_verdict_as_real_corosync_on_the_lab_machine(tmp_path: Path) -> None:
    wrong = {}
    for seed in LAB_SAMPLE:
        text, machine = lab_variant(seed), lab_machine_of(lab_variant(seed))
        found = disagreement(text, tmp_path) if machine is None else compared(
            *real_verdict_on(text, machine, tmp_path), simulated_verdict(text))
        if found:
            wrong[seed] = found
    assert wrong == {}
