"""Generated operator sequences on real `pcs -f` and on ours: how many commands differ, and which.

    .venv/bin/python benchmarks/bench_operator_differential.py [SEQUENCES] [LENGTH] [SEED]

The generator (tests/commands/operator_sequences.py) writes plausible operator
commands of the issue-14 families, valid and invalid; each runs on real pcs
0.11.5 in sequence, and ours runs each command on the CIB real pcs had before
it, so a difference stays local to its command. Prints every differing command
(exit code, Error/Warning lines, stdout, configuration) and the counts; exits 1
if any command differs. Real pcs costs ~0.3 s a command: 20 sequences of 40
take a few minutes.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.commands import operator_sequences as gen  # noqa: E402
from tests.commands.pcs_differential import real_pcs_available  # noqa: E402


def main() -> int:
    sequences = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    length = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    if not real_pcs_available():
        print("real pcs is not installed")
        return 2
    started = time.perf_counter()
    start = gen.start_cib()
    compared = 0
    differing: dict[str, list[str]] = {}
    by_aspect: Counter[str] = Counter()
    for block in gen.sequences(seed, sequences, length):
        compared += len(block)
        for command, aspect, theirs, mine in gen.differences(gen.real_steps(block, start)):
            differing.setdefault(command, []).append(f"  [{aspect}]\n{gen.describe(aspect, theirs, mine)}")
            by_aspect[aspect] += 1
    for command, details in differing.items():
        print(f"DIFF pcs {command}")
        print("\n".join(details))
    print(f"seed {seed}: {compared} generated commands in {sequences} sequences, {len(differing)} differ "
          f"(by aspect: {dict(by_aspect)}), {time.perf_counter() - started:.0f} s")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
