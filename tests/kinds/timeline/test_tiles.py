"""The poster on printer sheets."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from compiler.build import Request, build
from compiler.kinds.timeline.tiles import tiling
from compiler.outputs import Settings
from tests.kinds.timeline.posters import (
    ROMAN,
    laid_out,
)


def test_tiles_cover_the_poster_and_every_character_appears_on_a_sheet(tmp_path: Path, unit_file) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",), paper="letter")))
    poster = laid_out(ROMAN)
    tiles = tiling(poster, "letter")
    width, height = poster.size
    windows = [tiles.window(r, c, height) for r in range(tiles.rows) for c in range(tiles.columns)]
    assert min(w[0] for w in windows) <= 0 and max(w[2] for w in windows) >= width
    assert min(w[1] for w in windows) <= 0 and max(w[3] for w in windows) >= height

    def chars(page: pdfplumber.page.Page, shift: tuple[float, float] = (0, 0)) -> set[tuple[str, int, int]]:
        return {(c["text"], round(c["x0"] + shift[0]), round(c["top"] + shift[1])) for c in page.chars
                if c["text"].strip()}

    with pdfplumber.open(tmp_path / "rome" / "timeline.pdf") as document:
        wanted = chars(document.pages[0])
    found: set[tuple[str, int, int]] = set()
    with pdfplumber.open(tmp_path / "rome" / "timeline-tiled.pdf") as document:
        assert len(document.pages) == 1 + tiles.rows * tiles.columns
        for k, page in enumerate(document.pages[1:]):
            row, column = divmod(k, tiles.columns)
            left, _, _, top = tiles.window(row, column, height)
            margin = tiles.margin
            area = page.within_bbox((margin, margin, margin + tiles.area[0], margin + tiles.area[1]))
            found |= chars(area, (left - margin, (height - top) - margin))
            text = page.extract_text()
            assert f"row {row + 1}, column {column + 1} of {tiles.rows} × {tiles.columns}" in text
            assert (round(page.width), round(page.height)) in ((612, 792), (792, 612))
    assert wanted <= found, sorted(wanted - found)[:10]
