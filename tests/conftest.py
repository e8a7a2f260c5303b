"""Shared test helpers: where the oracles live, and how to skip without them."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or a skip saying exactly what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"oracle data not available: {path} (the tests read ../shared beside the repository)")
    return path
