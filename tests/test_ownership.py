"""One output folder, one owner per unit id: refused, handed over, kept across a moved checkout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.build import run
from tests.conftest import SMALL_UNIT


def handout_words(out: Path, unit: str = "small") -> str:
    return " ".join(page.extract_text() for page in PdfReader(out / unit / "handout.pdf").pages)


def test_a_second_file_with_the_same_id_cannot_take_over_the_output_folder(unit_file, tmp_path: Path) -> None:
    first = unit_file(name="a/first.yaml")
    second = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Another unit"), name="b/second.yaml")
    out = tmp_path / "out"
    assert run([first], out).ok
    report = run([second], out)
    (problem,) = report.all_problems()
    assert problem.file == str(second) and (problem.line, problem.column, problem.path) == (3, 7, "unit.id")
    assert str(first) in problem.message and "delete the folder" in problem.hint
    assert "A small unit" in handout_words(out)
    again = run([first], out)
    assert again.ok and again.count("unchanged") == 1


def test_the_folder_passes_to_a_new_file_when_its_owner_is_gone_or_renamed(unit_file, tmp_path: Path) -> None:
    first = unit_file(name="a/first.yaml")
    second = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Another unit"), name="b/second.yaml")
    out = tmp_path / "out"
    assert run([first], out).ok
    first.write_text(SMALL_UNIT.replace("id: small", "id: renamed"), encoding="utf-8")
    assert run([second], out).ok and "Another unit" in handout_words(out)
    first.unlink()
    assert run([second], out).count("unchanged") == 1


def test_a_checkout_moved_with_its_output_folder_keeps_its_units(unit_file, tmp_path: Path) -> None:
    """A nightly CI clones into a new absolute path: the units recorded relative to --out stay theirs."""
    import shutil

    unit_file(name="night1/units/small.yaml")
    assert run([tmp_path / "night1" / "units"], tmp_path / "night1" / "output").ok
    shutil.copytree(tmp_path / "night1", tmp_path / "night2", symlinks=True)
    shutil.rmtree(tmp_path / "night1")
    report = run([tmp_path / "night2" / "units"], tmp_path / "night2" / "output")
    assert report.ok and report.count("unchanged") == 1


@pytest.mark.parametrize("owner", ["/etc/passwd", "../theme.yaml", "../broken.yaml", "/dev/zero"])
def test_a_planted_owner_that_is_not_a_unit_with_that_id_blocks_nothing(unit_file, tmp_path: Path, owner: str) -> None:
    """The manifest may name any file as a unit's owner; only a unit file with that id counts."""
    (tmp_path / "theme.yaml").write_text("extends: default\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("unit: {id: small\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    planted = {"units": [{"file": owner, "unit": "small", "sha256": "x", "context": "y", "outputs": []}]}
    (out / "manifest.json").write_text(json.dumps(planted), encoding="utf-8")
    report = run([unit_file()], out)
    assert report.ok, report.all_problems()
    assert (out / "small" / "handout.pdf").is_file()


def test_the_owner_keeps_its_folder_while_its_file_has_a_syntax_error(unit_file, tmp_path: Path) -> None:
    """Halfway through an edit the owner's file does not parse; it still declares the id, so
    another file with that id is still refused, and the owner builds again once fixed."""
    first = unit_file(name="a/unit.yaml")
    second = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Another unit"), name="b/unit.yaml")
    out = tmp_path / "out"
    assert run([first], out).ok
    assert not run([second], out).ok
    first.write_text(SMALL_UNIT.replace("  id: small\n", "  id: small\n  bad: [\n", 1), encoding="utf-8")
    assert not run([first], out).ok
    (problem,) = run([second], out).all_problems()
    assert problem.file == str(second) and str(first) in problem.message
    assert "A small unit" in handout_words(out)
    first.write_text(SMALL_UNIT, encoding="utf-8")
    again = run([first], out)
    assert again.ok and again.count("unchanged") == 1


def test_deleting_the_folder_as_the_hint_says_hands_the_id_over(unit_file, tmp_path: Path) -> None:
    """The refusal's hint says to delete the folder if the owner is no longer wanted: that must
    work, whether the owner's file is fine or halfway through an edit."""
    first = unit_file(name="a/unit.yaml")
    second = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Another unit"), name="b/unit.yaml")
    out = tmp_path / "out"
    assert run([first], out).ok
    first.write_text("<<<<<<< HEAD\nformat: 1\nunit:\n  id: small\n=======\n", encoding="utf-8")
    (problem,) = run([second], out).all_problems()
    assert f"delete the folder {out / 'small'}" in problem.hint
    shutil.rmtree(out / "small")
    assert run([second], out).ok and "Another unit" in handout_words(out)
