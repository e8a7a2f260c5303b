"""crm_simulate on a simulated node: `-L` reads the live CIB (the node's DC view), `-x FILE` a
file on the node (one pcs wrote, or a saved scheduler input /var/lib/pacemaker/pengine/pe-input-N.bz2);
the same rendering as `halab crm_simulate` gives on real files."""

from __future__ import annotations

from halab_kernel.commands.crm_simulate import USAGE, UsageError, _parse, answer
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.command_result import CommandResult


@register("crm_simulate")
def crm_simulate(context: CommandContext, argv: list[str]) -> CommandResult:
    from halab_kernel.sim.pacemaker.cib import CibError
    from halab_kernel.sim.pacemaker.cib.parse import parse_xml

    try:
        opts = _parse(argv)
    except UsageError as error:
        if error.rc == 0:  # --version
            return CommandResult(stdout=f"{error}\n")
        return CommandResult(stderr=f"crm_simulate: {error}\n", rc=error.rc)
    if opts["help"]:
        return CommandResult(stdout=USAGE)
    try:
        if opts["xml"]:
            text = context.sim.files(context.node).get(opts["xml"])
            saved = context.sim.pacemaker.pe_inputs.find(context.node, opts["xml"])  # a pe-input-N.bz2
            text = saved.xml() if text is None and saved is not None else text
            if text is None:
                return CommandResult(stderr=f"crm_simulate: Could not read {opts['xml']}: No such file or "
                                            "directory\n", rc=70)
            root = parse_xml(text)
        elif opts["live"]:
            if not context.sim.pacemaker.pacemaker_up(context.node):
                return CommandResult(stderr="crm_simulate: Could not connect to the CIB: Transport endpoint is "
                                            "not connected\n", rc=107)
            root = context.live_cib()
        else:
            return CommandResult(stderr="crm_simulate: No input specified (use -L or -x FILE)\n", rc=64)
    except CibError as error:
        return CommandResult(stderr=f"crm_simulate: {error}\n", rc=65)
    rc, out, err = answer(root, opts, 1_767_603_600 + int(context.sim.now))
    return CommandResult(stdout=out, stderr=err, rc=rc)
