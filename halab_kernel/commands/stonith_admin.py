"""stonith_admin: list fence devices, fence a node, show fencing history."""

from __future__ import annotations

import re

from halab_kernel import values
from halab_kernel.commands.crm_mon_fencing import admin_history, node_history
from halab_kernel.commands.glib_options import read as read_options
from halab_kernel.commands.on_node import ClusterOnNode
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult


def _done_within(sim: ClusterOnNode, target: str, action: str, tolerance: str | None) -> bool:
    """--tolerance: the same fencing of the same target succeeded at most that long ago (crm_get_msec's
    reading, whole seconds; an unreadable value is no tolerance)."""
    milliseconds = values.msec(tolerance) if tolerance else None
    seconds = (milliseconds or 0) // 1000
    return seconds > 0 and any(e.ok and e.target == target and e.action == action and sim.now - e.time <= seconds
                               for e in sim.pacemaker.fenced.remembered(sim.events))


def _glib_int(spelling: str, text: str) -> int | CommandResult:
    """A G_OPTION_ARG_INT value as GLib's parse_int reads it (strtol base 0: leading blanks, a sign, 0x hex,
    0 octal; nothing after the number; within an int), or its error (rc 64)."""
    found = re.fullmatch(r"[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)", text)
    if found is None:
        return CommandResult(stderr=f"stonith_admin: Cannot parse integer value \u201c{text}\u201d for {spelling}\n",
                             rc=64)
    digits = found.group(2)
    number = int(digits, 16 if digits[:2].lower() == "0x" else 8 if digits.startswith("0") else 10)
    number = -number if found.group(1) == "-" else number
    if not -2**31 <= number < 2**31:
        return CommandResult(stderr=f"stonith_admin: Integer value \u201c{text}\u201d for {spelling} out of range\n",
                             rc=64)
    return number


_HELP = ("help", "help-all", "help-output", "help-definition", "help-queries", "help-fence", "help-additional")
_COMMANDS = ("list-registered", "list-installed", "reboot", "fence", "history", "confirm")
_MODIFIERS = ("tolerance", "delay", "timeout", "verbose")


@register("stonith_admin")
def stonith_admin(context: CommandContext, argv: list[str]) -> CommandResult:
    line = read_options("stonith_admin", argv, (*_COMMANDS, *_MODIFIERS, *_HELP))
    if isinstance(line, CommandResult):
        return line
    if line.has(*_HELP):
        return CommandResult(stdout="Usage:\n  stonith_admin <command> [<options>]\n\nstonith_admin - access the "
                                    "Pacemaker fencing API\n")
    numbers = {"delay": 0, "timeout": 120}  # GLib reads them as it parses the line, whatever the command
    for name, spelling, text in zip(line.names(), line.spellings, (v or "" for _, v in line.options)):
        if name in numbers:
            read = _glib_int(spelling, text)
            if isinstance(read, CommandResult):
                return read
            numbers[name] = read
    delay, timeout = numbers["delay"], numbers["timeout"]
    sim = context.sim
    if not sim.pacemaker.pacemaker_up(context.node):
        return CommandResult(stderr="Could not connect to fencer: Transport endpoint is not connected\n", rc=107)
    commands = [(name, value or "") for name, value in line.options if name in _COMMANDS]
    if not commands:
        return CommandResult(stderr="stonith_admin: Must specify a command\n", rc=64)
    flag, value = commands[0]
    devices = [p.get("id", "") for p in sim.cib.root.iterfind(".//configuration/resources//primitive")
               if p.get("class") == "stonith"]
    if flag == "list-registered":
        noun = "device" if len(devices) == 1 else "devices"
        return CommandResult(stdout="".join(f" {d}\n" for d in devices) + f"{len(devices)} fence {noun} found\n")
    if flag == "list-installed":
        from halab_kernel.sim.agents.metadata import known_agent_names

        agents = [name.split(":", 1)[1] for name in known_agent_names() if name.startswith("stonith:")]
        return CommandResult(stdout="".join(f" {a}\n" for a in agents) + f"{len(agents)} fence devices found\n")
    if flag in ("reboot", "fence"):
        action = "reboot" if flag == "reboot" else "off"
        if _done_within(sim, value, action, line.value("tolerance")):
            return CommandResult()  # fenced: an equivalent fencing succeeded less than the tolerance ago
        longest = sim.pacemaker.longest_manual_fencing(context.node, value, delay, timeout) if value in sim.node_names else 0
        if value in sim.node_names and timeout <= longest:
            return CommandResult(stderr=f"stonith_admin: not simulated: a --timeout of {timeout}s that this fencing "
                                        f"may outlast (up to {longest:g}s here: its delay and agents), which real "
                                        "fenced would time out; try it on real nodes: halab rig up\n", rc=69)
        if value not in sim.node_names or not sim.pacemaker.fence_manually(context.node, value, action, delay,
                                                                           timeout):
            # stonith_admin 2.1.5 says "fence" for -B and -F alike (only "unfence" differs)
            return CommandResult(stderr=f"stonith_admin: Couldn't fence {value}: No such device\n", rc=105)
        return CommandResult()
    if flag == "confirm":
        if value not in sim.node_names:
            return CommandResult(stderr=f"stonith_admin: not simulated: confirming the fencing of '{value}', "
                                        "which is not a node of this cluster; try it on real nodes: halab rig up\n",
                                 rc=69)
        if not sim.pacemaker.confirm_fenced(context.node, value):
            return CommandResult(stderr=f"stonith_admin: not simulated: confirming the fencing of {value} while it "
                                        "is a member of this partition (its controller would exit: fence-reaction); "
                                        "try it on real nodes: halab rig up\n", rc=69)
        return CommandResult()
    history = node_history(sim, context.node)
    shown = [event for event in history if value == "*" or event["target"] == value]
    return CommandResult(stdout=admin_history(shown, line.has("verbose")))
