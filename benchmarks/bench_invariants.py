"""A longer invariant search than the test suite's: many random fault campaigns.

    .venv/bin/python benchmarks/bench_invariants.py [EXAMPLES]

Prints how many campaigns ran, how long they took, and the first failing
campaign if any (safety: a primitive active twice with fencing on; liveness:
the service not back after the faults and a cleanup).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.sim import test_invariants as invariants  # noqa: E402


def main() -> None:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    counted = []
    inner = invariants.test_fencing_never_lets_a_service_run_twice_and_it_comes_back.hypothesis.inner_test

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(invariants.campaign)
    def search(steps) -> None:
        counted.append(1)
        inner(steps)

    started = time.perf_counter()
    try:
        search()
        verdict = "no violation"
    except AssertionError as error:
        verdict = f"VIOLATION: {str(error)[:400]}"
    print(f"{len(counted)} campaigns in {time.perf_counter() - started:.1f} s: {verdict}")


if __name__ == "__main__":
    main()
