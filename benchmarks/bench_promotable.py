"""Promotable clones: agreement with the real crm_simulate 2.1.5 on many random CIBs, and speed.

Runs `promotable_cib(seed)` (tests/test_promotable_differential.py) for `--count` seeds through
the simulator and the installed real `crm_simulate -S`, compares them as the oracle's compare.py
does (anonymous clone instances), and reports the agreement, the differing seeds and the
in-process `schedule()` time.

    .venv/bin/python benchmarks/bench_promotable.py [--count N] [--first SEED] [--unique] [--groups]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from halab_kernel.commands.crm_simulate import simulate_text  # noqa: E402
from halab_kernel.sim.pacemaker.cib import parse_cib  # noqa: E402
from halab_kernel.sim.pacemaker.scheduler import schedule  # noqa: E402
from tests.test_promotable_differential import COMPARE, promotable_cib, real_summary  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="random CIBs to compare")
    parser.add_argument("--first", type=int, default=0, help="first seed")
    parser.add_argument("--unique", action="store_true",
                        help="globally-unique clones, compared with their instance numbers")
    parser.add_argument("--groups", action="store_true", help="clones of a group of two Stateful resources")
    args = parser.parse_args()
    tool = shutil.which("crm_simulate") or shutil.which("crm_simulate", path="/usr/sbin:/sbin")
    if tool is None or not COMPARE.exists():
        print("needs the real crm_simulate and ../shared/pacemaker-2.1.5/scheduler/compare.py")
        return 1
    spec = importlib.util.spec_from_file_location("scheduler_compare", COMPARE)
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    differing, timings = [], []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.first, args.first + args.count):
            xml = promotable_cib(seed, unique=args.unique, groups=args.groups)
            path = Path(folder) / f"{seed}.xml"
            path.write_text(xml)
            cib = parse_cib(xml)
            start = time.perf_counter()
            schedule(cib)
            timings.append((time.perf_counter() - start) * 1000)
            result = compare.compare_texts(real_summary(tool, path), simulate_text(cib), anon=not args.unique)
            if not result["match"]:
                differing.append(seed)
    agreeing = args.count - len(differing)
    kind = ("globally-unique " if args.unique else "") + ("grouped " if args.groups else "") + "promotable"
    print(f"{kind} CIBs: {agreeing}/{args.count} agree with the real crm_simulate "
          f"({100 * agreeing / args.count:.1f}%)")
    print(f"differing seeds: {differing}")
    print(f"schedule(): median {statistics.median(timings):.2f} ms, max {max(timings):.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
