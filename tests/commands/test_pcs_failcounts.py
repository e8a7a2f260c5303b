"""`pcs resource|stonith failcount` of a CIB file with a status section, against real `pcs -f`.

A CIB saved from a running cluster (`pcs cluster cib FILE`) holds the fail-count-* and last-failure-*
transient attributes pcs reads: sums per node (INFINITY wins), --full per operation and interval, clone
instances under their resource, a count that is no number (1), a last failure alone (0), the filters
and their errors.
"""

from __future__ import annotations

import pytest

from tests.commands import operator_sequences as gen
from tests.commands import pcs_differential as diff

pytestmark = pytest.mark.skipif(not diff.real_pcs_available(),
                                reason="real pcs is not installed (apt install pcs pacemaker-cli-utils)")

STATUS = """<status>
<node_state id="1" uname="node1"><transient_attributes id="1"><instance_attributes id="status-1">
  <nvpair id="a1" name="fail-count-d1#monitor_10000" value="3"/>
  <nvpair id="a2" name="last-failure-d1#monitor_10000" value="1700000000"/>
  <nvpair id="a3" name="fail-count-d1#start_0" value="INFINITY"/>
  <nvpair id="a4" name="fail-count-c1:0#monitor_10000" value="2"/>
  <nvpair id="a5" name="fail-count-d2#stop_0" value="x"/>
  <nvpair id="a6" name="pingd" value="1000"/></instance_attributes></transient_attributes></node_state>
<node_state id="2" uname="node2"><transient_attributes id="2"><instance_attributes id="status-2">
  <nvpair id="b1" name="fail-count-d1#monitor_10000" value="1"/>
  <nvpair id="b2" name="fail-count-c1:1#monitor_10000" value="5"/>
  <nvpair id="b3" name="last-failure-d3#monitor_20000" value="17"/>
  <nvpair id="b4" name="fail-count-f1#monitor_60000" value="+INFINITY"/></instance_attributes></transient_attributes>
</node_state></status>"""

COMMANDS = [
    "resource failcount", "resource failcount show", "resource failcount show --full", "resource failcount show d1",
    "resource failcount show d1 --full", "resource failcount show c1", "resource failcount show d1 node=node1",
    "resource failcount show node=node2", "resource failcount show d1 operation=monitor",
    "resource failcount show d1 operation=monitor interval=10s", "resource failcount show d1 operation=start interval=0",
    "resource failcount show d1 operation=monitor interval=10000ms", "resource failcount show d1 interval=10s",
    "resource failcount show d1 interval=x", "resource failcount show d1 node1", "resource failcount show d1 bogus=1",
    "resource failcount show d1 bogus=1 other=2", "resource failcount show d1 node=", "resource failcount show nope",
    "resource failcount show d1 node=node1 node=node2", "resource failcount show d2", "resource failcount show d3",
    "resource failcount show d1 --force", "resource failcount reset d1", "resource failcount bogus",
    "stonith failcount", "stonith failcount show f1 --full", "stonith failcount reset",
    "resource failcount show operation=monitor interval=10s", "resource failcount show f1",
]


def _cib_with_status() -> str:
    cib = gen.start_cib()
    for empty in ("<status/>", "<status></status>"):
        cib = cib.replace(empty, "")
    return cib.replace("</cib>", STATUS + "</cib>")


@pytest.mark.slow
def test_failcounts_of_a_file_match_real_pcs() -> None:
    found = diff.differences_each(COMMANDS, _cib_with_status())
    assert not found, "\n".join(f"pcs {c} [{a}]\n{gen.describe(a, t, m)[:1500]}" for c, a, t, m in found)


def test_failcounts_without_status_say_none() -> None:
    step = diff.run_ours(["resource failcount show d1"], gen.start_cib())[0]
    assert (step.rc, step.stdout) == (0, "No failcounts for resource 'd1'\n")
