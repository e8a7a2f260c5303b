"""stonith_admin: list fence devices, fence a node, show fencing history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from halab_kernel import values
from halab_kernel.commands.glib_options import read as read_options
from halab_kernel.commands.on_node import ClusterOnNode
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult, NodeFenced

def _done_within(sim: ClusterOnNode, target: str, action: str, tolerance: str | None) -> bool:
    """--tolerance: the same fencing of the same target succeeded at most that long ago (crm_get_msec's
    reading, whole seconds; an unreadable value is no tolerance)."""
    milliseconds = values.msec(tolerance) if tolerance else None
    seconds = (milliseconds or 0) // 1000
    return seconds > 0 and any(isinstance(e, NodeFenced) and e.ok and e.target == target and e.action == action
                               and sim.now - e.time <= seconds for e in sim.events)


_HELP = ("help", "help-all", "help-output", "help-definition", "help-queries", "help-fence", "help-additional")
_COMMANDS = ("list-registered", "list-installed", "reboot", "fence", "history", "confirm")
_MODIFIERS = ("tolerance",)
EPOCH = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)


@register("stonith_admin")
def stonith_admin(context: CommandContext, argv: list[str]) -> CommandResult:
    line = read_options("stonith_admin", argv, (*_COMMANDS, *_MODIFIERS, *_HELP))
    if isinstance(line, CommandResult):
        return line
    if line.has(*_HELP):
        return CommandResult(stdout="Usage:\n  stonith_admin <command> [<options>]\n\nstonith_admin - access the "
                                    "Pacemaker fencing API\n")
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
        if value not in sim.node_names or not sim.pacemaker.fence_manually(context.node, value, action):
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
    fenced = [e for e in sim.events if isinstance(e, NodeFenced) and (value == "*" or e.target == value)]
    if not fenced:
        return CommandResult()
    lines = []
    for event in reversed(fenced):
        when = EPOCH + timedelta(seconds=event.time)
        outcome, stamp = ("successful", "completed") if event.ok else ("failed", "last-failed")
        lines.append(f"{event.action} of {event.target} {outcome}: delegate={event.delegate or event.node}, "
                     f"client={event.client}, origin={event.node}, {stamp}='{when:%Y-%m-%d %H:%M:%S}Z'")
    return CommandResult(stdout="\n".join(lines) + "\n")
