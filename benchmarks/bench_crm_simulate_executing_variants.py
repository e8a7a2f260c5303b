"""crm_simulate -S's "Executing Cluster Transition" list on variants of the public scheduler cases,
against the real crm_simulate's (issue 13): the variants of benchmarks/bench_scheduler_variants.py
(same seeds, same edits), each list judged line for line and in order. Verdicts: exact, refused (the
list replaced by its refusal, scheduler/executing_unlisted.py), wrong (printed and not 2.1.5's:
the honesty rule forbids it; split by whether compare.py finds the transition itself the same),
and variants halab refuses whole or the real tool rejects. Files go to a temporary directory only.

    .venv/bin/python benchmarks/bench_crm_simulate_executing_variants.py [--seed 13] [--count 300]
        [--case unfence-definition ...] [--family ...] [--only KIND ...] [--show wrong --show refused [--keep DIR]]
"""

from __future__ import annotations

import sys
from types import ModuleType
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_scheduler_variants import sweep  # noqa: E402
from tests.test_crm_simulate_executing import executing  # noqa: E402

REFUSAL = "  * not simulated: the Executing Cluster Transition list"


def executing_verdict(rc: int, out: str, err: str, real_out: str, compare: ModuleType) -> str:
    """exact, refused (the list alone), wrong (printed, not the real tool's; "wrong (transition
    differs)" where compare.py finds the transition itself different too) or whole refused."""
    listed = executing(out)
    if rc != 0:
        return "whole refused"
    if listed[:1] and listed[0].startswith(REFUSAL):
        return "refused"
    if listed == executing(real_out):
        return "exact"
    return "wrong" if compare.compare_texts(real_out, out, anon=True)["match"] else "wrong (transition differs)"


def main() -> int:
    sweep(__doc__, executing_verdict, ("exact", "refused", "wrong", "wrong (transition differs)", "whole refused"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
