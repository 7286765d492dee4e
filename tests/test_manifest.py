"""The manifest round-trips, forgets files that no longer exist, and is read as untrusted input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from compiler import manifest
from compiler.build import Request, build
from compiler.manifest import recorded_file, source_key
from compiler.outputs import Settings

PLANTED = sorted((Path(__file__).parent / "cases" / "manifests").glob("*.json"))


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
    assert "cannot be read as JSON" in manifest.load(tmp_path).warnings[0].message
    assert manifest.read(tmp_path / "missing") == {} and manifest.load(tmp_path / "missing").warnings == []


@pytest.mark.parametrize("case", PLANTED, ids=[p.stem for p in PLANTED])
def test_a_planted_manifest_touches_nothing_and_links_nothing_outside_its_unit(
        case: Path, unit_file, tmp_path: Path) -> None:
    """Each file in tests/cases/manifests/ is a manifest someone planted in the output folder.
    The build still succeeds, warns that it ignored it (naming manifest.json), and never
    deletes, pictures or links a file outside the unit's own folder."""
    unit, out = unit_file(), tmp_path / "out"
    victims = {tmp_path / "victim.pdf": b"%PDF-1.4 not printpack's", out / "other" / "victim.pdf": b"%PDF-1.4 other's"}
    for path, data in victims.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (out / "small").mkdir()
    (out / "small" / "link.pdf").symlink_to(tmp_path / "victim.pdf")
    (out / "manifest.json").write_bytes(case.read_bytes())
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",))))
    assert report.ok, report.all_problems()
    assert report.warnings and all(w.file == str(out / "manifest.json") for w in report.warnings)
    assert {path: path.read_bytes() for path in victims} == victims
    assert "victim" not in (out / "index.html").read_text(encoding="utf-8")
    assert not [p for p in out.rglob("*.png") if "victim" in p.name]
    assert [e["path"] for e in json.loads((out / "manifest.json").read_text())["files"]] == ["small/handout.pdf"]


def test_a_huge_or_deeply_nested_manifest_is_ignored_with_a_warning(tmp_path: Path) -> None:
    with (tmp_path / "manifest.json").open("wb") as stream:
        stream.truncate(manifest.MAX_BYTES + 1)  # sparse: costs no disk
    (warning,) = manifest.load(tmp_path).warnings
    assert f"more than {manifest.MAX_BYTES} bytes" in warning.message
    (tmp_path / "manifest.json").write_text("[" * 100_000 + "]" * 100_000)
    assert manifest.load(tmp_path).files == {} and manifest.load(tmp_path).warnings


def test_a_manifest_that_is_not_a_regular_file_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "manifest.json")  # reading it would wait for ever
    (warning,) = manifest.load(tmp_path).warnings
    assert "not a regular file" in warning.message


def test_a_unit_file_is_recorded_relative_to_the_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "ww2.yaml").write_text("x")
    monkeypatch.chdir(tmp_path)
    key = source_key(Path("units/ww2.yaml"), Path("output"))
    assert key == "../units/ww2.yaml" == source_key(tmp_path / "units" / "ww2.yaml", tmp_path / "output")
    assert recorded_file(Path("output"), key) == Path("units/ww2.yaml")  # shown from the current folder


def test_a_unit_s_warnings_round_trip_and_a_misshapen_one_drops_its_record(tmp_path: Path) -> None:
    warning = {"file": "u.yaml", "line": 3, "column": 9, "path": "events[0].date", "message": "far", "hint": "swap?"}
    unit = manifest.UnitEntry("../u.yaml", "u", "abc", "ctx", [], warnings=[warning])
    misshapen = manifest.UnitEntry("../v.yaml", "v", "abc", "ctx", [], warnings=[{**warning, "line": "3"}])
    manifest.write(tmp_path, {}, {unit.file: unit, misshapen.file: misshapen})
    recorded = manifest.load(tmp_path)
    assert recorded.units == {unit.file: unit} and "1 entry" in recorded.warnings[0].message
    (problem,) = recorded.units[unit.file].problems()
    assert str(problem) == "u.yaml:3:9: events[0].date: far — swap?"
