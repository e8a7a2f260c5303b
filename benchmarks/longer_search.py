"""Run a property test of the suite for many more examples than the suite affords.

Shared by bench_invariants.py and bench_fuzz.py: both take the body of a hypothesis test
from the suite and search with the same strategy, longer, printing what they found.
"""

from __future__ import annotations

import time
from typing import Any, Callable

from hypothesis import HealthCheck, given, seed, settings


def longer_search(test: Any, strategy: Any, examples: int, count: Callable[[], int], what: str,
                  chosen: int | None = None) -> None:
    """Run `test`'s body on `examples` inputs drawn from `strategy` (seeded by `chosen` if given);
    print the count and verdict."""
    inner = test.hypothesis.inner_test

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def search(value) -> None:
        inner(value)

    if chosen is not None:
        search = seed(chosen)(search)

    started = time.perf_counter()
    try:
        search()
        verdict = "no failure"
    except AssertionError as error:
        verdict = f"FAILURE: {str(error)[:400]}"
    print(f"{count()} {what} (seed {chosen}) in {time.perf_counter() - started:.1f} s: {verdict}")
