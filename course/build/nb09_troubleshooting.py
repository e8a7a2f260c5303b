"""09 troubleshooting: logs, crm_mon, and broken clusters to diagnose and repair."""

from cells import Notebook, Topic, check_button_cell, code, exercise, graded, md, right, see, solution, written, wrong
from common import backend_cells

CELLS = [
    md("""
    # 09 · Troubleshooting: read before you touch

    **Learning objectives.** After this notebook you can
    - follow a method: *symptom → status → configuration → explanation → log → cause → repair →
      verify*;
    - read `crm_mon -1rf` (fail counts, failed actions), `pcs constraint`, `crm_resource --why`,
      `crm_simulate -sL` / `lab.explain(...)` and the Pacemaker and Corosync logs;
    - diagnose a broken cluster from what its users report, by reading it rather than guessing;
    - repair the cause rather than the symptom, and verify the repair with a failure;
    - read a log back to the first failure of a cascade, and replay the DC's saved pe-inputs
      (`crm_simulate -x`) to find the decision that stopped a service.
    """),
    *backend_cells("troubleshooting"),
    md("""
    ## The tools, on a healthy cluster

    | question | command |
    |---|---|
    | what runs where, what failed? | `crm_mon -1rf` (`-r` inactive resources too, `-f` fail counts) or `pcs status --full` |
    | which rules exist? | `pcs constraint` (add `--full` for their ids), `pcs resource config` |
    | what did an operator leave behind? | ids starting `cli-` in `pcs constraint --full`: `pcs resource ban` and `move-with-constraint` made them, `pcs resource clear NAME` removes them |
    | why is it (not) there? | `crm_resource --why -r NAME`, `crm_simulate -sL`, `lab.explain("NAME")` |
    | does the configuration make sense? | `crm_verify -L -V` |
    | what happened, when? | `/var/log/pacemaker/pacemaker.log`, `journalctl -u corosync -u pacemaker`, `lab.logs()` |
    | is there quorum? | `corosync-quorumtool -s`, `pcs quorum status` |

    Every log line has a time, a node, a daemon and a function. The DC's `pacemaker-schedulerd`
    lines say what it decided ("Actions: Start vip ( node2 )"); `pacemaker-controld` says what it
    did and with which result; corosync says who is in the membership.
    """),
    code("""
    from halab_graders import lab_site
    site = lab_site(lab)   # a free address of the nodes' network (notebook 05)
    lab.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    for command in ["pcs property set stonith-enabled=false",
                    f"pcs resource create vip ocf:heartbeat:IPaddr2 ip={site.address} cidr_netmask={site.netmask}",
                    "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf",
                    "pcs resource group add webgroup vip web"]:
        lab.run(first, command)
    lab.advance("20s")
    lab.fail_resource("web")
    lab.advance("30s")
    print(lab.run(first, "crm_mon -1rf").output)
    print(lab.run(first, "grep -E 'schedulerd.*Actions|Result of (start|monitor)' /var/log/pacemaker/pacemaker.log").output)
    """),
    md("""
    `lab.logs()` is the same log as a table, one row per line, from every node: filter it like any
    DataFrame.
    """),
    code("""
    logs = lab.logs()
    about_web = logs[logs.line.str.contains("web") & logs.line.str.contains("not running|Recover|error", regex=True)]
    print("\\n".join(about_web.line))
    """),
    md("""
    ## Four broken clusters

    `checks.puzzle(letter)` gives you a fresh copy of a broken cluster; break nothing more, look
    first. Each has **one** cause, and no two share a cause. The symptoms as users report them:
    """),
    code("""
    for letter, (_, symptom) in checks.PUZZLES.items():
        print(letter, "-", symptom)
    print("possible causes:", ", ".join(checks.CAUSES))
    """),
    code("""
    broken = checks.puzzle("A")
    print(broken.run("node1", "crm_mon -1r").output)
    print(broken.run("node1", "pcs constraint").output)
    print(broken.explain("vip"))
    """),
    md("""
    Investigate **B**, **C** and **D** the same way in the cell below (change the letter; add
    `corosync-quorumtool -s`, `crm_resource --why -r web`, `pcs constraint --full`, the log).
    """),
    code("""
    broken = checks.puzzle("B")
    print(broken.run("node1", "crm_mon -1r").output)
    """),
    md("""
    ## Exercise 1 · diagnoses (2 points)

    Store in `diagnoses` the cause of each puzzle, as a dict from letter to one of `checks.CAUSES`.
    The Check says whether all four are right, not which one is wrong: diagnose from the evidence,
    not by trying causes until the Check turns green.
    """),
    *exercise("diagnoses", 2, check="troubleshooting.diagnoses", answer="diagnoses",
              source="""
    ### BEGIN SOLUTION
    diagnoses = {"A": "wrong-hostname", "B": "missing-colocation", "C": "leftover-ban", "D": "lost-quorum"}
    ### END SOLUTION
    """),
    md("""
    ## Exercise 2 · repairs (4 points)

    Store in `fixes` the commands that repair each puzzle (a dict from letter to a list of command
    strings, run on node1 of a fresh copy of that puzzle). A repair passes when the service (vip
    and web together) runs again where the puzzle says it should (A and C: on node2), every node is
    online, nothing is left over in the configuration (read `pcs constraint --full` after your
    repair), and the service survives the crash of its node; web follows its address as in 06
    (stopping web for maintenance leaves the address up). Try each
    repair on `checks.puzzle(letter)` first.
    """),
    solution("ex-fixes", """
    ### BEGIN SOLUTION
    fixes = {
        "A": ["pcs constraint delete location-webgroup-node2.lab.example-100",
              "pcs constraint location webgroup prefers node2=100"],
        "B": ["pcs constraint colocation add web with vip INFINITY"],
        "C": ["pcs resource clear webgroup"],
        "D": ["pcs cluster start --all"],
    }
    ### END SOLUTION
    """),
    check_button_cell("troubleshooting.all_repaired", "fixes"),
    graded("test-fix-a", 1, "troubleshooting.repaired", "fixes", dict(puzzle_letter="A"),
           hidden=(dict(puzzle_letter="A", seed=3),)),
    graded("test-fix-b", 1, "troubleshooting.repaired", "fixes", dict(puzzle_letter="B")),
    graded("test-fix-c", 1, "troubleshooting.repaired", "fixes", dict(puzzle_letter="C")),
    graded("test-fix-d", 1, "troubleshooting.repaired", "fixes", dict(puzzle_letter="D"),
           hidden=(dict(puzzle_letter="D", seed=3),)),
    md("""
    **Simulator notes.** `pcs` here is pcs 0.11's, as on real nodes: its `pcs resource move`
    rehearses the move on a copy of the CIB, refuses (changing nothing) when the resource would
    not move or would move back once its temporary constraint is gone, otherwise moves the
    resource and removes that constraint again. A repair is checked by a crash **and** the restart
    of that node: a repair that only moved the service once does not last.
    """),
    md("""
    ## Exercise 3 · a method (2 points, graded by your instructor)

    Pick one puzzle and write the path you took: the symptom, the first command that showed
    something wrong, the line of output that named the cause, the repair, and how you verified it.
    Why is `pcs quorum expected-votes 1` a poor repair for a cluster whose last node lost quorum?
    """),
    written("written-method", 2, """
    Puzzle C: the symptom was the service on node1 although node2 is preferred and online. `pcs
    constraint --full` showed `cli-ban-webgroup-on-node2` (score -INFINITY), left by `pcs resource ban`;
    `lab.explain('vip')` showed -INFINITY on node2 from it. Repair: `pcs resource clear webgroup`; the
    service moved to node2; then crashing node2 showed it fail over and nothing blocked it.
    Lowering expected votes to 1 makes a lone node quorate: it hides that two nodes are down, and the
    next network cut could leave two partitions that both think they are quorate: split brain.
    The repair is to bring the nodes back (pcs cluster start --all).
    """),
    md("""
    ## Reading the log to the first cause

    A failure rarely comes alone: the first one makes Pacemaker stop, move and restart other
    things, and some of those fail too. The end of the log, and `crm_mon -1rf`'s list of failed
    actions, show the **last** consequences. The cause is the **first** failure after the moment
    everything was fine. `checks.cascade()` is such a cluster (web is down); read, in this order,
    what it says:
    """),
    code("""
    broken = checks.cascade()
    print(broken.run("node1", "crm_mon -1rf --show-detail").output)
    print(broken.run("node1", "crm_resource --why -r web").output)
    log = broken.run("node1", "journalctl -u pacemaker").output.splitlines()
    print("\\n".join(line for line in log if "Result of" in line or "Calculated transition" in line))
    """),
    md("""
    Each "Calculated transition N, saving inputs in .../pe-input-N.bz2" line is a decision of the
    scheduler; on a real node you can replay any of them with `crm_simulate -x
    /var/lib/pacemaker/pengine/pe-input-N.bz2 -S -s` to see the scores that led to it. The DC keeps
    them (simulated nodes too): list them on the DC and replay one.
    """),
    code("""
    dc = broken.state().dc
    print(broken.run(dc, "ls /var/lib/pacemaker/pengine").output)
    print(broken.run(dc, "crm_simulate -x /var/lib/pacemaker/pengine/pe-input-3.bz2 -S").output)
    """),
    see("""
    the pe-input files the DC saved, then the cluster as the scheduler saw it in pe-input-3 (the
    log's "Calculated transition 4": the two counters differ), with fs `FAILED` on the node where
    it failed, its **Transition Summary** (what it decided: recover fs elsewhere, start vip and web
    there) and the status after those actions. Replaying an input
    answers "why did the cluster do that?" long after the fact. The key lines:
    """, "pe-input-3.bz2", "* fs (ocf:heartbeat:Filesystem): FAILED node2", "Transition Summary:",
        "* Recover fs ( node2 -> node3 )", "* Start web ( node3 )"),
    md("""
    ## Exercise 4 · the first cause (2 points)

    Store in `first_failure` the dict `{"resource": ..., "node": ..., "operation": ...}` of the
    first failure in `checks.cascade()`'s log: the one everything else followed from.
    """),
    *exercise("first-cause", 2, check="troubleshooting.first_cause", answer="first_failure", hidden=(dict(seed=3),),
              source="""
    ### BEGIN SOLUTION
    # probes that find a resource "not running" on a node where it never ran are expected, not failures
    failures = [line for line in log if "Result of" in line and "probe" not in line and not line.endswith(": ok")]
    first_failure = {"resource": "fs", "node": "node1", "operation": "monitor"}   # failures[0]
    ### END SOLUTION
    """),
    md("""
    ## Exercise 5 · an incident, replayed (3 points)

    On call, you meet each incident once, and no two are alike. `incidents.incident(seed)` is a
    fresh one for every seed: where the service ran, which of its resources failed first, on which
    nodes it cannot start, how many routine changes (each one a transition and a pe-input) came
    before, and what the cluster did in between all differ. `incidents.evidence(lab)` hands you what you would read on the DC: `.log`,
    the log lines of every node in time order, and `.replays`, a dict from each pe-input file the
    DC kept to what `crm_simulate -x /var/lib/pacemaker/pengine/FILE -S` prints for it.

    Write a function `diagnose(log, replays)` that returns the dict `{"pe_input": ..., "resource":
    ..., "node": ..., "operation": ...}`: the pe-input whose transition **first stopped web** (its
    Transition Summary stops, restarts, recovers or moves web: not every transition after a failure
    does, and its replay says what the scheduler saw and decided) and the **first failure**, the one
    everything else followed from. It is graded on incidents you have not seen, so it must read
    them, not remember one. Look at a few first:
    """),
    code("""
    from halab_graders import incidents
    case = incidents.incident(seed=11)
    seen = incidents.evidence(case)
    print(case.run(case.state().dc, "crm_mon -1rf").output)
    print(sorted(seen.replays))
    print("\\n".join(line for line in seen.log.splitlines() if "Result of" in line or "Calculated transition" in line))
    """),
    see("""
    `crm_mon` lists the **last** failed starts (the failed resource could not start where it was
    tried), not the failure that began it; the log shows probes that found the resources `not
    running` (expected on nodes where they were not started: not failures), the service starting,
    some routine transitions, then one recurring `monitor` that is `not running`, and the cascade
    after it. In this incident:
    """, "* web start on node1 returned 'error' (Simulated start failure)",
        "Result of probe operation for fs on node1: not running",
        "Result of monitor operation for web on node2: not running"),
    *exercise("incident", 3, check="incidents.diagnosis", answer="diagnose", hidden=(dict(seed=20),),
              source="""
    import re

    ### BEGIN SOLUTION
    def diagnose(log, replays):
        failure = next(line for line in log.splitlines()
                       if "Result of" in line and "probe" not in line and not line.endswith(": ok"))
        operation, resource, node = re.search(r"Result of (\\w+) operation for (\\S+) on (\\S+):", failure).groups()
        after = log[log.index(failure):]
        for name in re.findall(r"saving inputs in \\S+/(pe-input-\\d+\\.bz2)", after):
            summary = replays[name].split("Transition Summary:")[-1].split("Executing")[0]
            if re.search(r"\\* (Stop|Restart|Recover|Move|Migrate) +web\\b", summary):
                return {"pe_input": name, "resource": resource, "node": node, "operation": operation}
    ### END SOLUTION
    """),
]

# Exercise 5's answers: readers of the evidence, right and wrong (each a module defining diagnose)
_FIRST_FAILURE = r"""
import re

def first_failure(log, counting_probes=False):
    for line in log.splitlines():
        if "Result of" in line and not line.endswith(": ok") and (counting_probes or "probe" not in line):
            return line, re.search(r"Result of (\w+) operation for (\S+) on (\S+):", line).groups()
"""
INCIDENT_READER = _FIRST_FAILURE + r"""
def diagnose(log, replays):
    line, (operation, resource, node) = first_failure(log)
    for name in re.findall(r"saving inputs in \S+/(pe-input-\d+\.bz2)", log[log.index(line):]):
        summary = replays[name].split("Transition Summary:")[-1].split("Executing")[0]
        if re.search(r"\* (Stop|Restart|Recover|Move|Migrate) +web\b", summary):
            return {"pe_input": name, "resource": resource, "node": node, "operation": operation}
"""
# the first transition after the first failure, read from the log alone (numbers as the log writes them): right
# only when that transition stops web; an incident whose service was unmanaged when it failed stops web later
INCIDENT_READER_LOG_ONLY = _FIRST_FAILURE + r"""
def diagnose(log, replays):
    line, (operation, resource, node) = first_failure(log)
    number = re.search(r"pe-input-(\d+)", log[log.index(line):]).group(1)
    return {"pe_input": int(number), "resource": resource.upper(), "node": node, "operation": operation + "_10000"}
"""
INCIDENT_REMEMBERED = """
def diagnose(log, replays):
    return {"pe_input": "pe-input-4.bz2", "resource": "web", "node": "node2", "operation": "monitor"}
"""
# the naive filter: a probe that finds a resource stopped is taken for a failure
INCIDENT_PROBES_COUNTED = _FIRST_FAILURE + r"""
def diagnose(log, replays):
    line, (operation, resource, node) = first_failure(log, counting_probes=True)
    number = re.search(r"pe-input-(\d+)", log[log.index(line):]).group(1)
    return {"pe_input": number, "resource": resource, "node": node, "operation": operation}
"""
# crm_mon's view: the last failure, and the transition it led to
INCIDENT_LAST_FAILURE = r"""
import re

def diagnose(log, replays):
    failures = [line for line in log.splitlines() if "Result of" in line and "probe" not in line
                and not line.endswith(": ok")]
    operation, resource, node = re.search(r"Result of (\w+) operation for (\S+) on (\S+):", failures[-1]).groups()
    number = re.search(r"pe-input-(\d+)", log[log.index(failures[-1]):]).group(1)
    return {"pe_input": number, "resource": resource, "node": node, "operation": operation}
"""
# the transition's number is not its pe-input's
INCIDENT_TRANSITION_NUMBER = _FIRST_FAILURE + r"""
def diagnose(log, replays):
    line, (operation, resource, node) = first_failure(log)
    number = re.search(r"Calculated transition (\d+)", log[log.index(line):]).group(1)
    return {"pe_input": f"pe-input-{number}.bz2", "resource": resource, "node": node, "operation": operation}
"""
# the newest pe-input shows the end of the cascade, not where the outage began
INCIDENT_LATEST_INPUT = _FIRST_FAILURE + r"""
def diagnose(log, replays):
    line, (operation, resource, node) = first_failure(log)
    latest = max(replays, key=lambda name: int(re.search(r"\d+", name).group()))
    return {"pe_input": latest, "resource": resource, "node": node, "operation": operation}
"""

NOTEBOOK = Notebook(
    assignment="09-troubleshooting",
    filename="troubleshooting.ipynb",
    cells=CELLS,
    wrong_answers={
        # right for A to C, but "repairs" D by lowering expected votes: the missing nodes stay down
        "ex-fixes": """
        fixes = {
            "A": ["pcs constraint delete location-webgroup-node2.lab.example-100",
                  "pcs constraint location webgroup prefers node2=100"],
            "B": ["pcs constraint colocation add web with vip INFINITY"],
            "C": ["pcs resource clear webgroup"],
            "D": ["pcs quorum expected-votes 1"],
        }
        """,
    },
    cases=(
        right("incidents.diagnosis", INCIDENT_READER, function="diagnose"),
        wrong("incidents.diagnosis", INCIDENT_READER_LOG_ONLY, "does not stop web", function="diagnose"),
        wrong("incidents.diagnosis", INCIDENT_READER_LOG_ONLY, "does not stop web", function="diagnose", seed=20),
        right("incidents.diagnosis", INCIDENT_READER, function="diagnose", seed=20),
        wrong("incidents.diagnosis", INCIDENT_REMEMBERED, "do(es) not match", function="diagnose"),
        wrong("incidents.diagnosis", INCIDENT_PROBES_COUNTED, "operation", function="diagnose"),
        wrong("incidents.diagnosis", INCIDENT_LAST_FAILURE, "operation", function="diagnose"),
        wrong("incidents.diagnosis", INCIDENT_TRANSITION_NUMBER, "pe_input", function="diagnose"),
        wrong("incidents.diagnosis", INCIDENT_LATEST_INPUT, "pe_input", function="diagnose", seed=3),
        wrong("incidents.diagnosis", "diagnose = None", "should be a function", function="diagnose"),
        right("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "monitor"}),
        right("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "monitor "}),
        wrong("troubleshooting.first_cause", {"resource": "fs", "node": "node3", "operation": "start"}, "which part is not said"),
        wrong("troubleshooting.first_cause", {"resource": "web", "node": "node1", "operation": "stop"}, "which part is not said"),
        wrong("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "start"}, "which part is not said"),
        right("troubleshooting.diagnoses", {"A": "wrong-hostname", "B": "missing-colocation", "C": "leftover-ban",
                                            "D": "lost-quorum"}),
        wrong("troubleshooting.diagnoses", {"A": "no-fencing", "B": "missing-colocation", "C": "leftover-ban",
                                            "D": "lost-quorum"}, "which one is not said"),
        wrong("troubleshooting.diagnoses", {"A": "wrong-hostname"}, "no diagnosis"),
        wrong("troubleshooting.diagnoses", {"A": "lost-quorum", "B": "missing-colocation", "C": "leftover-ban",
                                            "D": "lost-quorum"}, "each puzzle has a different cause"),
        right("troubleshooting.repaired", {"A": ["pcs constraint delete location-webgroup-node2.lab.example-100",
                                                 "pcs constraint location webgroup prefers node2=100"]}, puzzle_letter="A"),
        wrong("troubleshooting.repaired", {"A": ["pcs resource move webgroup node2"]}, "still name a node",
              puzzle_letter="A"),
        wrong("troubleshooting.repaired", {"A": ["pcs constraint location webgroup prefers node2=100"]}, "still name a node",
              puzzle_letter="A"),
        right("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip INFINITY"]}, puzzle_letter="B"),
        right("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip"]}, puzzle_letter="B"),
        wrong("troubleshooting.repaired", {"B": ["pcs constraint location vip prefers node3=50"]}, "", puzzle_letter="B"),
        right("troubleshooting.repaired", {"C": ["pcs resource clear webgroup"]}, puzzle_letter="C"),
        right("troubleshooting.repaired", {"C": ["pcs constraint delete cli-ban-webgroup-on-node2"]}, puzzle_letter="C"),
        wrong("troubleshooting.repaired", {"C": ["pcs constraint location webgroup prefers node1=200"]}, "",
              puzzle_letter="C"),
        right("troubleshooting.repaired", {"D": ["pcs cluster start --all"]}, puzzle_letter="D"),
        right("troubleshooting.repaired", {"D": ["pcs cluster start node2", "pcs cluster start node3"]}, puzzle_letter="D"),
        wrong("troubleshooting.repaired", {"D": ["pcs quorum expected-votes 1"]}, "not online", puzzle_letter="D"),
    ),
    topics=(
        Topic('debugging: status, constraints, scores, logs; repairs that last', 'The tools, Four broken clusters', ('test-diagnoses', 'test-fix-a', 'test-fix-b', 'test-fix-c', 'test-fix-d', 'written-method')),
        Topic('reading crm_mon --show-detail, crm_resource --why and the log to the first cause; replaying pe-inputs with crm_simulate -x', 'Reading the log to the first cause, Exercise 5 · an incident, replayed', ('test-first-cause', 'test-incident')),
    ),
)
