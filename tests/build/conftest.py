"""Fixtures of the build tests: a copy of the shipped unit and of its one build of the session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SHIPPED_UNIT


@pytest.fixture
def shipped_copy(shipped_build: Callable[[str], Path], tmp_path: Path) -> Path:
    """A copy of the shipped unit in ``tmp_path/units``, already built (A4, two workers) into
    ``tmp_path/out``: copied, times and all, from the session's one build."""
    for name in ("units", "out"):
        shutil.copytree(shipped_build("a4") / name, tmp_path / name, symlinks=True)
    return tmp_path / "units" / SHIPPED_UNIT.name
