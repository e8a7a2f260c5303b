"""Fuzzing pcs command lines: never a traceback, never a half-applied change.

Generated and mutated command lines (from the differential corpus's words,
with random tokens mixed in) run on a configured CIB. Whatever happens, the
input CIB is untouched, a failing command returns no CIB, and a succeeding
one returns a CIB whose ids are still unique. Budget: 300 examples by
default; set HALAB_PCS_FUZZ_EXAMPLES for a longer run, e.g.

    HALAB_PCS_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/commands/test_pcs_fuzz.py \
        --hypothesis-show-statistics
"""

from __future__ import annotations

import os
import shlex
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from tests.commands import pcs_differential as diff

EXAMPLES = int(os.environ.get("HALAB_PCS_FUZZ_EXAMPLES", "300"))
CORPUS_LINES = [shlex.split(line) for block in diff.load_corpus() for line in block]
WORDS = sorted({word for line in CORPUS_LINES for word in line})
TRIED: Counter[str] = Counter()


def _configured_cib() -> etree._Element:
    cib = etree.fromstring(diff.BASE_CIB.encode())
    for line in diff.load_corpus()[0]:
        outcome = run_pcs(["-f", "cib.xml", *shlex.split(line)], cib)
        cib = outcome.cib if outcome.cib is not None else cib
    return cib


CIB = _configured_cib()
CIB_TEXT = etree.tostring(CIB, method="c14n")

token = st.one_of(st.sampled_from(WORDS), st.text(max_size=12),
                  st.sampled_from(["--force", "-f", "--", "=", "-INFINITY", "op", "meta", "clone", "with", "then"]))
generated = st.lists(token, min_size=0, max_size=10)


@st.composite
def mutated(draw: st.DrawFn) -> list[str]:
    words = list(draw(st.sampled_from(CORPUS_LINES)))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["drop", "replace", "insert", "swap"]))
        index = draw(st.integers(0, max(len(words) - 1, 0)))
        if action == "drop" and words:
            words.pop(index)
        elif action == "replace" and words:
            words[index] = draw(token)
        elif action == "insert":
            words.insert(index, draw(token))
        elif action == "swap" and len(words) > 1:
            other = draw(st.integers(0, len(words) - 1))
            words[index], words[other] = words[other], words[index]
    return words


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(generated, mutated()))
def test_pcs_never_raises_and_never_half_applies(argv: list[str]) -> None:
    TRIED["inputs"] += 1
    outcome = run_pcs(["-f", "cib.xml", *argv], CIB)
    assert etree.tostring(CIB, method="c14n") == CIB_TEXT, "the input CIB was modified"
    assert outcome.result.rc in (0, 1, 2)
    if outcome.result.rc != 0:
        assert outcome.cib is None or diff.pushes_step_by_step(argv), "a failure changed the CIB"
        assert outcome.result.stderr, "a failure must say why"
    elif outcome.cib is not None:
        ids = [element.get("id") for element in outcome.cib.iter() if element.get("id") is not None
               and element.tag not in ("node", "node_state", "lrm", "transient_attributes")]
        assert len(ids) == len(set(ids)), "duplicate ids in the new CIB"


def test_fuzzing_tried_the_budget() -> None:
    """Reports how many inputs the property above tried (runs after it in file order)."""
    print(f"\npcs fuzz: {TRIED['inputs']} command lines tried")
    assert TRIED["inputs"] >= min(EXAMPLES, 100)
