"""Checks for 01 why HA: availability arithmetic and single points of failure.

These exercises are computations; they are graded by running the student's
numbers and functions on cases they have not seen (seeded), not by
comparing their text.
"""

from __future__ import annotations

import random
from typing import Any, Callable, Sequence

from halab_graders.check import (Mismatch, Tolerance, exercise, require_callable, require_names, require_number,
                                 require_returned_number)

MINUTES_PER_YEAR = 365 * 24 * 60
CLOSE = Tolerance(absolute=1e-9, relative=1e-6)

# The web service of notebook 01: tiers in series, the components of a tier in parallel.
WEB_STACK: dict[str, Sequence[str]] = {"load balancer": ("lb",), "web servers": ("web1", "web2"), "database": ("db",)}
WEB_STACK_AVAILABILITY = {"lb": 0.999, "web1": 0.99, "web2": 0.99, "db": 0.995}


def _series(values: Sequence[float]) -> float:
    product = 1.0
    for value in values:
        product *= value
    return product


def _parallel(values: Sequence[float]) -> float:
    return 1.0 - _series([1.0 - value for value in values])


def service_up(tiers: dict[str, Sequence[str]], failed: set[str]) -> bool:
    """The service runs when every tier keeps at least one working component."""
    return all(any(part not in failed for part in parts) for parts in tiers.values())


@exercise("01.downtime", expected="the minutes of downtime a year (365 days) that 99.9 % availability allows, "
          "within 1 %", hint="unavailability is 1 - availability; multiply by the minutes in a year")
def downtime_minutes(answer: Any, availability: float = 0.999) -> None:
    value = require_number(answer, "downtime_999_minutes")
    truth = (1 - availability) * MINUTES_PER_YEAR
    if not Tolerance(relative=0.01).close(value, truth):
        scale = value / truth if truth else 0
        note = " (that looks like hours or seconds rather than minutes)" if 50 < scale < 70 or 0.01 < scale < 0.02 else ""
        raise Mismatch(f"you answered {value:g} minutes{note}")


def _function_cases(name: str, student: Callable[..., Any], reference: Callable[[Sequence[float]], float],
                    seed: int, cases: int) -> None:
    rng = random.Random(seed)
    trials = [[0.99], [0.9, 0.9]] + [[round(rng.uniform(0.8, 0.9999), 4) for _ in range(rng.randint(1, 4))]
                                     for _ in range(cases)]
    for values in trials:
        got = require_returned_number(student(*values), f"{name}{tuple(values)}")
        if not CLOSE.close(got, reference(values)):
            raise Mismatch(f"{name}{tuple(values)} returned {got:.6f}, which is not the availability of "
                           f"{len(values)} component(s) {'in series' if reference is _series else 'in parallel'}")


@exercise("01.series", expected="series(*availabilities): the availability of components that are ALL needed",
          hint="in series, the service is up only when every component is up at once: multiply")
def series_function(function: Any, seed: int = 0, cases: int = 6) -> None:
    _function_cases("series", require_callable(function, "series"), _series, seed, cases)


@exercise("01.parallel", expected="parallel(*availabilities): the availability of redundant components where ANY "
          "one is enough", hint="in parallel, the service is down only when every component is down at once")
def parallel_function(function: Any, seed: int = 0, cases: int = 6) -> None:
    _function_cases("parallel", require_callable(function, "parallel"), _parallel, seed, cases)


@exercise("01.stack", expected="the availability of the whole web stack (load balancer, two web servers, database), "
          "within 1e-6", hint="compute each tier (one component, or parallel components) and put the tiers in series")
def stack_availability(answer: Any) -> None:
    value = require_number(answer, "stack_availability")
    truth = _series([_parallel([WEB_STACK_AVAILABILITY[part] for part in parts]) for parts in WEB_STACK.values()])
    if not Tolerance(absolute=1e-6).close(value, truth):
        if Tolerance(absolute=1e-6).close(value, _series(list(WEB_STACK_AVAILABILITY.values()))):
            raise Mismatch("your number treats the two web servers as if both were needed",
                           hint="the web servers back each other up: that tier is parallel")
        if value > 1:
            raise Mismatch(f"you answered {value:.6f}, more than 1: an availability is a fraction (0.999, not a "
                           "percentage such as 99.9)")
        raise Mismatch(f"you answered {value:.6f}")


@exercise("01.spof", expected="the set of components whose failure ALONE stops the web service",
          hint="take each component away in turn (service_up in the notebook) and see whether the service survives")
def single_points_of_failure(answer: Any) -> None:
    named = require_names(answer, "spofs")
    components = {part for parts in WEB_STACK.values() for part in parts}
    unknown = named - components
    if unknown:
        raise Mismatch(f"{', '.join(sorted(unknown))} is not a component of this stack (components: "
                       f"{', '.join(sorted(components))})")
    survivable = sorted(part for part in named if service_up(WEB_STACK, {part}))
    missed = [part for part in components - named if not service_up(WEB_STACK, {part})]
    wrong = ([f"the service survives losing {', '.join(survivable)} on its own, so "
              f"{'it is not a single point' if len(survivable) == 1 else 'they are not single points'} of failure"]
             if survivable else [])
    if missed:  # how many are missing, never which: that would be the answer
        wrong.append(f"{len(missed)} component(s) you left out also stop the service when they fail alone")
    if wrong:
        raise Mismatch(f"your set {{{', '.join(sorted(named))}}}: {'; and '.join(wrong)}")
