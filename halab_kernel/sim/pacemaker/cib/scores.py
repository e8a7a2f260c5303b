"""Pacemaker score arithmetic: integers clipped to +/-INFINITY, where -INFINITY wins.

Pacemaker Explained, "Infinity Math": INFINITY + -INFINITY = -INFINITY, and any
finite sum is clipped to the range [-INFINITY, INFINITY].
"""

from __future__ import annotations

from .model import INFINITY


class ScoreError(ValueError):
    """A score string that is neither an integer nor (+/-)INFINITY."""


def parse_score(text: str | None, default: int = 0) -> int:
    """`"INFINITY"`, `"+INFINITY"`, `"-inf"`, `"100"` -> int (clipped)."""
    if text is None:
        return default
    value = text.strip()
    lowered = value.lower()
    if lowered in ("infinity", "+infinity", "inf", "+inf"):
        return INFINITY
    if lowered in ("-infinity", "-inf"):
        return -INFINITY
    if lowered in ("red", "yellow", "green"):
        return default
    try:
        number = int(value)
    except ValueError:
        try:
            number = int(float(value))
        except ValueError as error:
            raise ScoreError(f"invalid score '{text}'") from error
    return clip(number)


def clip(value: int) -> int:
    return max(-INFINITY, min(INFINITY, value))


def add_scores(first: int, second: int) -> int:
    """Pacemaker's pcmk__add_scores: -INFINITY dominates, then +INFINITY."""
    if first <= -INFINITY or second <= -INFINITY:
        return -INFINITY
    if first >= INFINITY or second >= INFINITY:
        return INFINITY
    return clip(first + second)


def score_text(value: int) -> str:
    """How crm_simulate prints a score: INFINITY, -INFINITY or the integer."""
    if value >= INFINITY:
        return "INFINITY"
    if value <= -INFINITY:
        return "-INFINITY"
    return str(value)
