"""Fixtures of the SSH/rig tests: captured real outputs, and one real rig per test session.

The rig is started ONCE per session (about 6 s with dc-deadtime pre-seeded),
on its own prefix, folder and subnet so that it never touches a rig a person
has running, and it is always taken down in the finalizer. Several test
sessions may run at once on one machine (people, CI, helpers): each takes a
free slot under an exclusive lock, so no session ever tears down another's rig.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from halab_kernel.remote.rig.slots import SlotFamily
from tests.conftest import shared_path
from tests.rig_slot import rig_slot_or_skip

TEST_SLOTS = SlotFamily(name="test", prefix="halabt", octet=213, count=16)  # halabt<k>, 10.213.<k>.0/24


def capture(*parts: str) -> Path:
    """A file captured on the real 3-node cluster (skips when ../shared is absent)."""
    return shared_path("pacemaker-2.1.5", "captures", *parts)


@pytest.fixture(scope="session")
def rig_layout():
    """A rig slot of our own, held (flock) for the whole session."""
    with rig_slot_or_skip(TEST_SLOTS) as layout:
        yield layout


@pytest.fixture(scope="session")
def rig(rig_layout):
    """The inventory path of a running 3-node rig; `halab rig down` in the finalizer."""
    from halab_kernel.remote.rig.slots import running

    with running(rig_layout) as inventory:
        yield inventory


def wait_for(backend, predicate, seconds: float, what: str):
    """Advance wall time in small steps until `predicate(state)` holds; fail with the last state."""
    deadline = time.monotonic() + seconds
    while True:
        state = backend.state()
        if predicate(state):
            return state
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} within {seconds:.0f} s; last state: nodes="
                        f"{[(n.name, n.status) for n in state.nodes]} resources="
                        f"{[(r.id, r.nodes) for r in state.resources]}")
        backend.advance(0.5)


def whole(state) -> bool:
    return all(n.status == "online" for n in state.nodes) and all(state.quorate(n) for n in state.node_names)


@pytest.fixture(scope="session")
def lab(rig):
    """One SshBackend with faults allowed, and a resource `web` to watch, for the whole session."""
    from halab_kernel.remote import SshBackend

    backend = SshBackend(inventory=rig, allow_faults=True, timeout=10)
    result = backend.run("node1", "pcs resource create web ocf:pacemaker:Dummy op monitor interval=5s")
    assert result.ok, result.output
    wait_for(backend, lambda s: s.resource("web").nodes, 30, "web started")
    yield backend
    backend.close()


@pytest.fixture
def healthy(lab):
    """Each test starts from a whole cluster with `web` running and no failures."""
    ready = lambda s: whole(s) and s.resource("web").nodes  # noqa: E731
    if not lab.wait_until(ready, 60):  # a failed test may have left a node down: start it, once
        for node in lab.state().nodes:
            if node.status != "online":
                lab.restart(node.name)
    lab.run("node1", "crm_resource --cleanup --resource web >/dev/null 2>&1")
    wait_for(lab, ready, 60, "whole again")
    return lab


@pytest.fixture(scope="module")
def scenario_lab(lab):
    """The session's lab with the scenarios' resource `sc` (tests/remote/scenarios.py) for one test module."""
    from tests.remote import scenarios

    for command in scenarios.SETUP:
        result = lab.run("node1", command)
        assert result.ok, result.output
    wait_for(lab, lambda s: scenarios.back_on_holder(s), 30, "sc started on its preferred node")
    yield lab
    for command in scenarios.TEARDOWN:
        lab.run("node1", command)
