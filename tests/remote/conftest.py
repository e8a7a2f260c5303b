"""Fixtures of the SSH/rig tests: captured real outputs, and one real rig per test session.

The rig is started ONCE per session (about 6 s with dc-deadtime pre-seeded),
on its own prefix, folder and subnet so that it never touches a rig a person
has running, and it is always taken down in the finalizer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path

TEST_PREFIX = "halabt"
TEST_DIR = Path("/srv/halab-rig-test")
TEST_SUBNET = "10.213.0.0/24"


def capture(*parts: str) -> Path:
    """A file captured on the real 3-node cluster (skips when ../shared is absent)."""
    return shared_path("pacemaker-2.1.5", "captures", *parts)


@pytest.fixture(scope="session")
def rig_layout():
    from halab_kernel.remote.rig.host import missing_prerequisites
    from halab_kernel.remote.rig.layout import RigLayout

    reasons = missing_prerequisites()
    if reasons:
        pytest.skip("real-cluster rig unavailable: " + "; ".join(reasons))
    return RigLayout(nodes=3, prefix=TEST_PREFIX, directory=TEST_DIR, subnet=TEST_SUBNET)


@pytest.fixture(scope="session")
def rig(rig_layout):
    """The inventory path of a running 3-node rig; `halab rig down` in the finalizer."""
    from halab_kernel.remote.rig import manager
    from halab_kernel.remote.rig.host import RigError

    manager.down(rig_layout)  # leftovers of an interrupted earlier run
    try:
        inventory = manager.up(rig_layout, wait=90)
    except RigError as error:
        pytest.fail(f"rig up failed: {error}")
    yield inventory
    problems = manager.down(rig_layout)
    assert not problems, problems
