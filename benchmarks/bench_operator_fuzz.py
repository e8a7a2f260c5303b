"""Fuzz what an operator types: mutated pcs lines and generated tool lines, counting internal errors.

    .venv/bin/python benchmarks/bench_operator_fuzz.py [PCS_LINES] [TOOL_LINES] [SEED]

Two runs, both seeded (the same numbers give the same inputs):
- PCS_LINES lines of the differential corpus (tests/commands/pcs_corpus.txt), of the operator
  sequence generator (tests/commands/operator_sequences.py, same seed) and of the hand-made
  sequences (tests/commands/operator_handmade/), each with one to three
  words dropped, replaced, inserted or swapped, run through `run_pcs` on a configured CIB (every
  other line: with bundles, one of them one pacemaker drops): an exception escaping it is an
  internal error, and so is a failing line that hands back a CIB
  (but for pcs's legacy commands that push step by step and keep the steps before a failure:
  `constraint location R prefers|avoids N...`, `node attribute N a=v...`);
- TOOL_LINES lines of every simulated tool (cibadmin, crm_attribute, corosync-quorumtool, ...) with
  words that include quotes, pipes, XML and namespaces, run in a live simulated lab: an answer with
  "internal error in the simulator" (the router's rc 70 for an exception; the real tools' own rc 70,
  e.g. `cibadmin -R` with no XML, is not one) is one, and so is a failing line that changed the CIB
  (pipelines aside: their rc is the last filter's).
Prints the counts; exits 1 if any internal error was found.
"""

from __future__ import annotations

import random
import shlex
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree  # noqa: E402

from halab_kernel.commands.pcs import run_pcs  # noqa: E402
from halab_kernel.commands.router import tool_names  # noqa: E402
from halab_kernel.lab import Lab  # noqa: E402
from tests.commands.operator_sequences import sequences  # noqa: E402
from tests.commands.pcs_differential import BASE_CIB, load_corpus, pushes_step_by_step  # noqa: E402

HANDMADE = Path(__file__).resolve().parents[1] / "tests" / "commands" / "operator_handmade"  # typed by hand
GENERATED_LINES = 4000  # operator-sequence lines mixed into the corpus's as material to mutate

EXTRA_WORDS = ["'", '"', "|", "'|'", "a'b", "<cib/>", "<cib><configuration/></cib>", "<primitive id='x'/>",
               "<foo:nvpair xmlns:foo='http://x' id='zz'/>", "-e", "0", "-5", "99", "0x10", "--monitor", "lifetime=P1D",
               "lifetime=bogus", "date", "gt", "in_range", "to", "duration", "date-spec", "hours=9-16", "(", ")",
               "and", "or", "not_defined", "pingd", "set", "setoptions", "ticket", "tag", "alert", "recipient",
               "OCF_CHECK_LEVEL=10", "role=Stopped", "\u00e9", "x" * 300, "--", "-INFINITY", "=", "a=", "=b"]
TOOL_WORDS = ["resource", "constraint", "stonith", "cluster", "status", "node", "property", "tag", "alert",
              "manage", "unmanage", "utilization", "level", "--full", "config", "create", "ocf:pacemaker:ping",
              "host_list=10.200.0.1", "-n", "-v", "-G", "-D", "-N", "node1", "-l", "reboot", "forever", "-r", "--locate", "-W", "-R", "-C",
              "-M", "-Q", "-o", "resources", "constraints", "crm_config", "-X", "-x", "-e", "-s", "-l", "-1", "-A",
              "--output-as=xml", "dummy1", "grp", "vip", "|", "grep", "head", "-c", "wc", "tail", "cleanup",
              "--force", "status", "-V", "-t", "nodes", "-q", "--meta", "-m", "-z", "--utilization", "-p", "-g", "-d",
              "--set-name=s1", "--wait", "-T", "2", "target-role", "Stopped", "is-managed", "priority", "cpu"]


_BUNDLES = ["resource bundle create b1 container docker image=nginx network control-port=3121 port-map port=80 "
            "storage-map source-dir=/a target-dir=/b meta priority=1", "resource create bb ocf:pacemaker:Dummy bundle b1",
            "resource bundle create b2 container podman image=x replicas=2",
            "resource bundle create b3 container docker image=y network ip-range-start=10.0.0.4",
            "resource create bc ocf:pacemaker:Dummy bundle b3", "resource bundle update b3 network ip-range-start= --force",
            "constraint location b2 prefers node1", "tag create tb b1 b2"]


def _configured(extra: tuple[str, ...] = ()) -> etree._Element:
    """The capture scenario's configuration (every other line: with bundles, one pacemaker drops)."""
    cib = etree.fromstring(BASE_CIB.encode())
    for line in [*load_corpus()[0], *extra]:
        outcome = run_pcs(["-f", "cib.xml", *shlex.split(line)], cib)
        cib = outcome.cib if outcome.cib is not None else cib
    return cib


def _mutate(rnd: random.Random, words: list[str], vocabulary: list[str]) -> list[str]:
    words = list(words)
    for _ in range(rnd.randint(1, 3)):
        action, index = rnd.choice(("drop", "replace", "insert", "swap")), rnd.randrange(max(len(words), 1))
        if action == "drop" and words:
            words.pop(index)
        elif action == "replace" and words:
            words[index] = rnd.choice(vocabulary)
        elif action == "insert":
            words.insert(index, rnd.choice(vocabulary))
        elif action == "swap" and len(words) > 1:
            other = rnd.randrange(len(words))
            words[index], words[other] = words[other], words[index]
    return words


def fuzz_pcs(count: int, seed: int) -> tuple[int, list[str]]:
    rnd = random.Random(seed)
    lines = [shlex.split(line) for block in load_corpus() for line in block]
    lines += [shlex.split(line) for block in sequences(seed, GENERATED_LINES // 40, 40) for line in block]
    lines += [shlex.split(line) for path in sorted(HANDMADE.glob("*.txt")) for line in path.read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    vocabulary = sorted({word for line in lines for word in line} | set(EXTRA_WORDS))
    bases = (_configured(), _configured(tuple(_BUNDLES)))
    now = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    problems = []
    for index in range(count):
        argv = _mutate(rnd, rnd.choice(lines), vocabulary)
        try:
            outcome = run_pcs(["-f", "cib.xml", *argv], bases[index % 2], offline=True, now=now)
        except Exception as error:  # noqa: BLE001 -- that is what we count
            problems.append(f"pcs {shlex.join(argv)}: {type(error).__name__}: {error}")
            continue
        if outcome.result.rc != 0 and outcome.cib is not None and not pushes_step_by_step(argv):
            problems.append(f"pcs {shlex.join(argv)}: failed (rc {outcome.result.rc}) but changed the CIB")
    return count, problems


def fuzz_tools(count: int, seed: int) -> tuple[int, list[str]]:
    rnd = random.Random(seed)
    tools = sorted(set(tool_names()))
    vocabulary = TOOL_WORDS + EXTRA_WORDS
    problems = []
    lab = Lab.simulated(3, seed=seed)
    lab.advance(30)
    sim = lab.backend.sim  # type: ignore[attr-defined]
    for index in range(count):
        if index % 500 == 0 and index:
            lab = Lab.simulated(3, seed=seed + index)
            lab.advance(30)
            sim = lab.backend.sim  # type: ignore[attr-defined]
        words = [rnd.choice(tools)] + [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 6))]
        quoted = [shlex.quote(word) if rnd.random() < 0.7 else word for word in words]
        line = " ".join(quoted)
        before = sim.cib.xml()
        result = lab.run("node1", line)
        if "internal error in the simulator" in result.stderr:
            problems.append(f"{line}: {result.stderr.strip()}")
        elif result.rc != 0 and sim.cib.xml() != before and "|" not in quoted \
                and words[0] not in ("crm_resource", "crm_failcount") \
                and not (words[0] == "pcs" and pushes_step_by_step(words[1:])):
            problems.append(f"{line}: failed (rc {result.rc}) but changed the CIB")
    return count, problems


def main() -> int:
    pcs_lines = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    tool_lines = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    failed = False
    for name, run, count in (("pcs", fuzz_pcs, pcs_lines), ("tools", fuzz_tools, tool_lines)):
        started = time.perf_counter()
        tried, problems = run(count, seed)
        print(f"{name}: {tried} lines in {time.perf_counter() - started:.1f} s, {len(problems)} internal errors")
        for problem in problems[:20]:
            print(f"  {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
