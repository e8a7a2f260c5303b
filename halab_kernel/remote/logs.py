"""The nodes' own log lines: records for `lab.logs()`, and events for timelines.

Lines come from `/var/log/pacemaker/pacemaker.log`, `/var/log/corosync/corosync.log`
or, on nodes without them, the journal. Every line becomes a `LogRecord`
(what `lab.logs()` shows, the real line untouched); lines of level notice and
above also become `LogLine` events, and corosync's "Token has not been
received" a `TokenLost` event.
"""

from __future__ import annotations

import re
import time as wall
from dataclasses import dataclass

from halab_kernel.model import Event, LogLine, TokenLost

EVENT_LEVELS = ("notice", "warning", "error", "crit", "critical", "alert", "emerg")

_STAMP = r"(?P<stamp>\w{3} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?)"
_PATTERNS = {
    "pacemaker": re.compile(_STAMP + r" (?P<host>\S+) (?P<daemon>[\w-]+)\s*\[\d+\] "
                            r"\((?P<function>[^)]*)\)\s+(?P<level>\w+): (?P<text>.*)$"),
    "corosync": re.compile(_STAMP + r" \[\d+\] (?P<host>\S+) corosync (?P<level>\w+)\s+"
                           r"(?P<text>\[[^\]]+\] .*)$"),
    "journal": re.compile(_STAMP + r" (?P<host>\S+) (?P<daemon>[\w-]+)\[\d+\]:\s+"
                          r"(?:(?P<level>notice|warning|error|crit|alert|emerg):\s+)?(?P<text>.*)$"),
}
_TOKEN_LOST = re.compile(r"Token has not been received in (\d+) ms")


@dataclass(frozen=True)
class LogRecord:
    """One line of a node's log, as `lab.logs()` tabulates it."""

    time: float
    node: str
    daemon: str
    level: str
    message: str
    function: str = ""
    text: str = ""  # the line exactly as the node wrote it

    @property
    def file(self) -> str:
        return "corosync" if self.daemon == "corosync" else "pacemaker"

    def line(self) -> str:
        return self.text


def _log_time(stamp: str, origin_epoch: float, fallback: float) -> float:
    """Lab time of a syslog-style stamp (no year: this year; the nodes' local time)."""
    main, _, fraction = stamp.partition(".")
    try:
        parsed = wall.strptime(f"{wall.localtime().tm_year} {main}", "%Y %b %d %H:%M:%S")
    except ValueError:
        return fallback
    return wall.mktime(parsed) + float(f"0.{fraction or 0}") - origin_epoch


def parse_log(node: str, source: str, text: str, origin_epoch: float, now: float) -> list[LogRecord]:
    """New lines of one log ("pacemaker", "corosync" or "journal") -> records; other lines are skipped.

    The journal is asked for priority notice and above; its corosync lines do
    not print their level, so they count as notice.
    """
    records = []
    for line in text.splitlines():
        match = _PATTERNS[source].match(line)
        if not match:
            continue
        fields = match.groupdict()
        records.append(LogRecord(
            time=_log_time(fields["stamp"], origin_epoch, now),
            node=node,
            daemon=fields.get("daemon") or "corosync",
            level=(fields.get("level") or "notice").lower(),
            message=fields["text"],
            function=fields.get("function") or "",
            text=line,
        ))
    return records


def take_whole_lines(offset: int | None, size: int, text: str) -> tuple[int, str]:
    """(next offset, whole lines) from what was read at `offset` of a log now `size` bytes long.

    A line still being written stays for the next read; a first look only
    notes where the log ends (old history is not news); a log shorter than
    the offset was rotated, so reading starts again at its beginning.
    """
    if offset is None:
        return size, ""
    if size < offset:
        return 0, ""
    whole = text[: text.rfind("\n") + 1]
    return offset + len(whole.encode()), whole


def log_events(records: list[LogRecord]) -> list[Event]:
    """LogLine events for records of level notice and above; TokenLost where corosync says so."""
    events: list[Event] = []
    for record in records:
        if record.level not in EVENT_LEVELS:
            continue
        events.append(LogLine(record.time, record.node, daemon=record.daemon, level=record.level, text=record.text))
        lost = _TOKEN_LOST.search(record.message)
        if lost:
            events.append(TokenLost(record.time, record.node, timeout_ms=int(lost.group(1))))
    return events
