"""A rig slot of a test's own, or a skip that says why (no root/packages, every slot taken)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pytest

from halab_kernel.remote.rig.layout import RigLayout
from halab_kernel.remote.rig.slots import SlotFamily


@contextmanager
def rig_slot_or_skip(family: SlotFamily) -> Iterator[RigLayout]:
    """Hold (flock) a free slot of `family` for the with-block; skip when the rig cannot run here."""
    from halab_kernel.remote.rig.host import missing_prerequisites
    from halab_kernel.remote.rig.slots import claimed

    reasons = missing_prerequisites()
    if reasons:
        pytest.skip("real-cluster rig unavailable: " + "; ".join(reasons))
    with claimed(family) as layout:
        if layout is None:
            pytest.skip(f"all {family.count} {family.name} rig slots are taken by other test sessions")
        yield layout
