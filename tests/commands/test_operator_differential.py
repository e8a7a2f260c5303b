"""Randomized differential test: generated operator sequences on real `pcs -f` and on ours.

A bounded, seeded slice of tests/commands/operator_sequences.py (the
benchmark benchmarks/bench_operator_differential.py runs many more): a few
sequences of manage/unmanage, lifetimes, rules, tags, tickets, alerts,
fencing levels, sets, utilization, op variants and clone/group commands,
valid and invalid. Every command must give real pcs's exit code,
Error/Warning lines, stdout and configuration. Real pcs's answers are kept
in pytest's cache, keyed by pcs version and the generated commands.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess

import pytest

from tests.commands import operator_sequences as gen
from tests.commands import pcs_differential as diff

SEED, SEQUENCES, LENGTH = 14, 3, 25
BLOCKS = gen.sequences(SEED, SEQUENCES, LENGTH)
pytestmark = pytest.mark.skipif(not diff.real_pcs_available(),
                                reason="real pcs is not installed (apt install pcs pacemaker-cli-utils)")


@pytest.fixture(scope="session")
def real_steps(request: pytest.FixtureRequest) -> list[list[tuple[str, diff.Step]]]:
    version = subprocess.run(["pcs", "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    cache = getattr(request.config, "cache", None)
    digest = hashlib.sha256(json.dumps([gen.SETUP, BLOCKS]).encode()).hexdigest()[:16]
    key = f"halab/operator-differential/{version}/{diff.MESSAGES_FORMAT}/{digest}"
    cached = cache.get(key, None) if cache else None
    if cached is None:
        start = gen.start_cib()
        cached = [[[before, diff.to_dict([step])[0]] for before, step in gen.real_steps(block, start)]
                  for block in BLOCKS]
        if cache:
            cache.set(key, cached)
    return [[(before, diff.from_dict([step])[0]) for before, step in block] for block in cached]


@pytest.mark.slow
@pytest.mark.parametrize("index", range(SEQUENCES))
def test_generated_sequence_matches_real_pcs(index: int, real_steps: list[list[tuple[str, diff.Step]]]) -> None:
    differences = gen.differences(real_steps[index])
    report = "\n".join(f"pcs {command} [{aspect}]\n{gen.describe(aspect, theirs, mine)[:1500]}"
                       for command, aspect, theirs, mine in differences)
    assert not differences, report


def test_the_generator_covers_every_family_valid_and_invalid() -> None:
    """Each family appears in a modest run, and so do the mistakes an operator makes."""
    rnd = random.Random(SEED)
    for name, family in gen.FAMILIES.items():
        lines = [family(rnd, n) for n in range(60)]
        assert len(set(lines)) > 10, name
    commands = [line for block in gen.sequences(SEED, 20, 40) for line in block]
    # a score that is no number (score=abc in a rule, node3=abc in prefers/avoids)
    assert any(re.search(r"(score|node\d)=abc", command) for command in commands)
    for needle in ("lifetime=", "--force", "nope", "date-spec", " or ", "regexp%", "attrib%",
                   "setoptions", "recipient add", "OCF_CHECK_LEVEL=10", "tag update", "ticket add",
                   "unmanage", "utilization", "--promoted"):
        assert any(needle in command for command in commands), needle
