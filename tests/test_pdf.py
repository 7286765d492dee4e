"""Shared document setup: page X of Y, metadata, no unembedded fonts, reproducible bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from compiler import fonts
from compiler import pdf as compiler_pdf
from compiler.pdf import (
    Furniture,
    Metadata,
    Unsplit,
    any_scripts,
    card_style,
    largest_size,
    render_story,
    script_overhang,
    styles,
    table,
    within_width,
)
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
    assert len([pdf for pdf in pdfs if not pdf.name.startswith("flashcards-")]) == 24
    assert len(pdfs) >= 24  # and a flash-card set from its glossary, people and events at least
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


def test_largest_size_is_the_largest_half_point_at_which_every_card_fits() -> None:
    tried: list[float] = []

    def fits(size: float) -> bool:
        tried.append(size)
        return size <= 11.5

    assert largest_size(20, 8, fits) == 11.5
    assert len(tried) <= 5  # a binary search over 25 sizes, not a walk down them
    assert largest_size(20, 8, lambda size: False) is None


def test_card_text_keeps_one_line_height_for_scripts_and_measures_overflowing_words() -> None:
    body = styles(load_theme("default"))["body"]
    plain, scripted = card_style(body, "c", 12, False, 1), card_style(body, "c", 12, True, 1)
    assert plain.leading == 12 * 1.22 and scripted.leading > plain.leading
    assert any_scripts(["H<sub>2</sub>O"]) and not any_scripts(["water"])
    word = Paragraph("Unbreakablewordthatislongerthanthecard", plain)
    word.wrap(40, 1000)
    assert not within_width(word, 40)  # never split, so the size must fall
    assert script_overhang(body.fontName, 12) > 0


def test_a_character_a_profile_s_font_lacks_is_drawn_in_dejavu_sans(tmp_path: Path) -> None:
    """The dyslexia profile's Atkinson Hyperlegible has no arrow or scissors: printpack's own
    "→ Glossary" must still print (ReportLab would draw code 0, nothing), in the fallback face."""
    theme = load_theme("default")
    fonts.register("AtkinsonHyperlegibleNext")
    style = ParagraphStyle("atkinson", fontName="AtkinsonHyperlegibleNext", fontSize=12, leading=18)
    assert ord("→") not in fonts.characters("AtkinsonHyperlegibleNext")
    text = "<b>Key terms:</b> Comintern → Glossary ✂ café"
    path = tmp_path / "fallback.pdf"
    path.write_bytes(render_story([compiler_pdf.Paragraph(text, style)], theme, PAPER["a4"],
                                  Furniture("", "", "", ""), Metadata("t", "a", "s"))[0])
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "→✂é"]
    assert [(c["text"], c["fontname"].split("+")[-1]) for c in chars] == [
        ("→", "DejaVuSans"), ("✂", "DejaVuSans"), ("é", "AtkinsonHyperlegibleNext-Regular")]


def test_a_bullet_a_profile_s_font_lacks_is_drawn_in_dejavu_sans() -> None:
    assert compiler_pdf.font_with("•", "AtkinsonHyperlegibleNext") == "AtkinsonHyperlegibleNext"
    assert compiler_pdf.font_with("◦", "AtkinsonHyperlegibleNext") == compiler_pdf.FALLBACK_FAMILY
    assert compiler_pdf.font_with("◦", "DejaVuSerif") == "DejaVuSerif"
