"""A transition being carried out: which of its graph's actions have started, which are done,
and which are ready to start now.

The controller starts an action when every action it waits for is done. Scanning the whole
graph after each completion costs actions x completions (quadratic in resources at 500 of
them); here each completion releases only the actions that wait for it, and the ready ones
come out in graph order, the order the controller has always started them in.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from halab_kernel.sim.pacemaker.graph import GraphAction, TransitionGraph


@dataclass
class RunningTransition:
    number: int
    dc: str
    graph: TransitionGraph
    done: set[int] = field(default_factory=set)
    started: set[int] = field(default_factory=set)
    aborted: bool = False
    sent_to: dict[int, int] = field(default_factory=dict)  # action id -> incarnation of its node when sent
    _by_id: dict[int, GraphAction] = field(default_factory=dict, repr=False)
    _order: dict[int, int] = field(default_factory=dict, repr=False)
    _waiting_for: dict[int, set[int]] = field(default_factory=dict, repr=False)
    _released_by: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _ready: list[int] = field(default_factory=list, repr=False)  # heap of graph positions
    _fresh: list[int] = field(default_factory=list, repr=False)  # done, not yet released
    _in_flight: set[int] = field(default_factory=set, repr=False)  # started, not done

    def __post_init__(self) -> None:
        for position, action in enumerate(self.graph.actions):
            self._by_id[action.id] = action
            self._order[action.id] = position
            self._waiting_for[action.id] = set(action.after)
            for before in action.after:
                self._released_by.setdefault(before, []).append(action.id)
            if not action.after:
                heapq.heappush(self._ready, position)

    @property
    def in_flight(self) -> frozenset[int]:
        return frozenset(self._in_flight)

    @property
    def busy(self) -> bool:
        """Some action started and not done."""
        return bool(self._in_flight)

    @property
    def finished(self) -> bool:
        return len(self.done) == len(self.graph.actions)

    def action(self, action_id: int) -> GraphAction:
        return self._by_id[action_id]

    def finish(self, action_id: int) -> None:
        """The action is done (its result came, or it is lost with its node)."""
        if action_id not in self.done:
            self.done.add(action_id)
            self._fresh.append(action_id)
        self._in_flight.discard(action_id)

    def next_ready(self) -> GraphAction | None:
        """The first action (in graph order) not started whose every prerequisite is done; marks it started."""
        for finished in self._fresh:
            for waiting in self._released_by.get(finished, ()):
                pending = self._waiting_for[waiting]
                pending.discard(finished)
                if not pending:
                    heapq.heappush(self._ready, self._order[waiting])
        self._fresh.clear()
        while self._ready:
            action = self.graph.actions[heapq.heappop(self._ready)]
            if action.id not in self.started:
                self.started.add(action.id)
                if action.id not in self.done:
                    self._in_flight.add(action.id)
                return action
        return None
