"""crm_simulate's "what if" options (-u -d -f -q -w -g -r -b -e -i -t) against the real crm_simulate.

Each public scheduler case (../shared/pacemaker-2.1.5, read at test time) gets modifications
derived from its own CIB (fail, take down or bring up one of its nodes, inject a probe, a failed
start or a failed recurring monitor of one of its primitives, grant or revoke its tickets, lose
quorum, move the clock); `halab crm_simulate -x CASE -S ARGS` must then give the real tool's
exit code, its "Performing Requested Modifications" lines exactly, and its transition and
revised status as compare.py judges them — or refuse (rc 69, "not simulated"). A pair is
  exact    - stdout and stderr equal the real tool's (fail-count timestamps aside),
  match    - not exact, but rc, modification lines and compare.py agree,
  refused  - rc 69 with "not simulated",
  silent   - anything else with rc 0 (the honesty rule forbids it).

    .venv/bin/python -m tests.test_crm_simulate_injections [--tier 1 --tier 2]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Optional

import pytest
from lxml import etree

from halab_kernel.commands.crm_simulate import main as crm_simulate
from tests.scheduler_verdicts import ORACLE, load_compare, names

pytestmark = pytest.mark.skipif(not ORACLE.is_dir() or shutil.which("crm_simulate") is None,
                                reason="needs ../shared/pacemaker-2.1.5 and the real crm_simulate")
ENV = {"LC_ALL": "C", "TZ": "UTC", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
STAMP = re.compile(r"(last-failure-\S+=)\d+")


def modifications(path: Path) -> list[list[str]]:
    """The what-if command lines tried on one case, from its own nodes, primitives and tickets."""
    root = etree.parse(str(path)).getroot()
    nodes = [n.get("uname") for n in root.iterfind("configuration/nodes/node") if n.get("uname")
             and n.get("type") != "remote"]
    online = [s.get("uname") for s in root.iterfind("status/node_state")
              if s.get("uname") in nodes and s.get("crmd") == "online" and s.get("in_ccm") == "true"]
    offline = [n for n in nodes if n not in online]
    primitives = [p for p in root.iterfind("configuration/resources//primitive")
                  if not any(a.tag in ("clone", "master", "bundle") for a in p.iterancestors()) and p.get("class")]
    tickets = sorted({t.get("ticket") for t in root.iter("rsc_ticket") if t.get("ticket")})
    lines: list[list[str]] = []
    if online:
        lines += [["-f", online[0]], ["-d", online[-1]], ["-f", online[0], "-q", "0"]]
    if offline:
        lines.append(["-u", offline[0]])
    for primitive in primitives[:2]:
        rsc = primitive.get("id") or ""
        where = _active_on(root, rsc) or (online[:1] if online else [])
        for node in where[:1]:
            lines += [["-i", f"{rsc}_monitor_0@{node}=7"], ["-i", f"{rsc}_start_0@{node}=1"]]
            monitors = [op.get("interval") for op in primitive.iterfind("operations/op")
                        if op.get("name") == "monitor" and op.get("role") in (None, "Started")]
            ms = _ms(monitors[0]) if monitors else None
            if ms:
                lines.append(["-i", f"{rsc}_monitor_{ms}@{node}=1"])
    for ticket in tickets[:1]:
        lines += [["-g", ticket], ["-r", ticket], ["-b", ticket]]
    lines.append(["-t", "2030-06-15 12:00:00Z", "-w", "true"])
    return lines


def _active_on(root, rsc: str) -> list[str]:
    return [s.get("uname") or "" for s in root.iterfind("status/node_state")
            if any(r.get("id") == rsc for r in s.iter("lrm_resource"))]


def _ms(interval: Optional[str]) -> Optional[int]:
    match = re.fullmatch(r"(\d+)(ms|s|m|min|h)?", (interval or "").strip())
    if match is None:
        return None
    return int(match.group(1)) * {"ms": 1, "s": 1000, None: 1000, "m": 60000, "min": 60000, "h": 3600000}[match.group(2)]


def real(path: Path, args: list[str]) -> tuple[int, str, str]:
    result = subprocess.run(["crm_simulate", "-x", str(path), "-S", *args], capture_output=True, text=True,
                            env=ENV, timeout=120, cwd="/tmp")
    rc = result.returncode if result.returncode >= 0 else 128 - result.returncode  # SIGABRT: as a shell says, 134
    return rc, result.stdout, result.stderr


def ours(path: Path, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = crm_simulate(["-x", str(path), "-S", *args])
    return rc, out.getvalue(), err.getvalue()


def _block(text: str) -> str:
    """The "Performing Requested Modifications" list."""
    if "Performing Requested Modifications:" not in text:
        return ""
    return STAMP.sub(r"\1N", text.split("Performing Requested Modifications:", 1)[1].split("\n\n", 1)[0])


def judge(path: Path, args: list[str], compare: ModuleType) -> tuple[str, str]:
    """One case and command line: its verdict and why."""
    expected, mine = real(path, args), ours(path, args)
    if mine[0] == 69 and "not simulated: " in mine[2] and mine[1] == "":
        return "refused", mine[2].strip()
    if "internal error" in mine[2] or "Traceback" in mine[2]:
        return "crash", mine[2].strip()
    if (expected[0], STAMP.sub(r"\1N", expected[1]), expected[2]) == (mine[0], STAMP.sub(r"\1N", mine[1]), mine[2]):
        return "exact", ""
    if expected[0] != mine[0]:
        return "silent", f"rc {mine[0]}, real {expected[0]}: {mine[2].strip()[:200]}"
    if _block(expected[1]) != _block(mine[1]):
        return "silent", f"modifications differ: {_block(expected[1])!r} vs {_block(mine[1])!r}"
    if expected[0] != 0:
        return "match", ""
    verdict = compare.compare_texts(expected[1], mine[1], anon=True)
    return ("match", "") if verdict["match"] else ("silent", str({k: v for k, v in verdict.items() if v}))


def _pairs(tiers: list[int]) -> list[tuple[Path, list[str]]]:
    pairs = []
    for tier in tiers:
        for name in names(tier):
            path = ORACLE / "cases" / f"{name}.xml"
            pairs += [(path, args) for args in modifications(path)]
    return pairs


@pytest.fixture(scope="module")
def compare() -> ModuleType:
    return load_compare()


@pytest.mark.parametrize("name", names(1) if ORACLE.is_dir() else [])
def test_tier1_case_with_every_modification_agrees_or_is_refused(name: str, compare: ModuleType) -> None:
    path = ORACLE / "cases" / f"{name}.xml"
    verdicts = {" ".join(args): judge(path, args, compare) for args in modifications(path)}
    wrong = {args: why for args, (verdict, why) in verdicts.items() if verdict in ("silent", "crash")}
    assert not wrong


PCS = ("stonith create f1 fence_dummy pcmk_host_list='node1 node2 node3'",
       "resource create web ocf:pacemaker:Dummy op monitor interval=10s",
       "resource create db ocf:pacemaker:Stateful promotable",
       "constraint colocation add web with Promoted db-clone",
       "resource create ip ocf:pacemaker:Dummy --group g1", "resource create ip2 ocf:pacemaker:Dummy --group g1",
       "constraint ticket add T1 g1 loss-policy=stop")


@pytest.fixture(scope="module")
def pcs_cib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A settled 3-node lab's CIB with a fence device, a promotable clone, a group under a ticket,
    configured by the real `pcs -f`."""
    from halab_kernel.lab import Lab

    if shutil.which("pcs") is None:
        pytest.skip("real pcs not installed")
    lab = Lab.simulated(3, seed=2)
    lab.advance(30)
    lab.run("node1", "pcs resource create d1 ocf:pacemaker:Dummy")
    lab.advance(30)
    path = tmp_path_factory.mktemp("pcs") / "cib.xml"
    path.write_text(lab.run("node1", "cibadmin -Q").stdout)
    for command in PCS:
        subprocess.run(["pcs", "-f", str(path), *shlex.split(command)], check=True, capture_output=True, timeout=60)
    return path


@pytest.mark.parametrize("args", ["-f node1", "-d node2", "-u node3 -f node1 -q 0", "-g T1", "-g T1 -f node2",
                                  "-b T1", "-i web_start_0@node1=1", "-i web_monitor_10000@node1=1",
                                  "-t 2026-01-05T12:00:00Z -r T1", "-d node1 -d node2", "-f node2 -f node3 -q 0"])
def test_pcs_made_cib_agrees_with_real_crm_simulate(args: str, pcs_cib: Path, compare: ModuleType) -> None:
    assert judge(pcs_cib, args.split(), compare)[0] in ("exact", "match")


def test_clone_instances_are_not_injected(pcs_cib: Path) -> None:
    """2.1.5 finds a cloned primitive by its id yet injects no fail count for it: refused."""
    rc, out, err = ours(pcs_cib, ["-i", "db_start_0@node3=1"])
    assert (rc, out) == (69, "") and "-i/--op-inject on db" in err


SIMPLE = "simple11"  # two online nodes, two stopped primitives, no fencing


@pytest.mark.parametrize("args", [
    ["-f", "nodeX"],                          # unknown node: 2.1.5's fatal assertion, rc 134
    ["-d", "nodeX"],
    ["-u", "nodeX"],                          # -u makes the node's configuration entry
    ["-u", "nodeX", "-f", "nodeY"],           # ... and so lets any injection make one
    ["-i", "bad@node1"],                      # malformed spec: an error line, nothing injected
    ["-i", "rsc1_start_0@node1"],
    ["-i", "@node1=1"],
    ["-i", "norsc_start_0@node1=0"],          # unknown resource
    ["-i", "rsc1_start_0@nodeX=1"],           # unknown node
    ["-i", "rsc1_monitor_10000@node1=1", "-i", "rsc1_monitor_10000@node1=1"],  # fail count twice
    ["-q", "0"],                              # -q alone is no modification in 2.1.5
    ["-q", "0", "-f", "node2"],
    ["-w", "true"],
    ["-g", "t1", "-r", "t2", "-b", "t3", "-e", "t4"],
    ["-t", "2020-01-01"],
    ["-t", "2020-01-01 10:00:00Z", "-f", "node1"],
    ["-Q", "-f", "node1"],
])
def test_edge_cases_agree_with_real_crm_simulate(args: list[str], compare: ModuleType) -> None:
    """rc, stderr and the modification lines exactly; the transition as compare.py judges it (the order
    of probes in Executing Cluster Transition is the scheduler's, not compared)."""
    path = ORACLE / "cases" / f"{SIMPLE}.xml"
    assert real(path, args)[2] == ours(path, args)[2]
    assert judge(path, args, compare)[0] in ("exact", "match")


@pytest.mark.parametrize("args, named", [
    (["-t", "garbage"], "the date 'garbage'"),        # 2.1.5 silently uses the clock
    (["-t", "2020-W01-3"], "the date '2020-W01-3'"),   # week dates: not parsed here
    (["-t", "2020-02-30"], "out of range"),
    (["-q", "2", "-f", "node1"], "the quorum value '2'"),
    (["-i", "rsc1_reload_0@node1=0"], "the operation key 'rsc1_reload_0'"),
    (["-i", "rsc1_stop_0@node1=7"], "a stop recorded as not running"),  # a failed stop for 2.1.5
    (["-F", "rsc1_start_0@node1=1"], "--op-fail" if False else "-F"),
    (["-f", "node1", "--explain", "rsc1"], "--explain with modifications"),
    (["-c"], "-c"),
    (["-A"], "-A"),
])
def test_what_is_not_modelled_is_refused_by_name(args: list[str], named: str) -> None:
    rc, out, err = ours(ORACLE / "cases" / f"{SIMPLE}.xml", args)
    assert (rc, out) == (69, "") and named in err and err.rstrip().endswith("halab rig up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tier", type=int, action="append", help="tier(s) of public cases (default 1)")
    parser.add_argument("--show", action="append", default=[], help="list the pairs of this verdict")
    args = parser.parse_args()
    compare, counts = load_compare(), Counter[str]()
    for path, line in _pairs(args.tier or [1]):
        verdict, why = judge(path, line, compare)
        counts[verdict] += 1
        if verdict in args.show:
            print(f"{verdict}: {path.stem} {' '.join(line)}: {why}")
    print(f"pairs {sum(counts.values())}: " + ", ".join(f"{k} {counts[k]}" for k in
                                                        ("exact", "match", "refused", "silent", "crash")))
    return 1 if counts["silent"] or counts["crash"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
