"""Random command sequences of the node tools, on a simulated lab and on the real tools, step by step.

The tools a student types besides pcs (crm_resource, crm_attribute, crm_standby, crm_failcount,
crm_ticket, crm_verify, crm_node, cibadmin, stonith_admin, crm_mon) and the pcs views read from
the cluster's status. Each sequence starts from a settled lab: the course's base cluster, a
richer one (clones, promotable, tickets, attributes, a failure, a ban), or one holding the
configuration of a public scheduler case whose nodes are node1..nodeN. At every step the lab's
CIB is exported (`cibadmin -Q`, what a student hands a real tool), the real tool runs on that
file (CIB_file=F, as on node1) and ours runs in the lab: exit code, stdout, stderr and the
resulting configuration (with the status's node attributes and tickets) must agree. Between
steps the lab sometimes runs on for a few seconds, so the status the tools read moves.

A real tool that needs a running daemon even with CIB_file (the controller, fenced, attrd) is
detected by its answer and the step is recorded as skipped with the reason (`OFFLINE`).
Environment-specific bits are masked: crm_mon's update time and pacemakerd line (a live-only
line), the end of a lifetime constraint (the lab's clock is not the wall clock).

    .venv/bin/python tests/commands/node_tool_sequences.py SEED SEQUENCES LENGTH [START]
"""

from __future__ import annotations

import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from halab_kernel import Lab  # noqa: E402
from tests.conftest import SHARED  # noqa: E402
from tests.runtime_scenarios import base_lab  # noqa: E402

# --- start states -------------------------------------------------------------------------------

RICH = (
    "pcs resource create c1 ocf:pacemaker:Dummy clone",
    "pcs resource create s1 ocf:pacemaker:Stateful promotable",
    "pcs constraint ticket add T1 d2 loss-policy=stop",
    "crm_ticket -t T1 -g --force",
    "crm_attribute -N node2 -n rack -v r2",
    "crm_attribute -N node3 -n rack -v r3 -l reboot",
    "crm_resource --ban -r d1 -N node3",
    "pcs resource utilization d2 cpu=2",
    "pcs node utilization node1 cpu=8",
)


def _scheduler_cases() -> list[str]:
    """Public scheduler cases (tiers 1 and 2) whose nodes are node1..nodeN (N <= 5), no bundles or remotes."""
    folder = SHARED / "pacemaker-2.1.5" / "scheduler"
    if not folder.exists():
        return []
    public = set((folder / "tier1-public.txt").read_text().split()) | set((folder / "tier2-public.txt").read_text().split())
    found = []
    for name in sorted(public):
        path = folder / "cases" / f"{name}.xml"
        if not path.exists():
            continue
        root = etree.parse(str(path)).getroot()
        unames = sorted(node.get("uname", "") for node in root.iterfind("configuration/nodes/node"))
        if unames and unames == [f"node{i}" for i in range(1, len(unames) + 1)] and len(unames) <= 5 \
                and root.find(".//bundle") is None and not root.xpath("//primitive[@type='remote']"):
            found.append(name)
    return found


_SKIPPED_PROPERTIES = {"dc-version", "cluster-infrastructure", "have-watchdog", "cluster-name", "last-lrm-refresh"}


def _scheduler_lab(name: str) -> Lab | str:
    """A lab holding the case's configuration (resources, constraints, options, node attributes),
    settled by the simulator; a string saying why not when the simulator refuses part of it."""
    folder = SHARED / "pacemaker-2.1.5" / "scheduler"
    root = etree.parse(str(folder / "cases" / f"{name}.xml")).getroot()
    nodes = root.findall("configuration/nodes/node")
    lab = Lab.simulated(nodes=len(nodes), seed=0)
    lab.advance(30)
    commands = []
    for nvpair in root.iterfind("configuration/crm_config//nvpair"):
        if nvpair.get("name") not in _SKIPPED_PROPERTIES:
            commands.append(["crm_attribute", "-n", nvpair.get("name", ""), "-v", nvpair.get("value", "")])
    for node in nodes:
        for nvpair in node.iterfind("instance_attributes/nvpair"):
            commands.append(["crm_attribute", "-N", node.get("uname", ""), "-n", nvpair.get("name", ""),
                             "-v", nvpair.get("value", "")])
    for section in ("resources", "constraints"):
        element = root.find(f"configuration/{section}")
        if element is not None:
            commands.append(["cibadmin", "--replace", "-o", section, "-X", etree.tostring(element).decode()])
    for argv in commands:
        result = lab.run("node1", shlex.join(argv))
        if result.rc != 0:
            return f"{argv[0]} {' '.join(argv[1:3])}: {result.stderr.strip()[:160]}"
    lab.advance(60)
    return lab


@dataclass(frozen=True)
class Start:
    name: str
    lab: Callable[[], Lab | str]


def starts() -> list[Start]:
    found = [Start("base", base_lab), Start("rich", _rich_lab)]
    found += [Start(f"scheduler:{name}", lambda name=name: _scheduler_lab(name)) for name in _scheduler_cases()]
    return found


def _rich_lab() -> Lab:
    lab = base_lab()
    for command in RICH:
        result = lab.run("node1", command)
        assert result.ok, (command, result.stderr)
    lab.advance(60)
    lab.fail_resource("d2", lab.state().resource("d2").nodes[0])
    lab.advance(30)
    return lab


# --- the generator --------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """What the lab holds, read from its CIB: the words the generator draws from."""

    primitives: list[str]
    resources: list[str]
    clones: list[str]
    nodes: list[str]
    tickets: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, cib_text: str) -> Vocabulary:
        root = etree.fromstring(cib_text.encode())
        resources = root.find("configuration/resources")
        assert resources is not None
        primitives = [p.get("id", "") for p in resources.iter("primitive")]
        every = [e.get("id", "") for e in resources.iter() if e.tag in ("primitive", "group", "clone", "master")]
        clones = [c.get("id", "") for c in resources.iter() if c.tag in ("clone", "master")]
        nodes = [n.get("uname", "") for n in root.iterfind("configuration/nodes/node")]
        tickets = sorted({t.get("ticket", "") for t in root.iter("rsc_ticket", "ticket_state")} | {"T1", "T2", "site-b", "ticketA"})
        return cls(primitives, every, clones, nodes, tickets)

    def resource(self, rnd: random.Random) -> str:
        pick = rnd.random()
        if pick < 0.08:
            return rnd.choice(["nope", "node1", "a'b", ""])
        if pick < 0.2 and self.clones:
            primitive = rnd.choice([p for p in self.primitives if p] or ["x"])
            return rnd.choice([f"{primitive}:0", f"{primitive}:1", rnd.choice(self.clones)])
        return rnd.choice(self.resources or ["nope"])

    def node(self, rnd: random.Random) -> str:
        return rnd.choice(self.nodes + ["node9"]) if rnd.random() < 0.9 else rnd.choice(["", "NODE1"])


DURATIONS = ["PT1H", "P1D", "PT10M", "P1W", "PT0S", "bogus", "1h", "P1DT2H", "PT-1H"]
VALUES = ["1", "0", "on", "off", "true", "yes", "abc", "", "INFINITY", "-INFINITY", "5min", "10.5", "it's", 'say "hi"', "a&b<c>"]
PARAMETERS = ["target-role", "is-managed", "resource-stickiness", "migration-threshold", "failure-timeout",
              "priority", "fake", "ip", "cidr_netmask", "state", "cpu", "nope", "interval"]
ATTRIBUTES = ["rack", "site", "standby", "pingd", "foo", "maintenance", "a'b", "#uname", "cpu"]
OPTIONS = ["stonith-enabled", "no-quorum-policy", "symmetric-cluster", "cluster-recheck-interval",
           "maintenance-mode", "stop-all-resources", "bogus-option", "start-failure-is-fatal", "placement-strategy",
           "stonith-timeout", "pe-input-series-max", "resource-stickiness"]


def _maybe(rnd: random.Random, words: list[str], chance: float = 0.5) -> list[str]:
    return words if rnd.random() < chance else []


def crm_resource_moves(rnd: random.Random, v: Vocabulary) -> list[str]:
    verb = rnd.choice(["--move", "--ban", "--clear", "-M", "-B", "-U"])
    words = ["crm_resource", verb, "-r", v.resource(rnd)]
    words += _maybe(rnd, ["-N", v.node(rnd)], 0.6)
    if verb not in ("--clear", "-U"):
        words += _maybe(rnd, ["--lifetime", rnd.choice(DURATIONS)], 0.3)
    words += _maybe(rnd, [rnd.choice(["--promoted", "--master", "-Q", "--expired"])], 0.2)
    return words


def crm_resource_queries(rnd: random.Random, v: Vocabulary) -> list[str]:
    kind = rnd.choice(["--locate", "-W", "--why", "-Y", "--list", "-L", "--list-raw", "-l", "--constraints", "-a",
                       "--stack", "-A", "-q", "-w", "-O", "-o"])
    words = ["crm_resource", kind]
    if kind not in ("--list", "-L", "--list-raw", "-l") or rnd.random() < 0.1:
        words += _maybe(rnd, ["-r", v.resource(rnd)], 0.9)
    if kind in ("--why", "-Y", "-O", "-o") or rnd.random() < 0.1:
        words += _maybe(rnd, ["-N", v.node(rnd)])
    words += _maybe(rnd, ["-Q"], 0.15)
    return words


def crm_resource_parameters(rnd: random.Random, v: Vocabulary) -> list[str]:
    verb = rnd.choice(["--set-parameter", "-p", "--get-parameter", "-g", "--delete-parameter", "-d"])
    words = ["crm_resource", "-r", v.resource(rnd), verb, rnd.choice(PARAMETERS)]
    if verb in ("--set-parameter", "-p") and rnd.random() < 0.95:
        words += [rnd.choice(["-v", "--parameter-value"]), rnd.choice(VALUES)]
    words += _maybe(rnd, [rnd.choice(["--meta", "-m", "--utilization", "-z"])], 0.5)
    words += _maybe(rnd, [rnd.choice(["-Q", "--force", "--recursive", "-s", "--set-name=x"])], 0.15)
    if "-s" in words:
        words.append(rnd.choice(["myset", f"{words[2]}-instance_attributes"]))
    return words


def crm_resource_cleanup(rnd: random.Random, v: Vocabulary) -> list[str]:
    words = ["crm_resource", rnd.choice(["--cleanup", "-C", "--refresh", "-R"])]
    words += _maybe(rnd, ["-r", v.resource(rnd)], 0.7)
    words += _maybe(rnd, ["-N", v.node(rnd)], 0.4)
    words += _maybe(rnd, ["-n", "monitor", "-I", rnd.choice(["10s", "0", "15000"])], 0.1)
    return words


def crm_attribute(rnd: random.Random, v: Vocabulary) -> list[str]:
    words = ["crm_attribute"]
    node_kind = rnd.random() < 0.55
    if node_kind:
        words += ["-N", v.node(rnd)]
        words += _maybe(rnd, ["-l", rnd.choice(["reboot", "forever", "permanent", "bogus"])], 0.4)
        words += _maybe(rnd, ["-t", rnd.choice(["nodes", "status"])], 0.2)
        words += _maybe(rnd, ["-z"], 0.1)
        name = rnd.choice(ATTRIBUTES)
    else:
        words += _maybe(rnd, ["-t", rnd.choice(["crm_config", "rsc_defaults", "op_defaults", "bogus", "tickets"])], 0.3)
        name = rnd.choice(OPTIONS)
    if rnd.random() < 0.08:
        words += ["--pattern", rnd.choice(["ra", "s.*", "foo"])]
    else:
        words += [rnd.choice(["-n", "--name"]), name]
    action = rnd.random()
    if action < 0.35:
        words += [rnd.choice(["-v", "--update"]), rnd.choice(VALUES)]
    elif action < 0.6:
        words += [rnd.choice(["-G", "--query"])]
    elif action < 0.8:
        words += [rnd.choice(["-D", "--delete"])]
    words += _maybe(rnd, [rnd.choice(["-q", "--quiet", "-d", "-i", "-s"])], 0.2)
    if words[-1] in ("-d", "-i", "-s"):
        words.append(rnd.choice(["dflt", "myid", "nodes-1", "cib-bootstrap-options"]))
    return words


def crm_standby_failcount(rnd: random.Random, v: Vocabulary) -> list[str]:
    if rnd.random() < 0.5:
        words = ["crm_standby", "-N", v.node(rnd)]
        words += rnd.choice([["-v", rnd.choice(["on", "off", "true", "bogus"])], ["-G"], ["-D"], []])
        words += _maybe(rnd, ["-l", rnd.choice(["reboot", "forever"])], 0.3)
        return words
    words = ["crm_failcount", "-r", v.resource(rnd)]
    words += _maybe(rnd, ["-N", v.node(rnd)], 0.9)
    words += rnd.choice([["-G"], ["-G"], ["-D"], ["-G", "-n", "monitor", "-I", rnd.choice(["10s", "15s", "15000", "0"])],
                         ["-v", "3"], []])
    words += _maybe(rnd, ["-q"], 0.2)
    return words


def crm_ticket(rnd: random.Random, v: Vocabulary) -> list[str]:
    ticket = rnd.choice(v.tickets + ["T9"])
    return rnd.choice([
        ["crm_ticket", "-l"], ["crm_ticket", "-L"], ["crm_ticket", "-w"], ["crm_ticket", "-t", ticket, "-w"],
        ["crm_ticket", "-t", ticket, rnd.choice(["-g", "-r"]), *_maybe(rnd, ["--force"], 0.7)],
        ["crm_ticket", "-t", ticket, "-G", rnd.choice(["granted", "owner", "standby", "nope"])],
        ["crm_ticket", "-t", ticket, "-S", rnd.choice(["owner", "granted", "x"]), "-v", rnd.choice(["me", "true", ""])],
        ["crm_ticket", "-t", ticket, "-D", rnd.choice(["owner", "granted"]), *_maybe(rnd, ["--force"], 0.5)],
        ["crm_ticket", "-t", ticket, rnd.choice(["-s", "-a"])],
        ["crm_ticket", "-c", *_maybe(rnd, ["-t", ticket])],
        ["crm_ticket", "-t", ticket, "-C", *_maybe(rnd, ["--force"], 0.6)],
        ["crm_ticket", "-t", ticket, "-q", "-l"],
        ["crm_ticket", "-t", ticket, "-S", rnd.choice(["expires", "last-granted", "standby"]),
         "-v", rnd.choice(["1700000000", "0", "abc", "true"])],
        ["crm_ticket", "-t", ticket, "--grant", "--force"], ["crm_ticket", "--info"], ["crm_ticket", "--details"],
    ])


def cibadmin(rnd: random.Random, v: Vocabulary) -> list[str]:
    rsc = rnd.choice(v.primitives or ["x"])
    node = rnd.choice(v.nodes)
    return rnd.choice([
        ["cibadmin", "-Q", "-o", rnd.choice(["resources", "constraints", "nodes", "crm_config", "tickets", "bogus"])],
        ["cibadmin", "-Q", "-A", rnd.choice([f"//primitive[@id='{rsc}']", f"//node[@uname='{node}']",
                                             "//rsc_location", "//nvpair[@name='target-role']", "//nothing"])],
        ["cibadmin", "-Q", "-l"], ["cibadmin", "-Q", "-s"], ["cibadmin", "-l", "-Q"],
        ["cibadmin", "-M", "-X", f'<primitive id="{rsc}" description="{rnd.choice(["x", "y"])}"/>'],
        ["cibadmin", "-M", "-o", "resources", "-X", f'<primitive id="{rsc}"><meta_attributes id="{rsc}-meta_attributes">'
         f'<nvpair id="{rsc}-meta_attributes-target-role" name="target-role" value="{rnd.choice(["Stopped", "Started"])}"/>'
         "</meta_attributes></primitive>"],
        ["cibadmin", "-C", "-o", "constraints", "-X",
         f'<rsc_location id="l{rnd.randint(1, 3)}" rsc="{rsc}" node="{node}" score="{rnd.choice(["50", "-INFINITY", "x"])}"/>'],
        ["cibadmin", "-D", "-X", f'<rsc_location id="l{rnd.randint(1, 3)}"/>'],
        ["cibadmin", "-D", "-o", rnd.choice(["constraints", "resources"]), "-X", f'<primitive id="{rsc}"/>'],
        ["cibadmin", "-R", "-o", "constraints", "-X", "<constraints/>"],
        ["cibadmin", "-D", "-A", rnd.choice(["//rsc_location", "//nvpair[@name='target-role']", f"//primitive[@id='{rsc}']"])],
        ["cibadmin", "-C", "-o", "resources", "-X",
         f'<primitive id="{rnd.choice(["n1", rsc])}" class="ocf" provider="pacemaker" type="Dummy"/>'],
        ["cibadmin", "-Q", "--scope", rnd.choice(["status", "configuration", "alerts"])],
    ])


def fencing_and_nodes(rnd: random.Random, v: Vocabulary) -> list[str]:
    node = v.node(rnd)
    other = rnd.choice([n for n in v.nodes if n != "node1"] + ["node9"])  # node1 is where the student types
    return rnd.choice([
        ["stonith_admin", "-L"], ["stonith_admin", "-l", node], ["stonith_admin", "-H", node],
        ["stonith_admin", "-H", "*"], ["stonith_admin", "-F", other], ["stonith_admin", "-B", other],
        ["stonith_admin", "-M", "-a", rnd.choice(["fence_dummy", "fence_xvm", "nope"])],
        ["crm_node", rnd.choice(["-l", "-p", "-q", "-i", "-n"])], ["crm_node", "--force", "-R", node],
        ["crm_verify", "-L"], ["crm_verify", "-L", "-V"], ["crm_verify", "-LVV"],
    ])


def views(rnd: random.Random, v: Vocabulary) -> list[str]:
    return rnd.choice([
        ["crm_mon", "-1"], ["crm_mon", "-1", "-r"], ["crm_mon", "-1", "-f"], ["crm_mon", "-1", "-A"],
        ["crm_mon", "-1", "-r", "-f", "-A", "-n"], ["crm_mon", "-1", "-R"],
        ["pcs", "status"], ["pcs", "status", "--full"], ["pcs", "status", "resources"], ["pcs", "status", "nodes"],
        ["pcs", "resource", "config"], ["pcs", "resource", "status"], ["pcs", "constraint", "config", "--full"],
        ["pcs", "resource", "config", v.resource(rnd)], ["pcs", "stonith", "config"], ["pcs", "stonith", "status"],
        ["pcs", "constraint", "location", "config", "--full"],
        ["crm_mon", "-1", "--output-as=xml"], ["crm_mon", "-1", "-o"], ["crm_mon", "-1", "-c"], ["crm_mon", "-1", "-t"],
        ["crm_mon", "-1", "--group-by-node"], ["crm_mon", "-s"], ["crm_mon", "-1", "--include=tickets"],
        ["crm_mon", "-1", "--exclude=all", "--include=resources"], ["crm_mon", "-1", "--resource", v.resource(rnd)],
        ["crm_mon", "-1", "--node", v.node(rnd)], ["crm_mon", "-1frA", "--show-detail"],
    ])


FAMILIES: dict[str, tuple[Callable[[random.Random, Vocabulary], list[str]], int]] = {
    "crm_resource move/ban/clear": (crm_resource_moves, 4),
    "crm_resource queries": (crm_resource_queries, 3),
    "crm_resource parameters": (crm_resource_parameters, 4),
    "crm_resource cleanup/refresh": (crm_resource_cleanup, 1),
    "crm_attribute": (crm_attribute, 4),
    "crm_standby/crm_failcount": (crm_standby_failcount, 2),
    "crm_ticket": (crm_ticket, 2),
    "cibadmin": (cibadmin, 3),
    "stonith_admin/crm_node/crm_verify": (fencing_and_nodes, 1),
    "views": (views, 2),
}


def command(rnd: random.Random, vocabulary: Vocabulary) -> list[str]:
    names = list(FAMILIES)
    family = rnd.choices(names, [FAMILIES[name][1] for name in names])[0]
    return FAMILIES[family][0](rnd, vocabulary)


# --- running both tools ----------------------------------------------------------------------------

# A real tool that needs a running daemon even with CIB_file: the step is skipped with this reason.
OFFLINE = [
    (re.compile(r"Could not connect to (the )?controller"), "needs the controller (crmd)"),
    (re.compile(r"Could not connect to fencer|Couldn't fence"), "needs the fencer"),
    (re.compile(r"Dry run: skipping|due to CIB_file"), "needs the controller (CIB_file: a dry run)"),
    (re.compile(r"Segmentation fault"), "the real tool crashes with CIB_file"),
]
SEGFAULT = (-11, 139)


def offline_reason(argv: list[str], rc: int, stdout: str, stderr: str) -> str | None:
    if rc in SEGFAULT:
        return "the real tool crashes with CIB_file (needs the controller)"
    for pattern, reason in OFFLINE:
        if pattern.search(stderr) or pattern.search(stdout):
            return reason
    return None


def _clock_bound(argv: list[str], exported: str) -> str | None:
    """pcs hides location rules whose dates are over, by the wall clock; the lab has its own clock."""
    if argv[0] == "pcs" and "constraint" in argv and "<date_expression" in exported:
        return "date rules: pcs judges them by the wall clock, the lab by its own"
    return None


_MASKS = [
    (re.compile(r"(Last updated: ).*"), r"\1-"),
    (re.compile(r"(Migration will take effect until: ).*"), r"\1-"),
    (re.compile(r"^Status of pacemakerd: .*\n", re.M), ""),
    (re.compile(r"(last updated |Last change: +).*"), r"\1-"),
    (re.compile(r"^ *\d+ .*\n", re.M), ""),  # the CIB cibadmin/crm_resource print, numbered, before a refusal
    (re.compile(r"^ *<pacemakerd .*/>\n", re.M), ""),  # crm_mon's XML: pacemakerd's state is live-only
    (re.compile(r'(<last_update time=")[^"]*'), r"\1-"),  # and its update time the wall clock
]


def masked(text: str) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


def cib_picture(text: str) -> str:
    """Configuration (canonical, lifetimes' ends masked), node attributes of the status, tickets."""
    parser = etree.XMLParser(remove_blank_text=True)
    try:
        root = etree.fromstring(text.encode(), parser)
    except etree.XMLSyntaxError:
        return "unreadable"
    configuration = root.find("configuration")
    for element in root.iter():
        element.tail = None
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tag == "date_expression":
            for name in ("start", "end"):
                if element.get(name):
                    element.set(name, "-")
    lines = [etree.tostring(configuration, method="c14n").decode() if configuration is not None else ""]
    for state in root.iterfind("status/node_state"):
        for nvpair in state.iterfind("transient_attributes//nvpair"):
            lines.append(f"transient {state.get('uname')} {nvpair.get('name')}={nvpair.get('value')}")
    for ticket in root.iterfind("status/tickets//ticket_state"):
        lines.append(f"ticket {sorted((k, v) for k, v in ticket.attrib.items() if k != 'last-granted')}")
    return "\n".join(sorted(lines[1:]) + lines[:1])


def _cluster_part(text: str) -> str:
    """`pcs status` from its summary (or its first view) to the daemons' section, which only a live node has."""
    start = text.find("Cluster Summary:")
    return text[max(start, 0):].split("\nDaemon Status:")[0].split("\nPCSD Status:")[0].rstrip("\n")


@dataclass(frozen=True)
class Step:
    command: str
    family: str
    skipped: str | None = None
    refused: bool = False
    difference: str | None = None


def _real(argv: list[str], cib: Path, corosync_conf: str) -> subprocess.CompletedProcess:
    """The real tool on the file, as on node1 (crm_attribute takes the local node from OCF_RESKEY_CRM_meta_on_node)."""
    env = {**os.environ, "CIB_file": str(cib), "OCF_RESKEY_CRM_meta_on_node": "node1"}
    if argv[0] != "pcs":
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    done = subprocess.run(["pcs", "-f", str(cib), *argv[1:]], env=env, capture_output=True, text=True, timeout=60)
    if "'--corosync_conf' must be specified" in done.stderr:  # pcs status reads the cluster's name there
        conf = cib.with_name("corosync.conf")
        conf.write_text(corosync_conf)
        done = subprocess.run(["pcs", "-f", str(cib), "--corosync_conf", str(conf), *argv[1:]], env=env,
                              capture_output=True, text=True, timeout=60)
    return done


def _family_of(argv: list[str]) -> str:
    for name, (generate, _weight) in FAMILIES.items():
        if name.startswith(argv[0]) or argv[0] in name:
            if argv[0] != "crm_resource":
                return name
    if argv[0] == "crm_resource":
        if any(w in argv for w in ("--move", "--ban", "--clear", "-M", "-B", "-U")):
            return "crm_resource move/ban/clear"
        if any(w in argv for w in ("--cleanup", "-C", "--refresh", "-R")):
            return "crm_resource cleanup/refresh"
        if any(w in argv for w in ("-p", "-g", "-d", "--set-parameter", "--get-parameter", "--delete-parameter")):
            return "crm_resource parameters"
        return "crm_resource queries"
    return "views" if argv[0] in ("pcs", "crm_mon") else argv[0]


def compare(lab: Lab, argv: list[str], folder: Path) -> Step:
    """Run one command on the lab (node1) and with the real tool on the lab's exported CIB."""
    line = shlex.join(argv)
    family = _family_of(argv)
    exported = lab.run("node1", "cibadmin -Q").stdout
    cib = folder / "cib.xml"
    cib.write_text(exported)
    real = _real(argv, cib, lab.run("node1", "cat /etc/corosync/corosync.conf").stdout)
    ours = lab.run("node1", line)
    if ours.rc == 70 or "Traceback" in ours.stderr:
        return Step(line, family, difference=f"internal error: {ours.stderr.strip()[:300]}")
    reason = offline_reason(argv, real.returncode, real.stdout, real.stderr) or _clock_bound(argv, exported)
    if reason:
        return Step(line, family, skipped=reason)
    if ours.rc == 69 and "not simulated" in ours.stderr and "halab rig up" in ours.stderr:
        unchanged = cib_picture(lab.run("node1", "cibadmin -Q").stdout) == cib_picture(exported)
        return Step(line, family, refused=unchanged, difference=None if unchanged else "refused, but the CIB changed")
    if argv[:2] == ["pcs", "status"]:  # pcs -f shows neither the cluster's name nor its daemons
        ours_out, real_out = _cluster_part(ours.stdout), _cluster_part(real.stdout)
    else:
        ours_out, real_out = ours.stdout, real.stdout
    problems = []
    if ours.rc != real.returncode:
        problems.append(f"rc: ours {ours.rc}, real {real.returncode}")
    if masked(ours_out) != masked(real_out):
        problems.append(f"stdout:\n  ours {masked(ours_out)[:700]!r}\n  real {masked(real_out)[:700]!r}")
    if masked(ours.stderr) != masked(real.stderr):
        problems.append(f"stderr:\n  ours {ours.stderr[:500]!r}\n  real {real.stderr[:500]!r}")
    after = lab.run("node1", "cibadmin -Q").stdout
    if cib_picture(after) != cib_picture(cib.read_text()):
        ours_lines, real_lines = cib_picture(after).splitlines(), cib_picture(cib.read_text()).splitlines()
        problems.append("cib: ours-only " + repr([x[:300] for x in ours_lines if x not in real_lines][:3])
                        + " real-only " + repr([x[:300] for x in real_lines if x not in ours_lines][:3]))
    return Step(line, family, difference="\n".join(problems) or None)


def run_sequence(seed: int, start: Start, length: int, folder: Path) -> list[Step] | str:
    lab = start.lab()
    if isinstance(lab, str):
        return lab
    rnd = random.Random(seed)
    steps = []
    for _ in range(length):
        if lab.state().node("node1").status != "online" and \
                not lab.wait_until(lambda state: state.node("node1").status == "online", 120):
            break  # fenced off by the cluster: no shell left to type in
        vocabulary = Vocabulary.of(lab.run("node1", "cibadmin -Q").stdout)
        steps.append(compare(lab, command(rnd, vocabulary), folder))
        if rnd.random() < 0.3:
            lab.advance(rnd.choice([2, 5, 20]))
    return steps


def main(seed: int, sequences: int, length: int, only: Optional[str] = None) -> None:
    every = [start for start in starts() if only is None or start.name.startswith(only)]
    ran, skipped, differing, refused, refused_starts = Counter(), Counter(), Counter(), Counter(), {}
    with tempfile.TemporaryDirectory() as directory:
        for n in range(sequences):
            start = every[n % len(every)]
            steps = run_sequence(seed + n, start, length, Path(directory))
            if isinstance(steps, str):
                refused_starts[start.name] = steps
                continue
            for step in steps:
                ran[step.family] += 1
                if step.skipped:
                    skipped[(step.family, step.skipped)] += 1
                elif step.refused:
                    refused[step.family] += 1
                    print(f"refused: {step.command}")
                elif step.difference:
                    differing[step.family] += 1
                    print(f"--- [{start.name} seed {seed + n}] {step.command}\n{step.difference}\n")
    for family in sorted(ran):
        print(f"{family:36} {ran[family]:5} run {differing[family]:4} differ {refused[family]:4} refused by name")
    for (family, reason), count in sorted(skipped.items()):
        print(f"skipped {count:4} {family}: {reason}")
    for name, reason in refused_starts.items():
        print(f"start refused {name}: {reason}")
    print(f"total: {sum(ran.values())} commands, {sum(differing.values())} differ, {sum(refused.values())} refused "
          f"by name, {sum(skipped.values())} skipped (the real tool needs a daemon)")


if __name__ == "__main__":
    main(*(int(word) for word in sys.argv[1:4]), *sys.argv[4:5])
