"""Hand-made operator sequences on real `pcs -f` and on ours: how many commands differ, and which.

    .venv/bin/python benchmarks/bench_operator_handmade.py [FILE...]

The generator (tests/commands/operator_sequences.py) favours what it already knows; these
sequences (tests/commands/operator_handmade/*.txt, one pcs command a line after `pcs -f CIB`,
`#` comments) were typed the way an operator types: odd option order, --force and --wait,
meta/op placement, Promoted/Unpromoted and Master/Slave, lifetimes, date-spec and duration
rules, and/or with parentheses, odd ids, deleting what other things reference, empty values,
fencing levels by attribute and regexp, alert recipients, utilization, properties; and the course's
own topics (course_*.txt): creating the cluster (`host auth`, `cluster setup`, `cluster start --all`,
which a CIB file refuses as real pcs does), the virtual IP, web server and filesystem with groups,
clones and ping rules, constraints with rules and lifetimes, fencing levels and fence tests,
properties, cleanup/refresh/failcount, op and resource defaults, a day of operations. Each file is one
sequence from the generator's configured CIB; ours runs each command on the CIB real pcs had before
it. Prints every differing command and the counts; exits 1 if any differs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.commands import operator_sequences as gen  # noqa: E402
from tests.commands.pcs_differential import real_pcs_available  # noqa: E402

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "commands" / "operator_handmade"


def main() -> int:
    if not real_pcs_available():
        print("real pcs is not installed")
        return 2
    files = [Path(arg) for arg in sys.argv[1:]] or sorted(FOLDER.glob("*.txt"))
    started = time.perf_counter()
    start = gen.start_cib()
    compared, differing = 0, 0
    for path in files:
        block = [line for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]
        compared += len(block)
        found = gen.differences(gen.real_steps(block, start))
        commands = sorted({command for command, *_ in found})
        differing += len(commands)
        print(f"{path.name}: {len(block)} commands, {len(commands)} differ")
        for command, aspect, theirs, mine in found:
            print(f"  DIFF pcs {command} [{aspect}]\n{gen.describe(aspect, theirs, mine)}")
    print(f"{compared} hand-made commands in {len(files)} sequences, {differing} differ, "
          f"{time.perf_counter() - started:.0f} s")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
