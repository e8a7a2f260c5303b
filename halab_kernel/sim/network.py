"""The simulated network between nodes: who can send to whom.

A link is directional: `block(a, b)` drops what a sends to b and nothing else,
which is how a one-way link loss is modelled. A partition is a set of blocked
links between groups; `heal()` opens everything again. Totem needs both
directions, so membership uses `can_talk(a, b)`.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Sequence


class Network:
    def __init__(self, nodes: Iterable[str]) -> None:
        self.nodes = tuple(nodes)
        self._blocked: set[tuple[str, str]] = set()

    def add_host(self, name: str) -> None:
        """A host joins the network (the qnetd arbiter, when a quorum device is added)."""
        if name not in self.nodes:
            self.nodes = self.nodes + (name,)

    def block(self, sender: str, receiver: str) -> None:
        self._blocked.add((sender, receiver))

    def can_send(self, sender: str, receiver: str) -> bool:
        return (sender, receiver) not in self._blocked

    def can_talk(self, a: str, b: str) -> bool:
        return self.can_send(a, b) and self.can_send(b, a)

    def partition(self, groups: Sequence[Sequence[str]]) -> None:
        """Cut every link between different groups (links inside a group are left as they are).
        A host in no group keeps all its links: the quorum device's qnetd, at a third site."""
        group_of = {node: index for index, group in enumerate(groups) for node in group}
        for a, b in combinations(self.nodes, 2):
            if a in group_of and b in group_of and group_of[a] != group_of[b]:
                self._blocked.add((a, b))
                self._blocked.add((b, a))

    def heal(self) -> None:
        self._blocked.clear()

    @property
    def is_whole(self) -> bool:
        return not self._blocked

    def components(self, among: Iterable[str]) -> list[tuple[str, ...]]:
        """Groups of nodes that can all reach each other through two-way links, in node order.

        Totem forms a ring only among nodes that talk directly to each other; with
        transitive-only reachability (A-B, B-C, not A-C) real corosync oscillates.
        The simulator resolves it deterministically: each group grows from its
        first node, keeping only nodes that talk to every member so far.
        """
        remaining = [node for node in self.nodes if node in set(among)]
        groups: list[tuple[str, ...]] = []
        while remaining:
            group = [remaining.pop(0)]
            for node in list(remaining):
                if all(self.can_talk(node, member) for member in group):
                    group.append(node)
                    remaining.remove(node)
            groups.append(tuple(group))
        return groups
