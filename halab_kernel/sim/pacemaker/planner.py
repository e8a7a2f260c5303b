"""From the scheduler's decision to a transition graph the controller can execute.

`schedule(cib)` (the scheduler) decides what to do; this turns its actions
into a graph with dependencies and adds the recurring monitors that follow
each start (Pacemaker's "Start 10s-interval monitor for X on node3").

Dependencies are the scheduler's orderings (constraints, groups, a
resource's stop before its start, fencing before the starts it allows), seen
through the pseudo-actions that only carry them; a resource's start and stop
also wait for its probes, and each recurring monitor follows its start.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from lxml import etree

from halab_kernel import values
from halab_kernel.sim.pacemaker.cibstore import cluster_property
from halab_kernel.sim.pacemaker.graph import GraphAction, TransitionGraph

if TYPE_CHECKING:
    from halab_kernel.sim.pacemaker.cib.model import DateExpression


ROLE_NAMES = {"Started": "Started", "Promoted": "Promoted", "Master": "Promoted",
              "Unpromoted": "Unpromoted", "Slave": "Unpromoted"}


def recurring_monitors(primitive: etree._Element | None, role: str = "Started") -> list[int]:
    """Intervals (ms) of the recurring monitors configured for a primitive in a role
    (Started: the role-less ones; Promoted, Unpromoted: a promotable instance's)."""
    if primitive is None:
        return []
    intervals = []
    for op in primitive.iterfind("operations/op"):
        interval = values.interval_ms(op.get("interval"))
        if op.get("name") == "monitor" and interval and ROLE_NAMES.get(op.get("role") or "Started") == role:
            if values.boolean(op.get("enabled")) is not False:
                intervals.append(interval)
    return intervals


# Recent transitions by their pe-input without its execution-date (issue 18): a cluster-recheck-interval that finds
# nothing changed hands the scheduler the same input at a later clock (12's office-hours week: 1,993 of its 2,005
# transitions). The scheduler reads that clock only through date expressions, failure-timeout and shutdown locks, so
# when the input has no failure-timeout or shutdown lock and every date expression in it holds at the new clock as at
# the old, the transition is the one computed then.
_RECENT: dict[str, tuple[int, tuple[DateExpression, ...], TransitionGraph]] = {}
RECENT_KEPT = 8
_READS_THE_CLOCK = ("failure-timeout", "failure_timeout", "shutdown-lock", "shutdown_lock")


def default_planner(cib_root: etree._Element, text: str | None = None) -> TransitionGraph:
    """The transition for the CIB `cib_root`; `text`: its serialisation, when the caller made one
    (the controller's pe-input), which the parse reads the operation histories from. The same input at another
    clock that no part of it reads differently gets the transition computed before (`_RECENT`)."""
    date = cib_root.get("execution-date")
    if text is None or date is None or not date.isdigit() or any(word in text for word in _READS_THE_CLOCK):
        return _planned(cib_root, text)
    from halab_kernel.sim.pacemaker.cib.parse import date_expression
    from halab_kernel.sim.pacemaker.scheduler.dates import date_matches

    key = text.replace(f' execution-date="{date}"', "", 1)  # the root's start tag comes first
    now = int(date)
    recent = _RECENT.pop(key, None)
    if recent is not None:
        then, dates, graph = recent
        if all(date_matches(expression, then) == date_matches(expression, now) for expression in dates):
            _RECENT[key] = recent  # the most recent last
            return graph
    graph = _planned(cib_root, text)
    _RECENT[key] = (now, tuple(date_expression(element) for element in cib_root.iter("date_expression")), graph)
    while len(_RECENT) > RECENT_KEPT:
        del _RECENT[next(iter(_RECENT))]
    return graph


def _planned(cib_root: etree._Element, text: str | None) -> TransitionGraph:
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler.render import render_summary
    from halab_kernel.sim.pacemaker.scheduler.schedule import schedule_with_graph

    decision, graph = schedule_with_graph(cib_from_element(cib_root, text))
    primitives = {p.get("id"): p for p in reversed(list(cib_root.iterfind("configuration/resources//primitive")))}
    executed = [a for a in graph.probes if a.runnable] + list(graph.fencing) + [  # none on a joining node
        a for a in graph.actions
        if a.task in ("start", "stop", "promote", "demote", "reload-agent", "cancel", "delete", "clear_failcount")
        and not a.optional
        and a.runnable and not a.pseudo and a.node]
    promotable = {history_id(a.rsc) for a in executed
                  if a.rsc is not None and a.rsc.promotable_clone() is not None}
    ids = {id(action): number for number, action in enumerate(executed, start=1)}
    firsts_of: dict[int, list] = {}
    for ordering in graph.orderings:
        firsts_of.setdefault(id(ordering.then), []).extend(ordering.first)

    fences = {ids[id(a)] for a in graph.fencing}
    probes_of: dict[int, set[int]] = {}  # id(resource) -> its probes' numbers
    for probe in graph.probes:
        if id(probe) in ids:
            probes_of.setdefault(id(probe.rsc), set()).add(ids[id(probe)])
    planned: list[GraphAction] = []
    # concurrent-fencing (2.1.5's default: false): each fencing waits for the one before it
    concurrent = values.is_true(cluster_property(cib_root, "concurrent-fencing"), False)
    fenced_so_far: list[int] = []
    for action in executed:
        number = ids[id(action)]
        resource = history_id(action.rsc) if action.rsc is not None else None
        if action.task == "fence":
            chained = () if concurrent or not fenced_so_far else (fenced_so_far[-1],)
            planned.append(GraphAction(number, "fence", action.node, after=chained))
            fenced_so_far.append(number)
            continue
        after = _executed_before(action, firsts_of, ids, set())
        if action.task in ("start", "stop", "promote", "demote"):
            after |= probes_of.get(id(action.rsc), set()) | fences
        planned.append(GraphAction(number, action.task, action.node, resource, action.interval_ms,
                                   tuple(sorted(after - {number}))))
    _cancel_previous_role_monitors(planned, promotable, primitives, cib_root)
    for action in list(planned):
        roles = {"start": "Started", "promote": "Promoted", "demote": "Unpromoted"}
        role = roles.get(action.task)
        if role is None or (action.task == "start" and action.resource in promotable
                            and _promoted_later(planned, action)):
            continue
        if action.resource in promotable and role == "Started":
            role = "Unpromoted"
        for interval in recurring_monitors(primitives.get((action.resource or "").split(":")[0]), role):
            planned.append(GraphAction(len(planned) + 1, "monitor", action.node, action.resource, interval,
                                       (action.id,), target_rc=8 if role == "Promoted" else 0))
    reloads_of: dict[tuple[str | None, str | None], list[int]] = {}
    for action in planned:
        if action.task == "reload-agent":
            reloads_of.setdefault((action.node, action.resource), []).append(action.id)
    for rsc, node, interval, target in graph.monitors:
        reloads = tuple(reloads_of.get((node, history_id(rsc)), ()))  # a reload is followed by its monitors
        planned.append(GraphAction(len(planned) + 1, "monitor", node, history_id(rsc), interval, reloads,
                                   target_rc=target))
    summary = tuple(line.removeprefix("  * ") for line in render_summary(decision.summary))
    return TransitionGraph(tuple(planned), summary)


def _executed_before(action: object, firsts_of: dict[int, list], ids: dict[int, int], seen: set[int]) -> set[int]:
    """The executed actions `action` waits for, looking through pseudo and optional ones. (Not a
    closure: a recursive closure refers to itself through its cell, a reference cycle that kept the
    whole action graph for the garbage collector, issue 18.)"""
    found: set[int] = set()
    for first in firsts_of.get(id(action), []):
        if id(first) in seen:
            continue
        seen.add(id(first))
        if id(first) in ids:
            found.add(ids[id(first)])
        else:
            found |= _executed_before(first, firsts_of, ids, seen)
    return found


def history_id(rsc: Any) -> str:
    """The `lrm_resource` id an instance's operations are recorded under: a globally-unique clone's
    instance keeps its number (`u:0`), an anonymous one is recorded as its primitive (`d`)."""
    return rsc.id if rsc.unique else (rsc.base_id or rsc.id)


def _cancel_previous_role_monitors(planned: list[GraphAction], promotable: set, primitives: dict,
                                   cib_root: etree._Element) -> None:
    """A promote or demote first cancels the monitors of the role the instance leaves, where its
    history shows them ("cancel=10000 on node1"; pcmk_sched_recurring.c: a monitor whose role no
    longer matches is cancelled if active). The cancel deletes their records, so a later promote
    on that node starts the promoted monitor afresh."""
    for index, action in enumerate(list(planned)):
        if action.task not in ("promote", "demote") or action.resource not in promotable:
            continue
        left = "Unpromoted" if action.task == "promote" else "Promoted"
        recorded = {op.get("id") for op in cib_root.iterfind(
            f"status/node_state[@uname='{action.node}']/lrm/lrm_resources/lrm_resource[@id='{action.resource}']/lrm_rsc_op")}
        cancels = [GraphAction(len(planned) + number, "cancel", action.node, action.resource, interval)
                   for number, interval in enumerate(
                       (i for i in recurring_monitors(primitives.get((action.resource or "").split(":")[0]), left)
                        if f"{action.resource}_monitor_{i}" in recorded), start=1)]
        planned.extend(cancels)
        planned[index] = replace(action, after=tuple(sorted(action.after + tuple(c.id for c in cancels))))


def _promoted_later(planned: list, start: GraphAction) -> bool:
    """A start followed by a promote on the same node gets the promoted role's monitor only."""
    return any(a.task == "promote" and a.resource == start.resource and a.node == start.node for a in planned)
