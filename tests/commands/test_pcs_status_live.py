"""A lab's `pcs status nodes` and `pcs status xml` against real pcs 0.11.5 on the lab's CIB (`cibadmin -Q` on the same node, then
`pcs -f FILE status nodes`): one implementation of pcs's rules (pcs/status_nodes.py) over crm_mon's XML, in
lab states with nodes in standby (with and without resources running), in maintenance, offline, fenced and
partitioned. The corosync and config forms read corosync.conf and corosync-cmapctl, which a file does not
hold: checked against pcs's rules by hand. `status xml` is crm_mon's XML as pcs prints it (stripped, with
crm_mon's full path in `request`), the same as real pcs on the lab's CIB but for what a file run cannot show
(pacemakerd's state, fencing history) and the wall-clock "last_update"."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel import Lab
from tests.runtime_scenarios import base_lab
from tests.test_crm_mon_differential import _ordered_xml

STATES: dict[str, tuple[str, ...]] = {
    "placed": (),
    "standby": ("pcs node standby node2",),
    "standby with a resource running (unmanaged)": ("pcs resource unmanage d2", "@standby d2"),
    "standby and maintenance": ("pcs node standby node2", "pcs node maintenance node2"),
    "maintenance": ("pcs node maintenance node3",),
    "maintenance-mode": ("pcs property set maintenance-mode=true",),
    "all standby": ("pcs node standby --all",),
    "crashed and fenced (back after its reboot)": ("@crash node3",),
    "fenced off": ("pcs stonith fence node3 --off",),
    "stopped gracefully": ("@stop node3",),
    "partition, minority's view": ("@partition",),
}


@functools.lru_cache(maxsize=None)
def _lab(state: str) -> tuple[Lab, str]:
    """The lab in `state` and the node whose view is shown."""
    lab = base_lab()
    viewer = "node1"
    for step in STATES[state]:
        if step == "@standby d2":
            node = lab.state().resource("d2").nodes[0]
            assert lab.run("node1", f"pcs node standby {node}").ok
        elif step == "@crash node3":
            lab.crash("node3")
        elif step == "@stop node3":
            assert lab.run("node3", "pcs cluster stop").ok
        elif step == "@partition":
            lab.partition(["node1", "node2"], ["node3"])
            viewer = "node3"
        else:
            result = lab.run("node1", step)
            assert result.ok, (step, result.stderr)
        lab.advance(5)
    lab.advance(90)
    return lab, viewer


def _live_and_real(state: str, view: str, folder: Path) -> tuple:
    """The lab's `pcs VIEW` and real pcs's on the lab's CIB (`cibadmin -Q` on the same node)."""
    lab, viewer = _lab(state)
    cib = folder / "cib.xml"
    cib.write_text(lab.run(viewer, "cibadmin -Q").stdout)
    real = subprocess.run(["pcs", "-f", str(cib), *view.split()], capture_output=True, text=True, timeout=120)
    return lab.run(viewer, f"pcs {view}"), real


@pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs (apt-get install pcs)")
@pytest.mark.parametrize("state", STATES)
def test_live_status_nodes_is_real_pcs_on_the_labs_cib(state: str, tmp_path: Path) -> None:
    ours, real = _live_and_real(state, "status nodes", tmp_path)
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)


def test_the_groups_the_states_were_chosen_for() -> None:
    """The differential above compares whole outputs; these are the groups it was written for."""
    assert " Standby with resource(s) running: " in _lab("standby with a resource running (unmanaged)")[0].run(
        "node1", "pcs status nodes").stdout
    both = _lab("standby and maintenance")[0].run("node1", "pcs status nodes").stdout
    assert " Standby: node2\n" in both and " Maintenance: node2\n" in both
    assert " Offline: node3\n" in _lab("fenced off")[0].run("node1", "pcs status nodes").stdout


def test_corosync_and_config_forms_follow_pcs_rules() -> None:
    lab, _ = _lab("stopped gracefully")
    corosync = lab.run("node1", "pcs status nodes corosync")
    assert corosync.stdout == "Corosync Nodes:\n Online: node1 node2\n Offline: node3\n"
    both = lab.run("node1", "pcs status nodes both").stdout
    assert both.startswith(corosync.stdout + "Pacemaker Nodes:\n Online: node1 node2\n")
    config = lab.run("node1", "pcs status nodes config").stdout
    assert config == "Corosync Nodes:\n node1 node2 node3\nPacemaker Nodes:\n node1 node2 node3\n"
    refused = lab.run("node1", "pcs status nodes corosync --full")
    assert (refused.rc, refused.stderr) == (1, "Error: Specified option '--full' is not supported in this command\n")
    assert lab.run("node1", "pcs status nodes one two").stdout == lab.run("node1", "pcs status nodes").stdout


@pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs (apt-get install pcs)")
@pytest.mark.parametrize("state", STATES)
def test_live_status_xml_is_real_pcs_on_the_labs_cib(state: str, tmp_path: Path) -> None:
    ours, real = _live_and_real(state, "status xml", tmp_path)
    assert (ours.rc, ours.stderr) == (real.returncode, real.stderr)
    assert ours.stdout.startswith('<pacemaker-result api-version="2.25" request="/usr/sbin/crm_mon --one-shot '
                                  '--inactive --output-as xml">\n') and ours.stdout.endswith("</pacemaker-result>\n")
    assert _ordered_xml(ours.stdout) == _ordered_xml(real.stdout)  # but pacemakerd, fencing, the clock


@pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs (apt-get install pcs)")
@pytest.mark.parametrize("words", ["status xml extra", "status xml --full", "status xml --hide-inactive extra"])
def test_status_xml_arguments_as_real_pcs_in_a_lab_and_on_a_file(words: str, tmp_path: Path) -> None:
    lab, _ = _lab("placed")
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    real = subprocess.run(["pcs", "-f", str(cib), *words.split()], capture_output=True, text=True, timeout=120)
    assert lab.run("node1", "pcs cluster cib saved.xml").ok
    for line in (f"pcs {words}", f"pcs -f saved.xml {words}"):
        ours = lab.run("node1", line)
        assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr), line


@pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs (apt-get install pcs)")
def test_status_xml_of_a_saved_file_is_real_pcs_on_it(tmp_path: Path) -> None:
    """`pcs -f FILE status xml` in a lab: crm_mon's XML of the file (no pacemakerd element), as real pcs prints it."""
    lab, _ = _lab("standby")
    assert lab.run("node1", "pcs cluster cib saved.xml").ok
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cat saved.xml").stdout)
    real = subprocess.run(["pcs", "-f", str(cib), "status", "xml"], capture_output=True, text=True, timeout=120)
    ours = lab.run("node1", "pcs -f saved.xml status xml")
    assert (ours.rc, ours.stderr) == (real.returncode, real.stderr) and "<pacemakerd" not in ours.stdout
    assert _ordered_xml(ours.stdout) == _ordered_xml(real.stdout)  # but the clock


def test_status_pcsd_follows_pcs_rules() -> None:
    """pcs asks each host's pcsd (no real pcsd to compare with): Online, Offline when it does not answer (powered
    off, hung by a crash, cut off), "Unable to authenticate" for a host not authenticated; rc 2 unless all Online."""
    lab = Lab.simulated(nodes=3, seed=0)
    lab.advance(30)
    assert lab.run("node1", "pcs status pcsd").stdout == "  node1: Online\n  node2: Online\n  node3: Online\n"
    lab.crash("node3")
    lab.partition(["node1", "node3"], ["node2"])
    lab.advance(5)
    answer = lab.run("node1", "pcs status pcsd node3 node2 node1")
    assert (answer.rc, answer.stdout) == (2, "  node3: Offline\n  node2: Offline\n  node1: Online\n")
    assert "PCSD Status:\n  node1: Online\n  node2: Offline\n  node3: Offline\n" in lab.run("node1", "pcs status --full").stdout
    refused = lab.run("node1", "pcs status pcsd qnetd")
    assert refused.rc == 1 and "not a node of the lab (qnetd) is not simulated" in refused.stderr
    assert lab.run("node1", "pcs status pcsd --full").stderr == \
        "Error: Specified option '--full' is not supported in this command\n"



@pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs (apt-get install pcs)")
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("view", ["status cluster", "cluster status"])
def test_live_status_cluster_is_real_pcs_on_the_labs_cib_then_pcsd(state: str, view: str, tmp_path: Path) -> None:
    """Real pcs with -f leaves out the PCSD Status it prints on a node; crm_mon on a file has no pacemakerd line."""
    ours, real = _live_and_real(state, view, tmp_path)
    shown, pcsd = ours.stdout.split("\n\nPCSD Status:\n")
    assert pcsd == _lab(state)[0].run(_lab(state)[1], "pcs status pcsd").stdout
    kept = [line for line in shown.splitlines() if not line.startswith((" Status of pacemakerd", "   * Last updated:"))]
    assert (ours.rc, kept, ours.stderr) == \
        (real.returncode, [line for line in real.stdout.splitlines() if not line.startswith("   * Last updated:")],
         real.stderr)


@pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs (apt-get install pcs)")
@pytest.mark.parametrize("words", ["cluster status extra", "status cluster extra", "cluster status --full"])
def test_status_cluster_arguments_as_real_pcs_in_a_lab_and_on_a_file(words: str, tmp_path: Path) -> None:
    lab, _ = _lab("placed")
    ours, real = _live_and_real("placed", words, tmp_path)
    assert lab.run("node1", "pcs cluster cib saved.xml").ok
    for answer in (ours, lab.run("node1", f"pcs -f saved.xml {words}")):
        assert (answer.rc, answer.stdout, answer.stderr) == (real.returncode, real.stdout, real.stderr), words


def test_a_file_view_in_a_lab_is_printed_once() -> None:
    lab, _ = _lab("placed")
    assert lab.run("node1", "pcs cluster cib saved.xml").ok
    assert lab.run("node1", "pcs -f saved.xml status nodes").stdout.count("Pacemaker Nodes:") == 1
    assert lab.run("node1", "pcs -f saved.xml status cluster").stdout.count("Cluster Status:") == 1


def test_status_pcsd_and_corosync_nodes_without_pacemaker_or_corosync_conf() -> None:
    """Neither view reads the CIB: they answer on a stopped node; before `pcs cluster setup` the no-argument forms
    fail reading corosync.conf (pcs's words), hosts named are asked anyway."""
    lab = Lab.simulated(nodes=3, seed=0)
    lab.advance(30)
    assert lab.run("node2", "pcs cluster stop").ok
    lab.advance(10)
    assert lab.run("node2", "pcs status pcsd").stdout == "  node1: Online\n  node2: Online\n  node3: Online\n"
    assert lab.run("node2", "pcs status nodes corosync").stdout == \
        "Corosync Nodes:\n Online:\n Offline: node1 node2 node3\n"
    assert "not simulated" in lab.run("node1", "pcs status nodes config --corosync_conf x").stderr
    bare = Lab.simulated(nodes=2, bare=True)
    missing = "Error: Unable to read /etc/corosync/corosync.conf: No such file or directory\n"
    assert bare.run("node1", "pcs status pcsd").stderr == missing
    assert bare.run("node1", "pcs status nodes corosync").stderr == missing
    asked = bare.run("node1", "pcs status pcsd node2")
    assert (asked.rc, asked.stdout) == (2, "  node2: Unable to authenticate\n")
