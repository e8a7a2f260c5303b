"""Checks for 12 connectivity: a ping clone and a location rule that follow the network.

`ocf:pacemaker:ping` (cloned on every node) writes the node attribute
`pingd` = multiplier x the targets that answer; a location rule on it keeps
the service where the network is. The stories: the node running the service
loses its uplink (the service must move), then the gateway itself dies for
every node (the service must keep running somewhere: a rule that bans every
node without an uplink stops it everywhere).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from halab_kernel import Lab

from halab_graders.check import Mismatch, exercise, require_number
from halab_graders.constraints import pacemaker_lab, placement, wait_service
from halab_graders.labs import event_lines
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
    found = lab.run(lab.node_names[0], "cibadmin -Q -o resources")
    if not found.ok or not found.stdout.strip():
        return "pingd"
    names = etree.fromstring(found.stdout.encode()).xpath(
        "//primitive[@provider='pacemaker' and @type='ping']/instance_attributes/nvpair[@name='name']/@value")
    return str(names[0]) if names else "pingd"


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
    cut_at = lab.now
    cut_uplink(lab, holder)
    lab.advance(45)
    now_on = active_nodes(lab.state(), "web")
    if not now_on or now_on[0] == holder:
        raise Mismatch(f"{holder}, running web, lost its uplink; 45 s later web is {'on ' + now_on[0] if now_on else 'down'}",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=cut_at))
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
