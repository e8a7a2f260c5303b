"""Checks for 09's graded incident: replay the pe-inputs and read the log back to the first cause.

Every seed is a fresh incident with its own details: where the service ran
(a location preference), which of its resources failed first, how many
harmless administrative changes came before (each one a transition and a
pe-input file, so the numbers move), on which other nodes the failed
resource cannot start either, and whether the service was
unmanaged at the time (then the transition that follows the failure stops
nothing: the one that stops web comes after it is managed again, so only
reading what each transition did, as its replay shows, finds it). The student writes a function that reads what
an administrator would read, the cluster's log and the replay of every
pe-input the DC kept (`crm_simulate -x FILE -S`), and names the pe-input
whose transition first stopped web and the first failure. It is judged on
two incidents per check, so an answer remembered from one incident fails on
the next; the truth comes from the simulator's own events, never from the
texts the student reads.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from halab_kernel import Lab
from halab_kernel.model import ActionFinished, TransitionComputed

from halab_graders.check import Mismatch, exercise, require_callable, require_keys
from halab_graders.constraints import pacemaker_lab, wait_service

SERVICE = ("fs", "vip", "web")
SETUP = ("pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4 "
         "--group webgroup",
         "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24 --group webgroup",
         "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
         "statusurl=http://localhost/server-status --group webgroup")
# changes an administrator makes on a quiet afternoon: each is a transition (a pe-input) that moves nothing
ROUTINE = ("pcs resource update web op monitor interval=30s",
           "pcs property set cluster-recheck-interval=10min",
           "pcs resource update fs op monitor interval=25s",
           "pcs resource defaults update resource-stickiness=1")
PENGINE = "/var/lib/pacemaker/pengine"
STOPPING = ("Stop", "Restart", "Recover", "Move", "Migrate")  # Transition Summary verbs that stop a resource where it is
KEYS = ("pe_input", "resource", "node", "operation")


@dataclass(frozen=True)
class Evidence:
    """What the student's function reads: the log of every node, and the replay of every pe-input on the DC."""

    log: str
    replays: dict[str, str]


def incident(seed: int = 0) -> Lab:
    """A cluster after an incident (web is down or was restarted elsewhere): nothing is said here about what."""
    rng = random.Random(seed)
    preferred = rng.choice(("node1", "node2", "node3"))
    lab = pacemaker_lab(seed=seed, setup=SETUP + (f"pcs constraint location webgroup prefers {preferred}=50",))
    holder = wait_service(lab, SERVICE, 60) or preferred
    lab.advance(20 + rng.randint(0, 40))
    for command in rng.sample(ROUTINE, rng.randint(0, len(ROUTINE))):
        lab.run(lab.node_names[0], command)
        lab.advance(rng.randint(5, 90))
    culprit = rng.choice(SERVICE)
    others = [node for node in lab.node_names if node != holder]
    for node in [holder] + rng.sample(others, rng.randint(1, len(others))):
        lab.fail_resource(culprit, node, op="start")
    unmanaged = random.Random(seed * 7919 + 12).random() < 0.5  # its own draw: the other details stay the seed's
    if unmanaged:  # taken out of the cluster's hands for some work, and handed back only after it failed
        lab.run(lab.node_names[0], "pcs resource unmanage webgroup")
        lab.advance(10)
    lab.fail_resource(culprit, holder)
    if unmanaged:  # the failure's transition can do nothing: the stop comes with a later one
        lab.advance(45)
        lab.run(lab.node_names[0], "pcs resource manage webgroup")
    lab.advance(120)
    return lab


def evidence(lab: Lab) -> Evidence:
    """The log lines of every node in time order, and `crm_simulate -x FILE -S` of every pe-input the DC kept."""
    dc = lab.state().dc or lab.node_names[0]
    files = [name for name in lab.run(dc, f"ls {PENGINE}").output.split() if re.fullmatch(r"pe-input-\d+\.bz2", name)]
    replays = {name: lab.run(dc, f"crm_simulate -x {PENGINE}/{name} -S").output for name in files}
    # lab.logs().line without its table: pandas costs a judge ~0.3 s to import, the lines ~1 ms
    return Evidence("\n".join(record.line() for record in lab.backend.log_records()), replays)


def _failures(lab: Lab) -> list[ActionFinished]:
    """Every failed operation in time order (probes that find a resource stopped are no failure)."""
    return [event for event in lab.events if isinstance(event, ActionFinished) and event.rc != 0
            and not (event.action == "monitor" and event.interval_ms == 0)]


def _transitions(lab: Lab) -> list[TransitionComputed]:
    return [event for event in lab.events if isinstance(event, TransitionComputed) and event.pe_input is not None]


def truth(lab: Lab) -> dict[str, str]:
    """The first failure and the pe-input of the first transition after it that stops web, from the simulator's
    events."""
    failed = _failures(lab)[0]
    stopping = next(event for event in _transitions(lab)
                    if event.time >= failed.time and any(_stops_web(line) for line in event.actions))
    return {"pe_input": f"pe-input-{stopping.pe_input}.bz2", "resource": failed.resource, "node": failed.node or "",
            "operation": failed.action}


def _stops_web(summary_line: str) -> bool:
    words = summary_line.split()
    return len(words) > 1 and words[0] in STOPPING and words[1] == "web"


def _named(value: Any, key: str) -> str:
    """What the student named, as the log spells it: pe-input-7, 7 and /var/lib/.../pe-input-7.bz2 name one file;
    an operation may carry its interval (monitor_20000)."""
    text = str(value).strip().lower()
    if key == "pe_input":
        text = text.rsplit("/", 1)[-1]
        number = re.fullmatch(r"(?:pe-input-)?(\d+)(?:\.bz2)?", text)
        return f"pe-input-{number.group(1)}.bz2" if number else text
    if key == "operation":
        return re.sub(r"_\d+$", "", text)
    return text


INCIDENTS_PER_CHECK = 2


@exercise("09.incident", expected="a function diagnose(log, replays) that, on a fresh incident, returns the pe-input "
          "whose transition first stopped web and the resource, node and operation of the first failure "
          "(a dict with 'pe_input', 'resource', 'node' and 'operation')",
          hint="the first failure is the first 'Result of ... operation' that is not ok after the service was fine (a "
               "probe that finds a resource not running is expected, not a failure); the pe-input is the first one "
               "after it whose replayed Transition Summary stops, restarts, recovers or moves web",
          time_limit=40.0)
def diagnosis(diagnose: Any, seed: int = 0) -> None:
    function = require_callable(diagnose, "diagnose")
    for number in range(seed, seed + INCIDENTS_PER_CHECK):
        lab = incident(number)
        seen = evidence(lab)
        answer = function(seen.log, seen.replays)
        require_keys(answer, KEYS, "what diagnose returns", "{'pe_input': 'pe-input-4.bz2', 'resource': 'vip', "
                     "'node': 'node3', 'operation': 'start'}")
        expected = truth(lab)
        wrong = [key for key in KEYS if _named(answer[key], key) != expected[key]]
        if wrong:
            why = [_pe_input_wrong(lab, seen, _named(answer["pe_input"], "pe_input"))] if "pe_input" in wrong else []
            if set(wrong) - {"pe_input"}:
                why.append(_failure_wrong(lab, {key: _named(answer[key], key) for key in KEYS[1:]}))
            raise Mismatch(f"on incident {number} (incidents.incident({number})) your {', '.join(wrong)} do(es) not match: "
                           f"you named {', '.join(f'{key}={answer[key]!r}' for key in wrong)}: {'; '.join(why)}; replay "
                           "it in your notebook and read its log from the moment the service was fine")


def _pe_input_wrong(lab: Lab, seen: Evidence, named: str) -> str:
    """Why the pe-input named is not the one asked for, from what its transition did (never the right number)."""
    if named not in seen.replays:
        return f"{named} is not one of the files the DC kept in {PENGINE}"
    failed_at = _failures(lab)[0].time
    transition = next((event for event in _transitions(lab) if f"pe-input-{event.pe_input}.bz2" == named), None)
    if transition is None or transition.time < failed_at:
        return f"the transition of {named} was computed before anything had failed"
    if not any(_stops_web(line) for line in transition.actions):
        return f"the transition of {named} does not stop web (read its Transition Summary)"
    return f"an earlier transition after the failure already stopped web: {named} is not the first"


def _failure_wrong(lab: Lab, named: dict[str, str]) -> str:
    """Why the failure named is not the first: it came later (a consequence), or nothing failed that way."""
    failures = _failures(lab)
    same = [event for event in failures if (event.resource, event.node or "", event.action)
            == (named["resource"], named["node"], named["operation"])]
    if same and same[0] is not failures[0]:
        return (f"{named['operation']} of {named['resource']} on {named['node']} did fail, but after an earlier "
                "failure: it is a consequence, not the first cause")
    return (f"no {named['operation']} of {named['resource']} on {named['node']} failed in this incident (a probe that "
            "finds a resource not running is expected, not a failure)")
