"""``type: extended`` on the sheet and in the key."""

from __future__ import annotations

import textwrap
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.questions.drawing import LINE_SPACING
from compiler.theme import PAPER, load_theme
from tests.questions import UNIT, sheet_and_key


def test_pages_of_lines_continue_over_the_page_and_the_key_gives_the_mark_scheme(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: extended
          prompt: How consistent was Stalin's foreign policy?
          space: 2 pages
          mark_scheme: ["Level 2 (11–20): a sustained judgement"]
        """)
    pages = sheet.split(" | ")
    prompt = next(n for n, page in enumerate(pages) if "Stalin’s foreign policy?" in page)
    total = next(n for n, page in enumerate(pages) if "Total:" in page)
    assert total - prompt == 1  # 2 pages fitted: the rest of the prompt's page and one more, to its foot
    assert "a sustained judgement" not in sheet
    assert "Mark scheme Level Marks Descriptor 2 11–20 a sustained judgement" in key


def test_a_mark_scheme_of_levels_prints_as_a_table_of_level_marks_and_descriptor(tmp_path: Path) -> None:
    sheet_and_key(tmp_path, """\
        - type: extended
          prompt: How consistent was Stalin's foreign policy?
          space: 10 lines
          marks: 20
          mark_scheme:
            - "Level 3 (15-20 marks): a sustained, well-supported judgement on the relative weight of ideology and
              security across the whole period, showing how the balance shifted from 1917 to 1941"
            - Level 2 (8–14) a clear argument with accurate examples
            - "Level 1: 1–7 marks: a few relevant points"
            - Credit any other valid judgement.
        """)
    with pdfplumber.open(tmp_path / "out" / "one" / "worksheet-w-key.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        heads = {w["text"]: w for w in words if w["text"] in ("Level", "Marks", "Descriptor")}
        assert heads["Level"]["x0"] < heads["Marks"]["x0"] < heads["Descriptor"]["x0"]
        assert heads["Level"]["top"] == heads["Marks"]["top"] == heads["Descriptor"]["top"]  # one header row
        rows = [("3", "15–20", "a sustained"), ("2", "8–14", "a clear"), ("1", "1–7", "a few")]
        tops = []
        for level, marks, descriptor in rows:
            top = page.search(descriptor)[0]["top"]
            for text, head in ((level, "Level"), (marks, "Marks"), (descriptor.split()[0], "Descriptor")):
                assert any(w["text"] == text and abs(w["top"] - top) < 1 and abs(w["x0"] - heads[head]["x0"]) < 1
                           for w in words), (text, head)  # in its column, on its row's first line
            tops.append(top)
        starts = {round(w["top"]) for w in words if abs(w["x0"] - heads["Descriptor"]["x0"]) < 1}
        assert len([t for t in starts if tops[0] < t < tops[1]]) >= 1  # the long descriptor wraps in its column
        other = page.search("Credit any other valid judgement.")[0]
        assert abs(other["x0"] - heads["Level"]["x0"]) < 1  # text that is not a level: a paragraph below


def _ruled_lines(pdf: Path) -> int:
    """The writing lines on a sheet: long thin horizontal rules."""
    with pdfplumber.open(pdf) as document:
        return sum(1 for page in document.pages for line in page.lines
                   if abs(line["top"] - line["bottom"]) < 0.5 and line["x1"] - line["x0"] > 300)


def test_without_a_space_an_essay_gets_room_by_its_marks(tmp_path: Path) -> None:
    """Two lines a mark: a 5-mark answer gets 10 lines under its question (as many rules as
    ``space: 10 lines``); a 20-mark essay gets whole pages, as a teacher gives a long essay."""
    counts = {}
    for name, question in (("given", "{type: extended, prompt: Explain one cause., marks: 5, space: 10 lines}"),
                           ("by-marks", "{type: extended, prompt: Explain one cause., marks: 5}"),
                           ("fewer", "{type: extended, prompt: Explain one cause., marks: 5, space: 4 lines}")):
        (tmp_path / name).mkdir()
        sheet_and_key(tmp_path / name, f"- {question}\n")
        counts[name] = _ruled_lines(tmp_path / name / "out" / "one" / "worksheet-w.pdf")
    assert counts["by-marks"] == counts["given"] == counts["fewer"] + 6
    (tmp_path / "long").mkdir()
    sheet, _ = sheet_and_key(tmp_path / "long", "- {type: extended, prompt: How far do you agree?, marks: 20}\n")
    assert len(sheet.split(" | ")) >= 2 and _ruled_lines(tmp_path / "long" / "out" / "one" / "worksheet-w.pdf") > 40


def _space_on_paper(folder: Path, paper: str, questions: str) -> list[list[float]]:
    """The tops of each page's answer lines (rules indented under a question) of a worksheet
    of ``questions`` (YAML list items) printed on ``paper``."""
    unit = folder / "unit.yaml"
    unit.write_text(UNIT + textwrap.indent(textwrap.dedent(questions), " " * 6), encoding="utf-8")
    report = build(Request(paths=(unit,), out=folder / "out", settings=Settings(only=("worksheet",), paper=paper)))
    assert report.ok, report.all_problems()
    margins = load_theme().margins
    with pdfplumber.open(folder / "out" / "one" / "worksheet-w.pdf") as pdf:
        pages = []
        for page in pdf.pages:
            footer = min(w["top"] for w in page.extract_words() if w["text"] == "Page")
            rules = sorted(line["top"] for line in page.lines if abs(line["top"] - line["bottom"]) < 0.5
                           and line["x1"] - line["x0"] > 300 and line["x0"] > margins.left + 5)
            assert all(top <= page.height - margins.bottom + 0.1 < footer for top in rules)  # none in the footer
            pages.append(rules)
    return pages


def _writable(paper: str) -> float:
    """The height of a page inside its margins: where the sheet's content goes."""
    margins = load_theme().margins
    return PAPER[paper][1] - margins.top - margins.bottom


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("space", ["half a page", "half page", "0.5 page"])
def test_half_a_page_fills_half_the_writable_height(tmp_path: Path, paper: str, space: str) -> None:
    pages = _space_on_paper(tmp_path, paper, f"- {{type: extended, prompt: Explain one cause., space: {space}}}\n")
    (lines,) = pages
    half = _writable(paper) / 2
    assert len(lines) == int(half // LINE_SPACING)  # as many lines as fit half the page, on A4 16, on Letter 15
    assert 0.9 * half < len(lines) * LINE_SPACING <= half  # each line with its writing room above it
    assert all(abs(b - a - LINE_SPACING) < 0.1 for a, b in pairwise(lines))


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("before", [0, 4, 17])
def test_a_page_and_a_half_fills_its_share_and_leaves_no_page_of_stray_lines(tmp_path: Path, paper: str,
                                                                            before: int) -> None:
    """After ``before`` one-line questions: the essay starts under its question, goes on over the
    page, and its last page holds at least 15 % of a page of lines (else it ends a few lines short)."""
    shorts = "".join(f"- {{type: short, prompt: Question {k}., answer: A., lines: 1}}\n" for k in range(before))
    pages = _space_on_paper(tmp_path, paper, shorts + "- {type: extended, prompt: How far do you agree?, "
                                                      "space: 1.5 pages}\n")
    share = int(1.5 * _writable(paper) // LINE_SPACING)  # on A4 49 lines, on Letter 46
    essay = sum(len(lines) for lines in pages) - before
    assert essay == share if before == 0 else share - 7 <= essay <= share
    assert len(pages) >= 2 and len(pages[-1]) >= 0.15 * _writable(paper) / LINE_SPACING


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("count", [7, 45])
def test_a_space_in_lines_prints_exactly_that_many(tmp_path: Path, paper: str, count: int) -> None:
    pages = _space_on_paper(tmp_path, paper, f"- {{type: extended, prompt: Explain one cause., space: {count} lines}}\n")
    assert sum(len(lines) for lines in pages) == count
