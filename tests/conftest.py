"""Fixtures shared by the test modules."""

from pathlib import Path

import pytest
from _pytest.nodeid import NodeId

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


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Modules holding a test marked `slow` are collected first, each kept whole (its module fixtures built once):
    `--dist loadgroup` hands tests out in collection order after the xdist groups, so a long test collected last
    would run alone at the end of `make test` while the other worker waits. Tests that use the local Spark server
    (the `local_spark` fixture) join the xdist group "spark", so that it starts once, in one worker."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)
    for item in items:
        if "local_spark" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("spark"))
    yield
    if getattr(config.option, "loadgroup", False):      # an xdist worker of `--dist loadgroup`
        for item in items:
            _name_group(item)


def _name_group(item) -> None:
    """`--dist loadgroup` schedules by the group named at the end of a test's node id (`...::test@spark`).
    pytest-xdist 3.8 names it by setting `item._nodeid`, which pytest 9.2 no longer reads (the id is `item._id`), so
    every group was spread over the workers: a Spark server started in each, browser tests at once. The same id,
    set where pytest reads it; nothing to do once xdist names it."""
    names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                    for m in item.iter_markers("xdist_group")})
    suffix = "@" + "_".join(names)
    if names and not item.nodeid.endswith(suffix):
        item._id = NodeId.parse(item.nodeid + suffix)
