"""The membership ring: who is up, who sees whom, who is DC, what runs where.

Nodes sit around a circle, filled with their state's colour and haloed with
their partition's colour; a link joins two nodes that share a membership, and
a dashed red link marks a pair a partition (or a dead node) has cut apart.
Resources hang under their node as badges. The picture is an SVG string, so
the same function feeds the live widget and the static snapshot.
"""

from __future__ import annotations

import math
from typing import AbstractSet

from halab_kernel.model import ClusterState, Node

from halab_widgets.palette import (
    FENCED,
    FONT,
    MUTED,
    PARTITION_COLOURS,
    role_colour,
    status_colour,
    text,
)

SIZE = 360  # the picture's width for up to 11 nodes; larger clusters get a larger ring
RADIUS = 115
NODE_RADIUS = 26
SPACING = 62  # arc length per node on larger rings, so neighbours never overlap


def ring_radius(count: int) -> float:
    return max(RADIUS, count * SPACING / (2 * math.pi))


def ring_size(count: int) -> float:
    return max(SIZE, 2 * ring_radius(count) + 130)


def node_status(node: Node, fenced: AbstractSet[str]) -> str:
    """The state to colour: fenced wins over offline/unclean until the node rejoins."""
    if node.name in fenced and node.status != "online":
        return FENCED
    if node.status == "online" and node.maintenance:
        return "maintenance"
    if node.status == "online" and node.standby:
        return "standby"
    return node.status


def _positions(names: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    count = max(len(names), 1)
    centre, radius = ring_size(count) / 2, ring_radius(count)
    return {
        name: (
            centre + radius * math.sin(2 * math.pi * i / count),
            centre - radius * math.cos(2 * math.pi * i / count),
        )
        for i, name in enumerate(names)
    }


def _partition_index(state: ClusterState) -> dict[str, int]:
    return {member: i for i, partition in enumerate(state.partitions) for member in partition.members}


def ring_svg(state: ClusterState, fenced: AbstractSet[str] = frozenset()) -> str:
    """The ring as a standalone SVG document (data-* attributes name what is drawn)."""
    names = state.node_names
    where = _positions(names)
    partition_of = _partition_index(state)
    by_node = _resources_by_node(state)
    size = ring_size(len(names))
    height = _height(where, by_node, size)
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="halab-ring" width="{size:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {size:.0f} {height:.0f}" style="{FONT}; font-size: 12px">'
    ]
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            (x1, y1), (x2, y2) = where[a], where[b]
            together = a in partition_of and partition_of.get(a) == partition_of.get(b)
            style = f'stroke="{MUTED}" stroke-width="2"' if together else 'stroke="#d9534f" stroke-width="1.5" stroke-dasharray="5 5"'
            parts.append(
                f'<line class="halab-link" data-a="{text(a)}" data-b="{text(b)}" data-cut="{0 if together else 1}" '
                f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style} opacity="0.8"/>'
            )
    for node in state.nodes:
        parts.append(_node_svg(state, node, where[node.name], partition_of.get(node.name), fenced, by_node.get(node.name, [])))
    parts.append(_caption(state, size, height))
    parts.append("</svg>")
    return "".join(parts)


def _resources_by_node(state: ClusterState) -> dict[str, list[tuple[str, str]]]:
    result: dict[str, list[tuple[str, str]]] = {}
    for rsc in state.resources:
        if rsc.kind in ("group", "clone", "bundle"):
            continue  # their members are drawn; the container is a name, not a process
        for name in rsc.nodes:
            result.setdefault(name, []).append((rsc.id, rsc.role))
    return result


def _node_svg(
    state: ClusterState,
    node: Node,
    at: tuple[float, float],
    partition: int | None,
    fenced: AbstractSet[str],
    resources: list[tuple[str, str]],
) -> str:
    x, y = at
    status = node_status(node, fenced)
    is_dc = state.dc == node.name
    out = [
        f'<g class="halab-node" data-node="{text(node.name)}" data-status="{status}" '
        f'data-partition="{"" if partition is None else partition}" data-dc="{int(is_dc)}">',
        f"<title>{text(node.name)}: {status}, {node.votes} vote(s)</title>",
    ]
    if partition is not None:
        halo = PARTITION_COLOURS[partition % len(PARTITION_COLOURS)]
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS + 6}" fill="none" stroke="{halo}" stroke-width="4"/>')
    out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS}" fill="{status_colour(status)}" stroke="#ffffff" stroke-width="2"/>')
    out.append(f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" fill="#ffffff" font-weight="bold">{text(node.name)}</text>')
    out.append(f'<text x="{x:.1f}" y="{y - NODE_RADIUS - 10:.1f}" text-anchor="middle" fill="{MUTED}">{status}</text>')
    if is_dc:
        out.append(
            f'<g class="halab-dc"><rect x="{x + NODE_RADIUS - 8:.1f}" y="{y - NODE_RADIUS - 2:.1f}" width="24" height="15" rx="4" '
            f'fill="#222"/><text x="{x + NODE_RADIUS + 4:.1f}" y="{y - NODE_RADIUS + 9:.1f}" text-anchor="middle" '
            f'fill="#fff" font-size="10">DC</text></g>'
        )
    for i, (rsc_id, role) in enumerate(resources[:4]):
        by = y + NODE_RADIUS + 8 + i * 16
        label = rsc_id if len(rsc_id) <= 14 else rsc_id[:13] + "…"
        out.append(
            f'<g class="halab-badge" data-resource="{text(rsc_id)}" data-role="{text(role)}"><title>{text(rsc_id)}: {text(role)}</title>'
            f'<rect x="{x - 45:.1f}" y="{by:.1f}" width="90" height="14" rx="7" fill="{role_colour(role)}"/>'
            f'<text x="{x:.1f}" y="{by + 10.5:.1f}" text-anchor="middle" fill="#fff" font-size="10">{text(label)}</text></g>'
        )
    if len(resources) > 4:
        out.append(f'<text x="{x:.1f}" y="{y + NODE_RADIUS + 82:.1f}" text-anchor="middle" fill="{MUTED}" font-size="10">+{len(resources) - 4} more</text>')
    out.append("</g>")
    return "".join(out)


def _height(where: dict[str, tuple[float, float]], by_node: dict[str, list[tuple[str, str]]], size: float) -> float:
    """Tall enough for the lowest node, its badges (at most 4 and a "+N more") and the caption."""
    lowest = max(
        (y + NODE_RADIUS + 8 + 16 * min(len(by_node.get(name, [])), 4) + (14 if len(by_node.get(name, [])) > 4 else 0)
         for name, (_, y) in where.items()),
        default=size / 2,
    )
    return max(lowest, size / 2 + 40) + 24


def _caption(state: ClusterState, size: float, height: float) -> str:
    if not state.partitions:
        words = "no membership yet"
    elif len(state.partitions) == 1:
        words = "one membership"
    else:
        words = f"split into {len(state.partitions)} partitions"
    stopped = [rsc.id for rsc in state.resources if not rsc.nodes and rsc.kind == "primitive"]
    lines = [f'<text x="{size / 2}" y="{size / 2}" text-anchor="middle" fill="{MUTED}">{words}</text>']
    if stopped:
        shown = " ".join(stopped[:3]) + (" …" if len(stopped) > 3 else "")
        lines.append(f'<text x="{size / 2}" y="{size / 2 + 16}" text-anchor="middle" fill="#d9534f" font-size="11">stopped: {text(shown)}</text>')
    lines.append(f'<text x="6" y="{height - 6:.0f}" fill="{MUTED}" font-size="11">t = {state.time:.1f} s · {text(state.cluster_name)}</text>')
    return "".join(lines)


class MembershipRing:
    """The ring as a live widget: an `ipywidgets.HTML` whose value is the SVG.

    `status` mirrors what is drawn (node -> colour state) for checks and tests.
    """

    def __init__(self) -> None:
        import ipywidgets

        self.widget = ipywidgets.HTML(layout=ipywidgets.Layout(min_width=f"{SIZE}px"))
        self.widget.add_class("halab-ring-widget")
        self.status: dict[str, str] = {}

    def update(self, state: ClusterState, fenced: AbstractSet[str] = frozenset()) -> None:
        self.status = {node.name: node_status(node, fenced) for node in state.nodes}
        width = f"{ring_size(len(state.nodes)):.0f}px"
        if self.widget.layout.min_width != width:
            self.widget.layout.min_width = width
        self.widget.value = ring_svg(state, fenced)
