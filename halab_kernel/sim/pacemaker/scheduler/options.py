"""Cluster options and resource meta-attributes with Pacemaker 2.1.5's defaults."""

from __future__ import annotations

from typing import Optional

from halab_kernel.values import is_true as is_true  # re-exported: unpack reads options.is_true

from ..cib.model import INFINITY
from ..cib.parse import interval_ms
from ..cib.scores import ScoreError, parse_score


def score_or(text: Optional[str], default: int) -> int:
    try:
        return parse_score(text, default)
    except ScoreError:
        return default


def seconds(text: Optional[str]) -> int:
    """failure-timeout and friends: a duration in seconds (`"60s"`, `"2min"`, `"10"`)."""
    return interval_ms(text) // 1000


def no_quorum_policy(properties: dict) -> str:
    value = (properties.get("no-quorum-policy") or "stop").lower()
    return value if value in ("stop", "freeze", "ignore", "demote", "suicide") else "stop"


def stonith_action(properties: dict) -> str:
    value = (properties.get("stonith-action") or "reboot").lower()
    return "off" if value == "poweroff" else value


def migration_threshold(meta: dict) -> int:
    value = meta.get("migration-threshold")
    return INFINITY if value is None else score_or(value, INFINITY)
