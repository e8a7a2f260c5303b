"""Differential test: our pcs against real `pcs -f CIB` on the corpus in pcs_corpus.txt.

For every command of every sequence: same exit code, same Error/Warning
lines, same stdout, same resulting configuration section. Real pcs takes
~0.8 s a call, so its answers are computed once per session (two sequences
at a time) and kept in pytest's cache keyed by pcs version and sequence.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.commands import pcs_differential as diff

BLOCKS = diff.load_corpus()
pytestmark = pytest.mark.skipif(not diff.real_pcs_available(),
                                reason="real pcs is not installed (apt install pcs pacemaker-cli-utils)")


def _pcs_version() -> str:
    done = subprocess.run(["pcs", "--version"], capture_output=True, text=True, timeout=60)
    return done.stdout.strip()


@pytest.fixture(scope="session")
def real_answers(request: pytest.FixtureRequest) -> list[list[diff.Step]]:
    version = _pcs_version()
    cache = getattr(request.config, "cache", None)  # absent with -p no:cacheprovider
    keys = [f"halab/pcs-differential/{version}/{diff.MESSAGES_FORMAT}/"
            + hashlib.sha256((diff.BASE_CIB + "\n".join(block)).encode()).hexdigest()[:16]
            for block in BLOCKS]
    cached = [cache.get(key, None) if cache else None for key in keys]
    missing = [i for i, item in enumerate(cached) if item is None]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for index, steps in zip(missing, pool.map(lambda i: diff.run_real(BLOCKS[i]), missing)):
            cached[index] = diff.to_dict(steps)
            if cache:
                cache.set(keys[index], cached[index])
    return [diff.from_dict(item) for item in cached]


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=[b[0][:40] for b in BLOCKS])
def test_sequence_matches_real_pcs(index: int, real_answers: list[list[diff.Step]]) -> None:
    differences = diff.compare(real_answers[index], diff.run_ours(BLOCKS[index]))
    report = "\n".join(f"pcs {command} [{aspect}]\n  real: {json.dumps(theirs)[:400]}\n  ours: {json.dumps(mine)[:400]}"
                       for command, aspect, theirs, mine in differences)
    assert not differences, report


def test_corpus_covers_valid_and_invalid_commands() -> None:
    commands = [command for block in BLOCKS for command in block]
    assert len(commands) >= 300
    # missing required param, unknown agent, bad score, missing resource, unknown option, typo
    for needle in ("IPaddr2 cidr_netmask=24", "ocf:heartbeat:Nope", "=abc", "resource delete nope",
                   "--frobnicate", "resource crate"):
        assert any(needle in command for command in commands), needle


@pytest.mark.slow
def test_the_runner_answers_like_the_pcs_executable() -> None:
    """The fork-per-command runner must be indistinguishable from calling `pcs` itself."""
    block = ["resource create d ocf:pacemaker:Dummy", "resource create d ocf:pacemaker:Dummy",
             "constraint location d prefers node1=abc", "property set stonith-enabled=false",
             "resource config"]
    assert diff.run_real(block) == diff.run_real_one_process_per_command(block)
