"""rsc-pattern: which resources a pattern location places, as 2.1.5's unpack_simple_location decides.

The pattern is a POSIX extended regular expression (glibc's regcomp with REG_EXTENDED), searched
anywhere in each top-level resource's id (regexec, not anchored); a leading `!` places the
resources it does not match; a pattern that does not compile voids the constraint ("Ignoring
constraint ... because rsc-pattern has invalid value"). Python's `re` reads most of ERE the same
way; bracket classes such as `[:alpha:]` are translated, and what the two read differently
(Python-only groups and lazy quantifiers, escapes other than glibc's \\w \\W \\s \\S \\b \\B and
escaped punctuation) is refused by the scheduler's honesty gate (unmodelled.py) rather than guessed.
"""

from __future__ import annotations

import re
import string
from typing import Optional

_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": r" \t\n\r\f\v", "blank": r" \t", "xdigit": "0-9A-Fa-f",
    "punct": re.escape(string.punctuation), "word": "a-zA-Z0-9_",
}
_CLASS = re.compile(r"\[:(\w+):\]")
_PORTABLE_ESCAPE = re.compile(r"\\([wWsSbB]|[^A-Za-z0-9])")
_PYTHON_ONLY = re.compile(r"\(\?|[*+?}]\?")


def readable_alike(pattern: str) -> bool:
    """True when Python's re reads `pattern` as glibc's ERE does (else the scheduler refuses it)."""
    body = pattern[1:] if pattern.startswith("!") else pattern
    without_escapes = _PORTABLE_ESCAPE.sub("", body)
    if "\\" in without_escapes or _PYTHON_ONLY.search(body):
        return False
    return all(name in _CLASSES for name in _CLASS.findall(body))


def matcher(pattern: str) -> Optional[tuple[re.Pattern, bool]]:
    """(compiled, inverted), or None when the pattern does not compile (the constraint is ignored)."""
    inverted = pattern.startswith("!")
    body = pattern[1:] if inverted else pattern
    translated = _CLASS.sub(lambda m: _CLASSES.get(m.group(1), m.group(0)), body)
    try:
        return re.compile(translated), inverted
    except re.error:
        return None


def placed_by(pattern: str, resource_ids: list[str]) -> list[str]:
    """The ids of `resource_ids` (top-level resources) that the pattern location places."""
    found = matcher(pattern)
    if found is None:
        return []
    compiled, inverted = found
    return [rsc_id for rsc_id in resource_ids if (compiled.search(rsc_id) is None) == inverted]
