"""Checks over ClusterState and events, for nbgrader tests and self-study Check buttons.

Every check takes the student's answer (a number, a function, a set of
names, quorum options, a corosync.conf text), runs it against a fresh seeded
simulated cluster when behaviour is what matters, and returns a `Check`:
passed or not, what was expected (in words, never the answer), what the
cluster did with the relevant events, and a hint. Checks read state and
events, never widgets, and each bounds the computing it does (CPU time).

    _grade("corosync.detection_time", detection_seconds)          # nbgrader test cell (isolated.grade)
    check_button("corosync.detection_time", lambda: detection_seconds)  # self-study, the same path

Test cells and Check buttons never run a check in the student's kernel:
`isolated` hands the answer over as data to a fresh `python -I -m
halab_graders.judge` process, student functions run in `sandbox`, and the
verdict comes back as JSON. `assert_check(checks.x(...))` still works in
one's own code and tests.

Topic modules: `getting_started` (00), `availability` (01), `corosync` (02),
`quorum` (03), `building` (04), `resources` (05), `constraints` (06),
`failover` (07), `fencing` and `topology` (08), `troubleshooting` (09), `capstone` (10), `operations` (11),
`connectivity` (12); `service` holds the service-level checks (a
service up on one node, recovered within a bound after every crash, never running twice)
for the Pacemaker notebooks.

The names below are imported when first used: the judge's sandbox (`halab_graders.sandbox`, started
for each student function a check calls) needs none of them, and importing the simulator's model
for it cost ~50 ms of each start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from halab_graders.check import AnswerMissing, Check, Mismatch, Tolerance, assert_check, exercise
    from halab_graders.labs import Fault, FaultCampaign, event_lines, fresh_lab, lab_from_config, split_brain
    from halab_graders.notebook import Site, lab_site, open_lab
    from halab_graders.selfstudy import CheckButton, check_button, run_safely

_HOMES = {
    "check": ("AnswerMissing", "Check", "Mismatch", "Tolerance", "assert_check", "exercise"),
    "labs": ("Fault", "FaultCampaign", "event_lines", "fresh_lab", "lab_from_config", "split_brain"),
    "notebook": ("Site", "lab_site", "open_lab"),
    "selfstudy": ("CheckButton", "check_button", "run_safely"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "AnswerMissing", "Check", "CheckButton", "Fault", "FaultCampaign", "Mismatch", "Site", "Tolerance", "assert_check",
    "check_button", "event_lines", "exercise", "fresh_lab", "lab_from_config", "lab_site", "open_lab", "run_safely",
    "split_brain",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'halab_graders' has no attribute {name!r}")
    return getattr(importlib.import_module(f"halab_graders.{_HOME[name]}"), name)
