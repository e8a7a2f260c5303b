"""Pacemaker's value parsers, once: durations, booleans, scores and the epoch.

Every part of halab that reads a value out of a CIB or a command line (the CIB
model, the scheduler, the controller, pcs, the magics and `Lab`) reads it here,
so "10sec", "y" or "+INFINITY" mean the same thing everywhere, as they do in
Pacemaker, which parses them once in libcrmcommon:

- `msec` is `crm_get_msec`: a number then a unit matched by its first letters
  (ms/msec, us/usec, s/sec, m/min, h/hr; none means seconds), the fraction
  dropped; anything else is invalid.
- `interval_ms` is `crm_parse_interval_spec`: ISO 8601 ("PT10S", "P1D") when it
  starts with P, else `crm_get_msec`; 0 when invalid.
- `is_true` is `crm_is_true` (true/on/yes/y/1, any case); `boolean` is
  `crm_str_to_boolean`, which also knows the false words.
- `char2score` is Pacemaker's `char2score`: (+/-)INFINITY, integers clipped to
  +/-1000000, anything unreadable 0.

`duration_seconds` is the one parser for durations a student types (`%advance
2.5s`, `lab.advance("500ms")`): the same unit words, fractions kept, and a
clear refusal of what would never finish.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
import re

INFINITY_SCORE = 1_000_000
EPOCH_SECONDS = 1_767_603_600  # the simulator's time 0 as a Unix time: Mon Jan 5 09:00:00 2026 UTC
LONGEST_STEP_SECONDS = 7 * 86_400.0  # one call may let at most a week of virtual time pass

TRUE_WORDS = ("true", "on", "yes", "y", "1")
FALSE_WORDS = ("false", "off", "no", "n", "0")

# (unit prefix, milliseconds per unit) in crm_get_msec's order: "ms" before "m", "us" before "s"
_UNITS = (("ms", 1.0), ("us", 0.001), ("s", 1000.0), ("m", 60_000.0), ("h", 3_600_000.0))
_NUMBER = re.compile(r"\s*([0-9.]+)\s*(.*)", re.DOTALL)
_ISO_DATE = {"Y": 365 * 86_400, "M": 30 * 86_400, "W": 7 * 86_400, "D": 86_400}
_ISO_TIME = {"H": 3_600, "M": 60, "S": 1}
_ISO = re.compile(r"P(?:\d+[YMWDHS])*(?:T(?:\d+[HMS])*)?")


def _split(text: str) -> tuple[str, float] | None:
    """The number and the milliseconds per unit of "10sec", "1min", "500 ms", "20"; None if invalid."""
    match = _NUMBER.fullmatch(text)
    if not match:
        return None
    number, unit = match.group(1), match.group(2).rstrip("\r\n").lower()
    if not unit:
        return number, 1000.0
    for prefix, factor in _UNITS:
        if unit.startswith(prefix):
            return number, factor
    return None


def msec(text: str | None) -> int | None:
    """`crm_get_msec`: milliseconds of "10s", "10sec", "1min", "500ms", "2h", "20"; None when invalid."""
    if text is None:
        return None
    found = _split(text)
    if found is None:
        return None
    whole = found[0].split(".", 1)[0]
    if not whole:
        return None
    return int(int(whole) * found[1])


def iso8601_seconds(text: str) -> int | None:
    """An ISO 8601 duration ("PT10S", "P1DT2H", "P2W", and "P30S" as Pacemaker also reads it) in
    seconds, as crm_time_parse_duration reads it: M is months before the T, minutes after it."""
    stripped = text.strip().upper()
    if not _ISO.fullmatch(stripped) or stripped in ("P", "PT"):
        return None
    date, _, time_part = stripped[1:].partition("T")
    total = 0
    for part, units in ((date, {**_ISO_TIME, **_ISO_DATE}), (time_part, _ISO_TIME)):
        for number, unit in re.findall(r"(\d+)([A-Z])", part):
            total += int(number) * units[unit]
    return total


def interval_ms(text: str | None) -> int:
    """`crm_parse_interval_spec`: an operation interval or a meta-attribute duration in milliseconds
    (ISO 8601 when it starts with P); 0 for nothing or anything unreadable."""
    if not text:
        return 0
    stripped = text.strip()
    if stripped[:1] in ("P", "p"):
        seconds = iso8601_seconds(stripped)
        return 0 if seconds is None else seconds * 1000
    return msec(stripped) or 0


def seconds(text: str | None, default: float) -> float:
    """A CIB duration (timeouts, delays, intervals, cluster options) in seconds; `default` when
    absent or unreadable, as Pacemaker falls back to an option's default."""
    if text is None or not text.strip():
        return default
    stripped = text.strip()
    if stripped[:1] in ("P", "p"):
        found = iso8601_seconds(stripped)
        return default if found is None else float(found)
    value = msec(stripped)
    return default if value is None else value / 1000


def boolean(text: str | None) -> bool | None:
    """`crm_str_to_boolean`: True or False for Pacemaker's words, None for anything else."""
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    return None


def is_true(text: str | None, default: bool = False) -> bool:
    """`crm_is_true`, with a default for an absent value (Pacemaker's option defaults)."""
    if text is None:
        return default
    return boolean(text) is True


def char2score(text: str | None) -> int:
    """Pacemaker's `char2score`: "INFINITY"/"+INFINITY", "-INFINITY", an integer (clipped to
    +/-1000000); red/yellow/green and anything unreadable are 0."""
    if text is None:
        return 0
    lowered = text.strip().lower()
    if lowered in ("infinity", "+infinity"):
        return INFINITY_SCORE
    if lowered == "-infinity":
        return -INFINITY_SCORE
    match = re.match(r"[+-]?\d+", lowered)
    if not match:
        return 0
    return max(-INFINITY_SCORE, min(INFINITY_SCORE, int(match.group(0))))


def unix_time(now: float) -> int:
    """The Unix time of a simulated moment (`now` seconds after the lab started), as the CIB stamps it."""
    return EPOCH_SECONDS + int(now)


def duration_seconds(value: object) -> float:
    """Seconds of a duration a person typed: 30, 2.5, "30s", "500ms", "2min", "1h", "PT1M".

    ValueError (with the reason) for what is not a finite, non-negative duration of at most a week:
    advancing a simulated clock by `inf` or 1e300 seconds would never return."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"not a duration: {value!r} (try 30, '30s', '500ms', '2m')")
    if isinstance(value, str):
        stripped = value.strip()
        if stripped[:1] in ("P", "p"):
            iso = iso8601_seconds(stripped)
            if iso is None:
                raise ValueError(f"not a duration: {value!r} (try 30, '30s', '500ms', '2m')")
            found = float(iso)
        else:
            split = _split(stripped)
            if split is None or split[0].count(".") > 1 or split[0] == ".":
                raise ValueError(f"not a duration: {value!r} (try 30, '30s', '500ms', '2m')")
            found = float(split[0]) * split[1] / 1000
    else:
        found = float(value)
    if math.isnan(found) or found < 0:
        raise ValueError(f"a duration must be a number of seconds, 0 or more: {value!r}")
    if found > LONGEST_STEP_SECONDS:
        raise ValueError(f"{value!r} is longer than a week of virtual time at once; advance in smaller steps")
    return found


def wall_clock(now: float) -> datetime:
    """The UTC date and time of a simulated moment (`now` seconds after the lab started)."""
    return datetime.fromtimestamp(unix_time(now), tz=timezone.utc)


def readable_interval(ms: int) -> str:
    """pcmk__readable_interval (2.1.5), whose units take only what exceeds them: 10s, 1m35.134s,
    30.160s, 1000ms, 60s, 1ms, 0s."""
    text = ""
    for unit, size in (("d", 86_400_000), ("h", 3_600_000), ("m", 60_000)):
        if ms > size:
            text += f"{ms // size}{unit}"
            ms %= size
    if ms > 1000:
        return text + f"{ms // 1000}" + (f".{ms % 1000:03d}" if ms % 1000 else "") + "s"
    if ms > 0:
        return text + f"{ms}ms"
    return text or "0s"
