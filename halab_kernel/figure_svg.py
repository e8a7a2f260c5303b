"""A plotly figure of horizontal bars (the failover timeline) drawn as a static SVG picture.

The live timeline is plotly's JSON, drawn by plotly.js in JupyterLab. A page
that must read without JavaScript (the reader edition) gets the same
figure as SVG: rows of bars placed by `base` and `x`, their labels inside,
the dotted fault lines (`layout.shapes`) and their captions
(`layout.annotations`), a time axis with round ticks. Only what
`halab_widgets.timeline.timeline_figure` uses is drawn; other trace types
are not pictures this module knows, and `figure_svg` says so by returning None.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

WIDTH = 900
ROW_GAP = 0.2  # of a row's height, left empty between bars


def figure_svg(figure: dict[str, Any], width: int = WIDTH) -> str | None:
    """The figure as an SVG document, or None when it holds something other than horizontal bars."""
    traces = figure.get("data", [])
    if not traces or any(trace.get("type") != "bar" or trace.get("orientation") != "h" for trace in traces):
        return None
    layout = figure.get("layout", {})
    margin = {"l": 150, "r": 20, "t": 30, "b": 40, **layout.get("margin", {})}
    rows = _rows(traces, layout)
    height = int(layout.get("height", 80 + 22 * len(rows)))
    left, right, top, bottom = margin["l"], width - margin["r"], margin["t"], height - margin["b"]
    low, high = _x_range(traces, layout)
    row_height = (bottom - top) / max(len(rows), 1)

    def x_at(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    def y_of(row: str) -> float:  # top of the row's band; plotly lists categories bottom-up
        return top + (len(rows) - 1 - rows.index(row)) * row_height

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="halab-timeline" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
             f'fill="{escape(str(layout.get("plot_bgcolor", "#fafbfc")))}"/>']
    for row in rows:
        parts.append(f'<text x="{left - 6}" y="{y_of(row) + row_height / 2 + 4:.1f}" text-anchor="end" '
                     f'fill="#555">{escape(row)}</text>')
    for trace in traces:
        colour = escape(str(trace.get("marker", {}).get("color", "#3f8fd2")))
        for row, start, length, label in zip(trace.get("y", []), trace.get("base", []), trace.get("x", []),
                                             trace.get("text", []) or [""] * len(trace.get("y", []))):
            begin, end = x_at(max(start, low)), x_at(min(start + length, high))
            if end <= begin or row not in rows:
                continue
            y = y_of(row) + row_height * ROW_GAP / 2
            parts.append(f'<rect x="{begin:.1f}" y="{y:.1f}" width="{end - begin:.1f}" '
                         f'height="{row_height * (1 - ROW_GAP):.1f}" fill="{colour}"><title>{escape(str(label))}'
                         f'</title></rect>')
            if label and (end - begin) > 6.5 * len(str(label)):
                parts.append(f'<text x="{begin + 3:.1f}" y="{y + row_height * (1 - ROW_GAP) / 2 + 4:.1f}" '
                             f'fill="white">{escape(str(label))}</text>')
    parts += _axis(low, high, x_at, bottom, layout)
    for shape in layout.get("shapes", []):
        if shape.get("type") == "line" and low <= shape.get("x0", low - 1) <= high:
            line = shape.get("line", {})
            parts.append(f'<line x1="{x_at(shape["x0"]):.1f}" y1="{top}" x2="{x_at(shape["x0"]):.1f}" y2="{bottom}" '
                         f'stroke="{escape(str(line.get("color", "#d9534f")))}" stroke-width="{line.get("width", 2)}" '
                         f'stroke-dasharray="2,3"/>')
    for note in layout.get("annotations", []):
        if low <= note.get("x", low - 1) <= high:
            colour = escape(str(note.get("font", {}).get("color", "#d9534f")))
            parts.append(f'<text x="{x_at(note["x"]):.1f}" y="{top - 4}" text-anchor="middle" fill="{colour}">'
                         f'{escape(str(note.get("text", "")))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rows(traces: list[dict[str, Any]], layout: dict[str, Any]) -> list[str]:
    """Category rows, bottom-up as plotly orders them."""
    ordered = list(layout.get("yaxis", {}).get("categoryarray", []))
    for trace in traces:
        ordered += [row for row in trace.get("y", []) if row not in ordered]
    return ordered


def _x_range(traces: list[dict[str, Any]], layout: dict[str, Any]) -> tuple[float, float]:
    shown = layout.get("xaxis", {}).get("range")
    if shown and shown[1] > shown[0]:
        return float(shown[0]), float(shown[1])
    ends = [start + length for trace in traces for start, length in zip(trace.get("base", []), trace.get("x", []))]
    return 0.0, max(ends + [1.0])


def _axis(low: float, high: float, x_at: Any, bottom: float, layout: dict[str, Any]) -> list[str]:
    """Round ticks (1, 2 or 5 times a power of ten) under the plot, and the axis title."""
    raw = (high - low) / 6
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)
    parts = []
    tick = math.ceil(low / step) * step
    while tick <= high + 1e-9:
        x = x_at(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="#888"/>'
                     f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#555">{tick:g}</text>')
        tick += step
    title = layout.get("xaxis", {}).get("title", {})
    title_text = title.get("text", "") if isinstance(title, dict) else str(title)
    if title_text:
        parts.append(f'<text x="{(x_at(low) + x_at(high)) / 2:.1f}" y="{bottom + 32}" text-anchor="middle" '
                     f'fill="#555">{escape(title_text)}</text>')
    return parts
