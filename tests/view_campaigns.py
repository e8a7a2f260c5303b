"""Random fault and operation campaigns in a live lab, its views compared with the real tools.

After every step the CIB is exported as a student would (`cibadmin -Q` on the observed node)
and the installed Pacemaker 2.1.5 tools read it offline (`CIB_file=...`): crm_mon in the
forms the course uses, crm_verify, crm_resource --locate/-W, crm_attribute/crm_failcount -G
must print what the simulator's own tools print on that node. When the simulator's scheduler
has nothing left to do, real `crm_simulate -x EXPORT -S` must plan nothing either.

Only what cannot be known offline is left out: the "Status of pacemakerd" line, the
"Last updated" wall-clock line and the "Failed/Pending Fencing Actions" sections (text), the pacemakerd element, fence history and the
last_update time (XML). Used by tests/test_views_random_differential.py (seeded, bounded)
and benchmarks/bench_views_differential.py (many campaigns).
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from lxml import etree

from halab_kernel import Lab, values
from tests.runtime_scenarios import BASE_COMMANDS

NODES = ("node1", "node2", "node3")
EXTRA_COMMANDS = (
    "pcs resource create c1 ocf:pacemaker:Dummy clone",
    "pcs resource create p ocf:pacemaker:Stateful promotable",
)
PRIMITIVES = ("vip", "d1", "d2", "c1", "p")
RESOURCES = ("vip", "d1", "d2", "web", "c1", "c1-clone", "p", "p-clone", "fence1")
TRUE_WORDS = ("y", "yes", "1", "on", "true", "TRUE", "Yes")
FALSE_WORDS = ("n", "no", "0", "off", "false")
TEXT_FLAGS = ("-1", "-1rf", "-1rfA", "-1n", "-1nr", "-1rfR", "-1 -f", "-1o", "-1rt", "-s")


@dataclass(frozen=True)
class Difference:
    """One disagreement: which campaign step, which command, and the first differing lines."""

    seed: int
    step: int
    history: tuple[str, ...]
    command: str
    ours: str
    real: str

    def __str__(self) -> str:
        return (f"seed {self.seed} step {self.step} [{' ; '.join(self.history[-4:])}] `{self.command}`:\n"
                f"  ours: {self.ours}\n  real: {self.real}")


def campaign_lab(seed: int) -> Lab:
    """Three nodes with a fence device, a group, a legacy Dummy, an anonymous clone and a promotable clone."""
    lab = Lab.simulated(nodes=3, seed=seed)
    lab.advance(30)
    for command in BASE_COMMANDS + EXTRA_COMMANDS:
        result = lab.run("node1", command)
        assert result.ok, (command, result.stderr)
    lab.advance(60)
    return lab


def _runner(lab: Lab) -> str | None:
    """A node where Pacemaker runs, to type commands on (the observer first)."""
    state = lab.state()
    if state.observer:
        return state.observer
    return next((n.name for n in state.nodes if n.pacemaker_running), None)


def random_step(lab: Lab, rng: random.Random) -> str:
    """Apply one random fault or operator command; returns what was done (for the report)."""
    node, rsc = rng.choice(NODES), rng.choice(PRIMITIVES)
    kind = rng.choice(["crash", "recover", "partition", "heal", "standby", "unstandby", "pcs-standby",
                       "maintenance-node", "maintenance-mode", "unmanage", "manage", "fail", "fail-start",
                       "failure-timeout", "migration-threshold", "cleanup", "ban", "move", "clear",
                       "stonith", "disable", "enable", "advance", "advance", "kill", "power-off", "cluster-stop",
                       "cluster-start", "node-attribute", "restart", "op-interval"])
    state = lab.state()
    at = _runner(lab)
    if kind == "crash":
        lab.crash(node)
        return f"crash {node}"
    if kind == "recover":
        if not state.node(node).powered:
            lab.restart(node)
        elif not state.node(node).pacemaker_running:
            lab.start(node)
        return f"recover {node}"
    if kind == "partition":
        lab.partition([node], [n for n in NODES if n != node])
        return f"partition {node}"
    if kind in ("kill", "power-off"):
        if not state.node(node).powered:
            return f"nothing to {kind}: {node} is off"
        if kind == "kill":
            daemon = rng.choice(("pacemakerd", "corosync"))
            lab.kill(node, daemon)
            return f"kill {daemon} on {node}"
        lab.power_off(node)
        return f"power off {node}"
    if kind == "heal":
        lab.heal()
        return "heal"
    if kind == "fail" or kind == "fail-start":
        running = state.resource(rsc).running_on  # where it really runs (crm_mon may lag behind)
        if not running:
            return f"nothing to fail: {rsc}"
        lab.fail_resource(rsc, rng.choice(running), op="monitor" if kind == "fail" else "start")
        return f"{kind} {rsc}"
    if at is None:
        return "no node runs Pacemaker"
    command = _operator_command(kind, node, rsc, rng)
    if command is None:
        lab.advance(rng.choice((5, 20, 60, 120)))
        return f"advance to {lab.now:.0f}"
    result = lab.run(at, command)
    return f"{at}$ {command} -> {result.rc}"


def _operator_command(kind: str, node: str, rsc: str, rng: random.Random) -> str | None:
    """The command line for an operator step (None: just let time pass)."""
    group_or_rsc = {"vip": rng.choice(("vip", "web")), "c1": "c1-clone", "p": "p-clone"}.get(rsc, rsc)
    commands = {
        "standby": f"crm_attribute -N {node} -n standby -v {rng.choice(TRUE_WORDS)}",
        "unstandby": rng.choice((f"crm_attribute -N {node} -n standby -v {rng.choice(FALSE_WORDS)}",
                                 f"crm_attribute -N {node} -n standby -D", f"pcs node unstandby {node}")),
        "pcs-standby": rng.choice((f"pcs node standby {node}", f"crm_standby -N {node} -v on")),
        "maintenance-node": f"pcs node {rng.choice(('maintenance', 'unmaintenance'))} {node}",
        "maintenance-mode": f"pcs property set maintenance-mode={rng.choice(('true', 'false', 'false'))}",
        "unmanage": f"pcs resource unmanage {group_or_rsc}",
        "manage": f"pcs resource manage {group_or_rsc}",
        "failure-timeout": f"pcs resource meta {rsc} failure-timeout={rng.choice(('20s', '60s', '1h'))}",
        "migration-threshold": f"pcs resource meta {rsc} migration-threshold={rng.choice((1, 2, 3))}",
        "cleanup": rng.choice((f"pcs resource cleanup {rsc}", "pcs resource cleanup", f"crm_resource -C -r {rsc}")),
        "ban": f"pcs resource ban {group_or_rsc} {node}",
        "move": rng.choice((f"pcs resource move {group_or_rsc} {node}", f"crm_resource --move -r {group_or_rsc} -N {node}")),
        "clear": f"pcs resource clear {group_or_rsc}",
        "stonith": f"pcs property set stonith-enabled={rng.choice(('true', 'false'))}",
        "disable": f"pcs resource disable {group_or_rsc}",
        "enable": f"pcs resource enable {group_or_rsc}",
        "cluster-stop": f"pcs cluster stop {node}",
        "cluster-start": rng.choice((f"pcs cluster start {node}", "pcs cluster start --all")),
        "node-attribute": rng.choice((f"pcs node attribute {node} rack={rng.choice((1, 2))}",
                                      f"crm_attribute -N {node} -n site -v {rng.choice(('a', 'b'))} -l reboot")),
        "restart": f"pcs resource restart {group_or_rsc}",
        "op-interval": f"pcs resource update {rsc} op monitor interval={rng.choice(('10s', '20s', '30s'))}",
    }
    return commands.get(kind)


def view_commands(rng: random.Random) -> list[str]:
    """The tool invocations compared after a step: all of crm_mon's forms, the others sampled."""
    node, rsc = rng.choice(NODES), rng.choice(RESOURCES)
    return [*(f"crm_mon {flags}" for flags in TEXT_FLAGS), "crm_mon --output-as=xml", "crm_verify -L -V",
            f"crm_resource --locate -r {rsc}", f"crm_resource -W -r {rng.choice(RESOURCES)}",
            f"crm_attribute -N {node} -n standby -G", rng.choice(("crm_attribute -n stonith-enabled -G",
                                                                  "crm_attribute -n maintenance-mode -G")),
            f"crm_failcount -r {rng.choice(PRIMITIVES)} -N {node} -G"]


def _text_normal(text: str) -> list[str]:
    """crm_mon's text minus the live-only lines and the fencing history (fenced's, not in the CIB)."""
    kept, fencing = [], False
    for line in text.splitlines():
        fencing = line in ("Failed Fencing Actions:", "Pending Fencing Actions:") or (fencing and line.startswith("  * "))
        if not fencing and not line.startswith(("Status of pacemakerd", "  * Last updated:")):
            kept.append(line)
        elif fencing and line.endswith("Fencing Actions:") and kept and kept[-1] == "":
            kept.pop()  # the blank line before the section
    return kept


def _xml_normal(text: str) -> list[str]:
    """crm_mon's XML in its own attribute order, minus what depends on the wall clock or live daemons."""
    try:
        root = etree.fromstring(text.encode())
    except etree.XMLSyntaxError as error:
        return [f"not XML: {error}"]
    for tag in ("pacemakerd", "fence_history"):
        for element in root.findall(tag):
            root.remove(element)
    for element in root.iter("last_update"):
        element.set("time", "<now>")
    return etree.tostring(root, pretty_print=True, encoding="unicode").splitlines()


def _first_difference(ours: list[str], real: list[str]) -> tuple[str, str]:
    for mine, theirs in zip(ours, real):
        if mine != theirs:
            return mine, theirs
    return (ours[len(real)] if len(ours) > len(real) else "<end>"), (real[len(ours)] if len(real) > len(ours) else "<end>")


def _outputs(command: str, rc: int, stdout: str, stderr: str) -> list[str]:
    """What is compared of one run: exit code, output, and the verdict lines of stderr."""
    if command.startswith("crm_mon") and "xml" in command:
        body = _xml_normal(stdout)
    elif command.startswith("crm_mon"):
        body = _text_normal(stdout)
    else:
        body = stdout.replace("crm_attribute: ", "").strip().splitlines()
    # crm_mon -s on a CIB file also asks the fencer, which no offline run has: that complaint is the harness's
    offline = "Error outputting status info from the fencer or CIB"
    return [f"rc={rc}", *body, *(f"stderr: {line}" for line in stderr.strip().splitlines() if line != offline)]


CTIME = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d+ "
                   r"\d\d:\d\d:\d\d \d{4}")
ISO = re.compile(r"\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ")


def _ctime(unix: int) -> str:
    moment = datetime.fromtimestamp(unix, tz=timezone.utc)
    return f"{moment:%a %b} {moment.day:>2} {moment:%H:%M:%S %Y}"


def shift_dates(text: str, seconds: int) -> str:
    """Every date crm_mon prints (ctime and ISO forms), moved by `seconds`."""
    def ctime(match: re.Match) -> str:
        moment = datetime.strptime(" ".join(match.group(0).split()), "%a %b %d %H:%M:%S %Y")
        return _ctime(int(moment.replace(tzinfo=timezone.utc).timestamp()) + seconds)

    def iso(match: re.Match) -> str:
        moment = datetime.strptime(match.group(0), "%Y-%m-%d %H:%M:%SZ").replace(tzinfo=timezone.utc)
        return f"{datetime.fromtimestamp(moment.timestamp() + seconds, tz=timezone.utc):%Y-%m-%d %H:%M:%S}Z"

    return ISO.sub(iso, CTIME.sub(ctime, text))


def shift_cib(cib_text: str, seconds: int) -> str:
    """The exported CIB moved `seconds` in time: operation times, last-failure attributes, last write.

    Real crm_mon judges failure-timeout against the wall clock and takes no date option; the
    simulator's clock starts in January 2026. Moving the export to the present (and the real
    tool's dates back) lets both judge expiry at the same moment."""
    root = etree.fromstring(cib_text.encode())
    for op in root.iter("lrm_rsc_op"):
        for name in ("last-rc-change", "last-run"):
            if op.get(name, "0").isdigit() and op.get(name, "0") != "0":
                op.set(name, str(int(op.get(name, "0")) + seconds))
    for nvpair in root.iterfind("status/node_state/transient_attributes/instance_attributes/nvpair"):
        if nvpair.get("name", "").startswith(("last-failure-", "shutdown")) and nvpair.get("value", "").isdigit() \
                and nvpair.get("value") != "0":
            nvpair.set("value", str(int(nvpair.get("value", "0")) + seconds))
    if root.get("cib-last-written"):
        root.set("cib-last-written", shift_dates(root.get("cib-last-written", ""), seconds))
    return etree.tostring(root, encoding="unicode")


def real_run(command: str, cib_text: str, sim_unix: int, folder: Path, aligned: bool = False) -> subprocess.CompletedProcess:
    """The real tool on the export, moved to the wall clock's present; its dates moved back.
    `aligned`: first wait for the start of a second, so the tool reads the clock within the second
    the offset is computed for (a rerun, when a failure-timeout might expire right then)."""
    fraction = time.time() % 1
    if aligned and fraction > 0.5:
        time.sleep(1.01 - fraction)
    offset = int(time.time()) - sim_unix
    cib = folder / f"cib-{threading.get_ident()}.xml"
    cib.write_text(shift_cib(cib_text, offset))
    real = subprocess.run(command.split(), env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=60)
    return subprocess.CompletedProcess(real.args, real.returncode, shift_dates(real.stdout, -offset),
                                       shift_dates(real.stderr, -offset))


def compare_views(lab: Lab, node: str, commands: list[str], folder: Path, pool: ThreadPoolExecutor) -> list[tuple[str, str, str]]:
    """(command, ours, real) for each command whose output on `node` differs from the real tool's on the export."""
    exported = lab.run(node, "cibadmin -Q").stdout
    sim_unix = int(values.unix_time(lab.now))
    reals = list(pool.map(lambda command: real_run(command, exported, sim_unix, folder), commands))
    found = []
    for command, real in zip(commands, reals):
        ours = lab.run(node, command)
        mine = _outputs(command, ours.rc, ours.stdout, ours.stderr)
        theirs = _outputs(command, real.returncode, real.stdout, real.stderr)
        if mine != theirs:
            real = real_run(command, exported, sim_unix, folder, aligned=True)
            theirs = _outputs(command, real.returncode, real.stdout, real.stderr)
        if mine != theirs:
            found.append((command, *_first_difference(mine, theirs)))
    return found


def simulated_plan_is_empty(lab: Lab, node: str) -> bool:
    """The simulator's own scheduler, on the node's view, has nothing to do."""
    result = lab.run(node, "crm_simulate -L -S")
    if result.rc != 0 or "Transition Summary:" not in result.stdout:
        return False
    planned = result.stdout.split("Transition Summary:", 1)[1].split("Revised Cluster Status:", 1)[0]
    return not any(re.match(r"\s+\* ", line) for line in planned.splitlines())


def real_plan(lab: Lab, node: str, folder: Path) -> list[str]:
    """The actions real crm_simulate plans on the node's export, at the lab's time."""
    cib = folder / "settled.xml"
    cib.write_text(lab.run(node, "cibadmin -Q").stdout)
    moment = datetime.fromtimestamp(values.unix_time(lab.now), tz=timezone.utc)
    result = subprocess.run(["crm_simulate", "-x", str(cib), "-S", "-t", f"{moment:%Y-%m-%d %H:%M:%S}Z"],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        return [f"crm_simulate rc={result.returncode}: {result.stderr.strip()[:200]}"]
    planned = result.stdout.split("Transition Summary:", 1)[1].split("Revised Cluster Status:", 1)[0]
    return [line.strip() for line in planned.splitlines() if re.match(r"\s+\* ", line)]


# Differences found by these campaigns in parts other helpers own, not fixed yet: (owner, what,
# predicate). Counted and reported apart (benchmarks/bench_views_differential.py), never hidden.
KNOWN_GAPS: tuple[tuple[str, str, Callable[[Difference], bool]], ...] = ()
# (the last one, an unmanaged resource's monitor not rescheduled after a cleanup, was fixed by
# sched-model's 195fc1e and the executor cancelling a cleaned-up resource's monitors)


def known_gap(difference: Difference) -> str | None:
    """The owner and description of a known, reported gap this difference belongs to; None if new."""
    return next((f"{owner}: {what}" for owner, what, matches in KNOWN_GAPS if matches(difference)), None)


@dataclass
class Tally:
    """What a run compared."""

    steps: int = 0
    comparisons: int = 0
    settled_checks: int = 0


def run_campaign(seed: int, steps: int, tally: Tally, pool: ThreadPoolExecutor) -> list[Difference]:
    """One seeded campaign: after each step, every view compared; settled states judged by crm_simulate."""
    rng = random.Random(seed)
    lab = campaign_lab(seed)
    history: list[str] = []
    found: list[Difference] = []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(steps):
            history.append(random_step(lab, rng))
            lab.advance(rng.choice((1, 5, 15, 40)))
            node = lab.state().observer
            if node is None:
                continue
            commands = view_commands(rng)
            tally.steps += 1
            tally.comparisons += len(commands)
            found += [Difference(seed, number, tuple(history), *diff)
                      for diff in compare_views(lab, node, commands, Path(folder), pool)]
            if simulated_plan_is_empty(lab, node):
                tally.settled_checks += 1
                planned = real_plan(lab, node, Path(folder))
                if planned:
                    found.append(Difference(seed, number, tuple(history), "crm_simulate -x EXPORT -S",
                                            "(nothing planned)", "; ".join(planned)))
    return found
