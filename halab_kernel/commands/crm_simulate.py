"""`halab crm_simulate`: Pacemaker's crm_simulate on a CIB file, answered by the simulator.

Supports -x/--xml-file, -S/--simulate, -s/--show-scores, -Q/--quiet, -h/--help,
plus --explain RSC (not in the real tool: a per-node breakdown of the scores).
"""

from __future__ import annotations

import sys
import time
from typing import Optional, Sequence

from ..model import CommandResult
from ..sim.pacemaker.cib import Cib, CibError
from ..sim.pacemaker.cib.parse import cib_from_element, read_xml_file
from ..sim.pacemaker.explain import explain
from ..sim.pacemaker.scheduler import options, render_scores, render_simulation, schedule
from ..sim.pacemaker.scheduler.render import render_status, render_summary
from ..sim.pacemaker.scheduler.transition import Transition
from .glib_options import Option
from .glib_options import read as read_options
from ..sim.pacemaker.scheduler.unmodelled import (refusal, refused_after_scheduling,
                                                  refused_before_scheduling)

USAGE = """Usage:
  crm_simulate [OPTION?]

crm_simulate - simulate a Pacemaker cluster's response to events

Help Options:
  -h, --help                       Show help options

Application Options:
  -Q, --quiet                      Display only essential output

Operations:
  -s, --show-scores                Show allocation scores
  -S, --simulate                   Simulate transition's execution and display resulting cluster status

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


_MODELLED = ("xml-file", "simulate", "show-scores", "quiet", "live-check", "explain", "help", "help-all",
             "help-output", "help-operations", "help-synthetic", "help-artifact", "help-source")
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
            "quiet": line.has("quiet"), "live": line.has("live-check"), "explain": line.value("explain"),
            "help": any(name.startswith("help") for name in line.names())}


def simulate_text(cib: Cib, simulate: bool = True, show_scores: bool = False, quiet: bool = False,
                  now: Optional[int] = None, transition: Optional[Transition] = None) -> str:
    """What `crm_simulate` prints for a parsed CIB (used for -x FILE and, later, -L)."""
    transition = transition or schedule(cib, now=now)
    if quiet:
        return render_scores(transition) if show_scores else ""
    # as real crm_simulate, the maintenance-mode banner opens the status (stop-all-resources has none)
    banner = ("\n              *** Resource management is DISABLED ***\n"
              "  The cluster will not attempt to start, stop or recover services\n\n"
              if options.is_true(cib.properties.get("maintenance-mode"), False) else "")
    if simulate and not show_scores:
        return banner + render_simulation(transition)
    lines = ["Current cluster status:"] + render_status(transition.nodes_before, transition.before) + [""]
    text = banner + "\n".join(lines) + "\n"
    if show_scores:
        text += "Allocation scores:\n" + render_scores(transition) + "\n"
    text += "Transition Summary:\n" + "".join(line + "\n" for line in render_summary(transition.summary))
    if simulate:
        full = render_simulation(transition)
        text += "\n" + full[full.index("Executing Cluster Transition:"):]
    return text


def answer(root, opts: dict, now: int) -> tuple[int, str, str]:
    """rc, stdout, stderr of crm_simulate on a CIB document: refused (rc 69) when it holds what
    the scheduler does not simulate (scheduler/unmodelled.py), for files and live labs alike."""
    features = refused_before_scheduling(root)
    if features:
        return 69, "", f"crm_simulate: {refusal(features)}\n"  # EX_UNAVAILABLE: no truthful answer
    if root.get("execution-date") is None:
        root.set("execution-date", str(now))   # rules and failure timeouts: the real tool's clock is now
    try:
        cib = cib_from_element(root)
    except CibError as error:
        return 65, "", f"crm_simulate: {error}\n"
    try:
        if opts["explain"]:
            try:
                return 0, explain(cib, opts["explain"], now=now), ""
            except KeyError:
                return 105, "", f"crm_simulate: Resource '{opts['explain']}' not found\n"
        transition = schedule(cib, now=now)
        features = refused_after_scheduling(root, cib, transition)
        if features:
            return 69, "", f"crm_simulate: {refusal(features)}\n"
        return 0, simulate_text(cib, simulate=opts["simulate"], show_scores=opts["scores"],
                                quiet=opts["quiet"], now=now, transition=transition), ""
    except (ArithmeticError, AttributeError, KeyError, LookupError, TypeError, ValueError) as error:
        # a simulator bug: one line naming it rather than a traceback
        return 70, "", (f"crm_simulate: internal error in the simulator ({type(error).__name__}: {error}); "
                        "this is a halab bug, please report it\n")


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
