"""A note for verdicts on answers that write a duration with a decimal point.

Pacemaker reads durations with crm_get_msec, which takes the whole number in front of the unit and
drops what follows a decimal point: `failure-timeout=1.5min` is one minute to the cluster, `0.5min`
is 0 (no timeout at all). The simulator reads them the same way; a verdict on such an answer says so,
since the student's own arithmetic (90 s) is not what the cluster did. A duration written in milliseconds
or microseconds that comes to less than a second (`pcmk_delay_base=5ms`) gets a note too: the unit, not the
number, is what was meant otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from halab_kernel import values

DURATIONS = frozenset({"interval", "timeout", "failure-timeout", "pcmk_delay_base", "pcmk_delay_max",
                       "priority-fencing-delay", "cluster-recheck-interval", "dampen", "stonith-timeout",
                       "start-delay", "shutdown-escalation", "dc-deadtime", "election-timeout"})
_DECIMAL = re.compile(r"(?<![\w-])([\w-]+)=[\"']?(\d+\.\d+)(ms|msec|us|usec|s|sec|m|min|h|hr)?(?=[\"']?(\s|$))")
_SUBSECOND = re.compile(r"(?<![\w-])([\w-]+)=[\"']?(\d+)(ms|msec|us|usec)(?=[\"']?(\s|$))")


def _texts(answer: Any) -> list[str]:
    if isinstance(answer, str):
        return [answer]
    if isinstance(answer, (list, tuple)):
        return [item for item in answer if isinstance(item, str)]
    return []


def decimal_duration_note(answer: Any) -> str:
    """' (Pacemaker reads failure-timeout=1.5min as 60 s: ...)' for each decimal duration in the answer, or ''."""
    read = []
    for text in _texts(answer):
        for match in _DECIMAL.finditer(text):
            name, number, unit = match.group(1), match.group(2), match.group(3) or ""
            if name not in DURATIONS:
                continue
            milliseconds = values.msec(number + unit)
            if milliseconds is not None:
                read.append(f"{name}={number}{unit} as {milliseconds / 1000:g} s")
    tiny = []
    for text in _texts(answer):
        for match in _SUBSECOND.finditer(text):
            written = match.group(2) + match.group(3)
            milliseconds = values.msec(written)
            if match.group(1) in DURATIONS and milliseconds is not None and milliseconds < 1000:
                tiny.append(f"{match.group(1)}={written} is {milliseconds / 1000:g} s")
    notes = []
    if read:
        notes.append(f" (note: Pacemaker reads {', '.join(dict.fromkeys(read))}: a duration is a whole number of its "
                     "unit, what follows a decimal point is dropped; write 90s rather than 1.5min)")
    if tiny:
        notes.append(f" (note: {', '.join(dict.fromkeys(tiny))}: ms are milliseconds, us microseconds)")
    return "".join(notes)
