"""Checks for 09 troubleshooting: broken clusters to diagnose and repair.

Each puzzle is a cluster broken the way real ones are (a constraint naming a
host that does not exist, a missing colocation, a ban left behind by
`pcs resource move`/`ban`, two nodes stopped so the last one lost quorum).
The student names the cause from a fixed list and writes the commands that
repair it; a repair is graded by running it on a fresh copy of the broken
cluster and watching the service come back, and stay healthy, where the
exercise says. A diagnoses verdict says only whether all four are right: naming the
wrong letter, or counting them, would let a student guess one letter at a time.
"""

from __future__ import annotations

import re

from typing import Any, Callable, Mapping

from halab_kernel import Lab

from halab_graders.check import AnswerMissing, Mismatch, exercise, require_keys
from halab_graders.constraints import (
    SETTLE, pacemaker_lab, placement, require_never_apart, require_vip_outlives_web, wait_service,
)
from halab_graders.labs import event_lines
from halab_graders.service import SERVICE_KINDS, active_nodes, apply_commands, command_lines

SERVICE = ("vip", "web")
VIP = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24 op monitor interval=10s"
WEB = ("pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
       "statusurl=http://localhost/server-status op monitor interval=20s")
GROUP = "pcs resource group add webgroup vip web"
CAUSES = ("wrong-hostname", "missing-colocation", "leftover-ban", "lost-quorum", "failed-resource", "no-fencing")


def _wrong_hostname(seed: int) -> Lab:
    # the preference names node2 by a name the cluster does not know (pcs refused it; --force did not)
    return pacemaker_lab(seed=seed, setup=(VIP, WEB, GROUP,
                                           "pcs constraint location webgroup prefers node2.lab.example=100 --force"))


def _missing_colocation(seed: int) -> Lab:
    return pacemaker_lab(seed=seed, setup=(VIP, WEB, "pcs constraint order vip then web",
                                           "pcs constraint location web prefers node3=50"))


def _leftover_ban(seed: int) -> Lab:
    lab = pacemaker_lab(seed=seed, setup=(VIP, WEB, GROUP, "pcs constraint location webgroup prefers node2=100"))
    lab.advance(30)
    lab.run("node1", "pcs resource ban webgroup node2")  # maintenance on node2, weeks ago; never cleared
    return lab


def _lost_quorum(seed: int) -> Lab:
    lab = pacemaker_lab(seed=seed, setup=(VIP, WEB, GROUP))
    lab.advance(30)
    lab.stop("node2")
    lab.stop("node3")
    return lab


PUZZLES: dict[str, tuple[Callable[[int], Lab], str]] = {
    "A": (_wrong_hostname, "webgroup should prefer node2, yet it never runs there"),
    "B": (_missing_colocation, "the address answers, but the web page does not"),
    "C": (_leftover_ban, "webgroup prefers node2, node2 is healthy, yet the service runs elsewhere"),
    "D": (_lost_quorum, "after a maintenance window, nothing runs on node1"),
}
# the answer key: private, and never printed by a verdict
_CAUSE_OF = {"A": "wrong-hostname", "B": "missing-colocation", "C": "leftover-ban", "D": "lost-quorum"}
WANTED_NODE = {"A": "node2", "C": "node2"}  # where the repaired service must run (others: anywhere)


def puzzle(letter: str, seed: int = 0) -> Lab:
    """A fresh copy of broken cluster `letter` ("A".."D"), settled: explore it with any command."""
    if letter not in PUZZLES:
        raise ValueError(f"no puzzle {letter!r}: the puzzles are {', '.join(PUZZLES)}")
    lab = PUZZLES[letter][0](seed)
    lab.advance(30)
    return lab


DIAGNOSES_HINT = ("the verdict says whether all four are right, never which one is not (that would let you guess a "
                  "letter at a time): check each diagnosis against its own puzzle's evidence (pcs status, "
                  "corosync-quorumtool -s, pcs constraint --full, crm_resource --why -r web, the log) before you "
                  "change it")


@exercise("09.diagnoses", expected="for each puzzle A to D, its cause, named from checks.CAUSES",
          hint=DIAGNOSES_HINT)
def diagnoses(answer: Any) -> None:
    if not isinstance(answer, Mapping) or not answer:
        raise AnswerMissing("diagnoses should be a dict such as {'A': 'no-fencing', ...}")
    # letters and causes as the student typed them: 'a' is puzzle A, ' Leftover-Ban' the cause leftover-ban
    answer = {str(letter).strip().upper(): str(cause).strip().lower() if isinstance(cause, str) else cause
              for letter, cause in answer.items()}
    unknown = sorted(str(value) for value in answer.values() if value not in CAUSES)
    if unknown:
        raise Mismatch(f"{', '.join(unknown)}: not one of the causes in checks.CAUSES ({', '.join(CAUSES)})")
    missing = sorted(set(_CAUSE_OF) - set(answer))
    if missing:
        raise Mismatch(f"no diagnosis for puzzle(s) {', '.join(missing)}")
    given = [answer[letter] for letter in _CAUSE_OF]
    shared = sorted({cause for cause in given if given.count(cause) > 1})
    if shared:  # the text says no two puzzles share a cause: this says nothing about the answer key
        raise Mismatch(f"you gave {', '.join(shared)} to more than one puzzle, but each puzzle has a different cause")
    if any(answer[letter] != cause for letter, cause in _CAUSE_OF.items()):
        # all or nothing: naming the wrong letter, or how many, would let a student guess one letter at a time
        raise Mismatch("not every diagnosis matches what is broken in its puzzle (which one is not said: read each "
                       "puzzle's evidence again)")


REPAIR_EXPECTED = ("commands that repair the puzzle's cluster: the service (vip and web together) runs again within "
                   "60 s, where the puzzle says it should, with every node online, no leftover cli- constraint and "
                   "no constraint naming a node the cluster does not have; it survives the crash of the node running "
                   "it, and comes back where the puzzle says once that node has restarted; web follows vip, and vip "
                   "keeps running while web is stopped")
REPAIR_HINT = ("repair the cause, not the symptom: try your commands on checks.puzzle(letter) and read pcs constraint "
               "--full and corosync-quorumtool -s afterwards; a repair that moves the service once, or hides what is "
               "missing, does not last")


def _repair(fixes: Any, letter: str, seed: int) -> None:
    if not isinstance(fixes, Mapping) or letter not in fixes:
        raise AnswerMissing(f"fixes should be a dict with the commands for puzzle {letter}, e.g. "
                            f"{{'{letter}': ['pcs ...']}}")
    command_lines(fixes[letter], f"the commands for puzzle {letter}")
    lab = puzzle(letter, seed)
    since = lab.now
    apply_commands(lab, fixes[letter], what=f"your commands for puzzle {letter}")
    lab.advance(SETTLE)  # let the transitions your commands caused run
    holder = wait_service(lab, SERVICE, 50)
    state = lab.state()
    offline = [node.name for node in state.nodes if node.status != "online"]
    if offline:
        raise Mismatch(f"puzzle {letter}: 60 s after your commands {', '.join(offline)} is not online (service: "
                       f"{placement(lab, SERVICE)})", events=event_lines(lab.events, since=since))
    if holder is None:
        raise Mismatch(f"puzzle {letter}: 60 s after your commands the service is not running together "
                       f"({placement(lab, SERVICE)})", events=event_lines(lab.events, kinds=SERVICE_KINDS, since=since))
    wanted = WANTED_NODE.get(letter)
    if wanted and holder != wanted:
        raise Mismatch(f"puzzle {letter}: the service runs on {holder}, not where the puzzle says it should")
    leftovers = [constraint.id for constraint in state.constraints if constraint.id.startswith("cli-")]
    if leftovers:
        raise Mismatch(f"puzzle {letter}: the constraint(s) {', '.join(leftovers)} remain: the next failover will "
                       "trip over them", hint="pcs resource clear removes what move and ban left behind")
    strangers = sorted({constraint.id for constraint in state.constraints
                        if getattr(constraint, "node", None) and constraint.node not in lab.node_names})
    if strangers:
        raise Mismatch(f"puzzle {letter}: the constraint(s) {', '.join(strangers)} still name a node this cluster "
                       "does not have", hint="a repair removes the cause: pcs constraint delete <id>")
    lab.advance(SETTLE)
    crashed_at = lab.now
    lab.crash(holder)
    if wait_service(lab, SERVICE, 30, avoid=holder) is None:
        raise Mismatch(f"puzzle {letter}: after your repair, the crash of {holder} left the service down for 30 s "
                       f"({placement(lab, SERVICE)})", events=event_lines(lab.events, kinds=SERVICE_KINDS,
                                                                            since=crashed_at))
    restarted_at = lab.now
    lab.restart(holder)  # the stories below run their commands on node1, which may be the node that crashed
    lab.advance(60)
    if wanted:
        back = wait_service(lab, SERVICE, 30)
        if back != wanted:
            raise Mismatch(f"puzzle {letter}: after {holder} crashed and restarted, the service runs on "
                           f"{back or 'no node'}, not where the puzzle says it should: the repair did not last",
                           events=event_lines(lab.events, kinds=SERVICE_KINDS, since=restarted_at),
                           hint="a move puts the service somewhere once; the cluster's constraints decide where it "
                                "goes after the next failure")
    if _CAUSE_OF[letter] == "missing-colocation":  # "together" must hold whatever other constraints say
        require_never_apart(lab, wait_service(lab, SERVICE, 30) or lab.node_names[0], f"puzzle {letter}: ")
        _address_outlives_web(fixes[letter], letter, seed)
    _lone_node_gives_up(lab, letter)


def _address_outlives_web(commands: Any, letter: str, seed: int) -> None:
    """The colocation the puzzle lacks is web with vip (its order starts vip first): the reverse makes the address
    go away whenever web stops."""
    lab = puzzle(letter, seed)
    apply_commands(lab, commands, what=f"your commands for puzzle {letter}")
    lab.advance(SETTLE)
    wait_service(lab, SERVICE, 50)
    require_vip_outlives_web(lab, f"puzzle {letter}: ")


def _lone_node_gives_up(lab: Lab, letter: str) -> None:
    """The holder cut off alone must stop the service while the majority takes it over: a repair that ignores
    quorum (no-quorum-policy=ignore) leaves two copies of the address on the network (these puzzles run without
    fencing, so nobody stops the lone node)."""
    holder = wait_service(lab, SERVICE, 30)
    if holder is None:
        return
    lab.advance(SETTLE)
    cut_at = lab.now
    lab.partition([holder], [node for node in lab.node_names if node != holder])
    lab.advance(40)
    doubled = sorted({node for name in SERVICE for node in active_nodes(lab.state(), name)})
    if len(doubled) > 1 and holder in doubled:
        raise Mismatch(f"puzzle {letter}: after your repair, {holder} was cut off from the other nodes and kept the "
                       f"service while they started it too ({placement(lab, SERVICE)}): two copies of the address",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=cut_at),
                       hint="quorum is what tells a lone node to stop: a repair brings the nodes back, it does not "
                            "switch quorum off (no-quorum-policy)")


@exercise("09.repair", expected=REPAIR_EXPECTED, hint=REPAIR_HINT)
def repaired(fixes: Any, puzzle_letter: str = "A", seed: int = 0) -> None:
    _repair(fixes, puzzle_letter, seed)


@exercise("09.repairs", expected=REPAIR_EXPECTED, hint=REPAIR_HINT)
def all_repaired(fixes: Any, seed: int = 0) -> None:
    """One Check button for the four repairs: the first puzzle not repaired fails it."""
    for letter in PUZZLES:
        _repair(fixes, letter, seed)


CASCADE = ("pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4 "
           "--group webgroup",
           "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24 --group webgroup",
           "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
           "statusurl=http://localhost/server-status --group webgroup")


def cascade(seed: int = 0) -> Lab:
    """A cluster where one failure set off others: read its log to find the first (nothing is said here)."""
    lab = pacemaker_lab(seed=seed, setup=CASCADE)
    holder = wait_service(lab, ("fs", "vip", "web"), 60) or lab.node_names[0]
    lab.advance(20)
    for node in lab.node_names:
        lab.fail_resource("fs", node, op="start")
    lab.fail_resource("fs", holder)
    lab.advance(120)
    return lab


def _first_failure(lab: Lab) -> dict[str, str]:
    from halab_kernel.model import ActionFinished

    failed = next(event for event in lab.events if isinstance(event, ActionFinished) and event.rc != 0
                  and not (event.action == "monitor" and event.interval_ms == 0))
    return {"resource": failed.resource, "node": failed.node or "", "operation": failed.action}


FIRST_CAUSE_KEYS = ("resource", "node", "operation")


def _named(value: str, key: str, resource: str) -> str:
    """What the student named, as the log spells it: names are lower case; an operation may be written as the
    log's operation key, with the resource and the interval (fs_monitor_20000, monitor_20000 -> monitor)."""
    text = value.strip().lower()
    if key == "operation":
        text = re.sub(r"_\d+$", "", text).removeprefix(f"{resource}_")
    return text


@exercise("09.first-cause", expected="the resource, node and operation of the first failure in the cascade's log "
          "(a dict with 'resource', 'node' and 'operation'), the one the others followed from",
          hint="the end of a log shows the last consequence; read journalctl -u pacemaker from the moment the "
               "service was fine and stop at the first 'Result of ... operation' that is not ok")
def first_cause(answer: Any, seed: int = 0) -> None:
    require_keys(answer, FIRST_CAUSE_KEYS, "first_failure", "{'resource': 'vip', 'node': 'node3', 'operation': 'start'}")
    unnamed = [key for key in FIRST_CAUSE_KEYS if not isinstance(answer[key], str)]
    if unnamed:  # a list of candidates is not a name
        raise Mismatch(f"first_failure's {', '.join(unnamed)} should be one name (a string), as the log writes it")
    truth = _first_failure(cascade(seed))
    if any(_named(answer[key], key, truth["resource"]) != truth[key] for key in FIRST_CAUSE_KEYS):
        # all or nothing, as for the diagnoses: naming the wrong part would let a student guess part by part
        raise Mismatch("the resource, node and operation you named are not together the first failure (which part "
                       "is not said): what you named happened, if it did, as a consequence or not at all")
