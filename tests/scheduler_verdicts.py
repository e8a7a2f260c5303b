"""Classify Pacemaker 2.1.5's public scheduler cases: match, silently wrong, refused, crash.

Each case runs in-process through `halab crm_simulate -x CASE.xml -S`; compare.py
(anonymous clone instances) is the verdict. A case is
  match    - rc 0 and compare.py agrees,
  silent   - rc 0 and compare.py disagrees (the honesty rule forbids this),
  refused  - rc != 0 with a message (an unmodelled feature, said so),
  crash    - an exception, or an "internal error"/"Could not schedule" message.
Families are read from the case's CIB XML (one case may belong to several), so
the table says which features still cost matches and which are refused.

    .venv/bin/python -m tests.scheduler_verdicts [--tier 3] [--family F] [--show silent]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable, Optional

from halab_kernel.commands.crm_simulate import main as crm_simulate

ORACLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "pacemaker-2.1.5" / "scheduler"
VERDICTS = ("match", "silent", "refused", "crash")
CRASH_MARKERS = ("internal error", "Could not schedule", "Traceback")


@dataclass(frozen=True)
class Verdict:
    name: str
    verdict: str
    families: tuple[str, ...]
    message: str = ""


def _has(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda xml: compiled.search(xml) is not None


# family -> how to recognise it in the raw CIB text (configuration or status)
FAMILIES: dict[str, Callable[[str], bool]] = {
    "bundle": _has(r"<bundle\b"),
    "remote/guest node": _has(r'type="remote"|name="remote-node"|agent="ocf:pacemaker:remote"'),
    "migration": _has(r'name="allow-migrate"|operation="migrate_(to|from)"'),
    "ticket": _has(r"<rsc_ticket\b|<tickets\b|<ticket_state\b"),
    "tag": _has(r"<tags\b"),
    "utilization": _has(r"<utilization\b|name=\"placement-strategy\""),
    "notify": _has(r'name="notify" value="(true|1|yes)"'),
    "template": _has(r"<template\b"),
    "promotable": _has(r"<master\b|name=\"promotable\" value=\"true\""),
    "clone": _has(r"<clone\b|<master\b"),
    "group": _has(r"<group\b"),
    "sets": _has(r"<resource_set\b"),
    "rules": _has(r"<rule\b"),
    "date rules": _has(r"<date_expression\b"),
    "node attributes (#)": _has(r'attribute="#(?!uname")'),
    "fencing": _has(r"stonith-enabled\" value=\"true|class=\"stonith\""),
    "unfencing": _has(r'unfencing'),
    "on-fail": _has(r'on-fail="(?!restart)'),
    "multiple-active": _has(r'name="multiple-active"'),
    "clone-min/require-all": _has(r'name="clone-min"|require-all='),
    "node health": _has(r'node-health-strategy'),
    "maintenance": _has(r'name="maintenance(-mode)?" value="true"|is-managed" value="false'),
}


def load_compare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scheduler_compare", ORACLE / "compare.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def names(tier: int) -> list[str]:
    path = ORACLE / f"tier{tier}-public.txt"
    return [line.strip() for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def families(xml: str) -> tuple[str, ...]:
    found = tuple(family for family, present in FAMILIES.items() if present(xml))
    return found or ("basic",)


def run(name: str, compare: Optional[ModuleType] = None) -> Verdict:
    """One case, in-process, with its verdict."""
    compare = compare or load_compare()
    path = ORACLE / "cases" / f"{name}.xml"
    kinds = families(path.read_text(errors="replace"))
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = crm_simulate(["-x", str(path), "-S"])
    except Exception as error:  # noqa: BLE001 - a traceback is exactly what we count
        return Verdict(name, "crash", kinds, f"{type(error).__name__}: {error}")
    message = err.getvalue().strip()
    if any(marker in message for marker in CRASH_MARKERS):
        return Verdict(name, "crash", kinds, message)
    if rc != 0:
        return Verdict(name, "refused", kinds, message)
    real = (ORACLE / "cases" / f"{name}.summary").read_text()
    matched = compare.compare_texts(real, out.getvalue(), anon=True)["match"]
    return Verdict(name, "match" if matched else "silent", kinds)


def run_tier(tier: int) -> list[Verdict]:
    compare = load_compare()
    return [run(name, compare) for name in names(tier)]


def family_table(verdicts: list[Verdict]) -> list[str]:
    """Markdown rows: per family, how many cases fall in each verdict."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for verdict in verdicts:
        for family in verdict.families:
            counts[family][verdict.verdict] += 1
    rows = ["| family | cases | " + " | ".join(VERDICTS) + " |", "|---" * (len(VERDICTS) + 2) + "|"]
    for family in sorted(counts, key=lambda f: -sum(counts[f].values())):
        row = counts[family]
        rows.append(f"| {family} | {sum(row.values())} | " + " | ".join(str(row[v]) for v in VERDICTS) + " |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", type=int, action="append", help="tier(s) to run (default 1, 2, 3)")
    parser.add_argument("--family", help="only list cases of this family")
    parser.add_argument("--show", choices=VERDICTS, action="append", help="list cases with this verdict")
    args = parser.parse_args()
    for tier in args.tier or [1, 2, 3]:
        verdicts = run_tier(tier)
        totals = Counter(v.verdict for v in verdicts)
        print(f"## tier {tier}: {len(verdicts)} cases: " + ", ".join(f"{k} {totals[k]}" for k in VERDICTS))
        print("\n".join(family_table(verdicts)))
        for verdict in verdicts:
            if args.show and verdict.verdict in args.show and (not args.family or args.family in verdict.families):
                print(f"{verdict.verdict:8} {verdict.name:45} {','.join(verdict.families)}  {verdict.message[:150]}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
