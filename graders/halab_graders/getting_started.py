"""Checks for 00 getting started: making a lab, letting time pass, reading events."""

from __future__ import annotations

import math
from typing import Any, Mapping

from halab_kernel import Lab
from halab_kernel.values import duration_seconds

from halab_graders.check import AnswerMissing, Mismatch, Tolerance, exercise, require_number
from halab_graders.labs import first_event, fresh_lab


def _seconds(advanced: Any) -> float:
    """The time advanced: seconds, or a duration as lab.advance takes it ("20s", "1min")."""
    if isinstance(advanced, str) and advanced.strip() and not advanced.strip()[-1].isdigit():
        try:
            return duration_seconds(advanced)
        except ValueError as refused:
            raise AnswerMissing(f"my_lab_recipe['advanced']: {refused}") from None
    return require_number(advanced, "my_lab_recipe['advanced'] (seconds)")


@exercise("00.lab-formed", expected="the recipe of your own lab (a dict with its nodes, seed and the seconds "
          "you advanced): rebuilt from it, a 5-node simulated lab whose nodes all share one quorate membership",
          hint="a simulated cluster forms only once virtual time passes: how long did yours need? Advance it a bit "
               "more, look at %status or my_lab.state(), and write down what you did")
def lab_formed(recipe: Any, nodes: int = 5) -> None:
    """The recipe is data, so the check rebuilds the lab it describes instead of trusting a lab object."""
    if not isinstance(recipe, Mapping) or not {"nodes", "seed", "advanced"} <= set(recipe):
        raise AnswerMissing("my_lab_recipe should be a dict such as {'nodes': 5, 'seed': 3, 'advanced': 10}")
    size = require_number(recipe["nodes"], "my_lab_recipe['nodes']")
    seed = require_number(recipe["seed"], "my_lab_recipe['seed']")
    advanced = _seconds(recipe["advanced"])
    if size != nodes:
        raise Mismatch(f"your lab has {size:g} node(s)")
    if not 0 <= advanced <= 3600 or not math.isfinite(seed) or seed != int(seed):
        raise Mismatch("the seed should be a whole number and the time advanced between 0 and 3600 s")
    lab = Lab.simulated(nodes=int(size), seed=int(seed))
    lab.advance(advanced)
    state = lab.state()
    not_quorate = [name for name in state.node_names if not state.quorate(name)]
    memberships = {view.members for view in state.views.values()}
    if not_quorate:
        raise Mismatch(f"at t={state.time:.1f} s these nodes are not (yet) in a quorate membership: "
                       f"{', '.join(not_quorate)}")
    if len(memberships) != 1:
        raise Mismatch(f"the nodes see {len(memberships)} different memberships")


@exercise("00.first-quorum", expected="the virtual time (in seconds) at which the nodes of a fresh 3-node lab "
          "with seed 0 first report quorum, to within 0.01 s",
          hint="list the kinds of event in the table (frame.kind.unique()): one of them says a node's quorum "
               "changed, and its rows say whether it was gained; you want the earliest gain")
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
