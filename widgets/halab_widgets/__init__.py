"""Live pictures of a cluster: ring, quorum, placement, timeline, events, controls.

`dashboard(lab)` composes them all; each picture is also usable alone and
draws from `ClusterState` and events only. Imports are lazy: ipywidgets and
pandas load when a picture is first made, not when this package is imported.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "dashboard": "halab_widgets.board",
    "snapshot": "halab_widgets.board",
    "Dashboard": "halab_widgets.board",
    "Snapshot": "halab_widgets.board",
    "MembershipRing": "halab_widgets.ring",
    "ring_svg": "halab_widgets.ring",
    "QuorumGauge": "halab_widgets.quorum",
    "quorum_svg": "halab_widgets.quorum",
    "PlacementTable": "halab_widgets.placement",
    "placement_html": "halab_widgets.placement",
    "FailoverTimeline": "halab_widgets.timeline",
    "timeline_figure": "halab_widgets.timeline",
    "History": "halab_kernel.history",
    "EventLog": "halab_widgets.eventlog",
    "Controls": "halab_widgets.controls",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'halab_widgets' has no attribute {name!r}")
