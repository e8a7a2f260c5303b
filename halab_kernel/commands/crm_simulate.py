"""`halab crm_simulate`: Pacemaker's crm_simulate on a CIB file, answered by the simulator.

Supports -x/--xml-file, -S/--simulate, -s/--show-scores, -Q/--quiet, --text-fancy, -h/--help, the
"what if" modifications of crm_simulate_inject.py (-u -d -f -q -w -g -r -b -e -i -t), plus --explain
RSC (not in the real tool: a per-node breakdown of the scores). As 2.1.5, it prints the headed
layout unless it shows scores (then the plain one, unless --text-fancy).
"""

from __future__ import annotations

import copy
import dataclasses
import sys
import time
from typing import Mapping, Optional, Sequence

from ..command_result import CommandResult
from ..sim.pacemaker.cib import Cib, CibError
from ..sim.pacemaker.cib.model import Group, Primitive
from ..sim.pacemaker.cib.parse import cib_from_element, read_xml_file
from ..sim.pacemaker.explain import explain
from ..sim.pacemaker.scheduler import options, schedule
from ..sim.pacemaker.scheduler.executing import UNLISTED
from ..sim.pacemaker.scheduler.executing_unlisted import on_document
from ..sim.pacemaker.scheduler.guest import guest_name
from ..sim.pacemaker.scheduler.render import (render_actions, render_list,
                                              render_score_list, render_status, render_summary)
from ..sim.pacemaker.scheduler.schedule import _executed as executed_actions
from ..sim.pacemaker.scheduler.schedule import schedule_with_graph
from ..sim.pacemaker.scheduler.transition import Transition
from .crm_mon_status import locked_lines, shutdown_locks
from .crm_simulate_inject import (ASSERTION, Injections, Unmodelled, effective_time, from_line, inject,
                                  unverified)
from .glib_options import Option
from .glib_options import read as read_options
from ..sim.pacemaker.scheduler.unmodelled import (RIG_HINT, refusal, refused_after_scheduling,
                                                  refused_before_scheduling)

USAGE = """Usage:
  crm_simulate [OPTION?]

crm_simulate - simulate a Pacemaker cluster's response to events

Help Options:
  -h, --help                       Show help options

Application Options:
  -Q, --quiet                      Display only essential output

Output Options:
  --text-fancy                     Use more highly formatted output (requires --output-as=text)

Operations:
  -s, --show-scores                Show allocation scores
  -S, --simulate                   Simulate transition's execution and display resulting cluster status

Synthetic Cluster Events:
  -u, --node-up=NODE               Simulate bringing a node online
  -d, --node-down=NODE             Simulate taking a node offline
  -f, --node-fail=NODE             Simulate a node failing
  -i, --op-inject=OPSPEC           Generate a failure for the cluster to react to in the simulation
                                   (${resource}_${task}_${interval_in_ms}@${node}=${rc})
  -t, --set-datetime=DATETIME      Set date/time (ISO 8601 format)
  -q, --quorum=QUORUM              Set to '1' (or 'true') to indicate cluster has quorum
  -w, --watchdog=DEVICE            Set to '1' (or 'true') to indicate cluster has an active watchdog device
  -g, --ticket-grant=TICKET        Simulate granting a ticket
  -r, --ticket-revoke=TICKET       Simulate revoking a ticket
  -b, --ticket-standby=TICKET      Simulate making a ticket standby
  -e, --ticket-activate=TICKET     Simulate activating a ticket

Data Source:
  -L, --live-check                 Connect to CIB manager and use the current CIB contents as input
  -x, --xml-file=FILE              Retrieve XML from the named file

halab extension:
  --explain=RSC                    Explain, node by node, where RSC's scores come from
"""


class UsageError(Exception):
    """A command line crm_simulate does not run: the message, and the exit status (64 a malformed
    line, 69 an option of the real tool the simulator does not model)."""

    def __init__(self, message: str, rc: int = 64) -> None:
        super().__init__(message)
        self.rc = rc


_MODELLED = ("xml-file", "simulate", "show-scores", "quiet", "text-fancy", "live-check", "explain", "help", "help-all",
             "help-output", "help-operations", "help-synthetic", "help-artifact", "help-source",
             "node-up", "node-down", "node-fail", "quorum", "watchdog", "ticket-grant", "ticket-revoke",
             "ticket-standby", "ticket-activate", "op-inject", "set-datetime")
_EXPLAIN = (Option("explain", "", "required"),)  # halab's own


def _parse(argv: Sequence[str]) -> dict:
    """The real crm_simulate's options (glib_options.py): the modelled ones as a dict; UsageError
    for a malformed line (GLib's message) or one naming what is not simulated (rc 69)."""
    line = read_options("crm_simulate", list(argv), _MODELLED, extra=_EXPLAIN)
    if isinstance(line, CommandResult):
        if line.stdout:  # --version
            raise UsageError(line.stdout.rstrip("\n"), rc=0)
        raise UsageError(line.stderr.removeprefix("crm_simulate: ").rstrip("\n"), rc=line.rc)
    if line.arguments:
        raise UsageError(f"Unknown option {line.arguments[0]}")
    return {"xml": line.value("xml-file"), "simulate": line.has("simulate"), "scores": line.has("show-scores"),
            "quiet": line.has("quiet"), "fancy": True if line.has("text-fancy") else None,
            "live": line.has("live-check"), "explain": line.value("explain"),
            "help": any(name.startswith("help") for name in line.names()), "inject": from_line(line)}


def simulate_text(cib: Cib, simulate: bool = True, show_scores: bool = False, quiet: bool = False,
                  now: Optional[int] = None, transition: Optional[Transition] = None, *,
                  fancy: Optional[bool] = None, dated: str = "", current: Optional[Transition] = None,
                  modifications: Optional[Sequence[str]] = None, locks: Optional[Mapping[str, str]] = None,
                  unlisted: str = "") -> str:
    """What `crm_simulate` prints for a parsed CIB (-x FILE and -L), section by section as 2.1.5's
    pcmk__simulate prints them: a blank line (its spacer) before each section once anything was
    printed, even with -Q. The layout is fancy (titled, bulleted lists) unless scores are shown
    and --text-fancy is not given (`fancy`). `dated` is the clock line printed before each status;
    with modifications, `current` is the input's transition (the status shown first) and
    `modifications` the lines of "Performing Requested Modifications". `locks`: the resources the
    history locks to a node (shutdown-lock), shown "Stopped node1 (LOCKED)" as crm_mon does (both
    statuses: the transition leaves the locks in the history). `unlisted`: why the "Executing Cluster
    Transition" list is not 2.1.5's (`_unlisted`), printed in its place."""
    transition = transition or schedule(cib, now=now)
    fancy = not show_scores if fancy is None else fancy
    shown = current or transition
    text, printed = "", False

    def section(lines: list) -> None:
        nonlocal text, printed
        text += ("\n" if printed else "") + "".join(line + "\n" for line in lines)
        printed = True

    if not quiet:
        # as real crm_simulate, the maintenance-mode banner opens the status (stop-all-resources has none)
        if options.is_true(cib.properties.get("maintenance-mode"), False):
            text = dated + ("\n              *** Resource management is DISABLED ***\n"
                            "  The cluster will not attempt to start, stop or recover services\n")
            printed = True
        else:
            text = dated
        instances, disabled, blocked = _instance_counts(shown.before)
        instances += _guest_connections(cib)
        if disabled or blocked:
            section([f"{disabled} of {instances} resource instances DISABLED and {blocked} BLOCKED from further "
                     "action due to failure"])
        before = _with_pending(shown.before, _pending_tasks(cib))
        section(render_list("Current cluster status",
                            locked_lines(render_status(shown.nodes_before, before), locks or {}), fancy))
    if modifications is not None:
        section([] if quiet else render_list("Performing Requested Modifications",
                                             [f"  * {line}" for line in modifications], fancy))
        text += "" if quiet else dated
    if show_scores:
        section(render_list("Allocation Scores", render_score_list(transition), fancy))
    if (simulate or show_scores) and not quiet:
        section(render_list("Transition Summary", render_summary(transition.summary, logged_first=True), fancy))
    if simulate:
        listed = [f"  * {unlisted}"] if unlisted else render_actions(transition)
        section([] if quiet else render_list("Executing Cluster Transition", listed, fancy))
        if not quiet:
            text += dated
            section(render_list("Revised Cluster Status",
                                locked_lines(render_status(transition.nodes_after, transition.after), locks or {}),
                                fancy))
    return text


def _instance_counts(views: tuple) -> tuple[int, int, int]:
    """How many resource instances the status counts, how many are disabled (target-role Stopped,
    or Unpromoted in a promotable clone) and how many blocked, as 2.1.5's pe__count_common counts
    them: every primitive instance but the stopped orphans."""
    instances = disabled = blocked = 0
    for view in views:
        status = view.status
        if view.kind != "primitive":
            counts = _instance_counts(view.children)
            instances, disabled, blocked = instances + counts[0], disabled + counts[1], blocked + counts[2]
        elif status is not None and not (status.orphan and not status.nodes):
            instances += 1
            disabled += status.target_stopped or status.target_unpromoted
            blocked += status.blocked
    return instances, disabled, blocked


def _pending_tasks(cib: Cib) -> dict[str, tuple[str, str]]:
    """Resource -> (node, task) of its operation recorded in flight (op-status -1), the first one
    unpacking meets (rsc->pending_task is set once); pending probes are not shown (unpack_rsc_op)."""
    found: dict[str, tuple[str, str]] = {}
    for state in cib.node_states:
        for history in state.history:
            pending = next((record for record in history.operations
                            if record.op_status == -1 and not record.is_probe), None)
            if pending is not None and history.id not in found:
                found[history.id] = (state.uname or "", pending.operation)
    return found


def _with_pending(views: tuple, pending: Mapping[str, tuple[str, str]]) -> tuple:
    """The current status with each primitive's operation in flight, where it is active."""
    shown = []
    for view in views:
        status = view.status
        if view.children:
            view = dataclasses.replace(view, children=_with_pending(view.children, pending))
        elif status is not None and view.id in pending and pending[view.id][0] in status.nodes:
            view = dataclasses.replace(view, status=dataclasses.replace(status, pending=pending[view.id][1]))
        shown.append(view)
    return tuple(shown)


def _guest_connections(cib: Cib) -> int:
    """The connections of guest nodes (a primitive's remote-node meta attribute): resources 2.1.5
    creates and counts among the instances, though no status lists them."""
    primitives = [member for top in cib.resources
                  for member in (top.members if isinstance(top, Group) else (top,))]
    return sum(1 for rsc in primitives if isinstance(rsc, Primitive) and guest_name(rsc))


class _Answer(Exception):
    """An answer other than a transition: rc, stdout, stderr (a refusal, an invalid CIB)."""

    def __init__(self, rc: int, stdout: str, stderr: str) -> None:
        super().__init__(stderr)
        self.result = (rc, stdout, stderr)


def _refused(what: str) -> _Answer:
    return _Answer(69, "", f"crm_simulate: not simulated: {what}; {RIG_HINT}\n")  # EX_UNAVAILABLE


def _parsed(root) -> Cib:
    """The CIB once the honesty gate lets it through (_Answer otherwise)."""
    features = refused_before_scheduling(root)
    if features:
        raise _Answer(69, "", f"crm_simulate: {refusal(features)}\n")  # no truthful answer
    try:
        return cib_from_element(root)
    except CibError as error:
        raise _Answer(65, "", f"crm_simulate: {error}\n") from error


def _scheduled(root, now: int) -> tuple[Cib, Transition]:
    """The parsed CIB and its transition, both past the honesty gate (_Answer otherwise)."""
    cib, transition, _ = _scheduled_graph(root, now)
    return cib, transition


def _scheduled_graph(root, now: int) -> tuple[Cib, Transition, bool]:
    """`_scheduled`, and whether executing the transition leaves actions waiting forever (an
    unmanaged resource's action holds them): 2.1.5's crm_simulate then says "Transition failed:
    terminated" and exits 1."""
    cib = _parsed(root)
    transition, graph = schedule_with_graph(cib, now=now)
    features = refused_after_scheduling(root, cib, transition)
    if features:
        raise _Answer(69, "", f"crm_simulate: {refusal(features)}\n")
    done = executed_actions(graph)
    stuck = any(not a.optional and a.runnable and (a.rsc is None or a.rsc.managed) and id(a) not in done
                for a in graph.actions)
    return cib, transition, stuck


def answer(root, opts: dict, now: int) -> tuple[int, str, str]:
    """rc, stdout, stderr of crm_simulate on a CIB document: refused (rc 69) when it holds what
    the scheduler does not simulate (scheduler/unmodelled.py), for files and live labs alike; with
    modifications (crm_simulate_inject.py) the gate judges the modified CIB too."""
    injections: Injections = opts.get("inject") or Injections()
    clock = now  # what injected history is stamped with: 2.1.5 takes time(NULL) even with -t
    # only a file (-x) has an execution-date of its own; a lab stamps its clock on its live CIB
    dated = _date_line(injections.datetime, root.get("execution-date") if opts.get("xml") else None)
    if injections.datetime is not None:
        try:
            now = effective_time(injections.datetime)
        except Unmodelled as error:
            return _refused(str(error)).result
        root.set("execution-date", str(now))
    if root.get("execution-date") is None:
        root.set("execution-date", str(now))   # rules and failure timeouts: the real tool's clock is now
    if opts["explain"] and (injections.modified or injections.datetime is not None):
        return _refused("--explain with modifications or -t").result
    try:
        if opts["explain"]:
            try:
                return 0, explain(_parsed(root), opts["explain"], now=now), ""
            except KeyError:
                return 105, "", f"crm_simulate: Resource '{opts['explain']}' not found\n"
        if injections.modified:
            return _modified(root, opts, injections, (now, clock), dated)
        cib, transition, stuck = _scheduled_graph(root, now)
        unlisted = _unlisted(transition, opts, root)
        text = simulate_text(cib, simulate=opts["simulate"], show_scores=opts["scores"], quiet=opts["quiet"],
                             now=now, transition=transition, fancy=opts.get("fancy"), dated=dated,
                             locks=_locks(root), unlisted=unlisted)
        failed = stuck and opts["simulate"]  # as with modifications: 2.1.5 says so and exits 1
        return 1 if failed else 0, text, (f"crm_simulate: {unlisted}\n" if unlisted else "") + \
            ("Transition failed: terminated\nAn invalid transition was produced\n" if failed else "")
    except _Answer as answered:
        return answered.result
    except (ArithmeticError, AttributeError, KeyError, LookupError, TypeError, ValueError) as error:
        # a simulator bug: one line naming it rather than a traceback
        return 70, "", (f"crm_simulate: internal error in the simulator ({type(error).__name__}: {error}); "
                        "this is a halab bug, please report it\n")


def _unlisted(transition: Transition, opts: dict, root) -> str:
    """-S prints the "Executing Cluster Transition" list: where scheduler/executing_unlisted.py says
    halab's list is not 2.1.5's (on the CIB document `root` too), the refusal printed in its place
    (and on stderr); the rest of the output (the transition summary and the statuses, which do not
    depend on the list) is printed as modelled."""
    unlisted = [guess for guess in transition.guesses if guess.startswith(UNLISTED)]
    unlisted += [f"{UNLISTED} {reason}" for reason in on_document(root, transition.actions)]
    return refusal(unlisted) if unlisted and opts["simulate"] and not opts["quiet"] else ""


def _locks(root) -> dict[str, str]:
    """The resources the CIB's history locks to a node (shutdown-lock) at its effective date."""
    date = (root.get("execution-date") or "").strip()
    return shutdown_locks(root, int(date) if date.isdigit() else 0)


def _date_line(given: Optional[str], recorded: Optional[str]) -> str:
    """What crm_simulate says of its clock before each status: -t's date as typed, or the CIB's
    execution-date (set_effective_date)."""
    if given is not None:
        return f"Setting effective cluster time: {given}\n"
    if recorded is not None and recorded.strip().isdigit():
        return f"Using the original execution date of: {time.strftime('%Y-%m-%d %H:%M:%SZ', time.gmtime(int(recorded)))}\n"
    return ""


def _modified(root, opts: dict, injections: Injections, times: tuple[int, int], dated: str) -> tuple[int, str, str]:
    """crm_simulate with modifications: the input's status, the modifications, then the transition
    of the modified CIB; `times` is the effective time and the clock that stamps injected history."""
    now, clock = times
    cib, transition = _scheduled(copy.deepcopy(root), now)
    modified = copy.deepcopy(root)
    try:
        outcome = inject(modified, injections, clock)
    except Unmodelled as error:
        raise _refused(str(error)) from error
    errors = "".join(line + "\n" for line in outcome.errors)
    if outcome.aborted:   # the lines so far: the input's status and the modifications
        fancy = opts.get("fancy")
        fancy = not opts["scores"] if fancy is None else fancy
        head = "" if opts["quiet"] else simulate_text(cib, simulate=False, now=now, transition=transition,
                                                      fancy=fancy, dated=dated, modifications=outcome.lines,
                                                      locks=_locks(root))
        return 134, head.removesuffix(dated), errors + ASSERTION
    _, transition_after, stuck = _scheduled_graph(modified, now)
    unlisted = _unlisted(transition_after, opts, modified)
    unchecked = unverified(modified, transition_after)
    if unchecked:
        raise _refused(unchecked)
    if stuck and opts["simulate"]:
        errors += "Transition failed: terminated\nAn invalid transition was produced\n"
    rc = 1 if stuck and opts["simulate"] else 0
    errors = (f"crm_simulate: {unlisted}\n" if unlisted else "") + errors
    return rc, simulate_text(cib, simulate=opts["simulate"], show_scores=opts["scores"], quiet=opts["quiet"],
                             now=now, transition=transition_after, fancy=opts.get("fancy"), dated=dated,
                             current=transition, modifications=outcome.lines, locks=_locks(root),
                             unlisted=unlisted), errors


def main(argv: Sequence[str]) -> int:
    try:
        opts = _parse(argv)
    except UsageError as error:
        if error.rc == 0:  # --version
            print(error)
            return 0
        print(f"crm_simulate: {error}", file=sys.stderr)
        return error.rc
    if opts["help"]:
        print(USAGE, end="")
        return 0
    if opts["live"] and not opts["xml"]:
        print("crm_simulate: -L/--live-check needs a lab; outside one, use -x FILE", file=sys.stderr)
        return 69
    if not opts["xml"]:
        print("crm_simulate: No input specified (use -x FILE)", file=sys.stderr)
        return 64
    try:
        root = read_xml_file(opts["xml"])
    except CibError as error:
        print(f"crm_simulate: {error}", file=sys.stderr)
        return 70 if "Could not read" in str(error) else 65  # the real tool exits 70 on a missing file
    rc, out, err = answer(root, opts, int(time.time()))
    sys.stdout.write(out)
    sys.stderr.write(err)
    return rc
