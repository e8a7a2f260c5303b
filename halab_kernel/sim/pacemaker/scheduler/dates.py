"""Date expressions of rules (`<date_expression>`): gt, lt, in_range and date_spec.

Evaluated, as Pacemaker 2.1.5 does (pe__eval_date_expr), at the CIB's
`execution-date` when it has one (crm_simulate's fixed clock), otherwise at the
simulator's clock. Dates are ISO 8601 (`2019-09-20 15:10:52 +00:00`,
`2020-01-01`, `2005-001` as year-day); times without an offset are UTC.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta, timezone
from typing import Optional

from ..cib.model import DateExpression

DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})-(\d{2})|-(\d{3})|-W(\d{2})-(\d))?"
                  r"(?:[T ](\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?"
                  r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$")


def parse_date(text: Optional[str]) -> Optional[datetime]:
    """An ISO 8601 date (calendar, ordinal or week form, time and offset optional); None if unreadable."""
    match = DATE.match(text or "")
    if not match:
        return None
    year, month, day, yearday, week, weekday, hour, minute, second, offset = match.groups()
    try:
        if yearday:
            moment = datetime(int(year), 1, 1) + timedelta(days=int(yearday) - 1)
        elif week:
            moment = datetime.fromisocalendar(int(year), int(week), int(weekday))
        else:
            moment = datetime(int(year), int(month or 1), int(day or 1))
        moment = moment.replace(hour=int(hour or 0), minute=int(minute or 0), second=int(second or 0))
    except ValueError:
        return None
    zone = timezone.utc
    if offset and offset != "Z":
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        zone = timezone(delta if offset[0] == "+" else -delta)
    return moment.replace(tzinfo=zone)


def _add_duration(start: datetime, duration: dict) -> datetime:
    """start + a `<duration>` (years, months, weeks, days, hours, minutes, seconds)."""
    number = {k: int(v) for k, v in duration.items() if re.fullmatch(r"-?\d+", str(v))}
    months = start.month - 1 + number.get("months", 0) + 12 * number.get("years", 0)
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    moved = start.replace(year=year, month=month, day=day)
    return moved + timedelta(weeks=number.get("weeks", 0), days=number.get("days", 0),
                             hours=number.get("hours", 0), minutes=number.get("minutes", 0),
                             seconds=number.get("seconds", 0))


def _in_spec_range(value: int, spec: str) -> bool:
    """`"9-17"` or `"3"`: whether value lies in it (check_range)."""
    low, _, high = spec.partition("-")
    try:
        return int(low) <= value <= int(high) if high else value == int(low)
    except ValueError:
        return False


def _spec_matches(now: datetime, spec: dict) -> bool:
    """date_spec: every field given must hold for now (pe_cron_range_satisfied)."""
    iso_year, iso_week, iso_weekday = now.isocalendar()
    fields = {"years": now.year, "months": now.month, "monthdays": now.day, "hours": now.hour,
              "minutes": now.minute, "seconds": now.second, "yeardays": now.timetuple().tm_yday,
              "weekyears": iso_year, "weeks": iso_week, "weekdays": iso_weekday}
    return all(_in_spec_range(fields[name], value) for name, value in spec.items() if name in fields)


def date_matches(expression: DateExpression, now: Optional[int]) -> bool:
    """Whether the date expression holds at `now` (seconds since the epoch); False without a clock."""
    if now is None:
        return False
    moment = datetime.fromtimestamp(now, tz=timezone.utc)
    operation = expression.operation.lower()
    start, end = parse_date(expression.start), parse_date(expression.end)
    if operation == "date_spec":
        return expression.spec is not None and _spec_matches(moment, expression.spec)
    if operation == "gt":
        return start is not None and moment > start
    if operation == "lt":
        return end is not None and moment < end
    if operation == "in_range":
        if end is None and start is not None and expression.duration:
            end = _add_duration(start, expression.duration)
        if start is None and end is None:
            return False
        return (start is None or moment >= start) and (end is None or moment <= end)
    return False
