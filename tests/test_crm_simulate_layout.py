"""crm_simulate's two text layouts against the real crm_simulate 2.1.5.

Without -s, 2.1.5 prints the headed ("fancy") layout: section titles, "* " bullets, indented
lists. With -s (`crm_simulate -Ls`, the command that shows placement scores) it prints the plain
one: no titles (sections, "Node List", "Resource Group: g", "Clone Set: c [r]"), no bullets, no
indentation, no item names (`Online: [ n1 ]` is `[ n1 ]`); --text-fancy brings the headed one back.

Over the public scheduler cases (../shared/pacemaker-2.1.5, read at test time) halab and the real
tool run with the same options and their whole stdout is compared. Most differences come from the
transition itself (the scheduler's, measured by tests.scheduler_verdicts), so pytest asserts the
layout on every case halab answers: the real tool's plain output is its headed output with the
titles, bullets, indentation and names taken away (checked on the real tool, score lines and its
scheduling notes aside), and so must halab's be; hence wherever halab's headed output is right,
its plain one is right too.

    .venv/bin/python -m tests.test_crm_simulate_layout [--tier 1 --tier 2 --tier 3] [--show differ]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from halab_kernel import Lab
from halab_kernel.commands.crm_simulate import main as crm_simulate
from tests.scheduler_verdicts import ORACLE, names
from tests.test_crm_simulate_injections import STAMP, modifications

pytestmark = pytest.mark.skipif(not ORACLE.is_dir() or shutil.which("crm_simulate") is None,
                                reason="needs ../shared/pacemaker-2.1.5 and the real crm_simulate")
ENV = {"LC_ALL": "C", "TZ": "UTC", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
SCORE = re.compile(r"^\S+: \S+ allocation score on \S+: \S+$|^\S+ promotion score on \S+: \S+$")
NOTE = re.compile(r"^Only 'private' parameters to ")  # 2.1.5's scheduler notes, on stdout only when plain
SECTION = re.compile(r"^(Current cluster status|Transition Summary|Executing Cluster Transition|"
                     r"Revised Cluster Status|Performing Requested Modifications):$")
LIST_TITLE = re.compile(r"^(Node List|Full List of Resources|Resource Group: .*|Clone Set: .*):$")
COMBINATIONS = (("-S",), ("-S", "-s"), ("-s",), ("-Q", "-S", "-s"))  # -S: the headed reference
REFUSED = 69


def real(args: list[str]) -> tuple[int, str, str]:
    result = subprocess.run(["crm_simulate", *args], capture_output=True, text=True, env=ENV, timeout=120,
                            cwd="/tmp")
    rc = result.returncode if result.returncode >= 0 else 128 - result.returncode  # SIGABRT: as a shell says, 134
    return rc, result.stdout, result.stderr


def ours(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = crm_simulate(args)
    return rc, out.getvalue(), err.getvalue()


def case(name: str) -> str:
    return str(ORACLE / "cases" / f"{name}.xml")


def without_titles(headed: str) -> str:
    """The headed layout as 2.1.5 prints it plain: titles dropped, then the bullets, indentation and
    the names of the node list's items; other lines (dates, banners) as they are."""
    lines = []
    for line in headed.split("\n"):
        item = re.match(r"^ *\* (.*)$", line)
        if SECTION.match(line) or (item and LIST_TITLE.match(item.group(1))):
            continue
        lines.append(re.sub(r"^(Online|OFFLINE): (?=\[)", "", item.group(1)) if item else line)
    return "\n".join(lines)


def without_scores(plain: str) -> str:
    """The plain layout without the score lines (and the blank line that opens their list)."""
    kept = [line for line in plain.split("\n") if not SCORE.match(line) and not NOTE.match(line)]
    return "\n".join(kept).replace("\n\n\n", "\n\n", 1)


def layout_holds(headed: str, plain: str) -> bool:
    """Whether `plain` (-S -s) is `headed` (-S) in the plain layout, scores aside."""
    return without_scores(plain) == without_titles(headed)


def verdict(name: str, args: tuple[str, ...]) -> str:
    mine = ours(["-x", case(name), *args])
    if mine[0] == REFUSED and "not simulated" in mine[2]:
        return "refused"
    return "identical" if mine == real(["-x", case(name), *args]) else "differ"


def tier_cases(*tiers: int) -> list[str]:
    return [name for tier in tiers for name in names(tier)] if ORACLE.is_dir() else []


def check_layouts(name: str, modified: tuple[str, ...] = ()) -> None:
    """-S and -S -s (with the modifications `modified`) on one case: the plain layout is the
    headed one without titles for the real tool and for halab, and equal to the real tool's, scores
    aside, wherever halab's headed output is."""
    line = ["-x", case(name), "-S", *modified]
    headed, plain = ours(line), ours([*line, "-s"])
    if headed[0] == REFUSED:
        assert plain[0] == REFUSED
        return
    real_headed, real_plain = real(line), real([*line, "-s"])
    stamped = [STAMP.sub(r"\1N", text) for text in (headed[1], plain[1], real_headed[1], real_plain[1])]
    assert layout_holds(stamped[2], stamped[3])      # what the checks below rely on
    assert layout_holds(stamped[0], stamped[1])
    assert "Current cluster status:" not in plain[1] and "  * " not in plain[1]
    if (headed[0], stamped[0], headed[2]) == (real_headed[0], stamped[2], real_headed[2]):
        assert (plain[0], without_scores(stamped[1]), plain[2]) == (real_plain[0], without_scores(stamped[3]),
                                                                    real_plain[2])


@pytest.mark.parametrize("name", tier_cases(1, 2))
def test_scores_switch_to_the_plain_layout_as_in_the_real_tool(name: str) -> None:
    check_layouts(name)


@pytest.mark.parametrize("name", tier_cases(1))
def test_modified_cibs_switch_to_the_plain_layout_as_in_the_real_tool(name: str) -> None:
    for modified in modifications(Path(case(name))):
        check_layouts(name, tuple(modified))


CASE = "group4"  # two nodes, a group; halab's -S output is the real one here


@pytest.mark.parametrize("args", [
    ["-s"], ["-Q", "-s"], ["-Q", "-S", "-s"], ["-S", "-s", "--text-fancy"], ["-Q", "-s", "--text-fancy"],
    ["-S", "-s", "-d", "node1"], ["-s", "-f", "node1"], ["-Q", "-s", "-d", "node1"], ["-Q", "-S", "-d", "node1"],
    ["-S", "-s", "-d", "nosuch"], ["-s", "-t", "2030-01-01"], ["-s", "-g", "ticketA"],
])
def test_options_around_scores_print_what_the_real_tool_prints(args: list[str]) -> None:
    line = ["-x", case(CASE), *args]
    assert ours(line) == real(line)


def test_a_lab_shows_its_scores_in_the_plain_layout() -> None:
    lab = Lab.simulated(2, seed=0)
    lab.advance(30)
    lab.run("node1", "pcs property set stonith-enabled=false")
    lab.run("node1", "pcs resource create d1 ocf:pacemaker:Dummy")
    lab.run("node1", "pcs resource create g1 ocf:pacemaker:Dummy --group grp")
    lab.run("node1", "pcs resource create c1 ocf:pacemaker:Dummy clone")
    lab.run("node1", "pcs resource create off ocf:pacemaker:Dummy --disabled")  # "1 of 5 ... DISABLED"
    lab.advance(30)
    with tempfile.TemporaryDirectory() as folder:
        cib = Path(folder) / "cib.xml"
        cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
        for options in ("-Ls", "-LSs", "-LS"):
            mine = lab.run("node1", f"crm_simulate {options}")
            expected = real(["-x", str(cib), *(f"-{letter}" for letter in options[2:])])
            assert (mine.rc, mine.stdout) == (expected[0], expected[1])
    shown = lab.run("node1", "crm_simulate -Ls").stdout
    assert shown.startswith("1 of 5 resource instances DISABLED and 0 BLOCKED from further action due to failure\n"
                            "\n[ node1 node2 ]\n\nd1\t(ocf:pacemaker:Dummy):\t Started ")
    assert "\nStarted: [ node1 node2 ]\noff\t(ocf:pacemaker:Dummy):\t Stopped (disabled)\n\n" in shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tier", type=int, action="append", help="tier(s) of public cases (default 1, 2)")
    parser.add_argument("--show", action="append", default=[], help="list the cases of this verdict")
    args = parser.parse_args()
    if not ORACLE.is_dir() or shutil.which("crm_simulate") is None:
        print("skipped: needs ../shared/pacemaker-2.1.5 and the real crm_simulate")
        return 0
    cases = tier_cases(*(args.tier or [1, 2]))
    broken = []
    for name in cases:
        headed, plain = ours(["-x", case(name), "-S"]), ours(["-x", case(name), "-S", "-s"])
        if headed[0] != REFUSED and not layout_holds(headed[1], plain[1]):
            broken.append(name)
    print(f"{len(cases)} cases; plain layout not the headed one without titles: {len(broken)} {broken[:10]}")
    for combination in COMBINATIONS:
        verdicts = {name: verdict(name, combination) for name in cases}
        counts = Counter(verdicts.values())
        print(f"crm_simulate -x CASE {' '.join(combination)}: compared {len(cases) - counts['refused']}, "
              f"identical {counts['identical']}, differing {counts['differ']}, refused {counts['refused']}")
        for shown in args.show:
            print(f"  {shown}: {' '.join(name for name, found in verdicts.items() if found == shown)}")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
