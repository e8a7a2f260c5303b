"""`crm_simulate -x CASE -S`'s statuses and transition summary against the real crm_simulate 2.1.5,
section by section: the lines before the status (the "N of M resource instances DISABLED and K
BLOCKED" note), "Current cluster status", "Transition Summary" (with its reasons: "due to
unrunnable grp running", "due to node availability", a guest's "(resource: container)"), and
"Revised Cluster Status", whatever the "Executing Cluster Transition" list says (measured as a whole
by tests.test_crm_simulate_whole).

The cases listed in tests/crm_simulate_status_identical.txt print those three sections exactly as
the real tool does: a case that stops matching fails here; a case that starts matching is printed by

    .venv/bin/python -m tests.test_crm_simulate_status [--tier 1 --tier 2 --tier 3] [--show]

(--show: the differing lines of the cases that do not match, section by section).
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
from pathlib import Path
from unittest import mock

import pytest

from tests.scheduler_verdicts import ORACLE
from tests.test_crm_simulate_layout import REFUSED, case, ours, real, tier_cases

LISTED = Path(__file__).with_name("crm_simulate_status_identical.txt")
HEADER = "header"   # the lines before the first section
SECTIONS = (HEADER, "Current cluster status", "Transition Summary", "Revised Cluster Status")
pytestmark = pytest.mark.skipif(not ORACLE.is_dir() or shutil.which("crm_simulate") is None,
                                reason="needs ../shared/pacemaker-2.1.5 and the real crm_simulate")


def sections(text: str) -> dict[str, list[str]]:
    """The lines under each headed section of crm_simulate's text layout (HEADER: those before)."""
    found: dict[str, list[str]] = {HEADER: []}
    current = HEADER
    for line in text.split("\n"):
        if re.match(r"^\S.*:$", line):
            current = line[:-1]
            found.setdefault(current, [])
        else:
            found[current].append(line)
    return found


def differences(name: str) -> dict[str, list[str]]:
    """Section -> its differing lines ("-" real, "+" halab); {"refused": []} when halab refuses.
    Where halab refuses only the "Executing Cluster Transition" list (executing_unlisted.py), the
    sections around it are still judged."""
    with mock.patch("halab_kernel.commands.crm_simulate._unlisted", lambda *_: ""):
        mine = ours(["-x", case(name), "-S"])
    if mine[0] == REFUSED:
        return {"refused": []}
    halab, theirs = sections(mine[1]), sections(real(["-x", case(name), "-S"])[1])
    found = {}
    for section in SECTIONS:
        if halab.get(section) != theirs.get(section):
            found[section] = [line for line in difflib.unified_diff(theirs.get(section, []), halab.get(section, []),
                                                                    n=0, lineterm="")
                              if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    return found


def listed() -> list[str]:
    return [line.strip() for line in LISTED.read_text().splitlines() if line.strip()] if ORACLE.is_dir() else []


@pytest.mark.parametrize("name", listed())
def test_statuses_and_summary_are_the_real_tools(name: str) -> None:
    assert differences(name) == {}


def test_a_wrong_reason_is_seen() -> None:
    """The comparison reads the reasons: a summary line without its "due to ..." differs."""
    text = "Transition Summary:\n  * Stop       rsc1     ( node1 )  due to node availability\n"
    assert sections(text) != sections(text.replace("  due to node availability", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", type=int, action="append", help="tiers of public cases (default: 1 2 3)")
    parser.add_argument("--show", action="store_true", help="print the differing lines")
    args = parser.parse_args()
    names = tier_cases(*(args.tier or [1, 2, 3]))
    counts = {section: 0 for section in SECTIONS}
    identical, answered = [], 0
    for name in names:
        found = differences(name)
        if "refused" in found:
            continue
        answered += 1
        for section in found:
            counts[section] += 1
        if not found:
            identical.append(name)
        elif args.show:
            for section, lines in found.items():
                print(f"== {name}: {section}")
                print("\n".join(lines))
    print(f"{len(identical)} of {answered} answered cases print the real statuses and summary; differing: "
          + ", ".join(f"{section} {count}" for section, count in counts.items()))
    print(f"not yet listed: {sorted(set(identical) - set(listed()))}")


if __name__ == "__main__":
    main()
