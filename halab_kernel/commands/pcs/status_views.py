"""`pcs resource status`, `pcs stonith status`, `pcs status resources`: crm_mon's resource list
(`crm_mon --one-shot --inactive [--resource R]`) as pcs 0.11.5 selects from it.

The views come from the scheduler's reading of a CIB: the lab's on a running cluster, the file's
with `-f` (real pcs runs crm_mon with CIB_file then; a file's bundles as bundle_status lists them).
Without an id, pcs keeps of crm_mon's whole list the lines that name a fence agent (`stonith status`,
then the fencing levels) or the others (`resource status`): a fence device in a group leaves the
group's heading to the resources, a cloned one is a resource. With an id, crm_mon's --resource picks
it: a top-level resource, a clone by its cloned resource's id, a group member under its group's
heading, a bundle's inner or implicit resource, or the resources a tag names. A stopped resource
whose probe failed masked (not installed) reads "Stopped (not installed) " as in crm_mon
(crm_mon.failed_probe_notes, crm_mon.noted).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Mapping, Optional

from lxml import etree

from halab_kernel.commands.pcs import status_on_node
from halab_kernel.commands.pcs.bundle_status import for_listing, in_order
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.levels import level_lines
from halab_kernel.commands.pcs.options import Modifiers


def _part(view, wanted: set[str]):
    """What crm_mon --resource lists of one top-level view for these ids, or None."""
    if view.id in wanted or (view.kind == "clone" and view.child_id in wanted):
        return view
    if view.kind == "bundle" and view.child_id in wanted:  # crm_mon lists the replicas then
        return replace(view, lines=view.child_lines)
    if view.kind == "bundle" and wanted & set(view.containers):
        return replace(view, lines=view.containers[min(wanted & set(view.containers))])
    if view.kind == "group":
        members = tuple(child for child in view.children if child.id in wanted)
        if members:
            return replace(view, children=members)
    return None


def _picked(views: tuple, wanted: str, cib: etree._Element) -> Optional[tuple]:
    """crm_mon --resource WANTED (a tag: the resources it names, in the configuration's order), or None
    when nothing has that id."""
    tag = cib.xpath("configuration/tags/tag[@id=$i]", i=wanted)
    ids = {ref.get("id", "") for ref in tag[0].iterfind("obj_ref")} if tag else {wanted}
    parts = tuple(part for part in (_part(view, ids) for view in views) if part is not None)
    return (parts if tag else parts[:1]) or None


@dataclass(frozen=True)
class Notes:
    """What crm_mon adds to a stopped resource's line: its failed probe's note, the node a shutdown lock holds
    it to (crm_mon.failed_probe_notes, crm_mon_status.shutdown_locks)."""

    probes: Mapping[str, str]
    locks: Mapping[str, str]


def scene_listing(scene) -> tuple[tuple, Notes]:
    """The top-level views of crm_mon's reading (a lab node's, or a file's) and their notes at its clock."""
    from halab_kernel.commands.crm_mon import failed_probe_notes
    from halab_kernel.commands.crm_mon_status import FailureClock, shutdown_locks

    reading = scene.reading
    clock = FailureClock(reading.cib, scene.now)
    return reading.before, Notes(failed_probe_notes(reading.cib, reading, clock), shutdown_locks(reading.cib, scene.now))


def file_views(cib: etree._Element, now: datetime | None) -> tuple[tuple, Notes]:
    """The resources of a CIB file as crm_mon reads it at `now` (crm_mon.file_scene: its status section, failures
    expired then), its bundles, never run, as bundle_status lists them."""
    from halab_kernel.commands.crm_mon import file_scene
    from halab_kernel.commands.crm_mon_gate import LISTING_CHECKS
    from halab_kernel.sim.pacemaker.scheduler.unmodelled import refusal, refused_before_scheduling

    scheduled, order = for_listing(cib)
    features = refused_before_scheduling(scheduled)
    if features:
        raise PcsError(f"Error: {refusal(features)}")
    unlisted = next((what for check, what in LISTING_CHECKS if check(scheduled)), None)
    scene = file_scene(scheduled, int(now.timestamp()) if now is not None else 0)
    if scene is None:
        unlisted = "this CIB's status (the scheduler refuses to read it)"
    if unlisted or scene is None:
        raise PcsError(f"Error: crm_mon: not simulated: {unlisted}; try it on real nodes: halab rig up")
    views, notes = scene_listing(scene)
    return in_order(views, order), notes


def _render(views: tuple, notes: Notes, show_stopped: bool = True) -> list[str]:
    """crm_mon's lines for the views (a stopped resource with its failed probe's note), a file's bundles
    (bundle_status) where they stand."""
    from halab_kernel.commands.crm_mon import noted, top_level
    from halab_kernel.commands.crm_mon_status import locked_lines
    from halab_kernel.sim.pacemaker.scheduler.render import render_resources

    lines: list[str] = []
    run: list = []
    for view in (*views, None):
        if view is not None and view.kind != "bundle":
            run.append(view)
            continue
        if run:
            listed = top_level(render_resources(tuple(run), show_stopped=show_stopped))[1:]
            lines += noted(locked_lines(listed, notes.locks), notes.probes)
            run = []
        if view is not None:
            lines += view.lines
    return lines


def _selection(argv: list[str], usage_command: str | None) -> tuple[list[str], str | None]:
    """pcs 0.11.5's resource_status arguments: at most two, the first without `=` the id, the others
    `node=NODE` (key=value, checked in that order); ([id] or [], node)."""
    if len(argv) > 2:
        error = UsageError()
        error.command = usage_command
        raise error
    rest = list(argv)
    chosen = next((word for word in rest if "=" not in word), None)
    if chosen is not None:
        rest.remove(chosen)
    for word in rest:
        if "=" not in word:
            raise PcsError(f"Error: missing value of '{word}' option")
    options = dict(word.split("=", 1) for word in rest)
    unknown = sorted(name for name in options if name != "node")
    if unknown:
        listed = "', '".join(unknown)
        raise PcsError(f"Error: Unknown option{'s' if len(unknown) > 1 else ''} '{listed}'")
    if options.get("node") == "":
        raise PcsError("Error: missing value of 'node' option")
    return ([chosen] if chosen is not None else []), options.get("node")


def show(lib: PcsLib, views: tuple, notes: Notes, argv: list[str], modifiers: Modifiers, *,
         stonith: bool, usage_command: str | None = None) -> None:
    """Print the selection; `views` as crm_mon reads the cluster (or the file), `notes` what it adds to
    their lines. `usage_command`: the usage pcs names for too many
    arguments (None: the router's)."""
    from halab_kernel.commands.crm_mon import is_active

    modifiers.ensure_only("-f", "--hide-inactive")
    levels = level_lines(lib.cib) if stonith and not argv else []  # pcs lists them only without arguments
    argv, node = _selection(argv, usage_command)
    shown_node = status_on_node.matcher(lib.cib, node) if node is not None else None
    inactive = not modifiers.has("--hide-inactive")
    if shown_node is not None:  # crm_mon --node judges a top-level resource whole, then --resource picks
        views = status_on_node.on_node(views, shown_node)
    if argv:
        chosen = _picked(views, argv[0], lib.cib)
        if chosen is None and inactive and node is None:  # pcs looks the id up only for the --inactive listing
            raise PcsError(f"Error: resource or tag id '{argv[0]}' not found")
    else:
        chosen = views
    if node is not None and not (chosen if inactive else [view for view in chosen or () if is_active(view)]):
        lib.reporter.out("No active resources")  # pcs's word for crm_mon --node's empty list
        return
    if not inactive:  # crm_mon without --inactive, with its own word for an empty list
        shown = tuple(view for view in chosen or () if is_active(view))
        listed = _render(shown, notes, show_stopped=False) if shown else []
    else:
        listed = _render(chosen, notes) if chosen else []
    # pcs keeps, of crm_mon's whole list, the lines that name a fence agent (stonith) or the others
    lines = listed if argv else [line for line in listed if ("stonith:" in line) == stonith]
    if not listed and not inactive:
        lines = ["No active resources"]
    elif not lines:
        lines = ["NO stonith devices configured" if stonith else "NO resources configured"]
    for line in lines:
        lib.reporter.out(line)
    if levels:
        lib.reporter.out("")
        lib.reporter.out("Fencing Levels:")
        for line in levels:
            lib.reporter.out(f" {line}")
