"""The course through real nbgrader: validate, generate, autograde, feedback, for every assignment.

For each assignment: the source validates (every test passes with the
solutions); the release fails every test without them (nbgrader's inverted
validation) and holds no hidden test; the solution submission scores full
marks on every autograded cell, the blank release zero on every one, and a
plausible wrong answer scores partial marks with an explanation in the
feedback, and a submission that tries to fool the grader scores nothing where
it cheats while every other cell is still graded.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.course.conftest import ASSIGNMENTS, notebook_named, round_trip

pytestmark = pytest.mark.slow


@pytest.fixture(params=ASSIGNMENTS)
def trip(request, course_root):
    return round_trip(course_root, request.param)


def test_source_validates_with_the_solutions(course_root, trip):
    from nbgrader.validator import Validator

    path = course_root / "source" / trip.assignment / notebook_named(trip.assignment).filename
    assert Validator().validate(str(path)) == {}


def test_release_fails_every_test_without_solutions(course_root, trip):
    from nbgrader.validator import Validator

    path = course_root / "release" / trip.assignment / notebook_named(trip.assignment).filename
    assert Validator(invert=True).validate(str(path)) == {}


def test_release_holds_no_solution_and_no_hidden_test(trip):
    text = nbformat.writes(trip.release)
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    for cell in trip.source.cells:
        hidden = re.search(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", cell.source, re.DOTALL)
        if hidden:
            for line in filter(None, (line.strip() for line in hidden.group(1).splitlines())):
                assert line not in text, f"hidden test line leaked into the release: {line}"


def test_solution_scores_full_marks(trip):
    scores = trip.scores["solution"]
    assert scores, "no autograded cells found"
    assert {name: score for name, (score, maximum) in scores.items() if score != maximum} == {}


def test_blank_release_scores_zero_on_every_autograded_cell(trip):
    assert {name: score for name, (score, _) in trip.scores["blank"].items() if score != 0} == {}


def test_a_plausible_wrong_answer_scores_partial_marks_and_is_explained(trip):
    scores = trip.scores["wrong"]
    total = sum(score for score, _ in scores.values())
    maximum = sum(maximum for _, maximum in scores.values())
    assert 0 < total < maximum
    feedback = trip.feedback["wrong"]
    assert "NOT YET" in feedback and "Expected:" in feedback and "Hint:" in feedback


def test_feedback_explains_missing_answers_without_tracebacks_from_graders(trip):
    feedback = trip.feedback["blank"]
    assert "NotImplementedError" in feedback or "NameError" in feedback
    assert "halab_graders/check.py" not in feedback


def test_fooling_tricks_score_nothing_and_every_other_cell_is_graded(trip):
    """A submission that redefines names, patches the graders, peeks at frames, lies through a dict subclass,
    hands over a fake lab or loops for ever where an answer belongs: those cells score 0, all others full."""
    tricks = notebook_named(trip.assignment).tricks
    fooled = {test for trick in tricks for test in trick.fails}
    scores = trip.scores["fooling"]
    assert {name: score for name, (score, _) in scores.items() if name in fooled and score != 0} == {}
    assert {name: score for name, (score, maximum) in scores.items() if name not in fooled and score != maximum} == {}
