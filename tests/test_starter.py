"""`printpack new` writes a valid, commented unit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.build import Request, build
from compiler.cli import main
from compiler.source import load_text
from compiler.starter import slug, starter_unit
from compiler.validate import validate_unit


def test_slug() -> None:
    assert slug("The Cold War, 1945–91!") == "the-cold-war-1945-91"
    assert slug("***") == ""
    assert slug("Холодная война") == "kholodnaya-voyna"
    assert slug("Ψυχρός Πόλεμος") == "psychros-polemos"
    assert slug("Café Müller, 1920s") == "cafe-muller-1920s"
    assert slug("Révolution française") == "revolution-francaise"
    assert slug("Ελληνική Επανάσταση") == "elliniki-epanastasi"
    assert slug("Французская революция") == "frantsuzskaya-revolyutsiya"
    assert slug("«…» — !?") == ""


def test_the_starter_is_a_valid_commented_unit() -> None:
    text = starter_unit("cold-war", 'The "Cold" War: 1945')
    assert text.count("#") > 10
    unit = validate_unit(load_text(text, "cold-war.yaml"))
    assert unit.unit.id == "cold-war" and unit.unit.title == 'The "Cold" War: 1945'
    assert unit.sections and unit.events and unit.glossary


def test_the_starter_file_ends_with_one_newline(tmp_path: Path) -> None:
    """Editors and `git diff` flag a text file without a final newline."""
    result = CliRunner().invoke(main, ["new", "The Water Cycle", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "the-water-cycle.yaml").read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    checked = CliRunner().invoke(main, ["check", str(tmp_path / "the-water-cycle.yaml")])
    assert (checked.exit_code, checked.output) == (0, "check: 1 unit(s)\n")  # as the guide shows a clean check


def test_the_title_is_written_as_typed() -> None:
    assert 'title: "Stalin\'s Russia: 1924–41"' in starter_unit("u", "Stalin's Russia: 1924–41")


HOSTILE_TITLES = [
    "CON", "nul", "LPT1", "com9.txt", "aux ", "thumbnails",  # names Windows or the output folder keep
    "中文", "冷战", "الحرب الباردة", "שלום עולם", "😀", "Check ✓", "Zürich ☃",  # glyphs the fonts lack
    "!!!", "", "   ", "..", ".", "/", "a/b", "../../etc/passwd", "C:\\Windows", "a\x00b", "a\udcff",  # nothing usable, paths, not text
    "x" * 10_000, "é" * 5_001,  # too long
    "existing", "printpack.schema",  # names of files already there
    "a *b", "x<img src=\"/etc/passwd\"/>", "{{ config }}", "a\nb", "tab\there", "a\u200bb", "- [x]", "#", "key: value",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_new_writes_a_unit_check_accepts_or_refuses_and_writes_nothing(title: str, tmp_path: Path) -> None:
    """`new` promises a unit that builds as it is: whatever the title, either the unit it
    writes passes `check`, or it refuses the title as a usage error (exit 2) and writes nothing."""
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "existing.yaml").write_text("mine", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["new", title, "--dir", str(folder)])
    written = sorted(p.name for p in folder.iterdir() if p.name not in ("existing.yaml", "printpack.schema.json"))
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 2:
        assert written == [] and (folder / "existing.yaml").read_text(encoding="utf-8") == "mine", result.output
    else:
        assert result.exit_code == 0 and len(written) == 1, result.output
        checked = runner.invoke(main, ["check", str(folder / written[0])])
        assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(("title", "unit_id"), [("CON", "con-unit"), ("nul", "nul-unit"), ("LPT1", "lpt1-unit"),
                                                ("Thumbnails", "thumbnails-unit")])
def test_new_gives_a_usable_id_for_a_title_windows_keeps_for_a_device(title: str, unit_id: str,
                                                                        tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", title, "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{unit_id}.yaml").read_text(encoding="utf-8")
    assert f"id: {unit_id} " in text and f'title: "{title}"' in text


def test_new_refuses_a_title_the_fonts_cannot_print_saying_which_characters(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "中文", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and list(tmp_path.iterdir()) == []
    assert ("Invalid value for NAME: the title: the character '中' (U+4E2D) and 1 other character cannot be "
            "printed with the theme's fonts — ") in result.stderr


@settings(max_examples=25)
@given(st.text(min_size=1, max_size=40))
def test_new_keeps_its_promise_for_any_title(title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        runner = CliRunner()
        result = runner.invoke(main, ["new", title, "--dir", folder])
        units = list(Path(folder).glob("*.yaml"))
        assert result.exit_code in (0, 2) and "internal error" not in result.output, result.output
        assert len(units) == (1 if result.exit_code == 0 else 0)
        if units:
            assert runner.invoke(main, ["check", str(units[0])]).exit_code == 0


def test_new_names_the_file_after_the_title_with_accents_transliterated(tmp_path: Path) -> None:
    for title, unit_id in (("Révolution française", "revolution-francaise"), ("Французская революция",
                                                                              "frantsuzskaya-revolyutsiya"),
                           ("Ελληνική Επανάσταση", "elliniki-epanastasi")):
        result = CliRunner().invoke(main, ["new", title, "--dir", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert f"id: {unit_id} " in (tmp_path / f"{unit_id}.yaml").read_text(encoding="utf-8")


def test_new_with_an_id_names_the_unit_and_its_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "La Révolution française", "--id", "revolution", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "revolution.yaml").read_text(encoding="utf-8")
    assert "id: revolution " in text and 'title: "La Révolution française"' in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["printpack.schema.json", "revolution.yaml"]


def test_new_with_a_file_writes_there_and_the_schema_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "units" / "france-1789.yaml"
    result = CliRunner().invoke(main, ["new", "Révolution française", "--file", str(target)])
    assert result.exit_code == 0, result.output
    assert "id: revolution-francaise " in target.read_text(encoding="utf-8")
    assert (target.parent / "printpack.schema.json").is_file()
    again = CliRunner().invoke(main, ["new", "Another", "--file", str(target)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert "id: revolution-francaise " in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "error"), [
    (["--id", "Révolution"], ("Invalid value for '--id': 'Révolution' is not a valid id — ids use lowercase letters, "
                             "digits and hyphens")),
    (["--id", "con"], "Invalid value for '--id': the unit id names its output folder: 'con' is a device name"),
    (["--file", "units/france"], ("Invalid value for '--file': printpack reads units from .yaml files; write e.g. "
                                 "units/france.yaml")),
    (["--file", "units/france.yaml", "--dir", "units"], "give --file or --dir, not both"),
])
def test_new_refuses_an_id_or_file_it_cannot_use_naming_the_option(args: list[str], error: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "La Révolution française", *args])
    assert result.exit_code == 2 and error in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_id_with_accents_is_refused_with_the_transliterated_id_as_the_hint(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "X", "--id", "Révolution-Française", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "try 'revolution-francaise'" in result.stderr, result.stderr


def test_a_title_of_only_punctuation_needs_an_id(tmp_path: Path) -> None:
    refused = CliRunner().invoke(main, ["new", "?!…", "--dir", str(tmp_path)])
    assert refused.exit_code == 2 and list(tmp_path.iterdir()) == []
    assert "Invalid value for NAME: give a name with at least one letter or digit, or give the id with --id" in refused.stderr
    written = CliRunner().invoke(main, ["new", "?!…", "--id", "questions", "--dir", str(tmp_path)])
    assert written.exit_code == 0, written.output
    assert 'title: "?!…"' in (tmp_path / "questions.yaml").read_text(encoding="utf-8")


@settings(max_examples=25)
@given(st.text(min_size=1, max_size=30))
def test_new_keeps_its_promise_for_any_id(unit_id: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        runner = CliRunner()
        result = runner.invoke(main, ["new", "A unit", "--id", unit_id, "--dir", folder])
        units = list(Path(folder).glob("*.yaml"))
        assert result.exit_code in (0, 2) and "internal error" not in result.output, result.output
        assert len(units) == (1 if result.exit_code == 0 else 0)
        if units:
            assert units[0].name == f"{unit_id}.yaml"
            assert runner.invoke(main, ["check", str(units[0])]).exit_code == 0


@pytest.mark.parametrize("unit_id", ["a\x85b", "a\u2028b", "a\nb: c", "#x", "'x", "x\udcff", "\ufeffx"])
def test_new_refuses_an_id_with_line_breaks_or_yaml_syntax_as_an_id(unit_id: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "A unit", "--id", unit_id, "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "Invalid value for '--id'" in result.stderr, result.output
    assert list(tmp_path.iterdir()) == []


def _text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)


def test_the_starter_builds_every_output_without_a_warning_card_sort_and_worksheet_among_them(tmp_path: Path) -> None:
    """A new teacher's first build shows the headline features: a card sort to cut out and a
    worksheet with several kinds of question, each with its key (the card notes, the model
    answer and the mark scheme in the teacher's files only)."""
    runner = CliRunner()
    assert runner.invoke(main, ["new", "First unit", "--dir", str(tmp_path / "units")]).exit_code == 0
    unit = tmp_path / "units" / "first-unit.yaml"
    assert runner.invoke(main, ["check", str(unit)]).exit_code == 0
    out = tmp_path / "out"
    report = build(Request(paths=(unit,), out=out))
    assert report.ok and not report.all_warnings(), report.all_warnings()
    built = {p.name for p in (out / "first-unit").glob("*.pdf")}
    assert {"handout.pdf", "timeline.pdf", "cardsort-causes.pdf", "cardsort-causes-key.pdf", "worksheet-check-up.pdf",
            "worksheet-check-up-key.pdf", "pack.pdf", "pack-key.pdf"} <= built
    cards, cards_key = _text(out / "first-unit" / "cardsort-causes.pdf"), _text(out / "first-unit" / "cardsort-causes-key.pdf")
    assert {"sudden", "rise", "price", "bread", "newspaper"} <= set(cards.split())  # cards lie side by side
    assert "Short-term triggers" in cards
    assert "Printed only in the teacher’s key." in cards_key and "Printed only" not in cards
    sheet = _text(out / "first-unit" / "worksheet-check-up.pdf")
    key = _text(out / "first-unit" / "worksheet-check-up-key.pdf")
    for words in ("When did the first event happen?", "The second event happened before the first.",
                  "Word bank", "Put these events in order", "Explain one result of the first event.",
                  "How far was the first event the most important one?"):
        assert words in sheet, words
    assert "A model answer, printed only in the teacher’s key." in key and "A model answer" not in sheet
    assert "a clear judgement, supported by accurate examples" in key and "clear judgement" not in sheet
    handout = _text(out / "first-unit" / "handout.pdf")
    for words in ("Why it matters, in a sentence.", "What changed because of it.", "A Person"):
        assert words in handout, words  # the events' detail and people, in the chronology
    with pdfplumber.open(out / "first-unit" / "handout.pdf") as document:
        lines = document.pages[0].extract_text().splitlines()
    assert "A blank line starts a new paragraph." in lines  # `text: |`, as the guide teaches: paragraphs kept
    assert "Why it matters, in a sentence." in _text(out / "first-unit" / "timeline.pdf")  # a key event's detail


def test_every_field_the_starter_invites_is_one_the_unit_uses() -> None:
    """The starter shows each block a unit can have, with at least one worksheet question of
    each of several types and a mark scheme."""
    unit = validate_unit(load_text(starter_unit("u", "U"), "u.yaml"))
    assert unit.card_sorts and unit.card_sorts[0].mat and any(card.note for card in unit.card_sorts[0].cards)
    questions = [q for part in unit.worksheets[0].parts for q in part.questions]
    assert len({q.type for q in questions}) >= 5
    assert any(getattr(q, "mark_scheme", None) for q in questions)
    assert all(event.detail for event in unit.events[:2]) and unit.events[0].people and unit.periods
