"""Every course notebook runs headless on the HA Lab kernel without an error, and stays light."""

from __future__ import annotations

import re

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
    assert unkept_promises(executed) == [], "a 'What you should see' note names a line its cell did not print"


def _printed(cell) -> str:
    """What a code cell printed or displayed as text, whitespace collapsed (crm_mon aligns with tabs)."""
    texts = [output.text if output.output_type == "stream" else output.get("data", {}).get("text/plain", "")
             for output in cell.get("outputs", []) if output.output_type != "error"]
    return " ".join(" ".join(texts).split())


def unkept_promises(executed) -> list[tuple[str, str]]:
    """(the cell's first line, the line) of every "What you should see" line the code cell before it did not print."""
    from cells import expected_lines

    unkept, shown = [], None
    for cell in executed.cells:
        if cell.cell_type == "code":
            shown = cell
        for line in expected_lines(cell):
            if shown is None or " ".join(line.split()) not in _printed(shown):
                unkept.append(((shown or cell).source.split("\n")[0], line))
    return unkept


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda notebook: notebook.assignment)
def test_each_notebook_shows_what_a_student_should_see(notebook):
    from cells import expected_lines

    notes = [cell for cell in notebook.cells if expected_lines(cell)]
    assert notes, "no 'What you should see' note with the key lines of a cell's output"
    assert all(cell.cell_type == "markdown" and "What you should see" in cell.source for cell in notes)


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


def test_a_note_that_drifted_from_its_output_is_reported():
    from cells import code, see

    notebook = nbformat.v4.new_notebook()
    shown = code("print(status)")
    shown.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Quorate:          Yes\n")]
    notebook.cells = [shown, see("quorate", "Quorate: Yes"), see("quorate", "Quorate: No")]
    assert unkept_promises(notebook) == [("print(status)", "Quorate: No")]


def _edited(notebook, edit):
    import copy

    generated = notebook.node()
    edited = copy.deepcopy(generated)
    for cell in edited.cells:
        edit(cell)
    return generated, edited


def test_adopt_takes_cell_texts_edited_in_jupyter_back_into_the_build_module():
    import adopt
    import build

    name = "nb09_troubleshooting"
    notebook = build.notebooks()[build.MODULES.index(name)]

    def edit(cell):
        if cell.source.startswith("# 09 · Troubleshooting"):
            cell.source = cell.source.replace("read before you touch", "read first, touch later")
        if cell.get("id") == "ex-incident":
            cell.source = cell.source.replace("def diagnose(log, replays):", "def diagnose(log, replays):\n    # read")

    generated, edited = _edited(notebook, edit)
    module = (build.BUILD / f"{name}.py").read_text()
    adopted = adopt.adopt(module, name, generated, edited)
    assert adopted.cells == ("cell-00", "ex-incident")
    assert "read first, touch later" in adopted.text and "read before you touch" not in adopted.text
    assert [cell.source for cell in adopt._rebuild(adopted.text, name).cells] == [cell.source for cell in edited.cells]


@pytest.mark.parametrize("edit, says", [
    (lambda cell: cell.get("id") == "test-incident" and cell.update(source=cell.source + "\npass"), "read-only test cell"),
    (lambda cell: "What you should see" in cell.source and cell.update(source=cell.source + " More."), "see(text"),
    (lambda cell: cell.get("id") == "cell-05" and cell.update(id="new-cell-from-jupyter"), "removed (cell-05)"),
    (lambda cell: cell.source.startswith("### Which cluster") and cell.update(source=cell.source + " Edited."),
     "nowhere (a cell written in common.py"),
], ids=["test-cell", "see-note", "removed-cell", "common-cell"])
def test_adopt_refuses_what_it_cannot_place_and_says_where_to_edit(edit, says):
    import adopt
    import build

    name = "nb09_troubleshooting"
    generated, edited = _edited(build.notebooks()[build.MODULES.index(name)], edit)
    with pytest.raises(adopt.Refused, match=re.escape(says)):
        adopt.adopt((build.BUILD / f"{name}.py").read_text(), name, generated, edited)


def _with_added(name, after, *added):
    """The generated notebook of build module `name`, and a copy with `added` cells inserted after cell `after`."""
    import build

    generated, edited = _edited(build.notebooks()[build.MODULES.index(name)], lambda cell: None)
    at = [cell.get("id") for cell in edited.cells].index(after) + 1
    edited.cells[at:at] = list(added)
    return generated, edited


def _new(kind, source, cell_id):
    cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
    cell["id"] = cell_id
    return cell


NEW_EXERCISE = ('exercise("votes-again", 1, check="quorum.quorum_formula", answer="votes_again", source="""\n'
                "### BEGIN SOLUTION\ndef votes_again(expected_votes):\n    return expected_votes // 2 + 1\n"
                '### END SOLUTION\n""")')


def test_adopt_takes_cells_and_an_exercise_added_in_jupyter_into_the_build_module():
    import adopt
    import build

    name = "nb03_quorum"
    note = _new("markdown", "Added in Jupyter: a `\\d` and a list\n\n- one", "a1b2c3d4")
    trial = _new("code", 'print(lab.run(first, "corosync-quorumtool -l").output)', "e5f6a7b8")
    generated, edited = _with_added(name, "cell-05", note, trial)
    at = [cell.get("id") for cell in edited.cells].index("test-quorate-side") + 1
    edited.cells.insert(at, _new("code", NEW_EXERCISE, "c9d0e1f2"))
    adopted = adopt.adopt((build.BUILD / f"{name}.py").read_text(), name, generated, edited)

    assert adopted.cells == ("a1b2c3d4", "e5f6a7b8", "c9d0e1f2")
    assert "cases" in adopted.todo[0] and "quorum.quorum_formula" in adopted.todo[0]
    assert '    md("""\n    Added in Jupyter' in adopted.text and '    *exercise("votes-again", 1,' in adopted.text
    rebuilt = adopt._rebuild(adopted.text, name).cells
    ids = [cell.get("id") for cell in rebuilt]
    assert ids[ids.index("test-quorate-side") + 1:ids.index("test-quorate-side") + 4] == [
        "ex-votes-again", ids[ids.index("ex-votes-again") + 1], "test-votes-again"]
    test_cell = rebuilt[ids.index("test-votes-again")]
    assert test_cell.metadata.nbgrader["points"] == 1 and "_grade('quorum.quorum_formula', votes_again)" in test_cell.source
    answer = rebuilt[ids.index("ex-votes-again")]
    assert answer.metadata.nbgrader["solution"] and "### BEGIN SOLUTION" in answer.source
    assert [cell.source for cell in rebuilt][ids.index("cell-05") + 1:ids.index("cell-05") + 3] == [note.source, trial.source]


@pytest.mark.parametrize("source, after, says", [
    (NEW_EXERCISE.replace("### BEGIN SOLUTION\n", ""), "test-quorate-side", "### BEGIN SOLUTION and ### END SOLUTION"),
    (NEW_EXERCISE.replace("quorum.quorum_formula", "quorum.no_such_check"), "test-quorate-side", "no check"),
    (NEW_EXERCISE.replace("votes-again", "quorate-side"), "test-quorate-side", "already has an exercise"),
    (NEW_EXERCISE, "ex-quorate-side", "inside the cells one helper call makes"),
    ('exercise("x", 1, check=CHECK, answer="a", source="""### BEGIN SOLUTION\n### END SOLUTION""")', "cell-05",
     "plain literal values"),
], ids=["no-solution-markers", "unknown-check", "taken-name", "inside-an-exercise", "not-literal"])
def test_adopt_refuses_an_added_exercise_that_could_not_grade(source, after, says):
    import adopt
    import build

    name = "nb03_quorum"
    generated, edited = _with_added(name, after, _new("code", source, "c9d0e1f2"))
    with pytest.raises(adopt.Refused, match=re.escape(says)):
        adopt.adopt((build.BUILD / f"{name}.py").read_text(), name, generated, edited)


def test_adopt_only_takes_course_notebooks(tmp_path, capsys):
    import build

    stray = tmp_path / "stray.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), stray)
    assert build.main(["--adopt", str(stray)]) == 1
    assert "not one of the course's notebooks" in capsys.readouterr().err
