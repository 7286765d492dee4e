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


def test_only_printpacks_own_temporaries_are_removed(tmp_path: Path) -> None:
    from compiler.fsio import remove_stale_temporaries

    (tmp_path / "unit").mkdir()
    stale = tmp_path / "unit" / ".printpack-abc123.tmp"
    stale.write_bytes(b"half a pdf")
    keep = [tmp_path / "unit" / "handout.pdf", tmp_path / "unit" / ".notes.tmp", tmp_path / ".x.tmp",
            tmp_path / "unit" / ".handout.pdf.abc123.tmp"]
    for path in keep:
        path.write_bytes(b"mine")
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert all(path.exists() for path in keep) and not stale.exists()


def test_temporaries_are_named_as_printpacks_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = Path.replace

    def spy(self: Path, target: Path) -> Path:
        seen.append(self.name)
        return real(self, target)

    monkeypatch.setattr(Path, "replace", spy)
    write_atomically(tmp_path / "file.pdf", b"x")
    (name,) = seen
    assert name.startswith(".printpack-") and name.endswith(".tmp")


def test_files_replaced_together_keep_the_old_set_when_the_nth_write_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler import fsio

    old = {tmp_path / name: f"old {name}".encode() for name in ("sheet.pdf", "key.pdf", "pack.pdf")}
    for path, data in old.items():
        path.write_bytes(data)
    for failing in (1, 2, 3):
        real, calls = fsio._temporary_beside, []

        def full_disk(path: Path, data: bytes, real=real, calls=calls, failing=failing) -> Path:
            calls.append(path)
            if len(calls) == failing:
                raise OSError(28, "No space left on device")
            return real(path, data)

        monkeypatch.setattr(fsio, "_temporary_beside", full_disk)
        with pytest.raises(OSError) as caught:
            fsio.replace_together(dict.fromkeys(old, b"new"))
        assert caught.value.filename == str(list(old)[failing - 1])  # the file, not the temporary
        assert {p: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_an_interruption_between_renames_waits_for_the_last_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or SIGTERM) arriving while the files are renamed takes effect after the last."""
    import os
    import signal

    from compiler import fsio

    paths = [tmp_path / f"{n}.pdf" for n in range(3)]
    real = Path.replace

    def interrupted(self: Path, target: Path) -> Path:
        os.kill(os.getpid(), signal.SIGINT)
        return real(self, target)

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsio.replace_together(dict.fromkeys(paths, b"new"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.pdf", "1.pdf", "2.pdf"]
    assert all(p.read_bytes() == b"new" for p in paths)


def test_an_interruption_while_writing_keeps_the_old_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler import fsio

    old = {tmp_path / f"{n}.pdf": f"old {n}".encode() for n in range(3)}
    for path, data in old.items():
        path.write_bytes(data)
    real, calls = fsio._temporary_beside, []

    def interrupted(path: Path, data: bytes) -> Path:
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, data)

    monkeypatch.setattr(fsio, "_temporary_beside", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsio.replace_together(dict.fromkeys(old, b"new"))
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == old
