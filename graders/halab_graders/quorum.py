"""Checks for 03 quorum: votes, split brain, and quorum options that keep a cluster both safe and alive.

Design exercises are graded like an operator would judge them: put the
student's options on a fresh cluster, run the failure story (and a seeded
random campaign), and require two things at every step: at most one
quorate side (safety: no split brain) and quorum where the exercise says
the cluster must keep running (liveness).
"""

from __future__ import annotations

import random
from typing import Any, Mapping, Sequence

from halab_kernel import Lab

from halab_graders.check import Mismatch, exercise, require_callable, require_names, require_returned_number
from halab_graders.labs import FaultCampaign, event_lines, fresh_lab, lab_from_config, split_brain

QUORUM_KINDS = ("fault_injected", "membership_changed", "quorum_changed", "expected_votes_changed")


@exercise("03.quorum-formula", expected="votes_needed(expected_votes) returns the votes a partition needs for quorum, "
          "as votequorum computes it, for clusters of 1 to 9 nodes",
          hint="quorum is a strict majority of the expected votes: more than half")
def quorum_formula(function: Any, seed: int = 0, cases: int = 5) -> None:
    predict = require_callable(function, "votes_needed")
    rng = random.Random(seed)
    sizes = sorted({2, 3, 4, *(rng.randint(1, 9) for _ in range(cases))})
    for nodes in sizes:
        lab = fresh_lab(nodes=nodes, seed=seed)
        needed = lab.state().views["node1"].quorum
        got = require_returned_number(predict(nodes), f"votes_needed({nodes})")
        if got != needed:
            raise Mismatch(f"votes_needed({nodes}) returned {got:g}; corosync-quorumtool -s on a {nodes}-node cluster "
                           f"shows 'Quorum: {needed}'")


@exercise("03.quorate-side", expected="the set of nodes that still have quorum after a 5-node cluster splits into "
          "node1 node2 | node3 node4 node5",
          hint="partition your own lab that way, advance 20 s, and run corosync-quorumtool -s on a node of each side")
def quorate_side(answer: Any, seed: int = 0) -> None:
    named = require_names(answer, "quorate_side")
    lab = fresh_lab(nodes=5, seed=seed)
    lab.partition(["node1", "node2"], ["node3", "node4", "node5"])
    lab.advance(30)
    state = lab.state()
    truth = frozenset(name for name in state.node_names if state.quorate(name))
    unknown = named - set(state.node_names)
    if unknown:
        raise Mismatch(f"{', '.join(sorted(unknown))}: no such node (the nodes are node1 to node5)")
    if named != truth:
        raise Mismatch(f"you named {', '.join(sorted(named)) or 'no node'}: that is not the set of nodes that report "
                       "'Quorate: Yes' after this split")


def _must_be_quorate(lab: Lab, node: str, story: str, since: float) -> None:
    if not lab.state().quorate(node):
        raise Mismatch(f"{story}: {node} is not quorate",
                       events=event_lines(lab.events, kinds=QUORUM_KINDS, nodes=(node,), since=since))


def _never_split_brain(lab: Lab, story: str, campaign: FaultCampaign, since: float) -> None:
    def observe(lab: Lab, fault: Any) -> None:
        sides = split_brain(lab.state())
        if sides:
            shown = " and ".join("{" + ", ".join(side) + "}" for side in sides)
            raise Mismatch(f"{story}: split brain at t={lab.now:.1f} s, after '{fault.describe() if fault else 'start'}':"
                           f" {shown} are both quorate", events=event_lines(lab.events, kinds=QUORUM_KINDS, since=since))

    campaign.play(lab, observe)


# the quorum section's keys votequorum(5) and corosync-qdevice(8) read (corosync 3.1.7)
VOTEQUORUM_KEYS = frozenset({"provider", "expected_votes", "two_node", "wait_for_all", "last_man_standing",
                             "last_man_standing_window", "auto_tie_breaker", "auto_tie_breaker_node",
                             "allow_downscale", "expected_votes_tracking", "device"})


def _quorum_section(options: Any, what: str) -> dict[str, Any]:
    if not isinstance(options, Mapping):
        raise Mismatch(f"{what} should be a dict of quorum options such as {{'wait_for_all': 1}}, not {type(options).__name__}")
    unknown = sorted(str(key) for key in options if key not in VOTEQUORUM_KEYS)
    if unknown:
        raise Mismatch(f"{', '.join(repr(key) for key in unknown)}: not an option votequorum reads (corosync keeps "
                       "a key it does not know in its configuration map, and nothing acts on it)",
                       hint="votequorum(5) lists the quorum section's options, spelt with underscores")
    return {"quorum": {"provider": "corosync_votequorum", **options}}


@exercise("03.two-node", expected="quorum options for a 2-node cluster under which the survivor keeps quorum when the "
          "other node crashes, while a node that boots alone does not claim quorum",
          hint="votequorum(5) has an option made for exactly two nodes; read what it turns on with it")
def two_node_design(options: Any, seed: int = 0) -> None:
    corosync = _quorum_section(options, "two_node_options")
    lab = lab_from_config(corosync, nodes=2, seed=seed, what="these quorum options")
    story = "node2 crashed and 30 s passed"
    since = lab.now
    lab.crash("node2")
    lab.advance(30)
    _must_be_quorate(lab, "node1", story, since)
    alone = lab_from_config(corosync, nodes=2, seed=seed, start=["node1"], settle=30, what="these quorum options")
    if alone.state().quorate("node1"):
        raise Mismatch("node1 booted alone (node2 still off) and claimed quorum after 30 s: if node2 were running "
                       "on the other side of a broken link, both would run the services",
                       events=event_lines(alone.events, kinds=QUORUM_KINDS))


@exercise("03.down-to-one", expected="quorum options for a 4-node cluster that keeps running while nodes fail one at a "
          "time (30 s apart) down to node1 alone, never has two quorate sides when the others restart behind a broken link, never lets both halves of a 2|2 split be quorate, and never has two "
          "quorate sides during a random campaign of crashes, restarts and partitions",
          hint="one option lowers expected votes as nodes leave one by one, but it stops at two nodes; another decides "
               "which half of an even split wins; and votequorum(5) calls wait_for_all essential with the first: "
               "nodes that restart behind a broken link must not claim quorum before they have seen every node once")
def down_to_one_design(options: Any, seed: int = 0, campaign_seed: int = 11) -> None:
    corosync = _quorum_section(options, "quorum_options")
    lab = lab_from_config(corosync, nodes=4, seed=seed, what="these quorum options")
    since = lab.now
    for gone, victim in enumerate(("node4", "node3", "node2"), start=1):
        lab.crash(victim)
        lab.advance(30)
        _must_be_quorate(lab, "node1", f"after {gone} node(s) failed one at a time ({victim} last)", since)
    # the others come back behind a broken link: node1 alone still holds quorum (its expected votes went down)
    lab.partition(["node1"], ["node2", "node3", "node4"])
    for victim in ("node2", "node3", "node4"):
        lab.restart(victim)
    lab.advance(40)
    if split_brain(lab.state()):
        raise Mismatch("node1 was left alone and quorate; node2, node3 and node4 then restarted behind a broken link "
                       "and formed a quorate membership of their own: two quorate sides, split brain",
                       events=event_lines(lab.events, kinds=QUORUM_KINDS, since=since),
                       hint="last_man_standing lowers expected votes on the survivor: nodes that boot without seeing "
                            "it must not claim quorum before they have seen every node once (votequorum(5))")
    halves = lab_from_config(corosync, nodes=4, seed=seed, what="these quorum options")
    since = halves.now
    halves.partition(["node1", "node2"], ["node3", "node4"])
    halves.advance(30)
    sides = split_brain(halves.state())
    if sides:
        raise Mismatch("a 2|2 split left both halves quorate: split brain",
                       events=event_lines(halves.events, kinds=QUORUM_KINDS, since=since))
    campaign = FaultCampaign.randomised(("node1", "node2", "node3", "node4"), seed=campaign_seed, count=8)
    random_lab = lab_from_config(corosync, nodes=4, seed=seed, what="these quorum options")
    _never_split_brain(random_lab, "random campaign " + "; ".join(campaign.describe()), campaign, random_lab.now)



ARBITER = "qnetd"  # the simulated arbiter host, whatever quorum.device.net.host names
ARBITER_SEEDS = (0, 1)
ARBITER_SERVICE_NODE = "node2"  # fs prefers node2; node1, elected DC first, stays with the arbiter


def _cut_from_peer_and_arbiter(lab: Lab, victim: str, options: Mapping[str, Any]) -> str:
    """Cut `victim` from the other node and from qnetd (when the options give the cluster one); return the other node."""
    keeper = next(name for name in lab.node_names if name != victim)
    lab.partition([keeper, ARBITER] if "device" in options else [keeper], [victim])
    return keeper


def _arbiter_side_keeps_quorum(corosync: dict[str, Any], options: Mapping[str, Any], seed: int) -> None:
    """Each node in turn is cut from its peer and qnetd: the peer never loses quorum, the cut node has none after 30 s."""
    for victim in ("node1", "node2"):
        lab = lab_from_config(corosync, nodes=2, seed=seed, what="arbiter_options")
        since = lab.now
        keeper = _cut_from_peer_and_arbiter(lab, victim, options)
        story = f"seed {seed}: {victim} was cut from {keeper} and from the arbiter"
        for _ in range(60):
            lab.advance(0.5)
            _must_be_quorate(lab, keeper, f"{story}; {lab.now - since:.1f} s later, though {keeper} still reaches "
                             "the arbiter", since)
        if lab.state().quorate(victim):
            raise Mismatch(f"{story}: 30 s later {victim} still reports 'Quorate: Yes', like {keeper}: both halves "
                           "may run the services, and only a fence race can settle it",
                           events=event_lines(lab.events, kinds=QUORUM_KINDS, since=since))


def _boots_alone_without_quorum(corosync: dict[str, Any], options: Mapping[str, Any], seed: int) -> None:
    """node1 boots while it reaches neither node2 nor qnetd: it must not claim quorum (node2 may be running)."""
    lab = lab_from_config(corosync, nodes=2, seed=seed, start=["node1"], settle=0, what="arbiter_options")
    lab.partition(["node1"], ["node2", ARBITER] if "device" in options else ["node2"])
    lab.advance(30)
    if lab.state().quorate("node1"):
        raise Mismatch(f"seed {seed}: node1 booted reaching neither node2 nor the arbiter and claimed quorum after "
                       "30 s: with node2 running on the other side of that cut, both would run the services",
                       events=event_lines(lab.events, kinds=QUORUM_KINDS),
                       hint="the arbiter's vote is what lets one node go on; expected votes lowered by hand, or "
                            "wait_for_all switched off, let a lonely node go on without it")


def _survives_a_stopped_arbiter(corosync: dict[str, Any], seed: int) -> None:
    """qnetd stops while both nodes see each other: both stay quorate (the arbiter only breaks ties)."""
    lab = lab_from_config(corosync, nodes=2, seed=seed, what="arbiter_options")
    since = lab.now
    lab.stop(ARBITER)
    for _ in range(60):
        lab.advance(0.5)
        for name in lab.node_names:
            _must_be_quorate(lab, name, f"seed {seed}: qnetd was stopped while both nodes saw each other; "
                             f"{lab.now - since:.1f} s later {name}", since)


def _service_runs_once(corosync: dict[str, Any], seed: int) -> None:
    """fs on node2, fencing on: node2 is cut from node1 and qnetd; node1 fences it and takes fs over, never twice."""
    from halab_graders.constraints import pacemaker_lab, placement
    from halab_graders.fencing import FS, fenced
    from halab_graders.service import SERVICE_KINDS, active_nodes

    lab = pacemaker_lab(nodes=2, seed=seed, fencing=True, corosync=corosync,
                        setup=(FS, f"pcs constraint location fs prefers {ARBITER_SERVICE_NODE}=100",
                               'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"'))
    if not lab.wait_until(lambda state: active_nodes(state, "fs") == (ARBITER_SERVICE_NODE,), 30):
        raise Mismatch(f"seed {seed}: with these options the pair never started fs on {ARBITER_SERVICE_NODE} "
                       f"({placement(lab, ('fs',))})", events=event_lines(lab.events, kinds=SERVICE_KINDS))
    lab.advance(10)
    since = lab.now
    keeper = _cut_from_peer_and_arbiter(lab, ARBITER_SERVICE_NODE, {"device": True})
    story = f"seed {seed}: {ARBITER_SERVICE_NODE}, running fs, was cut from {keeper} and from the arbiter"
    for _ in range(80):
        lab.advance(0.5)
        if len(active_nodes(lab.state(), "fs")) > 1:
            raise Mismatch(f"{story}: {lab.now - since:.1f} s later fs was mounted on both nodes",
                           events=event_lines(lab.events, kinds=SERVICE_KINDS, since=since))
    shot = sorted({event.target for event in fenced(lab, since) if event.ok})
    if shot != [ARBITER_SERVICE_NODE] or active_nodes(lab.state(), "fs") != (keeper,):
        raise Mismatch(f"{story}: 40 s later {', '.join(shot) or 'no node'} had been fenced and "
                       f"{placement(lab, ('fs',))}", events=event_lines(lab.events, kinds=SERVICE_KINDS, since=since))


@exercise("03.arbiter", expected="quorum options for a two-node cluster with an arbiter host named qnetd such that, "
          "whichever node is cut from its peer and from qnetd, the node that still reaches qnetd never loses quorum "
          "and the cut one loses it; both nodes stay quorate when qnetd stops while they see each other; and a "
          "service with fencing is taken over by the side with the arbiter, never running twice (several seeds)",
          hint="votequorum(5) and corosync-qdevice(8): a `device` section inside `quorum`, with the `net` model, "
               "its host and an algorithm made for even splits; give the device just enough votes to break a tie")
def arbiter_design(options: Any, seeds: Sequence[int] = ARBITER_SEEDS) -> None:
    corosync = _quorum_section(options, "arbiter_options")
    device = options.get("device")
    host = device.get("net", {}).get("host") if isinstance(device, Mapping) and isinstance(device.get("net"), Mapping) else None
    if host is not None and str(host).strip() != ARBITER:
        raise Mismatch(f"the device's net host is {host!r}: every node's corosync-qdevice would try to reach a host "
                       f"of that name, and the arbiter here is named {ARBITER}")
    for seed in seeds:
        _arbiter_side_keeps_quorum(corosync, options, seed)
        _boots_alone_without_quorum(corosync, options, seed)
        if "device" in options:
            _survives_a_stopped_arbiter(corosync, seed)
        _service_runs_once(corosync, seed)
