"""A longer invariant search than the test suite's: many random fault campaigns.

    .venv/bin/python benchmarks/bench_invariants.py [EXAMPLES] [SEED]

Prints how many campaigns ran, how long they took, and the first failing campaign if any
(safety: a primitive active twice with fencing on; liveness: the service not back after the
faults and a cleanup).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from longer_search import longer_search  # noqa: E402
from tests.sim import test_invariants as invariants  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="?", type=int, default=1000, help="random fault campaigns")
    parser.add_argument("seed", nargs="?", type=int, default=None, help="hypothesis seed (random if left out)")
    args = parser.parse_args()
    campaigns = []
    test = invariants.test_fencing_never_lets_a_service_run_twice_and_it_comes_back
    original = test.hypothesis.inner_test

    def counted(steps) -> None:
        campaigns.append(1)
        original(steps)

    test.hypothesis.inner_test = counted
    longer_search(test, invariants.campaign, args.examples, lambda: len(campaigns), "campaigns", args.seed)
