"""From a command line typed on a node to a `CommandResult`, as a shell would.

Each tool registers a handler `(context, argv) -> CommandResult`. The router
splits the line like a POSIX shell (quotes, escapes), answers unknown tools
with bash's `command not found` (rc 127), and turns a handler's unexpected
exception into a one-line error instead of a traceback. It never changes
state itself: handlers own their all-or-nothing semantics.
"""

from __future__ import annotations

import re

import shlex
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Callable

from halab_kernel.model import CommandResult
from halab_kernel.sim.pacemaker.scheduler.unmodelled import UnsimulatedConfiguration

if TYPE_CHECKING:
    from lxml import etree

    from halab_kernel.commands.on_node import ClusterOnNode


@dataclass(frozen=True)
class CommandContext:
    """Where a command runs: which node of which simulated cluster. `sim` is the cluster as a
    tool on a node may reach it (`on_node.ClusterOnNode`), never the concrete `Simulator`."""

    sim: ClusterOnNode
    node: str

    def live_cib(self) -> etree._Element:
        """The CIB as this node's cib daemon holds it: its partition's picture (who is online,
        quorum, the DC) over the shared configuration and history; a node without a DC keeps
        the bare document. What `cibadmin -Q`, `crm_mon` and `crm_simulate -L` read."""
        controller = self.sim.pacemaker
        dc = controller.dc_for(self.node)
        return controller.view_of(dc, self.node) if dc else self.sim.cib.read()


Handler = Callable[[CommandContext, list[str]], CommandResult]

_TOOLS: dict[str, Handler] = {}


def register(*names: str) -> Callable[[Handler], Handler]:
    """Decorator: make `handler` answer the tool `names` (e.g. "corosync-quorumtool")."""

    def decorate(handler: Handler) -> Handler:
        for name in names:
            _TOOLS[name] = handler
        return handler

    return decorate


# The module (under halab_kernel.commands) whose handler registers each tool: a command line imports
# only its own tools' modules (`halab run -- crm_mon -1` does not pay ~20 ms for pcs and the rest).
TOOL_MODULES = {
    "cibadmin": "cibadmin", "corosync-quorumtool": "corosync_tools", "corosync-cfgtool": "corosync_tools",
    "corosync-cmapctl": "cmapctl_tool", "corosync-qdevice-tool": "qdevice_tools", "crm_mon": "crm_mon",
    "crm_resource": "crm_resource", "crm_simulate": "crm_simulate_tool", "crm_ticket": "crm_ticket",
    "crm_attribute": "crm_tools", "crm_standby": "crm_tools", "crm_failcount": "crm_tools", "crm_node": "crm_tools",
    "crm_verify": "crm_tools", "tail": "log_tools", "head": "log_tools", "cat": "log_tools", "grep": "log_tools",
    "wc": "log_tools",
    "journalctl": "journal_tool", "ls": "ls_tool", "pcs": "pcs_live", "sbd": "sbd_tool", "stonith_admin": "stonith_admin",
}


def not_on_a_simulated_node(command: str) -> CommandResult:
    """bash's answer to a command the simulated nodes do not have, with what they do have: a real
    node has echo, systemctl, ip and the rest, so "command not found" alone would mislead."""
    return CommandResult(stderr=f"bash: {command}: command not found (a simulated node runs only "
                                f"{', '.join(sorted(TOOL_MODULES))}; for any other command: halab rig up)\n",
                         rc=127)


def tool_names() -> tuple[str, ...]:
    for name in TOOL_MODULES:
        _handler(name)
    return tuple(sorted(_TOOLS))


def _handler(tool: str) -> Handler | None:
    """The handler of `tool`, its module imported on first use; None for a tool the lab does not have."""
    if tool not in _TOOLS and tool in TOOL_MODULES:
        import_module(f"halab_kernel.commands.{TOOL_MODULES[tool]}")
    return _TOOLS.get(tool)


def split_command_line(line: str) -> list[str]:
    """Split like sh does; raises ValueError on an unterminated quote."""
    return shlex.split(line, comments=False, posix=True)


def run_command(context: CommandContext, line: str) -> CommandResult:
    """Run a command line; `| head`, `| tail`, `| grep`, `| wc -l` filter its output, as in a shell."""
    try:
        stages = [split_command_line(part) for part in _unquoted_pipes(line)]
    except ValueError:
        return CommandResult(stderr="bash: syntax error: unexpected end of file (unterminated quote)\n", rc=2)
    if len(stages) > 1 and any(not stage for stage in stages):
        return CommandResult(stderr="bash: syntax error near unexpected token `|'\n", rc=2)
    result = _run_one(context, stages[0])
    for stage in stages[1:]:
        filtered = filter_text(context, stage, result.stdout)
        result = CommandResult(stdout=filtered.stdout, stderr=result.stderr + filtered.stderr, rc=filtered.rc)
    return result


def _unquoted_pipes(line: str) -> list[str]:
    """The line cut at each `|` outside quotes (a quoted '|' is an argument, as in sh)."""
    parts: list[str] = []
    current: list[str] = []
    quote, escaped = "", False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "|":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def filter_text(context: CommandContext, argv: list[str], text: str) -> CommandResult:
    """head, tail, grep, wc and cat in a pipe: over the previous command's output, or the files they name."""
    from halab_kernel.commands import log_tools

    tool = argv[0].rsplit("/", 1)[-1]
    if tool not in ("head", "tail", "grep", "wc", "cat"):
        return CommandResult(stderr=f"bash: {tool}: the lab's pipes take head, tail, grep, wc and cat\n", rc=127)
    return log_tools.text_tool(context, tool, argv[1:], text.splitlines())


# characters XML 1.0 (and so lxml) refuses; libxml in Pacemaker's daemons keeps them, escaped as \\NNN
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _run_one(context: CommandContext, argv: list[str]) -> CommandResult:
    if not argv:
        return CommandResult()
    tool = argv[0].rsplit("/", 1)[-1]  # /usr/sbin/corosync-quorumtool works too
    handler = _handler(tool)
    if handler is None:
        return not_on_a_simulated_node(argv[0])
    odd = next((word for word in argv[1:] if _NOT_XML.search(word)), None)
    if odd is not None and (tool.startswith("crm_") or tool in ("cibadmin", "stonith_admin", "attrd_updater")):
        return CommandResult(stderr=f"{tool}: not simulated: a control character in an argument ({odd!r}: the CIB's "
                                    "XML here cannot hold it); try it on real nodes: halab rig up\n", rc=69)
    try:
        return handler(context, argv[1:])
    except UnsimulatedConfiguration as error:  # refused by the honesty gate: the CIB is unchanged
        return CommandResult(stderr=f"{tool}: {error}\n", rc=69)
    except Exception as error:  # a simulator bug must not show a student a traceback
        return CommandResult(stderr=f"{tool}: internal error in the simulator ({type(error).__name__}: {error}); "
                                    "this is a halab bug, please report it\n", rc=70)
