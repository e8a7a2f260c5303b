"""The parsed configuration is kept per text; the clock is part of the key only when an attribute
set has a rule (a set's date rule is evaluated at parse time, a constraint's by the scheduler)."""

from __future__ import annotations

from halab_kernel.sim.pacemaker.cib.parse import parse_cib

MONDAY_10H, SUNDAY_10H = 1767603600, 1768122000  # 2026-01-05 and 2026-01-11, 10:00 UTC


def cib(date: int, body: str) -> str:
    return (f'<cib epoch="1" num_updates="0" admin_epoch="0" execution-date="{date}"><configuration><crm_config/>'
            f'<nodes><node id="1" uname="node1"/></nodes>{body}</configuration><status/></cib>')


CONSTRAINT_RULE = ('<resources><primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/></resources>'
                   '<constraints><rsc_location id="office" rsc="web"><rule id="office-r" score="100">'
                   '<date_expression id="office-d" operation="date_spec"><date_spec id="office-s" weekdays="1-5"/>'
                   '</date_expression></rule></rsc_location></constraints>')

SET_RULE = ('<resources><primitive id="web" class="ocf" provider="pacemaker" type="Dummy">'
            '<meta_attributes id="web-weekend"><rule id="weekend-r" score="0">'
            '<date_expression id="weekend-d" operation="date_spec"><date_spec id="weekend-s" weekdays="6-7"/>'
            '</date_expression></rule><nvpair id="web-weekend-t" name="target-role" value="Stopped"/>'
            '</meta_attributes></primitive></resources><constraints/>')


def test_a_constraint_date_rule_keeps_one_parse_for_every_date() -> None:
    monday, sunday = parse_cib(cib(MONDAY_10H, CONSTRAINT_RULE)), parse_cib(cib(SUNDAY_10H, CONSTRAINT_RULE))
    assert monday.resources is sunday.resources and monday.locations is sunday.locations
    assert (monday.execution_date, sunday.execution_date) == (MONDAY_10H, SUNDAY_10H)


def test_a_set_date_rule_is_read_at_each_date() -> None:
    monday, sunday = parse_cib(cib(MONDAY_10H, SET_RULE)), parse_cib(cib(SUNDAY_10H, SET_RULE))
    assert "target-role" not in monday.resources[0].meta
    assert sunday.resources[0].meta["target-role"] == "Stopped"
