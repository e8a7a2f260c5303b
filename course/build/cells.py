"""Small helpers that make nbgrader cells, so each notebook reads as a list of its cells.

The course notebooks are generated from `course/build/nbNN_*.py` (run
`python course/build/build.py`) and the generated .ipynb files are committed:
the Python source keeps them reviewable, the .ipynb is what nbgrader and
students open. Cell ids are stable (derived from the position or grade id),
so rebuilding an unchanged notebook gives the same file byte for byte.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode

KERNELSPEC = {"name": "halab", "display_name": "HA Lab (Python 3)", "language": "python"}


def _clean(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def md(text: str) -> NotebookNode:
    """Explanation: plain markdown."""
    return nbformat.v4.new_markdown_cell(_clean(text))


def code(source: str) -> NotebookNode:
    """An experiment or setup cell the student runs (and may change)."""
    return nbformat.v4.new_code_cell(_clean(source))


def see(text: str, *lines: str) -> NotebookNode:
    """A "What you should see" note after a key cell: `text`, then the key `lines` of that cell's output.

    The lines are kept in the cell's metadata too (`halab.expect`), and
    tests/course/test_notebooks_execute.py checks each one appears in what the
    code cell before the note printed on the simulator, so a note cannot drift
    from the output it describes.
    """
    shown = "\n".join(lines)
    cell = md(f"**What you should see:** {_clean(text)}\n\n```\n{shown}\n```")
    cell.metadata["halab"] = {"expect": list(lines)}
    return cell


def expected_lines(cell: NotebookNode) -> list[str]:
    """The output lines a "What you should see" note (see `see`) promises, or none."""
    return list(cell.metadata.get("halab", {}).get("expect", []))


def solution(grade_id: str, source: str) -> NotebookNode:
    """An answer cell: the part between ### BEGIN SOLUTION and ### END SOLUTION is removed on release."""
    cell = nbformat.v4.new_code_cell(_clean(source))
    cell.metadata["nbgrader"] = _nbgrader(grade_id, grade=False, solution=True, locked=False)
    return cell


def tests(grade_id: str, points: float, source: str) -> NotebookNode:
    """An autograded test cell (read-only): visible checks, and hidden ones between HIDDEN TESTS markers."""
    cell = nbformat.v4.new_code_cell(_clean(source))
    cell.metadata["nbgrader"] = _nbgrader(grade_id, grade=True, solution=False, locked=True, points=points)
    return cell


def written(grade_id: str, points: float, model_answer: str) -> NotebookNode:
    """A manually graded explanation: the model answer is replaced by "YOUR ANSWER HERE" on release."""
    cell = nbformat.v4.new_markdown_cell(_clean(model_answer))
    cell.metadata["nbgrader"] = _nbgrader(grade_id, grade=True, solution=True, locked=False, points=points)
    return cell


@dataclass(frozen=True)
class Case:
    """An answer a student could give and what the check must do with it (tests/course/test_answer_cases.py)."""

    check: str  # "corosync.detection_formula"
    answer: Any  # the answer as data; for a function, its source (with `function` its name)
    passes: bool
    says: str = ""  # words a failed verdict must contain: the story that exposed the mistake
    options: dict = field(default_factory=dict)
    function: str = ""


def right(check: str, answer: Any, function: str = "", **options: Any) -> Case:
    """A correct answer, possibly not the model one: it must pass."""
    return Case(check, answer, True, "", options, function)


def wrong(check: str, answer: Any, says: str, function: str = "", **options: Any) -> Case:
    """A plausible mistake: it must fail, and its verdict must say `says`."""
    return Case(check, answer, False, says, options, function)


@dataclass(frozen=True)
class Trick:
    """A submission that tries to fool the grader: the test cells in `fails` must score nothing, all others full."""

    cell: str  # the answer cell (grade id) it replaces
    source: str
    fails: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """One row of course/README.md's topic table: a topic, where it is taught, which graded cells grade it."""

    topic: str
    sections: str  # "Links and members, The token and the ring"
    graded: tuple[str, ...] = ()  # test or written cell grade ids


@dataclass
class Notebook:
    """One course notebook: where it goes, its cells, and the answers its tests try."""

    assignment: str  # "02-corosync": the nbgrader assignment (folder) name
    filename: str  # "corosync.ipynb"
    cells: list[NotebookNode]
    wrong_answers: dict[str, str] = field(default_factory=dict)  # grade_id -> a plausible wrong solution cell
    cases: tuple[Case, ...] = ()  # wrong answers and correct alternatives, run through the isolated checks
    tricks: tuple[Trick, ...] = ()  # fooling attempts, graded by a real nbgrader autograde
    topics: tuple[Topic, ...] = ()  # the rows of course/README.md's topic table (build.py writes it)

    def node(self) -> NotebookNode:
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = dict(KERNELSPEC)
        notebook.metadata["language_info"] = {"name": "python"}
        for index, cell in enumerate(self.cells):
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            cell["id"] = grade_id or f"cell-{index:02d}"
            notebook.cells.append(cell)
        nbformat.validate(notebook)
        return notebook

    def solution_ids(self) -> list[str]:
        return [cell.metadata["nbgrader"]["grade_id"] for cell in self.cells
                if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code"]


# --- graded exercises: one call makes the answer cell, the Check button and the test cell ------------------------

_GRADE_PRELUDE = (
    "# Graded in a fresh Python process (halab_graders/isolated.py, loaded from its file): nothing\n"
    "# defined or patched in this notebook can change the verdict.\n"
    "import runpy as _runpy, importlib.machinery as _machinery\n"
    "_grade = _runpy.run_path(_machinery.PathFinder.find_spec(\"halab_graders\").submodule_search_locations[0]\n"
    "                         + \"/isolated.py\")[\"grade\"]\n"
)


def _call(function: str, check: str, answer: str, options: dict) -> str:
    extra = "".join(f", {key}={value!r}" for key, value in options.items())
    return f"{function}({check!r}, {answer}{extra})"


def check_button_cell(check: str, answer: str, **options) -> NotebookNode:
    """The self-study Check button: the same isolated check as the test cell, on the answer at click time."""
    extra = "".join(f", {key}={value!r}" for key, value in options.items())
    return code(f"check_button({check!r}, lambda: {answer}{extra})")


def graded(test_id: str, points: float, check: str, answer: str, options: dict | None = None,
           hidden: tuple[dict, ...] = ()) -> NotebookNode:
    """The read-only test cell: the visible check, and hidden ones (other seeds or cases) removed on release."""
    lines = [_GRADE_PRELUDE + _call("_grade", check, answer, options or {})]
    if hidden:
        lines.append("### BEGIN HIDDEN TESTS")
        lines += [_call("_grade", check, answer, more) for more in hidden]
        lines.append("### END HIDDEN TESTS")
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["nbgrader"] = _nbgrader(test_id, grade=True, solution=False, locked=True, points=points)
    return cell


def exercise(name: str, points: float, *, check: str, answer: str, source: str, options: dict | None = None,
             hidden: tuple[dict, ...] = ()) -> list[NotebookNode]:
    """An exercise's three cells: the answer (`ex-<name>`), its Check button, its test (`test-<name>`).

    `check` names the check ("corosync.detection_time"), `answer` the
    variable the student fills in, `source` the answer cell with its
    ### BEGIN/END SOLUTION markers; `hidden` lists the options of the hidden
    tests (other seeds, more cases).
    """
    return [solution(f"ex-{name}", source), check_button_cell(check, answer, **(options or {})),
            graded(f"test-{name}", points, check, answer, options, hidden)]
