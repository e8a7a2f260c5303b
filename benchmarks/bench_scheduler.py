"""Scheduler speed: in-process `schedule()` time per public case (median, p90),
side by side with the installed real `crm_simulate -S` wall time per case.

    .venv/bin/python benchmarks/bench_scheduler.py [--repeat N] [--no-real]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from halab_kernel.sim.pacemaker.cib import parse_cib_file
from halab_kernel.sim.pacemaker.scheduler import schedule

ORACLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "pacemaker-2.1.5" / "scheduler"


def _percentile(values: list, fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="in-process runs per case (best kept)")
    parser.add_argument("--no-real", action="store_true", help="skip the real crm_simulate")
    args = parser.parse_args()
    if not ORACLE.exists():
        print(f"oracle cases not found at {ORACLE}")
        return 1
    names = []
    for tier in (1, 2, 3):
        names += [n.strip() for n in (ORACLE / f"tier{tier}-public.txt").read_text().splitlines() if n.strip()]
    real_tool = None if args.no_real else shutil.which("crm_simulate")
    ours, real = [], []
    for name in names:
        path = ORACLE / "cases" / f"{name}.xml"
        cib = parse_cib_file(str(path))
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            schedule(cib)
            best = min(best, time.perf_counter() - start)
        ours.append(best * 1000)
        if real_tool:
            start = time.perf_counter()
            subprocess.run([real_tool, "-x", str(path), "-S"], capture_output=True, timeout=60,
                           env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
            real.append((time.perf_counter() - start) * 1000)
    print(f"cases: {len(names)}")
    print(f"{'':24}{'median ms':>12}{'p90 ms':>10}")
    print(f"{'halab schedule()':24}{statistics.median(ours):>12.2f}{_percentile(ours, 0.9):>10.2f}")
    if real:
        print(f"{'real crm_simulate -S':24}{statistics.median(real):>12.2f}{_percentile(real, 0.9):>10.2f}")
    else:
        print("real crm_simulate: not installed (or --no-real)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
