"""pacemaker-fenced's choices: which fence device can shoot a node, and how long to wait first.

A component with a narrow view of the cluster: the CIB (devices and their parameters, the
priority-fencing-delay option), a seeded random source (pcmk_delay_max), the fencing node's peers
and what runs where (for priority-fencing-delay). Carrying out the fencing (the power callback,
SBD's poison pill, reporting the result to the transition) stays with the controller that asked.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Sequence

from halab_kernel import values
from halab_kernel.sim.pacemaker.cibstore import CibStore


def delay_base_for(value: str | None, target: str) -> float:
    """pcmk_delay_base for one target, as fenced reads it (get_action_delay_base, 2.1.5): one time for
    every target, or a map such as "node1:0s;node2:5s" (entries split on ';', space or tab; an entry
    matches when the target starts with its name, case-insensitively); a map without the target: 0."""
    if value is None:
        return 0.0
    chosen = value
    for entry in value.replace(";", " ").replace("\t", " ").split():
        name, colon, delay = entry.partition(":")
        if colon and delay and name and target.lower().startswith(name.lower()):
            chosen = delay
            break
    return 0.0 if ":" in chosen else values.seconds(chosen, 0.0)


@dataclass(frozen=True)
class FenceDevice:
    """A stonith resource of the CIB: its agent ("fence_sbd", "fence_virsh", ...) and parameters."""

    agent: str
    params: dict[str, str]


class Fenced:
    """The fencer's device table and delays, read from the CIB each time (devices change at runtime)."""

    def __init__(self, cib: CibStore, rng: random.Random, node_names: Sequence[str],
                 peers: Callable[[str], list[str]], is_active: Callable[[str, str], bool]) -> None:
        self.cib = cib
        self.rng = rng
        self.node_names = tuple(node_names)
        self.peers = peers
        self.is_active = is_active

    def device_for(self, target: str) -> FenceDevice | None:
        """The first fence device that can fence `target`: its pcmk_host_list (or pcmk_host_map)
        names it, or it has neither (the simulator's devices reach every node)."""
        for primitive in self.cib.root.iterfind(".//configuration/resources//primitive[@class='stonith']"):
            params = {nv.get("name", ""): nv.get("value", "") for nv in primitive.iterfind("instance_attributes/nvpair")}
            hosts = params.get("pcmk_host_list")
            mapped = params.get("pcmk_host_map")
            if hosts is not None and target not in hosts.replace(",", " ").split():
                continue
            if hosts is None and mapped is not None and not any(
                    entry.split(":")[0] == target for entry in mapped.replace(";", " ").split()):
                continue
            return FenceDevice(primitive.get("type", ""), params)
        return None

    def delay(self, target: str, fencer: str | None = None) -> float:
        """priority-fencing-delay, then the device's pcmk_delay_base + a random part up to its
        pcmk_delay_max: what decides a two-node fence race."""
        device = self.device_for(target)
        params = device.params if device else {}
        base = delay_base_for(params.get("pcmk_delay_base"), target)
        spread = values.seconds(params.get("pcmk_delay_max"), 0.0)
        priority = self._priority_delay(fencer, target) if fencer else 0.0
        return priority + base + (self.rng.uniform(0, spread) if spread else 0.0)

    def _priority_delay(self, fencer: str, target: str) -> float:
        """priority-fencing-delay as pe__node_priority_fencing_delay (2.1.5): a lost node whose running
        resources weigh the most (their `priority` meta-attributes summed) is shot that much later, when
        the fencing side holds no more than half of the cluster's members."""
        delay = values.seconds(self.cib.property("priority-fencing-delay"), 0.0)
        online = self.peers(fencer)
        if delay <= 0 or target in online or len(online) > len(self.node_names) // 2:
            return 0.0
        weight = {node: self._node_priority(node) for node in self.node_names}
        top = max(weight.values())
        return delay if weight[target] == top and min(weight.values()) < top else 0.0

    def _node_priority(self, node: str) -> int:
        """The sum of the priorities of the primitives running on `node` (a group's or clone's meta
        priority and rsc_defaults apply to their members, as Pacemaker unpacks them)."""
        defaults = self.cib.root.find(".//configuration/rsc_defaults//nvpair[@name='priority']")
        total = 0
        for primitive in self.cib.root.iterfind(".//configuration/resources//primitive"):
            if not self.is_active(node, primitive.get("id", "")):
                continue
            found = next((pair for element in (primitive, *primitive.iterancestors("group", "clone", "master"))
                          for pair in element.iterfind("meta_attributes/nvpair[@name='priority']")), defaults)
            total += values.char2score(found.get("value")) if found is not None else 0
        return total
