"""Input files that are not plain UTF-8 text files are refused by name, before they are read.

A named pipe would block the build for ever, ``/dev/zero`` never ends, a symbolic link may lead
nowhere or to itself, and a 6 GB file must be refused by its size, not read whole first.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.errors import ProblemsFound
from compiler.source import decode_text, load_file, read_bytes
from tests.conftest import SMALL_UNIT


def refusal(path: Path) -> str:
    with pytest.raises(ProblemsFound) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    return str(problem)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "unit.yaml"
    os.mkfifo(pipe)
    assert refusal(pipe) == (f"{pipe}: this is a named pipe (FIFO), not a unit file — "
                             "save the unit as an ordinary file and name that")


def test_a_device_is_refused_without_reading_it() -> None:
    assert refusal(Path("/dev/zero")).startswith("/dev/zero: this is a device, not a unit file")


def test_symbolic_links_that_loop_or_lead_nowhere_are_named(tmp_path: Path) -> None:
    loop, dangling = tmp_path / "loop.yaml", tmp_path / "dangling.yaml"
    loop.symlink_to(loop)
    dangling.symlink_to(tmp_path / "gone.yaml")
    assert refusal(loop) == f"{loop}: the file is a symbolic link that leads back to itself — point the link at a real file"
    assert refusal(dangling).startswith(f"{dangling}: the file is a symbolic link to {tmp_path / 'gone.yaml'}, "
                                        "which does not exist")


def test_the_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "unit.yaml"
    with huge.open("wb") as stream:
        stream.truncate(6 * 1024**3)  # sparse: takes no space on disk

    def no_reading(*args: object) -> bytes:
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(os, "read", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert refusal(huge) == (f"{huge}: the file is 6.0 GiB; a unit may be at most 5.0 MiB — "
                             "split the unit into smaller units")


def test_an_ordinary_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(SMALL_UNIT, encoding="utf-8")
    assert read_bytes(path) == SMALL_UNIT.encode()


@pytest.mark.parametrize(("encoding", "name"), [
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
    ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"),
])
@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_utf16_and_utf32_are_named(encoding: str, name: str, bom: bool) -> None:
    """Named, not read: the format is UTF-8, and a file saved once as UTF-8 suits every tool."""
    raw = SMALL_UNIT.replace("A small unit", "Холодная война").encode(encoding)
    if bom and encoding[-3:] in ("-le", "-be"):
        raw = ("\ufeff" + SMALL_UNIT).encode(encoding)
    elif not bom and encoding in ("utf-16", "utf-32"):
        pytest.skip("Python writes this encoding with a byte-order mark")
    with pytest.raises(ProblemsFound) as caught:
        decode_text(raw, "u.yaml")
    assert str(caught.value.problems[0]) == (
        f"u.yaml:1:1: the file is {name} text; printpack reads UTF-8 — "
        "save it again choosing the UTF-8 encoding (in Notepad: Save as, Encoding: UTF-8)")


def test_a_build_names_every_odd_file_and_still_builds_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "good.yaml").write_text(SMALL_UNIT, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "wide.yaml").write_bytes(SMALL_UNIT.encode("utf-16"))
    (folder / "folder.yaml").mkdir()
    (tmp_path / "empty.yaml").mkdir()
    result = CliRunner().invoke(main, ["build", str(folder), str(tmp_path / "empty.yaml"), "--out",
                                       str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1
    assert f"{folder / 'pipe.yaml'}: this is a named pipe (FIFO)" in result.stderr
    assert f"{folder / 'loop.yaml'}: the file is a symbolic link that leads back to itself" in result.stderr
    assert f"{folder / 'wide.yaml'}:1:1: the file is UTF-16 text" in result.stderr
    assert f"{tmp_path / 'empty.yaml'}: this is a folder, not a unit file — name the unit file inside it" \
        in result.stderr
    assert (tmp_path / "out" / "small" / "handout.pdf").is_file()
