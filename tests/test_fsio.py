"""Writes are atomic and confined to the output folder."""

from __future__ import annotations

import os
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

    def disk_full(*args: object, **at: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.rename", disk_full)
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
    real = os.rename

    def spy(source: str, target: str, **at: int) -> None:
        seen.append(source)
        real(source, target, **at)

    monkeypatch.setattr(os, "rename", spy)
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

        def full_disk(folder: fsio._Folder, data: bytes, real=real, calls=calls, failing=failing) -> str:
            calls.append(data)
            if len(calls) == failing:
                raise OSError(28, "No space left on device")
            return real(folder, data)

        monkeypatch.setattr(fsio, "_temporary_beside", full_disk)
        with pytest.raises(OSError) as caught:
            fsio.replace_together(dict.fromkeys(old, b"new"))
        assert caught.value.filename == str(list(old)[failing - 1])  # the file, not the temporary
        assert {p: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_an_interruption_between_renames_waits_for_the_last_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or SIGTERM) arriving while the files are renamed takes effect after the last."""
    import signal

    from compiler import fsio

    paths = [tmp_path / f"{n}.pdf" for n in range(3)]
    real = os.rename

    def interrupted(source: str, target: str, **at: int) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real(source, target, **at)

    monkeypatch.setattr(os, "rename", interrupted)
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

    def interrupted(folder: fsio._Folder, data: bytes) -> str:
        calls.append(data)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(folder, data)

    monkeypatch.setattr(fsio, "_temporary_beside", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsio.replace_together(dict.fromkeys(old, b"new"))
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == old


# Destinations, links and folders swapped under a build (issue 12: S2, I1, I3).

def test_a_link_at_a_destination_is_replaced_never_written_through(tmp_path: Path) -> None:
    """A link planted at an output's name (to a file inside or outside the output folder) is
    replaced by the new file; the file it pointed to keeps its bytes."""
    from compiler import fsio

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.txt"
    (out / "small").mkdir(parents=True)
    (out / "notes.txt").write_bytes(b"my notes")
    elsewhere.write_bytes(b"not yours")
    (out / "small" / "handout.pdf").symlink_to("../notes.txt")
    (out / "small" / "key.pdf").symlink_to(elsewhere)
    paths = [confined(out, "small", "handout.pdf"), confined(out, "small", "key.pdf")]
    fsio.replace_together(dict.fromkeys(paths, b"%PDF new"), out)
    assert (out / "notes.txt").read_bytes() == b"my notes" and elsewhere.read_bytes() == b"not yours"
    assert all(not p.is_symlink() and p.read_bytes() == b"%PDF new" for p in paths)


def test_a_unit_folder_that_is_a_link_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "small").symlink_to(tmp_path / "out" / "other", target_is_directory=True)
    with pytest.raises(UnsafePath) as caught:
        confined(tmp_path / "out", "small", "handout.pdf")
    assert str(tmp_path / "out" / "small") in str(caught.value) and "symbolic link" in str(caught.value)
    assert "delete the link" in caught.value.hint


def test_a_unit_folder_swapped_for_a_link_after_planning_gets_nothing_written_outside(tmp_path: Path) -> None:
    """Planned (checked) while a real folder, then swapped for a link to a folder outside
    --out before the write: the write refuses the link and leaves the outside untouched."""
    from compiler import fsio

    out, outside = tmp_path / "out", tmp_path / "outside"
    (out / "small").mkdir(parents=True)
    outside.mkdir()
    path = confined(out, "small", "handout.pdf")
    (out / "small").rename(out / "small.away")
    (out / "small").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OSError) as caught:
        fsio.replace_together({path: b"%PDF new"}, out)
    assert caught.value.filename == str(out / "small") and "symbolic link" in caught.value.strerror
    assert list(outside.iterdir()) == []


def test_a_unit_folder_swapped_for_a_link_while_writing_gets_nothing_written_outside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder is swapped after it was opened, between two temporaries: every file still goes
    to the folder that was opened (now renamed), none through the link."""
    from compiler import fsio

    out, outside = tmp_path / "out", tmp_path / "outside"
    (out / "small").mkdir(parents=True)
    outside.mkdir()
    paths = [confined(out, "small", name) for name in ("a.pdf", "b.pdf")]
    real = fsio._temporary_beside

    def swapping(folder: fsio._Folder, data: bytes) -> str:
        if not (out / "small").is_symlink():
            (out / "small").rename(out / "small.away")
            (out / "small").symlink_to(outside, target_is_directory=True)
        return real(folder, data)

    monkeypatch.setattr(fsio, "_temporary_beside", swapping)
    fsio.replace_together(dict.fromkeys(paths, b"%PDF new"), out)
    assert list(outside.iterdir()) == []
    if fsio._BY_DESCRIPTOR:
        assert sorted(p.name for p in (out / "small.away").iterdir()) == ["a.pdf", "b.pdf"]


@pytest.mark.parametrize("blocked", [0, 1, 2])
def test_a_destination_that_is_a_folder_fails_the_set_before_anything_changes(tmp_path: Path, blocked: int) -> None:
    from compiler import fsio

    old = {tmp_path / f"{n}.pdf": f"old {n}".encode() for n in range(3)}
    for path, data in old.items():
        path.write_bytes(data)
    folder = list(old)[blocked]
    folder.unlink()
    folder.mkdir()
    with pytest.raises(OSError) as caught:
        fsio.replace_together(dict.fromkeys(old, b"new"), tmp_path)
    assert caught.value.filename == str(folder) and "it is a folder" in caught.value.strerror
    assert {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == {
        p: d for p, d in old.items() if p != folder}


@pytest.mark.parametrize("failing", [1, 2, 3])
def test_a_rename_refused_part_way_puts_the_old_set_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    """The disk refuses the Nth rename (an immutable file, EPERM): the files already renamed get
    their old bytes back, a file that did not exist before is gone again, no temporary is left,
    and the error names the destination, not a temporary."""
    from compiler import fsio

    old = {tmp_path / f"{n}.pdf": f"old {n}".encode() for n in range(2)}
    for path, data in old.items():
        path.write_bytes(data)
    new = [*old, tmp_path / "2.pdf"]  # the third is new in this build
    real, calls = os.rename, []

    def refusing(source: str, target: str, **at: int) -> None:
        if fsio.is_temporary(Path(source)):
            calls.append(target)
            if len(calls) == failing:
                raise PermissionError(1, "Operation not permitted", source)
        real(source, target, **at)

    monkeypatch.setattr(os, "rename", refusing)
    with pytest.raises(OSError) as caught:
        fsio.replace_together(dict.fromkeys(new, b"new"), tmp_path)
    assert caught.value.filename == str(new[failing - 1])
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_a_write_through_a_folder_of_the_destinations_name_leaves_the_unit_as_it_was(unit_file, tmp_path: Path) -> None:
    """`mkdir out/small/handout.pdf` (or anything a rename cannot replace): the unit fails with
    a message naming that path, nothing is counted as built, and its other files stay the old set."""
    from compiler.build import Request, build
    from compiler.outputs import Settings

    unit, out = unit_file(), tmp_path / "out"
    settings = Settings(only=("handout", "timeline"))
    assert build(Request(paths=(unit,), out=out, settings=settings)).ok
    handout = out / "small" / "handout.pdf"
    handout.unlink()
    handout.mkdir()
    before = {p: p.read_bytes() for p in (out / "small").iterdir() if p.is_file()}
    unit.write_text(unit.read_text(encoding="utf-8").replace("heading: The revolution", "heading: Changed"),
                    encoding="utf-8")
    report = build(Request(paths=(unit,), out=out, settings=settings))
    (problem,) = report.all_problems()
    assert problem.file == str(handout.resolve()) and "it is a folder" in problem.message
    assert problem.hint == f"move {handout.resolve()} away; printpack writes its PDF there"
    assert report.count("built") == 0
    assert {p: p.read_bytes() for p in (out / "small").iterdir() if p.is_file()} == before


def test_a_build_replaces_a_link_planted_in_the_unit_folder_and_keeps_its_target(unit_file, tmp_path: Path) -> None:
    """`ln -s ../notes.txt out/small/handout.pdf`, then build: notes.txt keeps the teacher's
    notes, handout.pdf becomes the handout itself."""
    import pdfplumber

    from compiler.build import Request, build
    from compiler.outputs import Settings

    out = tmp_path / "out"
    (out / "small").mkdir(parents=True)
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "small" / "handout.pdf").symlink_to("../notes.txt")
    assert build(Request(paths=(unit_file(),), out=out, settings=Settings(only=("handout",)))).ok
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    handout = out / "small" / "handout.pdf"
    assert not handout.is_symlink()
    with pdfplumber.open(handout) as pdf:
        assert "revolution" in pdf.pages[0].extract_text().lower()


def test_a_deletion_through_a_unit_folder_swapped_for_a_link_is_refused(tmp_path: Path) -> None:
    from compiler import fsio

    out, outside = tmp_path / "out", tmp_path / "outside"
    (out / "small").mkdir(parents=True)
    outside.mkdir()
    (outside / "old.pdf").write_bytes(b"yours")
    path = confined(out, "small", "old.pdf")
    (out / "small").rmdir()
    (out / "small").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OSError) as caught:
        fsio.remove_files([path], out)
    assert caught.value.filename == str(out / "small")
    assert (outside / "old.pdf").read_bytes() == b"yours"


def test_without_dir_fd_the_same_rules_hold_by_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system has no ``dir_fd`` (Windows), writes go by path with the same checks."""
    from compiler import fsio

    monkeypatch.setattr(fsio, "_BY_DESCRIPTOR", False)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not yours")
    (out / "small").mkdir(parents=True)
    (out / "small" / "handout.pdf").symlink_to(elsewhere)
    (out / "small" / "key.pdf").mkdir()
    handout, key = confined(out, "small", "handout.pdf"), confined(out, "small", "key.pdf")
    with pytest.raises(OSError, match="it is a folder"):
        fsio.replace_together({handout: b"new", key: b"new"}, out)
    fsio.replace_together({handout: b"new"}, out)
    assert handout.read_bytes() == b"new" and not handout.is_symlink() and elsewhere.read_bytes() == b"not yours"
    (out / "linked").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(OSError, match="symbolic link"):
        fsio.replace_together({out / "linked" / "x.pdf": b"new"}, out)
    assert not (tmp_path / "x.pdf").exists()
