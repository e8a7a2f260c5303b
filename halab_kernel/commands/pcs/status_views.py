"""`pcs resource status`, `pcs stonith status`, `pcs status resources`: crm_mon's resource list
(`crm_mon --one-shot --inactive [--resource R]`) as pcs 0.11.5 selects from it.

The views come from the scheduler's reading of a CIB: the lab's on a running cluster, the file's
with `-f` (real pcs runs crm_mon with CIB_file then). Without an id, `resource status` lists every
resource but the fence devices and `stonith status` only those (then the fencing levels); with an
id, crm_mon's --resource picks it: a top-level resource, a clone by its cloned resource's id, or a
group member under its group's heading.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from lxml import etree

from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError
from halab_kernel.commands.pcs.levels import level_lines
from halab_kernel.commands.pcs.options import Modifiers


def _is_fence_device(view) -> bool:
    return view.kind == "primitive" and view.status is not None and view.status.agent.startswith("stonith:")


def _picked(views: tuple, wanted: str) -> Optional[tuple]:
    """crm_mon --resource WANTED, or None when nothing has that id."""
    for view in views:
        if view.id == wanted or (view.kind == "clone" and view.child_id == wanted):
            return (view,)
        if view.kind == "group":
            members = tuple(child for child in view.children if child.id == wanted)
            if members:
                return (replace(view, children=members),)
    return None


def file_views(cib: etree._Element) -> tuple:
    """The resources of a CIB file as crm_mon reads them (its status section: where they run)."""
    from halab_kernel.sim.pacemaker.cib import CibError
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler.schedule import schedule
    from halab_kernel.sim.pacemaker.scheduler.unmodelled import refusal, refused_before_scheduling

    features = refused_before_scheduling(cib)
    if features:
        raise PcsError(f"Error: {refusal(features)}")
    try:
        return schedule(cib_from_element(cib)).before
    except CibError as error:
        raise PcsError(f"Error: {error}") from error


def show(lib: PcsLib, views: tuple, argv: list[str], modifiers: Modifiers, *, stonith: bool) -> None:
    """Print the selection; `views` as the scheduler reads the cluster (or the file)."""
    from halab_kernel.commands.crm_mon import is_active, top_level
    from halab_kernel.sim.pacemaker.scheduler.render import render_resources

    modifiers.ensure_only("-f", "--hide-inactive")
    if len(argv) > 1:
        raise PcsError(f"Error: missing value of '{argv[1]}' option")
    inactive = not modifiers.has("--hide-inactive")
    if argv:
        chosen = _picked(views, argv[0])
        if chosen is None and inactive:  # pcs looks the id up only for the --inactive listing
            raise PcsError(f"Error: resource or tag id '{argv[0]}' not found")
    else:
        chosen = tuple(view for view in views if _is_fence_device(view) == stonith)
    if not inactive:  # crm_mon without --inactive, with its own word for an empty list
        shown = tuple(view for view in chosen or () if is_active(view))
        lines = top_level(render_resources(shown, show_stopped=False))[1:] if shown else ["No active resources"]
    elif chosen:
        lines = top_level(render_resources(chosen))[1:]
    else:
        lines = ["NO stonith devices configured" if stonith else "NO resources configured"]
    for line in lines:
        lib.reporter.out(line)
    levels = level_lines(lib.cib) if stonith and not argv else []
    if levels:
        lib.reporter.out("")
        lib.reporter.out("Fencing Levels:")
        for line in levels:
            lib.reporter.out(f" {line}")
