"""Failure scenarios as data, runnable on any Lab-like object: the real rig today, the simulator later.

Each scenario is a list of steps on a generic object with the Backend
protocol plus the fault methods (`SshBackend` has them; the simulator's
backend will). Running one gives an `Outcome`: final placement, quorum per
node, which nodes were fenced, and when the watched conditions first held
(seconds after the fault). Two outcomes are compared by `compare`, with the
timing tolerance the scenario states: that is the hook for the sim-vs-rig
differential tests (issue 6, item 6), which need the simulator's Pacemaker
controller first.

Every scenario starts from a whole cluster and uses its own resource `sc`
(ocf:pacemaker:Dummy, monitor every 10 s) placed on node2 by a location
preference, so that "the resource holder" is known in advance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence

from halab_kernel.model import ClusterState, Event, NodeFenced

RESOURCE = "sc"
HOLDER = "node2"
SETUP = (
    f"pcs resource create {RESOURCE} ocf:pacemaker:Dummy op monitor interval=10s meta resource-stickiness=0",
    f"pcs constraint location {RESOURCE} prefers {HOLDER}=100",
)
TEARDOWN = (f"pcs resource delete {RESOURCE} --force",)


class LabLike(Protocol):
    @property
    def now(self) -> float: ...
    @property
    def events(self) -> Sequence[Event]: ...
    def run(self, node: str, command: str) -> Any: ...
    def state(self) -> ClusterState: ...
    def advance(self, seconds: float) -> Sequence[Event]: ...


Condition = Callable[[ClusterState], bool]


@dataclass(frozen=True)
class Step:
    """`fault`: call lab.<name>(*args) and start the clock; `until`: wait (bounded) for a named condition."""

    verb: str  # "fault" | "until" | "advance"
    name: str = ""
    args: tuple = ()
    condition: Condition | None = None
    within: float = 60.0


@dataclass(frozen=True)
class Scenario:
    name: str
    steps: tuple[Step, ...]
    timing_tolerance: float  # seconds two backends may differ on each watched condition
    expected_window: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # real cluster, seconds


@dataclass(frozen=True)
class Outcome:
    placement: Mapping[str, tuple[str, ...]]
    quorate: Mapping[str, bool]
    fenced: tuple[str, ...]
    timings: Mapping[str, float]


def runs_elsewhere(state: ClusterState) -> bool:
    nodes = state.resource(RESOURCE).nodes
    return bool(nodes) and HOLDER not in nodes


def back_on_holder(state: ClusterState) -> bool:
    return state.resource(RESOURCE).nodes == (HOLDER,)


def whole(state: ClusterState) -> bool:
    return all(n.status == "online" for n in state.nodes) and all(state.quorate(n) for n in state.node_names)


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("crash of the resource holder", (
        Step("fault", "crash", (HOLDER,)),
        Step("until", "holder offline", condition=lambda s: s.node(HOLDER).status in ("offline", "unclean")),
        Step("until", "resource elsewhere", condition=runs_elsewhere),
        Step("until", "whole again", condition=lambda s: whole(s) and back_on_holder(s), within=90),
    ), timing_tolerance=3.0, expected_window={"resource elsewhere": (5.0, 25.0)}),
    Scenario("partition isolating the holder", (
        Step("fault", "partition", ([HOLDER],)),
        Step("until", "holder inquorate", condition=lambda s: not s.quorate(HOLDER)),
        Step("until", "resource elsewhere", condition=runs_elsewhere),
        Step("fault", "heal"),
        Step("until", "whole again", condition=lambda s: whole(s) and back_on_holder(s), within=90),
    ), timing_tolerance=3.0, expected_window={"holder inquorate": (3.0, 20.0)}),
    Scenario("monitor failure", (
        Step("fault", "fail_resource", (RESOURCE, HOLDER)),
        Step("until", "failure counted", condition=lambda s: s.resource(RESOURCE).failcounts.get(HOLDER, 0) >= 1),
        Step("until", "recovered in place", condition=back_on_holder),
    ), timing_tolerance=2.0, expected_window={"failure counted": (0.0, 10.0)}),
    Scenario("standby of the holder", (
        Step("fault", "standby", (HOLDER, True)),
        Step("until", "resource elsewhere", condition=runs_elsewhere),
        Step("fault", "standby", (HOLDER, False)),
        Step("until", "back on holder", condition=back_on_holder),
    ), timing_tolerance=2.0, expected_window={"resource elsewhere": (0.0, 10.0)}),
    Scenario("quorum loss", (
        Step("fault", "stop", ("node1",)),
        Step("fault", "stop", ("node3",)),
        Step("until", "holder inquorate", condition=lambda s: not s.quorate(HOLDER)),
        Step("until", "resource stopped", condition=lambda s: not s.resource(RESOURCE).nodes),
        Step("fault", "start", ("node1",)),
        Step("fault", "start", ("node3",)),
        Step("until", "whole again", condition=lambda s: whole(s) and back_on_holder(s), within=90),
    ), timing_tolerance=3.0, expected_window={"resource stopped": (0.0, 15.0)}),
)


def run_scenario(lab: Any, scenario: Scenario, poll: float = 0.5) -> Outcome:
    """Play the steps on `lab`; timings are seconds since the first fault."""
    first_event = len(lab.events)
    started: float | None = None
    timings: dict[str, float] = {}
    state = lab.state()
    for step in scenario.steps:
        if step.verb == "fault":
            getattr(lab, step.name)(*step.args)
            started = lab.now if started is None else started
        elif step.verb == "advance":
            lab.advance(float(step.args[0]))
        else:
            waiting_since = lab.now
            condition = step.condition
            assert condition is not None, f"{scenario.name}: an 'until' step needs a condition"
            while not condition(state := lab.state()):
                if lab.now - waiting_since > step.within:
                    raise AssertionError(f"{scenario.name}: not '{step.name}' within {step.within:.0f} s")
                lab.advance(poll)
            timings[step.name] = round(lab.now - (started or 0.0), 1)
    fenced = tuple(e.target for e in list(lab.events)[first_event:] if isinstance(e, NodeFenced) and e.ok)
    return Outcome(
        placement={r.id: r.nodes for r in state.resources if r.kind == "primitive"},
        quorate={n: state.quorate(n) for n in state.node_names},
        fenced=fenced,
        timings=timings,
    )


def compare(a: Outcome, b: Outcome, tolerance: float) -> list[str]:
    """What differs between two runs of one scenario (empty when they agree)."""
    differences = []
    for what in ("placement", "quorate", "fenced"):
        if getattr(a, what) != getattr(b, what):
            differences.append(f"{what}: {getattr(a, what)} != {getattr(b, what)}")
    for label in sorted(set(a.timings) | set(b.timings)):
        x, y = a.timings.get(label), b.timings.get(label)
        if x is None or y is None or abs(x - y) > tolerance:
            differences.append(f"time to '{label}': {x} s vs {y} s (tolerance {tolerance} s)")
    return differences


def simulated_rig(seed: int = 0) -> Any:
    """A simulated lab set up like the namespaced rig: 3 nodes, default token, a fence device,
    fenced nodes booting again after 8 s (the rig's poison-pill agent), `web` and `sc` created,
    `sc` running on its preferred node."""
    from halab_kernel import Lab

    lab = Lab.simulated(nodes=3, seed=seed, reboot_seconds=8.0)
    if not lab.wait_until(lambda s: s.dc is not None and whole(s), 60):
        raise AssertionError("the simulated cluster did not form")
    for command in ("pcs property set stonith-enabled=true",
                    "pcs stonith create fence-rig fence_dummy pcmk_host_list='node1 node2 node3'",
                    "pcs resource create web ocf:pacemaker:Dummy op monitor interval=5s", *SETUP):
        result = lab.run("node1", command)
        if result.rc:
            raise AssertionError(f"{command}: {result.output}")
    if not lab.wait_until(lambda s: back_on_holder(s) and bool(s.resource("web").nodes), 30):
        raise AssertionError("sc did not start on its preferred node")
    lab.advance(10)
    return lab


def watched(outcome: Outcome) -> Outcome:
    """What a sim-vs-rig comparison looks at: the scenario's own resource, quorum, fencing, and the
    timings of what the cluster does about a fault. Not compared: where the rig's other resources
    sit (it depends on the tests it ran before), and "whole again" after stacks are restarted,
    which on the rig is dominated by its init's start-up and the machine's load (4.3 s to 10.3 s
    seen for the same step)."""
    timings = {label: seconds for label, seconds in outcome.timings.items() if label != "whole again"}
    return Outcome({RESOURCE: outcome.placement.get(RESOURCE, ())}, outcome.quorate, outcome.fenced, timings)
