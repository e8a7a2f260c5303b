"""Run a corpus of pcs command sequences on real `pcs -f` and on ours, side by side.

Each step is compared on: exit code, the whole stderr (the moment it ran and CIB dumps masked), stdout, and
the resulting `configuration` section (canonical XML: attribute order,
whitespace and the CIB's epoch counters do not matter). Used by
test_pcs_differential.py and runnable as a script that prints the figures:

    .venv/bin/python tests/commands/pcs_differential.py
    .venv/bin/python tests/commands/pcs_differential.py --fuzz SEED COUNT   # mutated lines
"""

from __future__ import annotations

import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from halab_kernel.commands.pcs import run_pcs

CORPUS = Path(__file__).with_name("pcs_corpus.txt")
COROSYNC_CONF = Path("/etc/corosync/corosync.conf")
BASE_CIB = """<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="5" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-have-watchdog" name="have-watchdog" value="false"/>
        <nvpair id="cib-bootstrap-options-dc-version" name="dc-version" value="2.1.5-a3f44794f94"/>
        <nvpair id="cib-bootstrap-options-cluster-infrastructure" name="cluster-infrastructure" value="corosync"/>
        <nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="halab"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
      <node id="3" uname="node3"/>
    </nodes>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
"""


@dataclass(frozen=True)
class Step:
    command: str
    rc: int
    stdout: str
    messages: tuple[str, ...]  # stderr's lines (see _messages)
    configuration: str  # canonical XML


def load_corpus(path: Path = CORPUS) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in path.read_text().splitlines():
        if line.strip() == "---":
            blocks.append([])
        elif line.strip() and not line.startswith("#"):
            blocks[-1].append(line.strip())
    return [block for block in blocks if block]


_LIFETIME_END = re.compile(r'(<date_expression end=")\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z(" id="cli-[^"]*lifetime)')


def pushes_step_by_step(words: list[str]) -> bool:
    """pcs's legacy commands that push once per step and keep the steps before a failure (as real pcs):
    `constraint location R prefers|avoids N...` (a push per node), `node attribute N a=v...`,
    `constraint delete|remove ID...` (a push per id found), `resource delete|remove CLONE` (the set members
    naming its primitive go, then the clone's removal fails when a set names the clone)."""
    positional = [word for word in words if not word.startswith("-")]
    return (positional[:2] == ["constraint", "location"] and any(w in ("prefers", "avoids") for w in positional)) \
        or positional[:2] == ["node", "attribute"] or positional[:2] in (["constraint", "delete"],
                                                                         ["constraint", "remove"],
                                                                         ["resource", "delete"],
                                                                         ["resource", "remove"])


def canonical_configuration(cib_text: str | bytes) -> str:
    """The configuration section as c14n XML; a lifetime's end (now + lifetime, written by
    crm_resource at the second it ran) is masked: tests/commands/test_pcs_rules.py checks it."""
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(cib_text.encode() if isinstance(cib_text, str) else cib_text, parser)
    configuration = root.find("configuration")
    return _LIFETIME_END.sub(r"\1NOW+LIFETIME\2", etree.tostring(configuration, method="c14n").decode())


# what a cached real answer's messages are (bump when _messages changes: the tests' caches key on it)
MESSAGES_FORMAT = "whole-stderr-1"

# the moment crm_resource prints for a lifetime's end (now + lifetime, "Migration will take effect until: ...")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z")
_NUMBERED = re.compile(r"\s*\d+ ")


def _messages(stderr: str) -> tuple[str, ...]:
    """The whole stderr, line by line, with two things masked that no simulator can match: the wall-clock
    moment a command ran (a lifetime's end, now + lifetime, in crm_resource's format) and the CIB, its lines
    numbered, that cibadmin or crm_resource dumps on a CIB file when the schema refuses it (the refused CIB,
    whose epoch and whitespace are the real file's): dropped, the resulting configuration is compared on its
    own."""
    lines: list[str] = []
    dumping = False
    for line in stderr.splitlines():
        if not dumping and _NUMBERED.match(line) and line.lstrip(" 0123456789").startswith(("<cib", "<?xml")):
            dumping = True
        if dumping and _NUMBERED.match(line):
            continue
        dumping = False
        lines.append(_TIMESTAMP.sub("<now + lifetime>", line))
    return tuple(lines)


def real_pcs_available() -> bool:
    return shutil.which("pcs") is not None and Path(SYSTEM_PYTHON).exists()


RUNNER = Path(__file__).with_name("real_pcs_runner.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def run_real(block: list[str], start: str = BASE_CIB) -> list[Step]:
    """The block on real pcs, in one Debian python process (see real_pcs_runner.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        cib_path = Path(tmp) / "cib.xml"
        cib_path.write_text(start)
        request = {"cib": str(cib_path), "commands": [shlex.split(c) for c in block]}
        done = subprocess.run([SYSTEM_PYTHON, str(RUNNER)], input=json.dumps(request),
                              capture_output=True, text=True, timeout=60 + 10 * len(block), cwd=tmp)
        if done.returncode != 0:
            raise RuntimeError(f"real pcs runner failed: {done.stderr[-2000:]}")
        answers = json.loads(done.stdout)
    return [Step(command, a["rc"], a["stdout"], _messages(a["stderr"]), canonical_configuration(a["cib"]))
            for command, a in zip(block, answers)]


def run_real_one_process_per_command(block: list[str]) -> list[Step]:
    """The block through the `pcs` executable itself (slow; used to check the runner)."""
    steps = []
    with tempfile.TemporaryDirectory() as tmp:
        cib_path = Path(tmp) / "cib.xml"
        cib_path.write_text(BASE_CIB)
        for command in block:
            done = subprocess.run(["pcs", "-f", str(cib_path), *shlex.split(command)],
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                  timeout=120, cwd=tmp)
            steps.append(Step(command, done.returncode, done.stdout, _messages(done.stderr),
                              canonical_configuration(cib_path.read_bytes())))
    return steps


def run_real_each(commands: list[str], cib: str) -> list[Step]:
    """Each command on real pcs, every one from the same CIB text (the runner's reset)."""
    with tempfile.TemporaryDirectory() as tmp:
        request = {"cib": str(Path(tmp) / "cib.xml"), "commands": [shlex.split(c) for c in commands], "reset": cib}
        done = subprocess.run([SYSTEM_PYTHON, str(RUNNER)], input=json.dumps(request), capture_output=True,
                              text=True, timeout=60 + 10 * len(commands), cwd=tmp)
        if done.returncode != 0:
            raise RuntimeError(f"real pcs runner failed: {done.stderr[-2000:]}")
        answers = json.loads(done.stdout)
    return [Step(c, a["rc"], a["stdout"], _messages(a["stderr"]), canonical_configuration(a["cib"]))
            for c, a in zip(commands, answers)]


def differences_each(commands: list[str], cib: str) -> list[tuple[str, str, object, object]]:
    """compare() of each command run alone on `cib`, by real pcs and by ours."""
    return [found for theirs in run_real_each(commands, cib) for found in compare([theirs], run_ours([theirs.command], cib))]


def run_ours(block: list[str], start: str = BASE_CIB) -> list[Step]:
    corosync_conf = COROSYNC_CONF.read_text() if COROSYNC_CONF.is_file() else None
    cib = etree.fromstring(start.encode())
    steps = []
    for command in block:
        outcome = run_pcs(["-f", "cib.xml", *shlex.split(command)], cib, offline=True,
                          corosync_conf=corosync_conf, now=datetime.now(timezone.utc))
        if outcome.cib is not None:
            cib = outcome.cib
        steps.append(Step(command, outcome.result.rc, outcome.result.stdout,
                          _messages(outcome.result.stderr),
                          canonical_configuration(etree.tostring(cib))))
    return steps


ASPECTS = ("rc", "messages", "stdout", "configuration")


def compare(real: list[Step], ours: list[Step]) -> list[tuple[str, str, object, object]]:
    """(command, aspect, real, ours) for every difference. A refusal by name (the honesty rule's
    "not simulated; try it on real nodes") where real pcs fails too, leaving the same configuration,
    differs only in its words: same exit code and configuration, which is what the bar asks."""
    differences = []
    for mine, theirs in zip(ours, real):
        refused = (mine.rc == theirs.rc != 0 and mine.configuration == theirs.configuration
                   and any("not simulated" in line and "halab rig up" in line for line in mine.messages))
        for aspect in (("rc", "configuration") if refused else ASPECTS):
            if getattr(mine, aspect) != getattr(theirs, aspect):
                differences.append((theirs.command, aspect, getattr(theirs, aspect), getattr(mine, aspect)))
    return differences


def to_dict(steps: list[Step]) -> list[dict]:
    return [asdict(step) for step in steps]


def from_dict(items: list[dict]) -> list[Step]:
    return [Step(**{**item, "messages": tuple(item["messages"])}) for item in items]


def mutated_commands(seed: int, count: int) -> list[list[str]]:
    """Corpus lines with one or two words dropped, replaced, inserted or swapped."""
    rnd = random.Random(seed)
    lines = [shlex.split(line) for block in load_corpus() for line in block]
    words = sorted({word for line in lines for word in line})
    commands = []
    for _ in range(count):
        command = list(rnd.choice(lines))
        for _ in range(rnd.randint(1, 2)):
            action, index = rnd.choice(["drop", "replace", "insert", "swap"]), rnd.randrange(max(len(command), 1))
            if action == "drop" and command:
                command.pop(index)
            elif action == "replace" and command:
                command[index] = rnd.choice(words)
            elif action == "insert":
                command.insert(index, rnd.choice(words))
            elif action == "swap" and len(command) > 1:
                other = rnd.randrange(len(command))
                command[index], command[other] = command[other], command[index]
        commands.append(command)
    return commands


def differential_fuzz(seed: int, count: int) -> int:
    """Mutated command lines, each on the same configured CIB, real pcs against ours.

    Runtime views (`pcs resource`, `pcs stonith` = status) are the simulator's
    business, not the configuration core's, and are counted apart.
    """
    corosync_conf = COROSYNC_CONF.read_text() if COROSYNC_CONF.is_file() else None
    cib = etree.fromstring(BASE_CIB.encode())
    for line in load_corpus()[0]:
        outcome = run_pcs(["-f", "cib.xml", *shlex.split(line)], cib)
        cib = outcome.cib if outcome.cib is not None else cib
    base = etree.tostring(cib, encoding="unicode")
    commands = mutated_commands(seed, count)
    with tempfile.TemporaryDirectory() as tmp:
        request = {"cib": str(Path(tmp) / "cib.xml"), "commands": commands, "reset": base}
        done = subprocess.run([SYSTEM_PYTHON, str(RUNNER)], input=json.dumps(request), capture_output=True,
                              text=True, timeout=60 + 10 * count, cwd=tmp)
    differing = status_views = 0
    for command, answer in zip(commands, json.loads(done.stdout)):
        if command in (["resource"], ["stonith"]):
            status_views += 1
            continue
        theirs = Step(shlex.join(command), answer["rc"], answer["stdout"], _messages(answer["stderr"]),
                      canonical_configuration(answer["cib"]))
        outcome = run_pcs(["-f", "cib.xml", *command], etree.fromstring(base.encode()), offline=True,
                          corosync_conf=corosync_conf, now=datetime.now(timezone.utc))
        mine = Step(theirs.command, outcome.result.rc, outcome.result.stdout, _messages(outcome.result.stderr),
                    canonical_configuration(etree.tostring(outcome.cib if outcome.cib is not None else
                                                           etree.fromstring(base.encode()))))
        aspects = [aspect for aspect in ASPECTS if getattr(mine, aspect) != getattr(theirs, aspect)]
        if aspects:
            differing += 1
            print(f"DIFF {aspects} pcs {theirs.command}")
            for aspect in aspects:
                print(f"  real: {getattr(theirs, aspect)!r}\n  ours: {getattr(mine, aspect)!r}")
    print(f"differential fuzz seed {seed}: {count} mutated lines, {status_views} status views skipped, "
          f"{differing} differ")
    return 0 if not differing else 1


def main() -> int:
    if not real_pcs_available():
        print("pcs is not installed")
        return 2
    if len(sys.argv) == 4 and sys.argv[1] == "--fuzz":
        return differential_fuzz(int(sys.argv[2]), int(sys.argv[3]))
    blocks = load_corpus()
    total = sum(len(b) for b in blocks)
    differing: dict[str, int] = {aspect: 0 for aspect in ASPECTS}
    for block in blocks:
        for command, aspect, theirs, mine in compare(run_real(block), run_ours(block)):
            differing[aspect] += 1
            print(f"DIFF [{aspect}] pcs {command}\n  real: {theirs!r}\n  ours: {mine!r}")
    print(f"{total} commands in {len(blocks)} sequences; differences by aspect: {differing}")
    return 0 if not any(differing.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
