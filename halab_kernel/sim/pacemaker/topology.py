"""Fencing topology: which fence devices pacemaker-fenced tries for a node, and in what order.

The CIB's `fencing-topology` holds `fencing-level`s (`pcs stonith level add 1 node1 ipmi1`). A level
names its target in one of three ways: by node name (`target`), by a regular expression over node names
(`target-pattern`), or by a node attribute (`target-attribute` = `target-value`). fenced (2.1.5,
fenced_remote.c: find_topology_for_host, topology_matches, advance_topology_level) keys the levels by
target; for a node it takes the levels of its own name (case-insensitively), or else of the first
pattern or attribute key that matches, and tries them in index order (1 to 9): every device of a level
must succeed, and a failed device ends the level, so the next one is tried. Pure data: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping

from lxml import etree

from halab_kernel.sim.pacemaker.cib.references import instance_parameters

MAX_LEVEL = 9  # fenced's levels run from 1 to ST_LEVEL_MAX - 1


@dataclass(frozen=True)
class FencingLevel:
    """One `fencing-level` element: its index, its devices (all must succeed) and whom it is for."""

    id: str
    index: int
    devices: tuple[str, ...]
    target: str | None = None
    pattern: str | None = None
    attribute: str | None = None
    value: str | None = None

    @property
    def key(self) -> str:
        """What fenced keys the level by: the name, the pattern, or "attribute=value"."""
        if self.target is not None:
            return self.target
        if self.pattern is not None:
            return self.pattern
        return f"{self.attribute}={self.value}"

    def matches(self, node: str, attributes: Mapping[str, str]) -> bool:
        """Whether the level is for `node` (topology_matches): its name, a pattern search (POSIX
        extended regex, unanchored as regexec is), or one of its permanent attributes."""
        if self.target is not None:
            return self.target.lower() == node.lower()
        if self.pattern is not None:
            try:
                return re.search(self.pattern, node) is not None
            except re.error:
                return False  # fenced logs "Bad regex" and the level never matches
        return self.attribute is not None and attributes.get(self.attribute) == self.value


def read_levels(cib: etree._Element) -> tuple[FencingLevel, ...]:
    """Every fencing level of the CIB, in document order; levels fenced would reject (index outside
    1..9, no devices, no target) are left out, as fenced leaves them unregistered."""
    found = []
    for element in cib.iterfind("configuration/fencing-topology/fencing-level"):
        index = element.get("index", "")
        devices = tuple(d for d in element.get("devices", "").split(",") if d)
        if not index.isdigit() or not 1 <= int(index) <= MAX_LEVEL or not devices:
            continue
        level = FencingLevel(id=element.get("id", ""), index=int(index), devices=devices,
                             target=element.get("target"), pattern=element.get("target-pattern"),
                             attribute=element.get("target-attribute"), value=element.get("target-value"))
        if level.target is None and level.pattern is None and level.attribute is None:
            continue
        found.append(level)
    return tuple(found)


def levels_for(node: str, levels: tuple[FencingLevel, ...],
               attributes: Callable[[str], Mapping[str, str]]) -> tuple[FencingLevel, ...]:
    """The levels fenced tries for `node`, in index order; () when no topology applies to it.

    A target keyed by the node's exact name wins; otherwise the first key (in CIB order) one of whose
    levels matches. Two levels of one key at the same index: the later one replaces the earlier, as
    fenced's registration does.
    """
    keys: dict[str, list[FencingLevel]] = {}
    for level in levels:
        keys.setdefault(level.key, []).append(level)
    chosen = keys.get(node)
    if chosen is None:
        node_attributes = attributes(node)
        chosen = next((group for group in keys.values()
                       if any(level.matches(node, node_attributes) for level in group)), [])
    by_index = {level.index: level for level in chosen}
    return tuple(by_index[index] for index in sorted(by_index))


def permanent_attributes(cib: etree._Element, node: str) -> dict[str, str]:
    """The node's permanent attributes (`pcs node attribute`), what target-attribute levels match on."""
    found: dict[str, str] = {}
    for element in cib.iterfind("configuration/nodes/node"):
        if element.get("uname") == node:
            found.update(instance_parameters(element))
    return found
