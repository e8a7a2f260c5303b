"""The course's CheckCellMetadataOnce (halab_kernel/nbgrader_plugins.py) judges a notebook's nbgrader metadata as
nbgrader's own CheckCellMetadata does, schema checked once per process instead of at every cell (issue 18).

Differential: every source notebook of the course as it is, and with one cell's metadata corrupted in each way
nbgrader's schema and checks refuse (wrong types, a missing key, another schema version, a duplicate id), through
both preprocessors: the same outcome, the same error type and message.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbgrader.preprocessors import CheckCellMetadata

from halab_kernel.nbgrader_plugins import CheckCellMetadataOnce

SOURCES = sorted((Path(__file__).resolve().parents[2] / "course" / "source").glob("*/*.ipynb"))
CORRUPTIONS = [("points", "x"), ("points", -1), ("grade", "yes"), ("grade_id", 5), ("grade_id", ""),
               ("schema_version", 2), ("schema_version", 4), ("locked", None), ("solution", 1), ("task", "no"),
               ("extra", "key"), ("grade", None)]


def _outcome(preprocessor: type, notebook: nbformat.NotebookNode) -> str:
    try:
        preprocessor().preprocess(copy.deepcopy(notebook), {})
    except Exception as error:  # noqa: BLE001 - the outcome compared is any error, by type and message
        return f"{type(error).__name__}: {error}"
    return "valid"


def _variants(notebook: nbformat.NotebookNode):
    graded = [index for index, cell in enumerate(notebook.cells) if "nbgrader" in cell.metadata]
    yield "as it is", notebook
    for key, value in CORRUPTIONS:
        for index in (graded[0], graded[-1]):
            changed = copy.deepcopy(notebook)
            changed.cells[index].metadata.nbgrader[key] = value
            yield f"cell {index} {key}={value!r}", changed
    changed = copy.deepcopy(notebook)
    del changed.cells[graded[-1]].metadata.nbgrader["grade"]
    yield "a missing key", changed
    ids = [index for index in graded if changed.cells[index].metadata.nbgrader.get("grade_id")]
    changed = copy.deepcopy(notebook)
    changed.cells[ids[-1]].metadata.nbgrader["grade_id"] = changed.cells[ids[0]].metadata.nbgrader["grade_id"]
    yield "a duplicate grade id", changed


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.parent.name)
def test_cell_metadata_judged_as_nbgrader_judges_it(source):
    notebook = nbformat.read(source, as_version=4)
    outcomes = [(what, _outcome(CheckCellMetadata, variant), _outcome(CheckCellMetadataOnce, variant))
                for what, variant in _variants(notebook)]
    assert outcomes[0][1] == "valid"
    assert sum(theirs != "valid" for _, theirs, _ in outcomes) > len(CORRUPTIONS)  # the corruptions are refused
    assert [(what, theirs) for what, theirs, _ in outcomes] == [(what, ours) for what, _, ours in outcomes]
