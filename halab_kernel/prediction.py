"""The simulator's prediction beside what a real cluster really did, for the same fault.

On real nodes a cell can ask: "what did the model say would happen, and what
happened?". `predict_vs_real(lab, "crash", "node2")` reads the real cluster's
own configuration (corosync.conf and the CIB's configuration section), builds
a simulator from it, injects the fault there first (the prediction is made
before the real fault), then injects the same fault on the real nodes and
watches both for the same time at the same polling interval. What each side
shows is folded into milestones ("node2 offline", "node2 fenced", "sc on
node1", "node2 inquorate"), each at the first poll that saw it; the two
timelines are set side by side with every difference named.

What the simulator cannot copy is said, not hidden (`notes`): a fence agent
it does not know is simulated as `fence_dummy` with the same host list. Where
the simulator first placed a resource elsewhere than reality (placement also
depends on history), it is moved to its real node and the move cleared before
the fault, and `notes` says so.
Tolerance: docs/cluster.md's timing table puts the simulator within about
1.5 s of the rig on crashes and partitions; with 0.5 s polling on both sides
the default tolerance is 3 s, the failure scenarios' own (tests/remote/scenarios.py).
"""

from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from halab_kernel.errors import LabError
from halab_kernel.fault_target import group_tuples
from halab_kernel.model import (
    ClusterState, Crash, Cut, FailResource, Fault, Fence, Kill, NodeFenced, PowerOff, Standby, Stop,
)

if TYPE_CHECKING:
    import pandas

    from halab_kernel.lab import Lab

TOLERANCE = 3.0  # seconds: see the module docstring
POLL = 0.5  # seconds between looks, on both sides
RIG_BOOT_SECONDS = 8.0  # the rig's fenced node boots again after this (its node_init's BOOT_DELAY)
FAULTS = ("crash", "kill", "power_off", "stop", "fence", "standby", "partition", "fail_resource")


@dataclass(frozen=True)
class Comparison:
    """Predicted and real milestones of one fault, side by side."""

    fault: str
    seconds: float
    tolerance: float
    predicted: tuple[tuple[float, str], ...]  # (seconds after the fault, milestone), first sighting each
    real: tuple[tuple[float, str], ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def frame(self) -> pandas.DataFrame:
        """One row per milestone: when predicted, when seen for real, the gap, and whether they agree."""
        import pandas

        predicted, real = dict((m, t) for t, m in self.predicted), dict((m, t) for t, m in self.real)
        order = sorted(set(predicted) | set(real), key=lambda m: min(predicted.get(m, math.inf), real.get(m, math.inf)))
        rows = []
        for milestone in order:
            p, r = predicted.get(milestone), real.get(milestone)
            gap = None if p is None or r is None else round(r - p, 1)
            rows.append({"milestone": milestone, "predicted (s)": p, "real (s)": r, "real - predicted (s)": gap,
                         "agrees": gap is not None and abs(gap) <= self.tolerance})
        return pandas.DataFrame(rows, columns=["milestone", "predicted (s)", "real (s)", "real - predicted (s)",
                                               "agrees"])

    @property
    def differences(self) -> list[str]:
        """Every way reality departed from the prediction, in words."""
        said = []
        for row in self.frame.itertuples(index=False):
            milestone, p, r, gap = row[0], row[1], row[2], row[3]
            if p is None or (isinstance(p, float) and math.isnan(p)):
                said.append(f"'{milestone}' happened ({r} s) but was not predicted")
            elif r is None or (isinstance(r, float) and math.isnan(r)):
                said.append(f"'{milestone}' was predicted ({p} s) but did not happen within {self.seconds:g} s")
            elif abs(gap) > self.tolerance:
                said.append(f"'{milestone}' came {abs(gap):.1f} s {'later' if gap > 0 else 'earlier'} than predicted "
                            f"({r} s vs {p} s; tolerance {self.tolerance:g} s)")
        return said

    def agrees(self, milestone: str) -> bool:
        rows = self.frame[self.frame["milestone"] == milestone]
        return bool(len(rows)) and bool(rows["agrees"].iloc[0])

    def figure(self) -> Any:
        """The two timelines as a plotly figure: one row for the prediction, one for reality."""
        import plotly.graph_objects as go

        figure = go.Figure()
        for label, points, symbol in (("predicted (simulator)", self.predicted, "circle-open"),
                                      ("real", self.real, "circle")):
            figure.add_trace(go.Scatter(x=[t for t, _ in points], y=[label] * len(points), mode="markers+text",
                                        text=[m for _, m in points], textposition="top center", name=label,
                                        marker={"symbol": symbol, "size": 11}))
        figure.update_layout(title=f"{self.fault}: predicted vs real", xaxis_title="seconds after the fault",
                             height=320, showlegend=False, margin={"t": 50, "b": 40})
        return figure

    def _repr_html_(self) -> str:
        from html import escape

        items = "".join(f"<li>{escape(d)}</li>" for d in self.differences) or "<li>none: reality kept to the prediction</li>"
        notes = "".join(f"<li>{escape(n)}</li>" for n in self.notes)
        return (f"<b>{escape(self.fault)}</b>: predicted vs real (tolerance {self.tolerance:g} s)"
                + self.frame.to_html(index=False, na_rep="-") + f"<p>Differences:</p><ul>{items}</ul>"
                + (f"<p>What the simulator could not copy:</p><ul>{notes}</ul>" if notes else ""))


def predict_vs_real(lab: Lab, fault: str, *args: Any, seconds: float = 30.0, tolerance: float = TOLERANCE) -> Comparison:
    """Inject `fault(*args)` on a simulator built from `lab`'s real configuration, then on `lab` itself,
    and compare what both show over `seconds`. `lab` must be real nodes with faults allowed."""
    if lab.kind == "sim":
        raise LabError("this lab is already the simulator: a prediction is compared with real nodes "
                       "(Lab.ssh(inventory=...) on `halab rig up` or your own cluster)")
    if fault not in FAULTS:
        raise LabError(f"unknown fault {fault!r} (choose: {', '.join(FAULTS)})")
    value = as_fault(fault, args)
    simulator, notes = simulator_like(lab)
    notes += _align_placement(simulator, lab.state())
    predicted = _watch(simulator, value, seconds)
    real = _watch(lab, value, seconds)
    return Comparison(f"{fault} {' '.join(map(_words, args))}".strip(), seconds, tolerance, predicted, real, tuple(notes))


def simulator_like(lab: Lab) -> tuple[Lab, list[str]]:
    """A simulated lab with the real cluster's corosync.conf and CIB configuration, settled; and what it could not copy."""
    from halab_kernel.lab import Lab
    from halab_kernel.sim.agents.metadata import find_agent

    node = lab.node_names[0]
    conf = _must(lab, node, "cat /etc/corosync/corosync.conf")
    try:
        configuration = etree.fromstring(_must(lab, node, "cibadmin -Q -o configuration").encode())
    except etree.XMLSyntaxError as error:  # 2.1.5 stops escaping a value after its first non-ASCII character
        raise LabError(f"cannot read this cluster's configuration as XML ({error}); a value with a non-ASCII "
                       "character followed by <, & or \" is printed unescaped by Pacemaker 2.1.5's cibadmin") from None
    is_rig = lab.run(node, "command -v rig-stack >/dev/null").rc == 0
    notes = [] if is_rig else ["a fenced node is predicted to boot again after 30 s (the simulator's default); "
                               "yours may take longer or not come back"]
    for device in configuration.iterfind(".//primitive[@class='stonith']"):
        if find_agent(f"stonith:{device.get('type')}") is None:
            notes.append(f"fence device {device.get('id')} (stonith:{device.get('type')}) is simulated as fence_dummy "
                         "with the same host list: the simulator does not know that agent")
            device.set("type", "fence_dummy")
            for pair in device.iterfind("instance_attributes/nvpair"):
                if not pair.get("name", "").startswith("pcmk_"):
                    pair.getparent().remove(pair)
    simulator = Lab.simulated(corosync=conf, reboot_seconds=RIG_BOOT_SECONDS if is_rig else 30.0)
    xml = etree.tostring(configuration, encoding="unicode")
    result = simulator.run(simulator.node_names[0], f"cibadmin --replace -o configuration --xml-text {shlex.quote(xml)}")
    if not result.ok:
        raise LabError(f"the simulator refused this cluster's configuration: {result.output.strip()[:300]}")
    simulator.wait_until(lambda s: _settled(s) and not _starting(s), 120)  # a resource may rightly stay stopped
    simulator.advance(10)  # the probes' and first transitions' aftermath
    if not simulator.wait_until(_settled, 60):
        notes.append("the simulated cluster did not settle within 190 s of simulated time")
    return simulator, notes


def as_fault(name: str, args: tuple) -> Fault:
    """`predict_vs_real("crash", "node2")`'s fault as a value (model.py), the same one injected on both labs
    through the fault contract (fault_target.py): the arguments are those of the Lab method of that name."""
    kinds: dict[str, type[Fault]] = {"crash": Crash, "kill": Kill, "power_off": PowerOff, "stop": Stop, "fence": Fence,
                                     "standby": Standby, "fail_resource": FailResource}
    try:
        return Cut(group_tuples(args)) if name == "partition" else kinds[name](*args)
    except TypeError as error:
        raise LabError(f"{name}: {error}") from None


def _watch(lab: Lab, fault: Fault, seconds: float) -> tuple[tuple[float, str], ...]:
    """Inject the fault, then look every POLL seconds for `seconds`: each milestone at its first sighting."""
    before = _milestones(lab.state())
    first_event = len(lab.events)
    lab.inject(fault)
    start = lab.now
    seen: dict[str, float] = {}
    while True:
        now = lab.now - start
        fenced = {f"{e.target} fenced" for e in lab.events[first_event:] if isinstance(e, NodeFenced) and e.ok}
        for milestone in (_milestones(lab.state()) - before) | fenced:
            seen.setdefault(milestone, round(now, 1))
        if now >= seconds:
            break
        lab.advance(min(POLL, max(0.0, seconds - now)))
    return tuple(sorted(((t, m) for m, t in seen.items()), key=lambda item: (item[0], item[1])))


def _milestones(state: ClusterState) -> set[str]:
    """What a state shows, as sentences that can be compared across backends."""
    shown = set()
    for node in state.nodes:
        if node.status != "online":
            shown.add(f"{node.name} {'offline' if node.status in ('offline', 'unclean') else node.status}")
        if not state.quorate(node.name) and node.powered:
            shown.add(f"{node.name} inquorate")
    for resource in state.resources:
        if resource.kind == "primitive" and resource.agent and not resource.agent.startswith("stonith:"):
            shown.add(f"{resource.id} on {' '.join(resource.nodes) or 'no node'}")
    return shown


def _align_placement(simulator: Lab, real: ClusterState) -> list[str]:
    """Start the prediction where reality is: resources the simulator placed elsewhere are moved to their real
    node and the move constraint cleared (as `pcs resource move` does; with nothing else changing the
    scheduler keeps a resource where it runs). Returns what still differs, and what was aligned."""
    def misplaced() -> dict[str, str]:
        state = simulator.state()
        wanted = {}
        for resource in state.resources:
            if resource.kind != "primitive" or not _has(real, resource.id):
                continue
            there = real.resource(resource.id).nodes
            if len(there) == 1 and set(resource.nodes) != set(there):
                wanted[resource.parent or resource.id] = there[0]
        return wanted

    moved = misplaced()
    node = simulator.node_names[0]
    for resource, where in moved.items():
        simulator.run(node, f"crm_resource --move --resource {shlex.quote(resource)} --node {shlex.quote(where)}")
    if moved:
        simulator.wait_until(lambda s: not misplaced(), 60)
        for resource in moved:
            simulator.run(node, f"crm_resource --clear --resource {shlex.quote(resource)}")
        simulator.advance(5)
    notes = [f"the simulator first placed {', '.join(sorted(moved))} elsewhere: moved to the real node(s) before "
             "the fault"] if moved else []
    left = misplaced()
    if left:
        notes.append("before the fault the simulator's placement still differs: "
                     + "; ".join(f"{r} (real on {n})" for r, n in sorted(left.items())))
    return notes


def _has(state: ClusterState, resource: str) -> bool:
    try:
        state.resource(resource)
    except KeyError:
        return False
    return True


def _whole(state: ClusterState) -> bool:
    return all(n.status == "online" for n in state.nodes) and all(state.quorate(n) for n in state.node_names)


def _settled(state: ClusterState) -> bool:
    """Every node online and quorate, and no resource active on two nodes (outside clones) any more."""
    clones = {r.id for r in state.resources if r.kind in ("clone", "bundle")}
    return _whole(state) and not any(r.kind == "primitive" and len(r.nodes) > 1 and r.parent not in clones
                                     for r in state.resources)


def _starting(state: ClusterState) -> bool:
    """Some resource has no node yet: the first transitions are still placing."""
    return any(r.kind == "primitive" and not r.nodes for r in state.resources)


def _must(lab: Lab, node: str, command: str) -> str:
    result = lab.run(node, command)
    if not result.ok:
        raise LabError(f"cannot read the real configuration ({command} on {node}): {result.output.strip()[:200]}")
    return result.stdout


def _words(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(map(_words, value)) + "]"
    return str(value)

