"""stonith_admin: list fence devices, fence a node, show fencing history."""

from __future__ import annotations

import getopt
from datetime import datetime, timedelta, timezone

from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult, NodeFenced

EPOCH = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)


@register("stonith_admin")
def stonith_admin(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(argv, "LIB:F:H:C:", ["list-registered", "list-installed", "reboot=", "fence=",
                                                            "history=", "confirm="])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"stonith_admin: {error.msg}\n", rc=64)
    sim = context.sim
    if not sim.pacemaker.pacemaker_up(context.node):
        return CommandResult(stderr="Could not connect to fencer: Transport endpoint is not connected\n", rc=107)
    if not options:
        return CommandResult(stderr="stonith_admin: Must specify a command\n", rc=64)
    flag, value = options[0]
    devices = [p.get("id", "") for p in sim.cib.root.iterfind(".//configuration/resources//primitive")
               if p.get("class") == "stonith"]
    if flag in ("-L", "--list-registered"):
        noun = "device" if len(devices) == 1 else "devices"
        return CommandResult(stdout="".join(f" {d}\n" for d in devices) + f"{len(devices)} fence {noun} found\n")
    if flag in ("-I", "--list-installed"):
        from halab_kernel.sim.agents.metadata import known_agent_names

        agents = [name.split(":", 1)[1] for name in known_agent_names() if name.startswith("stonith:")]
        return CommandResult(stdout="".join(f" {a}\n" for a in agents) + f"{len(agents)} fence devices found\n")
    if flag in ("-B", "--reboot", "-F", "--fence"):
        action = "reboot" if flag in ("-B", "--reboot") else "off"
        if value not in sim.node_names or not sim.pacemaker.fence_manually(context.node, value, action):
            # stonith_admin 2.1.5 says "fence" for -B and -F alike (only "unfence" differs)
            return CommandResult(stderr=f"stonith_admin: Couldn't fence {value}: No such device\n", rc=105)
        return CommandResult()
    if flag in ("-C", "--confirm"):
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
