"""Draws a planned flash-card set: a page of fronts, then the page of their backs, and so on.

Geometry (points, ReportLab's origin at the foot of the page; pages always portrait):

- ``small``: the sheet cut 2 × 4 exactly, the paper's own eighths (A7 on A4), so the outer
  edges need no cutting; ``large``: 2 × 2 (A6 on A4); ``half``: 1 × 2 (A5 on A4), where large
  print (the theme's ``cards.flashcards``) prints a large set, as it prints a small set large,
  so that its 18 pt text has room; ``index-card``: 3 × 5 inch cards, 3 in
  one column, where Avery 5388 index-card stock has them on Letter (1.75 in from the sides,
  1 in from the top, no gaps), centred on A4.
- A back lies behind its front: for a long-edge flip, the back of the card at (x, y, w, h) is
  at (W − x − w, y, w, h); for a short-edge flip at (x, H − y − h, w, h), upright. ``fold``
  puts each front beside its back (or above it, for index cards, which are too wide for two
  side by side) on one side, with a fold line between them.
- Every word stays :data:`EDGE` from the paper's edge (printers leave that unprinted) and
  :data:`INSET` inside its card's cut lines.
- A page tint (the dyslexia profile's cream) is drawn under every page, fronts and backs.
- Cut lines are dashed and drawn on the fronts only: a line printed on both sides shows any
  misregistration of the duplex as a second line beside the first on every card.

Tagged for a screen reader (:mod:`compiler.tagging`): the set is a list of its cards in order,
each item labelled by the card's code (read once, from the front: the back's copy, the cut and
fold lines and the calibration marks are artifacts) and holding the front (its picture as a
Figure read as its alt text, its text, its credit) then the back, which may be on the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from compiler import tagging
from compiler.errors import FieldPath, LayoutError, Unplaceable
from compiler.figures import draw_picture, fitted
from compiler.kinds.flashcards.deck import Deck, FlashCard
from compiler.kinds.flashcards.plan import CardPlan, FlashcardPlan, Flip, deck_plan
from compiler.model import FlashcardSize
from compiler.outputs import Context, Rendered, Settings
from compiler.pdf import (
    Paragraph,
    any_scripts,
    card_style,
    colour,
    document_canvas,
    fit_width,
    largest_size,
    line_width,
    page_background,
    saved,
    script_overhang,
    styles,
    within_width,
    words,
)
from compiler.pictures import low_resolution
from compiler.tagging import Node
from compiler.theme import PAPER, FlashLayout, Theme, load_theme
from compiler.wording import Wording

EDGE = 10 * mm  # no word nearer the paper's edge: most printers leave that unprinted
# No word nearer a cut line than 5 mm, so scissors never reach it; 6 mm leaves room for a
# line a hair wider than measured (as on a card sort's cards).
INSET = 6 * mm
CODE_SIZE = 6.5  # the card's code, at its foot (or the theme's cards.label_font)
CODE_STRIP = 4 * mm  # the room kept at a card's foot for its code
CODE_RISE = 2.5  # the code's baseline above the inset: room for its descenders
# A front's text is set in the largest size that fits every front, from this (or the theme's
# cards.max_font), and a back's from the next, down to the theme's cards.min_font.
FRONT_LARGEST = 26.0
BACK_LARGEST = 16.0
POINT_GAP = 0.35  # between a back's points, as a share of the type size
BULLET_INDENT = 1.1  # a point's text from its bullet, as a share of the type size
INDEX_CARD = (5 * inch, 3 * inch)
INDEX_TOP = 1 * inch  # Avery 5388 on Letter: the first card's top edge from the paper's top
CALIBRATION_CARDS = 8  # a sheet of small cards
TARGET_INSET = 16 * mm  # the calibration cross from the card's top and left edges (its front's)
PAPER_WHITE = "#ffffff"  # behind the word on a fold line (or the theme's page tint)
PICTURE_SHARE = 0.55  # a front with a picture: its text leaves the picture at least this share of the room
PICTURE_GAP = 2 * mm  # between a front's picture and its text
CREDIT_SIZE = 6.5  # a front picture's credit, in small muted type under it (or cards.label_font)
FOLD_SIZE = 6.0  # the word on a fold line (or cards.label_font)
CREDIT_GAP = 1.5  # between the picture and its credit
CREDIT_LINES = 3  # the most lines a credit may take on a card; a longer one is a located error

Rect = tuple[float, float, float, float]  # x, y (the foot), width, height
Styles = dict[str, ParagraphStyle]


def slots(size: FlashLayout, page: tuple[float, float]) -> list[Rect]:
    """Where the cards of one page lie, in reading order (left to right, top to bottom)."""
    width, height = page
    if size == "index-card":
        card_width, card_height = INDEX_CARD
        left, top = (width - card_width) / 2, height - (height - 3 * card_height) / 2
        return [(left, top - (row + 1) * card_height, card_width, card_height) for row in range(3)]
    columns, rows = {"small": (2, 4), "large": (2, 2), "half": (1, 2)}[size]
    card_width, card_height = width / columns, height / rows
    return [(column * card_width, height - (row + 1) * card_height, card_width, card_height)
            for row in range(rows) for column in range(columns)]


def fold_pairs(size: FlashLayout, page: tuple[float, float]) -> list[tuple[Rect, Rect]]:
    """Where each front and its back lie on a page of a fold-over set: side by side in a row, or,
    for index cards and halves, the front above its back (two of them across are wider than the paper)."""
    places = slots(size, page)
    if size in ("index-card", "half"):
        return [(places[0], places[1])]
    return [(places[k], places[k + 1]) for k in range(0, len(places), 2)]


def back_of(rect: Rect, page: tuple[float, float], flip: Flip) -> Rect:
    """Where the back of the card at ``rect`` is printed on the next page, so that it lands behind
    the front once the printer turns the sheet over its long or its short edge."""
    x, y, w, h = rect
    width, height = page
    return (width - x - w, y, w, h) if flip == "long-edge" else (x, height - y - h, w, h)


def inset(rects: Sequence[Rect], page: tuple[float, float]) -> float:
    """How far inside its card every word stays: :data:`INSET`, or more where a card reaches
    nearer the paper's edge than :data:`EDGE` (one inset for every card, so all fit alike)."""
    width, height = page
    nearest = min(min(x, y, width - x - w, height - y - h) for x, y, w, h in rects)
    return max(INSET, EDGE - nearest)


@dataclass(frozen=True)
class CardNodes:
    """A card in the structure: an item of the set's list, labelled by its code, whose body is
    its front (picture, text, the picture's credit) and then its back (a paragraph, or a list of
    its points)."""

    label: Node
    figure: Node | None
    front: Node
    credit: Node | None
    back: Node


def _card_nodes(cards: Node, card: CardPlan) -> CardNodes:
    """``card``'s item, added to the list ``cards``."""
    item = cards.add("LI")
    label, body = item.add("Lbl"), item.add("LBody")
    figure = body.add("Figure", alt=card.alt) if card.picture is not None else None
    front = body.add("P")
    credit = body.add("P") if card.picture is not None and card.credit else None
    return CardNodes(label, figure, front, credit, body.add("L" if len(card.back) > 1 else "P"))


@dataclass(frozen=True)
class CardText:
    paragraphs: tuple[Paragraph, ...]
    height: float  # a first-line superscript's rise included


@dataclass(frozen=True)
class Faces:
    """How one side of the set's cards is set: a style at a size and the room it has."""

    styles: Callable[[float], tuple[ParagraphStyle, ParagraphStyle]]  # size -> text style, point style
    width: float
    height: float
    scripts: bool


def _set(texts: Sequence[str], faces: Faces, size: float, node: Node | None = None) -> CardText | None:
    """One side of a card (its text, or its points as a bulleted list) at ``size``, if it fits;
    its words are ``node``'s (a paragraph, or a list whose items are the points)."""
    text_style, point_style = faces.styles(size)
    listed = len(texts) > 1
    paragraphs, height = [], 0.0
    for k, text in enumerate(texts):
        style = point_style if listed else text_style
        owner = node.add("LI").add("LBody") if listed and node is not None else node
        paragraph = Paragraph(text, style, bulletText="•" if listed else None, node=owner)
        _, needed = paragraph.wrap(faces.width, faces.height * 4)
        if not within_width(paragraph, faces.width):  # a line's width counts its indent
            return None
        paragraphs.append(paragraph)
        height += needed + (size * POINT_GAP if k else 0.0)
    height += script_overhang(text_style.fontName, size) if faces.scripts else 0.0
    return CardText(tuple(paragraphs), height) if height <= faces.height else None


def _side_styles(parent: ParagraphStyle, name: str, scripts: bool,
                 alignment: Literal[0, 1]) -> Callable[[float], tuple[ParagraphStyle, ParagraphStyle]]:
    def at(size: float) -> tuple[ParagraphStyle, ParagraphStyle]:
        text = card_style(parent, name, size, scripts, alignment)
        point = ParagraphStyle(f"{text.name}-point", parent=card_style(parent, name, size, scripts, TA_LEFT),
                               leftIndent=size * BULLET_INDENT, bulletIndent=0, bulletFontName=text.fontName,
                               bulletFontSize=size)
        return text, point
    return at


def _side_size(texts: Sequence[tuple[str, ...]], faces: Sequence[Faces], largest: float,
               smallest: float) -> float | None:
    """The one size of a side of every card (each set in its own ``faces``: a front with a
    picture has less room): the largest at which each fits; None if one does not fit even at the
    smallest."""
    return largest_size(largest, smallest,
                        lambda at: all(_set(text, room, at) for text, room in zip(texts, faces, strict=True)))


def _too_long(texts: Sequence[tuple[str, ...]], faces: Sequence[Faces], smallest: float, paths: list[FieldPath],
              side: str, size: FlashcardSize) -> list[Unplaceable]:
    """The cards whose ``side`` does not fit even at the smallest size, each named by its words
    (never clipped): the build finds the field holding them below the card's path (the set's
    card, or the glossary term, person or event it is made from) and how long it may be."""
    hint = "shorten it" if size == "large" else "shorten it, or use size: large"
    return [Unplaceable(path, f"the {side} of this card does not fit on it, even at {smallest:g} pt", hint,
                        " ".join(words(point) for point in text),
                        min(1.0, room.height / _needed(text, room, smallest)))
            for text, room, path in zip(texts, faces, paths, strict=True) if not _set(text, room, smallest)]


def _needed(texts: tuple[str, ...], faces: Faces, size: float) -> float:
    """How tall a side of a card is at ``size``, wrapped to the card's width, fitting or not."""
    text_style, point_style = faces.styles(size)
    style = point_style if len(texts) > 1 else text_style
    heights = [Paragraph(text, style).wrap(faces.width, 1e6)[1] for text in texts]
    return sum(heights) + size * POINT_GAP * (len(texts) - 1)


def render(plan: FlashcardPlan, context: Context) -> Rendered:
    theme, page = context.theme, context.page_size
    style = styles(theme)
    canvas, buffer = document_canvas(page, theme, plan.metadata)
    fold = plan.flip == "fold"
    layout = theme.cards.flashcards.of(plan.size)  # large print prints each size larger
    pairs = fold_pairs(layout, page) if fold else [(rect, back_of(rect, page, plan.flip))
                                                   for rect in slots(layout, page)]
    margin = inset([rect for pair in pairs for rect in pair], page)
    _, _, card_width, card_height = pairs[0][0]
    width, height = card_width - 2 * margin, card_height - 2 * margin - code_strip(theme)
    cards = list(plan.cards)
    listed = canvas.structure.add("L")
    nodes = [_card_nodes(listed, card) for card in cards]
    paths = [card.path for card in cards]
    smallest = theme.cards.min_font
    front_texts, back_texts = [(card.front,) for card in cards], [card.back for card in cards]
    front_scripts = any_scripts(card.front for card in cards)
    back_scripts = any_scripts(point for card in cards for point in card.back)
    front_face = Faces(_side_styles(style["label"], "front", front_scripts, TA_CENTER), width, height, front_scripts)
    credits = [_credit(card, style, width, node.credit, theme) for card, node in zip(cards, nodes, strict=True)]
    too_long = [_long_credit(card, plan.size) for card, credit in zip(cards, credits, strict=True)
                if credit is not None and credit.height > CREDIT_LINES * credit.style.leading + 0.5]
    if too_long:
        raise LayoutError(too_long)
    front_faces = [replace(front_face, height=height * (1 - PICTURE_SHARE) - PICTURE_GAP - _credit_room(credit))
                   if card.picture else front_face for card, credit in zip(cards, credits, strict=True)]
    back_faces = [Faces(_side_styles(style["body"], "back", back_scripts, TA_CENTER), width, height,
                        back_scripts)] * len(cards)
    front_size = _side_size(front_texts, front_faces, max(FRONT_LARGEST, theme.cards.max_font), smallest)
    back_size = _side_size(back_texts, back_faces, max(BACK_LARGEST, theme.cards.max_font), smallest)
    if front_size is None or back_size is None:
        raise LayoutError([*(_too_long(front_texts, front_faces, smallest, paths, "front", plan.size)
                             if front_size is None else []),
                           *(_too_long(back_texts, back_faces, smallest, paths, "back", plan.size)
                             if back_size is None else [])])
    fronts = [text for text in (_set(side, room, front_size, node.front)
                                for side, room, node in zip(front_texts, front_faces, nodes, strict=True)) if text]
    backs = [text for text in (_set(side, room, back_size, node.back)
                               for side, room, node in zip(back_texts, back_faces, nodes, strict=True)) if text]
    drawer = _Drawer(canvas, plan, theme, style, page, margin)
    per_page = len(pairs)
    pages = 0
    for start in range(0, len(cards), per_page):
        laid = list(zip(pairs, cards[start:start + per_page], fronts[start:start + per_page],
                        backs[start:start + per_page], credits[start:start + per_page], nodes[start:start + per_page],
                        strict=False))
        page_background(canvas, theme, page)
        for (front_rect, back_rect), card, front, back, credit, node in laid:
            drawer.card(front_rect, card, front, picture=True, credit=credit, nodes=node)
            if fold:
                drawer.card(back_rect, card, back)
        drawer.cut_lines([pair for pair, *_ in laid])
        canvas.showPage()
        pages += 1
        if not fold:
            page_background(canvas, theme, page)
            for (_, back_rect), card, _, back, _, _ in laid:
                drawer.card(back_rect, card, back, back_side=True)
            canvas.showPage()
            pages += 1
    return Rendered(saved(canvas, buffer, plan.metadata), pages, tuple(_blurred(cards, fronts, credits, width, height)))


def code_strip(theme: Theme) -> float:
    """The room kept at a card's foot for its code: :data:`CODE_STRIP`, or more where the theme
    sets the code larger (large print's 16 pt)."""
    return max(CODE_STRIP, CODE_RISE + theme.cards.label(CODE_SIZE) * 1.3)


def _credit(card: CardPlan, style: Styles, width: float, node: Node | None, theme: Theme) -> Paragraph | None:
    """A front picture's credit, centred in small muted type and wrapped to the card's width."""
    if card.picture is None or not card.credit:
        return None
    size = theme.cards.label(CREDIT_SIZE)
    paragraph = Paragraph(card.credit, ParagraphStyle("front-credit", parent=style["muted"], fontSize=size,
                                                      leading=size * 1.25, alignment=TA_CENTER), node=node)
    paragraph.wrap(width, 1e6)
    return paragraph


def _credit_room(credit: Paragraph | None) -> float:
    """The height a front's credit takes under its picture, its gap included (0 without one)."""
    return credit.height + CREDIT_GAP if credit is not None else 0.0


def _long_credit(card: CardPlan, size: FlashcardSize) -> Unplaceable:
    hint = "shorten it" if size == "large" else "shorten it, or use size: large"
    return Unplaceable((*card.path, "picture", "credit"),
                       f"the picture's credit takes more than {CREDIT_LINES} lines under it on this card", hint)


def picture_box(text: CardText, width: float, room: float, credit: Paragraph | None = None) -> tuple[float, float]:
    """The box a front's picture is fitted into: the card's width, and the height its text and its
    credit leave."""
    return width, room - text.height - PICTURE_GAP - _credit_room(credit)


def _blurred(cards: list[CardPlan], fronts: list[CardText], credits: list[Paragraph | None], width: float,
             room: float) -> list[Unplaceable]:
    """A warning for each front whose picture prints below 150 dpi at the size it prints."""
    found = (low_resolution((*card.path, "picture"), card.picture,
                            *fitted(card.picture, *picture_box(text, width, room, credit)))
             for card, text, credit in zip(cards, fronts, credits, strict=True) if card.picture is not None)
    return [warning for warning in found if warning is not None]


class _Drawer:
    """Draws cards, cut lines and fold lines on the pages of one set."""

    def __init__(self, canvas: Canvas, plan: FlashcardPlan, theme: Theme, style: Styles,
                 page: tuple[float, float], margin: float) -> None:
        self.canvas = canvas
        self.plan = plan
        self.theme = theme
        self.style = style
        self.page = page
        self.margin = margin

    def card(self, rect: Rect, card: CardPlan, text: CardText, back_side: bool = False, picture: bool = False,
             credit: Paragraph | None = None, nodes: CardNodes | None = None) -> None:
        """One side of a card: its text in the middle of the room above the code, the code at the
        foot on the right; with ``picture``, the front's picture (its ``credit`` under it) above its
        text, all centred together. With ``nodes`` (on the front), the picture and the code are
        tagged as the card's; the code on the back is an artifact."""
        x, y, w, h = rect
        m = self.margin
        strip = code_strip(self.theme)
        room = h - 2 * m - strip
        drawn = card.picture if picture else None
        credit = credit if drawn is not None else None
        shown = fitted(drawn, *picture_box(text, w - 2 * m, room, credit)) if drawn is not None else (0.0, 0.0)
        block = text.height + (shown[1] + PICTURE_GAP + _credit_room(credit) if drawn is not None else 0.0)
        top = y + m + strip + (room + block) / 2
        if drawn is not None:
            draw_picture(self.canvas, drawn, x + m, top - shown[1], w - 2 * m, shown[1], (*card.path, "picture"),
                         nodes.figure if nodes else None)
            top -= shown[1] + _credit_room(credit)
            if credit is not None:
                credit.drawOn(self.canvas, x + m, top)
            top -= PICTURE_GAP
        listed = len(text.paragraphs) > 1
        widest = max(max(p.getActualLineWidths0() or [0]) for p in text.paragraphs)  # indent included
        # a list is set flush left, its block centred on the card
        left = x + m + ((w - 2 * m - widest) / 2 if listed else 0.0)
        for k, paragraph in enumerate(text.paragraphs):
            top -= paragraph.style.fontSize * POINT_GAP if k else 0.0
            top -= paragraph.height
            paragraph.drawOn(self.canvas, left, top)
        canvas = self.canvas
        canvas.setFillColor(colour(self.theme.colours.muted))
        font = self.style["label"].fontName
        size = self.theme.cards.label(CODE_SIZE)
        canvas.setFont(font, size)
        code = fit_width(card.code, font, size, w - 2 * m)
        with tagging.content(canvas, nodes.label if nodes else None):
            canvas.drawRightString(x + w - m, y + m + CODE_RISE, code)
        if self.plan.calibration:  # at the card's top corner on the side its front's top left lies behind
            across = x + w - TARGET_INSET if back_side and self.plan.flip == "long-edge" else x + TARGET_INSET
            down = y + TARGET_INSET if back_side and self.plan.flip == "short-edge" else y + h - TARGET_INSET
            self._target(across, down, rings=back_side)

    def _target(self, x: float, y: float, rings: bool) -> None:
        """A cross near a card's corner (on the front); on the back, the same cross with rings of
        1, 2 and 3 mm round it: held to the light, the front's cross shows how far the back is off."""
        canvas = self.canvas
        canvas.setStrokeColor(colour(self.theme.colours.text))
        canvas.setLineWidth(0.3)
        arm = 6 * mm
        canvas.line(x - arm, y, x + arm, y)
        canvas.line(x, y - arm, x, y + arm)
        if rings:
            for radius in (1, 2, 3):
                canvas.circle(x, y, radius * mm)

    def cut_lines(self, pairs: list[tuple[Rect, Rect]]) -> None:
        """Dashed cut lines round the cards of a fronts page (round each front-and-back pair of a
        fold-over page, with the fold line between them), each once, none along the paper's edge."""
        fold = self.plan.flip == "fold"
        rects = [_joined(*pair) for pair in pairs] if fold else [front for front, _ in pairs]
        edges: set[tuple[float, float, float, float]] = set()
        for x, y, w, h in rects:
            edges |= {(x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)}
        canvas = self.canvas
        canvas.setStrokeColor(colour(self.theme.colours.muted))
        canvas.setLineWidth(line_width(self.theme, 0.6))
        canvas.setDash(4, 3)
        for x1, y1, x2, y2 in sorted(edges):
            if not self._on_paper_edge(x1, y1, x2, y2):
                canvas.line(x1, y1, x2, y2)
        canvas.setDash()
        if fold:
            for front, back in pairs:
                self._fold_line(front, back)

    def _on_paper_edge(self, x1: float, y1: float, x2: float, y2: float) -> bool:
        width, height = self.page
        return (x1 == x2 and (abs(x1) < 0.5 or abs(x1 - width) < 0.5)) or (
            y1 == y2 and (abs(y1) < 0.5 or abs(y1 - height) < 0.5))

    def _fold_line(self, front: Rect, back: Rect) -> None:
        """A dash-dot line where front and back meet, thinner and in another rhythm than the cut
        lines, with the template's word for it at the middle, along the line."""
        canvas = self.canvas
        x, y, w, h = front
        beside = back[0] > x
        x1, y1, x2, y2 = (x + w, y, x + w, y + h) if beside else (x, y, x + w, y)
        canvas.setStrokeColor(colour(self.theme.colours.muted))
        canvas.setLineWidth(line_width(self.theme, 0.4))
        canvas.setDash([6, 2, 1, 2])
        canvas.line(x1, y1, x2, y2)
        canvas.setDash()
        label = self.style["muted"]
        size = self.theme.cards.label(FOLD_SIZE)
        label_text = fit_width(self.plan.fold_label, label.fontName, size, 40 * mm)
        canvas.saveState()
        canvas.translate((x1 + x2) / 2, (y1 + y2) / 2)
        if beside:
            canvas.rotate(90)
        half = canvas.stringWidth(label_text, label.fontName, size) / 2 + 1.5
        canvas.setFillColor(colour(self.theme.page_tint or PAPER_WHITE))
        canvas.rect(-half, -size / 2, 2 * half, size, stroke=0, fill=1)
        canvas.setFillColor(colour(self.theme.colours.muted))
        canvas.setFont(label.fontName, size)
        canvas.drawCentredString(0, -size * 0.35, label_text)
        canvas.restoreState()


def _joined(first: Rect, second: Rect) -> Rect:
    """The rectangle holding two cards side by side or one above the other."""
    x, y = min(first[0], second[0]), min(first[1], second[1])
    return x, y, max(first[0] + first[2], second[0] + second[2]) - x, max(first[1] + first[3], second[1] + second[3]) - y


def calibration_sheet(paper: str, flip: Flip = "long-edge") -> bytes:
    """One sheet of eight small cards whose fronts carry a cross near each card's corner and whose
    backs carry the same cross with rings of 1, 2 and 3 mm: printed on both sides and held to the
    light, it shows how far a printer's duplex puts the backs from their fronts. Drawn by this
    kind's own drawing from a built-in set worded by the English templates; the guide ships it
    as ``docs/flashcards-calibration-<paper>.pdf`` (regenerate with
    ``python -c 'from compiler.kinds.flashcards.draw import write_calibration_sheets; write_calibration_sheets(Path("docs"))'``, from the repository)."""
    wording = Wording(None, "en")
    context = Context(Settings(paper=paper), PAPER[paper], load_theme("default"), wording)
    cards = tuple(FlashCard(wording.phrase("flashcards.j2", "calibration_front", number=str(n)),
                            (wording.phrase("flashcards.j2", "calibration_back", number=str(n)),), ())
                  for n in range(1, CALIBRATION_CARDS + 1))
    title = wording.phrase("flashcards.j2", "calibration_title")
    deck = Deck("calibration", title, "small", (), cards)
    return render(deck_plan(deck, flip, context, calibration=True), context).pdf


def write_calibration_sheets(folder: Path) -> None:
    """Write the guide's calibration sheets, A4 and Letter, into ``folder`` (the repository's
    ``docs/``: an installed printpack has no such folder of its own)."""
    for paper in ("a4", "letter"):
        (folder / f"flashcards-calibration-{paper}.pdf").write_bytes(calibration_sheet(paper))
