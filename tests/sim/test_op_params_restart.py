"""A definition change of a resource whose non-recurring operation has instance attributes of its
own (action->extra) restarts it rather than reloading it (calculate_main_digest in 2.1.5;
scheduler/definitions.py). Variants of the public case restart-with-extra-op-params, read from
../shared at test time and judged against the real crm_simulate."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from tests.sim.test_probe_restrictions import check_against_real_crm_simulate

CASE = ("pacemaker-2.1.5", "scheduler", "cases", "restart-with-extra-op-params.xml")
OP_PARAMS = ('            <instance_attributes id="dummy1-start-0-instance_attributes">\n'
             '              <nvpair name="trace_ra" value="1" id="dummy1-start-0-instance_attributes-trace_ra"/>\n'
             '            </instance_attributes>\n')
MONITOR = '<op name="monitor" timeout="20" interval="10" id="dummy1-monitor-10"/>'

EDITS = {
    "as published (the start's own parameter added)": [],
    "a reloadable parameter changed too": [('value="foo"', 'value="bar"')],
    "no parameters of its own: a reload": [(OP_PARAMS, ""), ('value="foo"', 'value="bar"')],
    "the monitor's own parameter: nothing": [(OP_PARAMS, ""), (MONITOR, MONITOR[:-2] + ">" + OP_PARAMS + "</op>")],
    "its own parameter equal to the resource's": [('name="trace_ra" value="1"', 'name="fake" value="foo"')],
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_start_with_its_own_parameters_restarts_as_the_real_crm_simulate(tmp_path, name):
    text = shared_path(*CASE).read_text()
    for old, new in EDITS[name]:
        assert old in text
        text = text.replace(old, new)
    check_against_real_crm_simulate(tmp_path, text)
