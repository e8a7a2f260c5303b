"""The simulator's views against the real Pacemaker 2.1.5 tools over many random campaigns.

Runs `run_campaign(seed, steps)` (tests/view_campaigns.py) for `--count` seeds: random faults
and operator commands in a live simulated lab; after each step the observed node's export
(`cibadmin -Q`) is read by the installed crm_mon (text forms and XML), crm_verify, crm_resource,
crm_attribute and crm_failcount, and by real `crm_simulate -S` when the simulator has nothing
left to do. Reports steps and comparisons made, and every difference: new ones first (one
example per kind), then known gaps in parts other helpers own.

    .venv/bin/python benchmarks/bench_views_differential.py [--count N] [--first SEED] [--steps M]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.view_campaigns import Difference, Tally, known_gap, run_campaign  # noqa: E402


def _kind(difference: Difference) -> tuple[str, str, str]:
    """What makes two differences the same problem: the tool and the first lines that differ."""
    return difference.command.split(" -r ")[0].split(" -N ")[0], difference.ours[:50], difference.real[:50]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="random campaigns")
    parser.add_argument("--first", type=int, default=1000, help="first seed")
    parser.add_argument("--steps", type=int, default=25, help="steps per campaign")
    args = parser.parse_args()
    if shutil.which("crm_mon") is None or shutil.which("crm_simulate") is None:
        print("real Pacemaker tools not installed (apt-get install pacemaker-cli-utils)")
        return 2
    tally, found, crashed = Tally(), [], []
    started = time.perf_counter()
    with ThreadPoolExecutor(3) as pool:
        for seed in range(args.first, args.first + args.count):
            try:
                found += run_campaign(seed, args.steps, tally, pool)
            except Exception as error:  # a campaign that breaks the simulator is a finding too
                crashed.append(f"seed {seed}: {type(error).__name__}: {error}")
    new = [d for d in found if known_gap(d) is None]
    known = Counter(known_gap(d) for d in found if known_gap(d) is not None)
    print(f"{args.count} campaigns x {args.steps} steps: {tally.steps} steps compared, {tally.comparisons} tool "
          f"outputs compared, {tally.settled_checks} settled states judged by real crm_simulate, "
          f"{time.perf_counter() - started:.0f} s")
    print(f"differences: {len(new)} new, {sum(known.values())} in known gaps, {len(crashed)} campaigns crashed")
    examples: dict[tuple[str, str, str], Difference] = {}
    for difference in new:
        examples.setdefault(_kind(difference), difference)
    counts = Counter(_kind(d) for d in new)
    for kind, example in examples.items():
        print(f"\n[{counts[kind]}x] {example}")
    for gap, count in known.items():
        print(f"\nknown gap [{count}x]: {gap}")
    for line in crashed:
        print(f"\ncrashed: {line}")
    return 1 if new or crashed else 0


if __name__ == "__main__":
    sys.exit(main())
