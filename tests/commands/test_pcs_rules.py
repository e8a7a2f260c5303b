"""Rules and lifetimes: what the differential corpus cannot pin down (dates, "now").

`pcs resource ban R N lifetime=P1D` writes a rule that ends at now + 1 day;
the corpus masks the end (real pcs ran at another second), so it is checked
here with a fixed "now". Date validity is checked against pacemaker's own
`iso8601 -d`, which is what real pcs asks.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone

import pytest
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from halab_kernel.commands.pcs.isodates import is_iso8601_date
from tests.commands.pcs_differential import BASE_CIB

NOW = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)


def _run(cib: etree._Element, line: str, now: datetime = NOW):
    outcome = run_pcs(["-f", "cib.xml", *line.split()], cib, offline=True, now=now)
    return outcome, outcome.cib if outcome.cib is not None else cib


def _with_dummy() -> etree._Element:
    _, cib = _run(etree.fromstring(BASE_CIB.encode()), "resource create d ocf:pacemaker:Dummy --no-default-ops")
    return cib


@pytest.mark.parametrize("lifetime, end", [
    ("P1D", "2026-01-06 09:00:00Z"), ("PT1H", "2026-01-05 10:00:00Z"),
    ("P1Y2M3DT4H5M6S", "2027-03-08 13:05:06Z"), ("P1M", "2026-02-05 09:00:00Z"), ("1D", "2026-01-06 09:00:00Z"),
])
def test_a_ban_with_a_lifetime_ends_at_now_plus_the_lifetime(lifetime: str, end: str) -> None:
    outcome, cib = _run(_with_dummy(), f"resource ban d node1 lifetime={lifetime}")
    assert outcome.result.rc == 0
    assert f"Migration will take effect until: {end}" in outcome.result.stderr
    location = cib.find("configuration/constraints/rsc_location")
    assert location.get("id") == "cli-ban-d-on-node1" and location.get("node") is None
    rule = location.find("rule")
    assert (rule.get("score"), rule.get("boolean-op")) == ("-INFINITY", "and")
    assert rule.find("expression").attrib["value"] == "node1"
    assert rule.find("date_expression").attrib["end"] == end


def test_a_second_ban_is_merged_into_the_first_as_crm_resource_modifies_it() -> None:
    """A lifetime ban over a plain one keeps node/score beside the rule: the schema refuses it, nothing changes;
    a lifetime ban over a lifetime ban moves its end, in place."""
    _, cib = _run(_with_dummy(), "resource ban d node1")
    refused, after = _run(cib, "resource ban d node1 lifetime=P1D")
    assert refused.result.rc == 1 and refused.cib is None
    assert refused.result.stderr.splitlines()[0] == "Error: cannot ban resource 'd'"
    assert "crm_resource: Error performing operation: Invalid configuration" in refused.result.stderr
    _, cib = _run(_with_dummy(), "resource ban d node1 lifetime=P1D")
    _, cib = _run(cib, "resource ban d node2 lifetime=P1D")
    moved, cib = _run(cib, "resource ban d node1 lifetime=P2D")
    assert moved.result.rc == 0
    locations = cib.findall("configuration/constraints/rsc_location")
    assert [loc.get("id") for loc in locations] == ["cli-ban-d-on-node1", "cli-ban-d-on-node2"]
    assert locations[0].find("rule/date_expression").get("end") == "2026-01-07 09:00:00Z"


@pytest.mark.parametrize("lifetime, message", [
    ("-P1D", "crm_resource: Unknown option -1"), ("-PG", "crm_resource: Missing argument for -G"),
    ("-Pu5", "Invalid duration specified: 5"), ("-12", "Invalid duration specified: -12"),
    ("-PT1H", "Invalid duration specified: -P"),
])
def test_a_lifetime_starting_with_a_dash_is_read_as_crm_resource_reads_it(lifetime: str, message: str) -> None:
    outcome, _ = _run(_with_dummy(), f"resource ban d node1 lifetime={lifetime}")
    assert outcome.result.rc == 1
    assert outcome.result.stderr.splitlines()[:2] == ["Error: cannot ban resource 'd'", message]


def test_clear_expired_keeps_a_ban_whose_end_is_this_very_second() -> None:
    """crm_resource compares whole seconds and wants now after the end: P0D cleared at once stays."""
    _, cib = _run(_with_dummy(), "resource ban d node1 lifetime=P0D")
    kept, _ = _run(cib, "resource clear d --expired", now=NOW.replace(microsecond=500000))
    assert "Removing constraint" not in kept.result.stderr
    gone, after = _run(cib, "resource clear d --expired", now=NOW.replace(second=1))
    assert "Removing constraint: cli-ban-d-on-node1" in gone.result.stderr
    assert after.find("configuration/constraints/rsc_location") is None


def test_an_expired_rule_is_hidden_until_asked_for() -> None:
    _, cib = _run(_with_dummy(), "constraint location d rule date lt 2026-01-01")
    shown, _ = _run(cib, "constraint location")
    assert "location-d" not in shown.result.stdout
    everything, _ = _run(cib, "constraint location --all")
    assert "Constraint (expired): location-d" in everything.result.stdout
    before, _ = _run(cib, "constraint location", now=datetime(2025, 12, 1, tzinfo=timezone.utc))
    assert "Constraint: location-d" in before.result.stdout


def test_a_rule_with_two_operators_in_a_row_is_refused_unchanged() -> None:
    outcome, cib = _run(_with_dummy(), "constraint location d rule foo eq eq 1")
    assert outcome.result.rc == 1 and outcome.cib is None
    assert "is not a valid rule expression" in outcome.result.stderr


DATES = ["2020-01-01", "2020-13-01", "2020-02-30", "2024-02-29", "2023-02-29", "2020-W01-1", "2020-W54-1",
         "2020-366", "2021-366", "2020-01-01 12:00:00", "2020-01-01T25:00:00", "2020-01-01 12:00", "20200101",
         "abc", "2020-1-1", "2020-01-01Z", "2020-01-01abc", "2020-1-32", "2020-01-01T", "2020-01-01T12:60",
         "2020-01-01T24:00:00", "2020-01-01T12:00:60", "2020-00-01", "2020-W00-1", "2020-W01-8", "2020-000",
         "2020-W01", "2020-01-01t12", "2020", "2020-01", "2020-01-01  x", "2020-01-01 1:2:3"]


@pytest.mark.skipif(shutil.which("iso8601") is None, reason="pacemaker's iso8601 is not installed")
def test_dates_are_valid_where_pacemakers_iso8601_says_so() -> None:
    for text in DATES:
        real = subprocess.run(["iso8601", "-d", text], capture_output=True, timeout=10).returncode == 0
        assert is_iso8601_date(text) == real, text


def test_lifetimes_read_as_crm_time_parse_duration() -> None:
    """Units in any order, Y and M set (M: months before the T, minutes after it), the rest add up."""
    from halab_kernel.commands.pcs.isodates import Duration, parse_duration

    assert parse_duration("P1H") == parse_duration("1H") == Duration(months=0, seconds=3600)
    assert parse_duration("P1H30M") == Duration(months=30, seconds=3600)
    assert parse_duration("PT1H1D") == Duration(months=0, seconds=90000)
    assert parse_duration("P1Y2M3DT4H5M6S") == Duration(months=14, seconds=3 * 86400 + 4 * 3600 + 5 * 60 + 6)
    assert parse_duration("PT") == Duration(months=0, seconds=0)
    for invalid in ("P", "PT1.5H", "P1d", "P1", "Px"):
        assert parse_duration(invalid) is None, invalid
