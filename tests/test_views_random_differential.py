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
