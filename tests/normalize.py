"""Normalising real and simulated tool output so they compare line for line.

What legitimately differs between a capture and the simulator: wall-clock
dates, IP addresses, ring ids that depend on a cluster's whole history, and
Pacemaker's build hash. Everything else must be identical.
"""

from __future__ import annotations

import re

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(Date:\s+).*$", re.M), r"\1<DATE>"),
    (re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d+ "
                r"\d\d:\d\d:\d\d \d{4}\b"), "<DATE>"),
    (re.compile(r"\b\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?Z?\b"), "<DATE>"),
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b"), "<ADDR>"),
    (re.compile(r"^(Ring ID:\s+)[0-9a-f]+\.[0-9a-f]+$", re.M), r"\1<RING>"),
]


def normalize(text: str, *, ring_ids: bool = True) -> str:
    for pattern, replacement in _RULES:
        if not ring_ids and "Ring ID" in pattern.pattern:
            continue
        text = pattern.sub(replacement, text)
    return text
