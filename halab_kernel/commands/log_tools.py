"""Reading a node's logs: tail, cat, grep and journalctl on the simulated files.

/var/log/corosync/corosync.log and /var/log/pacemaker/pacemaker.log hold the
lines `halab_kernel.sim.logs` renders from the node's events; journalctl shows
the same records in syslog style for `-u corosync` and `-u pacemaker`.
"""

from __future__ import annotations

import getopt
from collections.abc import Callable

from halab_kernel.commands import text_tools
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.sim.bare import bare_state
from halab_kernel.model import CommandResult

LOG_FILES = {"/var/log/corosync/corosync.log": "corosync", "/var/log/pacemaker/pacemaker.log": "pacemaker"}


COROSYNC_CONF = "/etc/corosync/corosync.conf"


def file_lines(context: CommandContext, path: str) -> list[str] | None:
    """The lines of a file on the node: its logs, the files tools wrote there, and the
    corosync.conf of a lab built as a cluster (a bare lab has one once `pcs cluster setup` wrote it)."""
    kind = LOG_FILES.get(path)
    if kind is not None:
        return [record.line() for record in context.sim.log_records(context.node) if record.file == kind]
    text = context.sim.files(context.node).get(path)
    if text is None and path == COROSYNC_CONF and bare_state(context.sim) is None:
        text = context.sim.corosync_conf
    return None if text is None else text.splitlines()


def text_tool(context: CommandContext, tool: str, argv: list[str], stdin: list[str]) -> CommandResult:
    """grep, head, tail, wc or cat (text_tools.py) over the node's files, or `stdin` (a pipe's input;
    a command of its own reads an empty one)."""
    def read(path: str) -> list[str] | None:
        return file_lines(context, path)

    if tool == "grep":
        return text_tools.grep(argv, read, stdin)
    if tool == "wc":
        return text_tools.wc(argv, read, stdin)
    if tool == "cat":
        return text_tools.cat(argv, read, stdin)
    return text_tools.head_or_tail(text_tools.HEAD if tool == "head" else text_tools.TAIL, argv, read, stdin)


def _on_files(tool: str) -> Callable[[CommandContext, list[str]], CommandResult]:
    def run(context: CommandContext, argv: list[str]) -> CommandResult:
        return text_tool(context, tool, argv, [])
    return run


for _tool in ("grep", "head", "tail", "wc", "cat"):
    register(_tool)(_on_files(_tool))


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
