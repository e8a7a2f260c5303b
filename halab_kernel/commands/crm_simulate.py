"""`halab crm_simulate`: Pacemaker's crm_simulate on a CIB file, answered by the simulator.

Supports -x/--xml-file, -S/--simulate, -s/--show-scores, -Q/--quiet, -h/--help,
plus --explain RSC (not in the real tool: a per-node breakdown of the scores).
"""

from __future__ import annotations

import sys
import time
from typing import Any, Optional, Sequence

from ..sim.pacemaker.cib import Cib, CibError
from ..sim.pacemaker.cib.parse import cib_from_element, read_xml_file
from ..sim.pacemaker.explain import explain
from ..sim.pacemaker.scheduler import render_scores, render_simulation, schedule
from ..sim.pacemaker.scheduler.render import render_status, render_summary
from ..sim.pacemaker.scheduler.transition import Transition
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
    pass


def _parse(argv: Sequence[str]) -> dict:
    opts: dict[str, Any] = {"xml": None, "simulate": False, "scores": False, "quiet": False, "live": False,
            "explain": None, "help": False}
    args = list(argv)
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg.startswith("--"):
            name, _, value = arg[2:].partition("=")
            has_value = "=" in arg
            if name in ("xml-file", "explain"):
                if not has_value:
                    if index >= len(args):
                        raise UsageError(f"Missing argument for --{name}")
                    value = args[index]
                    index += 1
                opts["xml" if name == "xml-file" else "explain"] = value
            elif name in ("simulate", "show-scores", "quiet", "live-check", "help") and not has_value:
                key = {"simulate": "simulate", "show-scores": "scores", "quiet": "quiet",
                       "live-check": "live", "help": "help"}[name]
                opts[key] = True
            else:
                raise UsageError(f"Unknown option {arg.split('=')[0]}")
        elif arg.startswith("-") and len(arg) > 1:
            letters = arg[1:]
            position = 0
            while position < len(letters):
                letter = letters[position]
                position += 1
                if letter == "x":
                    value = letters[position:]
                    if not value:
                        if index >= len(args):
                            raise UsageError("Missing argument for -x")
                        value = args[index]
                        index += 1
                    opts["xml"] = value
                    break
                flag = {"S": "simulate", "s": "scores", "Q": "quiet", "L": "live", "h": "help"}.get(letter)
                if flag is None:
                    raise UsageError(f"Unknown option -{letter}")
                opts[flag] = True
        else:
            raise UsageError(f"Unknown option {arg}")
    return opts


def simulate_text(cib: Cib, simulate: bool = True, show_scores: bool = False, quiet: bool = False,
                  now: Optional[int] = None, transition: Optional[Transition] = None) -> str:
    """What `crm_simulate` prints for a parsed CIB (used for -x FILE and, later, -L)."""
    transition = transition or schedule(cib, now=now)
    if quiet:
        return render_scores(transition) if show_scores else ""
    if simulate and not show_scores:
        return render_simulation(transition)
    lines = ["Current cluster status:"] + render_status(transition.nodes_before, transition.before) + [""]
    text = "\n".join(lines) + "\n"
    if show_scores:
        text += "Allocation scores:\n" + render_scores(transition) + "\n"
    text += "Transition Summary:\n" + "".join(line + "\n" for line in render_summary(transition.summary))
    if simulate:
        full = render_simulation(transition)
        text += "\n" + full[full.index("Executing Cluster Transition:"):]
    return text


def main(argv: Sequence[str]) -> int:
    try:
        opts = _parse(argv)
    except UsageError as error:
        print(f"crm_simulate: {error}", file=sys.stderr)
        return 64
    if opts["help"]:
        print(USAGE, end="")
        return 0
    if opts["live"] and not opts["xml"]:
        print("crm_simulate: -L/--live-check needs a lab; outside one, use -x FILE", file=sys.stderr)
        return 69
    if not opts["xml"]:
        print("crm_simulate: No input specified (use -x FILE)", file=sys.stderr)
        return 64
    now = int(time.time())
    try:
        root = read_xml_file(opts["xml"])
        features = refused_before_scheduling(root)
        if features:
            print(f"crm_simulate: {refusal(features)}", file=sys.stderr)
            return 69  # EX_UNAVAILABLE: the simulator cannot answer this truthfully
        if root.get("execution-date") is None:
            root.set("execution-date", str(now))   # rules and failure timeouts: the real tool's clock is now
        cib = cib_from_element(root)
    except CibError as error:
        print(f"crm_simulate: {error}", file=sys.stderr)
        return 70 if "Could not read" in str(error) else 65  # the real tool exits 70 on a missing file
    try:
        if opts["explain"]:
            try:
                text = explain(cib, opts["explain"], now=now)
            except KeyError:
                print(f"crm_simulate: Resource '{opts['explain']}' not found", file=sys.stderr)
                return 105
        else:
            transition = schedule(cib, now=now)
            features = refused_after_scheduling(root, cib, transition)
            if features:
                print(f"crm_simulate: {refusal(features)}", file=sys.stderr)
                return 69
            text = simulate_text(cib, simulate=opts["simulate"], show_scores=opts["scores"],
                                 quiet=opts["quiet"], now=now, transition=transition)
    except (ArithmeticError, AttributeError, KeyError, LookupError, TypeError, ValueError) as error:
        # a CIB this simulator cannot schedule: say so in one line rather than a traceback
        print(f"crm_simulate: Could not schedule {opts['xml']}: {type(error).__name__}: {error}",
              file=sys.stderr)
        return 70
    sys.stdout.write(text)
    return 0
