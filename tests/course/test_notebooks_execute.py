"""Every course notebook runs headless on the HA Lab kernel without an error, and stays light."""

from __future__ import annotations

import nbformat
import pytest

from tests.course.conftest import COURSE, NOTEBOOKS, require_halab_kernel


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda notebook: notebook.assignment)
def test_notebook_executes_without_errors(notebook, tmp_path):
    require_halab_kernel()
    from nbclient import NotebookClient

    path = COURSE / "source" / notebook.assignment / notebook.filename
    executed = nbformat.read(path, as_version=4)
    NotebookClient(executed, kernel_name="halab", timeout=60, resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [(cell.source[:60], output.get("ename"), output.get("evalue"))
              for cell in executed.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.output_type == "error"]
    assert errors == []
    stderr = [output.text for cell in executed.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.output_type == "stream" and output.name == "stderr"]
    assert stderr == []
    assert len(nbformat.writes(executed)) < 1_500_000, "executed notebook is heavy: widget state bloat?"


def test_committed_notebooks_match_their_build_modules():
    import build

    assert build.main(["--check"]) == 0


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda notebook: notebook.assignment)
def test_each_notebook_has_objectives_a_backend_cell_and_graded_work(notebook):
    source = notebook.node()
    assert source.metadata.kernelspec.name == "halab"
    assert "Learning objectives" in source.cells[0].source
    assert any("open_lab(" in cell.source for cell in source.cells[:4] if cell.cell_type == "code")
    kinds = [cell.metadata.get("nbgrader", {}) for cell in source.cells]
    assert any(meta.get("grade") and not meta.get("solution") for meta in kinds), "no autograded test"
    assert any(meta.get("grade") and meta.get("solution") for meta in kinds), "no manually graded answer"
    assert notebook.wrong_answers and set(notebook.wrong_answers) <= set(notebook.solution_ids())
