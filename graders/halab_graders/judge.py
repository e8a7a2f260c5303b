"""The judge: one check on one answer, in a fresh Python process, verdict back as one JSON line.

`python -I -m halab_graders.judge` reads `{"check": "corosync.detection_time",
"answer": ..., "options": {...}}` (the data of `halab_graders.isolated`) on
standard input and writes the verdict on standard output. Only checks of the
course's topic modules that are `@exercise` checks can be named. The answer
arrives as data; a function arrives as its source and runs in the sandbox
(`halab_graders.sandbox`), never here. Anything the check prints goes to
standard error, so only the judge writes the verdict line.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from typing import IO, Any, Callable

from halab_graders.isolated import from_data
from halab_graders.sandbox import StudentFunction, limit_memory, out_of_reach

JUDGE_MEMORY = 3 << 30  # address space: a campaign on the simulator needs well under 1 GiB resident
TOPICS = frozenset({"getting_started", "availability", "corosync", "quorum", "building", "resources", "constraints",
                    "failover", "fencing", "topology", "troubleshooting", "incidents", "capstone", "operations",
                    "connectivity"})


class UnknownCheck(LookupError):
    """The request names no check of the course."""


def resolve(check: str) -> Callable[..., Any]:
    """The check function named "topic.function", refusing anything that is not a course check."""
    topic, _, name = check.partition(".")
    if topic not in TOPICS or not name.isidentifier() or name.startswith("_"):
        raise UnknownCheck(f"no check named {check!r}")
    function = getattr(importlib.import_module(f"halab_graders.{topic}"), name, None)
    if not callable(function) or not hasattr(function, "check_name"):
        raise UnknownCheck(f"no check named {check!r}")
    return function


def judge(request: dict[str, Any]) -> dict[str, Any]:
    """Run the requested check; its Check as a dict."""
    functions: list[StudentFunction] = []

    def make_function(payload: dict[str, Any]) -> StudentFunction:
        functions.append(StudentFunction(payload))
        return functions[-1]

    check = str(request.get("check"))
    try:
        run = resolve(check)
        answer = from_data(request.get("answer"), make_function)
        options = from_data(request.get("options") or {"$dict": []})
        verdict = run(answer, **options)
    except UnknownCheck as unknown:
        return {"name": check, "passed": False, "expected": "a check of the course", "observed": str(unknown),
                "events": [], "hint": "", "seconds": 0.0}
    finally:
        for function in functions:
            function.close()
    return {"name": verdict.name, "passed": verdict.passed, "expected": verdict.expected,
            "observed": verdict.observed, "events": list(verdict.events), "hint": verdict.hint,
            "seconds": verdict.seconds, "every_seed": verdict.every_seed}


def answer(request: str, channel: IO[str]) -> str:
    """Judge `request` (its JSON text) under the judge's limits; the verdict as one line on `channel`, and
    returned. Standard output must already go to standard error: only this writes to the channel."""
    limit_memory(JUDGE_MEMORY)
    out_of_reach()
    line = json.dumps(judge(json.loads(request)))
    channel.write(line + "\n")
    channel.flush()
    return line


def main() -> int:
    channel = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # the check's own prints go to standard error
    sys.stdout = sys.stderr
    answer(sys.stdin.read(), channel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
