"""Colours and small HTML helpers shared by every picture.

One palette for the ring, the gauge, the table and the timeline, so that
"red" means the same thing everywhere a student looks.
"""

from __future__ import annotations

from html import escape

FENCED = "fenced"  # not a Pacemaker node state: drawn when a node was fenced and has not rejoined

STATUS_COLOURS: dict[str, str] = {
    "online": "#2e9e5b",
    "offline": "#9aa5b1",
    "unclean": "#d9534f",
    "standby": "#f0ad4e",
    "maintenance": "#3f8fd2",
    "pending": "#c9ced6",
    FENCED: "#7b4fc9",
}

ROLE_COLOURS: dict[str, str] = {
    "Started": "#2e9e5b",
    "Promoted": "#c59a16",
    "Unpromoted": "#6cb38a",
    "Starting": "#8fd1a8",
    "Stopping": "#f0ad4e",
    "Failed": "#d9534f",
    "Stopped": "#9aa5b1",
}

# A distinct halo per partition (first partition first): groups nodes that share a ring.
PARTITION_COLOURS = ("#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2")

QUORATE = "#2e9e5b"
NOT_QUORATE = "#d9534f"
MUTED = "#5b6b7f"
FONT = "font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, STATUS_COLOURS["pending"])


def role_colour(role: str) -> str:
    return ROLE_COLOURS.get(role, MUTED)


def text(value: object) -> str:
    """Escape anything for HTML/SVG text and attributes."""
    return escape(str(value), quote=True)
