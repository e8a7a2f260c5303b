"""The controller's states, named as Pacemaker names them, instead of bare strings.

`Join` is where a node's controller stands with its partition's DC (what the CIB's node_state
records as join/expected); `Fsa` is the part of controld's finite state automaton a DC goes
through for each transition (crmd/fsa_defines.h: S_IDLE, S_POLICY_ENGINE, S_TRANSITION_ENGINE),
which `pcs ... --wait` waits to see back at S_IDLE.

How a node's join state moves (controller.py):

    event                                 join state after it
    Pacemaker starts on the node          PENDING
    it joins a DC, or an election ends    MEMBER
    its Pacemaker stops (or dies)         DOWN
"""

from __future__ import annotations

from enum import Enum


class Join(Enum):
    """A node's controller as its DC's join rounds see it."""

    DOWN = "down"  # Pacemaker does not run there (or its death was noticed)
    PENDING = "pending"  # started, looking for a DC to join
    MEMBER = "member"  # joined a DC (or is the DC)


class Fsa(Enum):
    """A DC's place in its transition cycle."""

    S_IDLE = "S_IDLE"  # nothing running, nothing about to be computed
    S_POLICY_ENGINE = "S_POLICY_ENGINE"  # the scheduler runs within the second
    S_TRANSITION_ENGINE = "S_TRANSITION_ENGINE"  # actions of a transition are in flight
