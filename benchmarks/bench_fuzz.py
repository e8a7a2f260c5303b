"""A longer fuzz run over every simulated tool than the test suite's.

    .venv/bin/python benchmarks/bench_fuzz.py [EXAMPLES] [SEED]

EXAMPLES lists of one to four command lines (the suite's strategy, tests/test_command_fuzz.py),
each run on a fresh service lab. Prints how many command lines were tried and the first one that
crashed, answered with an internal error, or changed the cluster while failing, if any; exits 1 then.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import test_command_fuzz as fuzz  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="?", type=int, default=3000)
    parser.add_argument("seed", nargs="?", type=int, default=0)
    args = parser.parse_args()
    examples, chosen = args.examples, args.seed
    tried: list[str] = []

    @seed(chosen)
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(fuzz.command_lines, min_size=1, max_size=4))
    def search(lines) -> None:
        fuzz.run_lines(lines, tried)

    started = time.perf_counter()
    try:
        search()
        verdict, failed = "no failure", False
    except AssertionError as error:
        verdict, failed = f"FAILURE: {str(error)[:400]}", True
    print(f"{len(tried)} command lines in {examples} examples, seed {chosen}, "
          f"{time.perf_counter() - started:.1f} s: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
