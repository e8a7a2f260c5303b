"""A transition graph: the actions the DC must carry out, and what waits for what.

This is what the scheduler hands the controller (Pacemaker's transition
graph, `crm_simulate`'s "Executing Cluster Transition"): each action names a
task on a node, and the ids of the actions that must complete before it may
start.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GraphAction:
    id: int
    task: str  # "start", "stop", "monitor", "promote", "demote", "fence"
    node: str
    resource: str | None = None
    interval_ms: int = 0
    after: tuple[int, ...] = ()
    fence_action: str = "reboot"
    target_rc: int = 0  # what success looks like: 8 for the monitor of a promoted instance

    @property
    def is_probe(self) -> bool:
        return self.task == "monitor" and self.interval_ms == 0

    @property
    def key(self) -> str:
        """Pacemaker's operation key: dummy1_start_0, vip_monitor_10000, stonith-node2-reboot."""
        if self.task == "fence":
            return f"stonith-{self.node}-{self.fence_action}"
        return f"{self.resource}_{self.task}_{self.interval_ms}"

    @property
    def expected_rc(self) -> int:
        return 7 if self.is_probe else self.target_rc


@dataclass(frozen=True)
class TransitionGraph:
    actions: tuple[GraphAction, ...] = ()
    summary: tuple[str, ...] = ()  # the Transition Summary lines, e.g. "Move dummy1 ( node2 -> node3 )"

    @property
    def is_empty(self) -> bool:
        return not self.actions
