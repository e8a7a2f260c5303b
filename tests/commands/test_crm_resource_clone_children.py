"""crm_resource on a clone's child named by its own id, against the real 2.1.5 tool run offline
(CIB_file=...) on the lab's own CIB: --locate reports the whole clone for a cloned primitive (its
history name) and instance 0 for a cloned group; --why answers for instance 0 (RSC:0); --ban/--move
without a node on a promotable clone active nowhere say "(promoted in 0)"."""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel import Lab
from tests.runtime_scenarios import dc_cib, simulator_of

pytestmark = pytest.mark.skipif(shutil.which("crm_resource") is None,
                                reason="real Pacemaker tools not installed (apt-get install pacemaker-cli-utils)")

SETUP = (
    "pcs property set stonith-enabled=false",
    "pcs resource create c1 ocf:pacemaker:Dummy clone",
    "pcs resource create g1 ocf:pacemaker:Dummy --group gg",
    "pcs resource create g2 ocf:pacemaker:Dummy --group gg",
    "pcs resource clone gg",
    "pcs resource create s1 ocf:pacemaker:Stateful promotable",
    "pcs resource disable s1-clone",
)

SAME_AS_REAL = [
    "crm_resource --locate -r gg",
    "crm_resource --locate -r g1",
    "crm_resource --locate -r g2",
    "crm_resource --locate -r c1",
    "crm_resource --locate -r gg-clone",
    "crm_resource -W -r c1-clone -Q",
    "crm_resource --why -r c1",
    "crm_resource --why -r c1 -N node1",
    "crm_resource --why -r c1 -N node2",
    "crm_resource --why -r gg",
    "crm_resource --why -r g2 -N node2",
    "crm_resource --why -r s1",
    "crm_resource --ban -r s1",
    "crm_resource --ban -r s1-clone",
    "crm_resource --move -r s1-clone",
]


@functools.lru_cache(maxsize=1)
def _lab() -> Lab:
    lab = Lab.simulated(nodes=3)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    for command in SETUP:
        assert lab.run("node1", command).ok, command
    lab.advance(40)
    return lab


def _real(command: str, cib: bytes, folder: Path) -> subprocess.CompletedProcess:
    path = folder / "cib.xml"
    path.write_bytes(cib)
    return subprocess.run(shlex.split(command), env={**os.environ, "CIB_file": str(path)}, capture_output=True,
                          text=True, timeout=30)


@pytest.mark.parametrize("command", SAME_AS_REAL)
def test_clone_children_answer_as_the_real_crm_resource(command: str, tmp_path: Path) -> None:
    lab = _lab()
    before = dc_cib(lab)
    real = _real(command, before, tmp_path)
    ours = lab.run("node1", command)
    assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr)
    assert dc_cib(lab) == before  # none of these changes the configuration, on either side


def test_a_move_of_a_clone_child_onto_its_first_instance_node_is_already_there(tmp_path: Path) -> None:
    lab = _lab()
    [first] = [view for clone in simulator_of(lab).reading("node1").every for view in clone.children
               if view.id == "c1:0"]
    [node] = first.status.nodes
    command = f"crm_resource --move -r c1 -N {node}"
    real = _real(command, dc_cib(lab), tmp_path)
    ours = lab.run("node1", command)
    assert (ours.rc, ours.stderr) == (real.returncode, real.stderr) == (
        108, "crm_resource: Error performing operation: Requested item already exists\n")


def test_a_ban_of_a_clone_child_is_refused_by_name_and_leaves_the_cib(tmp_path: Path) -> None:
    """Real crm_resource writes cli-ban-c1-on-NODE for the child; the simulated scheduler does not place a
    clone by a constraint on its child, so the lab refuses the write by name."""
    lab = _lab()
    before = dc_cib(lab)
    ours = lab.run("node1", "crm_resource --ban -r c1")
    assert ours.rc == 69 and "not simulated" in ours.stderr and "halab rig up" in ours.stderr
    assert dc_cib(lab) == before
    assert _real("crm_resource --ban -r c1", before, tmp_path).returncode == 0
