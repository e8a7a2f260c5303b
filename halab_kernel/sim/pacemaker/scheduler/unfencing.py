"""Unfencing: `Fence (on)` before a node may run what needs it (pcmk__order_vs_unfence in 2.1.5).

Fabric fencing (fence_scsi, fence_mpath) cuts a node off its storage; the node must be
"unfenced" (fenced with action `on`) before it touches that storage again. A fence device
with `provides=unfencing`, or any resource with `requires=unfencing`, turns this on for the
whole cluster: every other resource then
defaults to `requires=unfencing`. A node that was never unfenced (no `#node-unfenced`
attribute) is unfenced before any probe or start of such a resource, or of a fence device,
on it ("required by fence_scsi monitor"). Unfencing an online node changes nothing else
about the transition.
"""

from __future__ import annotations

from . import migration, requires
from .working import Rsc, WorkingSet


def enabled(ws: WorkingSet) -> bool:
    """pe_flag_enable_unfencing (requires.unfencing_flag: provides=unfencing or requires=unfencing
    in some resource's meta attributes; a fence device's own requires=unfencing is then reset to
    quorum, the flag stays) with fencing on (clone-requires-quorum with requires=unfencing on the
    clone: real unfences rhel7-1 'required by Fencing start')."""
    return ws.stonith_enabled and requires.unfencing_flag(ws)


def needs_unfencing(ws: WorkingSet, rsc: Rsc) -> bool:
    """A fence device, or a resource whose `requires` is (or defaults to) unfencing: not a remote
    connection without its own `requires`, whose default is quorum (unpack_requires: remote-start-fail
    with requires=unfencing on shooter, real unfences nothing for rhel7-auto4's start)."""
    return requires.is_fence_device(rsc) or requires.of(ws, rsc).needs_unfencing


def unfenced(ws: WorkingSet, uname: str) -> bool:
    """pcmk__node_unfenced: the node carries a `#node-unfenced` attribute other than 0."""
    return ws.nodes[uname].attributes.get("#node-unfenced", "0") != "0"


def nodes_to_unfence(ws: WorkingSet, graph) -> dict:
    """Node -> the first reason it must be unfenced: a fence device active there whose
    parameters changed, else a probe or start that needs it ("required by RSC monitor|start")."""
    if not enabled(ws):
        return {}
    found: dict = {}
    for rsc in ws.primitives():
        if requires.is_fence_device(rsc):
            for uname in rsc.definition_changes:
                # pcmk__handle_rsc_config_changes reads the history (and so compares digests,
                # trigger_unfencing) only of a node in maintenance or able to run resources: not
                # of a standby node (probe-2 with requires=unfencing: real unfences wc01, not wc02)
                checked = ws.nodes[uname].available() or ws.nodes[uname].maintenance
                if uname in rsc.running_on and checked and _can_unfence(ws, uname) and uname not in found:
                    found[uname] = "Device parameters changed"
    candidates = [(probe.rsc, probe.node, "monitor") for probe in graph.probes]
    candidates += [(start.rsc, start.node, "start") for start in graph.starts.values()
                   if start.node is not None and start.placed and not _demoted_in_place(start.rsc)]
    for rsc, uname, task in candidates:
        if not needs_unfencing(ws, rsc) or unfenced(ws, uname) or uname in found:
            continue
        if _can_unfence(ws, uname):
            # a start names the instance ('required by rsc5:1 start'), a probe the resource
            who = rsc.id if task == "start" else rsc.base_id or rsc.id
            found[uname] = f"required by {who} {task}"
    return found


def _demoted_in_place(rsc: Rsc) -> bool:
    """A promoted instance that stays where it is, demoted: 2.1.5 takes it up from Stopped again
    (StartRsc, which orders the start after unfencing) only while its role is no higher than its
    next role, so its start never asks for unfencing (promoted-promotion-constraint with
    requires=unfencing and no quorum under no-quorum-policy=demote: real unfences nothing for it)."""
    return (rsc.role == "Promoted" and rsc.next_role not in (None, "Promoted", "Stopped")
            and rsc.assigned is not None and rsc.running_on == [rsc.assigned])


def _can_unfence(ws: WorkingSet, uname: str) -> bool:
    node = ws.nodes[uname]
    return node.online and not node.unclean and not node.shutdown


def no_migration_from_unfenced(ws: WorkingSet, graph) -> None:
    """A resource that needs unfencing stops on its node before that node is unfenced (StopRsc
    orders the stop before the `on` fencing, implies_first), and a required fencing action is no
    migration: a migration away from a node being unfenced becomes a stop and a start, "due to
    unrunnable stonith" (migrate-fencing with requires=unfencing and its source not yet unfenced).
    A node being unfenced as the target changes nothing (the start is ordered after it)."""
    for rsc_id, stops in graph.stops.items():
        for stop in stops:
            if stop.migrating and stop.node in graph.unfencing and stop.rsc is not None \
                    and needs_unfencing(ws, stop.rsc):
                migration.cancel(graph, stop.rsc, "unrunnable stonith")
                break


def restart_after_unfencing(ws: WorkingSet, graph) -> None:
    """What needs unfencing and runs on a node being unfenced starts again after it (the
    unfencing is ordered before its start, implies_then_on_node: pcmk__order_restart_vs_unfence,
    also for a promoted instance demoted in place, which does not itself ask for the unfencing):
    "due to required stonith"."""
    for start in graph.starts.values():
        if start.node in graph.unfencing and start.optional and start.runnable and start.placed \
                and start.rsc is not None and needs_unfencing(ws, start.rsc) and start.rsc.managed:
            start.optional = False
            start.reason = start.reason or "required stonith"
