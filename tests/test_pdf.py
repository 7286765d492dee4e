"""Shared document setup: page X of Y, metadata, no unembedded fonts, reproducible bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from compiler.pdf import Furniture, Metadata, Unsplit, render_story, styles, table
from compiler.theme import PAPER, load_theme


def story_pdf() -> tuple[bytes, int]:
    theme = load_theme()
    style = styles(theme)
    story = [Paragraph("one", style["body"]), PageBreak(), table([["cell"]], [100], [], style["body"].fontName)]
    furniture = Furniture("Left", "Right", "Footer", "Page {page} of {pages}")
    return render_story(story, theme, PAPER["a4"], furniture, Metadata("T", "A", "S"))


def test_space_at_the_end_of_a_story_never_prints_a_page_of_its_own() -> None:
    """A last section's spacing that does not fit the last page is dropped, not printed as a
    blank page with only its header and footer."""
    theme = load_theme()
    style = styles(theme)
    _, height = PAPER["a4"]
    story = [Paragraph("one", style["body"]), Spacer(1, height / 2), Spacer(1, height / 2)]
    _, pages = render_story(story, theme, PAPER["a4"], Furniture("L", "R", "F", "Page {page} of {pages}"),
                            Metadata("T", "A", "S"))
    assert pages == 1


def test_page_x_of_y_and_header_from_page_two() -> None:
    pdf, pages = story_pdf()
    reader = PdfReader(io.BytesIO(pdf))
    assert pages == len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    assert "Page 1 of 2" in first and "Left" not in first
    assert "Page 2 of 2" in second and "Left" in second and "Right" in second
    assert reader.metadata.title == "T" and reader.metadata.author == "A"


def test_same_story_same_bytes_and_no_standard_fonts() -> None:
    pdf, _ = story_pdf()
    assert pdf == story_pdf()[0]
    assert b"Helvetica" not in pdf


def test_every_shipped_pdf_passes_a_strict_check_and_has_no_active_content(shipped: Callable[[str], Path]) -> None:
    import pikepdf

    pdfs = sorted(shipped("a4").glob("*.pdf"))
    assert len(pdfs) == 21
    for path in pdfs:
        with pikepdf.open(path) as document:
            assert document.check_pdf_syntax() == [], path.name
        raw = path.read_bytes()
        for forbidden in (b"/JavaScript", b"/JS ", b"/Launch", b"/EmbeddedFile", b"/GoToR", b"/URI"):
            assert forbidden not in raw, (path.name, forbidden)
        reader = PdfReader(path)
        assert all(page.extract_text().strip() for page in reader.pages), path.name
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                assert "+" in str(font["/BaseFont"]), (path.name, font["/BaseFont"])  # an embedded subset


def test_an_unsplit_flowable_is_measured_once_per_width() -> None:
    class Counted(Flowable):
        def __init__(self) -> None:
            super().__init__()
            self.measured = 0

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.measured += 1
            return available_width, 40

    inner = Counted()
    row = Unsplit(inner)
    assert row.wrap(300, 800) == (300, 40) and row.wrap(300, 200) == (300, 40)
    assert inner.measured == 1
    assert row.wrap(250, 200) == (250, 40) and inner.measured == 2
    assert row.split(250, 20) == []  # it moves to the next page whole
