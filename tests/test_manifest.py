"""The manifest round-trips and forgets files that no longer exist."""

from __future__ import annotations

from pathlib import Path

from compiler import manifest


def test_round_trip_keeps_only_existing_files(tmp_path: Path) -> None:
    (tmp_path / "u").mkdir()
    (tmp_path / "u" / "handout.pdf").write_bytes(b"%PDF")
    kept = manifest.Entry("u/handout.pdf", "u", "handout", 2, 4, "abc", "def", {"t.j2": "123"})
    gone = manifest.Entry("u/old.pdf", "u", "handout", 1, 1, "x", "y")
    manifest.write(tmp_path, {kept.path: kept, gone.path: gone})
    assert manifest.read(tmp_path) == {kept.path: kept}


def test_an_unreadable_manifest_means_rebuild_everything(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    assert manifest.read(tmp_path) == {}
    assert manifest.read(tmp_path / "missing") == {}
