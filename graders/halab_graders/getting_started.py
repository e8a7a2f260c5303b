"""Checks for 00 getting started: making a lab, letting time pass, reading events."""

from __future__ import annotations

from typing import Any

from halab_graders.check import AnswerMissing, Mismatch, Tolerance, exercise, require_number
from halab_graders.labs import first_event, fresh_lab


@exercise("00.lab-formed", expected="a simulated lab of 5 nodes whose nodes all share one quorate membership",
          hint="Lab.simulated(nodes=5, seed=...) starts the cluster; it forms only once virtual time passes "
               "(lab.advance('10s') or %advance 10s)")
def lab_formed(lab: Any, nodes: int = 5) -> None:
    if lab is None or not hasattr(lab, "state") or not hasattr(lab, "node_names"):
        raise AnswerMissing(f"expected a Lab object, got {type(lab).__name__}")
    state = lab.state()
    if len(state.nodes) != nodes:
        raise Mismatch(f"your lab has {len(state.nodes)} node(s)")
    not_quorate = [name for name in state.node_names if not state.quorate(name)]
    memberships = {view.members for view in state.views.values()}
    if not_quorate:
        raise Mismatch(f"at t={state.time:.1f} s these nodes are not (yet) in a quorate membership: "
                       f"{', '.join(not_quorate)}")
    if len(memberships) != 1:
        raise Mismatch(f"the nodes see {len(memberships)} different memberships")


@exercise("00.first-quorum", expected="the virtual time (in seconds) at which the nodes of a fresh 3-node lab "
          "with seed 0 first report quorum, to within 0.01 s",
          hint="make the lab, advance 15 s, then look for the first row of lab.events_frame() whose kind is "
               "'quorum_changed'; its time column is the answer")
def first_quorum_time(answer: Any, nodes: int = 3, seed: int = 0) -> None:
    value = require_number(answer, "first_quorate_at")
    lab = fresh_lab(nodes=nodes, seed=seed, settle=15)
    gained = first_event(lab.events, lambda event: event.kind == "quorum_changed" and getattr(event, "quorate", False))
    if gained is None:  # the simulator itself misbehaving: say so rather than blame the student
        raise Mismatch("the reference lab never became quorate (please report this)")
    if not Tolerance(absolute=0.01).close(value, gained.time):
        if value > 15:
            raise Mismatch(f"you answered {value:g} s, later than the 15 s the cluster needs to form; "
                           "is that a time of another lab or in milliseconds?")
        raise Mismatch(f"you answered {value:g} s: at that time the cluster was not what the exercise asks for")
