"""Fresh seeded labs, a student's configuration applied to one, fault campaigns.

Checks never grade the student's own lab object: its history depends on
what they clicked and ran. They build a fresh simulated lab with a known
seed, apply the student's answer to it (a corosync.conf text, quorum
options, a function's prediction), drive it, and read `ClusterState` and
events. That makes every verdict reproducible and independent of widgets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from halab_kernel import Lab, fault_words
from halab_kernel.model import ClusterState, Cut, Event, LogLine

from halab_graders.check import Mismatch

SETTLE_SECONDS = 10.0  # a simulated cluster of up to 16 nodes forms within this
NOTABLE_KINDS = ("fault_injected", "token_lost", "membership_changed", "quorum_changed", "expected_votes_changed",
                 "daemon_started", "daemon_stopped", "dc_elected", "node_fenced", "action_finished")


def fresh_lab(nodes: int = 3, seed: int = 0, corosync: str | Mapping[str, Any] | None = None,
              start: Sequence[str] | None = None, settle: float = SETTLE_SECONDS) -> Lab:
    """A simulated lab, already `settle` virtual seconds old (formed and quorate by default)."""
    lab = Lab.simulated(nodes=nodes, seed=seed, corosync=corosync, start=start)
    if settle:
        lab.advance(settle)
    return lab


def drew_nothing(lab: Lab, seed: int) -> bool:
    """Whether the simulated `lab`, made with `seed`, never drew from its random source: the seed's only use in the
    simulator (fence delays, disk and cluster identifiers), so a lab of any other seed given the same commands would
    have run exactly the same."""
    sim = getattr(lab.backend, "sim", None)
    return sim is not None and sim.rng.getstate() == random.Random(seed).getstate()


def lab_from_config(corosync: str | Mapping[str, Any], *, nodes: int = 3, seed: int = 0,
                    start: Sequence[str] | None = None, settle: float = SETTLE_SECONDS, what: str = "your configuration") -> Lab:
    """A fresh lab running the student's corosync.conf text or option dict.

    When corosync would refuse the configuration, the check fails with
    corosync's own message, as the student would read it in the journal.
    """
    if not isinstance(corosync, (str, Mapping)):
        raise Mismatch(f"{what} should be a corosync.conf text (a string) or a dict of sections, "
                       f"not {type(corosync).__name__}")
    if isinstance(corosync, Mapping):
        for section, options in corosync.items():
            if not isinstance(options, Mapping):
                raise Mismatch(f"{what}: section {section!r} should map option names to values, "
                               f"e.g. {{'quorum': {{'two_node': 1}}}}")
    try:
        lab = fresh_lab(nodes=nodes, seed=seed, corosync=corosync, start=start, settle=settle)
    except ValueError as refused:  # CorosyncConfigError and LabError are ValueErrors with corosync's words
        raise Mismatch(f"corosync refuses to start with {what}: {refused}",
                       hint="read the message like a journal line: it names the key (and line) it did not accept") from None
    # corosync -t accepts some files that votequorum then refuses at start: corosync exits and says why in its journal
    first = start[0] if start else lab.node_names[0]
    journal = lab.run(first, "journalctl -u corosync").output if settle else ""
    failed = next((line for line in journal.splitlines() if "failed to load for reason" in line), None)
    if failed is not None:
        reason = failed.split("failed to load for reason", 1)[1].strip(" '")
        raise Mismatch(f"corosync refuses to start with {what}: {reason}",
                       events=[failed], hint="read the message like a journal line: it names what it did not accept")
    return lab


# --- reading what happened ------------------------------------------------------------


def event_lines(events: Iterable[Event], *, kinds: Sequence[str] = NOTABLE_KINDS, nodes: Iterable[str] | None = None,
                since: float | None = None, until: float | None = None, limit: int = 14) -> list[str]:
    """The events worth showing a student, one line each ("  18.030 s node1  new membership ...").

    Faults are always shown; other events only on `nodes` (default: all). When
    there are more than `limit`, the latest are kept: they are closest to what
    went wrong.
    """
    wanted_nodes = set(nodes) if nodes is not None else None
    lines = []
    for event in events:
        if isinstance(event, LogLine) or event.kind not in kinds:
            continue
        if (since is not None and event.time < since) or (until is not None and event.time > until):
            continue
        if (wanted_nodes is not None and event.kind != "fault_injected" and event.node is not None
                and event.node not in wanted_nodes):
            continue
        lines.append(f"{event.time:9.3f} s  {event.node or '-':<8} {event.message}")
    if len(lines) > limit:
        lines = [f"... {len(lines) - limit} earlier event(s)"] + lines[-limit:]
    return lines


def first_event(events: Iterable[Event], predicate: Callable[[Event], bool]) -> Event | None:
    return next((event for event in events if predicate(event)), None)


def split_brain(state: ClusterState) -> tuple[tuple[str, ...], ...]:
    """The memberships that are quorate at the same time, when there is more than one."""
    rings = {view.members for view in state.views.values() if view.quorate}
    return tuple(sorted(rings)) if len(rings) > 1 else ()


def detection_seconds(lab: Lab, victim: str) -> float:
    """Crash `victim` now and return how long the survivors take to install a membership without it."""
    crashed_at = lab.now
    before = len(lab.events)
    lab.crash(victim)
    lab.advance(120)
    for event in lab.events[before:]:
        if event.kind == "membership_changed" and victim in getattr(event, "left", ()):
            return event.time - crashed_at
    raise Mismatch(f"the survivors never noticed {victim} had gone (within 120 s)",
                   events=event_lines(lab.events[before:]))


# --- fault campaigns ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """One fault of a campaign: what to do, to whom, how long after the previous one."""

    after: float  # seconds after the previous fault (or the campaign's start)
    action: str  # "crash", "restart", "stop", "start", "partition", "heal"
    nodes: tuple[str, ...] = ()  # the target, or for a partition the first group
    others: tuple[str, ...] = ()  # a partition's second group

    def describe(self) -> str:
        if self.action == "partition":
            return f"partition {' '.join(self.nodes)} / {' '.join(self.others)}"
        return f"{self.action} {' '.join(self.nodes)}".strip()

    def apply(self, lab: Lab) -> None:
        """Injected as a `Fault` value, through the one fault contract (halab_kernel/fault_target.py)."""
        if self.action == "partition":
            lab.inject(Cut(tuple(group for group in (self.nodes, self.others) if group)))
        else:
            lab.inject(fault_words.parse([self.action, *self.nodes[:1]], lab.node_names))


@dataclass(frozen=True)
class FaultCampaign:
    """A reproducible sequence of faults, for checks that a design survives more than one story."""

    faults: tuple[Fault, ...]

    @classmethod
    def randomised(cls, nodes: Sequence[str], seed: int, count: int = 6, spacing: tuple[float, float] = (20.0, 45.0),
                   partitions: bool = True, max_down: int | None = None) -> FaultCampaign:
        """Crashes, restarts, partitions and heals, never downing every node; healed and restarted at the end.

        `max_down` bounds how many nodes are down at once (default: all but one).
        """
        rng = random.Random(seed)
        most_down = len(nodes) - 1 if max_down is None else min(max_down, len(nodes) - 1)
        down: list[str] = []
        cut = False
        faults: list[Fault] = []
        for _ in range(count):
            after = round(rng.uniform(*spacing), 1)
            up = [name for name in nodes if name not in down]
            choices = ["crash"] * (len(down) < most_down) + ["restart"] * bool(down) + ["partition"] * (partitions and not cut and len(up) > 2) + ["heal"] * cut
            action = rng.choice(choices)
            if action == "crash":
                victim = rng.choice(up)
                down.append(victim)
                faults.append(Fault(after, "crash", (victim,)))
            elif action == "restart":
                back = rng.choice(down)
                down.remove(back)
                faults.append(Fault(after, "restart", (back,)))
            elif action == "partition":
                shuffled = list(nodes)
                rng.shuffle(shuffled)
                split = rng.randint(1, len(shuffled) - 1)
                faults.append(Fault(after, "partition", tuple(sorted(shuffled[:split])), tuple(sorted(shuffled[split:]))))
                cut = True
            else:
                faults.append(Fault(after, "heal"))
                cut = False
        if cut:
            faults.append(Fault(spacing[0], "heal"))
        faults += [Fault(spacing[0], "restart", (name,)) for name in down]
        return cls(tuple(faults))

    def play(self, lab: Lab, observe: Callable[[Lab, Fault | None], None] | None = None, *,
             step: float = 0.5, tail: float = 30.0) -> None:
        """Inject each fault in turn; `observe(lab, current_fault)` after every `step` virtual seconds.

        `observe` raises Mismatch to stop the campaign at the first misbehaviour.
        """
        current: Fault | None = None
        for fault in (*self.faults, None):
            wait = fault.after if fault is not None else tail
            waited = 0.0
            while waited < wait:
                piece = min(step, wait - waited)
                lab.advance(piece)
                waited += piece
                if observe is not None:
                    observe(lab, current)
            if fault is not None:
                fault.apply(lab)
                current = fault

    def describe(self) -> list[str]:
        at = 0.0
        lines = []
        for fault in self.faults:
            at += fault.after
            lines.append(f"+{at:6.1f} s  {fault.describe()}")
        return lines
