"""Grade a class: nbgrader autograde for every submission of ASSIGNMENT, several at once, then the CSV.

Each submission (`submitted/<student>/<assignment>/`) is graded by its own
`nbgrader autograde` process, at most --jobs at a time: a submission's time is
almost all its notebook running on the HA Lab kernel, so jobs scale with cores.
The grades are written to the course's gradebook as each job ends, then
exported with `nbgrader export` to a CSV (one row per student).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

_LOCKED = "database is locked"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", help="the assignment to grade (a folder of source/, e.g. 02-corosync)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="submissions graded at once (default: the number of cores, %(default)s here)")
    parser.add_argument("--course", metavar="FOLDER",
                        help="the nbgrader course root (default: this folder if it is one, else ./course)")
    parser.add_argument("--csv", metavar="FILE",
                        help="where to write the grades (default: grades-ASSIGNMENT.csv in the course root)")
    parser.add_argument("--feedback", action="store_true",
                        help="also generate each student's feedback (feedback/<student>/ASSIGNMENT/)")
    parser.add_argument("--student", action="append", metavar="ID",
                        help="grade only this student (repeatable; default: every submission)")


@dataclass(frozen=True)
class Graded:
    student: str
    seconds: float
    error: str  # "" when nbgrader succeeded


def course_root(explicit: str | None) -> Path:
    for candidate in ([explicit] if explicit else [".", "course"]):
        folder = Path(candidate).expanduser().resolve()
        if (folder / "nbgrader_config.py").is_file():
            return folder
    where = explicit or "this folder or ./course"
    raise SystemExit(f"halab grade: no nbgrader course root (nbgrader_config.py) in {where}")


def submissions(course: Path, assignment: str) -> list[str]:
    """The students who handed `assignment` in."""
    submitted = course / "submitted"
    return sorted(student.name for student in submitted.iterdir()
                  if (student / assignment).is_dir()) if submitted.is_dir() else []


def _environment() -> dict[str, str]:
    tools = str(Path(sys.executable).parent)  # nbgrader runs `alembic` by name to create the gradebook
    return {**os.environ, "PATH": os.pathsep.join([tools, os.environ.get("PATH", "")])}


# `python -m nbgrader`, without rfc3987_syntax: jsonschema imports it, if installed, for its optional "iri" and
# "iri-reference" format checks, and it builds 39 Lark parsers at import (~2 of the ~3.5 s of CPU importing nbgrader
# costs, in every nbgrader process: one per submission and step). No schema nbgrader reads (its cell metadata,
# nbformat's, the JSON Schema meta-schemas) uses those formats, and jsonschema skips a format it has no checker for.
NBGRADER = ("import sys; sys.modules['rfc3987_syntax'] = None; sys.argv[0] = 'nbgrader'; "
            "from nbgrader.apps.nbgraderapp import main; main()")


def nbgrader(course: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", NBGRADER, *arguments, "--log-level=ERROR"], cwd=course,
                          env=_environment(), capture_output=True, text=True)


def grade_one(course: Path, assignment: str, student: str, feedback: bool) -> Graded:
    """Autograde one submission (and its feedback); retried once if the gradebook was busy."""
    started = time.perf_counter()
    steps = [("autograde", assignment, "--student", student, "--force")]
    if feedback:
        steps.append(("generate_feedback", assignment, "--student", student, "--force"))
    for step in steps:
        done = nbgrader(course, *step)
        if done.returncode != 0 and _LOCKED in done.stdout + done.stderr:
            done = nbgrader(course, *step)  # another job held the SQLite gradebook for too long
        if done.returncode != 0:
            return Graded(student, time.perf_counter() - started, (done.stdout + done.stderr).strip()[-2000:])
    return Graded(student, time.perf_counter() - started, "")


def ensure_assignment(course: Path, assignment: str) -> None:
    """autograde needs the assignment in the gradebook: release it once if the gradebook lacks it."""
    if not (course / "source" / assignment).is_dir():
        raise SystemExit(f"halab grade: no assignment '{assignment}' in {course / 'source'}")
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        try:
            gradebook.find_assignment(assignment)
            return
        except MissingEntry:
            pass
    done = nbgrader(course, "generate_assignment", assignment, "--force")
    if done.returncode != 0:
        raise SystemExit(f"halab grade: nbgrader could not add {assignment} to the gradebook:\n{done.stdout}{done.stderr}")


def grade_all(course: Path, assignment: str, students: list[str], jobs: int, feedback: bool) -> list[Graded]:
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:  # threads wait; nbgrader processes work
        return list(pool.map(lambda student: grade_one(course, assignment, student, feedback), students))


def export_csv(course: Path, assignment: str, target: Path) -> None:
    """nbgrader's CSV of `assignment`, rows sorted by student (the gradebook lists them as jobs ended)."""
    done = nbgrader(course, "export", "--assignment", assignment, "--to", str(target))
    if done.returncode != 0:
        raise SystemExit(f"halab grade: nbgrader export failed:\n{done.stdout}{done.stderr}")
    with target.open(newline="") as grades:
        rows = list(csv.DictReader(grades))
    if rows:
        with target.open("w", newline="") as grades:
            writer = csv.DictWriter(grades, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(sorted(rows, key=lambda row: row["student_id"]))


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        print("halab grade: --jobs must be at least 1", file=sys.stderr)
        return 2
    if find_spec("nbgrader") is None:
        print("halab grade: nbgrader is not installed: pip install 'halab[grading]'", file=sys.stderr)
        return 1
    course = course_root(args.course)
    ensure_assignment(course, args.assignment)
    students = args.student or submissions(course, args.assignment)
    if not students:
        print(f"halab grade: no submission of {args.assignment} in {course / 'submitted'}/<student>/", file=sys.stderr)
        return 1
    started = time.perf_counter()
    results = grade_all(course, args.assignment, students, args.jobs, args.feedback)
    elapsed = time.perf_counter() - started
    failed = [result for result in results if result.error]
    for result in results:
        print(f"{result.student:<24} {result.seconds:7.1f} s  {'FAILED' if result.error else 'graded'}")
    for result in failed:
        print(f"\n{result.student}: nbgrader said\n{result.error}", file=sys.stderr)
    target = Path(args.csv).resolve() if args.csv else course / f"grades-{args.assignment}.csv"
    export_csv(course, args.assignment, target)
    rate = 60 * len(results) / elapsed if elapsed else 0.0
    print(f"{len(results) - len(failed)}/{len(results)} graded in {elapsed:.1f} s with {args.jobs} job(s) "
          f"({rate:.1f} students/minute); grades in {target}")
    return 1 if failed else 0
