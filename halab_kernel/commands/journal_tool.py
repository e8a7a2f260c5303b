"""journalctl on a simulated node: the node's corosync, pacemaker and sbd records in syslog style.

The options an operator reads a journal with are modelled (-u, -n, -b, -p, -S/-U, -r, -e, -x,
-q, -a, -t, -o short|cat, --no-pager, --no-hostname, --utc); every other option of systemd
252's journalctl is refused by name, and one it does not know gets its getopt message.
"""

from __future__ import annotations

import getopt
import re
from datetime import datetime, timedelta

from halab_kernel.commands.router import CommandContext, register
from halab_kernel.commands.text_tools import getopt_message
from halab_kernel.model import CommandResult
from halab_kernel.values import wall_clock

_SHORT = "hbeu:t:p:g:kS:U:c:M:mD:o:n:rxaqfFN"
_LONG = ["system", "user", "machine=", "merge", "directory=", "file=", "root=", "image=", "namespace=", "since=",
         "until=", "cursor=", "after-cursor=", "cursor-file=", "boot=", "unit=", "user-unit=", "identifier=",
         "priority=", "facility=", "grep=", "case-sensitive=", "dmesg", "output=", "output-fields=", "lines=",
         "reverse", "show-cursor", "utc", "catalog", "no-hostname", "no-full", "full", "all", "follow", "no-tail",
         "quiet", "no-pager", "pager-end", "interval=", "verify-key=", "force", "help", "version", "fields", "field=",
         "list-boots", "disk-usage", "vacuum-size=", "vacuum-files=", "vacuum-time=", "verify", "sync",
         "relinquish-var", "smart-relinquish-var", "flush", "rotate", "header", "list-catalog", "dump-catalog",
         "update-catalog", "setup-keys"]
_ALIASES = {"--boot": "-b", "--pager-end": "-e", "--unit": "-u", "--identifier": "-t", "--priority": "-p",
            "--grep": "-g", "--dmesg": "-k", "--since": "-S", "--until": "-U", "--cursor": "-c", "--machine": "-M",
            "--merge": "-m", "--directory": "-D", "--output": "-o", "--lines": "-n", "--reverse": "-r",
            "--catalog": "-x", "--all": "-a", "--quiet": "-q", "--follow": "-f", "--field": "-F", "--fields": "-N"}
# -x adds catalog texts, -a unprintable fields, --full long lines: none of which these units' lines have
_MODELLED = {"-b", "-e", "-u", "-t", "-p", "-S", "-U", "-o", "-n", "-r", "-x", "-a", "-q", "--no-pager",
             "--no-hostname", "--utc", "--full", "--system"}
_PRIORITIES = {"emerg": 0, "alert": 1, "crit": 2, "err": 3, "error": 3, "warning": 4, "notice": 5, "info": 6,
               "debug": 7, "trace": 7}
_UNITS = {"s": 1, "sec": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "minute": 60, "minutes": 60, "h": 3600,
          "hour": 3600, "hours": 3600, "d": 86400, "day": 86400, "days": 86400}
_TIME_FORMS = "YYYY-MM-DD [HH:MM[:SS]], HH:MM[:SS], now, today, yesterday, -5min, '5 min ago'"


def _refuse(what: str) -> CommandResult:
    return CommandResult(stderr=f"journalctl: not simulated: {what}; try it on real nodes: halab rig up\n", rc=1)


def _optional_values(argv: list[str]) -> list[str]:
    """-n and -b take a value only when one follows that reads as one (systemd's own rule)."""
    words, index = [], 0
    while index < len(argv):
        word, following = argv[index], argv[index + 1] if index + 1 < len(argv) else None
        if word in ("-n", "--lines", "-b", "--boot"):
            name = "--lines" if word in ("-n", "--lines") else "--boot"
            takes = following is not None and re.fullmatch(r"[+-]?\d+|all|[0-9a-f]{32}", following) is not None
            default = "10" if name == "--lines" else "0"
            words.append(f"{name}={following if takes else default}")
            index += 2 if takes else 1
            continue
        words.append(word)
        index += 1
    return words


def moment(text: str, now: datetime) -> datetime | None:
    """A systemd time spec (the forms in _TIME_FORMS) at the lab's `now`; None when not one of them."""
    text = text.strip()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    named = {"now": now, "today": today, "yesterday": today - timedelta(days=1), "tomorrow": today + timedelta(days=1)}
    if text in named:
        return named[text]
    relative = re.fullmatch(r"([+-])\s*(\d+)\s*([a-z]+)|(\d+)\s*([a-z]+)\s+ago", text)
    if relative:
        sign, amount, unit = (relative.group(1), relative.group(2), relative.group(3)) if relative.group(1) else \
            ("-", relative.group(4), relative.group(5))
        if unit not in _UNITS:
            return None
        step = timedelta(seconds=int(amount) * _UNITS[unit])
        return now + step if sign == "+" else now - step
    for pattern, form in ((r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", "%Y-%m-%d %H:%M:%S"),
                          (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "%Y-%m-%d %H:%M"), (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d")):
        if re.fullmatch(pattern, text):
            try:
                return datetime.strptime(text, form).replace(tzinfo=now.tzinfo)
            except ValueError:
                return None
    clock = re.fullmatch(r"(\d{2}):(\d{2})(?::(\d{2}))?", text)
    if clock:
        hour, minute, second = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        if hour < 24 and minute < 60 and second < 60:
            return today.replace(hour=hour, minute=minute, second=second)
    return None


def _priority_range(text: str) -> tuple[int, int] | None:
    """-p LEVEL (0..LEVEL) or -p FROM..TO, by name or number."""
    low, dots, high = text.partition("..")
    values = [int(part) if part.isdigit() else _PRIORITIES.get(part) for part in ((low, high) if dots else ("0", low))]
    if any(value is None or not 0 <= value <= 7 for value in values):
        return None
    first, last = values[0], values[1]
    assert first is not None and last is not None
    return min(first, last), max(first, last)


@register("journalctl")
def journalctl(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(_optional_values(argv), _SHORT, _LONG)
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"journalctl: {getopt_message(error)}\n", rc=1)
    named = [(_ALIASES.get(flag, flag), value) for flag, value in options]
    for flag, value in named:
        if flag in ("-f", "--no-tail"):
            return CommandResult(stderr="journalctl: -f follows forever; in the lab use %advance and read again\n",
                                 rc=1)
        if flag not in _MODELLED:
            return _refuse(f"the option {flag}")
    sim, node = context.sim, context.node
    now = wall_clock(sim.now)
    to_syslog = sim.config.logging.to_syslog  # corosync.conf's logging.to_syslog: corosync's lines in the journal
    records = [r for r in sim.log_records(node) if r.in_journal and (to_syslog or r.daemon != "corosync")]
    units = {value.removesuffix(".service") for flag, value in named if flag == "-u"}
    if units:
        records = [r for r in records if r.file in units]
    identifiers = {value for flag, value in named if flag == "-t"}
    if identifiers:
        records = [r for r in records if r.daemon in identifiers]
    count, reverse, output, hostname = None, False, "short", True
    for flag, value in named:
        if flag == "-b":
            if value not in ("0", "+0", "-0") and value != "all":
                return _refuse(f"earlier boots (-b {value}): the lab keeps the journal of the current boot")
            if value == "0":
                records = [r for r in records if r.time >= sim.machines[node].booted_at]
        elif flag == "-p":
            span = _priority_range(value)
            if span is None:
                return CommandResult(stderr=f"Unknown log level {value}\n", rc=1)
            records = [r for r in records if span[0] <= _PRIORITIES.get(r.level, 6) <= span[1]]
        elif flag in ("-S", "-U"):
            limit = moment(value, now)
            if limit is None:
                return _refuse(f"reading the time '{value}' (the lab reads {_TIME_FORMS})")
            seconds = (limit - wall_clock(0)).total_seconds()
            records = [r for r in records if (r.time >= seconds if flag == "-S" else r.time <= seconds)]
        elif flag == "-n":
            if not value.lstrip("+-").isdigit():
                return CommandResult(stderr=f"Failed to parse lines '{value}'.\n", rc=1)
            count = int(value.lstrip("+-"))
        elif flag == "-e":
            count = 1000 if count is None else count
        elif flag == "-r":
            reverse = True
        elif flag == "-o":
            if value not in ("short", "cat"):
                return _refuse(f"the output format '{value}' (the lab writes short and cat)")
            output = value
        elif flag == "--no-hostname":
            hostname = False
    lines = [r.journal_message() if output == "cat" else r.journal_line(hostname) for r in records]
    if count is not None:
        lines = lines[-count:] if count else []
    if reverse:
        lines.reverse()
    if not lines:
        return CommandResult(stdout="" if any(flag == "-q" for flag, _ in named) else "-- No entries --\n")
    return CommandResult(stdout="".join(line + "\n" for line in lines))
