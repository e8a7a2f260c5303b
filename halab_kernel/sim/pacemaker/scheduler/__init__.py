"""Pacemaker 2.1.5's scheduler: `schedule(cib) -> Transition`, pure and deterministic."""

from .render import render_scores, render_simulation
from .schedule import schedule
from .transition import (NodeStatus, PlannedAction, ResourceStatus, ResourceView, ScoreLine,
                         SummaryItem, Transition)

__all__ = ["NodeStatus", "PlannedAction", "ResourceStatus", "ResourceView", "ScoreLine",
           "SummaryItem", "Transition", "render_scores", "render_simulation", "schedule"]
