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
