"""Orderings that need only some of what comes first: `clone-min`, `require-all=false`.

`rsc_order first=C then=X` normally makes X wait for the whole clone C. When C has
`clone-min=N`, X may start once N instances of C can run; with `require-all="false"`
on the ordering, once one can (pcmk_sched_ordering.c, clone_min_ordering). Pacemaker
puts a pseudo action between them that becomes runnable when enough instance starts
are runnable. That pseudo action is never required, so a restarting instance of C
does not restart X, and X's instances do not pair with C's (no interleaving).
The inverse ordering (X stops before C) is the ordinary one.
"""

from __future__ import annotations

from ..cib.model import Order
from . import actions as act
from .options import score_or
from .working import Rsc


def instances_needed(first: Rsc, order: Order) -> int:
    """How many instances of `first` must be able to act before `then` may (0: the usual rule)."""
    if first.kind != "clone" or order.first_set:
        return 0
    if "clone-min" in first.meta:
        return max(0, score_or(first.meta.get("clone-min"), 0))
    return 0 if order.require_all else 1


def order_after_minimum(graph: "act.ActionGraph", first: Rsc, first_task: str, then: Rsc,
                        then_task: str, needed: int, order_id: str = "") -> None:
    """X's actions become unrunnable while fewer than `needed` instances of `first` can act
    (also when none has that action at all: cloned_start_two ordered after the clone's stop)."""
    firsts = act.first_actions(graph, first, first_task)
    thens = act.then_actions(graph, then, then_task)
    if firsts is None or thens is None:
        return
    for action in thens:
        graph.orderings.append(act.Ordering(firsts, action, act.RUNNABLE_LEFT, any_of=True,
                                            collective=True, min_runnable=needed,
                                            pseudo=f"clone-one-or-more:{order_id}"))


def order_after_any(graph: "act.ActionGraph", firsts: list, then: Rsc, then_task: str) -> None:
    """An ordered resource set with require-all=false before `then`: one member that can act
    is enough (order_rsc_sets' one-or-more pseudo action), and none of them forces `then`.
    A group's start there is the group's own start pseudo action, not its members' (no remapping
    to "running"): runnable even where no member can start, so it always satisfies the set
    (ticket-group-16 with its group stopped by a ticket: the real 2.1.5 leaves `then` alone).
    Ordered after something else, that pseudo action could be unrunnable: refused by name."""
    actions: list = []
    for first, first_task in firsts:
        if first.kind == "group" and first_task == "start":
            return
        actions += act.first_actions(graph, first, first_task) or []
    for action in act.then_actions(graph, then, then_task) or []:
        graph.orderings.append(act.Ordering(actions, action, act.RUNNABLE_LEFT, any_of=True,
                                            collective=True, min_runnable=1))
