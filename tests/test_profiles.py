"""Print profiles: every file once per chosen profile, named for it, drawn in the profile's theme."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner

from compiler.build import Request, build, check
from compiler.cli import main
from compiler.manifest import MANIFEST
from compiler.outputs import Settings
from compiler.profiles import PROFILES, profiled_filename, standard_filename
from tests.conftest import SMALL_UNIT

WORKSHEET = ("worksheets:\n  - {id: quiz, title: Treaty quiz, versions: 2, questions: "
             "[{type: short, prompt: Why did *Lenin* sign?, answer: So.}]}\n")
UNIT = SMALL_UNIT + WORKSHEET
RUSSIAN = """\
format: 1
unit: {id: russkij, title: Внешняя политика, language: ru}
glossary:
  - {term: Коминтерн, definition: Коммунистический интернационал.}
sections:
  - heading: Революция
    text: Большевики взяли власть.
"""


def built(unit: Path, out: Path, *profiles: str, only: tuple[str, ...] = ()) -> list[str]:
    report = build(Request(paths=(unit,), out=out, settings=Settings(profiles=profiles, only=only)))
    assert report.ok, [str(p) for p in report.all_problems()]
    return sorted(p.name for p in (out / "small").glob("*.pdf")) if (out / "small").is_dir() else []


def sizes(pdf: Path) -> Counter[float]:
    """How many letters and digits of the file are set at each size (to a tenth of a point)."""
    with pdfplumber.open(pdf) as document:
        return Counter(round(char["size"], 1) for page in document.pages for char in page.chars if char["text"].isalnum())


def size_of(pdf: Path, words: str) -> set[float]:
    """The sizes ``words`` are set in where the file prints them."""
    with pdfplumber.open(pdf) as document:
        return {round(char["size"], 1) for page in document.pages for found in page.search(words, return_chars=True)
                for char in found["chars"]}


def fonts_used(pdf: Path) -> set[str]:
    """The base names of the fonts the file embeds, without their subset prefix."""
    with pikepdf.open(pdf) as document:
        return {str(font.BaseFont).split("+", 1)[-1] for page in document.pages
                for _, font in page.Resources.get("/Font", {}).items()}


def words_in(pdf: Path, word: str) -> list[str]:
    """The font of each character of ``word`` where the file prints it."""
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for found in page.search(word, return_chars=True):
                return [char["fontname"].split("+", 1)[-1] for char in found["chars"]]
    return []


@pytest.mark.parametrize(("standard", "profile", "named"), [
    ("handout.pdf", "large-print", "handout-large-print.pdf"),
    ("worksheet-quiz-A-key.pdf", "large-print", "worksheet-quiz-A-large-print-key.pdf"),
    ("pack.pdf", "dyslexia", "pack-dyslexia.pdf"),
    ("pack-key.pdf", "dyslexia", "pack-dyslexia-key.pdf"),
    ("cardsort-key-points.pdf", "high-contrast", "cardsort-key-points-high-contrast.pdf"),
    ("handout.pdf", "standard", "handout.pdf"),
])
def test_a_profiles_file_is_named_for_it_and_a_key_still_ends_in_key(standard: str, profile: str, named: str) -> None:
    assert profiled_filename(standard, profile) == named
    assert standard_filename(named, profile) == standard


def test_the_unit_chooses_its_profiles_and_every_file_exists_once_per_profile(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(UNIT + "outputs: {profiles: [standard, large-print]}\n")
    names = built(unit, tmp_path / "out", only=("handout", "worksheet", "pack"))
    assert names == ["handout-large-print.pdf", "handout.pdf",
                     "pack-key.pdf", "pack-large-print-key.pdf", "pack-large-print.pdf", "pack.pdf",
                     "worksheet-quiz-A-key.pdf", "worksheet-quiz-A-large-print-key.pdf",
                     "worksheet-quiz-A-large-print.pdf", "worksheet-quiz-A.pdf",
                     "worksheet-quiz-B-key.pdf", "worksheet-quiz-B-large-print-key.pdf",
                     "worksheet-quiz-B-large-print.pdf", "worksheet-quiz-B.pdf"]
    assert all(name.endswith("-key.pdf") == ("key" in name) for name in names)


def test_the_command_line_profile_overrides_the_units_and_only_still_works(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(UNIT + "outputs: {profiles: [standard, large-print]}\n")
    result = CliRunner().invoke(main, ["build", str(unit), "-o", str(tmp_path / "out"), "-j", "1", "-q",
                                       "--only", "handout", "--profile", "dyslexia", "--profile", "high-contrast"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "small").glob("*.pdf")) == [
        "handout-dyslexia.pdf", "handout-high-contrast.pdf"]


def test_an_unknown_profile_on_the_command_line_names_the_closest(unit_file: Callable[..., Path]) -> None:
    result = CliRunner().invoke(main, ["check", str(unit_file()), "--profile", "large_print"])
    assert result.exit_code == 2
    assert "unknown print profile 'large_print'" in result.output and "did you mean 'large-print'?" in result.output


def test_an_unknown_profile_in_the_unit_is_located_with_the_closest(unit_file: Callable[..., Path]) -> None:
    unit = unit_file(SMALL_UNIT + "outputs:\n  profiles: [standard, dyslexic]\n")
    report = check(Request(paths=(unit,)))
    [problem] = report.all_problems()
    assert (problem.line, problem.path) == (len(SMALL_UNIT.splitlines()) + 2, "outputs.profiles[1]")
    assert "unknown print profile 'dyslexic'" in problem.message and problem.hint == "did you mean 'dyslexia'?"


def test_the_schema_lists_the_profiles() -> None:
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    assert schema["$defs"]["Outputs"]["properties"]["profiles"]["items"]["enum"] == list(PROFILES)


def test_standard_files_are_the_same_whichever_profiles_are_built_beside_them(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(UNIT)
    built(unit, tmp_path / "alone", only=("handout", "worksheet"))
    built(unit, tmp_path / "beside", *PROFILES, only=("handout", "worksheet"))
    for name in ("handout.pdf", "worksheet-quiz-A.pdf", "worksheet-quiz-A-key.pdf"):
        assert (tmp_path / "alone" / "small" / name).read_bytes() == (tmp_path / "beside" / "small" / name).read_bytes()


def test_large_print_sets_body_text_at_18_points_and_nothing_below_16(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    built(unit_file(UNIT), tmp_path, "standard", "large-print", only=("handout", "worksheet"))
    handout, sheet = tmp_path / "small" / "handout-large-print.pdf", tmp_path / "small" / "worksheet-quiz-A-large-print.pdf"
    assert size_of(handout, "took power and founded") == {18}
    assert size_of(sheet, "did Lenin sign") == {18}
    assert min(size_of(handout, "The revolution")) > 18  # a section's heading
    assert min(sizes(handout)) >= 16 and min(sizes(sheet)) >= 16
    assert size_of(tmp_path / "small" / "handout.pdf", "took power and founded") == {10}
    # RNIB: no italics in large print (the unit's *Bolsheviks*, the sheet's instructions)
    assert not any("Italic" in name or "Oblique" in name for name in fonts_used(handout) | fonts_used(sheet))


def test_dyslexia_friendly_files_embed_the_bundled_font_and_print_emphasis_bold(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    built(unit_file(UNIT), tmp_path, "dyslexia", only=("handout", "worksheet"))
    handout = tmp_path / "small" / "handout-dyslexia.pdf"
    assert {"AtkinsonHyperlegibleNext-Regular", "AtkinsonHyperlegibleNext-Bold"} <= fonts_used(handout)
    with pikepdf.open(handout) as document:  # embedded as a subset, as every bundled face is
        faces = [f for _, f in document.pages[0].Resources.Font.items() if "Atkinson" in str(f.BaseFont)]
        assert faces and all(str(f.BaseFont).lstrip("/")[6] == "+" for f in faces)
    assert set(words_in(handout, "Bolsheviks")) == {"AtkinsonHyperlegibleNext-Bold"}  # *Bolsheviks*
    sheet = tmp_path / "small" / "worksheet-quiz-A-dyslexia.pdf"
    assert set(words_in(sheet, "Lenin")) == {"AtkinsonHyperlegibleNext-Bold"}
    assert not any("Italic" in name or "Oblique" in name for name in fonts_used(sheet))
    assert size_of(handout, "took power and founded") == {12.5}


def test_dyslexia_friendly_keys_print_answers_bold_without_underlining(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(SMALL_UNIT + "worksheets:\n  - {id: gaps, title: Gaps, questions: "
                     "[{type: gap_fill, text: 'The [[Bolsheviks]] took power.'}]}\n")
    built(unit, tmp_path, "standard", "dyslexia", only=("worksheet",))

    def under_answer(name: str) -> tuple[set[str], int]:
        """The fonts of the answer in the key, and the rules drawn just under it."""
        with pdfplumber.open(tmp_path / "small" / name) as document:
            page = document.pages[0]
            found = page.search("Bolsheviks", return_chars=True)[0]  # in the text, then in the list of answers
            lines = [edge for edge in page.horizontal_edges if edge["x0"] <= found["x0"] + 1
                     and edge["x1"] >= found["x1"] - 1 and abs(edge["top"] - found["bottom"]) <= 4]
            return {char["fontname"].split("+", 1)[-1] for char in found["chars"]}, len(lines)

    assert under_answer("worksheet-gaps-key.pdf") == ({"DejaVuSerif-Bold"}, 1)
    assert under_answer("worksheet-gaps-dyslexia-key.pdf") == ({"AtkinsonHyperlegibleNext-Bold"}, 0)


def test_dyslexia_friendly_pages_are_tinted_cream_and_standard_ones_are_not(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    built(unit_file(UNIT), tmp_path, "standard", "dyslexia", only=("handout",))

    def page_fills(name: str) -> list[tuple[float, ...]]:
        with pdfplumber.open(tmp_path / "small" / name) as document:
            page = document.pages[0]
            return [tuple(r["non_stroking_color"]) for r in page.rects
                    if r["width"] >= page.width - 1 and r["height"] >= page.height - 1]

    assert page_fills("handout-dyslexia.pdf") == [pytest.approx((0xfd / 255, 0xf6 / 255, 0xe3 / 255), abs=0.01)]
    assert page_fills("handout.pdf") == []


def test_high_contrast_prints_every_letter_black(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    built(unit_file(UNIT), tmp_path, "high-contrast", only=("handout",))
    with pdfplumber.open(tmp_path / "small" / "handout-high-contrast.pdf") as document:
        colours = {tuple(c["non_stroking_color"]) for p in document.pages for c in p.chars if c["text"].isalnum()}
    assert colours <= {(0,), (0, 0, 0)}, colours  # strands keep their colours only on their marker shapes


def test_a_theme_may_justify_prose_and_every_profile_sets_it_ragged_right(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    long_text = " ".join(["The Bolsheviks took power and founded the Comintern in Moscow."] * 6)
    unit = unit_file(SMALL_UNIT.replace("The *Bolsheviks* took power and founded the Comintern.", long_text))
    theme = tmp_path / "justified.yaml"
    theme.write_text("extends: default\nalign: justify\n", encoding="utf-8")
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(
        theme=str(theme), only=("handout",), profiles=("standard", "dyslexia"))))
    assert report.ok, [str(p) for p in report.all_problems()]

    def line_ends(name: str) -> list[float]:
        """Where each line of the section's paragraph but its last ends."""
        with pdfplumber.open(tmp_path / "out" / "small" / name) as document:
            lines = document.pages[0].extract_text_lines()
        prose = [line for line in lines if "Bolsheviks" in line["text"] or "Comintern in" in line["text"]]
        return [round(line["x1"]) for line in prose[:-1]]

    assert len(line_ends("handout.pdf")) >= 3
    assert len(set(line_ends("handout.pdf"))) == 1  # justified: every full line ends at the column's edge
    assert len(set(line_ends("handout-dyslexia.pdf"))) > 1  # ragged right


def test_a_russian_unit_in_the_dyslexia_profile_falls_back_to_dejavu_and_check_says_why(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(RUSSIAN)
    warnings = check(Request(paths=(unit,), settings=Settings(profiles=("dyslexia",)))).all_warnings()
    assert any("AtkinsonHyperlegibleNext has no 'В'" in w.message and "DejaVuSans" in w.message for w in warnings)
    report = build(Request(paths=(unit,), out=tmp_path, settings=Settings(profiles=("dyslexia",), only=("handout",))))
    assert report.ok
    pdf = tmp_path / "russkij" / "handout-dyslexia.pdf"
    assert not any("Atkinson" in name for name in fonts_used(pdf))
    with pdfplumber.open(pdf) as document:
        assert "Большевики взяли власть." in document.pages[0].extract_text()


def test_a_unit_with_superscripts_the_dyslexia_font_lacks_is_set_in_dejavu(unit_file: Callable[..., Path]) -> None:
    unit = unit_file(SMALL_UNIT.replace("took power", "took power in 1917^th^"))
    warnings = check(Request(paths=(unit,), settings=Settings(profiles=("dyslexia",)))).all_warnings()
    assert any("AtkinsonHyperlegibleNext has no 'ᵗ'" in w.message for w in warnings), [str(w) for w in warnings]


def test_profiles_are_reproducible_and_an_unchanged_build_rebuilds_nothing(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(UNIT + "outputs: {profiles: [standard, dyslexia]}\n")
    built(unit, tmp_path / "one", only=("handout", "worksheet"))
    built(unit, tmp_path / "two", only=("handout", "worksheet"))
    for pdf in (tmp_path / "one" / "small").glob("*.pdf"):
        assert pdf.read_bytes() == (tmp_path / "two" / "small" / pdf.name).read_bytes(), pdf.name
    again = build(Request(paths=(unit,), out=tmp_path / "one", settings=Settings(only=("handout", "worksheet"))))
    assert again.count("built") == 0 and again.count("unchanged") == 10


def test_adding_a_profile_builds_only_its_files(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(UNIT)
    built(unit, tmp_path, only=("handout",))
    report = build(Request(paths=(unit,), out=tmp_path, settings=Settings(profiles=("standard", "large-print"),
                                                                           only=("handout",))))
    assert [(o.path, o.state) for u in report.units for o in u.outputs] == [
        ("small/handout-large-print.pdf", "built"), ("small/handout.pdf", "unchanged")]


def test_a_profile_no_longer_chosen_has_its_files_removed(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    unit = unit_file(UNIT + "outputs: {profiles: [standard, large-print]}\n")
    assert built(unit, tmp_path, only=("handout",)) == ["handout-large-print.pdf", "handout.pdf"]
    unit.write_text(UNIT, encoding="utf-8")
    assert built(unit, tmp_path, only=("handout",)) == ["handout.pdf"]


def test_a_profiles_pack_holds_that_profiles_files_only(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    built(unit_file(UNIT), tmp_path, "standard", "dyslexia", only=("handout", "worksheet", "pack"))
    assert "DejaVuSerif" not in fonts_used(tmp_path / "small" / "pack-dyslexia.pdf")
    assert "AtkinsonHyperlegibleNext-Regular" in fonts_used(tmp_path / "small" / "pack-dyslexia.pdf")
    assert not any("Atkinson" in name for name in fonts_used(tmp_path / "small" / "pack.pdf"))
    with pdfplumber.open(tmp_path / "small" / "pack-dyslexia-key.pdf") as key, \
            pdfplumber.open(tmp_path / "small" / "pack-key.pdf") as standard:
        assert len(key.pages) == len(standard.pages)  # one copy of each key, not one per profile


def test_the_index_lists_each_files_profile_versions_beside_it(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    built(unit_file(UNIT), tmp_path, "standard", "large-print", "dyslexia", only=("handout",))
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    [card] = [li for li in page.split("<li>") if 'href="small/handout.pdf"' in li]
    assert '<a href="small/handout-large-print.pdf">Large print</a>' in card
    assert '<a href="small/handout-dyslexia.pdf">Dyslexia-friendly</a>' in card
    assert page.count("<li>") == 1  # the versions have no cards of their own
    recorded = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert {(entry["path"], entry["profile"]) for entry in recorded} == {
        ("small/handout.pdf", "standard"), ("small/handout-large-print.pdf", "large-print"),
        ("small/handout-dyslexia.pdf", "dyslexia")}


def test_a_profiles_file_may_not_take_the_name_of_another_items_file(unit_file: Callable[..., Path]) -> None:
    unit = unit_file(SMALL_UNIT + "worksheets:\n"
                     "  - {id: quiz, title: Quiz, questions: [{type: short, prompt: Why?, answer: So.}]}\n"
                     "  - {id: quiz-dyslexia, title: Other, questions: [{type: short, prompt: Who?, answer: Him.}]}\n")
    problems = check(Request(paths=(unit,))).all_problems()  # even in a build without the dyslexia profile
    assert any("'worksheet-quiz-dyslexia.pdf' is also written for worksheets[0] 'quiz'" in p.message
               for p in problems), [str(p) for p in problems]


def test_a_profile_named_on_the_command_line_is_built_beside_the_others(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    """Like --only for kinds: printing a large-print copy for one student never deletes the
    class's standard files."""
    unit = unit_file(UNIT + "outputs: {profiles: [standard, dyslexia]}\n")
    assert built(unit, tmp_path, only=("handout",)) == ["handout-dyslexia.pdf", "handout.pdf"]
    assert built(unit, tmp_path, "large-print", only=("handout",)) == [
        "handout-dyslexia.pdf", "handout-large-print.pdf", "handout.pdf"]


def test_a_schools_profile_file_changes_only_what_it_sets(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    """templates/profiles/dyslexia.yaml holding only `page_tint: null` keeps the rest of the
    built-in profile: the font, the sizes, bold for italics."""
    templates = tmp_path / "templates"
    (templates / "profiles").mkdir(parents=True)
    (templates / "profiles" / "dyslexia.yaml").write_text("page_tint: null\n", encoding="utf-8")
    unit = unit_file(UNIT)
    settings = Settings(profiles=("dyslexia",), only=("handout",), templates=templates)
    assert build(Request(paths=(unit,), out=tmp_path / "out", settings=settings)).ok
    pdf = tmp_path / "out" / "small" / "handout-dyslexia.pdf"
    assert any("AtkinsonHyperlegibleNext" in name for name in fonts_used(pdf))
    assert not any("Italic" in name for name in fonts_used(pdf))
    assert size_of(pdf, "took power") == {12.5}
    with pdfplumber.open(pdf) as document:
        assert not [r for r in document.pages[0].rects if r["width"] > 500]  # no cream page


def test_a_font_a_schools_profile_names_is_checked_against_the_unit(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    """A large-print profile set in a Latin-only font must not print a Russian unit as boxes."""
    templates = tmp_path / "templates"
    (templates / "profiles").mkdir(parents=True)
    (templates / "profiles" / "large-print.yaml").write_text(
        "fonts: {body: AtkinsonHyperlegibleNext, heading: AtkinsonHyperlegibleNext}\n", encoding="utf-8")
    unit = unit_file(RUSSIAN)
    settings = Settings(profiles=("large-print",), only=("handout",), templates=templates)
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=settings))
    assert report.ok
    assert any("AtkinsonHyperlegibleNext has no" in w.message for w in report.all_warnings())
    pdf = tmp_path / "out" / "russkij" / "handout-large-print.pdf"
    assert not any("Atkinson" in name for name in fonts_used(pdf))
    with pdfplumber.open(pdf) as document:
        assert "Большевики взяли власть." in document.pages[0].extract_text()
