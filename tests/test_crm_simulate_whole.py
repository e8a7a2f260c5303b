"""`crm_simulate -x CASE -S` as a whole against the real crm_simulate 2.1.5: every section, not only
the transition compare.py judges (tests.scheduler_verdicts).

The cases listed in tests/crm_simulate_whole_identical.txt print exactly what the real tool prints
(the node list, the resources in 2.1.5's order, the transition summary, the revised status), the
"Executing Cluster Transition" lines compared as a set: their order follows the transition graph's
synapse order, which scheduler/executing.py only estimates (tests/test_crm_simulate_executing.py
holds that order to 2.1.5's on the cases it lists; compare.py judges neither). A case that stops
matching fails here; a case that starts matching is printed (with how many cases are identical
including that order) by

    .venv/bin/python -m tests.test_crm_simulate_whole [--tier 1 --tier 2 --tier 3]
"""

from __future__ import annotations

import argparse
import functools
import shutil
from pathlib import Path

import pytest

from tests.test_crm_simulate_layout import REFUSED, case, ours, real, tier_cases
from tests.scheduler_verdicts import ORACLE

LISTED = Path(__file__).with_name("crm_simulate_whole_identical.txt")
pytestmark = pytest.mark.skipif(not ORACLE.is_dir() or shutil.which("crm_simulate") is None,
                                reason="needs ../shared/pacemaker-2.1.5 and the real crm_simulate")


def executing_as_a_set(text: str) -> str:
    """The output with the lines under "Executing Cluster Transition:" sorted."""
    kept: list[str] = []
    block: list[str] = []
    inside = False
    for line in text.split("\n"):
        if inside and not line.startswith("  "):
            kept.extend(sorted(block))
            block, inside = [], False
        if inside:
            block.append(line)
            continue
        kept.append(line)
        inside = line == "Executing Cluster Transition:"
    return "\n".join(kept + sorted(block))


@functools.lru_cache(maxsize=None)
def _real(name: str) -> tuple[int, str, str]:
    return real(["-x", case(name), "-S"])


def same_as_real(name: str, in_order: bool = False) -> bool:
    """Whether halab prints what 2.1.5 prints; the executing lines as a set unless `in_order`."""
    mine = ours(["-x", case(name), "-S"])
    if mine[0] == REFUSED:
        return False
    theirs = _real(name)
    if in_order:
        return mine == theirs
    return (mine[0], executing_as_a_set(mine[1]), mine[2]) == (theirs[0], executing_as_a_set(theirs[1]), theirs[2])


def listed() -> list[str]:
    return [line.strip() for line in LISTED.read_text().splitlines() if line.strip()] if ORACLE.is_dir() else []


@pytest.mark.parametrize("name", listed())
def test_the_whole_output_is_the_real_tools(name: str) -> None:
    assert same_as_real(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", type=int, action="append", help="tiers of public cases (default: 1 2 3)")
    args = parser.parse_args()
    names = tier_cases(*(args.tier or [1, 2, 3]))
    identical = [name for name in names if same_as_real(name)]
    in_order = [name for name in identical if same_as_real(name, in_order=True)]
    print(f"{len(identical)} of {len(names)} cases print what the real crm_simulate prints "
          f"(executing lines as a set; {len(in_order)} also in its order); "
          f"not yet listed: {sorted(set(identical) - set(listed()))}; "
          f"listed but not identical: {sorted(set(listed()) & set(names) - set(identical))}")


if __name__ == "__main__":
    main()
