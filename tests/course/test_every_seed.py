"""A verdict that holds for every seed is judged once: 12's office-hours week under its hidden test's other seed.

`check.EVERY_SEED`: a check that passed on a run that drew nothing from its random source (the
seed's only use in the simulator) says so, and the warm judge answers a request that differs only
in its `seed` option with that verdict instead of simulating the same week again. These tests show
the run really is every seed's run, that only such verdicts are kept, and what the key leaves out.
"""

from __future__ import annotations

import json

import pytest

from halab_graders import connectivity
from halab_graders.isolated import run_check, to_data
from halab_graders.labs import drew_nothing
from halab_graders.warm_judge import seedless
from halab_kernel import Lab
from tests.course.warm_judges import private_warm_judge

MODEL = ["pcs property set cluster-recheck-interval=5min",
         "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2"]
LATE = MODEL[1]  # the default 15-minute recheck: web leaves node2 too late after 18:00


def test_a_lab_drew_nothing_until_a_command_draws_from_its_random_source():
    lab = Lab.simulated(nodes=2, seed=3, bare=True)
    assert drew_nothing(lab, 3)
    assert not drew_nothing(lab, 4)  # another seed's source is another state
    assert lab.run("node1", "pcs host auth node1 node2 -u hacluster -p secret").ok
    assert drew_nothing(lab, 3)
    assert lab.run("node1", "pcs cluster setup lab node1 node2").ok  # its cluster_uuid is drawn
    assert not drew_nothing(lab, 3)


@pytest.mark.slow
def test_the_office_hours_week_is_the_same_on_every_seed_and_says_so():
    first, other = connectivity.office_hours(MODEL), connectivity.office_hours(MODEL, seed=5)
    assert first.passed and first.every_seed and other.every_seed
    assert {**vars(first), "seconds": 0} == {**vars(other), "seconds": 0}
    late = connectivity.office_hours(LATE)
    assert not late.passed and not late.every_seed


def test_the_key_leaves_out_the_seed_and_nothing_else():
    def request(answer, **options):
        return json.dumps({"check": "connectivity.office_hours", "answer": to_data(answer), "options": to_data(options)})

    assert seedless(request(MODEL)) == seedless(request(MODEL, seed=5)) is not None
    assert seedless(request(MODEL)) != seedless(request(LATE))
    assert seedless(request(MODEL)) != seedless(request(MODEL, seeds=(5,)))
    assert seedless(request(MODEL, seed=5)) != seedless(request(MODEL, seed=5, cases=3))
    assert seedless(json.dumps({"check": "connectivity.office_hours", "answer": 1, "options": ["seed"]})) is None
    assert seedless("not json") is None


@pytest.fixture
def warm_judge():
    with private_warm_judge():
        yield


@pytest.mark.slow
def test_the_warm_judge_answers_another_seed_with_a_kept_verdict_and_judges_the_rest(warm_judge):
    first = run_check("connectivity.office_hours", MODEL)
    again = run_check("connectivity.office_hours", MODEL, {"seed": 5})
    assert first["passed"] and first["every_seed"]
    assert again == first  # the kept line itself: the same wall time to the microsecond
    late, late_again = (run_check("connectivity.office_hours", LATE, options) for options in ({}, {"seed": 5}))
    assert not late["passed"] and late_again["seconds"] != late["seconds"]  # a failed verdict is judged each time
    plain, plain_again = (run_check("corosync.detection_time", 8.03) for _ in range(2))
    assert plain["passed"] and not plain["every_seed"] and plain_again["seconds"] != plain["seconds"]


# the course's model answers of checks that ran the same lab under the hidden test's other seed (issue 18)
SEEDLESS_MODELS = [
    ("resources.vip_monitored", "pcs property set stonith-enabled=false\npcs resource create vip "
                                "ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s"),
    ("constraints.stays_put", "pcs resource defaults update resource-stickiness=100"),
    ("failover.migration_policy", "pcs resource meta web migration-threshold=2"),
    ("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2min"),
    ("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 4}),
]


@pytest.mark.parametrize("check, answer", SEEDLESS_MODELS, ids=[check for check, _ in SEEDLESS_MODELS])
def test_a_lab_check_that_drew_nothing_says_every_seed_and_another_seed_agrees(check, answer):
    from halab_graders.judge import resolve

    run = resolve(check)
    first, other = run(answer), run(answer, seed=7)
    assert first.passed and first.every_seed
    assert (other.passed, other.observed, other.events) == (first.passed, first.observed, first.events)


def test_a_failed_lab_check_never_says_every_seed():
    from halab_graders.failover import migration_policy

    wrong = migration_policy("pcs resource meta web migration-threshold=1")
    assert not wrong.passed and not wrong.every_seed
