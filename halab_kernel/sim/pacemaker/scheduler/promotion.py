"""Promote and demote actions of promotable clone instances, and their orderings
(the role steps of pcmk__primitive_create_actions and pcmk__order_promotable_instances).

An instance climbs Stopped -> Unpromoted (start) -> Promoted (promote) and comes down
Promoted -> Unpromoted (demote) -> Stopped (stop). A promoted instance that must stop is
demoted first; a promote waits for its start and cannot run if that start cannot; across
the clone, every demote comes before any stop, every stop before any start, and every
start before any promote.
"""

from __future__ import annotations

from typing import Optional

from . import actions as act
from . import requires
from .working import Rsc, WorkingSet


def cap_without_quorum(ws: WorkingSet, rsc: Rsc) -> None:
    """no-quorum-policy=demote: an active instance may stay, but not promoted (unless it needs no
    quorum: requires=nothing keeps it promoted, no_quorum_demote with that on rsc1-clone)."""
    if ws.have_quorum or ws.no_quorum_policy != "demote" \
            or requires.of(ws, rsc).runs_without_quorum:
        return
    if rsc.role in ("Promoted", "Unpromoted") and rsc.next_role == "Promoted":
        rsc.next_role, rsc.next_role_reason = "Unpromoted", "no-quorum-policy=demote"


def role_actions(ws: WorkingSet, rsc: Rsc, graph: "act.ActionGraph", fenced: set) -> None:
    """The demote (from Promoted) and promote (to Promoted) of one instance."""
    current = rsc.current_node()
    nxt = rsc.assigned
    start = graph.starts[rsc.id]
    stops = graph.stops.get(rsc.id, [])
    moving = current is not None and nxt is not None and current != nxt
    need_stop = any(not stop.optional for stop in stops)
    demote = None
    # on-fail=demote: a failure that needs no stop is recovered by demoting (and promoting again)
    by_demotion = rsc.failed and not rsc.stop_needed and rsc.role == "Promoted"
    if rsc.role == "Promoted" and current is not None:
        required = need_stop or moving or rsc.next_role != "Promoted" or by_demotion
        demote = act.Action("demote", rsc, current, optional=not (required and rsc.managed))
        act.mark_taking_down(ws, demote, fenced)
        graph.add(demote)
        graph.demotes[rsc.id] = demote
        for stop in stops:
            graph.orderings.append(act.Ordering([demote], stop, act.IMPLIES_FIRST))
    if rsc.next_role != "Promoted" or nxt is None or not start.exists:
        return
    required = rsc.role != "Promoted" or need_stop or moving or by_demotion
    promote = act.Action("promote", rsc, nxt, optional=not required)
    blocked = act.quorum_blocks(ws, rsc)
    if not start.runnable:
        promote.runnable = False    # cancelled with its start
    elif blocked:
        promote.runnable, promote.reason = False, blocked
    elif not ws.nodes[nxt].online:
        promote.runnable = False
    graph.add(promote)
    graph.promotes[rsc.id] = promote
    restart = act.IMPLIES_THEN if rsc.role == "Promoted" else 0
    graph.orderings.append(act.Ordering([start], promote, act.RUNNABLE_LEFT | restart))
    if demote is not None:
        graph.orderings.append(act.Ordering([demote], promote, 0))


def order_clone_roles(ws: WorkingSet, graph: "act.ActionGraph") -> None:
    """Across a promotable clone: demotes, then stops, then starts, then promotes."""
    for clone in ws.by_id.values():
        if clone.kind != "clone" or not clone.promotable:
            continue
        prims = list(clone.primitives())
        demotes = [graph.demotes[p.id] for p in prims if p.id in graph.demotes]
        stops = [stop for p in prims for stop in graph.stops.get(p.id, [])]
        starts = [graph.starts[p.id] for p in prims if p.id in graph.starts and graph.starts[p.id].exists]
        promotes = [graph.promotes[p.id] for p in prims if p.id in graph.promotes]
        for steps, later in ((demotes, stops), (demotes + stops, starts), (demotes + starts, promotes)):
            if steps:
                for action in later:
                    graph.orderings.append(act.Ordering(list(steps), action, 0))


def order_role_steps(graph: "act.ActionGraph", first: Rsc, first_task: str, then: Rsc, then_task: str,
                     firsts: list, thens: list, flags: int) -> None:
    """A constraint ordering a promote or demote: a clone's promotion forces (restarts) what
    follows only where an instance is promoted; its demotion does not stop what depends on it."""
    if first.kind == "clone" and first_task == "promote" and flags & act.IMPLIES_THEN:
        flags &= ~act.IMPLIES_THEN
        for action in thens:
            local = [f for f in firsts if f.node is not None and f.node == action.node]
            if local:
                graph.orderings.append(act.Ordering(local, action, act.IMPLIES_THEN, collective=True))
    if then.kind == "clone" and then_task == "demote":
        flags &= ~act.IMPLIES_FIRST
    for action in thens:
        graph.orderings.append(act.Ordering(firsts, action, flags, any_of=first.kind == "clone",
                                            collective=first.kind != "primitive"))


def role_steps(rsc: Rsc, graph: "act.ActionGraph", task: str) -> list:
    """The promote or demote actions of a resource's instances, for constraints naming them.

    A clone none of whose instances will be promoted still answers for "promote": with an
    action that cannot run, so what must follow a promotion cannot start either."""
    table = graph.promotes if task == "promote" else graph.demotes
    found = [table[p.id] for p in rsc.primitives() if p.id in table]
    if not found and task == "promote":
        found = [act.Action("promote", rsc, None, runnable=False, exists=False)]
    return found


def promoted_after(rsc: Rsc, graph: "act.ActionGraph", done: set) -> Optional[str]:
    """The instance's role once the transition ran (None: leave the role as it was)."""
    promote = graph.promotes.get(rsc.id)
    if promote is not None and id(promote) in done:
        return "Promoted"
    demote = graph.demotes.get(rsc.id)
    if demote is not None and id(demote) in done:
        return "Unpromoted"
    return None
