"""The registry of formats, detection, and every fixture imported into a unit that passes check
and builds."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner

from compiler.cli import main
from compiler.importers import IMPORTERS, counted, detect, imported, read_bytes, write
from compiler.importers.draft import Draft, Part, Unreadable
from compiler.kinds import KINDS
from compiler.unitfile import MAX_BYTES

FILES = Path(__file__).parent / "files"
FORMATS = {"anki-revolution.txt": "anki", "anki-columns.txt": "anki", "quizlet-spanish.txt": "quizlet",
           "quizlet-comma.txt": "quizlet", "quizlet-rows.txt": "quizlet", "outline-revolution.md": "outline",
           "outline-water.txt": "outline", "meiji.opml": "opml", "photosynthesis.mm": "freemind",
           "timelinejs-meiji.csv": "timelinejs-csv", "timelinejs-revolution.json": "timelinejs-json"}


def test_every_fixture_is_named_here() -> None:
    assert sorted(path.name for path in FILES.iterdir()) == sorted(FORMATS)


@pytest.mark.parametrize(("name", "expected"), FORMATS.items())
def test_the_format_is_found_from_the_content_whatever_the_suffix(name: str, expected: str) -> None:
    content = (FILES / name).read_bytes()
    assert detect(name, content).name == expected
    assert detect("export.dat", content).name == expected


def test_the_suffix_decides_when_the_content_does_not() -> None:
    assert detect("notes.md", b"Causes\n\nThe harvest failed.\n").name == "outline"
    with pytest.raises(Unreadable, match="cannot tell"):
        detect("notes.dat", b"Causes\n\nThe harvest failed.\n")


def test_each_entry_is_registered_under_its_name() -> None:
    assert all(name == importer.name and importer.describes for name, importer in IMPORTERS.items())
    assert {"anki", "quizlet", "outline", "opml", "freemind"} <= set(IMPORTERS)


@pytest.mark.parametrize("name", FORMATS)
def test_every_fixture_imports_into_a_unit_that_passes_check_and_builds(name: str, tmp_path: Path) -> None:
    out = tmp_path / "unit.yaml"
    result = imported(FILES / name, (FILES / name).read_bytes(), out, unit_id="unit")
    assert result.problems == []
    write(out, result.text, replace=False)
    unit = yaml.safe_load(result.text)
    kinds = ["handout", *(["timeline"] if "events" in unit else []), *(["flashcards"] if "flashcards" in KINDS else [])]
    built = CliRunner().invoke(main, ["build", str(out), "--out", str(tmp_path / "out"), "--only", ",".join(kinds)])
    assert built.exit_code == 0, built.output
    if "events" in unit:
        with pdfplumber.open(tmp_path / "out" / "unit" / "timeline.pdf") as pdf:
            poster = pdf.pages[0].extract_text() or ""
        assert all(event["title"].split()[0] in poster for event in unit["events"])
    if "sections" in unit:
        with pdfplumber.open(tmp_path / "out" / "unit" / "handout.pdf") as pdf:
            text = " ".join(page.extract_text() or "" for page in pdf.pages)
        assert unit["unit"]["title"] in text
        assert all(section["title"] in text for section in unit["sections"])
    if "flashcards" in KINDS:  # the kind arrives from another branch; until then cards are checked, not printed
        assert all((tmp_path / "out" / "unit" / f"flashcards-{s['id']}.pdf").is_file() for s in unit.get("flashcards", []))


def test_importing_twice_writes_the_same_bytes(tmp_path: Path) -> None:
    path = FILES / "anki-revolution.txt"
    first = imported(path, path.read_bytes(), tmp_path / "a.yaml", unit_id="a").text
    assert imported(path, path.read_bytes(), tmp_path / "a.yaml", unit_id="a").text == first


def test_a_forced_format_that_finds_nothing_is_refused(tmp_path: Path) -> None:
    path = FILES / "photosynthesis.mm"
    with pytest.raises(Unreadable, match="not an OPML file"):
        imported(path, path.read_bytes(), tmp_path / "x.yaml", format_name="opml", unit_id="x")


def test_counts_in_words() -> None:
    card = {"front": "a", "back": "b"}
    draft = Draft(title=None, described="x", sections=(Part({}, ""),) * 3,
                  flashcards=(Part({"cards": [card] * 24}, ""),))
    assert counted(draft) == "3 sections, 1 flash-card set of 24 cards"
    assert counted(Draft(title=None, described="x", events=(Part({}, ""),),
                         flashcards=(Part({"cards": [card]}, ""),) * 2)) == "1 event, 2 flash-card sets of 2 cards"


def test_a_file_too_big_or_missing_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a\tb\n" * (MAX_BYTES // 4 + 1))
    with pytest.raises(Unreadable, match="an import may be at most"):
        read_bytes(big)
    with pytest.raises(Unreadable, match="cannot read"):
        read_bytes(tmp_path / "missing.txt")


def test_write_never_replaces_a_file_unless_told(tmp_path: Path) -> None:
    out = tmp_path / "unit.yaml"
    out.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write(out, "new\n", replace=False)
    assert out.read_text(encoding="utf-8") == "mine\n"
    write(out, "new\n", replace=True)
    assert out.read_text(encoding="utf-8") == "new\n"


def test_a_file_whose_every_item_is_left_out_is_refused(tmp_path: Path) -> None:
    deck = tmp_path / "empty-backs.txt"
    deck.write_text("#separator:tab\nla luna\t\nel sol\t \n", encoding="utf-8")
    with pytest.raises(Unreadable, match="nothing usable"):
        imported(deck, deck.read_bytes(), tmp_path / "u.yaml", unit_id="u")


@pytest.mark.parametrize(("name", "content"), [
    ("deep.opml", '<?xml version="1.0"?><opml version="2.0"><head><title>T</title></head><body>'
                  + '<outline text="x">' * 600 + "</outline>" * 600 + "</body></opml>"),
    ("deep.md", "# T\n" + "".join("  " * level + f"- point {level}\n" for level in range(600))),
])
def test_nesting_hundreds_of_levels_deep_is_refused_with_a_reason(name: str, content: str, tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="nests its items hundreds of levels deep"):
        imported(tmp_path / name, content.encode(), tmp_path / "out.yaml", unit_id="unit")
