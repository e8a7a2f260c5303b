"""The command line's floor: what a Python process costs before halab runs a line, beside the real tools.

    .venv/bin/python benchmarks/bench_cli_floor.py [--repeat N]

Prints, for each command, the CPU milliseconds of the whole process (user + system, from
wait4: what the process itself costs, whatever the neighbours do) and its wall milliseconds,
medians of N runs, interleaved so every command sees the same machine: the real
`crm_simulate -x CASE -S` and `crm_mon -1`, bare interpreters (`python3 -S -c pass`: no site,
the least any Python costs; `python -I -c pass`; the venv's `python -c pass`), and halab cold
(HALAB_NO_SERVER=1: the direct path) and warm (the resident server up). Then each halab
command and the bare interpreter as a ratio of the real tool (issue 18's bars: 1.5x for
crm_simulate, 2x for crm_mon): if the bare interpreter alone is above a bar, no import
trimming can meet it cold.
"""

from __future__ import annotations

import argparse
import os
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
HALAB = str(REPO / ".venv" / "bin" / "halab")
ENV = {"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one whole process, its output discarded."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=sink, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return (usage.ru_utime + usage.ru_stime) * 1000, (time.perf_counter() - started) * 1000


def smallest_case() -> Path:
    names = [n.strip() for n in (ORACLE / "tier1-public.txt").read_text().splitlines() if n.strip()]
    return min((ORACLE / "cases" / f"{name}.xml" for name in names), key=lambda p: p.stat().st_size)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if shutil.which("crm_simulate") is None or not ORACLE.exists():
        print("needs the real crm_simulate and the oracle cases (../shared)")
        return 1
    from benchmarks.bench_scheduler import generated_cib

    case = smallest_case()
    with tempfile.TemporaryDirectory() as scratch:
        three = Path(scratch) / "three.xml"
        three.write_text(generated_cib(3, 0, steady=True))
        cold = {**ENV, "HALAB_NO_SERVER": "1"}
        warm = {**ENV, "HALAB_SERVER_DIR": str(Path(scratch) / "server")}
        subprocess.run([HALAB, "server", "start"], env=warm, capture_output=True, timeout=120, check=True)
        commands = {
            "real crm_simulate -x CASE -S": ([shutil.which("crm_simulate") or "", "-x", str(case), "-S"], ENV),
            "real crm_mon -1 (3-node CIB_file)": (["crm_mon", "-1"], {**ENV, "CIB_file": str(three)}),
            "python3 -S -c pass (system)": (["/usr/bin/python3", "-S", "-c", "pass"], ENV),
            "venv python -S -c pass": ([sys.executable, "-S", "-c", "pass"], ENV),
            "venv python -c pass": ([sys.executable, "-c", "pass"], ENV),
            "halab crm_simulate cold": ([HALAB, "crm_simulate", "-x", str(case), "-S"], cold),
            "halab crm_simulate warm": ([HALAB, "crm_simulate", "-x", str(case), "-S"], warm),
            "halab run -- crm_mon -1 cold": ([HALAB, "run", "--", "crm_mon", "-1"], cold),
            "halab run -- crm_mon -1 warm": ([HALAB, "run", "--", "crm_mon", "-1"], warm),
        }
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        try:
            for _ in range(args.repeat):
                for name, (command, env) in commands.items():
                    samples[name].append(run_once(command, env))
        finally:
            subprocess.run([HALAB, "server", "stop"], env=warm, capture_output=True, timeout=120)
    cpu = {name: statistics.median(s[0] for s in spent) for name, spent in samples.items()}
    wall = {name: statistics.median(s[1] for s in spent) for name, spent in samples.items()}
    print(f"case {case.name}; medians of {args.repeat} interleaved runs; load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':<36} {'cpu ms':>7} {'wall ms':>8}")
    for name in commands:
        print(f"{name:<36} {cpu[name]:7.1f} {wall[name]:8.1f}")
    for tool, bar, ours in (("real crm_simulate -x CASE -S", 1.5, "halab crm_simulate"),
                            ("real crm_mon -1 (3-node CIB_file)", 2.0, "halab run -- crm_mon -1")):
        print(f"vs {tool} (bar {bar}x), cpu / wall:")
        for name in ("python3 -S -c pass (system)", "venv python -S -c pass", f"{ours} cold", f"{ours} warm"):
            print(f"   {name:<34} {cpu[name] / cpu[tool]:5.2f}x {wall[name] / wall[tool]:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
