"""crm_mon -s, -o and -t against the real crm_mon 2.1.5 on the public scheduler cases' CIBs.

Each case's CIB (../shared/pacemaker-2.1.5/scheduler, read at test time) is read by the real
`CIB_file=CASE crm_mon` and by halab's renderers (crm_mon_history.py) over the scheduler's
reading of the same CIB: the one-line status of -s, and the "Operations" section of -o and -t
(operations in call order, notifications and not-running probes left out, each resource's
migration-threshold and fail count). Cases the scheduler refuses to simulate are skipped.
Tiers 1 and 2 run under pytest; `python -m tests.test_crm_mon_history --tier 3` prints the
figures for any tier. The lab's own crm_mon uses the same renderers; the random campaigns of
tests/view_campaigns.py compare it on live states.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.crm_mon import ctime, instance_counts, migration_summary
from halab_kernel.commands.crm_mon_history import ONLINE_STATES, operations_section, simple_status
from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
from halab_kernel.sim.pacemaker.scheduler.schedule import current_status
from halab_kernel.sim.pacemaker.scheduler.unmodelled import refused_before_scheduling
from halab_kernel.sim.pacemaker.snapshot import Reading
from tests.scheduler_verdicts import ORACLE, names

pytestmark = pytest.mark.skipif(not ORACLE.exists() or shutil.which("crm_mon") is None,
                                reason="needs ../shared/pacemaker-2.1.5/scheduler and the real crm_mon "
                                       "(Debian package pacemaker-cli-utils)")


def real(case: Path, *flags: str) -> str:
    done = subprocess.run(["crm_mon", *flags], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CIB_file": str(case)})
    return done.stdout


def operations_of(text: str, heading: str = "Operations:") -> list[str]:
    """The "Operations" (or another) section of crm_mon's text, up to the next blank line."""
    lines = text.splitlines()
    if heading not in lines:
        return []
    start = lines.index(heading)
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def ours(case: Path) -> tuple[str, list[str], list[str], list[str]] | None:
    """halab's -s line, its Operations sections without and with timing, and its Migration Summary
    (-f); None when refused."""
    root = etree.parse(str(case)).getroot()
    if refused_before_scheduling(root):
        return None
    try:
        before, nodes, every = current_status(cib_from_element(root), int(time.time()))
    except Exception:  # noqa: BLE001 - a case the scheduler cannot read is not this test's subject
        return None
    has_dc = root.get("dc-uuid") in {node.get("id") for node in root.iterfind("configuration/nodes/node")}
    line = simple_status(((n.uname, n.state) for n in nodes), has_dc,
                         instance_counts(Reading("", None, root, before, nodes, every))[0])
    online = [n.uname for n in nodes if n.state in ONLINE_STATES]
    sections = [operations_section(root, online, detail=False, timing=timing, ctime=ctime)
                for timing in (False, True)]
    summary = migration_summary(root, online) if online else []
    return line, sections[0], sections[1], summary


def compare(case: Path) -> dict[str, bool] | None:
    mine = ours(case)
    if mine is None:
        return None
    line, plain, timed, summary = mine
    return {"-s": real(case, "-s").strip() == line, "-o": operations_of(real(case, "-1", "-o")) == plain,
            "-t": operations_of(real(case, "-1", "-t")) == timed,
            "-f": operations_of(real(case, "-1", "-f"), "Migration Summary:") == summary}


def _cases(*tiers: int) -> list[Path]:
    return [ORACLE / "cases" / f"{name}.xml" for tier in tiers for name in names(tier)]


@pytest.mark.parametrize("case", _cases(1, 2) if ORACLE.exists() else [], ids=lambda path: path.stem)
def test_simple_status_and_operations_as_the_real_crm_mon(case: Path) -> None:
    verdict = compare(case)
    if verdict is None:
        pytest.skip("the scheduler refuses this case")
    assert verdict == {"-s": True, "-o": True, "-t": True, "-f": True}, (
        real(case, "-s"), ours(case), operations_of(real(case, "-1", "-t")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", type=int, action="append", help="tier(s) to run (default 1, 2)")
    tiers = parser.parse_args().tier or [1, 2]
    counts = {"-s": 0, "-o": 0, "-t": 0, "-f": 0}
    compared = refused = 0
    for case in _cases(*tiers):
        verdict = compare(case)
        if verdict is None:
            refused += 1
            continue
        compared += 1
        for flag, same in verdict.items():
            counts[flag] += same
            if not same:
                print(f"differs: {case.stem} {flag}")
    print(f"tiers {tiers}: {compared} cases compared ({refused} refused); identical: "
          + ", ".join(f"{flag} {count}" for flag, count in counts.items()))


if __name__ == "__main__":
    main()
