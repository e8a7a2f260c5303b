"""How long nbgrader takes to autograde one student's whole course (goals: under 60 s of wall time; the grading
time per student, its CPU time, at most 20 s on this machine, issue 18).

    .venv/bin/python benchmarks/bench_grading.py [--no-warm-judge] [--grade-only] | --checks [--only TEXT]

(`--only TEXT`: only the answer cases whose check's name contains TEXT, e.g. `--only capstone.`;
`--grade-only`: no headless execution of the notebooks after grading)

Copies course/ to a scratch folder, releases every assignment, hands in the
solution version as one student, then times nbgrader's autograde for each
assignment (each runs the notebook on the HA Lab kernel, hidden tests
included) and generate_feedback, through nbgrader's Python API as a hub's
formgrader calls them. Prints one line per assignment and the totals, then
the time to execute every notebook headless (the CI notebook test's work).

The graded checks run as on a grading host: nbgrader's process (this one) judges
them through a private warm judge (halab_graders/warm_judge.py --private) it
starts at the first check and stops at the end, so each run pays its start. With
--no-warm-judge (HALAB_NO_SERVER=1) every check starts its own judge process.
The kernels from the second on are forked by nbgrader's kernel zygote
(halab_kernel/kernel_zygote.py): their CPU is counted when the zygote is
stopped at the end, and printed with the kernels' (the per-assignment kernel
column then shows only the first kernel).
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "course" / "build"))

import build  # noqa: E402
from tests.course.conftest import student_copy  # noqa: E402

NBGRADER_BIN = Path(sys.executable).parent
PR_SET_CHILD_SUBREAPER = 36


def api_for(course: Path):
    """nbgrader's Python API on `course`, configured by its nbgrader_config.py (what a hub's formgrader uses)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (kernels, grading processes): what the work costs
    whatever else the machine is doing."""
    return own_cpu_seconds() + children_cpu_seconds()


def own_cpu_seconds() -> float:
    """CPU time of this process: nbgrader itself (gradebook, converters, nbclient's side of each kernel)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def children_cpu_seconds() -> float:
    """CPU time of the finished children: the notebooks' kernels (and judges started directly), the warm judges
    once reaped."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def timed(call, *args) -> float:
    started = time.perf_counter()
    result = call(*args)
    if not result.get("success"):
        raise SystemExit(f"{call.__name__}{args} failed:\n{result.get('error') or result.get('log')}")
    return time.perf_counter() - started


def check_times() -> None:
    """`--checks`: every answer case of tests/course (public and held back) judged as the warm judge judges it
    (`judge.judge` in a forked child; a student's function still runs in a sandbox process), CPU seconds per check."""
    import gc
    import importlib.util
    import statistics

    from halab_graders.isolated import NotData, to_data
    from halab_graders.judge import judge, resolve
    from halab_graders.warm_judge import warm_imports
    from tests.course.test_answer_cases import CASES

    warm_imports()  # as the warm judge does at its start: every check, the simulator and its commands

    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv[1:-1] else None
    spent: list[float] = []
    by_check: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for number, (_, case) in enumerate(CASES):
            if only is not None and only not in case.check:
                continue
            answer = case.answer
            if case.function:
                path = Path(scratch) / f"student_{number}.py"
                path.write_text(case.answer)
                spec = importlib.util.spec_from_file_location(path.stem, path)
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                answer = getattr(module, case.function)
            try:
                request = {"check": case.check, "answer": to_data(answer), "options": to_data(case.options or {})}
            except NotData:
                continue  # a trick that never leaves the student's kernel
            resolve(case.check)  # the check's module imported here, as the warm judge imports every check at its start
            gc.collect()
            gc.freeze()  # as the warm judge does: children share these pages
            for seconds in _in_a_child(judge, request):
                spent.append(seconds)
                by_check.setdefault(case.check, []).append(seconds)
    spent.sort()
    print(f"{len(spent)} of {len(CASES)} answer cases{'' if only is None else f' (checks named *{only}*)'} judged in forked children, CPU s per check: median {statistics.median(spent):.3f}, "
          f"p90 {spent[int(0.9 * len(spent))]:.3f}, max {spent[-1]:.3f}, over 0.1 s: {sum(s > 0.1 for s in spent)} "
          f"(bar: <= 0.1 s typical); load average {os.getloadavg()[0]:.1f}")
    slowest = sorted(((statistics.median(times), check) for check, times in by_check.items()), reverse=True)
    print("slowest checks (median CPU s):", ", ".join(f"{check} {median:.3f}" for median, check in slowest[:8]))


def _in_a_child(judge, request) -> list[float]:
    """CPU seconds of `judge(request)` in a forked child, as the warm judge runs a check (an answer may kill its
    judge: then nothing is counted)."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        started = time.process_time()
        judge(request)
        os.write(writing, f"{time.process_time() - started}".encode())
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as result:
        text = result.read()
    os.waitpid(pid, 0)
    return [float(text)] if text else []


def main() -> int:
    if "--checks" in sys.argv[1:]:
        check_times()
        return 0
    warnings.filterwarnings("ignore", message="Object of type")  # nbgrader's own SQLAlchemy chatter
    os.environ["PATH"] = f"{NBGRADER_BIN}{os.pathsep}{os.environ.get('PATH', '')}"  # nbgrader runs `alembic` by name
    if "--no-warm-judge" in sys.argv[1:]:
        os.environ["HALAB_NO_SERVER"] = "1"
    # the warm judge outlives the kernel that started it: as its subreaper, this process reaps it, so its CPU time
    # (and its judges') counts in cpu_seconds() like a directly started judge's
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    with tempfile.TemporaryDirectory(prefix="halab-bench-") as servers:
        os.environ["HALAB_SERVER_DIR"] = servers  # the kernels (and the judges they start) inherit it
        grade(servers)
        if "--grade-only" not in sys.argv[1:]:
            started = time.perf_counter()
            execute_all()
            executed = time.perf_counter() - started
            collect_warm_judges(servers)
            print(f"executing every source notebook headless (nbclient, halab kernel, live widgets): "
                  f"{executed:.2f}s  (goal: < 180 s)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (other work slows every figure)")
    return 0


def collect_warm_judges(folder: str) -> str:
    """Stop the warm judges of `folder` and reap every one that ran (those the code changing under them replaced
    too): their CPU time then counts in cpu_seconds(). What the last one did, in words."""
    from halab_graders.isolated import private_judge_started, stop_private_judge
    from halab_kernel.fastpath.control import running_servers, stop_servers

    private = private_judge_started()
    stop_private_judge()  # nbgrader's process (this one) judged through it: reaped here, its CPU counted
    servers = running_servers(folder)
    stopped, _ = stop_servers(folder)
    for pid in stopped:
        os.waitpid(pid, 0)
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break
    mine = "judged by this process's private warm judge; " if private else ""
    if not servers:
        return mine + "no shared warm judge was running at the end"
    return mine + f"the shared warm judge running at the end judged {sum(served for _, served in servers.values())} checks"


def grade(servers: str) -> None:
    from halab_kernel.kernel_zygote import stop_zygotes

    with tempfile.TemporaryDirectory() as scratch:
        course = Path(scratch) / "course"
        shutil.copytree(REPO / "course", course, ignore=shutil.ignore_patterns("__pycache__"))
        api = api_for(course)
        notebooks = build.notebooks()
        for notebook in notebooks:
            timed(api.generate_assignment, notebook.assignment)
            release = nbformat.read(course / "release" / notebook.assignment / notebook.filename, as_version=4)
            source = nbformat.read(course / "source" / notebook.assignment / notebook.filename, as_version=4)
            folder = course / "submitted" / "student" / notebook.assignment
            folder.mkdir(parents=True)
            nbformat.write(student_copy(release, source, "solution", {}), folder / notebook.filename)
        autograde_total = feedback_total = nbgrader_cpu = kernels_cpu = 0.0
        print(f"{'assignment':<26} {'autograde':>10} {'feedback':>10} {'nbgrader CPU':>13} {'kernel CPU':>11}")
        for notebook in notebooks:
            own_before, children_before = own_cpu_seconds(), children_cpu_seconds()
            graded = timed(api.autograde, notebook.assignment, "student")
            own, children = own_cpu_seconds() - own_before, children_cpu_seconds() - children_before
            nbgrader_cpu, kernels_cpu = nbgrader_cpu + own, kernels_cpu + children
            feedback = timed(api.generate_feedback, notebook.assignment, "student")
            autograde_total += graded
            feedback_total += feedback
            print(f"{notebook.assignment:<26} {graded:9.2f}s {feedback:9.2f}s {own:12.2f}s {children:10.2f}s")
        cpu_before = cpu_seconds()
        stop_zygotes()  # the kernels it forked were its children: their CPU counts once it is reaped
        forked = cpu_seconds() - cpu_before
        kernels_cpu += forked
        cpu_before = cpu_seconds()
        judges = collect_warm_judges(servers)
        judges_cpu = cpu_seconds() - cpu_before
        autograde_cpu = nbgrader_cpu + kernels_cpu + judges_cpu
        print(f"{'whole course':<26} {autograde_total:9.2f}s {feedback_total:9.2f}s {nbgrader_cpu:12.2f}s "
              f"{kernels_cpu:10.2f}s  (goal: autograde < 60 s)")
        print(f"autograde CPU time (this process and its children, warm judges included): {autograde_cpu:.2f}s "
              f"(goal: <= 20 s) "
              f"(nbgrader {nbgrader_cpu:.2f}, kernels {kernels_cpu:.2f}, warm judge and the checks it judged "
              f"{judges_cpu:.2f}); on an idle 2-core machine the wall time is at least this, and near it (one "
              "notebook at a time)")
        print(f"checks: {judges}" if "HALAB_NO_SERVER" not in os.environ else "checks: each in a judge of its own")
        print(f"kernels: {forked:.2f}s of the kernels' CPU was the kernel zygote's and the kernels it forked "
              "(halab_kernel/kernel_zygote.py), counted when it left at the end")


def execute_all() -> None:
    """What CI's notebook test does: run every notebook of the course, one kernel each."""
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as scratch:
        for notebook in build.notebooks():
            node = nbformat.read(build.target(notebook), as_version=4)
            NotebookClient(node, kernel_name="halab", timeout=60, resources={"metadata": {"path": scratch}}).execute()


if __name__ == "__main__":
    sys.exit(main())
