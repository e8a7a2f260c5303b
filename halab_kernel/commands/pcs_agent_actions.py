"""`pcs resource debug-*` and `pcs resource relocate run|show` on a node of the simulated cluster.

The debug commands are `crm_resource -r R --force-<action>`: the agent's action
run by hand on this node, behind the cluster's back, its answer printed as
crm_resource prints it (pcs passes it on, with its exit code). The simulator
answers what it knows: a monitor reports what really runs here (the executor's
truth), and an agent whose parameters it refuses (pcs_agent validation:
IPaddr2's findif, Filesystem's fstype, apache's configfile, a missing required
parameter) fails its start with the agent's own exit code, exit reason and
log lines. An action that would really change what runs on the node without
the cluster knowing (starting a stopped resource, stopping a running one) is
refused with a pointer to real nodes: the simulator's cluster cannot hold a
resource the cluster did not start.

`relocate run` applies the `pcs-relocate-*` constraints that `dry-run`
(pcs/relocate.py) announces, waits for the cluster, and removes them;
`relocate show` prints crm_simulate's status and transition summary with
stickiness 0, filtered the way pcs filters them.
"""

from __future__ import annotations

from datetime import timedelta

from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.manage import warn_stonith_mismatch
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.relocate import (add_constraints, debug_target, dry_run, placements,
                                                 remove_constraints, without_stickiness)
from halab_kernel.commands.router import CommandContext
from halab_kernel.sim.logs import EPOCH
from halab_kernel.sim.pacemaker.execd import agent_problem
from halab_kernel.sim.pacemaker.executor import PROMOTABLE_AGENTS

RIG = "try it on real nodes: halab rig up"
WAIT_SECONDS = 3600.0  # crm_resource --wait's default: 60 minutes
_FORCED = {"start": "force-start", "stop": "force-stop", "monitor": "force-check",
           "promote": "force-promote", "demote": "force-demote"}
# crm_resource's words for an agent's exit code: the result line, then its error line
_RESULT = {0: ("ok", ""), 3: ("unimplemented feature", "Unimplemented"), 5: ("not installed", "Not installed"),
           6: ("not configured", "Not configured"), 7: ("not running", "Not running"), 8: ("promoted", "Promoted")}


def debug_action(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers,
                 action: str) -> None:
    """`pcs resource debug-<action> R [--full] [--force]` on this node."""
    primitive = debug_target(lib, argv, modifiers, f"debug-{action}")
    if modifiers.has("--full"):
        raise PcsError(f"Error: pcs resource debug-{action} --full prints the agent's shell trace, which the "
                       f"simulator does not have; {RIG}")
    rsc = primitive.get("id", "")
    agent = ":".join(part for part in (primitive.get("class"), primitive.get("provider"), primitive.get("type"))
                     if part)
    forced = _FORCED[action]
    if primitive.get("class") == "stonith":
        lib.reporter.out(f"Operation {forced} for {rsc} ({agent}) could not be executed (Error: Manual execution "
                         "of the stonith standard is unsupported)")
        lib.reporter.out("crm_resource: Error performing operation: Unimplemented")
        raise PcsError(rc=3)
    executor = context.sim.pacemaker.executor
    active = executor.is_active(context.node, rsc)
    promoted = (context.node, rsc) in executor.promoted
    problem = agent_problem(primitive)
    log: tuple[str, ...] = ()
    reason = ""
    if action == "monitor":
        rc = (problem.probe_rc if problem.probe_rc is not None else problem.rc) if problem else (
            8 if promoted else 0 if active else 7)
    elif action == "start" and problem is not None:
        rc, reason, log = problem.rc, problem.reason, problem.log
    elif (action, active) in (("start", True), ("stop", False)):
        rc = 0  # already there: the agent has nothing to do
    elif action in ("promote", "demote") and primitive.get("type") in PROMOTABLE_AGENTS and (
            not active or promoted == (action == "promote")):
        rc = 0 if active else 7
    else:
        raise PcsError(f"Error: pcs resource debug-{action} {rsc} would {action} it on {context.node} behind the "
                       f"cluster's back, which the simulator does not model; {RIG}")
    _report(context, lib, forced, rsc, agent, rc, reason, log)


def _report(context: CommandContext, lib: PcsLib, forced: str, rsc: str, agent: str, rc: int, reason: str,
            log: tuple[str, ...]) -> None:
    """crm_resource's answer as pcs prints it: its error line first (stderr, unbuffered), then the result."""
    text, error = _RESULT[rc]
    if error:
        lib.reporter.out(f"crm_resource: Error performing operation: {error}")
    lib.reporter.out(f"Operation {forced} for {rsc} ({agent}) returned {rc} ({text}{': ' + reason if reason else ''})")
    stamp = (EPOCH + timedelta(seconds=context.sim.clock.now)).strftime("%b %d %H:%M:%S")
    for line in log:
        if line != f"ERROR: {reason}":  # ocf_exit_reason logs that line, but prints only "ocf-exit-reason:" here
            lib.reporter.out(f"{stamp} {line}")
    if reason:
        lib.reporter.out(f"ocf-exit-reason:{reason}")
    if rc:
        raise PcsError(rc=rc)


def relocate_run(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs resource relocate run [resource...]`: constraints where the resources belong, a wait, cleanup."""
    modifiers.ensure_only()
    if argv:
        warn_stonith_mismatch(lib, argv, stonith_command=False, use_instead=None)
    sim = context.sim
    found = placements(context.live_cib(), argv)
    if not found:
        return
    config = sim.cib.read()
    add_constraints(lib, config, found)
    sim.cib.replace(config, client="cibadmin", origin=context.node)
    for line in ("", "Waiting for resources to move...", ""):
        lib.reporter.err(line)
    timed_out = not sim.clock.run_until(sim.pacemaker.idle, WAIT_SECONDS)
    if timed_out:
        lib.reporter.err("Error: waiting timeout")
    config = sim.cib.read()
    remove_constraints(lib, config)
    sim.cib.replace(config, client="cibadmin", origin=context.node)
    if timed_out:
        raise PcsError()


def relocate_dry_run(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs resource relocate dry-run`: on a node it plans from the cluster's own view (who is online,
    quorum), as crm_simulate --live-check reads it; with -f from the file."""
    if not lib.offline:
        lib.cib_root = context.live_cib()  # read only: dry-run never marks the CIB changed
    dry_run(lib, argv, modifiers)


def relocate_show(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs resource relocate show`: crm_simulate's status and summary, stickiness 0, as pcs filters them."""
    from halab_kernel.commands.crm_simulate import answer

    modifiers.ensure_only()
    if argv:
        raise UsageError()
    relaxed, _ = without_stickiness(context.live_cib(), [])
    options = {"simulate": True, "scores": False, "quiet": False, "explain": None}
    rc, text, error = answer(relaxed, options, 1_767_603_600 + int(context.sim.now))
    if rc:
        raise PcsError(f"Error: Unable to run crm_simulate:\n{error.rstrip()}")
    in_status = in_resources = in_transitions = False
    for line in text.split("\n"):
        if line.strip() == "Current cluster status:":
            in_status, in_resources, in_transitions = True, False, False
        elif line.strip() == "Transition Summary:":
            in_status, in_resources, in_transitions = False, False, True
            lib.reporter.out("")
        elif line.strip() == "":
            in_status, in_resources, in_transitions = False, in_status, False
        if in_status or in_resources or in_transitions:
            lib.reporter.out(line)
