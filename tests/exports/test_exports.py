"""The export registry and `printpack export`: the unit read as check reads it, the sets chosen,
the file written, and the exits (0 written, 1 the unit's problems, 2 a wrong command line)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.exports import EXPORTS, time_stamp, unit_cards
from compiler.kinds.flashcards.deck import decks
from compiler.wording import load_labels

UNIT = """\
format: 1
unit: {id: spanish, title: Spanish for beginners}
glossary:
  - {term: el mercado, definition: the market}
flashcards:
  - id: greetings
    title: Greetings
    cards:
      - {front: hola, back: hello}
      - {front: adiós, back: goodbye}
"""


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    path = tmp_path / "spanish.yaml"
    path.write_text(UNIT, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args])
    return result.exit_code, result.stderr


def test_the_registry_holds_anki_and_csv_and_each_writes_the_unit_s_cards(unit: Path) -> None:
    assert list(EXPORTS) == ["anki", "csv"]
    cards = unit_cards(unit)
    assert [deck.id for deck in cards.decks] == ["greetings", "glossary"]
    for export in EXPORTS.values():
        assert export.write(cards.unit, cards.decks, 0)


def test_the_sets_are_those_the_flash_card_pdfs_print(unit: Path) -> None:
    limited = UNIT + "outputs: {flashcards: {generate: []}}\n"
    unit.write_text(limited, encoding="utf-8")
    cards = unit_cards(unit)
    assert [deck.id for deck in cards.decks] == ["greetings"]
    assert [deck.id for deck in decks(cards.unit, load_labels("en", None))] == ["greetings"]


def test_export_csv_writes_the_file_and_says_what_it_wrote(unit: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.txt"
    code, said = run("csv", str(unit), "--out", str(out), "--set", "greetings")
    assert code == 0, said
    assert out.read_text(encoding="utf-8") == "hola\thello\nadiós\tgoodbye\n"
    assert f"wrote {out}: 2 cards in 1 set (greetings)" in said


def test_export_anki_writes_a_package(unit: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    code, said = run("anki", str(unit), "--out", str(out))
    assert code == 0, said
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as package:
        assert "collection.anki2" in package.namelist()


def test_an_existing_file_is_replaced_as_cp_would(unit: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.txt"
    out.write_text("old cards\n", encoding="utf-8")
    assert run("csv", str(unit), "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("hola\thello\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.txt", "spanish.yaml"]  # no temporary left


def test_folders_missing_on_the_way_to_the_file_are_made(unit: Path, tmp_path: Path) -> None:
    out = tmp_path / "for" / "quizlet" / "cards.txt"
    assert run("csv", str(unit), "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("hola\thello\n")


def test_the_unit_itself_is_never_the_output(unit: Path) -> None:
    code, said = run("csv", str(unit), "--out", str(unit))
    assert code == 2 and "is the unit itself" in said
    assert unit.read_text(encoding="utf-8") == UNIT


def test_a_unit_with_errors_prints_them_located_and_writes_nothing(unit: Path, tmp_path: Path) -> None:
    unit.write_text(UNIT.replace("{front: hola, back: hello}", "{front: hola, bak: hello}"), encoding="utf-8")
    out = tmp_path / "deck.apkg"
    code, said = run("anki", str(unit), "--out", str(out))
    assert code == 1
    assert f"{unit}:9:23: flashcards[0] (greetings).cards[0].bak: unknown key 'bak' — did you mean 'back'?" in said
    assert not out.exists()


def test_a_unit_without_flash_cards_exits_1_with_a_hint(unit: Path, tmp_path: Path) -> None:
    unit.write_text("format: 1\nunit: {id: spanish, title: Spanish}\nglossary:\n  - {term: el mercado, definition: "
                    "the market}\noutputs: {flashcards: {generate: []}}\n", encoding="utf-8")
    out = tmp_path / "cards.txt"
    code, said = run("csv", str(unit), "--out", str(out))
    assert code == 1
    assert "unit 'spanish' has no flash cards to export — write sets under `flashcards:`" in said
    assert "outputs.flashcards.generate" in said
    assert not out.exists()


def test_an_unknown_set_exits_2_listing_the_sets(unit: Path, tmp_path: Path) -> None:
    code, said = run("csv", str(unit), "--out", str(tmp_path / "cards.txt"), "--set", "greeting")
    assert code == 2
    assert "has no flash-card set 'greeting'; its sets are greetings, glossary" in said
    assert not (tmp_path / "cards.txt").exists()


def test_an_unknown_format_exits_2_naming_the_formats(unit: Path, tmp_path: Path) -> None:
    code, said = run("quizlet", str(unit), "--out", str(tmp_path / "cards.txt"))
    assert code == 2 and "choose from anki, csv" in said


def test_the_time_stamp_is_source_date_epoch_else_the_unit_s_last_change(unit: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    os.utime(unit, (1_600_000_000, 1_600_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert time_stamp(unit) == 1_600_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert time_stamp(unit) == 1_700_000_000


def test_two_exports_through_the_command_line_are_byte_identical(unit: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    assert run("anki", str(unit), "--out", str(first))[0] == 0
    assert run("anki", str(unit), "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_the_other_commands_start_without_the_export_code() -> None:
    """`export` imports its package lazily: a no-op build never loads genanki or the unit's model."""
    script = "import sys, compiler.cli\nprint([m for m in ('compiler.exports', 'genanki') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
