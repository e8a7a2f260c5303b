"""Scheduler speed, like against like (issue 18).

1. Process against process: `halab crm_simulate -x CASE -S` and the real `crm_simulate -x CASE -S`,
   whole processes (byte-code cached), median per case over small public cases; the ratio's
   bar is 1.5. Twice: cold (no resident server: the direct path, Python start-up plus imports)
   and warm (the resident server up: Python start-up plus a fork; docs/performance.md). Then
   `halab run -- crm_mon -1` (a fresh 3-node simulated cluster) against the real
   `crm_mon -1` on a 3-node CIB file (goal 2x), cold and warm, in the same run.
2. Work against work: halab in-process (parse + schedule + render, what `crm_simulate -S` does
   after start-up) against the real tool's time on the case minus its time on an empty cluster
   (its own start-up), the closest in-process equivalent a C tool offers.
3. A scaling table, nodes x resources, "steady" (every resource running, nothing to do) and
   "fresh" (nothing running yet, every resource to probe and start), halab in-process and as a
   process beside the real crm_simulate.

    .venv/bin/python benchmarks/bench_scheduler.py [--cases N] [--repeat N] [--full] [--no-scaling] [--tiers]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ORACLE = REPO / ".." / "shared" / "pacemaker-2.1.5" / "scheduler"
HALAB = [str(REPO / ".venv" / "bin" / "halab"), "crm_simulate"]
ENV = {"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
COLD = {**ENV, "HALAB_NO_SERVER": "1"}
SIZES = ((3, 5), (5, 20), (5, 100), (5, 500), (32, 500))


def process_ms(command: list[str], repeat: int, limit: float = 300.0, env: dict[str, str] = COLD) -> float:
    """Median wall milliseconds of a whole process; infinity when one run takes more than `limit` s.
    halab runs cold (the direct path) unless `env` names a running server's folder."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            subprocess.run(command, capture_output=True, timeout=limit, env=env)
        except subprocess.TimeoutExpired:
            return float("inf")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


class WarmServer:
    """halab's resident server in a private folder, kept up across the run (someone's code change
    restarts it: each warm measurement first waits until it answers), and how many calls it ran."""

    def __init__(self, folder: Path) -> None:
        self.env = {**ENV, "HALAB_SERVER_DIR": str(folder)}
        self.calls = self.served = 0

    def _record(self) -> tuple[int, int]:
        from halab_kernel.fastpath.control import running_servers

        return next(iter(running_servers(self.env["HALAB_SERVER_DIR"]).values()), (0, 0))

    def ms(self, command: list[str], repeat: int) -> float:
        started = subprocess.run([HALAB[0], "server", "start"], env=self.env, capture_output=True, text=True,
                                 timeout=120)
        if started.returncode != 0:
            raise SystemExit(f"the resident server did not start: {started.stdout}{started.stderr}")
        pid, before = self._record()
        spent = process_ms(command, repeat, env=self.env)
        now, after = self._record()
        self.calls += repeat
        self.served += after - before if now == pid else after
        return spent

    def stop(self) -> None:
        subprocess.run([HALAB[0], "server", "stop"], env=self.env, capture_output=True, timeout=120)


def in_process_ms(path: Path, repeat: int) -> float:
    """Best milliseconds of halab's crm_simulate -S in this process, imports already done."""
    from halab_kernel.commands.crm_simulate import main as crm_simulate

    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            crm_simulate(["-x", str(path), "-S"])
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def schedule_over_tiers(repeat: int) -> str:
    """In-process schedule() on every public case of tiers 1-3 (CIBs parsed beforehand), best of
    `repeat` per case: the issue-13 bar is a median <= 1 ms."""
    from halab_kernel.sim.pacemaker.cib import parse_cib_file
    from halab_kernel.sim.pacemaker.scheduler import schedule

    spent = []
    for tier in (1, 2, 3):
        for name in (ORACLE / f"tier{tier}-public.txt").read_text().split():
            cib = parse_cib_file(ORACLE / "cases" / f"{name}.xml")
            best = float("inf")
            for _ in range(repeat):
                started = time.perf_counter()
                schedule(cib)
                best = min(best, (time.perf_counter() - started) * 1000)
            spent.append(best)
    spent.sort()
    return (f"schedule() in-process over {len(spent)} public cases of tiers 1-3: median "
            f"{statistics.median(spent):.2f} ms, p90 {spent[int(len(spent) * 0.9)]:.2f} ms")


def real_ms(real: str, path: Path, repeat: int, run: bool) -> str:
    """The real crm_simulate's time on `path`, as a table cell ("skipped" without --full, "> 300 s" on timeout)."""
    if not run:
        return "skipped"
    spent = process_ms([real, "-x", str(path), "-S"], repeat)
    return "> 300 s" if spent == float("inf") else f"{spent:.1f}"


def generated_cib(nodes: int, resources: int, steady: bool) -> str:
    """A quorate cluster without fencing, `resources` Dummies with 10 s monitors, all running
    (steady) or none known yet (fresh)."""
    key = "3:1:0:5c4b1d2e-7a0f-4b6e-9d41-00000000cafe"
    node_xml = "".join(f'<node id="{i}" uname="node{i}"/>' for i in range(1, nodes + 1))
    primitives = "".join(
        f'<primitive id="r{i}" class="ocf" provider="pacemaker" type="Dummy"><operations>'
        f'<op name="monitor" interval="10s" id="r{i}-monitor-10s"/></operations></primitive>'
        for i in range(resources))

    def history(node: int) -> str:
        if not steady:
            return ""
        ops = []
        for i in range(resources):
            if i % nodes + 1 != node:
                continue
            common = (f'crm-debug-origin="do_update_resource" crm_feature_set="3.16.1" transition-key="{key}" '
                      f'transition-magic="0:0;{key}" exit-reason="" on_node="node{node}" rc-code="0" op-status="0" '
                      f'last-rc-change="1767603600" exec-time="10" queue-time="0"')
            ops.append(f'<lrm_resource id="r{i}" type="Dummy" class="ocf" provider="pacemaker">'
                       f'<lrm_rsc_op id="r{i}_last_0" operation_key="r{i}_start_0" operation="start" call-id="{2 * i + 1}" '
                       f'interval="0" {common}/>'
                       f'<lrm_rsc_op id="r{i}_monitor_10000" operation_key="r{i}_monitor_10000" operation="monitor" '
                       f'call-id="{2 * i + 2}" interval="10000" {common}/></lrm_resource>')
        return "".join(ops)

    states = "".join(
        f'<node_state id="{i}" uname="node{i}" in_ccm="true" crmd="online" crm-debug-origin="do_state_transition" '
        f'join="member" expected="member"><lrm id="{i}"><lrm_resources>{history(i)}</lrm_resources></lrm>'
        f'</node_state>' for i in range(1, nodes + 1))
    return (f'<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="10" num_updates="0" admin_epoch="0" '
            f'have-quorum="1" dc-uuid="1"><configuration><crm_config><cluster_property_set id="o">'
            f'<nvpair id="o-se" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>'
            f'<nodes>{node_xml}</nodes><resources>{primitives}</resources><constraints/></configuration>'
            f'<status>{states}</status></cib>')


def small_cases(count: int) -> list[Path]:
    names = [n.strip() for n in (ORACLE / "tier1-public.txt").read_text().splitlines() if n.strip()]
    paths = sorted((ORACLE / "cases" / f"{name}.xml" for name in names), key=lambda p: p.stat().st_size)
    return paths[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20, help="small public cases, process against process")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median or best)")
    parser.add_argument("--full", action="store_true",
                        help="real crm_simulate on 500 resources too (minutes per run: it is quadratic there)")
    parser.add_argument("--no-scaling", action="store_true", help="stop after the start-up comparison")
    parser.add_argument("--tiers", action="store_true",
                        help="only schedule() in-process over the public cases of tiers 1-3 (best of 3 each)")
    args = parser.parse_args()
    if args.tiers and ORACLE.exists():
        print(schedule_over_tiers(3))
        return 0
    real = shutil.which("crm_simulate")
    if real is None or not ORACLE.exists():
        print("needs the real crm_simulate and the oracle cases (../shared)")
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        warm = WarmServer(Path(scratch) / "server")
        empty = Path(scratch) / "empty.xml"
        empty.write_text(generated_cib(1, 0, steady=True))
        three = Path(scratch) / "three.xml"
        three.write_text(generated_cib(3, 0, steady=True))
        real_startup = process_ms([real, "-x", str(empty), "-S"], args.repeat)
        try:
            cold, served, works = [], [], []
            for path in small_cases(args.cases):
                theirs = process_ms([real, "-x", str(path), "-S"], args.repeat)
                cold.append(process_ms([*HALAB, "-x", str(path), "-S"], args.repeat) / theirs)
                served.append(warm.ms([*HALAB, "-x", str(path), "-S"], args.repeat) / theirs)
                works.append((in_process_ms(path, args.repeat), max(theirs - real_startup, 0.01)))
            print(f"1. process vs process, {len(cold)} small public cases, halab/real crm_simulate median ratio "
                  f"(max), bar <= 1.5:\n   cold (no server, direct path) {statistics.median(cold):.2f} "
                  f"({max(cold):.2f});  warm (resident server) {statistics.median(served):.2f} ({max(served):.2f})")
            runs = 3 * args.repeat
            crm_mon = process_ms(["crm_mon", "-1"], runs, env={**ENV, "CIB_file": str(three)})
            run_cold = process_ms([HALAB[0], "run", "--", "crm_mon", "-1"], runs)
            run_warm = warm.ms([HALAB[0], "run", "--", "crm_mon", "-1"], runs)
            print(f"   halab run -- crm_mon -1 vs real crm_mon -1 (3-node CIB_file), goal <= 2: cold {run_cold:.1f} ms "
                  f"= {run_cold / crm_mon:.2f}x, warm {run_warm:.1f} ms = {run_warm / crm_mon:.2f}x, real {crm_mon:.1f} ms")
            baseline = process_ms([sys.executable, "-c", "pass"], runs)
            print(f"   (a bare `python -c pass` here: {baseline:.1f} ms; real crm_simulate on an empty CIB: "
                  f"{real_startup:.1f} ms)")
            print(f"   warm calls the resident server ran: {warm.served} of {warm.calls} (the others ran cold: "
                  "it restarted on a code change mid-measurement)")
        finally:
            warm.stop()
        print(f"2. work vs work: halab in-process median {statistics.median(w[0] for w in works):.2f} ms, real "
              f"(case minus its {real_startup:.1f} ms start-up) median {statistics.median(w[1] for w in works):.2f} ms")
        if args.no_scaling:
            return 0
        print("3. scaling (ms): nodes resources  state   halab-in-process  halab-process  real-process")
        for nodes, resources in SIZES:
            for steady in (True, False):
                path = Path(scratch) / f"{nodes}-{resources}-{steady}.xml"
                path.write_text(generated_cib(nodes, resources, steady))
                repeat = max(1, args.repeat if resources <= 100 else 2)
                print(f"   {nodes:5d} {resources:9d}  {'steady' if steady else 'fresh ':6}  "
                      f"{in_process_ms(path, repeat):16.1f}  {process_ms([*HALAB, '-x', str(path), '-S'], repeat):13.1f}"
                      f"  {real_ms(real, path, repeat, args.full if resources > 100 else True):>12}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
