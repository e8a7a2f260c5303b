"""crm_simulate on a simulated node: `-L` reads the live CIB (the node's DC view), `-x FILE` a
file on the node; the same rendering as `halab crm_simulate` gives on real files."""

from __future__ import annotations

from halab_kernel.commands.crm_simulate import USAGE, UsageError, _parse, simulate_text
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult


@register("crm_simulate")
def crm_simulate(context: CommandContext, argv: list[str]) -> CommandResult:
    from halab_kernel.sim.pacemaker.cib import CibError, parse_cib
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.explain import explain

    try:
        opts = _parse(argv)
    except UsageError as error:
        return CommandResult(stderr=f"crm_simulate: {error}\n", rc=64)
    if opts["help"]:
        return CommandResult(stdout=USAGE)
    try:
        if opts["xml"]:
            text = context.sim.files(context.node).get(opts["xml"])
            if text is None:
                return CommandResult(stderr=f"crm_simulate: Could not read {opts['xml']}: No such file or "
                                            "directory\n", rc=70)
            cib = parse_cib(text)
        elif opts["live"]:
            if not context.sim.pacemaker.pacemaker_up(context.node):
                return CommandResult(stderr="crm_simulate: Could not connect to the CIB: Transport endpoint is "
                                            "not connected\n", rc=107)
            cib = cib_from_element(context.live_cib())
        else:
            return CommandResult(stderr="crm_simulate: No input specified (use -L or -x FILE)\n", rc=64)
    except CibError as error:
        return CommandResult(stderr=f"crm_simulate: {error}\n", rc=65)
    now = 1_767_603_600 + int(context.sim.now)
    if opts["explain"]:
        try:
            return CommandResult(stdout=explain(cib, opts["explain"], now=now))
        except KeyError:
            return CommandResult(stderr=f"crm_simulate: Resource '{opts['explain']}' not found\n", rc=105)
    return CommandResult(stdout=simulate_text(cib, simulate=opts["simulate"], show_scores=opts["scores"],
                                              quiet=opts["quiet"], now=now))
