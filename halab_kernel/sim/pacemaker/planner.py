"""From the scheduler's decision to a transition graph the controller can execute.

`schedule(cib)` (the scheduler) decides what to do; this turns its actions
into a graph with dependencies and adds the recurring monitors that follow
each start (Pacemaker's "Start 10s-interval monitor for X on node3").

Dependencies: fencing first; probes then; stops after fencing and probes;
starts after every stop, one after another in the scheduler's order; each
recurring monitor right after its resource's start.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel.sim.pacemaker.graph import GraphAction, TransitionGraph


def recurring_monitors(cib_root: etree._Element, rsc_id: str) -> list[int]:
    """Intervals (ms) of the recurring monitors configured for a primitive (role-less ones)."""
    from halab_kernel.sim.pacemaker.controller import seconds_of

    intervals = []
    for primitive in cib_root.iterfind(".//configuration/resources//primitive"):
        if primitive.get("id") != rsc_id:
            continue
        for op in primitive.iterfind("operations/op"):
            interval = int(seconds_of(op.get("interval"), 0) * 1000)
            if op.get("name") == "monitor" and interval and op.get("role") in (None, "Started"):
                if (op.get("enabled") or "true").lower() not in ("false", "0", "no", "off"):
                    intervals.append(interval)
    return intervals


def default_planner(cib_root: etree._Element) -> TransitionGraph:
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler import schedule
    from halab_kernel.sim.pacemaker.scheduler.render import render_summary

    decision = schedule(cib_from_element(cib_root))
    actions: list[GraphAction] = []
    fences: list[int] = []
    probes: list[int] = []
    stops: list[int] = []
    previous_start: int | None = None

    def add(task: str, node: str, resource: str | None, after: list[int], interval_ms: int = 0) -> int:
        action_id = len(actions) + 1
        actions.append(GraphAction(action_id, task, node, resource, interval_ms, tuple(after)))
        return action_id

    planned = [p for p in decision.actions if not p.pseudo and p.node]
    for item in planned:
        if item.task == "fence":
            fences.append(add("fence", item.node, None, []))
    for item in planned:
        if item.task == "monitor":
            probes.append(add("monitor", item.node, item.resource, list(fences)))
    for item in planned:
        if item.task == "stop":
            stops.append(add("stop", item.node, item.resource, fences + probes))
    for item in planned:
        if item.task == "start":
            after = fences + probes + stops + ([previous_start] if previous_start else [])
            previous_start = add("start", item.node, item.resource, after)
            for interval in recurring_monitors(cib_root, item.resource or ""):
                add("monitor", item.node, item.resource, [previous_start], interval)
    summary = tuple(line.removeprefix("  * ") for line in render_summary(decision.summary))
    return TransitionGraph(tuple(actions), summary)
