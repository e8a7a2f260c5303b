"""Fixtures shared by the simulator's tests."""

from __future__ import annotations

import pytest

from halab_kernel import Lab


@pytest.fixture(scope="module")
def settled_lab() -> Lab:
    """A 3-node simulated cluster 30 s after its start (settled), one per test module."""
    lab = Lab.simulated(nodes=3, seed=3)
    lab.advance(30)
    return lab
