"""Draws a planned card sort: card grids, mats and the key page.

Tagged for a screen reader (:mod:`compiler.tagging`): the sheet's title and instructions, then
the cards in the order of their codes as a list, each card an item labelled by its code (read
once: the sort's short title under it is an artifact, as are the cut lines) whose body is its
picture (a Figure read as its alt text), its text and its credit; then the list of credits too
long for their cards, and the mat (its title, its columns' headings or its two ends). The key
is its title and, per group, a heading over a list of the cards by code with their notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer

from compiler import tagging
from compiler.errors import FieldPath, LayoutError, Unplaceable
from compiler.fields import PictureData
from compiler.figures import draw_picture
from compiler.figures import fitted as picture_size
from compiler.kinds.cardsort.plan import CardPlan, CardSortPlan, KeyRow
from compiler.outputs import Context, Rendered
from compiler.pdf import (
    MARKER_FONT,
    Paragraph,
    any_scripts,
    card_style,
    colour,
    frame_size,
    kept_with_next,
    largest_size,
    line_width,
    padding,
    render_story,
    script_overhang,
    styles,
    table,
    within_width,
    words,
)
from compiler.pictures import low_resolution
from compiler.tagging import Node
from compiler.theme import Theme

DIAMOND = (1, 2, 3, 2, 1)
# Every word on a card, its code line included, stays 5 mm inside the cut lines, so a pupil's
# scissors never reach it; 6 mm leaves room for a line a hair wider than measured (see _fitted).
INSET = 6 * mm
CORNER = 16.0  # height of the strip at a card's foot holding its code and the sort's title
CODE_FONT = 7.5  # a card's code, at its foot on the right (or the theme's cards.label_font)
TITLE_FONT = 6.5  # the sort's short title, at the card's foot on the left (likewise)
CODE_RISE = 2.5  # the code line's baseline above the inset: room for its descenders
SLOT_PAD = 3.0  # a diamond slot's margin around the card laid on it
SLOT_GAP = 4.0  # between neighbouring diamond slots
RANK_LABEL = 28.0  # the band above and below the diamond for "most" and "least important"
RANK_NUMBERS = 18.0  # the rank numbers' column on the left (kept clear on the right too)
HEADING_FONT = (11.0, 6.0)  # a sort mat's category headings: largest and smallest size
HEADING_BAND = 0.2  # the share of the mat the headings may take before they shrink
COLUMN_INSET = 8.0  # from a mat column's edge to its heading
# A mat column is at least a card wide plus this: its frame (inset 4 pt, 2 pt thick) and room
# either side of a card laid in it. Columns that do not fit across the page continue on the next.
COLUMN_ROOM = 6 * mm
PICTURE_SHARE = 0.5  # a picture card's caption leaves its picture at least this share of the text area's height
CAPTION_GAP = 3.0  # between a picture card's picture and its caption
CREDIT_SIZE = 6.5  # a picture's credit, in one line under it on the card (or the theme's cards.label_font)
CREDIT_GAP = 1.5  # between that line and the picture
RANK_FONT = 12.0  # the ranking mat's rank numbers
KEY_PICTURE = (24 * mm, 14 * mm)  # the most a picture card's picture takes in the key: enough to know it by


Styles = dict[str, ParagraphStyle]


@dataclass(frozen=True)
class CardNodes:
    """A card in the structure: an item of the sheet's list of cards, labelled by its code, whose
    body is its picture, its text (a picture's caption) and its picture's credit."""

    label: Node
    figure: Node | None
    text: Node
    credit: Node | None


def _card_nodes(cards: Node, card: CardPlan) -> CardNodes:
    """``card``'s item, added to the list ``cards``."""
    item = cards.add("LI")
    label, body = item.add("Lbl"), item.add("LBody")
    figure = body.add("Figure", alt=card.alt) if card.picture is not None else None
    text = body.add("Caption" if card.picture is not None else "P")
    return CardNodes(label, figure, text, body.add("P") if card.credit else None)


@dataclass(frozen=True)
class FittedCard:
    card: CardPlan
    paragraph: Paragraph
    height: float  # a first-line superscript's rise included; a picture card's caption's (0 without one)
    credit: Paragraph | None = None  # the picture's credit, when it fits in one line on the card
    nodes: CardNodes | None = None  # where its words go in the structure (none while sizes are tried)

    @property
    def under_picture(self) -> float:
        """How much of the text area the credit line and the caption under the picture take."""
        credit = self.credit.style.leading + CREDIT_GAP if self.credit else 0.0
        return (self.height + CAPTION_GAP if self.card.text else 0.0) + credit

    def picture_box(self, width: float, height: float) -> tuple[float, float]:
        """The room a picture card's picture has in a text area of ``width`` × ``height``: all of
        it above its credit and the caption."""
        return width, height - self.under_picture


class CardGrid(Flowable):
    """One page's worth of cards in a grid, with shared dashed cut lines."""

    def __init__(self, cards: list[FittedCard], columns: int, card_width: float, card_height: float,
                 short_title: str, style: Styles, theme: Theme) -> None:
        super().__init__()
        self.cards = cards
        self.columns = columns
        self.card_width = card_width
        self.card_height = card_height
        self.short_title = short_title
        self.style = style
        self.theme = theme
        self.rows = -(-len(cards) // columns)
        self.hAlign = "CENTER"  # ranking cards keep their slot's size and need not fill the width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.columns * self.card_width, self.rows * self.card_height

    def _origin(self, index: int) -> tuple[float, float]:
        row, column = divmod(index, self.columns)
        return column * self.card_width, (self.rows - row - 1) * self.card_height

    def draw(self) -> None:
        canvas = self.canv
        small = self.style["small"]
        corner = _corner(self.theme)
        for index, fitted in enumerate(self.cards):
            x, y = self._origin(index)
            card = fitted.card
            if card.heading and card.colour:
                canvas.setStrokeColor(colour(card.colour))
                canvas.setLineWidth(2.5)
                frame = INSET / 2
                bottom = INSET + corner - 3
                canvas.roundRect(x + frame, y + bottom, self.card_width - 2 * frame,
                                 self.card_height - frame - bottom, 5)
            text_width, text_height = self.card_width - 2 * INSET, self.card_height - 2 * INSET - corner
            if card.picture is not None:  # the picture over its caption, the two centred together
                shown = picture_size(card.picture, *fitted.picture_box(text_width, text_height))
                caption = fitted.height + CAPTION_GAP if card.text else 0.0
                foot = y + INSET + corner + (text_height - shown[1] - fitted.under_picture) / 2
                draw_picture(canvas, card.picture, x + INSET, foot + fitted.under_picture, text_width, shown[1],
                             (*card.path, "picture"), fitted.nodes.figure if fitted.nodes else None)
                if fitted.credit is not None:
                    fitted.credit.drawOn(canvas, x + INSET, foot + caption)
                if card.text:
                    fitted.paragraph.drawOn(canvas, x + INSET, foot)
            else:
                fitted.paragraph.drawOn(canvas, x + INSET, y + INSET + corner + (text_height - fitted.height) / 2)
            canvas.setFillColor(colour(self.theme.colours.muted))
            title_size, code_size = self.theme.cards.label(TITLE_FONT), self.theme.cards.label(CODE_FONT)
            canvas.setFont(small.fontName, title_size)
            text_width = self.card_width - 2 * INSET
            code_room = max(24.0, stringWidth(card.code, self.style["label"].fontName, code_size) + 8)
            title = _truncate_to_width(self.short_title, small.fontName, title_size, text_width - code_room)
            canvas.drawString(x + INSET, y + INSET + CODE_RISE, title)
            canvas.setFont(self.style["label"].fontName, code_size)
            with tagging.content(canvas, fitted.nodes.label if fitted.nodes else None):
                canvas.drawRightString(x + self.card_width - INSET, y + INSET + CODE_RISE, card.code)
        self._cut_lines()

    def _cut_lines(self) -> None:
        """Each edge once: neighbours share their cut. A scissors mark starts the top cut."""
        canvas = self.canv
        canvas.setStrokeColor(colour(self.theme.colours.muted))
        canvas.setLineWidth(line_width(self.theme, 0.6))
        canvas.setDash(4, 3)
        edges: set[tuple[float, float, float, float]] = set()
        for index in range(len(self.cards)):
            x, y = self._origin(index)
            w, h = self.card_width, self.card_height
            edges |= {(x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)}
        for x1, y1, x2, y2 in sorted(edges):
            canvas.line(x1, y1, x2, y2)
        canvas.setDash()
        top = self.rows * self.card_height
        canvas.setFillColor(colour(self.theme.colours.muted))
        canvas.setFont(MARKER_FONT, self.theme.cards.label(11))
        canvas.drawString(-3, top - 4, "✂")


def _corner(theme: Theme) -> float:
    """The height of the strip at a card's foot holding its code and the sort's title: more than
    :data:`CORNER` where the theme sets them larger (large print's 16 pt)."""
    return max(CORNER, CODE_RISE + theme.cards.label(CODE_FONT) * 1.3)


def _card_style(style: Styles, size: float, heading: bool, scripts: bool) -> ParagraphStyle:
    """Card text at ``size`` (:func:`compiler.pdf.card_style`), a heading card's in the label face."""
    return card_style(style["label"] if heading else style["body"], f"card-{heading}", size, scripts, TA_CENTER)


def _has_scripts(cards: list[CardPlan]) -> bool:
    return any_scripts(card.text for card in cards)


def _credit(card: CardPlan, style: Styles, width: float, node: Node | None) -> Paragraph | None:
    """A picture card's credit line in small muted type, if it fits in one line across the card;
    None when the card has no credit or it is longer (it is then in the sheet's list of credits)."""
    if not card.credit:
        return None
    paragraph = Paragraph(card.credit, style["credit"], node=node)
    _, needed = paragraph.wrap(width, 1e6)
    return paragraph if needed <= style["credit"].fontSize * 1.3 and within_width(paragraph, width) else None


def _styles(theme: Theme) -> Styles:
    """The kind's styles: the theme's, and a picture's one-line credit on its card."""
    style = styles(theme)
    size = theme.cards.label(CREDIT_SIZE)
    style["credit"] = ParagraphStyle("card-credit", parent=style["muted"], fontSize=size, leading=size * 1.25,
                                     alignment=TA_CENTER)
    return style


def _fitted(card: CardPlan, style: Styles, size: float, scripts: bool, width: float,
            height: float, nodes: CardNodes | None = None) -> FittedCard | None:
    """The card's text set at ``size`` if it fits the card's text area, else None. A picture
    card's caption fits if it leaves the picture (and its credit line) :data:`PICTURE_SHARE` of
    the area's height. ``nodes``: the card's place in the structure, once the size is chosen."""
    card_style = _card_style(style, size, card.heading, scripts)
    paragraph = Paragraph(card.text, card_style, node=nodes.text if nodes else None)
    credit = _credit(card, style, width, nodes.credit if nodes else None)
    if card.picture is not None and not card.text:
        return FittedCard(card, paragraph, 0.0, credit, nodes)
    _, needed = paragraph.wrap(width, height * 4)
    needed += script_overhang(card_style.fontName, size) if scripts else 0.0
    room = height * (1 - PICTURE_SHARE) - CAPTION_GAP if card.picture is not None else height
    if needed <= room and within_width(paragraph, width):
        return FittedCard(card, paragraph, needed, credit, nodes)
    return None


def _set_size(cards: list[CardPlan], style: Styles, theme: Theme, scripts: bool, width: float,
              height: float) -> float | None:
    """The one type size of the whole set: the largest, in half points from the theme's
    ``max_font`` down to its ``min_font``, at which every card's text fits; None if even the
    smallest leaves a card over."""
    return largest_size(theme.cards.max_font, theme.cards.min_font,
                        lambda size: all(_fitted(card, style, size, scripts, width, height) for card in cards))


def _too_long(card: CardPlan, plan: CardSortPlan, style: Styles, theme: Theme, scripts: bool, width: float,
              height: float) -> Unplaceable:
    smallest = Paragraph(card.text, _card_style(style, theme.cards.min_font, card.heading, scripts))
    _, needed = smallest.wrap(width, 1e6)
    if card.picture is not None:
        room = height * (1 - PICTURE_SHARE) - CAPTION_GAP
        return Unplaceable(card.path, f"the caption does not fit under the picture on a {plan.size} card, even at "
                           f"{theme.cards.min_font:g} pt", "shorten it, or use card_size: large", words(card.text),
                           min(room / needed, 1.0))
    return Unplaceable(card.path, f"the text does not fit on a {plan.size} card, even at {theme.cards.min_font:g} pt",
                       "shorten it, or use card_size: large", words(card.text), min(height / needed, 1.0))


@dataclass(frozen=True)
class Grid:
    """How the cards lie on the pages: columns, card size, rows on a full page and on the first."""

    columns: int
    card_width: float
    card_height: float
    rows: int
    first_rows: int


def _layouts(plan: CardSortPlan, theme: Theme) -> list[tuple[str, bool]]:
    """The card sizes to try in turn, each with whether a ranking's diamond spreads over pages
    (:func:`_ranking_mat`): the sort's own size, then a ranking's spread diamond, then, where the
    theme lets cards grow (``cards.grow``: large print), each larger size."""
    sizes = ["small", "medium", "large"]
    larger = sizes[sizes.index(plan.size) + 1:] if theme.cards.grow else []
    ranking = plan.mode == "ranking"
    return [(plan.size, False), *([(plan.size, True)] if ranking else []), *((size, ranking) for size in larger)]


def _text_area(grid: Grid, theme: Theme) -> tuple[float, float]:
    """The width and height of a card's text, inside its inset and above its code."""
    return grid.card_width - 2 * INSET, grid.card_height - 2 * INSET - _corner(theme)


def _grid(plan: CardSortPlan, theme: Theme, width: float, height: float, first_page_used: float,
          mat_height: float, card_size: str, spread: bool = False) -> Grid:
    """Cards stretch from the theme's target size to fill the page evenly; ranking cards are
    instead the size of the diamond's slots, so that each card lies on its slot. A ``spread``
    diamond (:func:`_ranking_mat`) has room for two slots across and cards of the target height."""
    target = getattr(theme.cards, card_size)
    if plan.mode == "ranking":
        cell_width, cell_height = _diamond_cell(width, mat_height)
        if spread:
            cell_width, cell_height = cell_width * max(DIAMOND) / 2, target.height + 2 * SLOT_PAD + SLOT_GAP
        card_width = min(target.width, cell_width - 2 * SLOT_PAD - SLOT_GAP)
        card_height = min(target.height, cell_height - 2 * SLOT_PAD - SLOT_GAP)
        columns, rows = max(1, int(width // card_width)), max(1, int(height // card_height))
    else:
        columns, rows = max(1, int(width // target.width)), max(1, int(height // target.height))
        card_width, card_height = width / columns, height / rows
    return Grid(columns, card_width, card_height, rows, max(1, int((height - first_page_used) // card_height)))


def _diamond_cell(width: float, mat_height: float) -> tuple[float, float]:
    """The room a diamond slot and its share of the gaps may take on the mat."""
    return (width - 2 * RANK_NUMBERS) / max(DIAMOND), (mat_height - 2 * RANK_LABEL) / len(DIAMOND)


def render(plan: CardSortPlan, context: Context) -> Rendered:
    theme = context.theme
    style = _styles(theme)
    width, height = frame_size(theme, context.page_size)
    root = tagging.document()
    if plan.key:
        pdf, pages = render_story(_key(plan, style, theme, width, root), theme, context.page_size, plan.furniture,
                                  plan.metadata, root)
        return Rendered(pdf, pages)
    intro = _intro(plan, style, root)
    intro_height = sum(f.wrap(width, height)[1] for f in intro)
    mat_title = Paragraph(plan.mat_title or "", style["heading"])
    mat_height = height - mat_title.wrap(width, height)[1] - 14
    cards = list(plan.cards)
    scripts = _has_scripts(cards)
    # the grid keeps INSET from the intro, the header and the footer as from its cards' words
    grids = [_grid(plan, theme, width, height - 2 * INSET, intro_height, mat_height, card_size, spread)
             for card_size, spread in _layouts(plan, theme)]
    grid, size = next(((grid, size) for grid in grids
                       if (size := _set_size(cards, style, theme, scripts, *_text_area(grid, theme))) is not None),
                      (grids[0], None))
    text_width, text_height = _text_area(grid, theme)
    if size is None:
        raise LayoutError(_too_long(card, plan, style, theme, scripts, text_width, text_height) for card in cards
                          if not _fitted(card, style, theme.cards.min_font, scripts, text_width, text_height))
    listed = root.add("L")
    fitted = [f for f in (_fitted(card, style, size, scripts, text_width, text_height, _card_nodes(listed, card))
                          for card in cards) if f]

    story: list[Flowable] = [*intro, Spacer(1, INSET)]
    start, count = 0, grid.first_rows * grid.columns
    while start < len(fitted):
        if start:
            story += [PageBreak(), Spacer(1, INSET)]
        story.append(CardGrid(fitted[start:start + count], grid.columns, grid.card_width,
                              grid.card_height, plan.short_title, style, theme))
        start, count = start + count, grid.rows * grid.columns
    story += _credit_list(plan, fitted, style, root.add("Sect"))
    if plan.mode == "ranking" and plan.mat_title:
        story += _ranking_mat(plan, style, theme, width, mat_height, grid, root.add("Sect"))
    elif plan.mat_title:
        story += _column_mats(plan, style, theme, width, mat_height, grid.card_width, root.add("Sect"))
    pdf, pages = render_story(story, theme, context.page_size, plan.furniture, plan.metadata, root)
    return Rendered(pdf, pages, tuple(_blurred(fitted, text_width, text_height)))


def _blurred(cards: list[FittedCard], width: float, height: float) -> list[Unplaceable]:
    """A warning for each picture card whose picture prints below 150 dpi at the size it prints."""
    warnings = []
    for card in cards:
        if card.card.picture is not None:
            printed = picture_size(card.card.picture, *card.picture_box(width, height))
            warning = low_resolution((*card.card.path, "picture"), card.card.picture, *printed)
            if warning is not None:
                warnings.append(warning)
    return warnings


def _credit_list(plan: CardSortPlan, cards: list[FittedCard], style: Styles, section: Node) -> list[Flowable]:
    """The credits too long for one line on their cards, each by its card's code, under the
    cards (on their last page if there is room): printed in full, never cut short. Tagged in
    ``section``: a heading over a list."""
    listed = [card.card.listed_credit for card in cards if card.card.credit and card.credit is None]
    if not listed:
        return []
    heading = Paragraph(plan.credits_heading, style["label"], node=section.add("H2"))
    entries = section.add("L")
    return [Spacer(1, INSET), *kept_with_next(heading),
            *(Paragraph(entry, style["small"], node=_list_item(entries)) for entry in listed)]


def _list_item(items: Node) -> Node:
    """The body of a new item of the list ``items``, one with no label."""
    return items.add("LI").add("LBody")


def _intro(plan: CardSortPlan, style: Styles, root: Node) -> list[Flowable]:
    """The sheet's title, instructions and the instruction to cut, tagged under ``root``."""
    blocks: list[Flowable] = [Paragraph(plan.title, style["heading"], node=root.add("H1"))]
    if plan.instructions:
        blocks.append(Paragraph(plan.instructions, style["body"], node=root.add("P")))
    blocks.append(Paragraph(f'<font name="{MARKER_FONT}">✂</font>&nbsp; {plan.cut_instruction}', style["muted"],
                            node=root.add("P")))
    return blocks


def _mat_pages(count: int, width: float, card_width: float) -> list[range]:
    """The categories on each page of a sort mat: as many columns as fit across the page at
    least a card wide (plus :data:`COLUMN_ROOM`), spread evenly over as few pages as hold them."""
    across = max(1, int(width // (card_width + COLUMN_ROOM)))
    pages = -(-count // across)
    per_page = -(-count // pages)
    return [range(start, min(start + per_page, count)) for start in range(0, count, per_page)]


def _column_mats(plan: CardSortPlan, style: Styles, theme: Theme, width: float, height: float,
                 card_width: float, mat: Node) -> list[Flowable]:
    """The sort mat's pages, each under the mat's title (numbered "1/2", "2/2" when it runs over
    several), every column the same width: at least a card's, so each card lies in its column.
    Tagged in ``mat``: the first page's title as its heading (the others repeat it, artifacts),
    then the columns' headings as one list."""
    pages = _mat_pages(len(plan.mat_columns), width, card_width)
    column_width = width / len(pages[0])
    heading, listed = mat.add("H2"), mat.add("L")
    story: list[Flowable] = []
    for number, columns in enumerate(pages, start=1):
        title = _numbered(plan, number, len(pages))
        story += _mat_page(title, style, heading if number == 1 else None,
                           ColumnMat(tuple(plan.mat_columns[k] for k in columns), plan.language, style, theme, width,
                                     height - _title_rise(plan, title, style, width), column_width,
                                     tuple(_list_item(listed) for _ in columns)))
    return story


def _numbered(plan: CardSortPlan, number: int, count: int) -> str:
    """The title of the ``number``-th of a mat's ``count`` pages: numbered "(2/3)" if there are several."""
    return f"{plan.mat_title or ''} ({number}/{count})" if count > 1 else plan.mat_title or ""


def _mat_page(title: str, style: Styles, heading: Node | None, mat: Flowable) -> list[Flowable]:
    """A page of a mat under its title (tagged as ``heading`` on the first page, else an artifact)."""
    return [PageBreak(), Paragraph(title, style["heading"], node=heading), Spacer(1, 12), mat]


class ColumnMat(Flowable):
    """One page of a categories sort mat: a column per category under its heading (tagged as
    ``nodes``, one per column)."""

    def __init__(self, columns: tuple[tuple[str, str], ...], language: str, style: Styles, theme: Theme,
                 width: float, height: float, column_width: float, nodes: tuple[Node, ...]) -> None:
        super().__init__()
        self.columns = columns
        self.nodes = nodes
        self.language = language
        self.style = style
        self.theme = theme
        self.width = width
        self.height = height
        self.column_width = column_width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        column_width = self.column_width
        headings = _headings(self.columns, self.style, self.language, column_width - 2 * COLUMN_INSET,
                             self.height * HEADING_BAND, self.theme)
        band = max(h for _, h in headings)
        for k, ((_, fill), (heading, needed), node) in enumerate(zip(self.columns, headings, self.nodes, strict=True)):
            x = k * column_width
            canvas.setStrokeColor(colour(fill))
            canvas.setLineWidth(2)  # a frame in the category's colour; its heading names it
            canvas.rect(x + 4, 0, column_width - 8, self.height - 4)
            with tagging.content(canvas, node):
                heading.drawOn(canvas, x + COLUMN_INSET, self.height - COLUMN_INSET - needed)
            canvas.setLineWidth(line_width(self.theme, 1))
            rule = self.height - 2 * COLUMN_INSET - band
            canvas.line(x + COLUMN_INSET, rule, x + column_width - COLUMN_INSET, rule)


Line = tuple[int, int]  # a line of a ranking mat's slots: its rank (0 the first) and how many slots


def _diamond_lines(across: int) -> list[Line]:
    """The diamond's rows as lines of at most ``across`` slots: a row of three where only two fit
    across (large print) is a line of two over a line of one, both numbered with its rank."""
    return [(rank, min(across, count - start)) for rank, count in enumerate(DIAMOND)
            for start in range(0, count, across)]


def _ranking_mat(plan: CardSortPlan, style: Styles, theme: Theme, width: float, height: float, grid: Grid,
                 mat: Node) -> list[Flowable]:
    """The ranking mat's pages, each under the mat's title (numbered "1/3", "2/3" ... when the
    diamond runs over several, as large print's cards make it): as many lines of slots as fit
    the page. Tagged in ``mat``: the title, the first end's label, the diamond (one Figure over
    all its pages) and the last end's label."""
    slot = (grid.card_width + 2 * SLOT_PAD, grid.card_height + 2 * SLOT_PAD)
    across = max(1, int((width - 2 * RANK_NUMBERS + 0.01) // (slot[0] + SLOT_GAP)))
    lines = _diamond_lines(across)
    pages = _mat_lines(lines, height, slot[1])
    if len(pages) > 1:  # under a numbered title, which may take another line
        height -= _title_rise(plan, _numbered(plan, len(lines), len(lines)), style, width)
        pages = _mat_lines(lines, height, slot[1])
    heading = mat.add("H2")
    nodes = MatNodes(mat.add("P"), mat.add("Figure", alt=plan.diamond_alt), mat.add("P"))
    story: list[Flowable] = []
    for number, page in enumerate(pages, start=1):
        story += _mat_page(_numbered(plan, number, len(pages)), style, heading if number == 1 else None,
                           Mat(plan, style, theme, width, height, slot, nodes, page, (number == 1, number == len(pages))))
    return story


def _mat_lines(lines: list[Line], height: float, slot_height: float) -> list[tuple[Line, ...]]:
    """The lines of slots on each page of a ranking mat ``height`` tall: as many as fit."""
    per_page = max(1, int((height - 2 * RANK_LABEL + 0.01) // (slot_height + SLOT_GAP)))
    return [tuple(lines[start:start + per_page]) for start in range(0, len(lines), per_page)]


def _title_rise(plan: CardSortPlan, title: str, style: Styles, width: float) -> float:
    """How much taller a mat page's ``title`` (numbered: "(2/3)") is than the mat's own title,
    which the mat's height was measured under."""
    own = Paragraph(plan.mat_title or "", style["heading"]).wrap(width, 1e6)[1]
    return float(Paragraph(title, style["heading"]).wrap(width, 1e6)[1] - own)


@dataclass(frozen=True)
class MatNodes:
    """A ranking mat in the structure: its two ends' labels round a Figure (the slots and their
    rank numbers, read as the plan's words for the diamond)."""

    most: Node
    diamond: Node
    least: Node


class Mat(Flowable):
    """A page of a ranking mat: lines of the diamond's slots, each a little larger than a card,
    with the label of the diamond's top end above them on its first page and of its foot below
    them on its last (``ends``)."""

    def __init__(self, plan: CardSortPlan, style: Styles, theme: Theme, width: float, height: float,
                 slot: tuple[float, float], nodes: MatNodes, lines: tuple[Line, ...],
                 ends: tuple[bool, bool]) -> None:
        super().__init__()
        self.plan = plan
        self.most, self.diamond, self.least = nodes.most, nodes.diamond, nodes.least
        self.style = style
        self.theme = theme
        self.width = width
        self.height = height
        self.slot = slot
        self.lines = lines
        self.ends = ends

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self._diamond()

    def _label(self, text: str, x: float, y: float, node: Node) -> None:
        paragraph = Paragraph(text, ParagraphStyle("mat", parent=self.style["label"], alignment=TA_CENTER,
                                                   textColor=colour(self.theme.colours.text)), node=node)
        w, _ = paragraph.wrap(self.width / 3, 40)
        paragraph.drawOn(self.canv, x - w / 2, y)

    def _diamond(self) -> None:
        pitch = self.slot[1] + SLOT_GAP
        top = self.height / 2 + len(self.lines) * pitch / 2
        most, least = self.plan.mat_labels
        if self.ends[0]:
            self._label(most, self.width / 2, top + 8, self.most)
        with tagging.content(self.canv, self.diamond):
            self._slots(top, pitch)
        if self.ends[1]:
            self._label(least, self.width / 2, top - len(self.lines) * pitch - 20, self.least)

    def _slots(self, top: float, pitch: float) -> None:
        """The lines of slots from ``top`` down, ``pitch`` apart, each line's rank at the left."""
        canvas = self.canv
        slot_w, slot_h = self.slot
        canvas.setStrokeColor(colour(self.theme.colours.rule))
        for line, (row, count) in enumerate(self.lines):
            y = top - (line + 1) * pitch + SLOT_GAP / 2
            for column in range(count):
                x = self.width / 2 - count * (slot_w + SLOT_GAP) / 2 + column * (slot_w + SLOT_GAP) + SLOT_GAP / 2
                canvas.setFillColor(colour(self.theme.colours.box))
                canvas.rect(x, y, slot_w, slot_h, fill=1)
            canvas.setFillColor(colour(self.theme.colours.muted))
            canvas.setFont(self.style["label"].fontName, self.theme.cards.label(RANK_FONT))
            canvas.drawString(0, y + slot_h / 2 - 4, str(row + 1))


def _headings(columns: tuple[tuple[str, str], ...], style: Styles, language: str, width: float,
              band: float, theme: Theme) -> list[tuple[Paragraph, float]]:
    """The mat's category headings in one size, the largest (in half points) at which each
    wraps into its column and no heading is taller than ``band``. Lines break between words,
    and a word too long for the column is hyphenated in the unit's language (pyphen), never
    cut without a hyphen; at the smallest size the headings stand even if taller than the band.
    Each is in its category's colour, or in the text's where the theme says so (high contrast)."""
    largest, smallest = (theme.cards.label(size) for size in HEADING_FONT)
    if theme.cards.category_text == "text":
        columns = tuple((label, theme.colours.text) for label, _ in columns)
    for step in range(int((largest - smallest) * 2) + 1):
        headings = _set_headings(columns, style, language, largest - 0.5 * step, width)
        if all(h <= band and max(p.getActualLineWidths0() or [0]) <= width * 1.02 for p, h in headings):
            return headings
    return _set_headings(columns, style, language, smallest, width)


def _set_headings(columns: tuple[tuple[str, str], ...], style: Styles, language: str, size: float,
                  width: float) -> list[tuple[Paragraph, float]]:
    """Each heading wrapped to ``width`` at ``size``, with its height."""
    headings = []
    for label, fill in columns:
        paragraph = Paragraph(label, ParagraphStyle(f"mat-{size}", parent=style["label"], fontSize=size,
                                                    leading=size * 1.25, alignment=TA_CENTER,
                                                    textColor=colour(fill), splitLongWords=0,
                                                    hyphenationLang=language))
        headings.append((paragraph, paragraph.wrap(width, 1e6)[1]))
    return headings


def _key(plan: CardSortPlan, style: Styles, theme: Theme, width: float, root: Node) -> list[Flowable]:
    """The key's pages: its title, then each group's heading over its cards in a table, tagged
    under ``root`` as the title and a section per group, its cards a list labelled by code.
    A card's words are never smaller here than the cards print them (large print's 18 pt)."""
    style = {**style, "small": _no_smaller(style["small"], theme.cards.min_font)}
    banner = ParagraphStyle("banner", parent=style["subheading"], textColor=colour(theme.colours.band_text))
    story: list[Flowable] = [table([[Paragraph(plan.key_heading, banner, node=root.add("H1"))]], [width],
                                   [*_banner(theme), *padding(8, 8, 2, 5)], style["body"].fontName), Spacer(1, 8)]
    code_width = max(30.0, *(stringWidth(row.code, style["label"].fontName, style["label"].fontSize) + 8
                             for group in plan.key_groups for row in group.rows))
    for group in plan.key_groups:
        section = root.add("Sect")
        story += kept_with_next(Paragraph(group.heading, style["subheading"], node=section.add("H2")))
        listed = section.add("L")
        rows = [_key_row(row, style, listed.add("LI")) for row in group.rows]
        if rows:
            story.append(table(rows, [code_width, width * 0.55, width - code_width - width * 0.55], [
                ("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 6, 3, 3),
                ("LINEBELOW", (0, 0), (-1, -1), line_width(theme, 0.3), colour(theme.colours.rule))], style["body"].fontName))
        story.append(Spacer(1, 8))
    return story


def _banner(theme: Theme) -> list[tuple[Any, ...]]:
    """The key's title band: the accent colour behind it, or, where that is the colour of the
    band's text (high contrast: black on black), the band's colour with a rule round it."""
    if theme.colours.accent != theme.colours.band_text:
        return [("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.accent))]
    return [("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.band)),
            ("BOX", (0, 0), (-1, -1), line_width(theme, 1), colour(theme.colours.rule))]


def _no_smaller(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """``style``, or the same at ``size`` if that is larger."""
    if style.fontSize >= size:
        return style
    return ParagraphStyle(f"{style.name}-{size:g}", parent=style, fontSize=size, leading=size * style.leading / style.fontSize)


def _key_row(row: KeyRow, style: Styles, item: Node) -> list[Flowable | list[Flowable]]:
    """A card's row in the key: its code, the card, its note (in the sequence, its date); tagged
    as the list item ``item``, labelled by the code."""
    label, body = item.add("Lbl"), item.add("LBody")
    return [Paragraph(f"<b>{row.code}</b>", style["label"], node=label), _key_card(row, style, body),
            Paragraph(f"<i>{row.note}</i>" if row.note else "", style["small"], node=body.add("P") if row.note else None)]


def _key_card(row: KeyRow, style: Styles, body: Node) -> Paragraph | list[Flowable]:
    """A card as the key shows it: its text; a picture card's picture, small, over its caption
    (or its alt text), so the teacher knows the card on the table by its picture. In ``body``,
    the picture is a Figure read as its alt text; a card without a caption shows that alt text
    under it, which is then the Figure's own (read once)."""
    if row.picture is None:
        return Paragraph(row.text, style["small"], node=body.add("P"))
    figure = body.add("Figure", alt=row.alt)
    text = Paragraph(row.text, style["small"], node=body.add("Caption") if row.captioned else figure)
    return [Thumbnail(row.picture, *KEY_PICTURE, (*row.path, "picture"), figure), Spacer(1, 2), text]


class Thumbnail(Flowable):
    """A picture fitted into ``width`` × ``height``, set at the left of its cell, drawn as the
    content of ``node`` (its Figure)."""

    def __init__(self, picture: PictureData, width: float, height: float, path: FieldPath = (),
                 node: Node | None = None) -> None:
        super().__init__()
        self.picture = picture
        self.size = picture_size(picture, width, height)
        self.path = path
        self.node = node

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size

    def draw(self) -> None:
        draw_picture(self.canv, self.picture, 0, 0, *self.size, self.path, self.node)


def _truncate_to_width(text: str, font: str, size: float, width: float) -> str:
    while text and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text
