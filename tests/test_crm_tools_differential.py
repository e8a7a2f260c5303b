"""crm_resource, crm_attribute, crm_standby, crm_failcount, crm_verify and cibadmin against
the real Pacemaker 2.1.5 tools, run offline (CIB_file=...) on the simulator's own CIB.

Each command runs on the simulator and, on a file holding the same CIB, with the real
tool; the exit code, the output and the resulting configuration must agree.
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.cibadmin_variants import disagreement
from tests.runtime_scenarios import base_lab, dc_cib, real_tool, simulator_of
from tests.sim.topology import service_lab

pytestmark = pytest.mark.skipif(shutil.which("crm_resource") is None,
                                reason="real Pacemaker tools not installed (apt-get install pacemaker-cli-utils)")

CORPUS = [
    "crm_resource --locate -r dummy1",
    "crm_resource -W -r grp",
    "crm_resource --locate -r nope",
    "crm_resource --list",
    "crm_resource --why -r vip",
    "crm_resource --move -r dummy1 -N node3",
    "crm_resource --move -r dummy1 -N node2",
    "crm_resource --move -r dummy1",
    "crm_resource --ban -r dummy1",
    "crm_resource --move -r dummy1 -N nodeX",
    "crm_resource --ban -r vip -N node1",
    "crm_resource --clear -r dummy1",
    "crm_resource -r vip --get-parameter ip",
    "crm_resource -r vip --get-parameter nope",
    "crm_resource -r vip --set-parameter ip --parameter-value 10.200.0.101",
    "crm_attribute -n cluster-recheck-interval -v 5min",
    "crm_attribute -n no-such-option -G",
    "crm_attribute -n stonith-enabled -G",
    "crm_attribute -n stonith-enabled -q",
    "crm_attribute -N node1 -n site -v paris",
    "crm_standby -N node3 -v on",
    "crm_standby -N node2 -G",
    "crm_failcount -r dummy1 -N node2 -G",
    "crm_verify -L",
    "crm_verify -L -V",
    "crm_resource --list-raw",
    "crm_resource --why",
    "crm_resource --why -r vip -N node1",
    "crm_resource --ban -r dummy1 -N node1 --promoted",
    "crm_resource --move -r dummy1 -N node1 --promoted",
    "crm_resource --move -r dummy1 --expired",
    "crm_resource --locate -r nope -Q",
    "crm_attribute -n nope -G -d dflt",
    "crm_attribute -N NODE2 -n site -v x",
    "crm_attribute -N node1 -n '#uname' -v x",
    "crm_attribute -t bogus -n x -G",
    "crm_attribute -N node1 --pattern s -v 1",
    "crm_ticket -c",
    "crm_ticket -t '' -l",
    "crm_resource -L -N ''",
    "crm_resource --list-raw -N node9",
    "crm_resource --why -N nodeX",
    "crm_resource --list -r nope -N node9",
    "crm_failcount -r nope -N node9 -D",
    "cibadmin -C -o resources -X '<primitive id=\"dummy1\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>'",
    "cibadmin -M -X '<primitive id=\"nope\"/>'",
    "cibadmin -D -X '<primitive id=\"nope\"/>'",
    "cibadmin -C -o constraints -X '<rsc_location id=\"x\" rsc=\"nope\" node=\"node1\" score=\"5\"/>'",
]


def _configuration(root: etree._Element) -> str:
    """The configuration section, canonical and without layout whitespace."""
    parser = etree.XMLParser(remove_blank_text=True)
    configuration = etree.fromstring(etree.tostring(root.find("configuration")), parser)
    for element in configuration.iter():
        element.tail = None
        if element.text is not None and not element.text.strip():
            element.text = None
    return etree.tostring(configuration, method="c14n").decode()


def _normal(text: str) -> str:
    return text.replace("crm_attribute: ", "").strip()


@pytest.mark.parametrize("command", CORPUS)
def test_same_answer_and_same_configuration_as_the_real_tool(command: str, tmp_path: Path) -> None:
    lab = service_lab()
    controller = simulator_of(lab).pacemaker
    cib = tmp_path / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    # as on node1: crm_attribute takes its local node from OCF_RESKEY_CRM_meta_on_node (else the host's name)
    real = subprocess.run(shlex.split(command), env={**os.environ, "CIB_file": str(cib),
                                                    "OCF_RESKEY_CRM_meta_on_node": "node1"},
                          capture_output=True, text=True, timeout=30)
    ours = lab.run("node1", command)
    assert ours.rc == real.returncode, (ours, real.stdout, real.stderr)
    assert _normal(ours.stdout) == _normal(real.stdout)
    # the verdict line (real cibadmin may dump the refused CIB before it)
    assert _normal(ours.stderr).splitlines()[-1:] == _normal(real.stderr).splitlines()[-1:]
    assert _configuration(controller.cib.root) == _configuration(etree.parse(str(cib)).getroot())


def test_the_cib_cibadmin_prints_reads_as_the_same_cluster_in_real_crm_mon(tmp_path: Path) -> None:
    """`cibadmin -Q > cib.xml` is how a student takes a cluster to crm_simulate or a bug report:
    the file must hold the live picture (DC, quorum, who is online, what runs), not a bare document."""
    lab = service_lab()
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    real = subprocess.run(["crm_mon", "-1"], env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=30)
    assert real.returncode == 0, real.stderr
    body = real.stdout[real.stdout.index("Node List:"):]
    ours = lab.run("node1", "crm_mon -1").stdout
    assert body == ours[ours.index("Node List:"):]
    assert "Current DC: node" in real.stdout and "partition with quorum" in real.stdout
    assert "execution-date" not in cib.read_text()


def test_a_move_lifts_the_ban_on_its_destination_as_the_real_tool_does(tmp_path: Path) -> None:
    lab = service_lab()
    assert lab.run("node1", "crm_resource --ban -r dummy1 -N node3").rc == 0
    controller = simulator_of(lab).pacemaker
    cib = tmp_path / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    real = subprocess.run(["crm_resource", "--move", "-r", "dummy1", "-N", "node3"],
                          env={**os.environ, "CIB_file": str(cib)}, capture_output=True, text=True, timeout=30)
    ours = lab.run("node1", "crm_resource --move -r dummy1 -N node3")
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)
    assert _configuration(controller.cib.root) == _configuration(etree.parse(str(cib)).getroot())
    assert "cli-ban-dummy1-on-node3" not in lab.run("node1", "cibadmin -Q -o constraints").stdout


@pytest.mark.parametrize("member", ["vip", "dummy2"])
def test_why_reads_the_resources_own_meta_attributes_and_names_its_group(member: str, tmp_path: Path) -> None:
    """cli_resource_check reads the resource's unpacked meta attributes (a group member's own target-role
    counts, a sibling's does not) and names the top-level parent (node tools bench, seed 7114)."""
    lab = service_lab()
    setting = ["crm_resource", "-r", "vip", "--meta", "-p", "target-role", "-v", "Stopped"]
    assert lab.run("node1", " ".join(setting)).rc == 0
    cib = tmp_path / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    real = subprocess.run(["crm_resource", "--why", "-r", member], env={**os.environ, "CIB_file": str(cib)},
                          capture_output=True, text=True, timeout=30)
    ours = lab.run("node1", f"crm_resource --why -r {member}")
    assert (ours.rc, ours.stdout.splitlines()[1:], ours.stderr) == \
        (real.returncode, real.stdout.splitlines()[1:], real.stderr)


# --- crm_verify on configurations a student can make with pcs ---------------------------------

VERIFY_CASES = {
    "valid": (),
    "no fence device": ("pcs stonith delete fence1",),
    "fencing disabled": ("pcs property set stonith-enabled=false",),
    "anonymous clone with clone-node-max=2": ("pcs resource create c1 ocf:pacemaker:Dummy clone clone-node-max=2",),
    "unique clone with clone-node-max=2": (
        "pcs resource create c1 ocf:pacemaker:Dummy clone clone-node-max=2 globally-unique=true",),
    "no-quorum-policy=suicide without fencing": ("pcs property set stonith-enabled=false",
                                                 "pcs property set no-quorum-policy=suicide --force"),
    "invalid no-quorum-policy": ("crm_attribute -n no-quorum-policy -v bogus",),
    "invalid boolean option": ("crm_attribute -n symmetric-cluster -v maybe",),
    "invalid target-role": ("pcs resource meta d2 target-role=Bogus",),
    "invalid requires": ("pcs resource meta d2 requires=bogus",),
    "invalid multiple-active": ("pcs resource meta d2 multiple-active=bogus",),
    "unknown cluster option": ("crm_attribute -n bogus-option -v 1",),
    "invalid target-role on a group": ("pcs resource meta web target-role=Bogus",),
    "invalid target-role on a clone": ("pcs resource create c1 ocf:pacemaker:Dummy clone",
                                       "pcs resource meta c1-clone target-role=Bogus"),
    "invalid target-role on a group member": ("pcs resource meta vip target-role=Bogus",),
    "invalid requires on a cloned primitive": ("pcs resource create c1 ocf:pacemaker:Dummy clone",
                                               "pcs resource meta c1 requires=bogus"),
    "invalid requires on a fence device": ("pcs resource meta fence1 requires=bogus",),
}


@functools.lru_cache(maxsize=None)
def _verify_lab(case: str):
    lab = base_lab()
    for command in VERIFY_CASES[case]:
        result = lab.run("node1", command)
        assert result.ok, (command, result.stderr)
    lab.advance(10)
    return lab, lab.run("node1", "cibadmin -Q").stdout


@pytest.mark.parametrize("case", sorted(VERIFY_CASES))
@pytest.mark.parametrize("flags", ["-L", "-L -V", "-L -VV"])
def test_crm_verify_says_what_the_real_one_says(case: str, flags: str, tmp_path: Path) -> None:
    lab, exported = _verify_lab(case)
    real = real_tool(["crm_verify", *flags.split()], exported, tmp_path)
    ours = lab.run("node1", f"crm_verify {flags}")
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)


def test_crm_verify_refuses_clone_node_max_on_an_anonymous_clone() -> None:
    """2.1.5 names the option promoted-max in this message: the simulator says what it says."""
    result = _verify_lab("anonymous clone with clone-node-max=2")[0].run("node1", "crm_verify -L -V")
    assert result.rc == 78
    assert "Ignoring promoted-max for c1-clone because anonymous clones support only one instance per node" \
        in result.stderr


# --- crm_verify's options: parsed as GLib parses them, sources read as the real tool reads them ------------

VERIFY_OPTIONS = [
    'crm_verify',
    'crm_verify -L',
    'crm_verify --live-check',
    'crm_verify -x /nonexistent',
    'crm_verify -X garbage',
    'crm_verify --bogus',
    'crm_verify -Z',
    'crm_verify -L extra',
    'crm_verify --version',
    'crm_verify -$',
    'crm_verify -p',
    'crm_verify -L -q',
    'crm_verify -h',
    'crm_verify --help',
    'crm_verify -?',
    'crm_verify -L --output-as=bogus',
    'crm_verify -L --output-as=text',
    'crm_verify -L -V -V',
    'crm_verify -LV',
    'crm_verify -LVVV',
    'crm_verify -VL',
    'crm_verify -L -D',
    "crm_verify -X ''",
    "crm_verify -x ''",
    'crm_verify --xml-file',
    'crm_verify -x',
    'crm_verify -L --verbose',
    'crm_verify -L -S',
    'crm_verify --live',
]


@pytest.mark.parametrize("command", VERIFY_OPTIONS)
def test_crm_verify_options_as_the_real_tool(command: str, tmp_path: Path) -> None:
    assert disagreement(command, tmp_path) is None


@pytest.mark.parametrize("command", ["crm_verify -X '<cib/>'"])  # -S, XML output: tests/commands/test_crm_verify_file
def test_crm_verify_refuses_by_name_what_it_does_not_simulate(command: str) -> None:
    result = service_lab().run("node1", command)
    assert result.rc == 69 and "not simulated" in result.stderr and "halab rig up" in result.stderr
