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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
    rng = random.Random(args.seed)
    compare = load_compare()
    cases = [name for tier in args.tier or [1, 2, 3] for name in names(tier)]
    if args.case:
        cases = [name for name in cases if name in args.case]
    if args.family:
        cases = [name for name in cases
                 if args.family in families((ORACLE / "cases" / f"{name}.xml").read_text(errors="replace"))]
    kinds = tuple(m for m in MUTATIONS if not args.only or m.__name__ in args.only)
    verdicts: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="halab-variants-") as scratch:
        for number in range(args.count):
            name = rng.choice(cases)
            xml, done = mutate((ORACLE / "cases" / f"{name}.xml").read_bytes(), rng, kinds)
            path = Path(scratch) / f"{number:04d}-{name}.xml"
            path.write_bytes(xml)
            real_rc, real_out = real(path)
            if real_rc != 0 or "Transition Summary:" not in real_out:
                verdicts["skipped (real tool refuses)"] += 1
                continue
            rc, out, err = ours(path)
            if rc == -1 or any(marker in err for marker in CRASH_MARKERS):
                verdict = "crash"
            elif rc != 0:
                verdict = "refused"
            else:
                verdict = "match" if compare.compare_texts(real_out, out, anon=True)["match"] else "silent"
            verdicts[verdict] += 1
            if verdict in args.show and args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / path.name).write_bytes(xml)
            if verdict in args.show:
                print(f"{verdict:8} {number:04d} {name:40} {'; '.join(done)}  {err.strip()[:120]}")
    judged = sum(verdicts[v] for v in ("match", "silent", "refused", "crash"))
    print(f"seed {args.seed}: {args.count} variants, {judged} judged: "
          + ", ".join(f"{v} {verdicts[v]}" for v in ("match", "silent", "refused", "crash"))
          + f"; skipped {verdicts['skipped (real tool refuses)']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
