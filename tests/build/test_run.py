"""The full build end to end: the manifest, user templates and themes, text printed as written."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.build import run


def test_the_manifest_lists_every_file(unit_file, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([unit_file()], out)
    (entry,) = json.loads((out / "manifest.json").read_text())["files"]
    pdf = (out / "small" / "handout.pdf").read_bytes()
    assert entry["path"] == "small/handout.pdf" and entry["unit"] == "small" and entry["kind"] == "handout"
    assert entry["bytes"] == len(pdf) and entry["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert entry["pages"] == len(PdfReader(out / "small" / "handout.pdf").pages)


def test_a_broken_user_template_is_a_problem_naming_its_file(unit_file, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text("{% macro header_right() %}{{ oops }}{% endmacro %}", encoding="utf-8")
    report = run([unit_file()], tmp_path / "out", templates=templates)
    (problem,) = report.all_problems()
    assert problem.file == str(templates / "handout.j2") and "'oops' is undefined" in problem.message
    assert not (tmp_path / "out" / "small").exists()


def test_an_unknown_theme_is_reported_without_a_position(unit_file, tmp_path: Path) -> None:
    (problem,) = run([unit_file()], tmp_path / "out", theme="nope").all_problems()
    assert str(problem).startswith("--theme nope: no theme 'nope'")


# --- text arrives as written: sub- and superscripts, soft hyphens, no-break spaces ------------

SHY, NBSP, NNBSP = "\u00ad", "\u00a0", "\u202f"


SCRIPTED_UNIT = f"""\
format: 1
unit: {{id: scripted, title: "Powers 10^6^ and H~2~O", licence: "CC BY 4.0 for 10^6^ pu{SHY}pils",
        author: "Agent 10^6^", subtitle: "Foot{SHY}note"}}
themes:
  - {{id: politics, label: "Water H~2~O"}}
periods:
  - {{label: "The age of H~2~O", start: 1900, end: 1930}}
events:
  - {{id: a, date: 1917, title: "Rev 10^6^ and sup{SHY}er{SHY}cal{SHY}i{SHY}fra{SHY}gi{SHY}lis{SHY}tic{SHY}ex{SHY}pi{SHY}ali", themes: [politics]}}
  - {{id: b, date: 1922, title: "Counted 10{NBSP}000{NBSP}000 and 20{NNBSP}000{NNBSP}000 in the town"}}
  - {{id: c, date: 1925, title: "Soft{SHY}ly"}}
sections:
  - heading: "Heading 10^6^"
card_sorts:
  - id: s
    title: "Sort 10^6^"
    mode: ranking
    cards: [{{text: a}}, {{text: b}}, {{text: c}}, {{text: d}}, {{text: e}}, {{text: f}}, {{text: g}}, {{text: h}}, {{text: i}}]
worksheets:
  - id: quiz
    title: "Quiz 10^6^"
    questions:
      - {{type: short, prompt: "What is 10^6^?", answer: "a million"}}
"""


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scripted")
    unit = folder / "scripted.yaml"
    unit.write_text(SCRIPTED_UNIT, encoding="utf-8")
    report = build(Request(paths=(unit,), out=folder / "out", settings=Settings()))
    assert report.ok, report.all_problems()
    return folder / "out"


def _text_of(pdf: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("name", ["timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf", "handout.pdf",
                                  "pack.pdf", "worksheet-quiz.pdf", "cardsort-s.pdf"])
def test_pdf_titles_write_sub_and_superscripts_as_such(scripted: Path, name: str) -> None:
    """The title a PDF reader shows: never "106" for 10^6^."""
    title = str(PdfReader(scripted / "scripted" / name).metadata.title)
    assert "10⁶" in title or "H₂O" in title, title
    assert "106" not in title and "H2O" not in title


@pytest.mark.parametrize("name", ["timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf"])
def test_the_poster_draws_superscripts_never_run_into_the_digits(scripted: Path, name: str) -> None:
    """Title, footer, labels, legend and period bands of the poster are drawn one string at a time."""
    text = _text_of(scripted / "scripted" / name)
    assert "Powers 10⁶ and H₂O" in text and "10⁶ pupils" in text and "Water H₂O" in text
    assert "The age of H₂O" in text
    assert "106" not in text and "H2O" not in text


def test_the_poster_hides_soft_hyphens_except_where_a_label_breaks_and_keeps_no_break_spaces(scripted: Path) -> None:
    with pdfplumber.open(scripted / "scripted" / "timeline.pdf") as pdf:
        words = pdf.pages[0].extract_words(keep_blank_chars=True)
        lines = [w["text"] for w in words]
    assert "Softly" in " ".join(lines) and "Soft-ly" not in " ".join(lines)
    hyphenated = [line for line in lines if line.endswith("-")]
    assert hyphenated, lines  # the long word breaks at a soft hyphen ...
    broken = next(w for w in words if w["text"].endswith("-"))  # ... and only there (read down its label)
    label = sorted((w for w in words if abs(w["x0"] - broken["x0"]) < 1), key=lambda w: w["top"])
    assert "supercalifragilisticexpiali" in "".join(w["text"].removesuffix("-") for w in label)
    assert SHY not in "".join(lines)
    spaced = [line.replace(NBSP, " ").replace(NNBSP, " ") for line in lines]
    assert any("10 000 000" in line for line in spaced) and any("20 000 000" in line for line in spaced), lines


@pytest.mark.parametrize("name", ["handout.pdf", "worksheet-quiz.pdf", "cardsort-s.pdf"])
def test_footers_draw_superscripts_smaller_and_raised(scripted: Path, name: str) -> None:
    with pdfplumber.open(scripted / "scripted" / name) as pdf:
        page = pdf.pages[0]
        footer = [c for c in page.chars if c["top"] > page.height - 60]
    text = "".join(c["text"] for c in footer)
    at = text.index("Powers 10") + len("Powers 10")
    zero, six = footer[at - 1], footer[at]
    assert six["text"] == "6" and six["size"] < zero["size"] and six["bottom"] < zero["bottom"]
    assert SHY not in text and "-" not in text


def test_the_index_page_shows_the_title_with_sub_and_sup(scripted: Path) -> None:
    index = (scripted / "index.html").read_text(encoding="utf-8")
    assert "Powers 10<sup>6</sup> and H<sub>2</sub>O" in index


def test_pack_bookmarks_write_superscripts_as_such(scripted: Path) -> None:
    def titles(outline: list) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    found = titles(PdfReader(scripted / "scripted" / "pack.pdf").outline)
    assert any("Quiz 10⁶" in title for title in found), found
    assert not any("106" in title for title in found), found


def test_cards_name_their_sort_with_superscripts(scripted: Path) -> None:
    """Each card's corner names its sort, drawn as one string: "A · Sort 10⁶", never "Sort 106"."""
    text = _text_of(scripted / "scripted" / "cardsort-s.pdf")
    assert "A · Sort 10⁶" in text and "A · Sort 106" not in text


def test_the_manifest_says_who_each_file_is_for(shipped_build: Callable[[str], Path]) -> None:
    """A department's site (and a print room) tells the class set from the teacher's copies by
    the manifest: every key is for the teacher, every other file for students."""
    entries = json.loads((shipped_build("a4") / "out" / "manifest.json").read_text())["files"]
    audiences = {entry["path"].rsplit("/", 1)[1]: entry["audience"] for entry in entries}
    assert len([name for name in audiences if not name.startswith("flashcards-")]) == 24
    assert {audiences[name] for name in audiences if name.startswith("flashcards-")} == {"student"}
    assert {name for name, audience in audiences.items() if audience == "teacher"} == {
        name for name in audiences if name.endswith("-key.pdf")}
