"""Checks for 08's testing a fence device (`pcs stonith fence`) and fencing levels: a node's own board first, the
hypervisor when the board does not answer.

The check reads what fenced did from its log lines ("Operation 'reboot' [..]
targeting node2 using ipmi-node2 returned 1"), as an administrator reads
`journalctl -u pacemaker` on the fencing node: which device it tried first,
and which one fenced the node. Two stories: the board works, the board is
broken (`lab.break_fence_device`).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from halab_kernel import Lab
from halab_kernel.model import NodeFenced
from halab_kernel.sim.pacemaker.topology import levels_for, permanent_attributes, read_levels

from halab_graders.cib import query
from halab_graders.check import Mismatch, exercise
from halab_graders.constraints import pacemaker_lab, placement, wait_service
from halab_graders.fencing import (
    ONE_MACHINE_AGENTS, SERVICE, SETUP, device_hosts, device_targets, fenced, require_fence_coverage,
)
from halab_graders.labs import event_lines
from halab_graders.service import SERVICE_KINDS, apply_commands, service_up

_RUN = re.compile(r"Operation '\w+' \[\d+\] targeting (\S+) using (\S+) returned (\d+)")


def _agents(lab: Lab) -> tuple[etree._Element, dict[str, str]]:
    """The live CIB and each fence device's agent (its `type`)."""
    root = query(lab)
    if root is None:
        root = etree.Element("cib")  # no cluster to read: no devices
    return root, {device.get("id", ""): device.get("type", "")
                  for device in root.xpath("//primitive[@class='stonith']")}


def _board_of(root: etree._Element, agents: dict[str, str], node: str) -> str | None:
    """The management-board device whose host list (or host map) names `node` alone."""
    for device in root.xpath("//primitive[@class='stonith']"):
        hosts = set(device_targets(_params(root, device.get("id", ""))))
        if agents.get(device.get("id", "")) in ONE_MACHINE_AGENTS and hosts and hosts <= {node}:
            return device.get("id")
    return None


def _runs(lab: Lab, target: str, since: float) -> list[tuple[str, bool]]:
    """(device, worked) of every fence agent run against `target` since `since`, in order."""
    found = []
    for event in lab.events:
        match = _RUN.search(getattr(event, "message", "")) if event.kind == "log" and event.time >= since else None
        if match and match.group(1) == target:
            found.append((match.group(2), match.group(3) == "0"))
    return found


BOARDS = {"node1": "10.0.0.51", "node2": "10.0.0.52", "node3": "10.0.0.53"}  # each node's own board (the exercise)


def _board_address(root: etree._Element, device: str) -> str | None:
    found = root.xpath("//primitive[@class='stonith' and @id=$id]/instance_attributes/nvpair"
                       "[@name='ip' or @name='ipaddr']/@value", id=device)
    return str(found[0]).strip() if found else None


def _params(root: etree._Element, device: str) -> dict[str, str]:
    return {pair.get("name", ""): pair.get("value", "") for pair in
            root.xpath("//primitive[@class='stonith' and @id=$id]/instance_attributes/nvpair", id=device)}


def _may_fence(root: etree._Element, device: str, node: str) -> bool:
    """The device's host list or map names `node`, or it names none (fenced then asks the agent's list)."""
    targets = device_targets(_params(root, device))
    return not targets or node in targets


def _require_each_nodes_plan(lab: Lab, root: etree._Element, agents: dict[str, str]) -> None:
    """Every node, not only the one a story crashes: its first level is its own board alone (the board's address
    is that node's), and a later level has the hypervisor."""
    levels = read_levels(root)
    for node in lab.node_names:
        planned = levels_for(node, levels, lambda name: permanent_attributes(root, name))
        board = _board_of(root, agents, node)
        first = planned[0].devices if planned else ()
        if board is None or first != (board,) or _board_address(root, board) != BOARDS.get(node):
            raise Mismatch(f"{node}'s first fencing level is {', '.join(first) or 'missing'}: not {node}'s own "
                           f"board alone (fence_ipmilan at {BOARDS.get(node)} with pcmk_host_list={node}), so when "
                           f"{node} is lost the precise way is not tried first, or powers off another machine",
                           hint="pcs stonith level config shows each node's levels; pcs stonith config each "
                                "device's address and host list")
        later = [device for level in planned[1:] for device in level.devices if agents.get(device) == "fence_xvm"]
        if not later:
            raise Mismatch(f"no level after {node}'s board uses fence_xvm: when that board does not answer, nothing "
                           f"else fences {node}", hint="level 2: the hypervisor's device")
        if not any(_may_fence(root, device, node) for device in later):
            raise Mismatch(f"{node}'s fallback level uses {', '.join(later)}, whose pcmk_host_list (or host map) "
                           f"leaves {node} out: when {node}'s board does not answer, fenced finds no device of that "
                           f"level able to fence {node}, and {node} is never fenced",
                           hint="pcs stonith config shows each device's host list: the hypervisor's device must "
                                "name every node it backs up")


def _require_no_shadowed_levels(lab: Lab, root: etree._Element) -> None:
    """fenced keeps one topology per node: the levels naming it, or else those of the first pattern or attribute
    that matches it (find_topology_for_host). Levels by pattern or attribute that also match a node some level
    names are never tried for that node, whatever their index."""
    levels = read_levels(root)
    for node in lab.node_names:
        used = {level.id for level in levels_for(node, levels, lambda name: permanent_attributes(root, name))}
        ignored = [level for level in levels if level.id not in used and level.target is None
                   and level.matches(node, permanent_attributes(root, node))]
        if ignored:
            shown = ", ".join(f"level {level.index} ({level.key}: {', '.join(level.devices)})" for level in ignored)
            chosen = next((level.key for level in levels if level.id in used), "")
            raise Mismatch(f"{shown} matches {node}, but fenced keeps one topology per node (the levels naming it, "
                           f"else those of the first pattern or attribute that matches): for {node} it uses the "
                           f"levels of {chosen!r}, so that level is never tried for {node}",
                           hint="give each node all its levels the same way: pcs stonith level add INDEX NODE "
                                "DEVICE for every node and index, or patterns only")


def _require_levels(lab: Lab, root: etree._Element) -> None:
    _require_no_shadowed_levels(lab, root)
    levels = read_levels(root)
    without = [node for node in lab.node_names
               if not levels_for(node, levels, lambda name: permanent_attributes(root, name))]
    if without:
        raise Mismatch(f"no fencing level applies to {', '.join(without)}: fenced then tries the capable devices in "
                       "the order they were created, which is nobody's plan", hint="pcs stonith level add INDEX "
                       "NODE DEVICE: one level per way of fencing, for every node")
    hosts = device_hosts(lab)
    for node in lab.node_names:
        for level in levels_for(node, levels, lambda name: permanent_attributes(root, name)):
            stranded = [device for device in level.devices
                        if not hosts.get(device, frozenset(lab.node_names)) - {node}]
            if stranded:
                raise Mismatch(f"level {level.index} of {node} uses {', '.join(stranded)}, which may run on no other "
                               "node (banned, or disabled: see crm_simulate -Ls): no fencer registers it there, so "
                               f"that level can never fence {node}", hint="a device may be kept off the node it "
                               "fences, never off all the others")


def _crash_story(commands: Any, seed: int, board_broken: bool) -> None:
    lab = pacemaker_lab(seed=seed, fencing=True, setup=SETUP)
    apply_commands(lab, commands)
    holder = wait_service(lab, SERVICE, 30)
    if holder is None:
        raise Mismatch(f"30 s after your commands the service is not running ({placement(lab, SERVICE)})")
    require_fence_coverage(lab)
    root, agents = _agents(lab)
    _require_levels(lab, root)
    board = _board_of(root, agents, holder)
    if board is None:
        raise Mismatch(f"no management board device (fence_ipmilan with pcmk_host_list={holder} or a host map naming {holder} alone) fences {holder}")
    if board_broken:
        lab.break_fence_device(board)
    crashed_at = lab.now
    lab.crash(holder)
    back = wait_service(lab, SERVICE, 60, avoid=holder)
    runs = _runs(lab, holder, crashed_at)
    shown = [line for line in event_lines(lab.events, since=crashed_at, limit=40) if "targeting" in line][:8]
    story = f"{holder} crashed" + (f" while its board ({board}) did not answer" if board_broken else "")
    if not runs or runs[0][0] != board:
        first = runs[0][0] if runs else "no device"
        raise Mismatch(f"{story}: fenced tried {first} first, not {holder}'s own board", events=shown,
                       hint="level 1 is tried first: the fast, precise way (the board), then the fallback")
    worked = next((device for device, ok in runs if ok), None)
    wanted = "fence_xvm" if board_broken else agents.get(board)
    if worked is None or agents.get(worked) != wanted or not fenced(lab, crashed_at):
        raise Mismatch(f"{story}: {holder} was fenced by {worked or 'no device'}, not by "
                       f"{'the hypervisor (fence_xvm), level 2' if board_broken else 'its board'}", events=shown,
                       hint="when every device of level 1 fails, fenced goes on with level 2")
    if back is None:
        raise Mismatch(f"{story}: it was fenced, yet 60 s later the service does not run elsewhere "
                       f"({placement(lab, SERVICE)})", events=event_lines(lab.events, kinds=SERVICE_KINDS,
                                                                         since=crashed_at))


@exercise("08.fence-topology", expected="commands that create a management board device for each node and a "
          "fence_xvm device, with fencing levels such that a lost node is fenced by its own board first and by "
          "fence_xvm only when its board does not answer; the service back elsewhere within 60 s both times",
          time_limit=30.0, hint="fenced tries a node's fencing levels (its topology) by index, lowest first, and a "
                                "later level only when every device of the one before failed: which way of fencing "
                                "should each node's first level hold, and which its second? pcs stonith level config "
                                "shows what you made")
def fence_topology(commands: Any, seed: int = 0) -> None:
    for board_broken in (False, True):
        _crash_story(commands, seed, board_broken)
    lab = pacemaker_lab(seed=seed, fencing=True, setup=SETUP)  # the stories crash one node: the plan of the others
    apply_commands(lab, commands)
    _require_each_nodes_plan(lab, *_agents(lab))


TESTED = "node3"  # the node the exercise asks to fence as a test


@exercise("08.fence-test", expected=f"commands that give this 3-node cluster (fencing enabled, webgroup waiting) a "
          f"fence device for every node and then test it on {TESTED}: the fencer really fences (reboots) {TESTED}, "
          f"which comes back and rejoins on its own, and the service runs at the end",
          time_limit=30.0, hint="a test of fencing is a fence action the cluster carries out through the device, "
                                "asked for on purpose (08, Testing a fence device): stopping the node's cluster "
                                "software proves nothing about the device, and the node should come back")
def fence_tested(commands: Any, seed: int = 0) -> None:
    lab = pacemaker_lab(seed=seed, fencing=True, setup=SETUP)
    since = lab.now
    apply_commands(lab, commands)
    require_fence_coverage(lab)
    enabled = lab.run(lab.node_names[0], "crm_attribute -t crm_config -n stonith-enabled -G -q").stdout.strip()
    if enabled.lower() in ("false", "no", "off", "0", "n"):
        raise Mismatch("stonith-enabled is false after your commands: a manual fence still works, but the cluster "
                       "itself would never fence a node it loses, so the test proved a device nobody uses",
                       hint="fencing stays enabled; the test only asks the cluster to use it once")
    lab.advance(10)  # a fence action asked for runs after the command returns
    back = lab.wait_until(lambda state: state.node(TESTED).status == "online"
                          and state.dc is not None and service_up(state, SERVICE), 120)
    shots = [event for event in lab.events if isinstance(event, NodeFenced) and event.time >= since]
    shown = [event.message for event in shots][:6] or event_lines(lab.events, since=since, limit=8)
    tested = [event for event in shots if event.target == TESTED and event.ok]
    if not tested:
        others = sorted({event.target for event in shots if event.ok})
        raise Mismatch(f"{TESTED} was never fenced" + (f" (you fenced {', '.join(others)})" if others else "")
                       + ": nothing showed that a fence device can really power it off", events=shown)
    if all(event.action != "reboot" for event in tested):
        raise Mismatch(f"{TESTED} was switched off ({tested[0].message}) and stays off: the test worked, but left "
                       f"the cluster a node short until someone powers {TESTED} on by hand", events=shown,
                       hint="a reboot fences and brings the node back; --off is for a node that must stay down")
    if not back:
        raise Mismatch(f"{TESTED} was fenced, yet 120 s later it is not back online with the service running "
                       f"({placement(lab, SERVICE)}; {TESTED} {lab.state().node(TESTED).status})", events=shown)

