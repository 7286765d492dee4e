"""What the poster draws: key events, markers and the legend."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.kinds.timeline.posters import (
    ROMAN,
    laid_out,
    timeline_plan,
)


def test_key_events_are_bold_and_themes_have_a_legend_with_markers(unit_file, tmp_path: Path) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",))))
    with pdfplumber.open(tmp_path / "rome" / "timeline.pdf") as document:
        page = document.pages[0]
        words = page.extract_words(extra_attrs=["fontname"])
    bold = {w["text"] for w in words if "Bold" in w["fontname"]}
    assert {"Caesar", "assassinated", "Augustus"} <= bold
    assert "Gauls" not in bold
    assert [(m, label) for m, _, label in timeline_plan(ROMAN).legend] == [("●", "Wars"), ("■", "Politics")]
    poster = laid_out(ROMAN)
    assert {label.marker for label in poster.labels} == {"●", "■"}  # a shape per theme, not only a colour
    assert {"●", "■"} <= {w["text"][0] for w in words}
