"""Differences the node tools sweep (bench_node_tools_differential.py) found, checked against the real
Pacemaker 2.1.5 tools run offline on the lab's exported CIB: crm_mon's XML target_role as written,
crm_resource --list with descriptions, and a clone's child named by its own id (refused by name)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.runtime_scenarios import base_lab

pytestmark = pytest.mark.skipif(shutil.which("crm_mon") is None,
                                reason="real Pacemaker tools not installed (apt-get install pacemaker-cli-utils)")


def _real(lab, command: str, tmp_path: Path) -> subprocess.CompletedProcess:
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    return subprocess.run(shlex.split(command), env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=30)


def _run_all(lab, commands: tuple[str, ...]) -> None:
    for command in commands:
        result = lab.run("node1", command)
        assert result.rc == 0, (command, result.stderr)
    lab.advance(60)


def _resources(text: str) -> str:
    root = etree.fromstring(text.encode())
    return etree.tostring(root.find("resources"), method="c14n").decode()


ROLES = {
    "primitive as written": ("pcs resource create c1 ocf:pacemaker:Dummy clone",
                             "crm_resource -r d1 --meta -p target-role -v started"),
    "bogus role": ("crm_resource -r d1 --meta -p target-role -v bogus",),
    "clone's own": ("pcs resource create c1 ocf:pacemaker:Dummy clone",
                    "crm_resource -r c1-clone --meta -p target-role -v Started"),
    "clone's child's": ("pcs resource create c1 ocf:pacemaker:Dummy clone",
                        "crm_resource -r c1 --meta -p target-role -v Started"),
    "group's, inherited": ("pcs resource create g1a ocf:pacemaker:Dummy --group g1",
                           "pcs resource create g1b ocf:pacemaker:Dummy --group g1",
                           "crm_resource -r g1 --meta -p target-role -v Started",
                           "crm_resource -r g1b --meta -p target-role -v started"),
    "stopped": ("crm_resource -r d1 --meta -p target-role -v Stopped",),
    "promotable, legacy name": ("pcs resource create s1 ocf:pacemaker:Stateful promotable",
                                "crm_resource -r s1-clone --meta -p target-role -v Slave"),
}


@pytest.mark.parametrize("case", sorted(ROLES))
def test_crm_mon_xml_prints_target_role_as_written(case: str, tmp_path: Path) -> None:
    lab = base_lab()
    _run_all(lab, ROLES[case])
    real = _real(lab, "crm_mon -1 --output-as=xml", tmp_path)
    ours = lab.run("node1", "crm_mon -1 --output-as=xml")
    assert real.returncode == ours.rc == 0
    assert _resources(ours.stdout) == _resources(real.stdout)
    assert "target_role=" in ours.stdout


@pytest.mark.parametrize("command", ["crm_resource -M -r c1", "crm_resource -B -r c1"])  # --why: modelled, see
# tests/commands/test_crm_resource_clone_children.py
def test_a_clones_child_named_by_its_own_id_is_refused_where_its_instance_lookup_counts(command: str) -> None:
    lab = base_lab()
    _run_all(lab, ("pcs resource create c1 ocf:pacemaker:Dummy clone",))
    before = lab.run("node1", "cibadmin -Q -o configuration").stdout
    ours = lab.run("node1", command)
    assert ours.rc == 69 and "not simulated" in ours.stderr and "halab rig up" in ours.stderr
    assert lab.run("node1", "cibadmin -Q -o configuration").stdout == before


DESCRIBED = ("pcs resource create c1 ocf:pacemaker:Dummy clone",
             "pcs resource create g1a ocf:pacemaker:Dummy --group g1",
             "pcs resource create g1b ocf:pacemaker:Dummy --group g1",
             "pcs resource create u1 ocf:pacemaker:Dummy clone globally-unique=true",
             "crm_resource -r d2 --meta -p target-role -v Stopped",
             "pcs resource unmanage g1b",
             """cibadmin -M -X '<primitive id="d1" description="my desc"/>'""",
             """cibadmin -M -X '<primitive id="d2" description="stopped one"/>'""",
             """cibadmin -M -X '<primitive id="c1" description="c one"/>'""",
             """cibadmin -M -X '<clone id="c1-clone" description="the clone"/>'""",
             """cibadmin -M -X '<group id="g1" description="the group"/>'""",
             """cibadmin -M -X '<primitive id="g1b" description="gb"/>'""",
             """cibadmin -M -X '<primitive id="u1" description="uu"/>'""",
             """cibadmin -C -o resources -X '<template id="t1" class="ocf" provider="pacemaker" type="Dummy" """
             """description="from the template"/>'""",
             """cibadmin -C -o resources -X '<template id="t2" class="ocf" provider="pacemaker" type="Dummy"/>'""",
             """cibadmin -C -o resources -X '<primitive id="tp" template="t1" description="own"/>'""",
             """cibadmin -C -o resources -X '<primitive id="tq" template="t2" description="lost"/>'""")


@pytest.mark.parametrize("command", ["crm_resource -L", "crm_resource --list", "crm_mon -1", "crm_mon -1 -R",
                                     "crm_mon -1 -n", "crm_mon -1 -R -n", "crm_mon -1 -r"])
def test_descriptions_show_where_the_real_tools_show_them(command: str, tmp_path: Path) -> None:
    """crm_resource --list appends a primitive's description (a templated one's template's) after its role and
    flags; crm_mon's resource list does not."""
    lab = base_lab()
    _run_all(lab, DESCRIBED)
    real = _real(lab, command, tmp_path)
    ours = lab.run("node1", command)
    assert ours.rc == real.returncode == 0
    if command.startswith("crm_mon"):
        assert ours.stdout[ours.stdout.index("Node List:"):] == real.stdout[real.stdout.index("Node List:"):]
    else:
        assert ours.stdout == real.stdout
        assert "Started my desc" in ours.stdout and "Stopped from the template" in ours.stdout


def test_crm_resource_list_notes_a_failed_probe_as_the_real_tool(tmp_path: Path) -> None:
    """A stopped resource whose probe failed masked (not installed) reads "Stopped (not installed) " in
    crm_resource --list as in crm_mon (pe__failed_probe_for_rsc; bench_node_tools_differential 100003)."""
    from tests.commands.node_tool_sequences import _scheduler_lab

    lab = _scheduler_lab("expire-non-blocked-failure")
    assert not isinstance(lab, str), lab
    real = _real(lab, "crm_resource --list", tmp_path)
    ours = lab.run("node1", "crm_resource --list")
    assert (ours.rc, ours.stdout) == (real.returncode, real.stdout)
    assert "Stopped (not installed) " in ours.stdout


PCS_LISTINGS = ("pcs stonith status", "pcs stonith status rsc_stonith", "pcs resource status",
                "pcs status resources", "pcs stonith status --hide-inactive")


def test_pcs_status_listings_note_a_failed_probe_as_the_real_tool(tmp_path: Path) -> None:
    """pcs shows crm_mon's list: the stopped fence device whose probe failed masked (not installed) reads
    "Stopped (not installed) ", on the cluster (real pcs on the exported CIB) and with -f on that file
    (bench_node_tools_differential 100003)."""
    from tests.commands.node_tool_sequences import _scheduler_lab
    from tests.commands.pcs_differential import differences_each

    lab = _scheduler_lab("expire-non-blocked-failure")
    assert not isinstance(lab, str), lab
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    for command in PCS_LISTINGS:
        real = subprocess.run(["pcs", "-f", str(cib), *shlex.split(command)[1:]], capture_output=True, text=True,
                              timeout=60)
        ours = lab.run("node1", command)
        assert (ours.rc, ours.stdout) == (real.returncode, real.stdout), command
    assert "Stopped (not installed) " in lab.run("node1", "pcs stonith status").stdout
    assert differences_each([c.removeprefix("pcs ") for c in PCS_LISTINGS], cib.read_text()) == []
