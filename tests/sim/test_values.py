"""One set of value parsers, with Pacemaker's rules (crm_get_msec, crm_is_true, char2score)."""

from __future__ import annotations

import pytest

from halab_kernel import values
from halab_kernel.model import ActionFinished
from tests.sim.topology import RESOURCES, service_lab


@pytest.mark.parametrize(("text", "ms"), [
    ("10", 10_000), ("10s", 10_000), ("10sec", 10_000), ("10 seconds", 10_000), ("1min", 60_000),
    ("1m", 60_000), ("2h", 7_200_000), ("2hr", 7_200_000), ("500ms", 500), ("500msec", 500),
    ("1.5s", 1_000), ("PT10S", 10_000), ("P1D", 86_400_000), ("PT1H30M", 5_400_000),
    ("10x", 0), ("", 0), (None, 0), ("soon", 0),
])
def test_intervals_read_as_crm_parse_interval_spec(text: str | None, ms: int) -> None:
    assert values.interval_ms(text) == ms


@pytest.mark.parametrize(("text", "truth"), [
    ("y", True), ("Yes", True), ("on", True), ("1", True), ("TRUE", True),
    ("n", False), ("off", False), ("0", False), ("maybe", False), ("", False),
])
def test_booleans_read_as_crm_is_true(text: str, truth: bool) -> None:
    assert values.is_true(text) is truth
    assert values.is_true(None, default=True) is True


@pytest.mark.parametrize(("text", "score"), [
    ("INFINITY", 1_000_000), ("+INFINITY", 1_000_000), ("-infinity", -1_000_000), ("100", 100),
    ("-50", -50), ("2000000", 1_000_000), ("green", 0), ("nonsense", 0), (None, 0),
])
def test_scores_read_as_char2score(text: str | None, score: int) -> None:
    assert values.char2score(text) == score


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 1e300, -1, "-5s", b"10", [10], None, True, "5 parsecs"])
def test_typed_durations_refuse_what_would_never_finish(bad: object) -> None:
    with pytest.raises(ValueError):
        values.duration_seconds(bad)


def test_a_monitor_spelt_10sec_runs_and_notices_a_failure() -> None:
    """`op monitor interval=10sec` is 10 s for the scheduler and for the monitor that runs it."""
    spelt = RESOURCES.replace('interval="10s" id="dummy1-monitor-interval-10s"',
                              'interval="10sec" id="dummy1-monitor-interval-10s"')
    lab = service_lab()
    assert lab.run("node1", f"cibadmin --replace -o resources -X '{spelt}'").ok
    assert lab.wait_until(lambda s: bool(s.resource("dummy1").nodes), 60)
    lab.advance(15)
    where = lab.state().resource("dummy1").nodes[0]
    lab.fail_resource("dummy1")
    failed_at = lab.now
    lab.advance(12)
    noticed = [e for e in lab.events if isinstance(e, ActionFinished) and e.time >= failed_at
               and e.resource == "dummy1" and e.action == "monitor" and e.rc == 7 and e.node == where]
    assert noticed and noticed[0].time - failed_at <= 10.5
