"""The title block."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.conftest import SMALL_UNIT, overlapping_words


def test_a_long_title_stops_short_of_the_posters_legend_and_edge(unit_file, tmp_path: Path) -> None:
    title = ("The Soviet Union and the World, " * 20).strip(" ,")
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {title}"))
    assert build(Request(paths=(unit,), out=tmp_path / "out", jobs=1, settings=Settings(only=("timeline",)))).ok
    folder = tmp_path / "out" / "small"
    assert not overlapping_words(folder / "timeline.pdf") and not overlapping_words(folder / "timeline-tiled.pdf")
    with pdfplumber.open(folder / "timeline.pdf") as document:  # the tiled sheets cut the poster by design
        assert all(w["x1"] <= page.width for page in document.pages for w in page.extract_words())
