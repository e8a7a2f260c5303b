"""The node tools (crm_resource, crm_attribute, crm_standby, crm_failcount, crm_ticket, cibadmin,
crm_verify, crm_node, stonith_admin, crm_mon and pcs's status views) against the installed Pacemaker
2.1.5 ones, over seeded random sequences (tests/commands/node_tool_sequences.py): at every step the
real tool runs on the lab's exported CIB and must give the same exit code, output and resulting
configuration, or ours refuses by name and leaves the CIB alone. A few fixed seeds here;
benchmarks/bench_node_tool_differential.py runs many more and prints the figures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.commands.node_tool_sequences import Start, compare, run_sequence, starts

pytestmark = pytest.mark.skipif(shutil.which("crm_resource") is None or shutil.which("pcs") is None,
                                reason="real Pacemaker tools and pcs not installed (apt-get install pacemaker pcs)")

STARTS = {start.name: start for start in starts()}
CASES = [("base", 101), ("rich", 102), ("rich", 103), ("scheduler:group-anticolocation", 104),
         ("scheduler:bug-lf-2445", 105), ("scheduler:coloc-loop", 106)]


@pytest.mark.parametrize("name, seed", CASES)
def test_a_random_sequence_answers_as_the_real_tools(name: str, seed: int, tmp_path: Path) -> None:
    start: Start | None = STARTS.get(name)
    if start is None:
        pytest.skip(f"{name}: the scheduler cases are not available (../shared)")
    steps = run_sequence(seed, start, 12, tmp_path)
    assert not isinstance(steps, str), steps
    differing = [f"{step.command}\n{step.difference}" for step in steps if step.difference]
    assert not differing, "\n\n".join(differing)


def test_the_sequences_reach_every_family_and_do_not_only_refuse(tmp_path: Path) -> None:
    steps = run_sequence(7, STARTS["rich"], 40, tmp_path)
    assert not isinstance(steps, str)
    compared = [step for step in steps if not step.skipped and not step.refused]
    assert len(compared) >= 25, [step.command for step in steps]
    assert len({step.family for step in compared}) >= 6


@pytest.mark.parametrize("tickets", [["-t T9 -s"], ["-t A -g --force", "-t T9 -s", "-t B -r --force"]])
def test_pcs_status_full_lists_the_tickets_as_crm_ticket_details(tickets: list[str], tmp_path: Path) -> None:
    """pcs 0.11.5's status --full ends its Pacemaker part with `crm_ticket --details`, indented (a
    ticket only in standby too: `T9\trevoked [standby] (standby=true)`); found by seed 91003."""
    lab = STARTS["base"].lab()
    for ticket in tickets:
        assert lab.run("node1", f"crm_ticket {ticket}").ok
    step = compare(lab, ["pcs", "status", "--full"], tmp_path)
    assert step.difference is None and not step.refused and not step.skipped, step


def test_crm_attribute_with_tickets_does_not_look_the_node_up(tmp_path: Path) -> None:
    """`--update -INFINITY` is --update -I -N FINITY after pcmk__cmdline_preproc; with -t tickets the real
    tool never looks node FINITY up (rc 0): ours refuses -t tickets by name, not 'Could not map name=FINITY'.
    Found by bench_node_tools_differential.py 95003 14 20."""
    lab = STARTS["base"].lab()
    step = compare(lab, ["crm_attribute", "-t", "tickets", "--name", "start-failure-is-fatal", "--update", "-INFINITY"],
                   tmp_path)
    assert step.refused and step.difference is None, step
