"""The poster on printer sheets: every character on some sheet, glue strips on the sheets that
go underneath, marks clear of the words, no blank sheet, and an assembly page that fits."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from compiler.build import Request, build
from compiler.kinds.timeline import tiles as tiles_module
from compiler.kinds.timeline.layout import Poster
from compiler.kinds.timeline.tiles import Tiling, tiling
from compiler.outputs import Settings
from tests.kinds.timeline.posters import (
    ROMAN,
    generated_unit,
    grow_with_the_paper,
    laid_out,
    rendered,
)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: pdfplumber's page coordinates


def cut(text: str, poster: str, sheet: str) -> tuple[Poster, Tiling, list[Any]]:
    """The poster, its tiling and the tiled PDF's pages (an open pdfplumber document's)."""
    laid = laid_out(text, poster=poster)
    document = pdfplumber.open(io.BytesIO(rendered(text, "tiled", poster, sheet)))
    return laid, tiling(laid, sheet), document.pages


def furniture(text: str, poster: str, sheet: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The tiled PDF's pages with everything but the poster: captions, strips and marks."""
    with monkeypatch.context() as patch:
        patch.setattr(tiles_module, "draw_poster", lambda *args, **kwargs: None)
        return pdfplumber.open(io.BytesIO(rendered(text, "tiled", poster, sheet))).pages


def visible(tiles: Tiling, row: int, column: int, page_height: float) -> Box:
    x0, y0, x1, y1 = tiles.visible(row, column)
    return x0, page_height - y1, x1, page_height - y0


def meet(a: Box, b: Box, slack: float = 0.0) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def centre_in(obj: dict[str, Any], box: Box) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def test_tiles_cover_the_poster_and_every_character_appears_on_a_sheet(tmp_path: Path, unit_file) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",), paper="letter")))
    poster = laid_out(ROMAN)
    tiles = tiling(poster, "letter")
    width, height = poster.paper
    windows = [tiles.window(r, c, height) for r in range(tiles.rows) for c in range(tiles.columns)]
    assert min(w[0] for w in windows) <= 0 and max(w[2] for w in windows) >= width
    assert min(w[1] for w in windows) <= 0 and max(w[3] for w in windows) >= height

    def chars(page: Any, shift: tuple[float, float] = (0, 0)) -> set[tuple[str, int, int]]:
        return {(c["text"], round(c["x0"] + shift[0]), round(c["top"] + shift[1])) for c in page.chars
                if c["text"].strip()}

    with pdfplumber.open(tmp_path / "rome" / "timeline.pdf") as document:
        wanted = chars(document.pages[0])
    found: set[tuple[str, int, int]] = set()
    with pdfplumber.open(tmp_path / "rome" / "timeline-tiled.pdf") as document:
        assert len(document.pages) == 1 + len(tiles.sheets)
        for (row, column), page in zip(tiles.sheets, document.pages[1:], strict=True):
            left, _, _, top = tiles.window(row, column, height)
            margin = tiles.margin
            shown = visible(tiles, row, column, page.height)
            seen = [c for c in page.chars if centre_in(c, shown)]
            found |= chars(type("Area", (), {"chars": seen})(), (left - margin, (height - top) - margin))
            assert f"row {row + 1}, column {column + 1} of {tiles.rows} × {tiles.columns}" in page.extract_text()
            assert (round(page.width), round(page.height)) in ((612, 792), (792, 612))
    assert wanted <= found, sorted(wanted - found)[:10]


def test_an_a3_poster_takes_four_landscape_a4_sheets() -> None:
    tiles = tiling(laid_out(ROMAN, poster="a3"), "a4")
    assert (tiles.rows, tiles.columns, len(tiles.sheets)) == (2, 2, 4) and tiles.page[0] > tiles.page[1]


@pytest.mark.parametrize(("poster", "sheet"), [("a0", "a4"), ("a2", "letter"), ("tabloid", "letter")])
def test_blank_windows_get_no_sheet_and_no_printed_sheet_is_blank(
        poster: str, sheet: str, monkeypatch: pytest.MonkeyPatch) -> None:
    grow_with_the_paper(monkeypatch)
    laid, tiles, pages = cut(ROMAN, poster, sheet)
    assert len(pages) == 1 + len(tiles.sheets)
    with pdfplumber.open(io.BytesIO(rendered(ROMAN, poster=poster))) as document:
        whole = document.pages[0]
        ink = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in (
            whole.chars + whole.lines + whole.curves + [r for r in whole.rects if r["stroke"]])
            if o.get("text", "x").strip()]
        height = whole.height
    for row in range(tiles.rows):
        for column in range(tiles.columns):
            x0, y0, x1, y1 = tiles.window(row, column, laid.paper[1])
            window = (x0, height - y1, x1, height - y0)
            if not any(meet(window, box) for box in ink):  # (a window whose ink lies all in the strips
                assert (row, column) not in tiles.sheets, (row, column)  # of its neighbours gets none either)
    if poster == "a0":
        assert len(tiles.sheets) < tiles.rows * tiles.columns
        assert "no sheet" in pages[0].extract_text().replace("\n", " ")
    for (row, column), page in zip(tiles.sheets, pages[1:], strict=True):
        shown = visible(tiles, row, column, page.height)
        drawn = page.chars + page.lines + page.curves + [r for r in page.rects if r["stroke"]]
        assert any(meet(shown, (o["x0"], o["top"], o["x1"], o["bottom"])) for o in drawn), (row, column)


@pytest.mark.parametrize(("poster", "sheet"), [("a3", "a4"), ("a0", "letter")])
def test_glue_strips_are_on_the_sheet_underneath_and_say_so(poster: str, sheet: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    grow_with_the_paper(monkeypatch)
    _, tiles, pages = cut(ROMAN, poster, sheet)
    area_w, area_h = tiles.area
    margin, overlap = tiles.margin, tiles.overlap
    bare = furniture(ROMAN, poster, sheet, monkeypatch)
    for (row, column), page, sheet_alone in zip(tiles.sheets, pages[1:], bare[1:], strict=True):
        h = page.height
        strips = {"right": (margin + area_w - overlap, h - margin - area_h, margin + area_w, h - margin),
                  "bottom": (margin, h - margin - overlap, margin + area_w, h - margin),
                  "left": (margin, h - margin - area_h, margin + overlap, h - margin),
                  "top": (margin, h - margin - area_h, margin + area_w, h - margin - area_h + overlap)}
        grey = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects if r["fill"] and not r["stroke"]
                and min(r["width"], r["height"]) == pytest.approx(overlap, abs=0.5)]
        wanted = {"right": (row, column + 1) in tiles.sheets, "bottom": (row + 1, column) in tiles.sheets,
                  "left": False, "top": False}
        for side, box in strips.items():
            has = any(all(abs(a - b) < 0.5 or (k in (2, 0) and side == "bottom") for k, (a, b) in
                          enumerate(zip(rect, box, strict=True))) for rect in grey)
            assert has == wanted[side], (row, column, side)
            if wanted[side]:
                chars = sorted(sheet_alone.crop(box).chars, key=lambda c: (-c["bottom"], c["x0"]))
                assert "glue here · overlap" in "".join(c["text"] for c in chars)


@pytest.mark.parametrize(("poster", "sheet"), [("a3", "a4"), ("a2", "letter"), ("a0", "a4")])
def test_marks_stay_in_the_margins_clear_of_every_word(poster: str, sheet: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    grow_with_the_paper(monkeypatch)
    _, tiles, pages = cut(ROMAN, poster, sheet)
    bare = furniture(ROMAN, poster, sheet, monkeypatch)
    area_w, area_h = tiles.area
    for (row, column), page, sheet_alone in zip(tiles.sheets, pages[1:], bare[1:], strict=True):
        marks = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in sheet_alone.lines + sheet_alone.curves]
        assert marks
        area = (tiles.margin, page.height - tiles.margin - area_h, tiles.margin + area_w, page.height - tiles.margin)
        assert not any(meet(mark, area) for mark in marks), (row, column)  # in the margins
        shown = visible(tiles, row, column, page.height)
        words = [(max(w["x0"], shown[0]), max(w["top"], shown[1]), min(w["x1"], shown[2]), min(w["bottom"], shown[3]))
                 for w in page.extract_words() if meet((w["x0"], w["top"], w["x1"], w["bottom"]), shown)]
        words += [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in sheet_alone.extract_words()]  # captions
        clashes = [(mark, word) for mark in marks for word in words if meet(mark, word, -0.5)]
        assert not clashes, (row, column, clashes[:3])


@pytest.mark.parametrize(("poster", "sheet"), [("a3", "a4"), ("a0", "a4"), ("a2", "letter"), ("tabloid", "letter")])
def test_the_assembly_page_stays_within_its_margins(poster: str, sheet: str, monkeypatch: pytest.MonkeyPatch) -> None:
    grow_with_the_paper(monkeypatch)
    _, tiles, pages = cut(ROMAN, poster, sheet)
    page = pages[0]
    margin = tiles.margin
    for thing in page.chars + page.lines + page.rects + page.curves:
        assert margin - 0.5 <= thing["x0"] and thing["x1"] <= page.width - margin + 0.5, thing.get("text")
        assert margin - 0.5 <= thing["top"] and thing["bottom"] <= page.height - margin + 0.5, thing.get("text")


def test_a_sheet_holds_the_words_of_the_labels_it_shows_only() -> None:
    """Words clipped out of sight would still be copied, searched and read aloud from a sheet,
    and make the file several times larger: a sheet holds only the labels that reach it."""
    text = generated_unit(60, first_year=1900, per_year=1, paper="a1")
    *_, pages = cut(text, "a1", "a4")
    reach = 350.0  # a label reaching into a sheet may stick out of it by its width, never more
    for page in pages[1:]:
        far = [c["text"] for c in page.chars
               if c["x1"] < -reach or c["x0"] > page.width + reach or c["bottom"] < -reach or c["top"] > page.height + reach]
        assert far == [], page.page_number
