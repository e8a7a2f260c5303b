"""Service-level checks: does the student's cluster keep a service up, and never run it twice?

These are the checks of the Pacemaker notebooks (resources, constraints,
failover, capstone). They read only `ClusterState.resources` and events,
which both backends fill, and judge a *service*: a set of resources that
must all be active, each on exactly one node, all on the same node (a web
server is useless without its address on that machine).

    lab = fresh_lab()
    apply_commands(lab, student_commands)          # the student's pcs commands, as typed
    history = watch_service(lab, ("vip", "web"), campaign)
    history.ran_twice, history.outages, history.longest_outage()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from halab_kernel import Lab
from halab_kernel.model import ClusterState

from halab_graders.check import AnswerMissing, Mismatch, exercise
from halab_graders.labs import Fault, FaultCampaign, event_lines, fresh_lab
from halab_graders.meta_names import (
    op_default_mismatch, require_dashed_meta_names, require_meta_where_read, resource_meta_as_op_default,
)
from halab_graders.roles import require_roles_taken

SERVICE_KINDS = ("fault_injected", "membership_changed", "quorum_changed", "dc_elected", "action_finished", "node_fenced")


def command_lines(commands: Any, what: str = "your commands") -> list[str]:
    """The student's commands: one text with one command a line, or a list of them, read as a shell reads a
    script: a line ending in a backslash goes on on the next one, '#' starts a comment, and `a && b` or `a; b`
    are two commands."""
    if isinstance(commands, str):
        text = commands
    elif isinstance(commands, (list, tuple)) and all(isinstance(line, str) for line in commands):
        text = "\n".join(commands)
    else:
        raise AnswerMissing(f"{what} should be text (one command a line) or a list of command strings")
    found = [command for command in _shell_commands(text) if command]
    if not found:
        raise AnswerMissing(f"{what} hold no command yet")
    return found


def _shell_commands(text: str) -> list[str]:
    """`text` split where a shell ends a command (newline, ';', '&&'), outside quotes, without comments."""
    commands: list[str] = []
    current: list[str] = []
    quote = ""
    index = 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\" and quote == '"' and index + 1 < len(text):
                current.append(text[index:index + 2])
                index += 2
                continue
            quote = "" if char == quote else quote
            current.append(char)
        elif char == "\\" and text[index + 1:index + 2] == "\n":
            index += 2  # a continued line
            continue
        elif char == "\\" and index + 1 < len(text):
            current.append(text[index:index + 2])
            index += 2
            continue
        elif char in "'\"":
            quote = char
            current.append(char)
        elif char == "#" and (not current or current[-1].isspace()):
            while index < len(text) and text[index] != "\n":
                index += 1
            continue
        elif char in "\n;" or text.startswith("&&", index):
            commands.append("".join(current).strip())
            current = []
            index += 2 if char == "&" else 1
            continue
        else:
            current.append(char)
        index += 1
    commands.append("".join(current).strip())
    return commands


def apply_commands(lab: Lab, commands: Any, node: str | None = None, what: str = "your commands") -> None:
    """Run each command on `node` (default: the first), stopping with pcs's own words at the first failure; then
    fail a role filter the configuration sets on a resource that never takes that role (roles.py), and a meta
    attribute spelt with underscores, or stored where Pacemaker does not read it (meta_names.py)."""
    where = node or lab.node_names[0]
    for line in command_lines(commands, what):
        result = lab.run(where, line)
        if not result.ok:
            misplaced = resource_meta_as_op_default(line)
            if misplaced:  # refused by the simulator; ignored by a real cluster
                raise op_default_mismatch(misplaced)
            raise Mismatch(f"`{line}` failed on {where} (exit code {result.rc}): {result.output.strip()[:400]}",
                           hint="run the same command in your notebook and read its message")
    require_roles_taken(lab)
    require_dashed_meta_names(lab)
    require_meta_where_read(lab)


def active_nodes(state: ClusterState, resource: str) -> tuple[str, ...]:
    """Where `resource` really runs (on every side of a split), not what one node's crm_mon shows."""
    try:
        return state.resource(resource).really_on
    except KeyError:
        return ()


def service_up(state: ClusterState, resources: Sequence[str]) -> bool:
    """Every resource active on exactly one node, all on the same node."""
    placements = [active_nodes(state, resource) for resource in resources]
    return all(len(nodes) == 1 for nodes in placements) and len({nodes[0] for nodes in placements}) == 1


@dataclass
class ServiceHistory:
    """What a service did during a watch: when it was down, and when a resource ran on two nodes at once."""

    resources: tuple[str, ...]
    outages: list[tuple[float, float | None]] = field(default_factory=list)  # (down since, back at) ; None: still down
    ran_twice: list[tuple[float, str, tuple[str, ...]]] = field(default_factory=list)  # (time, resource, nodes)
    faults: list[tuple[float, str]] = field(default_factory=list)
    holder: str | None = None  # where the service last ran
    moves: list[tuple[float, str, str, bool]] = field(default_factory=list)  # (time, from, to, needed)

    def record(self, state: ClusterState, fault: Fault | None = None) -> None:
        """Note outages, double placements and moves; a move is needed only when the fault in force (the last one
        injected) crashed or cut off the node the service left."""
        up = service_up(state, self.resources)
        if up:
            where = active_nodes(state, self.resources[0])[0]
            if self.holder is not None and where != self.holder:
                needed = fault is not None and fault.action in ("crash", "stop", "partition") and self.holder in fault.nodes
                self.moves.append((state.time, self.holder, where, needed))
            self.holder = where
        if not up and (not self.outages or self.outages[-1][1] is not None):
            self.outages.append((state.time, None))
        elif up and self.outages and self.outages[-1][1] is None:
            self.outages[-1] = (self.outages[-1][0], state.time)
        for resource in self.resources:  # where it really runs: one crm_mon never sees both sides of a split
            nodes = state.resource(resource).really_on if resource in {r.id for r in state.resources} else ()
            if len(nodes) > 1 and not any(seen[1] == resource for seen in self.ran_twice):
                self.ran_twice.append((state.time, resource, nodes))

    def longest_outage(self, now: float) -> float:
        return max(((end if end is not None else now) - start for start, end in self.outages), default=0.0)


def watch_service(lab: Lab, resources: Sequence[str], campaign: FaultCampaign, step: float = 0.5,
                  tail: float = 60.0) -> ServiceHistory:
    """Play `campaign` on `lab`, sampling the service every `step` virtual seconds."""
    history = ServiceHistory(tuple(resources))
    history.record(lab.state())

    def observe(lab: Lab, fault: Any) -> None:
        if fault is not None and (not history.faults or history.faults[-1][1] != fault.describe()):
            history.faults.append((lab.now, fault.describe()))
        history.record(lab.state(), fault)

    campaign.play(lab, observe, step=step, tail=tail)
    return history


def crash_campaign(nodes: Sequence[str], seed: int, count: int = 4) -> FaultCampaign:
    """Crashes and restarts that never take down more than one node at a time (quorum always survives)."""
    return FaultCampaign.randomised(nodes, seed=seed, count=count, spacing=(60.0, 90.0), partitions=False, max_down=1)


def _names(resources: Iterable[str]) -> str:
    return ", ".join(resources)


@exercise("service.survives", expected="after your commands, the service (all its resources on one node) runs, comes "
          "back within the allowed time after every crash of a node, and never runs on two nodes at once",
          hint="a resource that must be where another one is needs a colocation constraint; one that needs another "
               "started first needs an order constraint (or put both in a group)")
def service_survives(commands: Any, resources: Sequence[str] = ("vip", "web"), *, nodes: int = 3, seed: int = 0,
                     campaign_seed: int = 1, faults: int = 4, recover_within: float = 30.0) -> None:
    lab = fresh_lab(nodes=nodes, seed=seed, settle=30.0)
    apply_commands(lab, commands)
    if not lab.wait_until(lambda state: service_up(state, resources), 60):
        state = lab.state()
        placed = "; ".join(f"{name} on {', '.join(active_nodes(state, name)) or 'no node'}" for name in resources)
        raise Mismatch(f"60 s after your commands the service is not up together on one node ({placed})",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=state.time - 60))
    started = lab.now
    campaign = crash_campaign(lab.node_names, campaign_seed, faults)
    history = watch_service(lab, resources, campaign)
    if history.ran_twice:
        when, resource, where = history.ran_twice[0]
        raise Mismatch(f"{resource} was active on {', '.join(where)} at the same time (t={when:.1f} s)",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=max(started, when - 30)))
    longest = history.longest_outage(lab.now)
    if longest > recover_within:
        down_at = max(history.outages, key=lambda outage: ((outage[1] or lab.now) - outage[0]))[0]
        raise Mismatch(f"the service ({_names(resources)}) was down for {longest:.1f} s from t={down_at:.1f} s "
                       f"(allowed: {recover_within:g} s) during: {'; '.join(fault for _, fault in history.faults)}",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=max(started, down_at - 5)))
