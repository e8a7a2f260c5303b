"""The scenario library on the real rig, and the simulator against it (issue 6, item 6).

Each scenario runs on the rig to its outcome within the window stated for real
clusters; then the same scenario runs on a simulator set up like the rig, and
the two outcomes must agree: the resource's final placement, quorum per node,
which node was fenced, and the time to each watched condition within the
scenario's tolerance.
"""

from __future__ import annotations

import pytest

from halab_kernel.model import MembershipChanged, QuorumChanged
from tests.remote import scenarios
from tests.remote.conftest import wait_for, whole

pytestmark = pytest.mark.rig


@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda s: s.name.replace(" ", "-"))
def test_scenario_on_the_rig(scenario_lab, scenario):
    wait_for(scenario_lab, lambda s: whole(s) and scenarios.back_on_holder(s), 90, "whole before the scenario")
    scenario_lab.run("node1", f"crm_resource --cleanup --resource {scenarios.RESOURCE} >/dev/null 2>&1")
    first = len(scenario_lab.events)
    outcome = scenarios.run_scenario(scenario_lab, scenario)
    for label, (low, high) in scenario.expected_window.items():
        assert low <= outcome.timings[label] <= high, f"{label}: {outcome.timings[label]} s not in [{low}, {high}]"
    assert outcome.placement[scenarios.RESOURCE] == (scenarios.HOLDER,)
    assert all(outcome.quorate.values())
    events = scenario_lab.events[first:]
    if scenario.name in ("crash of the resource holder", "partition isolating the holder"):
        assert outcome.fenced == (scenarios.HOLDER,)
        assert any(isinstance(e, MembershipChanged) and scenarios.HOLDER in e.left for e in events)
    else:
        assert outcome.fenced == ()
    if scenario.name in ("partition isolating the holder", "quorum loss"):
        assert any(isinstance(e, QuorumChanged) and e.node == scenarios.HOLDER and not e.quorate for e in events)
    simulated = scenarios.run_scenario(scenarios.simulated_rig(), scenario)
    assert scenarios.compare(scenarios.watched(outcome), scenarios.watched(simulated), scenario.timing_tolerance) == []
