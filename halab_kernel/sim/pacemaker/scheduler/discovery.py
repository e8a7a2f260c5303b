"""Probe restrictions: `resource-discovery` of location constraints and `enable-startup-probes`.

As Pacemaker 2.1.5 does (pcmk__new_location, pcmk__apply_location, apply_exclusive_discovery,
pcmk__probe_rsc_on_node, clone_create_probe, schedule_resource_actions):

- each node a location constraint names takes the constraint's discovery mode for the resource
  and its members (the strongest wins: exclusive > never > always);
- a constraint with `resource-discovery=exclusive` makes its resource exclusive even when it
  names no node; an exclusive resource (or one inside an exclusive one) may run only on the
  nodes marked exclusive for it: every other node it could run on gets -INFINITY;
- an exclusive resource is probed only on the nodes marked exclusive for it, a node marked
  `never` is not probed, and `enable-startup-probes=false` schedules no probe at all.
"""

from __future__ import annotations

from typing import Optional

from ..cib.model import INFINITY
from . import options
from .working import Rsc, WorkingSet

ALWAYS, NEVER, EXCLUSIVE = "always", "never", "exclusive"
_RANK = {ALWAYS: 0, NEVER: 1, EXCLUSIVE: 2}


def mode_of(text: Optional[str]) -> str:
    """A location's discovery mode; an invalid value counts as always (2.1.5 logs an error)."""
    mode = (text or ALWAYS).strip().lower()
    return mode if mode in _RANK else ALWAYS


def mark(rsc: Rsc, uname: str, mode: str) -> None:
    """pcmk__apply_location: the node keeps the strongest mode any location gave it."""
    if _RANK[mode] > _RANK[rsc.discover_modes.get(uname, ALWAYS)]:
        rsc.discover_modes[uname] = mode
        if mode == EXCLUSIVE:
            rsc.exclusive_discover = True


def _exclusive(rsc: Rsc) -> bool:
    return rsc.exclusive_discover or rsc.top().exclusive_discover


def apply_exclusive_discovery(ws: WorkingSet) -> None:
    """An exclusive resource is banned from every node not marked exclusive for it."""
    for uname in ws.node_order:
        for rsc in ws.resources:
            _ban_unmarked(rsc, uname)


def _ban_unmarked(rsc: Rsc, uname: str) -> None:
    if not _exclusive(rsc):
        return
    for child in rsc.children:
        _ban_unmarked(child, uname)
    if uname in rsc.allowed and rsc.discover_modes.get(uname) != EXCLUSIVE:
        rsc.set_score(uname, -INFINITY, "resource-discovery=exclusive elsewhere")


def startup_probes(ws: WorkingSet) -> bool:
    """enable-startup-probes (default true): false schedules no probe on any node."""
    return options.is_true(ws.properties.get("enable-startup-probes"), True)


def may_probe(ws: WorkingSet, rsc: Rsc, uname: str) -> bool:
    """Whether discovery lets primitive `rsc` be probed on `uname`."""
    if not startup_probes(ws):
        return False
    clone = rsc.clone_parent()
    if clone is not None and clone.exclusive_discover and uname in clone.allowed \
            and clone.discover_modes.get(uname) != EXCLUSIVE:
        return False            # clone_create_probe
    if _exclusive(rsc) and (uname not in rsc.allowed or rsc.discover_modes.get(uname) != EXCLUSIVE):
        return False
    return not (uname in rsc.allowed and rsc.discover_modes.get(uname) == NEVER)


def block_starts_behind_pending_probes(ws: WorkingSet, graph) -> None:
    """A probe on a node still joining (pending) cannot run (update_resource_action_runnable); when
    the probed resource is active nowhere, it may then not start anywhere, and a clone instance's
    probe holds the start of the whole clone (pcmk__probe_rsc_on_node orders the probe before the
    start of the resource, or of its clone, with runnable_left)."""
    for probe in graph.probes:
        if not ws.nodes[probe.node].pending:
            continue
        probe.runnable = False
        if probe.rsc.running_on:
            continue
        top = probe.rsc.top() if probe.rsc.top().kind == "clone" else probe.rsc
        for primitive in top.primitives():
            start = graph.starts.get(primitive.id)
            if start is not None:
                start.runnable = False
