"""Checks for 12 connectivity: a ping clone and a location rule that follow the network.

`ocf:pacemaker:ping` (cloned on every node) writes the node attribute
`pingd` = multiplier x the targets that answer; a location rule on it keeps
the service where the network is. The stories: the node running the service
loses its uplink (the service must move), then the gateway itself dies for
every node (the service must keep running somewhere: a rule that bans every
node without an uplink stops it everywhere).
"""

from __future__ import annotations

import re
from typing import Any


from halab_kernel import Lab, values

from halab_graders.cib import query
from halab_graders.check import EVERY_SEED, Mismatch, Scope, exercise, require_number
from halab_graders.constraints import pacemaker_lab, placement, wait_service
from halab_graders.labs import drew_nothing, event_lines
from halab_graders.service import SERVICE_KINDS, active_nodes, apply_commands

GATEWAY = "10.200.0.1"
SECOND_TARGET = "10.200.0.2"
WEB = "pcs resource create web ocf:pacemaker:Dummy"


def _network(lab: Lab) -> Any:
    sim = getattr(lab.backend, "sim", None)
    if sim is None:
        raise ValueError("cutting a node from its ping target is simulated only; on real nodes drop the traffic "
                         "yourself (nft add rule inet filter output ip daddr GATEWAY drop), or use halab rig up")
    return sim.network


def cut_uplink(lab: Lab, node: str, target: str = GATEWAY) -> None:
    """Cut `node` from `target` both ways (the simulated network; real nodes: a firewall rule)."""
    network = _network(lab)
    network.block(node, target)
    network.block(target, node)


def heal_uplinks(lab: Lab) -> None:
    _network(lab).heal()


def connectivity_lab(commands: Any = (), seed: int = 0) -> Lab:
    """3 nodes, fencing off, web (a Dummy), then the student's commands; settled for a minute."""
    lab = pacemaker_lab(seed=seed, setup=(WEB,))
    if commands:
        apply_commands(lab, commands)
    lab.advance(60)
    return lab


def _pingd(lab: Lab, node: str, attribute: str = "pingd") -> str:
    return lab.run(node, f"crm_attribute -N {node} -n {attribute} -l reboot -G -q").stdout.strip()


def ping_attribute(lab: Lab) -> str:
    """The node attribute the student's ping resource writes: its `name` parameter (the agent's default: pingd)."""
    found = query(lab, "resources")
    if found is None:
        return "pingd"
    names = found.xpath(
        "//primitive[@provider='pacemaker' and @type='ping']/instance_attributes/nvpair[@name='name']/@value")
    return str(names[0]) if names else "pingd"


def just_after_a_ping_began(lab: Lab, node: str) -> None:
    """Advance to just after a monitor of the ping resource began on `node` (a simulated lab): the worst moment to
    lose the uplink, as that run still reaches the target and only the next one, an interval after it ends, tells."""
    found = query(lab, "resources")
    pings = found.xpath("//primitive[@provider='pacemaker' and @type='ping']") if found is not None else []
    monitors = [(str(ping.get("id")), values.interval_ms(op.get("interval")))
                for ping in pings for op in ping.iterfind("operations/op[@name='monitor']")]
    execd = lab.backend.sim.pacemaker.execd  # type: ignore[attr-defined]
    for _ in range(240):  # a run in flight has no next one yet: at most two minutes of half-second steps
        due = [at for at in (execd.next_monitor(node, rsc, interval) for rsc, interval in monitors if interval)
               if at is not None]
        if due or not monitors:
            lab.advance(max(min(due, default=lab.now) - lab.now, 0.0) + 0.05)
            return
        lab.advance(0.5)


@exercise("12.uplink-rule", expected="commands (a ping clone on every node and a location rule for web) such that web "
          "leaves a node that lost its uplink to 10.200.0.1 within 45 s, and keeps running somewhere when the gateway "
          "itself is down for every node",
          hint="a rule that forbids every node without an uplink also forbids all of them at once; a score that "
               "only prefers connected nodes cannot stop the service")
def uplink_rule(commands: Any, seed: int = 0) -> None:
    lab = connectivity_lab(commands, seed)
    holder = wait_service(lab, ("web",), 30)
    if holder is None:
        raise Mismatch(f"a minute after your commands web is not running ({placement(lab, ('web',))})",
                       hint="a rule on an attribute no node has yet (not_defined) forbids every node")
    attribute = ping_attribute(lab)
    values = {node: _pingd(lab, node, attribute) for node in lab.node_names}
    if not all(values.values()):
        raise Mismatch(f"a minute after your commands {attribute} is not set on every node ({values}): the ping agent must "
                       "run on each node to measure its uplink", hint="pcs resource create ... clone")
    just_after_a_ping_began(lab, holder)
    cut_at = lab.now
    cut_uplink(lab, holder)
    lab.advance(45)
    now_on = active_nodes(lab.state(), "web")
    if not now_on or now_on[0] == holder:
        raise Mismatch(f"{holder}, running web, lost its uplink just after its ping monitor began; 45 s later web is "
                       f"{'on ' + now_on[0] if now_on else 'down'}",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=cut_at),
                       hint="the cut is seen only at the next monitor, an interval after this one ends; that ping "
                            "then waits for its lost echoes, and dampen delays the attribute after it")
    heal_uplinks(lab)
    lab.advance(60)
    down_at = lab.now
    for node in lab.node_names:
        cut_uplink(lab, node)
    lab.advance(60)
    if not active_nodes(lab.state(), "web"):
        raise Mismatch("the gateway went down for every node: a minute later web runs nowhere, so a dead router "
                       "took the whole service with it", events=event_lines(lab.events, kinds=SERVICE_KINDS,
                                                                           since=down_at))


@exercise("12.pingd-value", expected="the value of pingd on node1 once node1 has lost one of its two ping targets "
          "(ping clone with host_list=\"10.200.0.1 10.200.0.2\" multiplier=1000), as crm_attribute reads it",
          hint="read it: crm_attribute -N node1 -n pingd -l reboot -G -q after the cut and dampen have passed")
def pingd_value(answer: Any, seed: int = 0) -> None:
    given = require_number(answer, "pingd_after_cut")
    lab = connectivity_lab(f"pcs resource create ping ocf:pacemaker:ping host_list=\"{GATEWAY} {SECOND_TARGET}\" "
                           "multiplier=1000 dampen=5s clone", seed)
    cut_uplink(lab, "node1", SECOND_TARGET)
    lab.advance(60)
    truth = float(_pingd(lab, "node1") or "nan")
    if given != truth:
        raise Mismatch(f"you answered {given:g}: that is not what node1's pingd reads after the cut")


# --- 12's rules on time: office hours on node2 ----------------------------------------------------------------------

WINDOW = "weekdays (Monday to Friday) from 08:00 to 17:59"
APPLY_AT = 7 * 60.0  # the answer is applied on Monday at 09:07 (the simulated clock starts Monday 09:00)
LATE = 5 * 60.0  # how late after 08:00 or 18:00 web may still be on the other node
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# (day, hour, minute, where web must run): the edges of the window, every weekday (weekdays=1,2,5 is not 1-5), a
# weekend, the next Monday
_SAMPLES = ((0, 9, 10, "node2"), (0, 17, 50, "node2"), (0, 18, 5, "node1"), (1, 7, 55, "node1"), (1, 8, 5, "node2"),
            (2, 12, 0, "node2"), (3, 12, 0, "node2"), (4, 17, 50, "node2"), (4, 18, 5, "node1"), (5, 8, 5, "node1"),
            (5, 12, 0, "node1"), (6, 12, 0, "node1"), (7, 8, 5, "node2"))


def _clock(day: int, hour: int, minute: int) -> float:
    """Simulated seconds since Monday 09:00; a sample 5 min after an edge is read 30 s later, when a move is done."""
    return day * 86400.0 + (hour - 9) * 3600.0 + minute * 60.0 + (30.0 if minute == 5 else 0.0)


def _scores(lab: Lab, resource: str) -> dict[str, float]:
    """The allocation scores of `resource` on each node, as crm_simulate -Ls prints them."""
    result = lab.run(lab.node_names[0], "crm_simulate -Ls")
    found = (re.match(rf"\S+: {re.escape(resource)} allocation score on (\S+): (\S+)$", line.strip())
             for line in (result.stdout.splitlines() if result.ok else ()))
    return {match.group(1): values.char2score(match.group(2)) for match in found if match}


def _require_preferred(lab: Lab, wanted: str, when: str) -> None:
    """web on `wanted` by a score of the answer's, not by the tie-break: a rule that only pushes web off node1
    leaves node2 and node3 level, and Pacemaker's tie-break (fewest resources, then node order) chose node2."""
    scores = _scores(lab, "web")
    rivals = {node: score for node, score in scores.items() if node != wanted}
    if wanted in scores and rivals and scores[wanted] <= max(rivals.values()):
        level = sorted(node for node, score in rivals.items() if score >= scores[wanted])
        raise Mismatch(f"on {when} web ran on {wanted}, but only by Pacemaker's tie-break: {wanted} and "
                       f"{', '.join(level)} have the same allocation score ({scores[wanted]:g}, crm_simulate -Ls), so "
                       f"another resource on {wanted} would send web elsewhere",
                       hint="the window is about node2: give node2 a score during it, not only node1 a penalty")


def _recheck_seconds(lab: Lab) -> float:
    text = lab.run(lab.node_names[0], "crm_attribute -t crm_config -n cluster-recheck-interval -G -q").stdout.strip()
    return values.seconds(text or None, 900.0)


@exercise("12.office-hours", expected=f"commands such that web (which prefers node1=50) runs on node2 on {WINDOW} (by a "
          "score for node2, not by Pacemaker's tie-break) and on node1 at every other time, weekends included, on the right node at most 5 minutes after each 08:00 "
          "and 18:00 (applied on Monday 09:07, then read through a simulated week)",
          time_limit=30.0, hint="date-spec hours=A-B matches every minute of hours A to B; weekdays count 1 (Monday) "
                                "to 7; and Pacemaker looks at a date-spec rule only when it recomputes the cluster: "
                                "after an event, or every cluster-recheck-interval")
def office_hours(commands: Any, seed: int = 0) -> Scope | None:
    lab = pacemaker_lab(seed=seed, setup=(WEB, "pcs constraint location web prefers node1=50"))
    lab.advance(max(APPLY_AT - lab.now, 0.0))
    apply_commands(lab, commands)
    recheck = _recheck_seconds(lab)
    if 0 < recheck < 60:
        raise Mismatch(f"cluster-recheck-interval is {recheck:g} s: the scheduler would recompute the whole cluster "
                       f"{604800 / recheck:,.0f} times a week for a rule that changes twice a day (every recompute is "
                       "logged and kept as a pe-input file)", hint="a recheck a few minutes apart meets a 5-minute bound")
    for day, hour, minute, wanted in _SAMPLES:
        lab.advance(max(_clock(day, hour, minute) - lab.now, 0.0))
        where = active_nodes(lab.state(), "web")
        if where != (wanted,):
            when = f"{_DAYS[day % 7]}{' (a week later)' if day >= 7 else ''} {hour:02d}:{minute:02d}"
            raise Mismatch(f"on {when} web ran on {', '.join(where) or 'no node'}, not on {wanted} (node2's window: "
                           f"{WINDOW}; cluster-recheck-interval {recheck:g} s)",
                           events=event_lines(lab.events, kinds=SERVICE_KINDS, since=lab.now - 2 * 3600, limit=8))
        if wanted == "node2":
            _require_preferred(lab, wanted, f"{_DAYS[day % 7]} {hour:02d}:{minute:02d}")
    date_rules = query(lab, "constraints")
    if recheck > LATE and date_rules is not None and date_rules.xpath("//date_expression[@operation='date_spec']"):
        raise Mismatch(f"cluster-recheck-interval is {recheck:g} s: Pacemaker looks at a date-spec rule only when it "
                       f"recomputes the cluster, so on a quiet cluster web may move up to {recheck / 60:g} minutes "
                       "after 08:00 or 18:00, more than the 5 allowed (this week's rechecks happened to fall in time)",
                       hint="the recheck interval is the bound on how late a date-spec rule is acted on")
    # a week of rechecks costs ~2 s; a run that drew nothing random is every seed's run (the hidden test's too)
    return EVERY_SEED if drew_nothing(lab, seed) else None
