"""The simulator's views against the real Pacemaker 2.1.5 tools over random campaigns.

Seeded, bounded campaigns (tests/view_campaigns.py): crashes, recoveries, partitions, standby
spelt every way, node and cluster maintenance, unmanaged resources, failures with
failure-timeout and migration-threshold, cleanups, bans and moves, fencing switched off and
on, on a cluster with a group, an anonymous clone and a promotable clone. After every step the
observed node's CIB is exported (`cibadmin -Q`) and the real crm_mon (six text forms and XML),
crm_verify, crm_resource, crm_attribute and crm_failcount read it offline; the simulator's
own tools on that node must print the same. When the simulator's scheduler has nothing left
to do, real `crm_simulate -S` on the export must plan nothing either.
benchmarks/bench_views_differential.py runs many more campaigns.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.view_campaigns import Tally, known_gap, run_campaign, shift_cib, shift_dates

pytestmark = pytest.mark.skipif(shutil.which("crm_mon") is None or shutil.which("crm_simulate") is None,
                                reason="real Pacemaker tools not installed (apt-get install pacemaker-cli-utils)")

SEEDS = (101, 102, 103)
STEPS = 8


def test_views_agree_with_the_real_tools_after_every_step_of_random_campaigns() -> None:
    tally = Tally()
    found = []
    with ThreadPoolExecutor(3) as pool:
        for seed in SEEDS:
            found += run_campaign(seed, STEPS, tally, pool)
    new = [difference for difference in found if known_gap(difference) is None]
    assert not new, "\n".join(str(d) for d in new)
    assert tally.steps >= len(SEEDS) * STEPS * 3 // 4 and tally.comparisons >= tally.steps * 12
    assert tally.settled_checks > 0


def test_moving_an_export_in_time_moves_every_date_and_back() -> None:
    """The comparison moves the export to the wall clock for real crm_mon and its dates back."""
    cib = ('<cib cib-last-written="Mon Jan  5 09:00:30 2026"><status><node_state uname="n1"><transient_attributes>'
           '<instance_attributes><nvpair name="last-failure-d#monitor_10000" value="1767603917"/>'
           '</instance_attributes></transient_attributes><lrm><lrm_resources><lrm_resource id="d">'
           '<lrm_rsc_op id="d_last_0" last-rc-change="1767603900" last-run="1767603900"/></lrm_resource>'
           '</lrm_resources></lrm></node_state></status></cib>')
    moved = shift_cib(cib, 86400 * 30)
    assert 'cib-last-written="Wed Feb  4 09:00:30 2026"' in moved
    assert 'value="1770195917"' in moved and 'last-rc-change="1770195900"' in moved
    text = "at Wed Feb  4 09:00:30 2026 and 2026-02-04 09:00:30Z"
    assert shift_dates(text, -86400 * 30) == "at Mon Jan  5 09:00:30 2026 and 2026-01-05 09:00:30Z"


# Situations where the views once differed from the real tools (found by the campaigns above):
# each is replayed and every view compared, so a fix cannot quietly come undone.
SITUATIONS = {
    "running but disabled and unmanaged": ("pcs resource unmanage web", "pcs resource disable d1"),
    "group with a stopped member": ("pcs resource disable d1",),
    "standby and maintenance at once": ("crm_attribute -N node2 -n standby -v Yes", "pcs node maintenance node2"),
    "crashed node in standby": ("crm_standby -N node3 -v on", "crash node3"),
    "clone instance on an unclean node": ("partition node3@9",),
    "cleanup reprobes a running promoted clone": ("pcs resource cleanup",),
    "unmanaged resource's earlier failure": ("fail vip", "pcs property set maintenance-mode=true"),
    "failure on an offline node without fencing": ("pcs property set stonith-enabled=false", "fail p", "partition node1"),
    "partition with an unclean peer (crm_verify warns)": ("partition node2@9",),
    "bans listed last first": ("pcs resource ban d2 node1", "pcs resource ban p-clone node1"),
    "a node back from fencing, still pending (standby to 2.1.5)": ("crash node3@43",),
    "maintenance-mode, the group's node lost (listed by node only)":
        ("pcs property set maintenance-mode=true", "crash vip"),
    "maintenance-mode, every clone instance's node lost (listed by node only)":
        ("pcs node standby node1", "pcs property set maintenance-mode=true", "crash node2", "crash node3"),
    "an unmanaged resource found stopped, its failure expired (stopped, not started)":
        ("pcs resource unmanage web", "fail d1", "pcs resource meta d1 failure-timeout=20s@40"),
    "a failure on a node seen unclean (not listed)": ("fail d2", "partition d2@9"),
    "a node shutting down is not expected up (XML)": ("pcs cluster stop node2@0",),
}


def _replay(lab, step: str) -> None:
    """One step; "@N" at its end: compare N seconds later (default 20), e.g. before fencing is done.
    "crash RSC", "partition RSC": the node RSC runs on."""
    step, _, pause = step.partition("@")
    word, _, rest = step.partition(" ")
    if word == "crash":
        lab.crash(rest if rest.startswith("node") else lab.state().resource(rest).running_on[0])
    elif word == "partition":
        node = rest if rest.startswith("node") else lab.state().resource(rest).running_on[0]
        lab.partition([node], [n for n in ("node1", "node2", "node3") if n != node])
    elif word == "fail":
        lab.fail_resource(rest, lab.state().resource(rest).running_on[0])
    else:
        runner = lab.state().observer
        assert runner is not None and lab.run(runner, step).ok, step
    lab.advance(int(pause or 20))


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_views_agree_with_the_real_tools_in_situations_that_once_differed(situation: str, tmp_path) -> None:
    from tests.view_campaigns import RESOURCES, TEXT_FLAGS, campaign_lab, compare_views

    lab = campaign_lab(0)
    for step in SITUATIONS[situation]:
        _replay(lab, step)
    node = lab.state().observer
    assert node is not None
    commands = [*(f"crm_mon {flags}" for flags in TEXT_FLAGS), "crm_mon --output-as=xml", "crm_verify -L -V",
                *(f"crm_resource --locate -r {rsc}" for rsc in RESOURCES)]
    with ThreadPoolExecutor(3) as pool:
        assert compare_views(lab, node, commands, tmp_path, pool) == []


def test_a_group_with_an_unmanaged_member_is_located_once_per_member_history() -> None:
    """Seed 78014 step 18: d1's history on node2 comes before unmanaged vip's, so 2.1.5's group
    running list holds node2 twice and crm_resource --locate names it twice (found by the campaigns)."""
    tally = Tally()
    with ThreadPoolExecutor(2) as pool:
        found = run_campaign(78014, 19, tally, pool)
    assert not [difference for difference in found if known_gap(difference) is None]
