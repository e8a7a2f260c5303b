"""The course on real nodes: notebooks run with `open_lab()` pointed at a real 3-node cluster (the rig).

The rig (real corosync + pacemaker in network namespaces, `halab rig`) needs
root and Debian's cluster packages; without them the test skips with the
reason. Every notebook (00-10) runs, each on a fresh rig, as a student starts
each notebook from a fresh cluster (notebooks create resources with the same
names); real time passes here (about a minute per notebook, see
docs/real-cluster.md for the measured total). HALAB_COURSE_ON_RIG=03-quorum,05-...
runs only the named notebooks. The last test checks that the rigs left nothing
behind: no namespace, link, loop device, mount or nftables table.
"""

from __future__ import annotations

import os

import nbformat
import pytest

from halab_kernel.remote.rig.slots import SlotFamily
from tests.course.conftest import COURSE, NOTEBOOKS, require_halab_kernel
from tests.rig_slot import rig_leftovers, rig_slot_or_skip

pytestmark = [pytest.mark.rig, pytest.mark.slow]
COURSE_SLOTS = SlotFamily(name="course", prefix="halabc", octet=214, count=8)  # halabc<k>, 10.214.<k>.0/24
ONLY = [name for name in os.environ.get("HALAB_COURSE_ON_RIG", "").split(",") if name and name != "all"]
CHOSEN = [notebook for notebook in NOTEBOOKS if not ONLY or notebook.assignment in ONLY]


@pytest.fixture(scope="module")
def course_slot():
    """A rig slot of our own (flock-held, free subnet) for the notebooks of this module."""
    with rig_slot_or_skip(COURSE_SLOTS) as layout:
        yield layout


@pytest.fixture
def rig_inventory(course_slot):
    """A fresh 3-node rig for each notebook (as a student starts each notebook from a fresh cluster), then down."""
    from halab_kernel.remote.rig.slots import running

    with running(course_slot) as inventory:
        yield inventory


@pytest.mark.parametrize("notebook", CHOSEN, ids=lambda notebook: notebook.assignment)
def test_notebook_runs_on_real_nodes(notebook, rig_inventory, tmp_path, monkeypatch):
    require_halab_kernel()
    from nbclient import NotebookClient

    monkeypatch.setenv("HALAB_BACKEND", "ssh")  # the kernel inherits it: open_lab() connects to the rig
    monkeypatch.setenv("HALAB_INVENTORY", str(rig_inventory))
    executed = nbformat.read(COURSE / "source" / notebook.assignment / notebook.filename, as_version=4)
    NotebookClient(executed, kernel_name="halab", timeout=180, allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}).execute()
    first = executed.cells[[cell.cell_type for cell in executed.cells].index("code")]
    assert "<Lab ssh: 3 nodes" in first.outputs[0]["data"]["text/plain"]
    errors = [(cell.source[:60], output.get("ename"), output.get("evalue")) for cell in executed.cells
              if cell.cell_type == "code" for output in cell.get("outputs", [])
              if output.output_type == "error" and not expected_on_real_nodes(notebook.assignment, cell, output)]
    assert errors == []


# Graded cells that repeat a measurement on the simulator: a right measurement on real nodes may
# differ by seconds (a real failover spreads from one crash to the next), so their NOT YET is
# expected there; grading itself always runs on the simulator. Any other error still fails.
MEASURED_ON_THE_SIMULATOR = {("07-failover-timing", "test-measure")}


def expected_on_real_nodes(assignment: str, cell, output) -> bool:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return ((assignment, grade_id) in MEASURED_ON_THE_SIMULATOR and output.get("ename") == "AssertionError"
            and "NOT YET" in output.get("evalue", ""))


def test_the_rigs_left_nothing_behind(course_slot):
    assert rig_leftovers(course_slot) == []
