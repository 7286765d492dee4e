"""The blank version and its key."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.theme import MM
from tests.kinds.timeline.posters import (
    ROMAN,
    laid_out,
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
