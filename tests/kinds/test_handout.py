"""handout.pdf as a teacher checks it: the words, the paper, the fonts, nothing overlapping."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.theme import PAPER, load_theme
from tests.conftest import SMALL_UNIT, last_lines, overlapping_words


def build_handout(unit: Path, out: Path, paper: str = "a4") -> Path:
    report = build(Request(paths=(unit,), out=out, settings=Settings(paper=paper)))
    assert report.ok, report.all_problems()
    (pdf,) = out.glob("*/handout.pdf")
    return pdf


def words_of(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_small_unit_handout_has_its_words_on_the_right_paper(unit_file, tmp_path: Path, paper: str) -> None:
    pdf = build_handout(unit_file(), tmp_path, paper)
    text = words_of(pdf)
    for expected in ["A small unit", "Written for the tests", "History · Year 9", "Themes in this unit",
                     "1. The revolution", "Bolsheviks", "Third point", "sub two", "Think", "Why then?",
                     "Key dates", "7 Nov 1917", "October Revolution", "16 Apr 1922", "Key terms",
                     "Key people", "Vladimir Lenin", "Glossary", "The Communist International.",
                     "A small unit · CC BY 4.0", "Page 1 of 1"]:
        assert expected in text, expected
    for page in PdfReader(pdf).pages:
        width, height = PAPER[paper]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (round(width), round(height))
    assert not overlapping_words(pdf)


def test_fonts_are_embedded_subsets(unit_file, tmp_path: Path) -> None:
    pdf = build_handout(unit_file(), tmp_path)
    fonts = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile3", "/FontFile")), font["/BaseFont"]
    assert fonts and all("+" in name for name in fonts), fonts  # AAAAAA+DejaVuSerif: a subset


def test_markup_in_unit_text_is_printed_literally(unit_file, tmp_path: Path) -> None:
    hostile = '<img src="/etc/passwd"/> & <a href="javascript:x">link</a> <seq/>'
    unit = unit_file(SMALL_UNIT.replace("text: The *Bolsheviks* took power and founded the Comintern.",
                                        f"text: '{hostile}'"))
    pdf = build_handout(unit, tmp_path)
    assert hostile.replace('="', "=“").replace('"', "”") in words_of(pdf)
    raw = pdf.read_bytes()
    assert b"/JavaScript" not in raw and b"root:" not in raw


def test_cyrillic_and_greek_text_render(unit_file, tmp_path: Path) -> None:
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Внешняя политика СССР — Ελληνικά"))
    assert "Внешняя политика СССР — Ελληνικά" in words_of(build_handout(unit, tmp_path))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_shipped_unit_handout(shipped: Callable[[str], Path], paper: str) -> None:
    pdf = shipped(paper) / "handout.pdf"
    reader = PdfReader(pdf)
    text = words_of(pdf)
    assert "Soviet Foreign Policy, 1917–1941" in text
    assert "24 Apr 1926" in text  # the Treaty of Berlin, corrected from the seeds
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text
    assert not overlapping_words(pdf)


def test_a_box_taller_than_a_page_is_a_located_error(unit_file, tmp_path: Path) -> None:
    long_box = " ".join(["A very long call-out that never ends."] * 400)
    unit = unit_file(SMALL_UNIT.replace('text: "Why then?"', f'text: "{long_box}"'))
    report = build(Request(paths=(unit,), out=tmp_path))
    (problem,) = report.all_problems()
    assert (problem.line, problem.path, problem.message) == (24, "sections[0].box.text", "the box is taller than a page")
    assert f"it has {len(long_box)} characters: shorten it to at most about" in (problem.hint or "")
    assert not (tmp_path / "small").exists()


def test_source_date_epoch_sets_the_pdf_date_and_bytes_repeat(unit_file, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    unit = unit_file()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build_handout(unit, tmp_path / "a")
    second = build_handout(unit, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    assert PdfReader(first).metadata["/CreationDate"].startswith("D:20231114")


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_heading_ends_a_page(shipped: Callable[[str], Path], paper: str) -> None:
    pdf = shipped(paper) / "handout.pdf"
    headings = re.compile(r"^(\d+\. [A-Z].*|Key people|Glossary|Key dates|Key terms)$")
    for line in last_lines(pdf)[:-1]:
        assert not headings.match(line), line


def test_numbers_in_text_print_as_written(unit_file, tmp_path: Path) -> None:
    """Headings, points, box and glossary text take a number exactly as the file spells it."""
    unit = unit_file("""\
        format: 1
        unit: {id: numbers, title: 3.10, subtitle: 007, author: .5}
        glossary:
          - {term: 1.50, definition: +44}
        sections:
          - heading: 2.0
            points: [3.10, 007, {1.50: [+44, .5, 1e3]}]
            box: {title: 010, text: -0.0}
        """)
    text = words_of(build_handout(unit, tmp_path))
    for written in ("3.10", "007", "• 3.10", "• 007", "1.50", "+44", ".5", "1e3", "010", "-0.0", "1. 2.0"):
        assert written in text, written
def test_a_long_title_stays_one_line_in_the_running_header_and_footer(unit_file, tmp_path: Path) -> None:
    """A long title fits the handout's title band, and the header and footer cut it short with
    "…" instead of wrapping it up into the page's text."""
    title = ("The Soviet Union and the World, " * 20).strip(" ,")
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {title}").replace(
        "text: The *Bolsheviks*", "text: " + "The *Bolsheviks* took power. " * 60 + "End"))
    assert build(Request(paths=(unit,), out=tmp_path / "out", jobs=1, settings=Settings(only=("handout",)))).ok
    theme = load_theme()
    with pdfplumber.open(tmp_path / "out" / "small" / "handout.pdf") as pdf:
        page = pdf.pages[1]
        words = page.extract_words()
        header = [w for w in words if w["bottom"] < theme.margins.top]
        footer = [w for w in words if w["top"] > page.height - theme.margins.bottom]
    for furniture in (header, footer):
        assert len({round(w["top"]) for w in furniture}) == 1, furniture
        assert any(w["text"].endswith("…") for w in furniture)
    assert any(w["text"] == "Handout" for w in header) and any(w["text"] == "2" for w in footer)
