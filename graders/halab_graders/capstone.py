"""Checks for 10 capstone: a highly available web service, built from nothing and put through a fault campaign.

The student's commands run on a fresh 3-node cluster (fencing enabled, no
resources). The service is fs + vip + web: the check requires the three
resources with the right agents, running together, web started only after
its filesystem and its address, and then survives a seeded random campaign
of crashes, restarts and network cuts: never active on two nodes, never down
longer than the allowed time, every lost holder fenced before the service
starts elsewhere, and the start order kept at every recovery.
"""

from __future__ import annotations

import random
from typing import Any, Sequence


from halab_kernel import Lab
from halab_kernel.model import ActionStarted, NodeFenced

from halab_graders.cib import query
from halab_graders.check import Mismatch, exercise
from halab_graders.constraints import (
    SETTLE, pacemaker_lab, placement, require_ordered, require_started_after, wait_service,
)
from halab_graders.fencing import RACE_KINDS, double_kill, require_fence_coverage, require_fixed_head_start
from halab_graders.operations import require_room_to_operate
from halab_graders.labs import Fault, FaultCampaign, event_lines
from halab_graders.resources import primitive, require_params, require_plain_address
from halab_graders.service import SERVICE_KINDS, apply_commands, watch_service

SERVICE = ("fs", "vip", "web")
AGENTS = {"fs": "ocf:heartbeat:Filesystem", "vip": "ocf:heartbeat:IPaddr2", "web": "ocf:heartbeat:apache"}


def campaign(nodes: Sequence[str], seed: int, faults: int = 4) -> FaultCampaign:
    """`faults` incidents, one at a time: a node crashes (and is restarted) or is cut off (and the cut healed).

    Incidents never overlap, so a majority of the nodes can always reach
    each other: a well-built service must survive every one of them.
    """
    rng = random.Random(seed)
    plan: list[Fault] = []
    for _ in range(faults):
        victim = rng.choice(list(nodes))
        others = tuple(name for name in nodes if name != victim)
        after = round(rng.uniform(45.0, 75.0), 1)
        if rng.random() < 0.5:
            plan += [Fault(after, "crash", (victim,)), Fault(60.0, "restart", (victim,))]
        else:
            plan += [Fault(after, "partition", (victim,), others), Fault(60.0, "heal")]
    return FaultCampaign(tuple(plan))


SETTINGS = {  # the table of the assignment: (parameters, those that may be left to the agent's default)
    "fs": ({"device": "/dev/sdb1", "directory": "/var/www/html", "fstype": "ext4"}, frozenset()),
    "vip": ({"ip": "192.168.122.200", "cidr_netmask": "24"}, frozenset({"cidr_netmask"})),
    "web": ({"configfile": "/etc/apache2/apache2.conf", "statusurl": "http://localhost/server-status"},
            frozenset({"statusurl"})),
}


def _require_resources(lab: Lab) -> None:
    state = lab.state()
    for name, agent in AGENTS.items():
        try:
            found = state.resource(name)
        except KeyError:
            raise Mismatch(f"after your commands there is no resource named {name!r}",
                           hint="name the resources fs, vip and web, as the exercise says") from None
        if found.agent != agent:
            raise Mismatch(f"{name} uses the agent {found.agent or '(none)'}, not the one the exercise asks for")
    vip = primitive(lab, "vip")
    if vip is not None:  # the agent's own refusal says more than "not what the exercise asks for"
        require_plain_address(vip)
    for name, (wanted, optional) in SETTINGS.items():
        element = primitive(lab, name)
        if element is not None:
            require_params(element, wanted, optional)
    if not any(resource.agent.startswith("stonith:") for resource in state.resources):
        raise Mismatch("there is no fence device: a node that stops answering cannot be switched off, so the "
                       "cluster cannot safely take over its service", hint="notebook 08: pcs stonith create ...")
    require_fence_coverage(lab)
    require_room_to_operate(lab, tuple(AGENTS))


def _require_quorum_policy(lab: Lab) -> None:
    """no-quorum-policy=ignore lets a partition without quorum keep (and start) resources and fence the others."""
    found = query(lab, "crm_config")
    policy = found.xpath("//nvpair[@name='no-quorum-policy']/@value") if found is not None else []
    if policy and policy[-1] == "ignore":
        raise Mismatch("no-quorum-policy=ignore: a node cut off on its own keeps running the service and, with "
                       "fencing, shoots the nodes that do have quorum; the cluster no longer knows which side "
                       "may act", hint="quorum is what lets the majority act alone; keep the default (stop)")


def _unfenced_takeovers(lab: Lab, since: float) -> list[str]:
    """Starts of the service on a node whose partition had lost the service's previous node, not yet fenced."""
    holders: set[str] = set()  # nodes where a service resource was last started
    lost: dict[str, dict[str, float]] = {}  # observer -> {holder it lost sight of: when}
    problems = []
    for event in lab.events:
        is_start = isinstance(event, ActionStarted) and event.resource in SERVICE and event.action == "start"
        if event.time >= since and is_start:
            for gone, at in lost.get(event.node or "", {}).items():
                problems.append(f"{event.time:9.3f} s  {getattr(event, 'resource', '')} started on {event.node}, whose side lost "
                                f"{gone} at {at:.1f} s and never fenced it")
        if is_start:
            holders = {event.node or ""} if getattr(event, "resource", "") == SERVICE[0] else holders | {event.node or ""}
        elif event.kind == "membership_changed":
            seen = lost.setdefault(event.node or "", {})
            for gone in set(getattr(event, "left", ())) & holders:
                seen.setdefault(gone, event.time)
            for back in getattr(event, "joined", ()):
                seen.pop(back, None)
        elif isinstance(event, NodeFenced) and event.ok:
            for seen in lost.values():
                seen.pop(event.target, None)
    return problems


def _around(lab: Lab, when: float) -> list[str]:
    """The service's events in the 30 s before `when` and a few seconds after."""
    nearby = [event for event in lab.events if event.time <= when + 5]
    return event_lines(nearby, kinds=SERVICE_KINDS, since=when - 30)


def _service_up(lab: Lab, commands: Any) -> float:
    """Apply the student's commands to a fresh `lab`; the service must run together, then settle.

    Returns when the commands were applied."""
    since = lab.now
    apply_commands(lab, commands)
    _require_resources(lab)
    if wait_service(lab, SERVICE, 60) is None:
        raise Mismatch(f"60 s after your commands the service is not running together ({placement(lab, SERVICE)})",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=since))
    lab.advance(SETTLE)
    return since


def _built(commands: Any, seed: int) -> tuple[Lab, float]:
    """A fresh cluster running the student's service, started, settled, web started after fs and vip."""
    lab = pacemaker_lab(seed=seed, fencing=True)
    since = _service_up(lab, commands)
    require_started_after(lab, "fs", "web", since, "at the first start")
    require_started_after(lab, "vip", "web", since, "at the first start")
    require_ordered(lab, "fs", "web")
    require_ordered(lab, "vip", "web")
    return lab, since


@exercise("10.web-service-built", expected="commands that build, on a fresh 3-node cluster with fencing enabled, a "
          "web service of fs (Filesystem), vip (IPaddr2) and web (apache) with a fence device, all three running "
          "on one node, web started after fs and vip",
          hint="use the pieces of 05 to 08: three resources, where and in which order (a group does both), and a "
               "fence device")
def web_service_built(commands: Any, seed: int = 0) -> None:
    _built(commands, seed)


@exercise("10.web-service", expected="the service of exercise 1 survives a random campaign of crashes, restarts and "
          "network cuts (one incident at a time): it never runs on two nodes, is never down more than 30 s, every "
          "lost node is fenced before the service starts elsewhere, web always starts after fs and vip, and the "
          "service never moves away from a healthy node (no needless interruption); quorum keeps deciding",
          time_limit=40.0, hint="play checks.campaign(...) against your own lab and read the timeline: which "
                                "promise broke first, on which node, after which incident?")
def web_service(commands: Any, seed: int = 0, campaign_seed: int = 3, faults: int = 4,
                recover_within: float = 30.0) -> None:
    lab, _ = _built(commands, seed)
    _require_quorum_policy(lab)
    started = lab.now
    plan = campaign(lab.node_names, campaign_seed, faults)
    history = watch_service(lab, SERVICE, plan)

    def played(until: float) -> str:
        return "; ".join(f"{fault} (t={at:.1f} s)" for at, fault in history.faults if at <= until)

    if history.ran_twice:
        when, resource, where = history.ran_twice[0]
        raise Mismatch(f"{resource} was active on {', '.join(where)} at the same time (t={when:.1f} s) after: "
                       f"{played(when)}", events=_around(lab, when))
    unfenced = _unfenced_takeovers(lab, started)
    if unfenced:
        raise Mismatch(f"the service was taken over from a node that was never fenced, during: {played(lab.now)}",
                       events=unfenced[:6], hint="is fencing enabled, and is there a device for every node?")
    longest = history.longest_outage(lab.now)
    if longest > recover_within:
        down_at = max(history.outages, key=lambda outage: (outage[1] or lab.now) - outage[0])[0]
        raise Mismatch(f"the service was down for {longest:.1f} s from t={down_at:.1f} s (allowed: "
                       f"{recover_within:g} s) after: {played(down_at)}",
                       events=_around(lab, down_at + 25))
    require_started_after(lab, "fs", "web", started, "during the campaign")
    require_started_after(lab, "vip", "web", started, "during the campaign")
    needless = [(when, left, to) for when, left, to, needed in history.moves if not needed]
    if needless:
        when, left, to = needless[0]
        raise Mismatch(f"the service moved from {left} to {to} at t={when:.1f} s though {left} was healthy, after: "
                       f"{played(when)}: every move is an interruption the users see", events=_around(lab, when),
                       hint="once a service has moved, moving it back (or elsewhere) gains nothing: what makes "
                            "Pacemaker prefer to leave a running resource where it is? (notebook 06)")


PAIR_COROSYNC = {"quorum": {"two_node": 1}}


def _pair_built(commands: Any, seed: int) -> Lab:
    """The two-node variant: a two_node pair, fencing enabled, the student's service started and settled."""
    lab = pacemaker_lab(nodes=2, seed=seed, fencing=True, corosync=PAIR_COROSYNC)
    _service_up(lab, commands)
    require_ordered(lab, "fs", "web")  # "besides everything above"
    require_ordered(lab, "vip", "web")
    return lab


def _cut_and_judge(lab: Lab, story: str) -> str:
    """Cut the pair's link with the service running: its node must win the fence race and keep it."""
    holder = wait_service(lab, SERVICE, 60)
    if holder is None:
        raise Mismatch(f"{story}: the service was not running before the cut ({placement(lab, SERVICE)})")
    other = next(name for name in lab.node_names if name != holder)
    cut_at = lab.now
    lab.partition([holder], [other])
    lab.advance(60)
    shots = [event.target for event in lab.events if isinstance(event, NodeFenced) and event.time >= cut_at and event.ok]
    events = event_lines(lab.events, kinds=SERVICE_KINDS, since=cut_at)
    both = double_kill(lab, cut_at)
    if both:
        raise Mismatch(f"{story}: the link was cut while {holder} ran the service; {both}",
                       events=event_lines(lab.events, kinds=RACE_KINDS, since=cut_at),
                       hint="the node that runs the service must shoot first, and its shot must land before the other "
                            "is sent: notebook 08, how long one fence action takes")
    if holder in shots:
        raise Mismatch(f"{story}: the link was cut while {holder} ran the service; {holder} lost the fence race and was "
                       "shot, and the service moved: an outage the cluster caused itself", events=events,
                       hint="a fixed delay protects one node whatever runs where; what makes the node that runs the "
                            "service win wherever it runs? (pcs property, and the resources' priority)")
    if other not in shots:
        raise Mismatch(f"{story}: after the cut nobody fenced {other}", events=events)
    rebooted_at = lab.now
    lab.advance(90)  # the link stays cut: the shot node reboots and boots alone, without its peer
    if any(isinstance(event, NodeFenced) and event.ok and event.target == holder and event.time >= rebooted_at
           for event in lab.events):
        raise Mismatch(f"{story}: {other} came back from its reboot while the link was still cut, never saw "
                       f"{holder}, and shot it anyway: a fence loop. A node that has not seen its peer since it "
                       "started has no quorum (wait_for_all), and only a no-quorum-policy that ignores quorum lets "
                       "it act", events=event_lines(lab.events, kinds=SERVICE_KINDS, since=cut_at),
                       hint="keep no-quorum-policy at its default (stop): two_node already keeps quorum for the "
                            "survivor")
    lab.heal()
    lab.advance(90)
    return holder


@exercise("10.two-node-service", expected="the same service on a two_node pair (fencing enabled): when the link is "
          "cut, the node running the service wins the fence race (by design, not by a random delay's draw) and keeps it, and the shot node, back from its reboot "
          "while the link is still cut, does not shoot it in turn; the cut is played three times (the service on "
          "either node, once after it had to move), and the service does not move back when the node it left "
          "returns", time_limit=40.0,
          hint="notebook 08: a delay that depends on where the service runs, not on a node's name")
def two_node_service(commands: Any, seeds: Sequence[int] = (0, 1, 2)) -> None:
    """Every seed plays the whole story: a random delay wins some races and loses others."""
    for seed in seeds:
        _two_node_story(commands, seed)


def _two_node_story(commands: Any, seed: int) -> None:
    lab = _pair_built(commands, seed)
    first = _cut_and_judge(lab, f"seed {seed}, first cut")
    crashed_at = lab.now
    lab.crash(first)  # the service has to move to the other node
    moved = wait_service(lab, SERVICE, 60, avoid=first)
    if moved is None:
        raise Mismatch(f"after {first} crashed the service did not come back on the other node within 60 s",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=crashed_at))
    lab.restart(first)
    lab.advance(90)
    now_on = wait_service(lab, SERVICE, 30)
    if now_on != moved:
        raise Mismatch(f"once {first} had restarted, the service moved from {moved} back to {now_on}: a needless "
                       "interruption", events=event_lines(lab.events, kinds=SERVICE_KINDS, since=crashed_at),
                       hint="what makes Pacemaker leave a running resource where it is? (notebook 06)")
    _cut_and_judge(lab, f"seed {seed}, second cut, with the service on {moved}")
    _away_from_the_dc(lab)
    last = _cut_and_judge(lab, f"seed {seed}, third cut, with the service away from the DC")
    require_fixed_head_start(lab, last)  # every race was won: by design, or by the draws?


def _away_from_the_dc(lab: Lab) -> None:
    """Put the service on the node that is not the DC (standby the DC, then bring it back): with no delay at all
    the DC, first to decide, would win every race, and a design that only ever cuts with the service on the DC
    could pass without winning anything."""
    dc = lab.state().dc
    holder = wait_service(lab, SERVICE, 60)
    if dc is None or holder != dc:
        return
    lab.run(dc, f"pcs node standby {dc}")
    moved = wait_service(lab, SERVICE, 60, avoid=dc)
    lab.run(dc, f"pcs node unstandby {dc}")
    lab.advance(30)
    if moved is None or wait_service(lab, SERVICE, 30) != moved:
        raise Mismatch(f"{dc} was put in standby and back: the service did not stay on the other node "
                       f"({placement(lab, SERVICE)})", events=event_lines(lab.events, kinds=SERVICE_KINDS,
                                                                         since=lab.now - 90))
