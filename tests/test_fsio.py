"""Writes are atomic and confined to the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.fsio import UnsafePath, confined, write_atomically


@pytest.mark.parametrize("parts", [("..", "x.pdf"), ("/etc", "passwd"), ("a", "..", "..", "b.pdf"), ("",)])
def test_paths_outside_the_output_folder_are_refused(tmp_path: Path, parts: tuple[str, ...]) -> None:
    with pytest.raises(UnsafePath):
        confined(tmp_path / "out", *parts)


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "unit").symlink_to(tmp_path)
    with pytest.raises(UnsafePath):
        confined(tmp_path / "out", "unit", "handout.pdf")


def test_write_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a" / "file.pdf"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.pdf"]
    assert target.stat().st_mode & 0o044  # readable by others, unlike mkstemp's default


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.pdf"
    target.write_bytes(b"old")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.pdf"]


def test_the_lock_serialises_two_builds(tmp_path: Path) -> None:
    import threading
    import time

    from compiler.fsio import output_lock

    order: list[str] = []

    def second() -> None:
        with output_lock(tmp_path):
            order.append("second")

    with output_lock(tmp_path):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(timeout=5)
    assert order == ["first", "second"]


def test_stale_temporaries_are_removed(tmp_path: Path) -> None:
    from compiler.fsio import remove_stale_temporaries

    (tmp_path / "unit").mkdir()
    stale = tmp_path / "unit" / ".handout.pdf.abc123.tmp"
    stale.write_bytes(b"half a pdf")
    keep = tmp_path / "unit" / "handout.pdf"
    keep.write_bytes(b"%PDF")
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert keep.exists() and not stale.exists()
