"""Every exercise against the answers students give: wrong ones fail and say why, correct alternatives pass.

The answers live next to their exercise in the build modules (`cases=` of
each Notebook), and in `held_back_answers.py` (what students handed in on
top of those). Each runs through `halab_graders.isolated.run_check`, the
path test cells and Check buttons take; function answers are written to a
module file first, as a notebook cell would define them. As in a notebook,
the first check starts a warm judge (a private one for this module), which
forks the judge of every later check: a check then costs its own time, not
a Python start-up (tests/course/test_isolation.py shows its verdicts are a
fresh judge's).
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter

import pytest

from halab_graders.isolated import run_check
from tests.course.warm_judges import private_warm_judge
from tests.course.conftest import NOTEBOOKS
from tests.course.held_back_answers import HELD_BACK


def shown(value, inside: frozenset[int] = frozenset()) -> str:
    """A value's repr with every set's members sorted: the same in every process (a set's order follows the
    process's string hashes), so the test ids are the same in each pytest-xdist worker. A container that
    holds itself, or lies 50 deep, is shown as `...` there."""
    if id(value) in inside or len(inside) > 50:
        return "..."
    within = inside | {id(value)}
    if type(value) in (set, frozenset):
        members = ", ".join(sorted(shown(member, within) for member in value))
        return f"{type(value).__name__}({{{members}}})" if value else f"{type(value).__name__}()"
    if type(value) is dict:
        return "{" + ", ".join(f"{shown(key, within)}: {shown(item, within)}" for key, item in value.items()) + "}"
    if type(value) in (list, tuple):
        return type(value).__name__ + "(" + ", ".join(shown(item, within) for item in value) + ")"
    return repr(value)


def all_cases(notebook) -> tuple:
    """The notebook's cases and the held-back ones; an answer given twice (the same answer with the same
    options, found by two rounds) is judged once."""
    unique = {(case.check, shown(case.answer), shown(case.options), case.function): case
              for case in notebook.cases + HELD_BACK.get(notebook.assignment, ())}
    return tuple(unique.values())


CASES = [(notebook.assignment, case) for notebook in NOTEBOOKS for case in all_cases(notebook)]


def _label(item) -> str:
    assignment, case = item
    return f"{assignment[:2]}-{case.check}-{'right' if case.passes else 'wrong'}-{shown(case.answer)[:30]}"


@pytest.fixture(scope="module")
def warm_judge():
    """A warm judge of this module's own: started by the first check, stopped when the module is done."""
    with private_warm_judge(started=False):
        yield


def answer_of(case, tmp_path):
    if not case.function:
        return case.answer
    path = tmp_path / f"student_{case.function}.py"
    path.write_text(case.answer)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, case.function)


@pytest.mark.parametrize("item", CASES, ids=[_label(item) for item in CASES])
def test_the_check_accepts_right_answers_and_explains_wrong_ones(item, tmp_path, warm_judge):
    _, case = item
    verdict = run_check(case.check, answer_of(case, tmp_path), case.options)
    if case.passes:
        assert verdict["passed"], f"a correct answer failed:\n{verdict['observed']}"
        return
    assert not verdict["passed"], "a wrong answer passed"
    assert verdict["observed"] and case.says in verdict["observed"], verdict["observed"]
    assert verdict["hint"] or verdict["events"] or len(verdict["observed"]) > 40, "a verdict must say more than no"


def _graded_checks(notebook) -> set[str]:
    return {match for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")
            for match in re.findall(r"_grade\('([\w.]+)'", cell.source)}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda notebook: notebook.assignment)
def test_every_graded_check_has_wrong_answers_and_a_correct_alternative(notebook):
    rights = Counter(case.check for case in all_cases(notebook) if case.passes)
    wrongs = Counter(case.check for case in all_cases(notebook) if not case.passes)
    graded = _graded_checks(notebook)
    assert graded, "no graded check found"
    assert {check for check in graded if not rights[check] or not wrongs[check]} == set()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda notebook: notebook.assignment)
def test_every_graded_cell_appears_in_the_generated_topic_table(notebook):
    import readme

    listed = {grade_id for topic in notebook.topics for grade_id in topic.graded}
    assert set(readme.graded_cells(notebook)) - listed == set()
