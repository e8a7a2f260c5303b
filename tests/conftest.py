"""Shared test helpers: where the oracles live, and how to skip without them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()

# In CI the property tests draw the same examples every run, so a gate passes or fails on the code
# alone; on a developer's machine they draw fresh ones (and the benchmarks' fuzzers run long).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or a skip saying exactly what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"oracle data not available: {path} (the tests read ../shared beside the repository)")
    return path


# How the README's test command shares the tests between pytest-xdist's workers (`-n auto --dist
# loadgroup`): a test file's tests run in one worker, in order, sharing the file's fixtures (a module's warm
# judge, its lab); the answer cases, the longest file, go one by one to whichever worker is free (each worker
# then has a warm judge of its own). What uses one thing of the machine runs in one worker, one test at a time:
# the real-cluster rig (its slots, namespaces and `halab rig down` last), the platforms' course installs and
# hubs, and Debian's chromium. (xdist 3.8's own loadgroup cannot group on pytest 9, which keeps a test's id
# where xdist no longer writes: the groups are this scheduler's.)
SHARED_BY_GROUP = {
    "tests/remote/": "rig", "tests/course/test_notebooks_on_real_cluster.py": "rig",
    "tests/platforms/": "platforms",
    "tests/browser/": "browser", "tests/course/test_check_button_browser.py": "browser",
}
ONE_BY_ONE = ("tests/course/test_answer_cases.py",)


def worker_group(test_id: str) -> str:
    """The group of the test `test_id` (path::name): its file's, its shared thing's, or its own."""
    path = test_id.split("::", 1)[0]
    if path in ONE_BY_ONE:
        return test_id
    return next((group for prefix, group in SHARED_BY_GROUP.items() if path.startswith(prefix)), path)


def pytest_itemcollected(item: pytest.Item) -> None:
    """A rig or browser test outside its group would run beside another one: refused at collection."""
    for mark in ("rig", "browser"):
        if item.get_closest_marker(mark) and worker_group(item.nodeid) != mark:
            raise pytest.UsageError(f"{item.nodeid} is marked {mark}: add its file to SHARED_BY_GROUP in tests/conftest.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    return GroupScheduling(config, log)
