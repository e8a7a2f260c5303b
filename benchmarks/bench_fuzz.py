"""A longer fuzz run over every simulated tool than the test suite's.

    .venv/bin/python benchmarks/bench_fuzz.py [EXAMPLES]

Prints how many command lines were tried and the first one that crashed, hung or
changed the cluster while failing, if any.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import test_command_fuzz as fuzz  # noqa: E402


def main() -> None:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    inner = fuzz.test_commands_never_crash_and_failures_change_nothing.hypothesis.inner_test

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(fuzz.command_lines, min_size=1, max_size=4))
    def search(lines) -> None:
        inner(lines)

    started = time.perf_counter()
    try:
        search()
        verdict = "no failure"
    except AssertionError as error:
        verdict = f"FAILURE: {str(error)[:400]}"
    print(f"{len(fuzz.TRIED)} command lines in {time.perf_counter() - started:.1f} s: {verdict}")


if __name__ == "__main__":
    main()
