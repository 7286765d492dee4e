"""Tagged PDF, the mechanism every kind uses (compiler/tagging.py): read
back from the files as a screen reader reads them."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Spacer

from compiler import tagging
from compiler.outputs import Furniture, Metadata
from compiler.pdf import Paragraph, document_canvas, render_story, saved, styles, table
from compiler.theme import PAPER, load_theme
from tests import tagged

THEME = load_theme("default")
FURNITURE = Furniture("Running header", "Right header", "Footer words", "Page {page} of {pages}")
METADATA = Metadata("A tagged document", "A teacher", "History", "de")


def story_pdf(tmp_path: Path, paragraphs: int = 1, rows: int = 3) -> Path:
    style = styles(THEME)
    root = tagging.document()
    section = root.add("Sect")
    story = [Paragraph("The heading", style["heading"], node=section.add("H1")),
             Paragraph("A sub-heading", style["subheading"], node=section.add("H2"))]
    story += [Paragraph(" ".join(["Words of a long paragraph."] * 40), style["body"], node=section.add("P"))
              for _ in range(paragraphs)]
    grid = section.add("Table")
    header = grid.add("TR")
    cells = [[Paragraph("Date", style["label"], node=header.add("TH", scope="Column")),
              Paragraph("Event", style["label"], node=header.add("TH", scope="Column"))]]
    for number in range(rows):
        row = grid.add("TR")
        cells.append([Paragraph(f"19{number:02d}", style["body"], node=row.add("TD")),
                      Paragraph(f"Event number {number}", style["body"], node=row.add("TD"))])
    story += [table(cells, [100, 300], [("GRID", (0, 0), (-1, -1), 0.5, "black")], style["body"].fontName,
                    repeatRows=1), PageBreak(), Paragraph("Not in the structure", style["body"])]
    path = tmp_path / "story.pdf"
    path.write_bytes(render_story(story, THEME, PAPER["a4"], FURNITURE, METADATA, root)[0])
    return path


def test_the_structure_holds_every_word_in_reading_order(tmp_path: Path) -> None:
    read = tagged.read(story_pdf(tmp_path))
    assert read.roles()[:4] == ["StructTreeRoot", "Document", "Sect", "H1"]
    assert read.headings() == [(1, "The heading"), (2, "A sub-heading")]
    reading = read.reading()
    assert reading.startswith("The heading A sub-heading Words of a long paragraph.")
    assert reading.endswith("Date Event 1900 Event number 0 1901 Event number 1 1902 Event number 2")
    header_cells = [e for e in read.elements() if e.role == "TH"]
    assert [e.text for e in header_cells] == ["Date", "Event"]


def test_no_text_is_neither_tagged_nor_an_artifact(tmp_path: Path) -> None:
    read = tagged.read(story_pdf(tmp_path))
    assert read.untagged == ""
    # the running header, footer and page numbers, and text no node claims, are artifacts
    for words in ("Right header", "Footer words", "Page 1 of 2", "Not in the structure"):
        assert words in read.artifact
        assert words not in read.reading()


def test_a_split_paragraph_is_one_element_and_a_repeated_header_row_an_artifact(tmp_path: Path) -> None:
    read = tagged.read(story_pdf(tmp_path, paragraphs=3, rows=60))
    with pikepdf.open(tmp_path / "story.pdf") as pdf:
        assert len(pdf.pages) >= 3
    assert len([e for e in read.elements() if e.role == "P"]) == 3
    assert [e.text for e in read.elements() if e.role == "TH"] == ["Date", "Event"]
    assert read.reading().count("Event number 59") == 1
    assert "Date Event" in read.artifact  # the header row again, on the table's next page


def test_tagged_files_are_reproducible(tmp_path: Path) -> None:
    first = story_pdf(tmp_path).read_bytes()
    assert story_pdf(tmp_path).read_bytes() == first


def test_pages_drawn_directly_are_tagged_too() -> None:
    canvas, buffer = document_canvas(PAPER["a4"], THEME, METADATA)
    figure = canvas.structure.add("Figure", alt="A map of Europe")
    with tagging.content(canvas, figure):
        canvas.rect(100, 100, 200, 100)
    label = canvas.structure.add("P")
    with tagging.content(canvas, label):
        canvas.drawString(100, 300, "Label words")
    canvas.drawString(100, 50, "Crop mark words")
    canvas.showPage()
    pdf = saved(canvas, buffer, METADATA)
    read = tagged.read(io.BytesIO(pdf))  # type: ignore[arg-type]
    assert [(e.role, e.alt) for e in read.elements()[2:]] == [("Figure", "A map of Europe"), ("P", None)]
    assert read.reading() == "Label words"
    assert read.artifact == "Crop mark words"


def test_a_node_must_be_a_standard_structure_type() -> None:
    with pytest.raises(ValueError, match="standard structure type"):
        tagging.document().add("Paragraph")


def test_content_drawn_on_a_canvas_that_measures_is_not_marked(tmp_path: Path) -> None:
    style = styles(THEME)
    node = tagging.document().add("P")
    paragraph = Paragraph("Measured only", style["body"], node=node)
    paragraph.wrap(200, 100)
    paragraph.drawOn(Canvas(io.BytesIO()), 0, 0)
    assert node.marks == []
    assert paragraph.node is node  # still to be drawn as content
    story = [Spacer(1, 1), paragraph]
    root = node.parent
    assert root is not None
    path = tmp_path / "measured.pdf"
    path.write_bytes(render_story(story, THEME, PAPER["a4"], FURNITURE, METADATA, root)[0])
    assert tagged.read(path).reading() == "Measured only"


def test_a_word_hyphenated_at_a_line_end_is_read_whole(tmp_path: Path) -> None:
    style = styles(THEME)
    narrow = ParagraphStyle("narrow", parent=style["body"], hyphenationLang="en_GB", rightIndent=400)
    root = tagging.document()
    text = "Internationalisation notwithstanding, counterrevolutionaries multiplied."
    path = tmp_path / "hyphenated.pdf"
    path.write_bytes(render_story([Paragraph(text, narrow, node=root.add("P"))], THEME, PAPER["a4"], FURNITURE,
                                  METADATA, root)[0])
    with pdfplumber.open(path) as pdf:
        assert "-\n" in pdf.pages[0].extract_text()  # it is hyphenated on the page
    (element,) = [e for e in tagged.read(path).elements() if e.role == "P"]
    assert element.actual == text


def test_replacement_text_never_hides_an_element_s_children_or_other_content() -> None:
    item = tagging.document().add("LBody")
    item.marks.append((0, 0))
    item.spoken("Third point", respoken=True)
    assert item.replacement() == "Third point"
    item.add("L").marks.append((0, 1))
    assert item.replacement() is None
    drawn = tagging.document().add("P")
    drawn.marks += [(0, 0), (0, 1)]  # a paragraph, then something drawn on the canvas
    drawn.spoken("10³ metres", respoken=True)
    assert drawn.replacement() is None


def test_sub_and_superscripts_are_read_as_they_are_meant(tmp_path: Path) -> None:
    style = styles(THEME)
    root = tagging.document()
    texts = ["What is 10<super>3</super>?", "H<sub>2</sub>O", "Plain words"]
    story = [Paragraph(text, style["body"], node=root.add("P")) for text in texts]
    path = tmp_path / "scripts.pdf"
    path.write_bytes(render_story(story, THEME, PAPER["a4"], FURNITURE, METADATA, root)[0])
    elements = [e for e in tagged.read(path).elements() if e.role == "P"]
    assert [(e.actual, e.text) for e in elements] == [("What is 10³?", "What is 103?"), ("H₂O", "H 2 O"),
                                                      (None, "Plain words")]
