"""The blank version and its key; the timeline's files in every print profile, read back from
the PDFs: the large-print poster on a larger sheet with every event at 18 pt, the
dyslexia-friendly one on cream in Atkinson Hyperlegible without italics, the high-contrast one
with black words and outlined periods."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.kinds.timeline.draw import render
from compiler.kinds.timeline.plan import plan
from compiler.outputs import Context, Settings, Target
from compiler.source import load_text
from compiler.theme import MM, PAPER, load_theme, profiled
from compiler.validate import validate_unit
from compiler.wording import Wording
from tests import tagged
from tests.conftest import BESIDE_SHIPPED, SHIPPED_UNIT
from tests.kinds.timeline.posters import (
    ROMAN,
    laid_out,
    missing_event_faults,
    poster_faults,
    read_sheets,
    unit_data,
    unit_events,
    unit_text,
)


def test_the_blank_version_hides_titles_and_its_key_shows_them(unit_file, tmp_path: Path) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",))))
    poster = laid_out(ROMAN, "blank")
    hidden = [" ".join(label.lines) for label in poster.labels if label.blank]
    assert 3 <= len(hidden) < len(poster.labels)
    sheets = PdfReader(tmp_path / "rome" / "timeline-blank.pdf").pages
    keys = PdfReader(tmp_path / "rome" / "timeline-blank-key.pdf").pages
    assert len(sheets) == len(keys) == 1  # printing the students' version prints no answers
    student, key = (" ".join(pages[0].extract_text().split()) for pages in (sheets, keys))
    assert "Write the missing event in each box." in student and "Answer key — teacher copy" in key
    for title in hidden:
        assert title not in student and title in key
    shown = [" ".join(label.lines) for label in poster.labels if not label.blank]
    assert all(title in student for title in shown)


def test_blank_dates_hide_dates_instead(unit_file, tmp_path: Path) -> None:
    text = ROMAN.replace("unit: {id: rome, title: The Roman Republic, licence: CC0}",
                         "unit: {id: rome, title: The Roman Republic, licence: CC0}\noutputs: {timeline: {blank: dates}}")
    build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline",))))
    poster = laid_out(text, "blank")
    student = " ".join(PdfReader(tmp_path / "rome" / "timeline-blank.pdf").pages[0].extract_text().split())
    assert "Write the missing date in each box." in student
    for label in poster.labels:
        assert (label.date in student) != label.blank or label.date in " ".join(
            other.date for other in poster.labels if not other.blank and other is not label)


@pytest.mark.parametrize("mode", ["titles", "dates"])
@pytest.mark.parametrize("paper", ["a3", "tabloid", "a2", "a0"])
def test_write_in_boxes_are_at_least_45_by_12_mm_on_every_paper(paper: str, mode: str, unit_file,
                                                                 tmp_path: Path) -> None:
    text = ROMAN.replace("unit: {id: rome, title: The Roman Republic, licence: CC0}",
                         f"unit: {{id: rome, title: The Roman Republic, licence: CC0}}\n"
                         f"outputs: {{timeline: {{blank: {mode}}}}}")
    build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline",), poster=paper)))
    poster = laid_out(text, "blank", poster=paper)
    blanks = [label for label in poster.labels if label.blank]
    scale = poster.scale
    with pdfplumber.open(tmp_path / "rome" / "timeline-blank.pdf") as document:
        page = document.pages[0]
        for label in blanks:
            x0, x1 = label.x * scale, (label.x + label.width) * scale
            top, bottom = page.height - (label.y + label.height) * scale, page.height - label.y * scale
            inner = [r for r in page.rects if x0 + 1 < r["x0"] and r["x1"] < x1 - 1
                     and top + 1 < r["top"] and r["bottom"] < bottom - 1]
            (box,) = inner
            assert box["width"] >= 45 * MM - 0.5 and box["height"] >= 12 * MM - 0.5


# The timeline in every print profile.

EUROPE = unit_text("europe-1500-1980.yaml")  # A3, 37 events, three periods, a change of scale
FILES = ("timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf", "timeline-blank-key.pdf")
CREAM = (0xfd / 255, 0xf6 / 255, 0xe3 / 255)


@pytest.fixture(scope="module")
def europe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the Europe unit's timeline files in every profile."""
    folder = tmp_path_factory.mktemp("europe")
    (folder / "europe.yaml").write_text(EUROPE, encoding="utf-8")
    report = build(Request(paths=(folder / "europe.yaml",), out=folder / "out", settings=Settings(
        only=("timeline",), profiles=("standard", "large-print", "dyslexia", "high-contrast"))))
    assert report.ok, [str(p) for p in report.all_problems()]
    assert not [str(p) for p in report.all_problems()]  # no warning: nothing is left out
    return folder / "out" / "europe"


def named(profile: str, name: str) -> str:
    suffix = "" if profile == "standard" else f"-{profile}"
    return name.replace("-key.pdf", f"{suffix}-key.pdf") if name.endswith("-key.pdf") else name.replace(
        ".pdf", f"{suffix}.pdf")


def page_size_mm(pdf: Path) -> list[tuple[int, int]]:
    with pdfplumber.open(pdf) as document:
        return [(round(page.width / MM), round(page.height / MM)) for page in document.pages]


def letters(pdf: Path) -> list[dict]:
    """Every letter and digit the file prints, with its size, font and colour."""
    with pdfplumber.open(pdf) as document:
        return [char for page in document.pages for char in page.chars if char["text"].isalnum()]


def title_sizes(pdf: Path, titles: list[str]) -> dict[str, float]:
    """The size each event title's first word is printed in (the largest, as the same word may
    also be printed in a date, such as "May")."""
    words = [word for sheet in read_sheets(pdf) for word in sheet.words]
    return {title: max((word.size for word in words if word.text == title.split()[0]), default=0.0)
            for title in titles}


def tinted_pages(pdf: Path) -> list[bool]:
    """Whether each page is covered by a cream rectangle (the dyslexia profile's paper)."""
    with pdfplumber.open(pdf) as document:
        return [any(rect["width"] >= page.width - 1 and rect["height"] >= page.height - 1 and rect["fill"]
                    and tuple(rect["non_stroking_color"]) == pytest.approx(CREAM, abs=0.01) for rect in page.rects)
                for page in document.pages]


def fonts_used(pdf: Path) -> set[str]:
    with pikepdf.open(pdf) as document:
        return {str(font.BaseFont).split("+", 1)[-1] for page in document.pages
                for _, font in page.Resources.get("/Font", {}).items()}


def test_the_large_print_poster_is_the_a3_poster_on_a1_with_every_event_at_18_pt(europe: Path) -> None:
    for name in ("timeline.pdf", "timeline-blank.pdf", "timeline-blank-key.pdf"):
        assert page_size_mm(europe / name) == [(420, 297)]
        assert page_size_mm(europe / named("large-print", name)) == [(841, 594)], name
    poster = europe / named("large-print", "timeline.pdf")
    assert poster_faults(poster, EUROPE) == []  # nothing overlaps, is cut or off the sheet; every event is there
    assert min(char["size"] for char in letters(poster)) >= 16 - 0.01  # dates and the footer: small print
    titles = [title for _, title in unit_events(unit_data(EUROPE))]
    assert min(title_sizes(poster, titles).values()) >= 18 - 0.01
    assert min(title_sizes(europe / "timeline.pdf", titles).values()) < 10.5  # the standard poster's 9-10 pt
    key = europe / named("large-print", "timeline-blank-key.pdf")
    assert missing_event_faults(read_sheets(key), unit_events(unit_data(EUROPE))) == []


def test_the_large_print_tiled_poster_prints_the_a1_poster_on_more_a4_sheets(europe: Path) -> None:
    standard, large = page_size_mm(europe / "timeline-tiled.pdf"), page_size_mm(
        europe / named("large-print", "timeline-tiled.pdf"))
    assert set(large) <= {(210, 297), (297, 210)}
    assert len(large) >= 2 * len(standard) - 1  # four times the paper, less the sheets left blank


def test_a_large_print_poster_whose_16_pt_dates_would_leave_events_out_on_a1_goes_on_a0() -> None:
    text = SHIPPED_UNIT.read_text(encoding="utf-8")  # 99 events: they fit on A1 only with 14.4 pt dates
    unit = validate_unit(load_text(text, BESIDE_SHIPPED))
    theme = profiled(load_theme(), "large-print")
    context = Context(Settings(paper="a4"), PAPER["a4"], theme, Wording(None, unit.unit.language), profile="large-print")
    drawn = render(plan(unit, Target("timeline", "timeline.pdf", None, {"variant": "poster"}), context), context)
    assert drawn.warnings == ()
    with pdfplumber.open(io.BytesIO(drawn.pdf)) as document:
        page = document.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (1189, 841)
        assert min(char["size"] for char in page.chars if char["text"].isalnum()) >= 16


def test_the_dyslexia_poster_is_on_cream_in_atkinson_hyperlegible_without_italics(europe: Path) -> None:
    for name in FILES:
        pdf = europe / named("dyslexia", name)
        assert all(tinted_pages(pdf)), name  # the poster, and every printer sheet and the assembly page
        assert not any(tinted_pages(europe / name)), name
        used = fonts_used(pdf)
        assert "AtkinsonHyperlegibleNext-Regular" in used and not any("Italic" in font for font in used), (name, used)
    with pdfplumber.open(europe / named("dyslexia", "timeline.pdf")) as document:
        page = document.pages[0]
        scales = list(page.search("1 cm = ", return_chars=True))
        assert len(scales) == 2  # the two stretches' scales under the axis, set in bold
        assert {char["fontname"].split("+")[-1] for found in scales for char in found["chars"]} == {
            "AtkinsonHyperlegibleNext-Bold"}
    with pdfplumber.open(europe / "timeline.pdf") as document:  # the standard poster keeps its italics
        assert {char["fontname"].split("+")[-1] for found in document.pages[0].search("1 cm = ", return_chars=True)
                for char in found["chars"]} == {"DejaVuSerif-Italic"}
    assert poster_faults(europe / named("dyslexia", "timeline.pdf"), EUROPE) == []


def test_the_high_contrast_poster_prints_words_black_and_rules_its_periods_and_boxes(europe: Path) -> None:
    poster = europe / named("high-contrast", "timeline.pdf")
    assert {tuple(char["non_stroking_color"]) for char in letters(poster)} <= {(0,), (0, 0, 0)}
    assert poster_faults(poster, EUROPE) == []
    periods = [(p["start"], p["end"]) for p in unit_data(EUROPE)["periods"]]
    with pdfplumber.open(poster) as document:
        page = document.pages[0]
        outlined = [rect for rect in page.rects if rect["stroke"] and not rect["fill"] and rect["height"] > page.height / 2
                    and tuple(rect["stroking_color"]) in {(0,), (0, 0, 0)} and rect["linewidth"] >= 1]
        boxes = [rect for rect in page.rects if rect["stroke"] and rect["fill"] and rect["height"] < 80]
    assert len(outlined) == len(periods)  # each band ruled at its start and end, not told by its tint alone
    assert boxes and min(rect["linewidth"] for rect in boxes) >= 1  # every label's box
    with pdfplumber.open(europe / "timeline.pdf") as document:  # the standard poster: tints alone
        assert not [rect for rect in document.pages[0].rects if rect["stroke"] and not rect["fill"]
                    and rect["height"] > document.pages[0].height / 2]


def _blanked(pdf: Path) -> set[str]:
    """The dates of the events whose titles a blank poster leaves for students to write in, read
    from its structure: each such event's item holds the write-in box's figure."""
    items = [e for e in tagged.read(pdf).elements() if e.role == "LI"]
    return {item.children[0].text for item in items
            if any(e.alt == "Box to write the missing event in" for e in item.walk())}


def test_every_profile_s_blank_poster_asks_the_class_s_questions(europe: Path) -> None:
    """The layout keeps the blanks that fit, and a larger sheet or a wider font fits others; a
    student with the large-print copy must still do the exercise the class does."""
    standard = _blanked(europe / "timeline-blank.pdf")
    assert len(standard) >= 3
    for profile in ("large-print", "dyslexia", "high-contrast"):
        assert _blanked(europe / named(profile, "timeline-blank.pdf")) == standard, profile
