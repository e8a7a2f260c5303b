"""Pacemaker's ISO 8601 dates and durations, as pcs and crm_resource check and write them.

pcs asks pacemaker's `iso8601 -d` whether a rule's date is valid, and
`crm_resource --lifetime` adds an ISO 8601 duration to "now" and writes the
end as `2026-12-05 15:40:56Z`. Both are pure functions here; "now" comes from
the caller (the simulator's clock, or the wall clock for a CIB file).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

_CALENDAR = re.compile(r"^\s*(-?\d+)-(\d+)-(\d+)")
_WEEK = re.compile(r"^\s*(-?\d+)-W(\d+)-(\d+)")
_ORDINAL = re.compile(r"^\s*(-?\d+)-(\d+)")
_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(r"^(\d+)(?::(\d+))?(?::(\d+))?")


def _date_end(text: str) -> int | None:
    """Where a valid date part ends in `text` (pacemaker reads it with sscanf: lenient), else None."""
    for pattern in (_CALENDAR, _WEEK, _ORDINAL, _BASIC):
        match = pattern.match(text)
        if not match:
            continue
        year, first = int(match[1]), int(match[2])
        if pattern is _ORDINAL:
            valid = 1 <= first <= (366 if calendar.isleap(year) else 365)
        elif pattern is _WEEK:
            valid = 0 <= first <= date(max(year, 1), 12, 28).isocalendar()[1] and 1 <= int(match[3]) <= 7
        else:
            valid = 1 <= first <= 12 and 1 <= int(match[3]) <= calendar.monthrange(max(year, 1), first)[1]
        return match.end() if valid else None
    return None


def is_iso8601_date(text: str) -> bool:
    """What pacemaker's `iso8601 -d TEXT` accepts (calendar, week, ordinal or basic date, then a time;
    `now` in any case, alone)."""
    if text.lower() == "now":
        return True
    end = _date_end(text)
    if end is None:
        return False
    rest = text[end:]
    if not rest or rest[0] not in "T ":
        return True  # pacemaker ignores what follows the date unless a time is announced
    rest = rest[1:]
    if not rest:
        return True
    match = _TIME.match(rest)
    if not match:
        return False
    hour, minute, second = (int(g or 0) for g in match.groups())
    return hour <= 24 and minute <= 59 and second <= 59


def parse_date(text: str) -> datetime | None:
    """A rule's date as a UTC moment: calendar, week (`2025-W05-3`), ordinal (`2025-123`) or basic
    (`20250101`) dates with an optional time and `Z`; None if not understood (offsets included)."""
    if not is_iso8601_date(text):
        return None
    for pattern in (_CALENDAR, _WEEK, _ORDINAL, _BASIC):
        match = pattern.match(text)
        if match:
            break
    else:
        return None
    try:
        year = int(match[1])
        if pattern is _WEEK:
            day = date.fromisocalendar(year, int(match[2]), int(match[3]))
        elif pattern is _ORDINAL:
            day = date(year, 1, 1) + timedelta(days=int(match[2]) - 1)
        else:
            day = date(year, int(match[2]), int(match[3]))
    except ValueError:
        return None
    rest = text[match.end():]
    hour = minute = second = 0
    if rest[:1] in ("T", " ") and len(rest) > 1:
        clock = re.match(r"^(\d{2}):(\d{2})(?::(\d{2}))?", rest[1:])
        if not clock:
            return None
        hour, minute, second = (int(g or 0) for g in clock.groups())
        rest = rest[1 + clock.end():]
    if rest not in ("", "Z"):
        return None
    return datetime(day.year, day.month, day.day, min(hour, 23), minute, min(second, 59), tzinfo=timezone.utc)


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration: calendar part (years, months) and exact part (seconds)."""

    months: int
    seconds: int

    def after(self, moment: datetime) -> datetime:
        month_index = moment.month - 1 + self.months
        year, month = moment.year + month_index // 12, month_index % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        return moment.replace(year=year, month=month, day=day) + timedelta(seconds=self.seconds)


_AMOUNT = re.compile(r"\s*[+-]?\d+")


def parse_duration(text: str) -> Duration | None:
    """crm_time_parse_duration: after the `P` (crm_resource also takes `1D`), amounts with a unit, in any
    order, up to a `/` or a space: Y and M (months before a `T`, minutes after it) set, W, D, H and S
    add up (`P1H30M` is an hour and 30 months); an empty `PT` is nothing; None if invalid (a bare `P`,
    fractions, lower case, a number without unit)."""
    body = text[1:] if text.startswith("P") else text
    if not body or body[0].isspace():
        return None
    years = months = days = seconds = 0
    is_time, position = False, 0
    while position < len(body) and body[position] != "/" and not body[position].isspace():
        if body[position] == "T":
            is_time, position = True, position + 1
            continue
        amount = _AMOUNT.match(body, position)
        if amount is None or amount.end() >= len(body):
            return None
        number, unit, position = int(amount.group()), body[amount.end()], amount.end() + 1
        if unit == "Y":
            years = number
        elif unit == "M" and not is_time:
            months = number
        elif unit in "MWDHS":
            days += {"W": 7, "D": 1}.get(unit, 0) * number
            seconds += {"M": 60, "H": 3600, "S": 1}.get(unit, 0) * number
        else:
            return None
    return Duration(months=years * 12 + months, seconds=days * 86400 + seconds)


def format_moment(moment: datetime) -> str:
    """crm_resource's form: `2026-12-05 15:40:56Z`."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
