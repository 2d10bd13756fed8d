"""Fixtures shared by the test modules."""

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The folder of public third-party files beside the project; tests using it skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"public test data not found at {SHARED_DATA} (a clone outside the workspace)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def private_workspace(tmp_path, monkeypatch) -> Path:
    """Every test gets an empty workspace of its own, never the user's ./workspace."""
    folder = tmp_path / "workspace"
    monkeypatch.setenv("EQUITY_WORKSPACE", str(folder))
    return folder


def pytest_collection_modifyitems(items):
    """Modules holding a test marked `slow` are collected first, each kept whole (its module fixtures built once):
    `--dist loadgroup` hands tests out in collection order after the xdist groups, so a long test collected last
    would run alone at the end of `make test` while the other worker waits."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)
