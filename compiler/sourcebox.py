"""Drawing a planned source (``compiler.sourcing.SourceBox``) as a ruled box, for the handout,
the worksheet and its sources insert.

The box is ruled all round in the theme's muted colour (a dark grey in every theme, so it prints
in greyscale) with its label band shaded in the theme's box tint: the label in bold, the
provenance line under it in small italic, then the extract's paragraphs and/or the picture with
its credit. A box no taller than :data:`WHOLE_SHARE` of a page is kept whole (it moves to the
next page); a longer extract splits between its paragraphs or lines, each piece at least two
lines, and the piece on the next page is headed "Source A (continued)". Tagged under the node its
caller passes (:func:`source_box`), a box reads as a section: label, provenance, the extract
quoted, the picture and its credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from compiler.errors import LayoutError, Unplaceable
from compiler.figures import PictureFlowable, figure, fitted
from compiler.pdf import Paragraph, colour, padding, scripted, table, too_tall
from compiler.pictures import low_resolution
from compiler.sourcing import SourceBox
from compiler.tagging import Node
from compiler.theme import Theme

PAD = 8.0  # inside the rule, on every side
RULE = 0.8  # the box's rule, in points
BAND_GAP = 4.0  # under the label band
WHOLE_SHARE = 0.3
"""A box at most this share of a page tall never splits."""
BAND_SHARE = 0.3
"""The tallest a box's label and provenance line may be, as a share of the page's frame: the box
then has room on a page for its first lines."""
PICTURE_SHARE = 0.45
"""The tallest a source's picture prints, as a share of the page's frame."""
PICTURE_WIDTHS = {"small": 1 / 3, "medium": 1 / 2, "large": 1.0}
Styles = dict[str, ParagraphStyle]


def box_styles(style: Styles, theme: Theme) -> Styles:
    """The styles of a source's box, from a kind's ``styles``: the label bold, the provenance
    small and italic, the extract in the body face."""
    body = style["body"]
    return {
        "label": ParagraphStyle("source-label", parent=style["label"], fontSize=body.fontSize, leading=body.leading,
                                textColor=colour(theme.colours.text)),
        "provenance": ParagraphStyle("source-provenance", parent=style["small"], textColor=colour(theme.colours.text)),
        "text": ParagraphStyle("source-text", parent=body, leftIndent=0, rightIndent=0),
        "credit": ParagraphStyle("source-credit", parent=style["small"], textColor=colour(theme.colours.muted),
                                 alignment=1),
    }


def source_box(box: SourceBox, style: Styles, theme: Theme, width: float, page_height: float,
               parent: Node | None = None, heading: str = "H3") -> tuple[Flowable, tuple[Unplaceable, ...]]:
    """``box`` drawn ``width`` wide (``style`` from :func:`box_styles`), with the warning for its
    picture if it prints below 150 dpi. Tagged as a section under ``parent`` (none: an artifact):
    its label a ``heading``, its provenance a paragraph, its extract a block quotation, its picture
    a Figure and its credit; the label over a page break ("Source A (continued)") is an artifact."""
    inner = width - 2 * PAD
    section = _under(parent, "Sect")
    band = _band(box.label, box.provenance, style, section, heading)
    quotation = _under(section, "BlockQuote") if box.paragraphs else None
    body: list[Flowable] = [scripted(p, style["text"], _under(quotation, "P")) for p in box.paragraphs]
    warnings: list[Unplaceable] = []
    if box.picture is not None:
        picture_width = inner * PICTURE_WIDTHS[box.picture_size or "medium"]
        max_height = page_height * PICTURE_SHARE
        node = figure(section, box.alt)
        credit = Paragraph(box.credit, style["credit"], node=_under(section, "P")) if box.credit else None
        body.append(PictureFlowable(box.picture, picture_width, max_height, credit, (*box.path, "picture"), node=node))
        warning = low_resolution((*box.path, "picture"), box.picture, *fitted(box.picture, picture_width, max_height))
        warnings += [warning] if warning else []
    room = page_height * BAND_SHARE
    cell = table([[band]], [inner], padding(0, 0, 0, 0), style["text"].fontName)
    if cell.wrap(inner, room)[1] > room:
        raise LayoutError([too_tall(cell, inner, room, box.path,
                                    "the source's provenance line is too long for its box",
                                    "shorten the author, origin or date")])
    frame = RuledSource(band, _band(box.continued, "", style), body, theme, width, page_height)
    return frame, tuple(warnings)


def _under(parent: Node | None, role: str) -> Node | None:
    """A new ``role`` node under ``parent``; none where nothing is tagged."""
    return parent.add(role) if parent is not None else None


def _band(label: str, provenance: str, style: Styles, section: Node | None = None,
          heading: str = "H3") -> list[Flowable]:
    band: list[Flowable] = [Paragraph(label, style["label"], node=_under(section, heading))]
    if provenance:
        band.append(scripted(f"<i>{provenance}</i>", style["provenance"], _under(section, "P")))
    return band


class RuledSource(Flowable):
    """A source's box: ``band`` (label, provenance) on a tint, ``body`` (paragraphs, picture)
    under it, a rule all round. It splits between the body's flowables or inside a paragraph
    when it is taller than :data:`WHOLE_SHARE` of ``page`` (a shorter one moves whole); the
    pieces after the first are headed by ``continued``."""

    def __init__(self, band: Sequence[Flowable], continued: Sequence[Flowable], body: Sequence[Flowable], theme: Theme,
                 width: float, page: float) -> None:
        super().__init__()
        self.band = list(band)
        self.continued = list(continued)
        self.body = list(body)
        self.theme = theme
        self.box_width = width
        self.page = page
        self.hAlign = "LEFT"

    def _inner(self, available_width: float) -> float:
        return min(self.box_width, available_width) - 2 * PAD

    @staticmethod
    def _height(flowables: Sequence[Flowable], width: float, last_space: bool = False) -> float:
        heights = [f.wrap(width, 1e6)[1] + f.getSpaceAfter() for f in flowables]
        if flowables and not last_space:
            heights[-1] -= flowables[-1].getSpaceAfter()
        return sum(heights)

    def _band_height(self, width: float) -> float:
        return self._height(self.band, width) + 2 * (PAD / 2)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        inner = self._inner(available_width)
        self.width = inner + 2 * PAD
        body = self._height(self.body, inner)
        self.height = self._band_height(inner) + (BAND_GAP + body + PAD if self.body else 0)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        inner = self._inner(available_width)
        self.wrap(available_width, available_height)
        if self.height <= self.page * WHOLE_SHARE and self.height <= self.page:
            return []
        room = available_height - self._band_height(inner) - BAND_GAP - PAD
        taken: list[Flowable] = []
        rest = list(self.body)
        while rest:
            flowable = rest[0]
            height = flowable.wrap(inner, room)[1]
            if height <= room:
                taken.append(rest.pop(0))
                room -= height + flowable.getSpaceAfter()
                continue
            parts = flowable.split(inner, room) if isinstance(flowable, Paragraph) else []
            if len(parts) == 2:
                taken.append(parts[0])
                rest[0] = parts[1]
            break
        if not taken or not rest:
            return []
        return [self._piece(self.band, taken), self._piece(self.continued, rest)]

    def _piece(self, band: Sequence[Flowable], body: Sequence[Flowable]) -> RuledSource:
        return RuledSource(band, self.continued, body, self.theme, self.box_width, self.page)

    def draw(self) -> None:
        canvas: Any = self.canv
        inner = self.width - 2 * PAD
        band = self._band_height(inner)
        canvas.saveState()
        canvas.setFillColor(colour(self.theme.colours.box))
        canvas.rect(0, self.height - band, self.width, band, stroke=0, fill=1)
        canvas.setStrokeColor(colour(self.theme.colours.muted))
        canvas.setLineWidth(self.theme.line(RULE / 2))
        if self.body:
            canvas.line(0, self.height - band, self.width, self.height - band)
        canvas.setLineWidth(self.theme.line(RULE))
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.restoreState()
        top = self.height - PAD / 2
        for flowable in self.band:
            top = self._place(flowable, inner, top)
        top = self.height - band - BAND_GAP
        for flowable in self.body:
            top = self._place(flowable, inner, top)

    def _place(self, flowable: Flowable, width: float, top: float) -> float:
        _, height = flowable.wrap(width, 1e6)
        flowable.drawOn(self.canv, PAD, top - height)
        return top - height - flowable.getSpaceAfter()
