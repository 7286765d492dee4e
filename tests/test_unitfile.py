"""Unit files are read whole, once, and only when they are ordinary files of a unit's size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compiler.build import Request, check
from compiler.errors import ProblemsFound
from compiler.unitfile import read_bytes
from tests.conftest import SMALL_UNIT


def test_a_pipe_named_like_a_unit_is_refused_by_name_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "units" / "pipe.yaml"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    with pytest.raises(ProblemsFound) as caught:
        read_bytes(pipe)
    assert str(caught.value.problems[0]).startswith(f"{pipe}: this is a named pipe (FIFO), not a unit file")
    (record,) = check(Request(paths=(pipe.parent,))).units  # found by a scan, refused when read
    assert record.file == str(pipe) and "named pipe" in record.problems[0].message


def test_a_unit_file_is_read_as_its_bytes(tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_bytes(SMALL_UNIT.encode() + b"\r\n# caf\xc3\xa9\n")
    assert read_bytes(unit) == unit.read_bytes()


