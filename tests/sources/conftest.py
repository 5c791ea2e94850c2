"""Shared helpers for the reader tests: where the real data lives, and how to skip without it."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture
def shared_file():
    """shared_file("dir/name") -> the Path under ../shared/data, or skip the test with the reason."""
    def find(relative: str) -> Path:
        path = SHARED_DATA / relative
        if not path.exists():
            pytest.skip(f"real data not available: {path} is missing")
        return path
    return find
