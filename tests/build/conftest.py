"""Fixtures of the build tests: the shipped unit is built once per session, and copied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compiler.build import Request, build
from tests.conftest import SHIPPED_UNIT

SHIPPED_NAME = SHIPPED_UNIT.name


@pytest.fixture(scope="session")
def shipped_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``units/`` holding the shipped unit and ``out/`` its build, with two workers."""
    folder = tmp_path_factory.mktemp("shipped")
    (folder / "units").mkdir()
    unit = folder / "units" / SHIPPED_NAME
    unit.write_text(SHIPPED_UNIT.read_text(encoding="utf-8"), encoding="utf-8")
    report = build(Request(paths=(unit,), out=folder / "out", jobs=2))
    assert report.ok, report.all_problems()
    return folder


@pytest.fixture
def shipped_copy(shipped_built: Path, tmp_path: Path) -> Path:
    """A copy of the shipped unit in ``tmp_path/units``, already built into ``tmp_path/out``
    (copied, times and all, from the session's one build)."""
    for name in ("units", "out"):
        shutil.copytree(shipped_built / name, tmp_path / name, symlinks=True)
    return tmp_path / "units" / SHIPPED_NAME
