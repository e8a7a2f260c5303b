"""The course on real nodes: notebooks run with `open_lab()` pointed at a real 3-node cluster (the rig).

The rig (real corosync + pacemaker in network namespaces, `halab rig`) needs
root and Debian's cluster packages; without them the test skips with the
reason. Real time passes here (a notebook takes about a minute), so by
default only the quorum notebook runs (partitions and heals on real nodes);
HALAB_COURSE_ON_RIG=all runs every notebook (00-10, about 10 minutes).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import nbformat
import pytest

from tests.course.conftest import COURSE, NOTEBOOKS, require_halab_kernel

pytestmark = [pytest.mark.rig, pytest.mark.slow]
SLOTS = 8  # slot k: prefix halabc<k>, folder /srv/halab-rig-course<k>, subnet 10.214.<k>.0/24
DEFAULT = ("03-quorum",)
CHOSEN = [notebook for notebook in NOTEBOOKS
          if os.environ.get("HALAB_COURSE_ON_RIG") == "all" or notebook.assignment in DEFAULT]


@pytest.fixture(scope="module")
def rig_inventory():
    """A running 3-node rig in a slot of our own (flock-held, free subnet), taken down afterwards."""
    from halab_kernel.remote.rig import manager
    from halab_kernel.remote.rig.host import RigError, missing_prerequisites
    from halab_kernel.remote.rig.layout import RigLayout

    reasons = missing_prerequisites()
    if reasons:
        pytest.skip("real-cluster rig unavailable: " + "; ".join(reasons))
    for slot in range(SLOTS):
        lock = open(f"/run/halab-rig-course{slot}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        layout = RigLayout(nodes=3, prefix=f"halabc{slot}", directory=Path(f"/srv/halab-rig-course{slot}"),
                           subnet=f"10.214.{slot}.0/24")
        try:
            manager.down(layout)  # leftovers of an interrupted earlier run in this slot
            try:
                inventory = manager.up(layout, wait=90)
            except RigError as error:
                if "overlaps" in str(error):  # someone else's network uses this slot's subnet: next slot
                    continue
                pytest.fail(f"rig up failed: {error}")
            yield inventory
            assert manager.down(layout) == []
            return
        finally:
            lock.close()
    pytest.skip(f"no free course rig slot among {SLOTS}")


@pytest.mark.parametrize("notebook", CHOSEN, ids=lambda notebook: notebook.assignment)
def test_notebook_runs_on_real_nodes(notebook, rig_inventory, tmp_path, monkeypatch):
    require_halab_kernel()
    from nbclient import NotebookClient

    monkeypatch.setenv("HALAB_BACKEND", "ssh")  # the kernel inherits it: open_lab() connects to the rig
    monkeypatch.setenv("HALAB_INVENTORY", str(rig_inventory))
    executed = nbformat.read(COURSE / "source" / notebook.assignment / notebook.filename, as_version=4)
    NotebookClient(executed, kernel_name="halab", timeout=180, resources={"metadata": {"path": str(tmp_path)}}).execute()
    first = executed.cells[[cell.cell_type for cell in executed.cells].index("code")]
    assert "<Lab ssh: 3 nodes" in first.outputs[0]["data"]["text/plain"]
    errors = [(cell.source[:60], output.get("ename"), output.get("evalue")) for cell in executed.cells
              if cell.cell_type == "code" for output in cell.get("outputs", []) if output.output_type == "error"]
    assert errors == []
