"""halab's crm_mon against the real crm_mon 2.1.5 on the public scheduler cases' CIBs, whole outputs.

Each case's CIB (../shared/pacemaker-2.1.5/scheduler/cases, read at test time) is read by the real
`CIB_file=CASE crm_mon -1 FLAGS` and by halab's crm_mon (`crm_mon.answer`) over the scheduler's
reading of the same CIB (its DC from dc-uuid, its quorum from have-quorum, the wall clock), for
several option sets. A case is identical (stdout and rc), refused (rc 69, "not simulated", named),
or differing: the honesty rule allows no differing case. Only "Last updated" (the wall clock) is
left out of the comparison.

    .venv/bin/python -m tests.test_crm_mon_cases [--tier 1 --tier 2 --tier 3] [--flags -1rf] [--show]

Tiers 1 and 2 run under pytest for a few option sets (tickets and bans, -c -L, among them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.crm_mon import answer, file_scene
from tests.scheduler_verdicts import ORACLE, names

pytestmark = pytest.mark.skipif(not ORACLE.exists() or shutil.which("crm_mon") is None,
                                reason="needs ../shared/pacemaker-2.1.5/scheduler and the real crm_mon "
                                       "(Debian package pacemaker-cli-utils)")

FLAG_SETS = ("-1", "-1r", "-1rf", "-1rfA", "-1rn", "-1n", "-1rt", "-1R", "-1rR", "-1b", "-1c", "-1L",
             "-1 --include=none", "-1r --exclude=summary", "-1 -D", "-1rQ")


def real(case: Path, flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(["crm_mon", *flags.split()], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CIB_file": str(case)})


def _normal(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("  * Last updated:")]


def verdict(case: Path, flags: str) -> tuple[str, str, str]:
    """("identical" | "refused" | "differing", ours, real's)."""
    root = etree.parse(str(case)).getroot()
    mine = answer(flags.split(), lambda: file_scene(root, int(time.time())))
    theirs = real(case, flags)
    if mine.rc == 69 and "not simulated" in mine.stderr:
        return "refused", mine.stderr, theirs.stdout
    same = _normal(mine.stdout) == _normal(theirs.stdout) and mine.rc == theirs.returncode
    return ("identical" if same else "differing"), mine.stdout, theirs.stdout


def _cases(*tiers: int) -> list[Path]:
    return [ORACLE / "cases" / f"{name}.xml" for tier in tiers for name in names(tier)]


@pytest.mark.parametrize("flags", ["-1", "-1rfA", "-1R", "-1rfcL"])
@pytest.mark.parametrize("case", _cases(1, 2) if ORACLE.exists() else [], ids=lambda path: path.stem)
def test_crm_mon_on_a_case_cib_is_identical_or_refused(case: Path, flags: str) -> None:
    found, ours, theirs = verdict(case, flags)
    assert found != "differing", "\n".join(__import__("difflib").unified_diff(
        _normal(theirs), _normal(ours), "real", "halab", lineterm=""))


def main() -> None:
    import difflib

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", type=int, action="append", help="tier(s) to run (default 1, 2)")
    parser.add_argument("--flags", action="append", help="option set(s) (default: FLAG_SETS)")
    parser.add_argument("--show", action="store_true", help="print each difference")
    parser.add_argument("--refusals", action="store_true", help="count the refusal messages")
    args = parser.parse_args()
    cases = _cases(*(args.tier or [1, 2]))
    reasons: Counter[str] = Counter()
    for flags in args.flags or FLAG_SETS:
        counts: Counter[str] = Counter()
        for case in cases:
            found, ours, theirs = verdict(case, flags)
            counts[found] += 1
            if found == "refused":
                reasons[ours.split("not simulated: ")[-1].split(";")[0][:70]] += 1
            if found == "differing":
                print(f"differs: {case.stem} {flags}")
                if args.show:
                    print("\n".join(difflib.unified_diff(_normal(theirs), _normal(ours), "real", "halab",
                                                         lineterm="", n=1)))
        print(f"{flags!r:24} {len(cases)} cases: identical {counts['identical']}, differing {counts['differing']}, "
              f"refused {counts['refused']}", flush=True)
    if args.refusals:
        for reason, count in reasons.most_common():
            print(f"  refused {count:4}: {reason}")


if __name__ == "__main__":
    main()
