"""The time axis: proportional, with BC years worded."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.conftest import overlapping_words
from tests.kinds.timeline.posters import (
    ROMAN,
    geometry_faults,
    laid_out,
)


def test_a_bc_unit_labels_its_axis_in_bc_years(unit_file, tmp_path: Path) -> None:
    poster = laid_out(ROMAN)
    ticks = [text for _, text in poster.ticks]
    assert "500 BC" in ticks and "100 BC" in ticks and not any(t.startswith("-") for t in ticks)
    assert not list(geometry_faults(poster))
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",))))
    pdf = tmp_path / "rome" / "timeline.pdf"
    assert not overlapping_words(pdf)
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    for words in ("15 Mar 44 BC", "Caesar assassinated", "264–241 BC", "Crisis of the Republic", "Wars"):
        assert words in text, words
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)  # A3 landscape


def test_a_span_across_year_zero_is_proportional() -> None:
    text = ROMAN.replace("date: -27-01-16, title: Octavian becomes Augustus", "date: 14, title: Augustus dies")
    poster = laid_out(text)
    ides, dies = (next(label for label in poster.labels if label.lines[0].startswith(start))
                  for start in ("Caesar", "Augustus"))
    assert dies.anchor > ides.anchor
    assert not list(geometry_faults(poster))
