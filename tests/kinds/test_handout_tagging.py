"""handout.pdf as a screen reader meets it: the structure tree read back from the file (the
title, the strands, each section's prose, points, pictures, sources, box, key dates and key
terms, then the chronology, key people and glossary), in the order a teacher reads the page."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.theme import load_theme
from tests import tagged
from tests.conftest import SMALL_UNIT
from tests.kinds.test_handout import page_with

# The small unit with a picture in its section and a source (an extract) printed in it.
UNIT = SMALL_UNIT.replace("    box: {title: Think", """\
    picture: {file: pictures/crowd.png, alt: A crowd in a square, credit: Drawn in class}
    sources: [reed]
    box: {title: Think""") + """\
sources:
  - id: reed
    author: John Reed
    date: "1919"
    text: The crowd poured into the square.
"""


def handout(unit: Path, out: Path, paper: str = "a4") -> Path:
    report = build(Request(paths=(unit,), out=out, settings=Settings(paper=paper, only=("handout",))))
    assert report.ok, report.all_problems()
    (pdf,) = out.glob("*/handout.pdf")
    return pdf


@pytest.fixture
def unit(unit_file: Callable[..., Path], tmp_path: Path) -> Callable[..., Path]:
    """``unit(text)``: the unit written with its picture beside it."""
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (1200, 800), "steelblue").save(tmp_path / "pictures" / "crowd.png")
    return lambda text=UNIT: unit_file(text)


def nested(headings: list[tuple[int, str]]) -> bool:
    """Whether the headings open with an H1 and none skips a level below the one before it."""
    levels = [level for level, _ in headings]
    return levels[:1] == [1] and all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


def scopes(pdf: Path) -> list[str]:
    """Every header cell's scope (/Row or /Column), in the structure's order."""
    found: list[str] = []

    def walk(element: pikepdf.Object) -> None:
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S == "/TH":
                    found.append(str(kid.A.Scope))
                walk(kid)

    with pikepdf.open(pdf) as document:
        walk(document.Root.StructTreeRoot)
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_headings_nest_and_every_word_is_content_or_furniture(unit: Callable[..., Path], tmp_path: Path,
                                                               paper: str) -> None:
    read = tagged.read(handout(unit(), tmp_path, paper))
    assert read.roles()[:3] == ["StructTreeRoot", "Document", "H1"]
    assert read.headings() == [(1, "A small unit"), (2, "1. The revolution"), (3, "Source A"), (3, "Think"),
                               (2, "Chronology"), (2, "Key people"), (2, "Glossary")]
    assert nested(read.headings())
    assert read.untagged == ""
    assert read.outline[:3] == [(0, "A small unit"), (1, "1. The revolution"), (2, "Source A")]
    assert (read.lang, read.title, read.display_title, read.marked) == ("en", "Handout — A small unit", True, True)


def test_a_teacher_reads_the_handout_in_order_and_the_furniture_is_not_read(unit: Callable[..., Path],
                                                                            tmp_path: Path) -> None:
    read = tagged.read(handout(unit(), tmp_path))
    reading = read.reading()
    assert tagged.in_order(reading, "A small unit", "Written for the tests", "History · Year 9", "Themes in this unit",
                    "Politics", "Society", "1. The revolution", "Politics", "The Bolsheviks took power",
                    "First point", "Second point:", "Third point", "sub one", "sub two", "Drawn in class",
                    "Source A", "John Reed, 1919", "The crowd poured into the square.", "Think", "Why then?",
                    "Key dates", "7 Nov 1917", "October Revolution", "16 Apr 1922", "Treaty of Rapallo",
                    "Key terms: Comintern → Glossary", "Chronology", "Date", "Event", "7 Nov 1917",
                    "October Revolution", "Vladimir Lenin", "16 Apr 1922", "Treaty of Rapallo", "Key people",
                    "Vladimir Lenin", "Leader of Soviet Russia", "Glossary", "Comintern",
                    "The Communist International."), reading
    for furniture in ("Page 1 of 2", "Page 2 of 2", "Handout", "CC BY 4.0", "•", "◦"):
        assert furniture in read.artifact and furniture not in reading, furniture


def test_points_are_a_list_with_sub_points_nested_and_the_strands_a_list(unit: Callable[..., Path],
                                                                          tmp_path: Path) -> None:
    read = tagged.read(handout(unit(), tmp_path))
    legend, points, people, glossary = [e for e in read.elements() if e.role == "L" and e.depth <= 3]
    assert [item.all_text() for item in legend.children] == ["Politics", "Society"]  # markers not read
    assert [(item.role, [body.role for body in item.children]) for item in points.children] == [
        ("LI", ["LBody"])] * 3
    third = points.children[2].children[0]
    assert third.text == "Third point"
    (sub_points,) = third.children
    assert sub_points.role == "L" and [item.all_text() for item in sub_points.children] == ["sub one", "sub two"]
    (person,) = people.children
    label, body = person.children
    assert (label.role, label.text, body.role, body.text) == ("Lbl", "Vladimir Lenin", "LBody",
                                                               "Leader of Soviet Russia")
    assert [(e.role, e.alt) for e in body.children] == [("Figure", "Themes: Politics")]  # the marker, named
    (term,) = glossary.children
    assert [(e.role, e.text) for e in term.children] == [("Lbl", "Comintern"), ("LBody", "The Communist International.")]


@pytest.mark.parametrize("themes", ["[politics]", "[politics, society]"])
def test_a_persons_markers_are_read_as_their_strands_on_the_line_under_the_name(unit: Callable[..., Path],
                                                                                 tmp_path: Path, themes: str) -> None:
    """The markers, tagged apart from the name, print where a line break after it would put them:
    one body line under the name's baseline, at its left."""
    text = UNIT.replace("Soviet Russia, themes: [politics]", f"Soviet Russia, themes: {themes}")
    pdf = handout(unit(text), tmp_path)
    (figure,) = [e for e in tagged.read(pdf).elements() if e.role == "Figure" and e.alt and "Themes" in e.alt]
    assert figure.alt == {"[politics]": "Themes: Politics", "[politics, society]": "Themes: Politics; Society"}[themes]
    theme = load_theme()
    with pdfplumber.open(pdf) as document:
        page = page_with(document, "Key people")
        (line,) = [t for t in page.extract_text_lines() if t["text"].startswith("Vladimir Lenin")
                   and "Bold" in t["chars"][0]["fontname"]]
        name = line["chars"][0]
        marker = next(c for c in page.chars if c["text"] == "●" and c["top"] > name["top"])
    assert marker["matrix"][5] == pytest.approx(name["matrix"][5] - theme.sizes.body * theme.leading, abs=0.01)
    assert marker["x0"] == pytest.approx(name["x0"], abs=0.01)


def test_key_dates_and_the_chronology_are_tables_with_header_cells_in_date_order(unit: Callable[..., Path],
                                                                                 tmp_path: Path) -> None:
    pdf = handout(unit(), tmp_path)
    read = tagged.read(pdf)
    strip, chronology = [e for e in read.elements() if e.role == "Table"]
    assert strip.children[0].role == "Caption" and strip.children[0].text == "Key dates"
    assert [[(cell.role, cell.text) for cell in row.children] for row in strip.children[1:]] == [
        [("TH", "7 Nov 1917"), ("TD", "October Revolution")], [("TH", "16 Apr 1922"), ("TD", "Treaty of Rapallo")]]
    assert [[(cell.role, cell.text) for cell in row.children] for row in chronology.children] == [
        [("TH", "Date"), ("TH", "Event")], [("TH", "7 Nov 1917"), ("TD", "October Revolution Vladimir Lenin")],
        [("TH", "16 Apr 1922"), ("TD", "Treaty of Rapallo")]]
    assert scopes(pdf) == ["/Row", "/Row", "/Column", "/Column", "/Row", "/Row"]


def test_pictures_are_figures_read_as_their_alt_text_before_their_credit(unit: Callable[..., Path],
                                                                         tmp_path: Path) -> None:
    read = tagged.read(handout(unit(), tmp_path))
    (section,) = [e for e in read.elements() if e.role == "Sect" and e.children[0].text == "1. The revolution"]
    roles = [(e.role, e.alt, e.all_text()[:20]) for e in section.children]
    at = roles.index(("Figure", "A crowd in a square", ""))
    assert roles[at + 1] == ("P", None, "Picture: Drawn in cl")
    source, box = [e for e in section.children if e.role == "Sect"]
    assert [e.role for e in source.children] == ["H3", "P", "BlockQuote"]
    assert [(e.role, e.text) for e in box.children] == [("H3", "Think"), ("P", "Why then?")]


def test_a_long_chronology_repeats_its_header_row_as_furniture(unit: Callable[..., Path], tmp_path: Path) -> None:
    events = "".join(f"  - {{id: e{n}, date: {1800 + n}-01-01, title: Happening number {n}, detail: "
                     f"'{'Words of detail. ' * 12}'}}\n" for n in range(60))
    read = tagged.read(handout(unit(UNIT.replace("events:\n", "events:\n" + events)), tmp_path))
    (chronology,) = [e for e in read.elements() if e.role == "Table" and e.children[0].role == "TR"]
    assert len(chronology.children) == 1 + 62
    assert [cell.text for cell in chronology.children[0].children] == ["Date", "Event"]
    assert "Date Event" in read.artifact  # again at the top of the chronology's next page
    dates = [row.children[0].text for row in chronology.children[1:]]
    assert dates[:2] == ["1 Jan 1800", "1 Jan 1801"] and dates[-2:] == ["7 Nov 1917", "16 Apr 1922"]
    assert read.reading().count("Happening number 59 ") == 1 and read.untagged == ""


@pytest.mark.parametrize(("language", "themes"), [("de", "Themen: Politics"), ("ru", "Темы: Politics")])
def test_a_handout_in_another_language_says_so_and_names_its_markers_in_it(unit: Callable[..., Path],
                                                                         tmp_path: Path, language: str,
                                                                         themes: str) -> None:
    text = UNIT.replace("  id: small\n", f"  id: small\n  language: {language}\n")
    read = tagged.read(handout(unit(text), tmp_path))
    assert read.lang == language and read.title.endswith(" — A small unit")
    assert themes in [e.alt for e in read.elements() if e.role == "Figure"]


def test_a_tagged_handout_repeats_its_bytes(unit: Callable[..., Path], tmp_path: Path) -> None:
    path = unit()
    first = handout(path, tmp_path / "a").read_bytes()
    assert handout(path, tmp_path / "b").read_bytes() == first


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_shipped_handout_reads_in_order(shipped: Callable[[str], Path], paper: str) -> None:
    read = tagged.read(shipped(paper) / "handout.pdf")
    assert read.untagged == ""
    headings = read.headings()
    assert headings[0] == (1, "Soviet Foreign Policy, 1917–1941") and nested(headings)
    sections = [words for level, words in headings if level == 2]
    assert sections[0].startswith("1. ") and sections[-3:] == ["Chronology", "Key people", "Glossary"]
    assert [int(words.split(".")[0]) for words in sections[:-3]] == list(range(1, len(sections) - 2))
    figures = [e for e in read.elements() if e.role == "Figure"]
    assert figures and all(e.alt for e in figures)
