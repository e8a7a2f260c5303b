"""Reading a node's files: grep, head, tail, wc and cat (text_tools.py) on the simulated ones.

/var/log/corosync/corosync.log and /var/log/pacemaker/pacemaker.log hold the
lines `halab_kernel.sim.logs` renders from the node's events (journalctl shows
the same records in syslog style: journal_tool.py); /etc/corosync/corosync.conf
and the files tools wrote on the node are there too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from halab_kernel.commands import text_tools
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.sim.bare import bare_state
from halab_kernel.model import CommandResult

PACEMAKER_LOG = "/var/log/pacemaker/pacemaker.log"


def log_files(sim: Any) -> dict[str, str]:
    """The node's log files and whose lines they hold: Pacemaker's, and corosync's where its
    corosync.conf sends them (`logging { to_logfile: yes  logfile: PATH }`; none otherwise)."""
    corosync = sim.config.logging.file
    return {**({corosync: "corosync"} if corosync else {}), PACEMAKER_LOG: "pacemaker"}


COROSYNC_CONF = "/etc/corosync/corosync.conf"


def file_lines(context: CommandContext, path: str) -> list[str] | None:
    """The lines of a file on the node: its logs, the files tools wrote there, and the
    corosync.conf of a lab built as a cluster (a bare lab has one once `pcs cluster setup` wrote it)."""
    kind = log_files(context.sim).get(path)
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
