"""Grading runs in a fresh process: nothing in the student's kernel can change a verdict.

Every test hands an answer to `halab_graders.isolated.run_check`, the path
test cells and Check buttons take, exactly as a notebook would: the tricks
students tried (frame peeking, lying dict subclasses, fake labs, patched
grader modules, endless loops that swallow the time-bound exception) must
each end as a failed verdict, in bounded time, with a readable reason.
"""

from __future__ import annotations

import importlib.util
import linecache
import math
import sys
import time
from types import SimpleNamespace

import pytest

import halab_graders.corosync
from halab_graders import Check, isolated
from halab_graders.isolated import NotData, from_data, run_check, to_data
from halab_graders.selfstudy import CheckButton, check_button
from halab_kernel.fastpath.control import running_servers
from tests.course.conftest import wall_allowance
from tests.course.warm_judges import private_warm_judge


def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
    runtime = token + (nodes - 2) * token_coefficient if nodes >= 3 else token
    return runtime + (1.2 * runtime if consensus is None else consensus)


def peeking(nodes, token=3000, token_coefficient=650, consensus=None):
    return sys._getframe(1).f_locals["measured"] * 1000  # the grader's own measurement, if it were there


def swallows_the_bound(*availabilities):
    while True:
        try:
            time.sleep(0.05)
        except BaseException:  # noqa: BLE001 - the trick: catch whatever the grader raises and go on
            pass


def exits(*availabilities):
    import os

    os._exit(0)


def hogs_memory(*availabilities):
    return len(bytearray(8 << 30))


def series(*values):
    return math.prod(values)


def uses_a_helper(*values):
    return series(*values)


class LyingDict(dict):
    """What a student wrote to pass 02's fast-detection check with a 200 ms token."""

    def get(self, key, default=None):
        return 3000 if key == "token" else super().get(key, default)


@pytest.fixture
def warm_judge():
    """A warm judge of this test's own, up before the test: how many checks it has judged, as a function."""
    with private_warm_judge() as folder:
        served = lambda: sum(count for _, count in running_servers(folder).values())  # noqa: E731
        before = served()
        yield lambda: served() - before


def test_the_warm_judge_gives_the_verdicts_a_fresh_judge_gives(warm_judge, monkeypatch):
    answers = [("corosync.detection_time", 8.03), ("corosync.detection_time", 1.0),
               ("corosync.detection_formula", peeking), ("availability.series_function", uses_a_helper)]
    warm = [run_check(check, answer) for check, answer in answers]
    assert warm_judge() == len(answers)
    monkeypatch.setenv("HALAB_NO_SERVER", "1")
    fresh = [run_check(check, answer) for check, answer in answers]
    assert [{**verdict, "seconds": 0} for verdict in warm] == [{**verdict, "seconds": 0} for verdict in fresh]
    assert [verdict["passed"] for verdict in warm] == [True, False, False, True]


@pytest.mark.parametrize("function, words", [(swallows_the_bound, "did not return within"),
                                             (exits, "ended its Python process"), (hogs_memory, "MemoryError")])
def test_the_warm_judges_children_keep_the_time_and_memory_bounds(warm_judge, function, words):
    started = time.monotonic()
    verdict = run_check("availability.series_function", function)
    assert not verdict["passed"] and words in verdict["observed"]
    assert time.monotonic() - started < wall_allowance(15) and warm_judge() == 1


def test_the_warm_judge_kills_a_check_at_its_own_time_limit(warm_judge):
    started = time.monotonic()
    verdict = run_check("availability.series_function", swallows_the_bound, limit_seconds=1.0)
    assert not verdict["passed"] and "did not finish within 1 s" in verdict["observed"]
    assert time.monotonic() - started < wall_allowance(5) and warm_judge() == 1


def test_the_first_check_is_judged_by_the_warm_judge_it_starts():
    """No judge of its own started beside the warm judge (that cost ~0.3 s of CPU per check while it started)."""
    with private_warm_judge(started=False) as folder:
        assert run_check("corosync.detection_time", 8.03)["passed"]
        assert sum(count for _, count in running_servers(folder).values()) == 1


def test_a_warm_judge_that_cannot_start_is_not_waited_for(monkeypatch):
    monkeypatch.setattr(isolated, "WARM_START_SECONDS", 600.0)
    monkeypatch.setenv("HALAB_SERVER_IDLE", "not a number")  # the warm judge ends with an error as it starts
    with private_warm_judge(started=False) as folder:
        started = time.monotonic()
        assert run_check("corosync.detection_time", 8.03)["passed"]
        assert time.monotonic() - started < wall_allowance(10) and not running_servers(folder)


def test_patching_the_kernel_changes_nothing_with_a_warm_judge(warm_judge, monkeypatch):
    monkeypatch.setattr(halab_graders.corosync, "detection_time", lambda *args, **kwargs: Check("02", True, "x"))
    fresh = __import__("runpy").run_path(isolated.__file__)
    assert not fresh["run_check"]("corosync.detection_time", 1.0)["passed"]
    assert warm_judge() == 1


def test_correct_answers_pass_through_the_isolated_path():
    assert run_check("corosync.detection_time", 8.03)["passed"]
    assert run_check("corosync.detection_formula", detection_ms)["passed"]
    assert run_check("availability.series_function", uses_a_helper)["passed"]  # a helper travels with it


STUDENT_CELL = """
import math
import re
from dataclasses import dataclass

CEILING = 1.0
WORD = re.compile("up")


@dataclass(frozen=True)
class Part:
    availability: float

    def up(self):
        return min(self.availability, CEILING)


class Marker:
    pass


class Chain:
    def __init__(self, parts):
        self.parts = parts

    def total(self):
        return math.prod(part.up() for part in self.parts)


DEFAULT = Chain([])


def chained(*values):
    assert WORD.match("up") and Marker and DEFAULT.total() == 1
    return Chain([Part(value) for value in values]).total()
"""


def _cell_module(tmp_path, kind):
    """STUDENT_CELL as the answers' module file, or as a notebook cell (IPython keeps cells in linecache)."""
    if kind == "module":
        path = tmp_path / "student_chained.py"
        path.write_text(STUDENT_CELL)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return vars(module)
    cell = str(tmp_path / "ipykernel_cell_7.py")
    linecache.cache[cell] = (len(STUDENT_CELL), None, STUDENT_CELL.splitlines(True), cell)
    namespace = {"__name__": "__main__"}
    exec(compile(STUDENT_CELL, cell, "exec"), namespace)  # noqa: S102 - what running the cell does
    return namespace


@pytest.mark.parametrize("kind", ["module", "cell"])
def test_a_function_uses_the_classes_constants_and_helpers_defined_beside_it(tmp_path, kind):
    verdict = run_check("availability.series_function", _cell_module(tmp_path, kind)["chained"])
    assert verdict["passed"], verdict["observed"]


def test_the_graders_own_variables_cannot_be_read_from_the_students_function():
    verdict = run_check("corosync.detection_formula", peeking)
    assert not verdict["passed"] and "KeyError" in verdict["observed"]


def test_a_function_that_swallows_the_time_bound_is_killed_and_fails_in_bounded_time():
    started = time.monotonic()
    verdict = run_check("availability.series_function", swallows_the_bound)
    assert not verdict["passed"] and "did not return within" in verdict["observed"]
    assert time.monotonic() - started < wall_allowance(15)


@pytest.mark.parametrize("function, words", [(exits, "ended its Python process"), (hogs_memory, "MemoryError")])
def test_a_crashing_or_greedy_function_fails_its_own_check(function, words):
    verdict = run_check("availability.series_function", function)
    assert not verdict["passed"] and words in verdict["observed"]


def test_a_dict_subclass_never_crosses():
    lying = LyingDict(token=200, token_coefficient=0)
    assert lying.get("token") == 3000  # what the old in-kernel check asked
    verdict = run_check("corosync.fast_detection", lying)
    assert not verdict["passed"] and "should be a plain dict, not LyingDict" in verdict["observed"]
    assert run_check("corosync.fast_detection", dict(lying))["observed"].startswith("token is 200 ms")


def test_collections_c_dicts_cross_as_what_they_hold_but_their_subclasses_do_not():
    from collections import OrderedDict, defaultdict

    assert run_check("corosync.fast_detection", OrderedDict(token=1000, token_coefficient=0))["passed"]
    assert run_check("failover.fast_recovery", defaultdict(int, token_ms=1000, monitor_seconds=4))["passed"]

    class Ordered(OrderedDict):
        def get(self, key, default=None):
            return 3000

    verdict = run_check("corosync.fast_detection", Ordered(token=200, token_coefficient=0))
    assert not verdict["passed"] and "should be a plain dict, not Ordered" in verdict["observed"]


def test_objects_that_are_not_data_never_cross():
    fake_lab = SimpleNamespace(kind="ssh", state=lambda: None, node_names=("a",))
    verdict = run_check("getting_started.lab_formed", fake_lab)
    assert not verdict["passed"] and "plain data" in verdict["observed"]
    assert not run_check("availability.series_function", lambda *v: 1.0)["passed"]  # no source by name


def test_patching_the_grader_modules_in_the_kernel_changes_nothing(monkeypatch):
    always = Check(name="02.detection-time", passed=True, expected="anything")
    monkeypatch.setattr(halab_graders.corosync, "detection_time", lambda *args, **kwargs: always)
    monkeypatch.setattr(isolated, "to_data", lambda value, *args, **kwargs: 8.03)  # a grade() from sys.modules would obey
    fresh = __import__("runpy").run_path(isolated.__file__)
    assert not fresh["run_check"]("corosync.detection_time", 1.0)["passed"]


def test_only_course_checks_can_be_named():
    for name in ("check.assert_check", "os.system", "corosync._random_configurations", "corosync.MEASURE"):
        verdict = run_check(name, 1)
        assert not verdict["passed"] and "no check named" in verdict["observed"]


def test_data_survives_the_trip_and_numpy_numbers_are_plain_numbers():
    numpy = pytest.importorskip("numpy")
    value = {"a": {1, 2}, ("x", 1): [1.5, None, True], "n": numpy.float64(2.5)}
    assert from_data(to_data(value)) == {"a": {1, 2}, ("x", 1): [1.5, None, True], "n": 2.5}
    assert type(from_data(to_data(numpy.float64(2.5)))) is float
    with pytest.raises(NotData):
        to_data(object())


def test_grade_raises_with_the_explanation_and_the_button_shows_the_same_verdict(monkeypatch):
    with pytest.raises(AssertionError, match="Expected: the seconds between crashing node3"):
        isolated.grade("corosync.detection_time", 1.0)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    answer = 1.0
    button = check_button("corosync.detection_time", lambda: answer)
    assert isinstance(button, CheckButton)
    verdict = button.check()
    assert not verdict.passed and "Not yet" in button.verdict.value
    answer = 8.03
    assert button.check().passed
    assert "shows no widgets" in button._repr_mimebundle_()["text/plain"]
