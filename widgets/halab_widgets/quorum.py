"""The quorum gauge: per partition, the votes it holds against the votes it needs.

Each partition gets one bar as long as the expected votes, filled up to the
votes present, with a mark at the quorum threshold: a partition is quorate
exactly when the fill reaches the mark. Below, the votequorum flags that
change that arithmetic (two_node, wait_for_all, last_man_standing,
auto_tie_breaker, qdevice) are shown lit or dim, as the nodes report them.
"""

from __future__ import annotations

from halab_kernel.model import ClusterState, Partition

from halab_widgets.palette import FONT, MUTED, NOT_QUORATE, PARTITION_COLOURS, QUORATE, text

WIDTH = 380
BAR = 230
ROW = 58

# (label on the chip, the word corosync-quorumtool prints in "Flags:")
FLAGS = (
    ("two_node", "2Node"),
    ("wait_for_all", "WaitForAll"),
    ("LMS", "LastManStanding"),
    ("ATB", "AutoTieBreaker"),
    ("qdevice", "Qdevice"),
)


def active_flags(state: ClusterState) -> set[str]:
    """Quorum flags any node reports (they are cluster-wide options)."""
    words = {flag for partition in state.partitions for flag in partition.flags}
    words |= {flag for view in state.views.values() for flag in view.flags}
    if any(view.qdevice_present for view in state.views.values()):
        words.add("Qdevice")
    return {label for label, word in FLAGS if word in words}


def quorum_svg(state: ClusterState) -> str:
    rows = list(state.partitions)
    down = [node.name for node in state.nodes if state.partition_of(node.name) is None]
    height = 28 + ROW * max(len(rows), 1) + (18 if down else 0) + 34
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="halab-quorum" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" style="{FONT}; font-size: 12px">',
        '<text x="4" y="16" font-weight="bold" fill="#222">Quorum</text>',
    ]
    if not rows:
        out.append(f'<text x="4" y="48" fill="{MUTED}">no membership yet: corosync is not running anywhere</text>')
    for i, partition in enumerate(rows):
        out.append(_partition_row(partition, i, 28 + ROW * i))
    y = 28 + ROW * max(len(rows), 1)
    if down:
        out.append(f'<text x="4" y="{y + 12}" fill="{MUTED}">not in any membership: {text(" ".join(down))}</text>')
        y += 18
    lit = active_flags(state)
    x = 4
    for label, _ in FLAGS:
        on = label in lit
        width = 9 + 7 * len(label)
        out.append(
            f'<g class="halab-flag" data-flag="{label}" data-on="{int(on)}"><rect x="{x}" y="{y + 8}" width="{width}" height="18" rx="9" '
            f'fill="{"#3f8fd2" if on else "#eef0f3"}"/><text x="{x + width / 2}" y="{y + 21}" text-anchor="middle" '
            f'fill="{"#fff" if on else "#9aa5b1"}" font-size="11">{label}</text></g>'
        )
        x += width + 6
    out.append("</svg>")
    return "".join(out)


def _partition_row(partition: Partition, index: int, y: float) -> str:
    expected = max(partition.expected_votes, partition.total_votes, partition.quorum, 1)
    scale = BAR / expected
    colour = QUORATE if partition.quorate else NOT_QUORATE
    halo = PARTITION_COLOURS[index % len(PARTITION_COLOURS)]
    verdict = "quorate" if partition.quorate else "NOT quorate"
    dc = f" · DC {partition.dc}" if partition.dc else ""
    mark = 4 + partition.quorum * scale
    return (
        f'<g class="halab-partition" data-members="{text(" ".join(partition.members))}" data-quorate="{int(partition.quorate)}" '
        f'data-votes="{partition.total_votes}" data-quorum="{partition.quorum}" data-expected="{partition.expected_votes}">'
        f'<rect x="0" y="{y}" width="3" height="{ROW - 12}" fill="{halo}"/>'
        f'<text x="8" y="{y + 12}" fill="#222">{text(" ".join(partition.members))}{text(dc)}</text>'
        f'<rect x="4" y="{y + 18}" width="{BAR}" height="16" rx="3" fill="#eef0f3"/>'
        f'<rect class="halab-votes" x="4" y="{y + 18}" width="{partition.total_votes * scale:.1f}" height="16" rx="3" fill="{colour}"/>'
        f'<line x1="{mark:.1f}" x2="{mark:.1f}" y1="{y + 14}" y2="{y + 38}" stroke="#222" stroke-width="2"/>'
        f'<text x="{BAR + 12}" y="{y + 31}" fill="{colour}" font-weight="bold">{verdict}</text>'
        f'<text x="8" y="{y + 50}" fill="{MUTED}" font-size="11">{partition.total_votes} votes present · quorum {partition.quorum} · '
        f"expected {partition.expected_votes}</text></g>"
    )


class QuorumGauge:
    """The gauge as a live widget (`ipywidgets.HTML`); `partitions` mirrors what is drawn."""

    def __init__(self) -> None:
        import ipywidgets

        self.widget = ipywidgets.HTML()
        self.widget.add_class("halab-quorum-widget")
        self.partitions: list[dict[str, object]] = []

    def update(self, state: ClusterState) -> None:
        self.partitions = [
            {
                "members": p.members,
                "quorate": p.quorate,
                "votes": p.total_votes,
                "quorum": p.quorum,
                "expected": p.expected_votes,
            }
            for p in state.partitions
        ]
        self.widget.value = quorum_svg(state)
