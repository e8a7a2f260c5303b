"""The scenario library on the simulator alone (no rig needed): each scenario reaches the outcome
a real cluster reaches, within the windows measured on real clusters."""

from __future__ import annotations

import pytest

from tests.remote import scenarios


@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda s: s.name.replace(" ", "-"))
def test_scenario_on_the_simulator(scenario) -> None:
    outcome = scenarios.run_scenario(scenarios.simulated_rig(), scenario)
    for label, (low, high) in scenario.expected_window.items():
        assert low <= outcome.timings[label] <= high, f"{label}: {outcome.timings[label]} s not in [{low}, {high}]"
    assert outcome.placement[scenarios.RESOURCE] == (scenarios.HOLDER,)
    assert all(outcome.quorate.values())
    fencing = scenario.name in ("crash of the resource holder", "partition isolating the holder")
    assert outcome.fenced == ((scenarios.HOLDER,) if fencing else ())
    print(scenario.name, outcome.timings)
