"""Settled live labs, judged by the real scheduler: `crm_simulate -x CIB -S` must plan nothing.

After each runtime scenario (crash and fencing, standby, failures with and without
failure-timeout, on-fail=block, groups, clones anonymous and globally-unique, promotable,
constraints, maintenance, resource definition changes) the lab's CIB is exported with
`cibadmin -Q` and handed to the installed crm_simulate at the lab's own clock. A settled
cluster leaves nothing to do: any action the real scheduler wants (a restart for a stale
op-digest, a cancel of a monitor under maintenance, an instance recorded under the wrong
name) is something the simulator did not do as Pacemaker 2.1.5 does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel import Lab, values
from halab_kernel.model import ActionFinished
from halab_kernel.sim.pacemaker import digests
from tests.conftest import shared_path
from tests.runtime_scenarios import SCENARIOS, base_lab, scenario_lab

pytestmark = pytest.mark.skipif(shutil.which("crm_simulate") is None,
                                reason="real crm_simulate not installed (apt-get install pacemaker-cli-utils)")

# Definition changes: pcs changes a resource's parameters; the cluster restarts, reloads or
# reschedules as the real scheduler decides from the recorded digests.
DEFINITION_CHANGES = {
    "IPaddr2 ip changed (restart, group follows)": "pcs resource update vip ip=10.200.0.101",
    "reloadable Dummy parameter changed (reload-agent)": "pcs resource update d1 fake=2",
    "legacy-reload Dummy unique parameter changed (restart)": "pcs resource update d2 state=/run/d2.state",
    "fence device parameter changed (restart)": "pcs stonith update fence1 pcmk_host_list='node1 node2'",
    "monitor timeout changed (monitor rescheduled)": "pcs resource update d2 op monitor interval=15s timeout=40s",
}


def real_transition(lab: Lab, tmp_path: Path) -> list[str]:
    """The actions real crm_simulate plans on the lab's exported CIB, at the lab's time."""
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    moment = datetime.fromtimestamp(values.unix_time(lab.now), tz=timezone.utc)
    result = subprocess.run(["crm_simulate", "-x", str(cib), "-S", "-t", f"{moment:%Y-%m-%d %H:%M:%S}Z"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    planned = result.stdout.split("Transition Summary:", 1)[1].split("Revised Cluster Status:", 1)[0]
    return [line.strip() for line in planned.splitlines() if re.match(r"\s+\* ", line)]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_real_crm_simulate_plans_nothing_after_a_settled_scenario(scenario: str, tmp_path: Path) -> None:
    lab = scenario_lab(scenario)
    assert real_transition(lab, tmp_path) == []


@pytest.mark.parametrize("change", sorted(DEFINITION_CHANGES))
def test_a_definition_change_is_carried_out_as_pacemaker_does(change: str, tmp_path: Path) -> None:
    lab = base_lab()
    result = lab.run("node1", DEFINITION_CHANGES[change])
    assert result.ok, result.stderr
    lab.advance(60)
    assert real_transition(lab, tmp_path) == []


def test_a_changed_ip_restarts_the_resource_and_the_group_after_it() -> None:
    """Real: "Restart vip (node2) due to resource definition change", d1 "due to required vip start"."""
    lab = base_lab()
    before = len(lab.events)
    assert lab.run("node1", "pcs resource update vip ip=10.200.0.101").ok
    lab.advance(60)
    done = [(e.resource, e.action) for e in lab.events[before:] if isinstance(e, ActionFinished)]
    assert [step for step in done if step[1] in ("stop", "start")] == [
        ("d1", "stop"), ("vip", "stop"), ("vip", "start"), ("d1", "start")]


def test_unique_clone_instances_are_recorded_under_their_own_names() -> None:
    lab = scenario_lab("globally-unique clone")
    exported = lab.run("node1", "cibadmin -Q").stdout
    assert 'lrm_resource id="u:0"' in exported and 'lrm_resource id="u"' not in exported
    assert "ORPHANED" not in lab.run("node1", "crm_mon -1r").stdout


ALL_DIGESTS = ("op-digest", "op-restart-digest", "op-secure-digest", "op-force-restart", "op-secure-params")


def _digest_agreement(files, names: tuple[str, ...] = ALL_DIGESTS) -> tuple[int, int]:
    """(equal, different) digest attributes: each record's against what digests.py computes from
    the same CIB's configuration (primitives with rule-based parameters left out, and fence devices:
    their controller hashes what the fencer hands it, while the scheduler -- and so crm_simulate on
    an export -- hashes the configuration, which is what the simulator records)."""
    equal = different = 0
    for path in files:
        root = etree.parse(str(path)).getroot()
        primitives = {p.get("id"): p for p in root.iterfind(".//configuration/resources//primitive")}
        for record in root.iterfind(".//lrm_rsc_op"):
            primitive = primitives.get(record.getparent().get("id", "").split(":")[0])
            if primitive is None or record.get("op-digest") is None or primitive.find(".//rule") is not None \
                    or primitive.get("class") == "stonith":
                continue
            ours = digests.operation_digests(primitive, record.get("operation", ""),
                                             int(record.get("interval", "0"))).attributes()
            for name in names:
                if record.get(name) is not None and name in ours:
                    equal, different = (equal + 1, different) if ours[name] == record.get(name) \
                        else (equal, different + 1)
    return equal, different


def test_digests_equal_the_real_clusters_records() -> None:
    """Every digest attribute the real 2.1.5 cluster recorded (captures) is what the simulator computes."""
    captures = sorted(shared_path("pacemaker-2.1.5", "captures").glob("**/cibadmin-Q.xml"))
    equal, different = _digest_agreement(captures)
    assert equal >= 300 and different == 0, (equal, different)


def test_op_digests_of_the_public_scheduler_cases() -> None:
    """The scheduler's regression CIBs come from many Pacemaker versions and agents (and some were
    edited by hand): most of their op-digests still equal 2.1.5's computation."""
    cases = sorted(shared_path("pacemaker-2.1.5", "scheduler", "cases").glob("*.xml"))
    equal, different = _digest_agreement(cases, ("op-digest",))
    assert equal / (equal + different) >= 0.95, (equal, different)
