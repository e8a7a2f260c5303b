"""Variants of the public scheduler cases, judged by the real crm_simulate (issue 13).

The held-back cases come from the same families as the public ones, so the honesty rule
is tested off the public path: each variant is a public case's CIB with one or two seeded
mutations (a node offline, in standby or in maintenance; a resource's target-role flipped
or unmanaged; a failed monitor or start added to the history; stickiness, a location score,
a cluster option or quorum changed; constraints, clone meta attributes, failure handling,
resources, nodes or utilization added or changed: tests/scheduler_variants.py). Both `halab crm_simulate -x FILE -S`
(in-process) and the real `crm_simulate -x FILE -S` run on it, and compare.py
(--anon-instances) judges: match, silent (rc 0 and a different transition: the honesty
rule forbids it), refused (rc != 0 with a reason), crash. Variants the real tool itself
rejects are skipped. Files are written to a temporary directory only (GPL test data).

    .venv/bin/python benchmarks/bench_scheduler_variants.py [--seed 13] [--count 300] [--show silent] [--keep DIR]
        [--only utilization --only new_constraint ...] [--family 'remote/guest node']
        [--case remote-move --case remote-startup ...]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from halab_kernel.commands.crm_simulate import main as crm_simulate  # noqa: E402
from tests.scheduler_variants import MUTATIONS, mutate  # noqa: E402
from tests.scheduler_verdicts import CRASH_MARKERS, ORACLE, families, load_compare, names  # noqa: E402

ENV = {"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}


def ours(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = crm_simulate(["-x", str(path), "-S"])
    except Exception as error:  # noqa: BLE001 - a traceback is a verdict here
        return -1, "", f"Traceback: {type(error).__name__}: {error}"
    return rc, out.getvalue(), err.getvalue()


def real(path: Path) -> tuple[int, str]:
    result = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True,
                            env=ENV, timeout=60)
    return result.returncode, result.stdout


def variants(rng: random.Random, cases: list[str], count: int, kinds: tuple = MUTATIONS):
    """(number, case, edits, file, CIB, the real tool's stdout or None where it refuses) of `count`
    variants drawn by `rng`, each file in a temporary directory while it is looked at."""
    with tempfile.TemporaryDirectory(prefix="halab-variants-") as scratch:
        for number in range(count):
            name = rng.choice(cases)
            xml, done = mutate((ORACLE / "cases" / f"{name}.xml").read_bytes(), rng, kinds)
            path = Path(scratch) / f"{number:04d}-{name}.xml"
            path.write_bytes(xml)
            real_rc, real_out = real(path)
            ok = real_rc == 0 and "Transition Summary:" in real_out
            yield number, name, done, path, xml, (real_out if ok else None)


def options(doc: str) -> tuple[argparse.Namespace, random.Random, list[str], tuple]:
    """The command line both variant sweeps take: (its arguments, the seeded generator, the public
    cases to draw from, the kinds of edits)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=300, help="how many variants")
    parser.add_argument("--tier", type=int, action="append", help="tiers to draw from (default 1, 2, 3)")
    parser.add_argument("--show", action="append", default=[], help="list variants with this verdict")
    parser.add_argument("--keep", type=Path, help="also keep the variants listed by --show here (outside the repo)")
    parser.add_argument("--family", help="draw only from public cases of this family (tests/scheduler_verdicts.py,"
                        " e.g. 'remote/guest node')")
    parser.add_argument("--case", action="append", help="draw only from these public cases")
    parser.add_argument("--only", action="append", choices=[m.__name__ for m in MUTATIONS],
                        help="draw edits from these kinds only (default: all)")
    args = parser.parse_args()
    cases = [name for tier in args.tier or [1, 2, 3] for name in names(tier)]
    if args.case:
        cases = [name for name in cases if name in args.case]
    if args.family:
        cases = [name for name in cases
                 if args.family in families((ORACLE / "cases" / f"{name}.xml").read_text(errors="replace"))]
    kinds = tuple(m for m in MUTATIONS if not args.only or m.__name__ in args.only)
    return args, random.Random(args.seed), cases, kinds


def transition_verdict(rc: int, out: str, err: str, real_out: str, compare: ModuleType) -> str:
    """compare.py's verdict on the transition: match, silent, refused or crash."""
    if rc == -1 or any(marker in err for marker in CRASH_MARKERS):
        return "crash"
    if rc != 0:
        return "refused"
    return "match" if compare.compare_texts(real_out, out, anon=True)["match"] else "silent"


def sweep(doc: str, judge: Callable[[int, str, str, str, ModuleType], str], shown: tuple[str, ...]) -> Counter:
    """Draw the variants the command line asks for, judge each (`judge`), list those whose verdict
    is asked for (--show) and print the count of each verdict in `shown`."""
    args, rng, cases, kinds = options(doc)
    compare = load_compare()
    verdicts: Counter = Counter()
    for number, name, done, path, xml, real_out in variants(rng, cases, args.count, kinds):
        if real_out is None:
            verdicts["skipped (real tool refuses)"] += 1
            continue
        rc, out, err = ours(path)
        verdict = judge(rc, out, err, real_out, compare)
        verdicts[verdict] += 1
        if verdict in args.show and args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / path.name).write_bytes(xml)
        if verdict in args.show:
            print(f"{verdict:8} {number:04d} {name:40} {'; '.join(done)}  {err.strip()[:120]}")
    judged = sum(verdicts[v] for v in shown)
    print(f"seed {args.seed}: {args.count} variants, {judged} judged: "
          + ", ".join(f"{v} {verdicts[v]}" for v in shown)
          + f"; skipped {verdicts['skipped (real tool refuses)']}")
    return verdicts


def main() -> int:
    sweep(__doc__, transition_verdict, ("match", "silent", "refused", "crash"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
