"""From a command line typed on a node to a `CommandResult`, as a shell would.

Each tool registers a handler `(context, argv) -> CommandResult`. The router
splits the line like a POSIX shell (quotes, escapes), answers unknown tools
with bash's `command not found` (rc 127), and turns a handler's unexpected
exception into a one-line error instead of a traceback. It never changes
state itself: handlers own their all-or-nothing semantics.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from halab_kernel.model import CommandResult

if TYPE_CHECKING:
    from halab_kernel.sim.simulator import Simulator


@dataclass(frozen=True)
class CommandContext:
    """Where a command runs: which node of which simulated cluster."""

    sim: Simulator
    node: str


Handler = Callable[[CommandContext, list[str]], CommandResult]

_TOOLS: dict[str, Handler] = {}


def register(*names: str) -> Callable[[Handler], Handler]:
    """Decorator: make `handler` answer the tool `names` (e.g. "corosync-quorumtool")."""

    def decorate(handler: Handler) -> Handler:
        for name in names:
            _TOOLS[name] = handler
        return handler

    return decorate


def tool_names() -> tuple[str, ...]:
    _load_tools()
    return tuple(sorted(_TOOLS))


def _load_tools() -> None:
    """Import the modules whose handlers register themselves (lazily, once)."""
    from halab_kernel.commands import (  # noqa: F401
        cibadmin, corosync_tools, crm_mon, crm_resource, crm_simulate_tool, crm_tools, log_tools, pcs_live,
        stonith_admin,
    )


def split_command_line(line: str) -> list[str]:
    """Split like sh does; raises ValueError on an unterminated quote."""
    return shlex.split(line, comments=False, posix=True)


def run_command(context: CommandContext, line: str) -> CommandResult:
    _load_tools()
    try:
        argv = split_command_line(line)
    except ValueError:
        return CommandResult(stderr="bash: syntax error: unexpected end of file (unterminated quote)\n", rc=2)
    if not argv:
        return CommandResult()
    tool = argv[0].rsplit("/", 1)[-1]  # /usr/sbin/corosync-quorumtool works too
    handler = _TOOLS.get(tool)
    if handler is None:
        return CommandResult(stderr=f"bash: {argv[0]}: command not found\n", rc=127)
    try:
        return handler(context, argv[1:])
    except Exception as error:  # a simulator bug must not show a student a traceback
        return CommandResult(stderr=f"{tool}: internal error in the simulator ({type(error).__name__}: {error}); "
                                    "this is a halab bug, please report it\n", rc=70)
