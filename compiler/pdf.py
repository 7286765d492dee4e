"""ReportLab document setup shared by every output kind.

Reproducible bytes: ReportLab's invariant mode fixes the document id and dates (PITFALLS.md
§1; with ``SOURCE_DATE_EPOCH`` set, ReportLab 5 takes the metadata date from it). Running
header and footer with "page X of Y" are drawn after the last page is known, by a canvas that
holds its pages back until ``save``.

Streams are compressed but not also ASCII85-encoded (ReportLab's default): there is less to
encode, the files are a little smaller (4 % for the shipped unit), and every PDF reader takes
binary streams.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
    paraparser,
)
from reportlab.platypus import Paragraph as _ReportLabParagraph
from reportlab.platypus.doctemplate import LayoutError as _ReportLabLayoutError

from compiler import __version__, fonts, markup, tagging
from compiler.errors import FieldPath, LayoutError, Unplaceable
from compiler.outputs import Furniture, Metadata
from compiler.pdfua import finished
from compiler.tagging import Node
from compiler.theme import Theme

rl_config.invariant = 1
rl_config.useA85 = 0


def _to_unicode_cmap(fontname: str, subset: Any) -> str:
    """The ToUnicode map of one of ReportLab's 256-code font subsets, as PDF/UA-1 (7.21.7) asks:
    ReportLab's own maps a subset's unused codes to U+0000 (which the standard forbids) and writes
    characters past U+FFFF as five hex digits instead of a UTF-16 pair. Here unused codes are
    left out, and every code maps to its character in UTF-16BE."""
    pairs = [f"<{code:02X}> <{chr(value).encode('utf-16-be').hex().upper()}>"
             for code, value in enumerate(subset) if value not in (0, 0xFEFF, 0xFFFE)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(pairs)} beginbfchar", *pairs, "endbfchar",
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


# ReportLab looks the function up by name each time it writes a subset's map.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap

MARKER_FONT = fonts.MARKER_FACE
SCRIPT_GAP = 0.5  # points between a line's sub- or superscripts and the next line's glyphs
# How ReportLab sets <super> and <sub> (its type stubs do not declare them): smaller by this many
# points (at most a fifth of the size), raised or lowered by this fraction of the size.
SCRIPT_SMALLER, SCRIPT_RAISE, SCRIPT_LOWER = (vars(paraparser)[name] for name in ("sizeDelta", "supFraction",
                                                                                   "subFraction"))


def colour(value: str) -> colors.Color:
    return colors.HexColor(value)


def styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """The paragraph styles every kind draws with, derived from the theme."""
    body_font = fonts.register(theme.fonts.body)
    head_font = fonts.register(theme.fonts.heading)
    fonts.register(MARKER_FONT)
    size = theme.sizes
    text = colour(theme.colours.text)
    muted = colour(theme.colours.muted)
    lead = theme.leading
    base = ParagraphStyle("body", fontName=body_font, fontSize=size.body, leading=size.body * lead, textColor=text,
                          alignment=TA_JUSTIFY if theme.align == "justify" else TA_LEFT, spaceAfter=size.body * 0.6)
    return {
        "body": base,
        "bullet": ParagraphStyle("bullet", parent=base, spaceAfter=size.body * 0.25),
        "small": ParagraphStyle("small", parent=base, fontSize=size.small, leading=size.small * lead, spaceAfter=0),
        "muted": ParagraphStyle("muted", parent=base, fontName=head_font, fontSize=size.small,
                                leading=size.small * lead, textColor=muted, spaceAfter=0),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.face(head_font, bold=True), fontSize=size.title,
                                leading=size.title * 1.15, spaceAfter=size.title * 0.25),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontName=head_font, fontSize=size.subtitle,
                                   leading=size.subtitle * 1.3, spaceAfter=size.subtitle * 0.5),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.face(head_font, bold=True),
                                  fontSize=size.heading, leading=size.heading * 1.25, spaceAfter=0),
        "subheading": ParagraphStyle("subheading", parent=base, fontName=fonts.face(head_font, bold=True),
                                     fontSize=size.subheading, leading=size.subheading * 1.3,
                                     spaceBefore=size.subheading * 0.4, spaceAfter=size.subheading * 0.4),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.face(head_font, bold=True),
                                fontSize=size.small, leading=size.small * 1.3, spaceAfter=0),
        "strand": ParagraphStyle("strand", parent=base, fontName=head_font, fontSize=size.small,
                                 leading=size.small * 1.3, textColor=muted, spaceAfter=2),
    }


def content_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """:func:`styles`, none smaller than the theme's ``least_text`` (large print: every character
    of content at least 18 pt, a table's, a key's and a credit's too), leading in proportion; the
    page's running header and footer keep ``sizes.small``."""
    found = styles(theme)
    least = theme.least_text
    return {name: s if s.fontSize >= least else
            ParagraphStyle(s.name, parent=s, fontSize=least, leading=s.leading * least / s.fontSize)
            for name, s in found.items()}


def page_background(canvas: rl_canvas.Canvas, theme: Theme, page_size: tuple[float, float]) -> None:
    """The theme's page tint (a print profile's cream paper), if it has one: a plain rectangle
    over the whole page, drawn first so that everything else is drawn on it."""
    if theme.page_tint is None:
        return
    canvas.saveState()
    canvas.setFillColor(colour(theme.page_tint))
    canvas.rect(0, 0, *page_size, stroke=0, fill=1)
    canvas.restoreState()


DEFAULT_RULE = 0.5  # the default theme's rule_width, in points


def line_width(theme: Theme, standard: float) -> float:
    """A line drawn ``standard`` points thick on the default theme, or as thick as the theme's
    ``rule_width`` where that is thicker than the default's (high contrast's 1.5 pt rules)."""
    return standard if theme.rule_width <= DEFAULT_RULE else max(standard, theme.rule_width)


def marker(symbol: str, fill: str, size: float | None = None) -> str:
    """Inline markup drawing a strand's marker in its colour, in a font that has the glyph."""
    size_attr = f' size="{size:g}"' if size else ""
    return f'<font name="{MARKER_FONT}" color="{fill}"{size_attr}>{symbol}</font>'


def table(rows: Sequence[Sequence[Any]], widths: Sequence[float], commands: Sequence[tuple[Any, ...]],
          font: str, **options: Any) -> Table:
    """A Table whose cells default to a bundled font (ReportLab's Helvetica would not be embedded)."""
    result = Table([list(r) for r in rows], colWidths=list(widths), **options)
    result.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font), *commands]))
    return result


def kept_with_next(*flowables: Flowable) -> list[Flowable]:
    """Flowables that go to the page of whatever follows them: a heading and the space under it.

    Platypus keeps a ``keepWithNext`` flowable with the very next one, so a spacer after a
    heading must carry the flag too, or the heading stays with the spacer alone.
    """
    for flowable in flowables:
        flowable.keepWithNext = True
    return list(flowables)


def padding(left: float, right: float, top: float, bottom: float) -> list[tuple[Any, ...]]:
    """Table style commands setting the same padding on every cell."""
    every = ((0, 0), (-1, -1))
    return [("LEFTPADDING", *every, left), ("RIGHTPADDING", *every, right),
            ("TOPPADDING", *every, top), ("BOTTOMPADDING", *every, bottom)]


# Markup that can select an italic face: <i>, <em>, or a font named by its face.
_ITALIC = re.compile(r"<\s*(i|em)\b|italic|oblique", re.IGNORECASE)


class Paragraph(_ReportLabParagraph):
    """ReportLab's paragraph, which first has the italic faces of its font parsed when its
    style or its text may use them (see :mod:`compiler.fonts`), and whose italics are bold where
    the theme's ``emphasis`` says so (:func:`markup.emphasised`). Every drawing module uses it.

    ``node`` is the element of the document's structure whose words it prints
    (:mod:`compiler.tagging`); the pieces it splits into print the same one. Drawn a second
    time (in a header row repeated on the next page) it stays an artifact.
    """

    def __init__(self, text: str | None, style: ParagraphStyle | None = None, *args: Any,
                 node: Node | None = None, **kwargs: Any) -> None:
        text = markup.emphasised(text) if text else text
        if text and style is not None:
            text = _drawable(text, style.fontName)
        if style is not None and (_ITALIC.search(style.fontName) or (text and _ITALIC.search(text))):
            fonts.register_italics(style.fontName)
        # ReportLab's split passes None with ready-made fragments; its stubs allow only a str.
        super().__init__(text, style, *args, **kwargs)  # type: ignore[arg-type]
        self.node = node
        # What a reader is to hear (PDF 1.7, 14.9.4: an element's replacement text) where the
        # glyphs say it otherwise: a word hyphenated at a line's end is drawn as two pieces, and
        # a sub- or superscript as a smaller digit on the line ("10^3^" would be read "103"), and
        # a bullet drawn with the words is no word (its list says it is an item).
        self.spoken = " ".join(markup.from_markup(text).split()) if node is not None and text else ""
        self.respoken = bool(self.spoken) and (bool(getattr(style, "hyphenationLang", None))
                                               or any(has_scripts(text or "")) or bool(self.bulletText))
        if node is not None and text and node.role.startswith("H") and node.title is None:
            node.title = words(text)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        pieces: list[Flowable] = super().split(available_width, available_height)
        for index, piece in enumerate(pieces):
            if isinstance(piece, Paragraph):
                piece.node = self.node
                piece.spoken, piece.respoken = (self.spoken, self.respoken) if index == 0 else ("", False)
        return pieces

    def drawOn(self, canvas: rl_canvas.Canvas, x: float, y: float, *args: Any, **kwargs: Any) -> None:
        node = self.node if isinstance(canvas, tagging.TaggedCanvas) else None
        if node is not None:
            self.node = None  # drawn once as content, any later time as an artifact
        with tagging.content(canvas, node, y + self.height):
            super().drawOn(canvas, x, y, *args, **kwargs)
        if node is not None and canvas.marking is None:  # type: ignore[attr-defined]  # a TaggedCanvas
            node.spoken(self.spoken, self.respoken)


FALLBACK_FAMILY = fonts.FALLBACK  # draws what a profile's own font lacks (printpack's words included)


def _drawable(markup_text: str, font: str) -> str:
    """``markup_text`` with every character ``font`` has no glyph for set in
    :data:`FALLBACK_FAMILY`. A profile's font is chosen because it draws the unit's text, but the
    words and signs printpack adds (an arrow, a scissors mark) may be outside it; ReportLab would
    print them as nothing. Only characters past ASCII are looked at (markup itself is ASCII), and
    only for a face that is not one of the DejaVu families, which draw every character the
    templates and catalogues may hold."""
    family = fonts.family_of(font)
    if family is None or family in fonts.GENERAL or markup_text.isascii():
        return markup_text
    has = fonts.characters(font)
    if all(ord(char) < 128 or ord(char) in has for char in markup_text):
        return markup_text
    fonts.register(FALLBACK_FAMILY)
    return "".join(char if ord(char) < 128 or ord(char) in has else f'<font face="{FALLBACK_FAMILY}">{char}</font>'
                   for char in markup_text)


def font_with(char: str, font: str) -> str:
    """``font``, or the fallback face when ``font`` has no glyph for ``char`` (a list's bullet,
    which ReportLab draws in a font of its own, not through a paragraph)."""
    family = fonts.family_of(font)
    if family is None or family in fonts.GENERAL or ord(char) in fonts.characters(font):
        return font
    return fonts.register(FALLBACK_FAMILY)


def script_size(size: float) -> float:
    """The size ReportLab sets a sub- or superscript in, in text of ``size``."""
    return float(size - min(SCRIPT_SMALLER, 0.2 * size))


def script_leading(style: ParagraphStyle, raised: bool, lowered: bool) -> float:
    """The leading lines of ``style`` need when they hold superscripts (``raised``) or
    subscripts (``lowered``): ReportLab raises a superscript and lowers a subscript by a
    fraction of the size and does not count that in the leading (not even with
    ``autoLeading``), so a line's subscript would reach the next line's letters or its
    superscripts. Never less than the style's own leading."""
    if not (raised or lowered):
        return float(style.leading)
    size = style.fontSize
    ascent, descent = getAscentDescent(style.fontName, size)
    script_ascent, script_descent = getAscentDescent(style.fontName, script_size(size))
    top = max(ascent, SCRIPT_RAISE * size + script_ascent) if raised else ascent
    bottom = max(-descent, SCRIPT_LOWER * size - script_descent) if lowered else -descent
    return float(max(style.leading, top + bottom + SCRIPT_GAP))


def has_scripts(markup_text: str) -> tuple[bool, bool]:
    """Whether paragraph markup holds superscripts, and whether subscripts."""
    return "<super>" in markup_text or "<sup>" in markup_text, "<sub>" in markup_text


def room_for_scripts(markup_text: str, style: ParagraphStyle) -> ParagraphStyle:
    """``style``, with a leading tall enough for the sub- and superscripts of ``markup_text``
    (Na⁺, H₂O, x²); ``style`` itself for text without them."""
    leading = script_leading(style, *has_scripts(markup_text))
    if leading <= style.leading:
        return style
    return ParagraphStyle(f"{style.name}-scripts", parent=style, leading=leading)


def scripted(markup_text: str, style: ParagraphStyle, node: Node | None = None) -> Paragraph:
    """A paragraph of unit text, with room between its lines for its sub- and superscripts.
    Every kind sets unit text that may hold scripts with it (handout, card sorts, questions)."""
    return Paragraph(markup_text, room_for_scripts(markup_text, style), node=node)


# Cards (card sorts, flash cards): a set's text in one size, the largest at which every card fits.
CARD_LEADING = 1.22  # line height of card text, as a multiple of its size, when no script needs more


def card_style(parent: ParagraphStyle, name: str, size: float, scripts: bool,
               alignment: Literal[0, 1]) -> ParagraphStyle:
    """Card text at ``size``. With sub- or superscripts anywhere in the set, every card gets the
    leading they need (:func:`script_leading`), so the set keeps one line height; a word too
    long for the card is not broken but measured as overflowing, so the size falls."""
    style = ParagraphStyle(f"{name}-{size}-{scripts}", parent=parent, fontSize=size, leading=size * CARD_LEADING,
                           alignment=alignment, spaceAfter=0, splitLongWords=0)
    if scripts:
        style.leading = script_leading(style, raised=True, lowered=True)
    return style


def any_scripts(texts: Iterable[str]) -> bool:
    """Whether any of these texts (paragraph markup) holds a sub- or superscript."""
    return any(tag in text for text in texts for tag in ("<super>", "<sup>", "<sub>"))


def script_overhang(font: str, size: float) -> float:
    """How far a superscript in the first line rises above its paragraph's top (whose first
    baseline ReportLab sets one font size down): counted as part of the text's height, so
    the raised glyph too stays inside the card's inset."""
    script_ascent, _ = getAscentDescent(font, script_size(size))
    return float(max(0.0, SCRIPT_RAISE * size + script_ascent - size))


def within_width(paragraph: _ReportLabParagraph, width: float) -> bool:
    """Whether a wrapped paragraph's lines stay inside ``width``: ReportLab counts a trailing
    space in a line's width, and 2 % slack still catches a word too long to break."""
    return max(paragraph.getActualLineWidths0() or [0]) <= width * 1.02


def largest_size(largest: float, smallest: float, fits: Callable[[float], bool]) -> float | None:
    """The largest size, in half points from ``largest`` down to ``smallest``, at which ``fits``
    holds (every card of a set fits: a binary search, since what fits at one size fits at any
    smaller); None if it fails even at the smallest."""
    sizes = [largest - 0.5 * k for k in range(int((largest - smallest) * 2) + 1)]
    low, high, best = 0, len(sizes) - 1, None
    while low <= high:  # sizes fall as k rises; find the first at which every card fits
        middle = (low + high) // 2
        if fits(sizes[middle]):
            best, high = sizes[middle], middle - 1
        else:
            low = middle + 1
    return best


class Unsplit(Flowable):
    """A flowable that never splits (a one-row table, say), measured once per width.

    Platypus asks a flowable its size again and again (to check it fits a page, to place it,
    to see whether it fits what is left), and a table re-measures every paragraph of every
    nested cell each time. Its height does not depend on the height offered, so one
    measurement per width is enough (issue 7).
    """

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self._measured: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._measured is None or self._measured[0] != available_width:
            self._measured = (available_width, self.inner.wrap(available_width, available_height))
        self.width, self.height = self._measured[1]
        return self._measured[1]

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


def _paragraphs(flowable: object) -> Iterator[_ReportLabParagraph]:
    """Every paragraph inside a flowable: in table cells, kept-together groups, lists, wrappers."""
    if isinstance(flowable, _ReportLabParagraph):
        yield flowable
    elif isinstance(flowable, list | tuple):
        for item in flowable:
            yield from _paragraphs(item)
    elif isinstance(flowable, Flowable):
        for name in ("_cellvalues", "_content", "_flowables", "inner", "head", "body"):
            yield from _paragraphs(getattr(flowable, name, None))


_TAG = re.compile(r"<[^>]*>")


def words(markup_text: str) -> str:
    """The words of paragraph markup as a reader sees them: no tags, no entities, single spaces."""
    return " ".join(html.unescape(_TAG.sub("", markup_text)).split())


def too_tall(flowable: object, width: float, room: float, path: FieldPath = (),
             message: str = "the text is taller than a page", hint: str = "shorten it or split it") -> Unplaceable:
    """What makes ``flowable`` taller than ``room`` at ``width``: its tallest paragraph, by its words.

    Drawing code sees paragraphs, not fields, so it names the words, and the share of them that
    would fit, when shortening that one paragraph could make the whole fit; the build then finds
    the field below ``path`` holding those words (:mod:`compiler.locate`). So every paragraph of
    unit text is located without passing field paths through every plan, new fields included.
    """
    if isinstance(flowable, Flowable):
        _, total = flowable.wrap(width, room)
        found = [p for p in _paragraphs(flowable) if getattr(p, "height", 0) > 0]
        tallest = max(found, key=lambda p: p.height, default=None)
        # Only a paragraph that is most of a page is the cause; many short ones are the item's own.
        if tallest is not None and total - tallest.height < room and (tallest.height > room / 2 or not path):
            fits = (room - (total - tallest.height)) / tallest.height
            return Unplaceable(path, message, hint, words(tallest.text), fits)
    return Unplaceable(path, message, hint)


class _Document(BaseDocTemplate):
    """A document that names the text of a flowable no page can hold.

    ReportLab raises its own LayoutError ("Flowable ... too large on page") naming an object;
    this turns it into :class:`compiler.errors.LayoutError` naming the words that do not fit,
    which the build locates in the unit.
    """

    def __init__(self, *args: Any, room: tuple[float, float], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.room = room
        self._placing: Flowable | None = None

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self._placing = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except _ReportLabLayoutError:
            raise LayoutError([too_tall(self._placing, *self.room)]) from None

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        super().handle_keepWithNext(flowables)
        self._placing = flowables[0]  # a heading and what follows it, now one group


def _numbered_canvas(draw: Callable[[rl_canvas.Canvas, int, int], None], font: str) -> type[rl_canvas.Canvas]:
    class NumberedCanvas(tagging.TaggedCanvas):
        """Holds pages back until the count is known, then draws each page's furniture.

        Its initial font is a bundled one: ReportLab's default (Helvetica) would otherwise be
        referenced, unembedded, on every page.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, "initialFontName": font})
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own; its stubs leave it out

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def one_line(markup_text: str, style: ParagraphStyle, room: float) -> str:
    """``markup_text`` if it fits on one line of ``room``; else its words cut to fit, ending in "…".

    Running headers and footers repeat the unit's title and licence on every page; wrapped,
    a long one would climb into the page's content.
    """
    if Paragraph(markup_text, style).wrap(room, 1e6)[1] <= style.leading * 1.5:
        return markup_text
    return html.escape(fit_width(words(markup_text), style.fontName, style.fontSize, room), quote=False)


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """``text`` if it fits ``width``; else the longest start of it that fits with "…"."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


PAGE_NUMBER = "printpack-page-number-"  # the form holding a page's "Page X of Y": FormXob.<this><page>


def page_numbers(theme: Theme, page_size: tuple[float, float], furniture: Furniture,
                 numbers: Sequence[tuple[int, int]]) -> bytes:
    """A PDF of one page per ``(page, pages)``, each holding only "Page X of Y" where every page's
    furniture puts it: laid over the pages of a file whose own numbers were taken out, it numbers
    them as pages of another document (the pack)."""
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=page_size, invariant=1, pageCompression=1,
                              initialFontName=styles(theme)["body"].fontName)  # type: ignore[arg-type]
    put = _furniture_writer(theme, page_size, styles(theme))
    width = page_size[0]
    for page, pages in numbers:
        put(canvas, _numbered(furniture.page_pattern, page, pages), width - theme.margins.right,
            footer_line(theme, styles(theme)), "r")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def footer_line(theme: Theme, style: dict[str, ParagraphStyle]) -> float:
    """Where the footer's line of small type stands: under the rule 2 points below the content,
    lower the taller its line is (large print's 16 point small type)."""
    return float(theme.margins.bottom - 0.8 - style["muted"].leading)


def _numbered(pattern: str, page: int, pages: int) -> str:
    return pattern.replace("{page}", str(page)).replace("{pages}", str(pages))


def _aligned(style: dict[str, ParagraphStyle]) -> dict[str, ParagraphStyle]:
    """The furniture's small type, set flush left ("l") and flush right ("r")."""
    small = style["muted"]
    return {"l": ParagraphStyle("f-l", parent=small), "r": ParagraphStyle("f-r", parent=small, alignment=2)}


def _furniture_writer(theme: Theme, page_size: tuple[float, float],
                      style: dict[str, ParagraphStyle]) -> Callable[..., None]:
    """``put(canvas, markup, x, y, align, room)``: one line of the page's furniture, cut to fit."""
    width, height = page_size
    m = theme.margins
    line = width - m.left - m.right
    aligned = _aligned(style)

    def put(c: rl_canvas.Canvas, markup: str, x: float, y: float, align: str, room: float = line) -> None:
        para = Paragraph(one_line(markup, aligned[align], room), aligned[align])
        para.wrap(line, height)
        para.drawOn(c, x if align == "l" else x - line, y)

    return put


def _furniture_drawer(theme: Theme, page_size: tuple[float, float], furniture: Furniture,
                      style: dict[str, ParagraphStyle]) -> Callable[[rl_canvas.Canvas, int, int], None]:
    width, height = page_size
    m = theme.margins
    line = width - m.left - m.right
    small = style["muted"]
    aligned = _aligned(style)
    put = _furniture_writer(theme, page_size, style)

    def beside(right: str) -> float:
        """The room left of a right-hand text, with a gap."""
        return line - stringWidth(words(right), small.fontName, small.fontSize) - 12

    def draw(c: rl_canvas.Canvas, page: int, pages: int) -> None:
        c.saveState()
        rule = colour(theme.colours.rule)
        c.setStrokeColor(rule)
        c.setLineWidth(theme.rule_width)
        if page > 1 or furniture.header_on_first_page:
            top = height - m.top + 10
            right = one_line(furniture.header_right, aligned["r"], line / 2)
            put(c, furniture.header_left, m.left, top + 2, "l", beside(right))
            put(c, right, width - m.right, top + 2, "r")
            c.line(m.left, top, width - m.right, top)
        bottom = footer_line(theme, style)
        c.line(m.left, m.bottom - 2, width - m.right, m.bottom - 2)
        pattern = _numbered(furniture.page_pattern, page, pages)
        put(c, furniture.footer_left, m.left, bottom, "l", beside(pattern))
        if pattern:  # in a form of its own, which the pack takes out to number the page as its own
            c.beginForm(f"{PAGE_NUMBER}{page}")
            put(c, pattern, width - m.right, bottom, "r")
            c.endForm()
            c.doForm(f"{PAGE_NUMBER}{page}")
        c.restoreState()

    return draw


def _without_trailing_space(story: Sequence[Flowable]) -> list[Flowable]:
    """The story without the spacers at its end: one that does not fit the last page would
    start a page of its own, printed blank but for its header and footer."""
    flowables = list(story)
    while flowables and type(flowables[-1]) is Spacer:
        flowables.pop()
    return flowables


def render_story(story: Sequence[Flowable], theme: Theme, page_size: tuple[float, float],
                 furniture: Furniture, metadata: Metadata, structure: Node | None = None) -> tuple[bytes, int]:
    """Lay out ``story`` on pages of ``page_size``; the tagged PDF's bytes and the page count.
    ``structure`` is the tree the story's flowables print (:mod:`compiler.tagging`)."""
    buffer = io.BytesIO()
    m = theme.margins
    width, height = page_size
    doc = _Document(
        buffer, pagesize=page_size, leftMargin=m.left, rightMargin=m.right, topMargin=m.top,
        bottomMargin=m.bottom, title=metadata.title, author=metadata.author, subject=metadata.subject,
        creator=f"printpack {__version__}", producer=f"printpack {__version__} (ReportLab)", invariant=1,
        room=(width - m.left - m.right, height - m.top - m.bottom),
    )
    frame = Frame(m.left, m.bottom, width - m.left - m.right, height - m.top - m.bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=lambda canvas, _: page_background(canvas, theme, page_size))])
    style = styles(theme)
    drawer = _furniture_drawer(theme, page_size, furniture, style)
    doc.build(_without_trailing_space(story), canvasmaker=_numbered_canvas(drawer, style["body"].fontName))
    pages = doc.page
    return finished(buffer.getvalue(), structure or tagging.document(), metadata), pages


def document_canvas(size: tuple[float, float], theme: Theme,
                    metadata: Metadata) -> tuple[tagging.TaggedCanvas, io.BytesIO]:
    """A canvas for pages drawn directly (posters, cards), reproducible, starting in a bundled
    font; its content is tagged in the tree ``canvas.structure`` (:mod:`compiler.tagging`), and
    :func:`saved` finishes it."""
    buffer = io.BytesIO()
    font = fonts.register(theme.fonts.body)
    fonts.register(MARKER_FONT)
    # types-reportlab declares initialFontName a number; ReportLab takes a font's name.
    canvas = tagging.TaggedCanvas(buffer, pagesize=size, invariant=1, initialFontName=font, pageCompression=1)
    canvas.setTitle(metadata.title)
    canvas.setAuthor(metadata.author)
    canvas.setSubject(metadata.subject)
    canvas.setCreator(f"printpack {__version__}")
    canvas.setProducer(f"printpack {__version__} (ReportLab)")
    return canvas, buffer


def saved(canvas: tagging.TaggedCanvas, buffer: io.BytesIO, metadata: Metadata) -> bytes:
    """The tagged PDF a :func:`document_canvas` drew."""
    canvas.save()
    return finished(buffer.getvalue(), canvas.structure, metadata)


def frame_size(theme: Theme, page_size: tuple[float, float]) -> tuple[float, float]:
    """The width and height content can use inside the margins."""
    m = theme.margins
    return page_size[0] - m.left - m.right, page_size[1] - m.top - m.bottom
