"""What a check says back: passed or not, and why, like a teacher would.

A `Check` is the one result type of every exercise check. nbgrader test cells
turn a failed one into an AssertionError (`assert_check`), the self-study
Check button renders it (`halab_graders.selfstudy`). Both show the same
words: what the exercise asked for, what the student's answer or the cluster
actually did (with the events that matter), and a hint. The expected value
itself is never printed: a check describes the requirement, not its answer.

Check functions are written as plain functions decorated with `@exercise`:
they raise `Mismatch` when the answer is wrong and return nothing when it is
right. The decorator adds the time bound, turns mistakes in the student's
own code into readable failures, and builds the `Check`.
"""

from __future__ import annotations

import enum
import functools
import html
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from halab_graders.bound import CheckTimedOut, time_bound
from halab_graders.durations import decimal_duration_note

DEFAULT_TIME_LIMIT = 20.0  # CPU seconds a check may take before it counts as failed (a busy machine changes its
# wall time, never its verdict; a student's function is bounded in its own process, halab_graders.sandbox)


@dataclass(frozen=True)
class Check:
    """The verdict of one check on one answer."""

    name: str  # "02-corosync.detection-time"
    passed: bool
    expected: str  # the requirement in words: never the answer itself
    observed: str = ""  # what the answer gave / what the cluster did
    events: tuple[str, ...] = ()  # the relevant events, one formatted line each
    hint: str = ""
    seconds: float = 0.0  # wall time the check took (shown, never judged)
    every_seed: bool = False  # passed, and the same run would have happened with any seed (`EVERY_SEED`)

    def __bool__(self) -> bool:
        return self.passed

    def explain(self, with_hint: bool = True) -> str:
        """The verdict as plain text (what nbgrader feedback shows)."""
        if self.passed:
            return f"PASSED {self.name}: {self.expected}"
        lines = [f"NOT YET {self.name}", f"Expected: {self.expected}"]
        if self.observed:
            lines.append(f"What happened: {self.observed}")
        if self.events:
            lines.append("Relevant events:")
            lines += [f"  {line}" for line in self.events]
        if with_hint and self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    def to_html(self, with_hint: bool = False) -> str:
        """The verdict as a small HTML block (what the Check button shows)."""
        colour = "#1b7f3b" if self.passed else "#a33a00"
        title = "Passed" if self.passed else "Not yet"
        parts = [f'<div style="border-left: 4px solid {colour}; padding: 4px 10px">',
                 f'<b style="color: {colour}">{title}</b> <code>{html.escape(self.name)}</code><br>',
                 f"<b>Expected:</b> {html.escape(self.expected)}"]
        if not self.passed and self.observed:
            parts.append(f"<br><b>What happened:</b> {html.escape(self.observed)}")
        if not self.passed and self.events:
            parts.append("<pre style='margin: 4px 0'>" + html.escape("\n".join(self.events)) + "</pre>")
        if with_hint and not self.passed and self.hint:
            parts.append(f"<br><b>Hint:</b> {html.escape(self.hint)}")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html(with_hint=True)

    def __str__(self) -> str:
        return self.explain()


class Mismatch(Exception):
    """Raised inside a check: the answer does not do what the exercise asks."""

    def __init__(self, observed: str, *, events: Iterable[str] = (), hint: str | None = None) -> None:
        super().__init__(observed)
        self.observed = observed
        self.events = tuple(events)
        self.hint = hint


class StudentCodeFailed(Mismatch):
    """The student's function raised, returned something that is not data, or did not return in time (raised by
    `halab_graders.sandbox.StudentFunction`)."""


class AnswerMissing(Mismatch):
    """The answer is not there yet (None, Ellipsis, or the wrong kind of value)."""


class Scope(enum.Enum):
    """What a check function may return when the answer passed: how far its verdict reaches."""

    EVERY_SEED = "every seed"  # the run drew nothing from its random source (the seed's only use): a lab of any other
    # seed would have run exactly the same, so the verdict holds for every seed (the warm judge reuses it)


EVERY_SEED = Scope.EVERY_SEED


def exercise(name: str, *, expected: str, hint: str = "",
             time_limit: float = DEFAULT_TIME_LIMIT) -> Callable[[Callable[..., Scope | None]], Callable[..., Check]]:
    """Make `function(answer, ...)` a bounded check that returns a `Check`.

    The function raises `Mismatch` for a wrong answer, and may return `EVERY_SEED` when the
    answer passed on a run its seed did not change; any other exception
    raised while running the student's own code (a function they wrote, a
    configuration the simulator refuses) becomes a failed check that names
    the error, so a test cell never shows a grader's traceback.
    """

    def decorate(function: Callable[..., Scope | None]) -> Callable[..., Check]:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Check:
            started = time.perf_counter()

            def verdict(passed: bool, observed: str = "", events: Sequence[str] = (), hint_text: str | None = None,
                        every_seed: bool = False) -> Check:
                return Check(name=name, passed=passed, expected=expected, observed=observed, events=tuple(events),
                             hint=hint if hint_text is None else hint_text, seconds=time.perf_counter() - started,
                             every_seed=every_seed)

            try:
                with time_bound(time_limit, cpu=True):
                    scope = function(*args, **kwargs)
            except Mismatch as wrong:
                return verdict(False, wrong.observed + decimal_duration_note(args[0] if args else None),
                               wrong.events, wrong.hint)
            except CheckTimedOut:
                return verdict(False, f"the check did not finish within {time_limit:g} s of computing (an endless loop "
                                      "in your code, or far more than the exercise needs to simulate?)")
            except Exception as error:  # noqa: BLE001 - the student's code failing is a verdict, not a crash
                return verdict(False, f"running your answer raised {type(error).__name__}: {error}")
            return verdict(True, every_seed=scope is EVERY_SEED)

        run.check_name = name  # type: ignore[attr-defined]
        run.time_limit = time_limit  # type: ignore[attr-defined]
        return run

    return decorate


def assert_check(check: Check) -> None:
    """For nbgrader test cells: raise AssertionError with the explanation unless the check passed.

    A passing check prints one line; the function returns nothing so a test
    cell shows no extra output.
    """
    if not isinstance(check, Check):
        raise TypeError(f"assert_check needs a Check (what a halab_graders check returns), not {type(check).__name__}")
    if not check.passed:
        raise AssertionError(check.explain())
    print(check.explain())


# --- answer helpers: turn a missing or badly typed answer into a readable failure ----------


def require_number(value: Any, what: str) -> float:
    """`value` as a float, or AnswerMissing naming `what` was expected."""
    if value is None or value is Ellipsis:
        raise AnswerMissing(f"{what} has no value yet")
    if isinstance(value, bool):  # True is 1 to Python, not a count of nodes or seconds
        raise AnswerMissing(f"{what} should be a number, not {value!r}")
    if not isinstance(value, (int, float)):
        try:
            return float(value)  # numpy scalars, Fractions, numeric strings
        except (TypeError, ValueError):
            raise AnswerMissing(f"{what} should be a number, not {type(value).__name__} {value!r}") from None
    return float(value)


def require_returned_number(value: Any, what: str) -> float:
    """What a student's function returned, as a float: a number, not text that looks like one (the notebook's
    own arithmetic on it would fail)."""
    if isinstance(value, str):
        raise Mismatch(f"{what} returned {type(value).__name__} {value!r}: the function should return a number")
    return require_number(value, f"{what} (what it returned)")


def require_keys(value: Any, keys: Sequence[str], what: str, example: str) -> Mapping[Any, Any]:
    """A dict with exactly `keys`: a missing key is an answer not there yet, another key a second guess."""
    if not isinstance(value, Mapping) or not set(keys) <= set(value):
        raise AnswerMissing(f"{what} should be a dict such as {example}")
    extra = sorted(str(key) for key in value if key not in keys)
    if extra:
        raise Mismatch(f"{what} has the key(s) {', '.join(extra)} besides {', '.join(keys)}: name the one answer, "
                       "and nothing else")
    return value


def require_callable(value: Any, what: str) -> Callable[..., Any]:
    if not callable(value):
        raise AnswerMissing(f"{what} should be a function you define with def, not {type(value).__name__}")
    return value


def require_text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AnswerMissing(f"{what} should be a non-empty text (a string), not {type(value).__name__}")
    return value


def require_names(value: Any, what: str) -> frozenset[str]:
    """A set of names from a set, list, tuple or a single string."""
    if isinstance(value, str):
        return frozenset([value.strip()])
    if isinstance(value, (set, frozenset, list, tuple)) and all(isinstance(item, str) for item in value):
        return frozenset(item.strip() for item in value)
    raise AnswerMissing(f"{what} should be a set of names such as {{'a', 'b'}}, not {type(value).__name__}")


@dataclass(frozen=True)
class Tolerance:
    """How close a numeric answer must be: absolute and relative slack, whichever is larger."""

    absolute: float = 0.0
    relative: float = 0.0

    def close(self, answer: float, truth: float) -> bool:
        return abs(answer - truth) <= max(self.absolute, self.relative * abs(truth))


def how_far(given: float, truth: float, within: float) -> str:
    """How a measured answer misses, for a verdict: "more than twice", "less than half of" when it is far off (a
    unit or a wrong row of the timeline), else "not within 0.3 s of". Never "shorter" or "longer" near the
    value: a Check button that says which way to go lets a student bisect to the answer without measuring."""
    if truth > 0 and given > 2 * truth:
        return "more than twice"
    if truth > 0 and 0 <= given < truth / 2:
        return "less than half of"
    return f"not within {within:g} s of"
