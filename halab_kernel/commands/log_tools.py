"""Reading a node's logs: tail, cat, grep and journalctl on the simulated files.

/var/log/corosync/corosync.log and /var/log/pacemaker/pacemaker.log hold the
lines `halab_kernel.sim.logs` renders from the node's events; journalctl shows
the same records in syslog style for `-u corosync` and `-u pacemaker`.
"""

from __future__ import annotations

import getopt
import re

from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult

LOG_FILES = {"/var/log/corosync/corosync.log": "corosync", "/var/log/pacemaker/pacemaker.log": "pacemaker"}


def _file_lines(context: CommandContext, path: str) -> list[str] | None:
    kind = LOG_FILES.get(path)
    if kind is None:
        return None
    return [record.line() for record in context.sim.log_records(context.node) if record.file == kind]


def _missing(tool: str, path: str) -> CommandResult:
    return CommandResult(stderr=f"{tool}: {path}: No such file or directory\n", rc=1)


@register("tail")
def tail(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, paths = getopt.gnu_getopt(argv, "n:f", ["lines="])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"tail: {error.msg}\n", rc=1)
    count = 10
    for flag, value in options:
        if flag in ("-n", "--lines"):
            if not value.lstrip("+-").isdigit():
                return CommandResult(stderr=f"tail: invalid number of lines: '{value}'\n", rc=1)
            count = abs(int(value))
        if flag == "-f":
            return CommandResult(stderr="tail: -f follows forever; in the lab use %advance and tail again\n", rc=1)
    if len(paths) != 1:
        return CommandResult(stderr="tail: the lab reads one file at a time\n", rc=1)
    lines = _file_lines(context, paths[0])
    if lines is None:
        return _missing("tail", paths[0])
    shown = lines[-count:] if count else []
    return CommandResult(stdout="".join(line + "\n" for line in shown))


@register("cat")
def cat(context: CommandContext, argv: list[str]) -> CommandResult:
    if len(argv) != 1:
        return CommandResult(stderr="cat: the lab reads one file at a time\n", rc=1)
    lines = _file_lines(context, argv[0])
    if lines is None:
        text = context.sim.files(context.node).get(argv[0])
        return CommandResult(stdout=text) if text is not None else _missing("cat", argv[0])
    return CommandResult(stdout="".join(line + "\n" for line in lines))


@register("grep")
def grep(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, rest = getopt.gnu_getopt(argv, "iEFc")
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"grep: {error.msg}\n", rc=2)
    flags = {flag for flag, _ in options}
    if len(rest) != 2:
        return CommandResult(stderr="Usage: grep [-iEFc] PATTERN FILE\n", rc=2)
    pattern, path = rest
    lines = _file_lines(context, path)
    if lines is None:
        return CommandResult(stderr=f"grep: {path}: No such file or directory\n", rc=2)
    try:
        regex = re.compile(re.escape(pattern) if "-F" in flags else pattern, re.I if "-i" in flags else 0)
    except re.error as error:
        return CommandResult(stderr=f"grep: {error}\n", rc=2)
    found = [line for line in lines if regex.search(line)]
    if "-c" in flags:
        return CommandResult(stdout=f"{len(found)}\n", rc=0 if found else 1)
    return CommandResult(stdout="".join(line + "\n" for line in found), rc=0 if found else 1)


@register("journalctl")
def journalctl(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(argv, "u:n:b", ["unit=", "lines=", "no-pager", "boot"])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"journalctl: {error.msg}\n", rc=1)
    units: set[str] = set()
    count: int | None = None
    for flag, value in options:
        if flag in ("-u", "--unit"):
            units.add(value.removesuffix(".service"))
        elif flag in ("-n", "--lines"):
            if not value.isdigit():
                return CommandResult(stderr=f"Failed to parse lines '{value}'.\n", rc=1)
            count = int(value)
    unknown = units - {"corosync", "pacemaker", "sbd"}
    if unknown:
        return CommandResult(stdout="-- No entries --\n")
    records = [r for r in context.sim.log_records(context.node) if not units or r.file in units]
    lines = [r.journal_line() for r in records]
    if count is not None:
        lines = lines[-count:] if count else []
    return CommandResult(stdout="".join(line + "\n" for line in lines) or "-- No entries --\n")
