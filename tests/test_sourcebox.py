"""A source's ruled box: label, provenance, extract; kept whole when short, continued when long."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest
from PIL import Image
from reportlab.platypus import Spacer

from compiler import tagging
from compiler.errors import LayoutError
from compiler.fields import PictureData
from compiler.outputs import Furniture, Metadata
from compiler.pdf import frame_size, render_story, styles
from compiler.sourcebox import WHOLE_SHARE, box_styles, source_box
from compiler.sourcing import SourceBox
from compiler.theme import PAPER, load_theme
from tests import tagged

THEME = load_theme()
FURNITURE = Furniture("", "", "", "Page {page} of {pages}")


def box(paragraphs: tuple[str, ...], picture: PictureData | None = None) -> SourceBox:
    return SourceBox("tithe", ("sources", 0), "source", "A", "Source A", "Source A (continued)",
                     "The clergy of Paris, a list of grievances, 1789", paragraphs, picture, "medium", "a tithe barn",
                     "Drawn for the tests")


def drawn_pdf(source: SourceBox, before: float = 0, parent: tagging.Node | None = None, heading: str = "H3") -> bytes:
    """``source`` drawn on A4 pages the frame wide, under ``before`` points of other matter,
    tagged under ``parent`` (the root of the file's structure) if given."""
    width, height = frame_size(THEME, PAPER["a4"])
    flowable, _ = source_box(source, box_styles(styles(THEME), THEME), THEME, width, height, parent, heading)
    pdf, _ = render_story([Spacer(1, before), flowable], THEME, PAPER["a4"], FURNITURE, Metadata("t", "", ""),
                          parent)
    return pdf


def drawn(source: SourceBox, before: float = 0) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(drawn_pdf(source, before)))


def test_a_short_box_has_a_bold_label_an_italic_provenance_and_a_rule_all_round() -> None:
    with drawn(box(("The tithe takes a tenth of every harvest.",))) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        assert "Source A\nThe clergy of Paris, a list of grievances, 1789\nThe tithe takes" in text
        label = next(c for c in page.chars if c["text"] == "S")
        provenance = next(c for c in page.chars if c["text"] == "T")
        assert "Bold" in label["fontname"] and "Italic" in provenance["fontname"]
        assert provenance["size"] < label["size"]
        rule = [r for r in page.rects if r["stroke"]]
        assert rule and rule[0]["linewidth"] >= 0.75
        # the rule is a dark grey and the label's band a light tint: both read in greyscale
        grey = sum(rule[0]["stroking_color"]) / 3
        tint = next(r for r in page.rects if r["fill"] and not r["stroke"])
        assert grey < 0.5
        assert 0.9 < sum(tint["non_stroking_color"]) / 3 < 0.98


def test_a_short_box_at_the_foot_of_a_page_moves_to_the_next_whole() -> None:
    height = frame_size(THEME, PAPER["a4"])[1]
    with drawn(box(("The tithe takes a tenth of every harvest. " * 8,)), before=height - 60) as pdf:
        assert "Source A" not in pdf.pages[0].extract_text()
        assert "Source A\nThe clergy" in pdf.pages[1].extract_text()
        assert "continued" not in pdf.pages[1].extract_text()


def test_a_long_extract_splits_over_pages_under_a_continued_label() -> None:
    height = frame_size(THEME, PAPER["a4"])[1]
    paragraphs = tuple(f"Grievance {n}: the tithe takes a tenth of every harvest, and the lord's mill a share "
                       f"of every sack of flour ground in the parish." for n in range(1, 31))
    with drawn(box(paragraphs), before=height / 2) as pdf:
        first, second = (page.extract_text() for page in pdf.pages[:2])
        assert "Source A\nThe clergy of Paris" in first and "Grievance 1:" in first
        assert second.startswith("Source A (continued)")
        assert "The clergy of Paris" not in second  # the provenance once, on the first piece
        assert "Grievance 30:" in second
    assert WHOLE_SHARE < 0.5


def grey_picture() -> PictureData:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), "grey").save(buffer, format="PNG")
    return PictureData("png", buffer.getvalue(), "0" * 64, 600, 400)


def test_a_picture_source_draws_its_picture_inside_the_box_with_its_credit() -> None:
    picture = grey_picture()
    with drawn(box((), picture)) as pdf:
        page = pdf.pages[0]
        (image,) = page.images
        frame = next(r for r in page.rects if r["stroke"])
        assert frame["x0"] < image["x0"] < image["x1"] < frame["x1"]
        assert frame["top"] < image["top"] < image["bottom"] < frame["bottom"]
        width = frame_size(THEME, PAPER["a4"])[0]
        assert abs((image["x1"] - image["x0"]) - (width - 16) / 2) < 1  # medium: half the box's inside
        assert "Drawn for the tests" in page.extract_text()


def test_a_provenance_line_taller_than_its_share_of_a_page_is_a_located_layout_error() -> None:
    long = "A pamphlet printed in Paris and sold on the Pont Neuf by the hawkers of the Palais-Royal. " * 40
    source = replace(box(("Words.",)), provenance=long)
    width, height = frame_size(THEME, PAPER["a4"])
    with pytest.raises(LayoutError) as raised:
        source_box(source, box_styles(styles(THEME), THEME), THEME, width, height)
    (problem,) = raised.value.items
    assert problem.path == ("sources", 0) and problem.text is not None and problem.text.startswith("A pamphlet")
    assert problem.fits is not None and 0 < problem.fits < 1


def read_tagged(pdf: bytes) -> tagged.Tagged:
    return tagged.read(io.BytesIO(pdf))  # type: ignore[arg-type]


def test_a_tagged_box_is_a_section_headed_by_its_label_with_its_extract_quoted_once_over_pages() -> None:
    """Read by a screen reader: the label as a heading at the level its file asks, the
    provenance, the extract as one block quotation even where the box runs over a page; the
    label repeated there ("continued") is furniture."""
    height = frame_size(THEME, PAPER["a4"])[1]
    paragraphs = tuple(f"Grievance {n}: the tithe takes a tenth of every harvest." for n in range(1, 41))
    read = read_tagged(drawn_pdf(box(paragraphs), height / 2, tagging.document(), "H2"))
    (section,) = [e for e in read.elements() if e.role == "Sect"]
    assert [(e.role, e.text[:22]) for e in section.children] == [
        ("H2", "Source A"), ("P", "The clergy of Paris, a"), ("BlockQuote", "")]
    quoted = section.children[2]
    assert [e.role for e in quoted.children] == ["P"] * 40
    words = quoted.all_text()
    assert words.startswith("Grievance 1: the tithe") and words.endswith("Grievance 40: the tithe takes a tenth of every harvest.")
    assert read.reading().count("Grievance 21:") == 1
    assert "Source A (continued)" in read.artifact and "continued" not in read.reading()
    assert read.untagged == ""


def test_a_tagged_picture_source_is_a_figure_read_as_its_alt_text_then_its_credit() -> None:
    read = read_tagged(drawn_pdf(box((), grey_picture()), parent=tagging.document()))
    (section,) = [e for e in read.elements() if e.role == "Sect"]
    assert [(e.role, e.alt, e.text) for e in section.children] == [
        ("H3", None, "Source A"), ("P", None, "The clergy of Paris, a list of grievances, 1789"),
        ("Figure", "a tithe barn", ""), ("P", None, "Drawn for the tests")]


def test_a_box_drawn_with_no_parent_is_furniture_only() -> None:
    read = read_tagged(drawn_pdf(box(("The tithe takes a tenth of every harvest.",))))
    assert read.reading() == "" and read.untagged == ""
    assert "Source A" in read.artifact
