"""Throughput of `halab grade`: students per minute for one assignment, with 1 job and with N jobs.

    .venv/bin/python benchmarks/bench_grade_class.py [ASSIGNMENT] [--students 6] [--jobs 2]

A scratch copy of the course, ASSIGNMENT released by nbgrader, a class of
submissions (alternately the solved sources and the blank release), then
`halab grade` with --jobs 1 and with --jobs N, timed end to end (nbgrader
processes, HA Lab kernels, the CSV export). The two CSVs must be identical.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def grade(course: Path, assignment: str, jobs: int) -> tuple[float, str]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "halab_kernel.cli", "grade", assignment, "--jobs", str(jobs),
                    "--csv", f"jobs-{jobs}.csv"], cwd=course, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, (course / f"jobs-{jobs}.csv").read_text()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignment", nargs="?", default="02-corosync")
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    env_path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # nbgrader's alembic
    os.environ["PATH"] = env_path
    with tempfile.TemporaryDirectory() as scratch:
        course = Path(scratch) / "course"
        course.mkdir()
        shutil.copytree(REPO / "course" / "source", course / "source")
        shutil.copy2(REPO / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", args.assignment, "--log-level=ERROR"],
                       cwd=course, check=True)
        solved = next((course / "source" / args.assignment).glob("*.ipynb"))
        blank = course / "release" / args.assignment / solved.name
        for number in range(args.students):
            folder = course / "submitted" / f"student{number:02d}" / args.assignment
            folder.mkdir(parents=True)
            shutil.copy2(solved if number % 2 == 0 else blank, folder / solved.name)
        one, one_csv = grade(course, args.assignment, 1)
        many, many_csv = grade(course, args.assignment, args.jobs)
    assert one_csv == many_csv, "the grades differ between 1 job and several"
    print(f"{args.assignment}, {args.students} students (half solved, half blank), {os.cpu_count()} cores:")
    print(f"  --jobs 1: {one:6.1f} s  {60 * args.students / one:5.1f} students/minute")
    print(f"  --jobs {args.jobs}: {many:6.1f} s  {60 * args.students / many:5.1f} students/minute "
          f"(x{one / many:.2f}); same CSV")
    print(f"  load average {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
