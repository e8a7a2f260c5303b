"""Checks for 08 fencing: a node that stops answering is switched off before its services move.

The behaviour graded is the one that protects data: when the node running
the service crashes, the survivors fence it (a NodeFenced event for that
node, successful) *before* they start the service elsewhere, and the
service comes back. The counter-example is shown as a prediction: a
two-node cluster without fencing mounts a shared filesystem on both nodes
after a network cut.
"""

from __future__ import annotations

import re
from typing import Any, Sequence


from halab_kernel import Lab, values
from halab_kernel.model import ActionFinished, ActionStarted, DaemonStopped, FaultInjected, NodeFenced
from halab_kernel.sim.pacemaker.durations import fence_seconds
from halab_kernel.sim.pacemaker.fenced import delay_range

from halab_graders.cib import query
from halab_graders.check import Mismatch, exercise, require_names
from halab_graders.constraints import SETTLE, pacemaker_lab, placement, wait_service
from halab_graders.failover import last_start_finished
from halab_graders.labs import event_lines
from halab_graders.service import SERVICE_KINDS, active_nodes, apply_commands

SERVICE = ("vip", "web")
SETUP = ("pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24 op monitor interval=10s",
         "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
         "statusurl=http://localhost/server-status op monitor interval=20s",
         "pcs resource group add webgroup vip web")
FS = "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/srv/data fstype=ext4"
PAIR_COROSYNC = {"quorum": {"two_node": 1}}


def fence_coverage(lab: Lab, registered: bool = False) -> frozenset[str]:
    """The nodes some fence device says it can fence (pcmk_host_list / pcmk_host_map; neither: any node).

    Read from the configuration, so that a node no device can reach is named
    before any fault (the cluster itself would only fail to fence it later).
    `registered`: count a device for a node only when the fencer of some *other* node registers it: fenced
    drops a device from every node where its score is negative ("Device fence-xvm has been disabled on node2:
    score=-INFINITY"), so a device banned from every node but its target fences nobody.
    """
    resources = query(lab, "resources")
    if resources is None:
        return frozenset()
    hosts = device_hosts(lab) if registered else {}
    covered: set[str] = set()
    for device in resources.xpath("//primitive[@class='stonith']"):
        params = {pair.get("name"): pair.get("value") or "" for pair in device.iterfind("instance_attributes/nvpair")}
        allowed = hosts.get(device.get("id", ""), frozenset(lab.node_names))
        covered.update(target for target in device_targets(params) or lab.node_names if allowed - {target})
    return frozenset(covered)


def device_hosts(lab: Lab) -> dict[str, frozenset[str]]:
    """For each fence device the scheduler scores, the nodes whose fencer registers it (allocation score >= 0)."""
    result = lab.run(lab.node_names[0], "crm_simulate -Ls")
    hosts: dict[str, set[str]] = {}
    for line in result.stdout.splitlines() if result.ok else ():
        match = re.match(r"\S+: (\S+) allocation score on (\S+): (\S+)$", line.strip())
        if match:
            device, node, score = match.groups()
            allowed = hosts.setdefault(device, set())
            if not score.startswith("-"):
                allowed.add(node)
    return {device: frozenset(nodes) for device, nodes in hosts.items()}


# agents that talk to one machine's management board (BMC): one address powers off one machine
ONE_MACHINE_AGENTS = frozenset({"fence_ipmilan", "fence_ipmilanplus", "fence_idrac", "fence_ilo", "fence_ilo2",
                                "fence_ilo3", "fence_ilo4", "fence_ilo5", "fence_ilo_ssh", "fence_imm",
                                "fence_redfish", "fence_amt_ws"})


def device_targets(params: dict[str, str]) -> list[str]:
    """The nodes a device's pcmk_host_list or pcmk_host_map names ([] when it names none)."""
    if "pcmk_host_list" in params:
        return params["pcmk_host_list"].replace(",", " ").split()
    if "pcmk_host_map" in params:
        return [entry.split(":", 1)[0].strip() for entry in params["pcmk_host_map"].replace(";", " ").split()]
    return []


TEST_AGENTS = frozenset({"fence_dummy"})  # fence-agents' agent for testing: "fences" without touching any machine


def require_one_machine_per_board(lab: Lab) -> None:
    """A BMC device (IPMI, iDRAC, iLO, Redfish) reaches one machine: it may fence one node, and no two nodes'
    devices may share its address."""
    resources = query(lab, "resources")
    if resources is None:
        return
    owner: dict[str, str] = {}
    for device in resources.xpath("//primitive[@class='stonith']"):
        if device.get("type") in TEST_AGENTS:
            raise Mismatch(f"{device.get('id')} uses {device.get('type')}, the fence agents' test agent: it reports "
                           "success and powers nothing off, so the cluster would start the service elsewhere while "
                           "the node may still run it", hint="a fence device must cut a real power or storage path "
                                                             "(here: fence_xvm, or a management board per node)")
        if device.get("type") not in ONE_MACHINE_AGENTS:
            continue
        params = {pair.get("name"): pair.get("value") or "" for pair in device.iterfind("instance_attributes/nvpair")}
        address = params.get("ip") or params.get("ipaddr") or "?"
        targets = device_targets(params) or list(lab.node_names)
        if len(targets) > 1:
            raise Mismatch(f"{device.get('id')} ({device.get('type')}) talks to the management board at {address}, "
                           f"which powers off one machine, yet it is meant to fence {', '.join(targets)}: fencing "
                           "any of the others would reset the wrong machine (or none), and the cluster would "
                           "believe it had worked", hint="a management board (IPMI, iDRAC, iLO) belongs to one "
                           "machine: one device per node, each with its own board's address")
        if address in owner and owner[address] != targets[0]:
            raise Mismatch(f"the devices for {owner[address]} and {targets[0]} both talk to the board at {address}: "
                           "one of them would reset the wrong machine",
                           hint="each node's device needs the address of that node's own management board")
        owner[address] = targets[0]


def require_fence_coverage(lab: Lab) -> None:
    """Every node listed by some fence device that another node's fencer registers, when there is any device
    (none at all: the crash story tells)."""
    require_one_machine_per_board(lab)
    listed = fence_coverage(lab)
    uncovered = sorted(set(lab.node_names) - listed)
    if listed and uncovered:
        raise Mismatch(f"no fence device can fence {', '.join(uncovered)} (its pcmk_host_list or pcmk_host_map "
                       "leaves it out): if it stopped answering, the cluster could not take over its services",
                       hint="every node must be listed by some fence device")
    unreachable = sorted(set(lab.node_names) - fence_coverage(lab, registered=True))
    if listed and unreachable:
        raise Mismatch(f"the devices that could fence {', '.join(unreachable)} may run on no other node (banned by "
                       "location constraints, or disabled: see crm_simulate -Ls): the fencer of a node where a "
                       "device's score is negative does not register it (\"Device ... has been disabled on ...\"), "
                       f"so nobody could fence {', '.join(unreachable)} and its services could not be taken over",
                       hint="a device may be kept off the node it fences (avoids that node), never off all the others")


def fenced(lab: Lab, since: float) -> list[NodeFenced]:
    return [event for event in lab.events if isinstance(event, NodeFenced) and event.time >= since]


RACE_KINDS = (*SERVICE_KINDS, "action_started", "daemon_stopped")  # who began shooting whom, who went down


def double_kill(lab: Lab, since: float) -> str | None:
    """Both nodes of a pair shot after `since`, each by the other: each began fencing the other and went down
    with no fault of ours to explain it (a fence agent's request, once sent, is carried out by the board even
    when its requester dies: fenced.py). The story, in the cluster's own times, or None."""
    began = {event.node or "": (event.resource, event.time) for event in lab.events if isinstance(event, ActionStarted)
             and event.action == "fence" and event.time >= since}
    faulted = {event.target for event in lab.events if isinstance(event, FaultInjected) and event.time >= since}
    down: dict[str, float] = {}
    for event in lab.events:
        if (isinstance(event, DaemonStopped) and event.daemon == "corosync" and not event.graceful
                and event.time >= since and event.node is not None and event.node not in faulted):
            down.setdefault(event.node, event.time)
    pair = sorted(began, key=lambda node: began[node][1])
    if len(pair) != 2 or any(began[node][0] not in pair or began[node][0] == node or node not in down
                             or down[node] < began[node][1] for node in pair):
        return None  # not each shooting the other before going down (a shot node that comes back and shoots: a loop)
    first, second = pair
    one, other = sorted(pair, key=lambda node: down[node])
    fell = f"{one} went down at {down[one] - since:.1f} s, {other} at {down[other] - since:.1f} s"
    return (f"both nodes were shot: {first} began fencing {second} {began[first][1] - since:.1f} s after the cut and "
            f"{second} began fencing {first} {began[second][1] - since:.1f} s after it, each before the other's shot "
            f"had landed; the fence device carried out both requests, even the one whose sender was dead by then: "
            f"{fell}. Nothing ran anywhere: the total outage the delays exist to prevent")


@exercise("08.fence-device", expected="commands that give this 3-node cluster (fencing enabled, webgroup waiting) "
          "working fencing: the service starts, and when its node crashes that node is fenced before the service "
          "starts elsewhere, where it runs again within 20 s",
          hint="a fence device must be able to reach every node it is meant to fence (pcs stonith describe "
               "fence_xvm: pcmk_host_list), and fencing must stay enabled")
def fence_device(commands: Any, seed: int = 0, within: float = 20.0) -> None:
    lab = pacemaker_lab(seed=seed, fencing=True, setup=SETUP)
    since = lab.now
    apply_commands(lab, commands)
    holder = wait_service(lab, SERVICE, 30)
    if holder is not None:
        require_fence_coverage(lab)
    if holder is None:
        verify = lab.run(lab.node_names[0], "crm_verify -L -V").output.strip().splitlines()
        raise Mismatch(f"30 s after your commands the service is not running ({placement(lab, SERVICE)})",
                       events=verify[:6] or event_lines(lab.events, kinds=SERVICE_KINDS, since=since),
                       hint="crm_verify -L -V says why Pacemaker refuses to start resources")
    lab.advance(SETTLE)
    crashed_at = lab.now
    lab.crash(holder)
    back = wait_service(lab, SERVICE, 60, avoid=holder)
    lab.wait_until(lambda state: last_start_finished(lab, "web", crashed_at) is not None, 30)
    shots = [event for event in fenced(lab, crashed_at) if event.target == holder and event.ok]
    shown = event_lines(lab.events, kinds=SERVICE_KINDS, since=crashed_at)
    if not shots:
        raise Mismatch(f"{holder} crashed at t={crashed_at:.1f} s and nobody fenced it: the survivors cannot know "
                       f"it is really off", events=shown)
    restarted = [event.time for event in lab.events if getattr(event, "action", "") == "start"
                 and getattr(event, "resource", "") in SERVICE and event.time >= crashed_at and event.node != holder]
    if restarted and min(restarted) < shots[0].time:
        raise Mismatch(f"the service started on another node before {holder} was fenced", events=shown)
    finished = last_start_finished(lab, "web", crashed_at)
    if back is None or finished is None or finished - crashed_at > within:
        took = "never" if back is None or finished is None else f"{finished - crashed_at:.1f} s later"
        raise Mismatch(f"{holder} was fenced, but the service was back {took} (allowed: {within:g} s)", events=shown)


def split_pair(seed: int = 0, setup: Sequence[str] = ("pcs property set stonith-enabled=false", FS)) -> Lab:
    """A two_node pair running fs on one node, then the link between them cut for 30 s."""
    lab = pacemaker_lab(nodes=2, seed=seed, fencing=True, corosync=PAIR_COROSYNC, setup=setup)
    lab.wait_until(lambda state: len(active_nodes(state, "fs")) == 1, 30)
    lab.advance(SETTLE)
    lab.partition(["node1"], ["node2"])
    lab.advance(30)
    return lab


@exercise("08.without-fencing", expected="the set of nodes on which the filesystem fs is mounted 30 s after the "
          "link between the two nodes of a two_node cluster without fencing is cut",
          hint="with two_node, both halves keep quorum; each thinks the other is gone; who stops the other?")
def without_fencing(answer: Any, seed: int = 0) -> None:
    named = require_names(answer, "mounted_on")
    lab = split_pair(seed=seed)
    unknown = named - set(lab.node_names)
    if unknown:
        raise Mismatch(f"{', '.join(sorted(unknown))}: no such node (the nodes are node1 and node2)")
    if named != frozenset(active_nodes(lab.state(), "fs")):
        raise Mismatch(f"you named {', '.join(sorted(named)) or 'no node'}: that is not where fs is mounted after "
                       "the cut")


def require_fixed_head_start(lab: Lab, holder: str | None = None) -> None:
    """The node that must win a two-node race wins by design: the shot at it always waits longer than the
    other shot waits *and takes* (fence_seconds: the agent logs in to the board, switches the power and polls
    until it reads off). A shot at the holder that may fire before the holder's own shot has landed is carried
    out too: both nodes go down (double_kill), though the runs played may have drawn or timed it otherwise
    (the DC decides a fraction of a second before its peer). A random part (pcmk_delay_max) counts at its shortest for the holder and its longest for
    the other node; priority-fencing-delay is a fixed head start of its own, added (as fenced adds it) to
    every shot at the holder, the node that runs the prioritised service."""
    holder = holder or RACE_HOLDER  # asked on the holder: the other node has been fenced by now
    head_start = (values.msec(lab.run(holder, "crm_attribute -t crm_config -n priority-fencing-delay -G -q")
                              .stdout.strip() or "0") or 0) // 1000
    resources = query(lab, "resources", holder)
    if resources is None:
        return
    shots_at: dict[str, list[tuple[int, int, float]]] = {node: [] for node in lab.node_names}  # (fixed, longest, takes)
    for device in resources.xpath("//primitive[@class='stonith']"):
        params = {pair.get("name"): pair.get("value") or "" for pair in device.iterfind("instance_attributes/nvpair")}
        for target in device_targets(params) or lab.node_names:
            shots_at.setdefault(target, []).append((*delay_range(params, target), fence_seconds(device.get("type", ""))))
    guarded = [(base + head_start, longest + head_start) for base, longest, _ in shots_at.get(holder, [])]
    others = [(longest, takes) for node, shots in shots_at.items() if node != holder for _, longest, takes in shots]
    if not guarded or not others:
        return
    fixed = min(base for base, _ in guarded)
    random_part = any(longest > base for base, longest in guarded)
    fires, takes = max(others, key=lambda shot: shot[0] + shot[1])
    if fixed > fires + takes:
        return
    pfd = f" (priority-fencing-delay {head_start:g} s included)" if head_start else ""
    if random_part and fixed <= fires:
        raise Mismatch(f"the shot at {holder} waits a fixed {fixed:g} s{pfd} and a random "
                       "part (pcmk_delay_max) drawn "
                       f"anew for every fencing, from 0 s up: a draw that comes out short lets both nodes fire at "
                       f"once, and then both shots land: both nodes go down (the draws of these runs happened to favour "
                       f"{holder}: it survived by the draw, not by design)",
                       hint="a random delay protects nobody in particular; a fixed one (pcmk_delay_base) on the device "
                            "that fences the node to keep gives it a head start every time" if not head_start else
                            "priority-fencing-delay is a head start only when it is longer than any random delay (Pacemaker "
                            "Explained: significantly greater than, or safely twice, pcmk_delay_max)")
    raise Mismatch(f"the shot at {holder} waits at least {fixed:g} s{pfd}, the other node's shot fires after at most {fires:g} s: "
                   f"a fence action lasts at least the {fixed - fires:g} s between them (the agent logs in, switches "
                   f"the power, polls until it reads off), so the shot at {holder} fires before {holder}'s own shot has "
                   f"landed, and then both shots land: both nodes go down (the runs played here left {holder} standing by "
                   f"their timing, not by design)",
                   hint="a head start protects only when it outlasts the other shot's whole fence action, not only its "
                        "start: read in the log how long one fence action takes (from 'Requesting that' to 'Operation "
                        "... returned 0')")


RACE_HOLDER = "node2"  # the pair's service prefers node2: the node that must win the race
RACE_SEEDS = (0, 1, 2)


def race_pair(commands: Any, seed: int) -> Lab:
    """A two_node pair, fencing on, fs on node2 (preferred), the student's fence devices; the link then cut."""
    lab = pacemaker_lab(nodes=2, seed=seed, fencing=True, corosync=PAIR_COROSYNC,
                        setup=(FS, f"pcs constraint location fs prefers {RACE_HOLDER}=100"))
    apply_commands(lab, commands)
    if not lab.wait_until(lambda state: active_nodes(state, "fs") == (RACE_HOLDER,), 30):
        raise Mismatch(f"30 s after your commands fs is not running on {RACE_HOLDER} ({placement(lab, ('fs',))})",
                       hint="Pacemaker starts nothing until some fence device exists")
    require_fence_coverage(lab)
    lab.advance(SETTLE)
    return lab


@exercise("08.fence-race", expected=f"fence devices for the two-node pair (fs on {RACE_HOLDER}) such that, whenever "
          "the link between the nodes is cut, the node running fs wins the fence race: the other node is fenced, "
          f"{RACE_HOLDER} is not, and fs keeps running where it was, without a restart (tried on several seeds)",
          hint="both nodes shoot at once unless one waits; a fixed delay on the device that fences one particular "
               "node (pcmk_delay_base) protects that node, a random one (pcmk_delay_max) protects nobody in particular")
def fence_race(commands: Any, seeds: Sequence[int] = RACE_SEEDS) -> None:
    for seed in seeds:
        lab = race_pair(commands, seed)
        cut_at = lab.now
        lab.partition(["node1"], [RACE_HOLDER])
        lab.advance(40)
        shots = [event for event in fenced(lab, cut_at) if event.ok]
        shown = event_lines(lab.events, kinds=SERVICE_KINDS, since=cut_at)
        both = double_kill(lab, cut_at)
        if both:
            raise Mismatch(f"seed {seed}: {both}", events=event_lines(lab.events, kinds=RACE_KINDS, since=cut_at),
                           hint="one shot has to land before the other is sent: how long does one fence action take "
                                "here (from 'Requesting that' to 'returned 0' in the log), and which shot should wait?")
        moved = [event for event in lab.events if isinstance(event, ActionFinished) and event.time >= cut_at
                 and event.resource == "fs" and event.action in ("start", "stop")]
        if not shots:
            raise Mismatch(f"seed {seed}: after the cut nobody fenced anybody ({placement(lab, ('fs',))})",
                           events=shown)
        if any(shot.target == RACE_HOLDER for shot in shots):
            raise Mismatch(f"seed {seed}: {RACE_HOLDER}, which ran fs, lost the race and was fenced; fs was started on "
                           "the other node: an outage the cluster caused itself", events=shown)
        if moved or active_nodes(lab.state(), "fs") != (RACE_HOLDER,):
            raise Mismatch(f"seed {seed}: {RACE_HOLDER} won the race but fs was stopped or started after the cut "
                           f"({placement(lab, ('fs',))})", events=shown)
    require_fixed_head_start(lab)  # every seed's race was won: by design, or by the draws?
