"""Drawing a unit's pictures with ReportLab, for every kind that prints one.

A PNG or JPEG is placed with ``drawImage`` (its bytes as read when the unit was validated); an SVG
is converted by svglib into a ReportLab drawing and drawn as vectors, scaled, so it stays sharp
at any size. A picture is always fitted inside the box it is given, keeping its proportions, and
centred in it. :class:`PictureFlowable` is the same for documents built from flowables (the
handout, the worksheet): the picture at a width, its credit in small type under it.
"""

from __future__ import annotations

import io
import logging
import re
from functools import lru_cache
from typing import Any

from lxml import etree
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import Paragraph as _ReportLabParagraph
from svglib.svglib import svg2rlg

from compiler import tagging
from compiler.errors import FieldPath, LayoutError, Unplaceable
from compiler.fields import PictureData
from compiler.fonts import face, register, register_italics
from compiler.illustrations import Illustration
from compiler.pdf import colour, scripted, too_tall
from compiler.pictures import low_resolution
from compiler.tagging import Node
from compiler.theme import Theme

logging.getLogger("svglib").setLevel(logging.CRITICAL)  # its notes (unsupported features, limits) would reach the terminal unlocated


def fitted(picture: PictureData, width: float, height: float) -> tuple[float, float]:
    """The size ``picture`` prints at inside a ``width`` × ``height`` box, keeping its proportions."""
    scale = min(width / picture.width, height / picture.height)
    return picture.width * scale, picture.height * scale


def draw_picture(canvas: Canvas, picture: PictureData, x: float, y: float, width: float, height: float,
                 path: FieldPath = (), node: Node | None = None) -> tuple[float, float, float, float]:
    """Draw ``picture`` fitted and centred in the box at (``x``, ``y``) of ``width`` × ``height``
    points, as the content of ``node`` (a Figure with the picture's alt text; None: an artifact);
    where it went, as (x, y, width, height). An SVG svglib cannot read is a LayoutError at
    ``path`` (the picture's field)."""
    w, h = fitted(picture, width, height)
    left, bottom = x + (width - w) / 2, y + (height - h) / 2
    with tagging.content(canvas, node, bottom + h):
        _draw_fitted(canvas, picture, left, bottom, w, h, path)
    return left, bottom, w, h


def figure(parent: Node | None, alt: str) -> Node | None:
    """A Figure for a picture under ``parent`` (none where nothing is tagged), read as ``alt``."""
    return parent.add("Figure", alt=alt) if parent is not None else None


def _draw_fitted(canvas: Canvas, picture: PictureData, left: float, bottom: float, w: float, h: float,
                 path: FieldPath) -> None:
    if picture.vector:
        drawing = _drawing(picture, path)
        canvas.saveState()
        clip = canvas.beginPath()  # what an SVG draws outside its viewBox is not shown, as browsers do
        clip.rect(left, bottom, w, h)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.translate(left, bottom)
        canvas.scale(w / drawing.width, h / drawing.height)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.restoreState()
    else:
        canvas.drawImage(_image(picture.data, picture.sha256), left, bottom, w, h, mask="auto")


@lru_cache(maxsize=64)
def _image(data: bytes, sha256: str) -> ImageReader:
    """One reader per picture in a process: a picture used on many cards is decoded once."""
    return ImageReader(io.BytesIO(data))


def _drawing(picture: PictureData, path: FieldPath) -> Drawing:
    try:
        drawing = _svg_drawing(picture.data, picture.sha256, picture.width, picture.height)
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError, ZeroDivisionError,
            etree.XMLSyntaxError) as exc:
        raise LayoutError.one(path, f"the SVG picture cannot be drawn ({type(exc).__name__})",
                          "open it in a drawing program and save it again as plain SVG, or as PNG") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise LayoutError.one(path, "the SVG picture cannot be drawn (svglib read no drawing from it)",
                          "open it in a drawing program and save it again as plain SVG, or as PNG")
    return drawing


@lru_cache(maxsize=32)
def _svg_drawing(data: bytes, sha256: str, width: float, height: float) -> Drawing | None:
    """The SVG as a ReportLab drawing, with its size set to the one validation read (in points):
    svglib, given a viewBox and only a width, draws at another scale than it measures."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    root.set("width", f"{width:.4f}pt")
    root.set("height", f"{height:.4f}pt")
    if root.get("viewBox") is None:
        root.set("viewBox", f"0 0 {width / 0.75:.4f} {height / 0.75:.4f}")
    _standard_families(root)
    drawing: Drawing | None = svg2rlg(io.BytesIO(etree.tostring(root)))
    if drawing is not None:
        _bundled_faces(drawing)
        register("DejaVuSans")
        setattr(drawing, "initialFontName", "DejaVuSans")  # noqa: B010 (untyped): else the renderer selects Helvetica, unembedded
    return drawing


_FAMILY = re.compile(r"(font-family\s*:\s*)([^;}]+)")


def _family(named: str) -> str:
    """The PDF standard family for an SVG's ``font-family`` list: Times for a serif one,
    Helvetica otherwise. svglib knows these without asking the system (for any other name it runs
    ``fc-match`` and embeds whatever font the computer has): :func:`_bundled_faces` then sets
    the text in the bundled faces, so the PDF is the same on every computer."""
    name = named.lower()
    serif = any(word in name for word in ("times", "serif", "georgia", "roman", "garamond", "palatino"))
    return "Times" if serif and "sans" not in name else "Helvetica"


def _standard_families(root: etree._Element) -> None:
    """Every ``font-family`` of the SVG (attribute, inline style, style sheet) as a standard family."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        if element.get("font-family") is not None:
            element.set("font-family", _family(element.get("font-family", "")))
        if element.get("style") and "font-family" in element.get("style", ""):
            element.set("style", _FAMILY.sub(lambda m: m[1] + _family(m[2]), element.get("style", "")))
        if element.tag.rsplit("}", 1)[-1] == "style" and element.text and "font-family" in element.text:
            element.text = _FAMILY.sub(lambda m: m[1] + _family(m[2]), element.text)


def _bundled_faces(group: Group) -> None:
    """Set the SVG's text in the bundled faces: svglib sets it in the PDF's standard Helvetica or
    Times, which are not embedded (a printer or reader substitutes its own) and have no letters
    beyond Western Europe's. A serif family keeps a serif face; bold and italic are kept."""
    for node in group.contents:
        if isinstance(node, Group):
            _bundled_faces(node)
        elif isinstance(node, String):
            name = str(node.fontName).lower()
            family = "DejaVuSerif" if any(word in name for word in ("times", "serif", "georgia", "roman")) \
                and "sans" not in name else "DejaVuSans"
            register(family)
            italic = "italic" in name or "oblique" in name
            if italic:
                register_italics(face(family, italic=True))
            node.fontName = face(family, bold="bold" in name, italic=italic)


class PictureFlowable(Flowable):
    """A picture ``width`` points wide (less if ``max_height`` would be passed), centred in the
    frame, with its credit (a paragraph, already styled) under it."""

    def __init__(self, picture: PictureData, width: float, max_height: float, credit: _ReportLabParagraph | None = None,
                 path: FieldPath = (), gap: float = 2.0, node: Node | None = None) -> None:
        super().__init__()
        self.node = node  # the picture's Figure; the credit paragraph names its own
        self.picture = picture
        self.box = (width, max_height)
        self.credit = credit
        self.path = path
        self.gap = gap
        self.size = fitted(picture, width, max_height)
        self._credit_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.frame_width = available_width
        width = min(self.box[0], available_width)
        self.size = fitted(self.picture, width, self.box[1])
        if self.credit is not None:
            _, self._credit_height = self.credit.wrap(available_width, available_height)
        credit = self._credit_height + self.gap if self.credit is not None else 0.0
        return available_width, self.size[1] + credit

    def draw(self) -> None:
        canvas: Any = self.canv
        w, h = self.size
        left = (self.frame_width - w) / 2
        draw_picture(canvas, self.picture, left, self._credit_height + (self.gap if self.credit else 0), w, h,
                     self.path, self.node)
        if self.credit is not None:
            self.credit.drawOn(canvas, 0, 0)


MOST_HEIGHT = 0.4
"""A picture in a column of text is at most this share of the page frame's height tall."""
CREDIT_GAP = 3.0  # between a picture and its credit


def column_size(illustration: Illustration, column: float, frame_height: float) -> tuple[float, float]:
    """The size ``illustration`` prints at in a ``column`` points wide, on a page whose frame is
    ``frame_height`` tall: its share of the column, less if it would be taller than
    :data:`MOST_HEIGHT` of the frame, keeping its proportions."""
    return fitted(illustration.data, illustration.share * column, MOST_HEIGHT * frame_height)


def column_picture(illustration: Illustration, column: float, frame_height: float,
                   credit_style: ParagraphStyle, parent: Node | None = None) -> Flowable:
    """The picture centred in a ``column`` points wide at :func:`column_size`, its credit under
    it in ``credit_style``: one flowable that never splits (the credit stays with its picture).
    Tagged under ``parent``: a Figure read as the alt text, then the credit's paragraph."""
    width, height = column_size(illustration, column, frame_height)
    node = figure(parent, illustration.alt)
    credit = (scripted(illustration.credit, credit_style, parent.add("P") if parent else None)
              if illustration.credit else None)
    picture = PictureFlowable(illustration.data, width, height, credit, illustration.path, gap=CREDIT_GAP, node=node)
    if credit is not None and picture.wrap(column, frame_height)[1] > frame_height:
        raise LayoutError([too_tall(credit, column, frame_height - height - CREDIT_GAP, (*illustration.path, "credit"),
                                    "the credit is taller than the page under its picture",
                                    "shorten it: a credit names who made the picture and its licence")])
    return InColumn(picture, column)


def credit_style(small: ParagraphStyle, theme: Theme) -> ParagraphStyle:
    """A credit's style: the small type, in the muted colour, centred under its picture."""
    return ParagraphStyle("picture-credit", parent=small, alignment=TA_CENTER, textColor=colour(theme.colours.muted),
                          spaceBefore=0, spaceAfter=0)


def column_warning(illustration: Illustration, column: float, frame_height: float) -> Unplaceable | None:
    """The low-resolution warning for ``illustration`` printed in ``column`` (None if it is sharp)."""
    return low_resolution(illustration.path, illustration.data, *column_size(illustration, column, frame_height))


class InColumn(Flowable):
    """A flowable set in a column narrower than the frame (the handout's measure), at its left."""

    def __init__(self, inner: Flowable, column: float) -> None:
        super().__init__()
        self.inner = inner
        self.column = column
        self.hAlign = "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(min(self.column, available_width), available_height)
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)
