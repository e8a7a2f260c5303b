"""A longer fuzz run over every simulated tool than the test suite's.

    .venv/bin/python benchmarks/bench_fuzz.py [EXAMPLES]

Prints how many command lines were tried and the first one that crashed, hung or changed the
cluster while failing, if any.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hypothesis import strategies as st  # noqa: E402

from longer_search import longer_search  # noqa: E402
from tests import test_command_fuzz as fuzz  # noqa: E402

if __name__ == "__main__":
    longer_search(fuzz.test_commands_never_crash_and_failures_change_nothing,
                  st.lists(fuzz.command_lines, min_size=1, max_size=4),
                  int(sys.argv[1]) if len(sys.argv) > 1 else 3000, lambda: len(fuzz.TRIED), "command lines")
