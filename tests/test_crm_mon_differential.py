"""The simulator's crm_mon against the real crm_mon, rendering the very same CIB.

The simulated cluster keeps a real Pacemaker CIB; the DC's view of it is handed to
the installed crm_mon (`CIB_file=... crm_mon -1`), and both texts must agree line
for line, except the wall-clock "Last updated" line and the live-only
"Status of pacemakerd" line.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.runtime_scenarios import SCENARIOS as RUNTIME_SCENARIOS
from tests.runtime_scenarios import dc_cib, real_tool, scenario_lab, simulator_of
from tests.sim.topology import service_lab

pytestmark = pytest.mark.skipif(shutil.which("crm_mon") is None,
                                reason="real crm_mon not installed (apt-get install pacemaker-cli-utils)")


def _standby(lab) -> None:
    xml = ('<node id="2" uname="node2"><instance_attributes id="nodes-2"><nvpair id="nodes-2-standby" '
           'name="standby" value="on"/></instance_attributes></node>')
    lab.run("node1", f"cibadmin --modify -o nodes -X '{xml}'")


SCENARIOS = {
    "placed": lambda lab: None,
    "monitor failure": lambda lab: lab.fail_resource("dummy2", "node2"),
    "migration-threshold": lambda lab: lab.fail_resource("dummy1", "node2"),
    "standby": _standby,
    "crashed and fenced": lambda lab: lab.crash("node3"),
    "start failure": lambda lab: (lab.fail_resource("dummy1", "node3", op="start"),
                                  lab.fail_resource("dummy1", "node2")),
}


def _normal(text: str) -> list[str]:
    return [line for line in text.splitlines()
            if not line.startswith(("Status of pacemakerd", "  * Last updated:"))]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("flags", ["-1", "-1rf", "-1n", "-1nr"])
def test_crm_mon_matches_real_crm_mon_on_the_same_cib(scenario: str, flags: str, tmp_path: Path) -> None:
    lab = service_lab()
    SCENARIOS[scenario](lab)
    lab.advance(20)
    cib = tmp_path / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    real = subprocess.run(["crm_mon", flags], env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=30)
    ours = lab.run("node1", f"crm_mon {flags}")
    assert _normal(ours.stdout) == _normal(real.stdout)
    assert ours.rc == real.returncode


def _without_clock(text: str) -> etree._Element:
    """crm_mon's XML minus what depends on the wall clock or the live daemons."""
    root = etree.fromstring(text.encode())
    for tag in ("pacemakerd", "fence_history"):
        for element in root.findall(tag):
            root.remove(element)
    for element in root.iter("last_update"):
        element.set("time", "<now>")
    return root


def _xml_normal(text: str) -> str:
    return etree.tostring(_without_clock(text), method="c14n").decode()


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_crm_mon_xml_matches_real_crm_mon(scenario: str, tmp_path: Path) -> None:
    lab = service_lab()
    SCENARIOS[scenario](lab)
    lab.advance(20)
    cib = tmp_path / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    real = subprocess.run(["crm_mon", "-1", "--output-as=xml"], env={**os.environ, "CIB_file": str(cib)},
                          capture_output=True, text=True, timeout=30)
    ours = lab.run("node1", "crm_mon -1 --output-as=xml")
    assert _xml_normal(ours.stdout) == _xml_normal(real.stdout)


def test_crm_mon_xml_validates_against_pacemakers_schema() -> None:
    schema_file = Path("/usr/share/pacemaker/api/api-result-2.25.rng")
    if not schema_file.exists():
        pytest.skip("Pacemaker's API schemas are not installed (/usr/share/pacemaker/api)")
    lab = service_lab()
    lab.fail_resource("dummy2", "node2")
    lab.crash("node3")
    lab.advance(30)
    schema = etree.RelaxNG(etree.parse(str(schema_file)))
    document = etree.fromstring(lab.run("node1", "crm_mon -1 --output-as=xml").stdout.encode())
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_cibadmin_query_validates_against_pacemakers_cib_schema(scenario: str) -> None:
    schema_file = Path("/usr/share/pacemaker/pacemaker-3.9.rng")
    if not schema_file.exists():
        pytest.skip("Pacemaker's CIB schemas are not installed (/usr/share/pacemaker)")
    lab = service_lab()
    SCENARIOS[scenario](lab)
    lab.advance(20)
    schema = etree.RelaxNG(etree.parse(str(schema_file)))
    document = etree.fromstring(lab.run("node1", "cibadmin -Q").stdout.encode())
    assert schema.validate(document), schema.error_log


def _fail_promoted(lab) -> str:
    [promoted] = sorted(n for n, r in simulator_of(lab).pacemaker.executor.promoted if r == "st")
    lab.fail_resource("st", promoted)
    lab.advance(30)
    return "node1"


def _isolate_promoted(lab) -> str:
    [promoted] = sorted(n for n, r in simulator_of(lab).pacemaker.executor.promoted if r == "st")
    lab.partition([promoted], [n for n in ("node1", "node2", "node3") if n != promoted])
    lab.advance(40)
    return promoted   # asked on the node left alone: its own partition's view


def _hold_unpromoted(lab) -> str:
    assert lab.run("node1", "pcs resource meta st-clone target-role=Unpromoted").ok
    lab.advance(30)
    return "node3"


PROMOTABLE = {  # scenario -> (what happens, on which node crm_mon is asked)
    "promoted": lambda lab: "node2",
    "target-role=Unpromoted": _hold_unpromoted,
    "failed promoted instance recovered": _fail_promoted,
    "no-quorum-policy=demote, promoted node alone": _isolate_promoted,
}


def _promotable_cib(scenario: str, tmp_path: Path):
    from tests.sim.test_promotable_cluster import stateful_lab

    lab = stateful_lab()
    node = PROMOTABLE[scenario](lab)
    cib = tmp_path / "cib.xml"
    cib.write_bytes(dc_cib(lab, node))
    return lab, node, cib


@pytest.mark.parametrize("scenario", sorted(PROMOTABLE))
@pytest.mark.parametrize("flags", ["-1", "-1rf", "-1nr", "-1A"])
def test_crm_mon_shows_promotable_clones_as_the_real_one(scenario: str, flags: str, tmp_path: Path) -> None:
    lab, node, cib = _promotable_cib(scenario, tmp_path)
    real = subprocess.run(["crm_mon", flags], env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=30)
    ours = lab.run(node, f"crm_mon {flags}")
    assert _normal(ours.stdout) == _normal(real.stdout)
    assert "Promoted" in ours.stdout or "Unpromoted" in ours.stdout


@pytest.mark.parametrize("scenario", sorted(PROMOTABLE))
def test_crm_mon_xml_shows_promotable_clones_as_the_real_one(scenario: str, tmp_path: Path) -> None:
    lab, node, cib = _promotable_cib(scenario, tmp_path)
    real = subprocess.run(["crm_mon", "-1", "--output-as=xml"], env={**os.environ, "CIB_file": str(cib)},
                          capture_output=True, text=True, timeout=30)
    ours = lab.run(node, "crm_mon -1 --output-as=xml")
    assert _xml_normal(ours.stdout) == _xml_normal(real.stdout)
    assert 'multi_state="true"' in ours.stdout


# --- pcs-built labs through every runtime scenario (tests/runtime_scenarios.py) ---------------

@functools.lru_cache(maxsize=None)
def _settled(scenario: str):
    """The scenario's lab and the CIB it exports (`cibadmin -Q`), built once per scenario."""
    lab = scenario_lab(scenario)
    return lab, lab.run("node1", "cibadmin -Q").stdout


def _ordered_xml(text: str) -> list[str]:
    """The XML with its attribute order kept (c14n would sort them), minus wall-clock parts."""
    return etree.tostring(_without_clock(text), pretty_print=True, encoding="unicode").splitlines()


@pytest.mark.parametrize("scenario", sorted(RUNTIME_SCENARIOS))
@pytest.mark.parametrize("flags", ["-1", "-1rfA", "-1n", "-1nr", "-1rfR", "-1rt", "-s"])
def test_crm_mon_matches_real_crm_mon_after_each_runtime_scenario(scenario: str, flags: str, tmp_path: Path) -> None:
    """Expired failures hidden, the maintenance banner, permanent node attributes, the BLOCKED note,
    -R's instance-by-instance clones and raw failure records."""
    lab, exported = _settled(scenario)
    real = real_tool(["crm_mon", *flags.split()], exported, tmp_path)
    ours = lab.run("node1", f"crm_mon {flags}")
    assert _normal(ours.stdout) == _normal(real.stdout)
    assert ours.rc == real.returncode


@pytest.mark.parametrize("scenario", sorted(RUNTIME_SCENARIOS))
def test_crm_mon_xml_matches_real_after_each_runtime_scenario(scenario: str, tmp_path: Path) -> None:
    lab, exported = _settled(scenario)
    real = real_tool(["crm_mon", "--output-as=xml"], exported, tmp_path)
    ours = lab.run("node1", "crm_mon --output-as=xml")
    assert _ordered_xml(ours.stdout) == _ordered_xml(real.stdout)


def test_the_notes_real_crm_mon_prints_appear() -> None:
    """The differential above compares whole outputs; these are the lines it was written for."""
    assert "*** Resource management is DISABLED ***" in _settled("maintenance-mode")[0].run("node1", "crm_mon -1").stdout
    blocked = _settled("failure blocks the resource (on-fail=block)")[0].run("node1", "crm_mon -1").stdout
    assert "(1 BLOCKED from further action due to failure)" in blocked
    attributes = _settled("node attributes")[0].run("node1", "crm_mon -1A").stdout
    assert "rack" in attributes and "temp" in attributes
    assert "Failed Resource Actions" not in _settled("failure expired (failure-timeout)")[0].run("node1", "crm_mon -1").stdout
    assert "Failed Resource Actions" in _settled("failure kept (long failure-timeout)")[0].run("node1", "crm_mon -1").stdout


@pytest.mark.parametrize("flags", ["-1", "-1rf", "-1n", "-1 --output-as=xml"])
def test_crm_mon_on_a_partition_left_alone_matches_real(flags: str, tmp_path: Path) -> None:
    """The fenced node, rebooted alone in its partition, sees the others UNCLEAN with their resources."""
    lab, _ = _settled("partition, minority fenced")
    real = real_tool(["crm_mon", *flags.split()], lab.run("node3", "cibadmin -Q").stdout, tmp_path)
    ours = lab.run("node3", f"crm_mon {flags}")
    if "xml" in flags:
        assert _ordered_xml(ours.stdout) == _ordered_xml(real.stdout)
    else:
        assert _normal(ours.stdout) == _normal(real.stdout)


@pytest.mark.parametrize("option", ["-b", "--brief", "-Q", "-D"])
def test_crm_mon_options_not_simulated_are_refused_by_name(option: str) -> None:
    lab, _ = _settled("placed")
    result = lab.run("node1", f"crm_mon -1 {option}")
    assert result.rc == 69 and not result.stdout
    assert "crm_mon: not simulated: " in result.stderr and f"({option})" in result.stderr
    assert "halab rig up" in result.stderr


def test_crm_mon_m_is_the_fence_history_at_level_3() -> None:
    """`-m` (--fence-history, level 2 by default) prints what level 3 prints: 2.1.5's crm_mon shortens the
    history only at level 1 (crm_mon_fencing.py)."""
    lab, _ = _settled("placed")
    short, full = lab.run("node1", "crm_mon -1 -m"), lab.run("node1", "crm_mon -1 --fence-history=3")
    assert short.rc == 0 and (short.stdout, short.stderr) == (full.stdout, full.stderr)
