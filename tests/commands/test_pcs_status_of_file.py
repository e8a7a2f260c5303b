"""`pcs -f FILE status nodes`, `status cluster` and `status xml` against real pcs 0.11.5 on public scheduler
cases' CIBs: the same output (but for crm_mon's "Last updated" time), or a refusal by name where the
simulator's crm_mon does not reproduce the file (remote nodes, bundles, location sets, ...)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from tests.scheduler_verdicts import ORACLE

CASES = ("utilization-shuffle", "multiple-monitor-one-failed", "promoted-9", "rec-node-12", "coloc-unpromoted-anti",
         "standby", "node-maintenance-1", "bug-lf-2171", "migrate-partial-4", "remote-move", "bundle-order-startup")
VIEWS = ("status nodes", "status cluster", "status nodes --full", "status cluster extra")

pytestmark = pytest.mark.skipif(not ORACLE.exists() or shutil.which("pcs") is None,
                                reason="needs ../shared/pacemaker-2.1.5/scheduler and the real pcs")


def _shown(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Last updated:" not in line]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("case", CASES)
def test_status_views_of_a_file_are_real_pcs_or_refused_by_name(case: str, view: str) -> None:
    path = ORACLE / "cases" / f"{case}.xml"
    if not path.exists():
        pytest.skip(f"{case} is not among the public cases")
    real = subprocess.run(["pcs", "-f", str(path), *view.split()], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LC_ALL": "C"})
    ours = run_pcs(["-f", "cib.xml", *view.split()], etree.parse(str(path)).getroot()).result
    if ours.rc != 0 and "not simulated" in ours.stderr:
        assert "halab rig up" in ours.stderr and real.returncode == 0
        return
    assert (ours.rc, _shown(ours.stdout), ours.stderr.strip()) == \
        (real.returncode, _shown(real.stdout), real.stderr.strip())


def test_the_views_that_read_this_machine_or_a_live_cluster_stay_refused(tmp_path: Path) -> None:
    root = etree.parse(str(ORACLE / "cases" / "standby.xml")).getroot()
    outcome = run_pcs(["-f", "cib.xml", "status", "nodes", "config"], root).result
    assert outcome.rc == 1 and "not simulated" in outcome.stderr
    both = run_pcs(["-f", "cib.xml", "status", "nodes", "both"], root).result
    assert both.stderr.strip() == "Error: Specified option '-f' is not supported in this command"


@pytest.mark.parametrize("case", ["shutdown-lock", "failcount", "696", "whitebox-fail1", "migrate-fail-7", "cloned-group"])
def test_resource_list_of_a_file_is_real_pcs_or_refused_by_name(case: str) -> None:
    """crm_mon's reading of the file at pcs's "now" (failures expired, shutdown locks), or crm_mon's refusal where
    its resource list is not reproduced (pending actions, guest nodes, partial migrations, duplicate instances)."""
    from datetime import datetime, timezone

    path = ORACLE / "cases" / f"{case}.xml"
    real = subprocess.run(["pcs", "-f", str(path), "resource", "status"], capture_output=True, text=True, timeout=120)
    ours = run_pcs(["-f", "cib.xml", "resource", "status"], etree.parse(str(path)).getroot(),
                   now=datetime.now(timezone.utc)).result
    if case in ("shutdown-lock", "failcount"):
        assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)
    else:
        assert ours.rc == 1 and "crm_mon: not simulated: " in ours.stderr and real.returncode == 0
    if case == "shutdown-lock":
        assert "Stopped node2 (LOCKED)" in ours.stdout


# what each shows: tickets (several, in GLib's order; named only by a constraint), bans from and-/or-rules
# and fixed locations, a lost ticket's freeze and fence, failure_ignored, ping 'expected' where ping runs,
# a shutdown lock, fail counts expired or not, rc -2 read as 0, target-role=#default, a node without status and
# fencing off, an on-fail=block failure kept past its failure-timeout, node health (strategy none with a red
# attribute: green; red; yellow), bans through tags and templates, operations in flight (Starting, Monitoring,
# Migrating); then refusals
REFUSED_XML = ("remote-move", "promoted-ordering", "696")
XML_CASES = ("migrate-partial-4", "tags-ticket", "ticket-rsc-sets-5", "bug-lf-2508", "stonith-0", "migrate-shutdown",
             "ticket-clone-12", "ticket-clone-21", "bug-5069-op-disabled", "on-fail-ignore", "bnc-515172",
             "shutdown-lock", "expire-non-blocked-failure", "promoted-demote", "failcount", "novell-239082",
             "stop-failure-no-quorum", "params-6", "load-stopped-loop", "standby", "one-or-more-0", "failcount-block",
             "bug-pm-11", "systemhealth3", "systemhealthm3", "systemhealtho2", "tags-location",
             "location-sets-templates", "764", "mon-rsc-3", "bug-5186-partial-migrate", *REFUSED_XML)


def _without_update_time(text: str) -> str:
    return re.sub(r'<last_update time="[^"]*"/>', "", text)


@pytest.mark.parametrize("case", XML_CASES)
def test_status_xml_of_a_file_is_real_pcs_or_refused_by_name(case: str) -> None:
    """`pcs -f FILE status xml` prints crm_mon's XML of the file as real pcs 0.11.5 does (but for the clock),
    or is refused by name: never a different document."""
    from datetime import datetime, timezone

    path = ORACLE / "cases" / f"{case}.xml"
    if not path.exists():
        pytest.skip(f"{case} is not among the public cases")
    real = subprocess.run(["pcs", "-f", str(path), "status", "xml"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LC_ALL": "C"})
    ours = run_pcs(["-f", "cib.xml", "status", "xml"], etree.parse(str(path)).getroot(),
                   now=datetime.now(timezone.utc)).result
    if case in REFUSED_XML:
        assert ours.rc == 1 and "not simulated" in ours.stderr and "halab rig up" in ours.stderr
        assert real.returncode == 0
        return
    assert (ours.rc, _without_update_time(ours.stdout), ours.stderr) == \
        (real.returncode, _without_update_time(real.stdout), real.stderr)
    if case == "migrate-partial-4":
        assert ours.stdout.count("<ticket ") == 7 and "<ban " in ours.stdout


# (case, what is replaced, by what): bans of a tag's and a template's members, of resource sets (a tag and a
# template among their references), from an or-rule and an and-rule on a tag or template
SET_EDITS = [
    ("tags-location", 'score="1000"', 'score="-1000"'),
    ("tags-location", 'score="2000"', 'score="-INFINITY"'),
    ("tags-location", 'rsc="tag1" node="node2" score="1000"/>',
     'rsc="tag1"><rule id="r2" score="-7" boolean-op="or"><expression id="e2" attribute="#uname" operation="eq" '
     'value="node1"/><expression id="e3" attribute="#uname" operation="eq" value="node2"/></rule></rsc_location>'),
    ("location-sets-templates", 'score="1000"', 'score="-1000"'),
    ("location-sets-templates", 'score="2000"', 'score="-2000"'),
    ("location-sets-templates", 'rsc="template1" node="node2" score="1000"/>',
     'rsc="template1"><rule id="r2" score="-7"><expression id="e2" attribute="#uname" operation="ne" '
     'value="nodeX"/></rule></rsc_location>'),
]


@pytest.mark.parametrize("case,old,new", SET_EDITS)
def test_bans_of_tags_templates_and_sets_are_real_crm_mons(case: str, old: str, new: str, tmp_path: Path) -> None:
    """unpack_location_tags turns a tag or template into a set of its members; each member of a set is a
    location of its own, listed last first."""
    import time

    from halab_kernel.commands.crm_mon import file_scene, render_as_xml, xml_unmodelled
    from tests.test_crm_mon_differential import _ordered_xml

    text = (ORACLE / "cases" / f"{case}.xml").read_text()
    assert old in text
    cib = tmp_path / "cib.xml"
    cib.write_text(text.replace(old, new))
    argv = ["--one-shot", "--inactive", "--output-as", "xml"]
    real = subprocess.run(["crm_mon", *argv], env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=120)
    scene = file_scene(etree.parse(str(cib)).getroot(), int(time.time()))
    assert scene is not None and xml_unmodelled(scene.reading.cib) is None
    ours = render_as_xml(scene, argv)
    assert _ordered_xml(ours) == _ordered_xml(real.stdout) and "<ban " in ours


@pytest.mark.parametrize("count", [1, 2, 7, 8, 9, 15, 16, 30, 61, 130])
def test_tickets_are_listed_in_glib_hash_order_as_real_crm_mon(count: int, tmp_path: Path) -> None:
    """crm_mon iterates data_set->tickets (a pcmk__strkey_table): the status section's tickets, then those
    only an rsc_ticket names, in the order GLib's table keeps them, through its resizes."""
    import random

    from halab_kernel.commands.crm_mon_bans import ticket_list

    rng = random.Random(count)
    root = etree.parse(str(ORACLE / "cases" / "ticket-primitive-1.xml")).getroot()  # ticketA: a constraint's
    tickets = root.find("status/tickets")
    if tickets is None:
        tickets = etree.SubElement(root.find("status"), "tickets")
    for child in list(tickets):
        tickets.remove(child)
    names = {"".join(rng.choice("abcXYZ019_-.:") for _ in range(rng.randint(1, 12))) for _ in range(count)}
    for name in sorted(names - {"ticketA"}):
        etree.SubElement(tickets, "ticket_state", id=name, granted=rng.choice(["true", "false"]))
    cib = tmp_path / "cib.xml"
    cib.write_bytes(etree.tostring(root))
    real = subprocess.run(["crm_mon", "--output-as=xml"], env={**os.environ, "CIB_file": str(cib)},
                          capture_output=True, text=True, timeout=120)
    shown = [(t.get("id"), t.get("status")) for t in etree.fromstring(real.stdout.encode()).iterfind("tickets/ticket")]
    assert [(t["id"], t["status"]) for t in ticket_list(root)] == shown
    assert len(shown) == len(names - {"ticketA"}) + 1 and ("ticketA", "revoked") in shown


@pytest.mark.slow
def test_no_tier1_case_cib_shows_a_different_xml() -> None:
    """Every tier-1 public case CIB: crm_mon's XML identical to the real one, or refused."""
    totals = _xml_of_files(["1"])
    assert totals["differ"] == 0 and totals["same"] >= 40, totals


def _xml_of_files(tiers: list[str]) -> dict[str, int]:
    """`python -m tests.commands.test_pcs_status_of_file 1 2 3`: the simulator's crm_mon XML of each public case
    CIB of the tiers against real `crm_mon --one-shot --inactive --output-as xml` on the file (but the clock):
    identical, refused by name (as `pcs -f FILE status xml` is), or different; prints and returns the totals."""
    import time

    from halab_kernel.commands.crm_mon import file_scene, render_as_xml, xml_unmodelled
    from tests.test_crm_mon_differential import _ordered_xml

    argv = ["--one-shot", "--inactive", "--output-as", "xml"]
    totals = {"same": 0, "refused": 0, "differ": 0}
    for name in (name for tier in tiers for name in (ORACLE / f"tier{tier}-public.txt").read_text().split()):
        path = ORACLE / "cases" / f"{name}.xml"
        if not path.exists():
            continue
        scene = file_scene(etree.parse(str(path)).getroot(), int(time.time()))
        if scene is None or xml_unmodelled(scene.reading.cib):
            totals["refused"] += 1
            continue
        real = subprocess.run(["crm_mon", *argv], env={**os.environ, "CIB_file": str(path)}, capture_output=True,
                              text=True, timeout=120)
        same = _ordered_xml(render_as_xml(scene, argv)) == _ordered_xml(real.stdout)
        totals["same" if same else "differ"] += 1
    print(", ".join(f"{count} {what}" for what, count in totals.items()))
    return totals


if __name__ == "__main__":
    import sys

    _xml_of_files(sys.argv[1:] or ["1", "2"])
