"""Draws a planned card sort: card grids, mats and the key page."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer

from compiler.errors import LayoutError, Unplaceable
from compiler.kinds.cardsort.plan import CardPlan, CardSortPlan
from compiler.outputs import Context, Rendered
from compiler.pdf import (
    MARKER_FONT,
    Paragraph,
    colour,
    frame_size,
    kept_with_next,
    padding,
    render_story,
    styles,
    table,
    words,
)
from compiler.theme import Theme

DIAMOND = (1, 2, 3, 2, 1)
CORNER = 9.0  # height of the strip at a card's foot holding its code and the sort's title
INSET = 6.0  # space between a card's cut line and its text


Styles = dict[str, ParagraphStyle]


@dataclass(frozen=True)
class FittedCard:
    card: CardPlan
    paragraph: Paragraph
    height: float


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

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.columns * self.card_width, self.rows * self.card_height

    def _origin(self, index: int) -> tuple[float, float]:
        row, column = divmod(index, self.columns)
        return column * self.card_width, (self.rows - row - 1) * self.card_height

    def draw(self) -> None:
        canvas = self.canv
        small = self.style["small"]
        for index, fitted in enumerate(self.cards):
            x, y = self._origin(index)
            card = fitted.card
            if card.heading and card.colour:
                canvas.setStrokeColor(colour(card.colour))
                canvas.setLineWidth(2.5)
                canvas.roundRect(x + 4, y + CORNER + 6, self.card_width - 8, self.card_height - CORNER - 10, 5)
            text_height = self.card_height - 2 * INSET - CORNER
            fitted.paragraph.drawOn(canvas, x + INSET, y + INSET + CORNER + (text_height - fitted.height) / 2)
            canvas.setFillColor(colour(self.theme.colours.muted))
            canvas.setFont(small.fontName, 6.5)
            title = _truncate_to_width(self.short_title, small.fontName, 6.5, self.card_width * 0.7)
            canvas.drawString(x + INSET, y + INSET - 1, title)
            canvas.setFont(self.style["label"].fontName, 7.5)
            canvas.drawRightString(x + self.card_width - INSET, y + INSET - 1, card.code)
        self._cut_lines()

    def _cut_lines(self) -> None:
        """Each edge once: neighbours share their cut. A scissors mark starts the top cut."""
        canvas = self.canv
        canvas.setStrokeColor(colour(self.theme.colours.muted))
        canvas.setLineWidth(0.6)
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
        canvas.setFont(MARKER_FONT, 11)
        canvas.drawString(-3, top - 4, "✂")


def _card_style(style: Styles, size: float, heading: bool) -> ParagraphStyle:
    parent = style["label"] if heading else style["body"]
    return ParagraphStyle(f"card-{size}-{heading}", parent=parent, fontSize=size, leading=size * 1.22,
                          alignment=TA_CENTER, spaceAfter=0)


def _fit(card: CardPlan, style: Styles, theme: Theme, width: float, height: float) -> FittedCard | None:
    """The card's text at the largest size that fits, in half points; None if even the minimum fails."""
    sizes = [theme.cards.max_font - 0.5 * k for k in range(int((theme.cards.max_font - theme.cards.min_font) * 2) + 1)]
    low, high, best = 0, len(sizes) - 1, None
    while low <= high:  # sizes fall as k rises; find the first that fits
        middle = (low + high) // 2
        paragraph = Paragraph(card.text, _card_style(style, sizes[middle], card.heading))
        _, needed = paragraph.wrap(width, height * 4)
        # ReportLab counts a trailing space in a line's width; 2% slack still catches a word too long to break
        if needed <= height and max(paragraph.getActualLineWidths0() or [0]) <= width * 1.02:
            best, high = FittedCard(card, paragraph, needed), middle - 1
        else:
            low = middle + 1
    return best


def _grid_geometry(plan: CardSortPlan, theme: Theme, width: float, height: float,
                   first_page_used: float) -> tuple[int, float, float, int, int]:
    target = getattr(theme.cards, plan.size)
    columns = max(1, int(width // target.width))
    rows = max(1, int(height // target.height))
    card_width, card_height = width / columns, height / rows
    first_rows = max(1, int((height - first_page_used) // card_height))
    return columns, card_width, card_height, rows, first_rows


def render(plan: CardSortPlan, context: Context) -> Rendered:
    theme = context.theme
    style = styles(theme)
    width, height = frame_size(theme, context.page_size)
    if plan.key:
        pdf, pages = render_story(_key(plan, style, theme, width), theme, context.page_size, plan.furniture,
                                  plan.metadata)
        return Rendered(pdf, pages)
    intro = _intro(plan, style, width)
    intro_height = sum(f.wrap(width, height)[1] for f in intro) + 12
    columns, card_width, card_height, rows, first_rows = _grid_geometry(plan, theme, width, height, intro_height)

    text_width, text_height = card_width - 2 * INSET, card_height - 2 * INSET - CORNER
    fitted, failures = [], []
    for card in plan.cards:
        result = _fit(card, style, theme, text_width, text_height)
        if result is None:
            smallest = Paragraph(card.text, _card_style(style, theme.cards.min_font, card.heading))
            _, needed = smallest.wrap(text_width, 1e6)
            failures.append(Unplaceable(card.path, f"the text does not fit on a {plan.size} card, even at "
                                        f"{theme.cards.min_font:g} pt", "shorten it, or use card_size: large",
                                        words(card.text), min(text_height / needed, 1.0)))
        else:
            fitted.append(result)
    if failures:
        raise LayoutError(failures)

    story: list[Flowable] = [*intro, Spacer(1, 12)]
    start, count = 0, first_rows * columns
    while start < len(fitted):
        if start:
            story.append(PageBreak())
        story.append(CardGrid(fitted[start:start + count], columns, card_width, card_height, plan.short_title,
                              style, theme))
        start, count = start + count, rows * columns
    if plan.mat_title:
        story += [PageBreak(), *_mat(plan, style, theme, width, height, card_width, card_height)]
    pdf, pages = render_story(story, theme, context.page_size, plan.furniture, plan.metadata)
    return Rendered(pdf, pages)


def _intro(plan: CardSortPlan, style: Styles, width: float) -> list[Flowable]:
    blocks: list[Flowable] = [Paragraph(plan.title, style["heading"])]
    if plan.instructions:
        blocks.append(Paragraph(plan.instructions, style["body"]))
    blocks.append(Paragraph(f'<font name="{MARKER_FONT}">✂</font>&nbsp; {plan.cut_instruction}', style["muted"]))
    return blocks


class Mat(Flowable):
    """A sort mat: a diamond of nine card-sized slots, or a column per category."""

    def __init__(self, plan: CardSortPlan, style: Styles, theme: Theme, width: float, height: float,
                 card_width: float, card_height: float) -> None:
        super().__init__()
        self.plan = plan
        self.style = style
        self.theme = theme
        self.width = width
        self.height = height
        self.slot = (card_width, card_height)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.plan.mode == "ranking":
            self._diamond()
        else:
            self._columns()

    def _label(self, text: str, x: float, y: float, *, centre: bool = True, fill: str | None = None) -> None:
        paragraph = Paragraph(text, ParagraphStyle("mat", parent=self.style["label"], alignment=TA_CENTER if centre else 0,
                                                   textColor=colour(fill or self.theme.colours.text)))
        w, _ = paragraph.wrap(self.width / 3, 40)
        paragraph.drawOn(self.canv, x - (w / 2 if centre else 0), y)

    def _diamond(self) -> None:
        canvas = self.canv
        label_space = 28
        numbers = 18  # the rank numbers' column on the left
        scale = min(1.0, (self.height - 2 * label_space) / (len(DIAMOND) * self.slot[1]),
                    (self.width - 2 * numbers) / (3 * self.slot[0]))
        slot_w, slot_h = self.slot[0] * scale, self.slot[1] * scale
        top = self.height - label_space
        most, least = self.plan.mat_labels
        self._label(most, self.width / 2, top + 8)
        canvas.setStrokeColor(colour(self.theme.colours.rule))
        canvas.setFillColor(colour(self.theme.colours.box))
        for row, count in enumerate(DIAMOND):
            y = top - (row + 1) * slot_h
            for column in range(count):
                x = self.width / 2 - count * slot_w / 2 + column * slot_w  # centred: clear of the numbers
                canvas.rect(x + 3, y + 3, slot_w - 6, slot_h - 6, fill=1)
            canvas.setFillColor(colour(self.theme.colours.muted))
            canvas.setFont(self.style["label"].fontName, 12)
            canvas.drawString(0, y + slot_h / 2 - 4, str(row + 1))
            canvas.setFillColor(colour(self.theme.colours.box))
        self._label(least, self.width / 2, top - len(DIAMOND) * slot_h - 20)

    def _columns(self) -> None:
        canvas = self.canv
        columns = self.plan.mat_columns
        column_width = self.width / len(columns)
        for k, (label, fill) in enumerate(columns):
            x = k * column_width
            canvas.setStrokeColor(colour(fill))
            canvas.setLineWidth(2)
            canvas.rect(x + 4, 0, column_width - 8, self.height - 4)
            self._label(label, x + column_width / 2, self.height - 40, fill=fill)


def _mat(plan: CardSortPlan, style: Styles, theme: Theme, width: float, height: float, card_width: float,
         card_height: float) -> list[Flowable]:
    title = Paragraph(plan.mat_title or "", style["heading"])
    used = title.wrap(width, height)[1] + 12
    return [title, Spacer(1, 12), Mat(plan, style, theme, width, height - used - 2, card_width, card_height)]


def _key(plan: CardSortPlan, style: Styles, theme: Theme, width: float) -> list[Flowable]:
    banner = ParagraphStyle("banner", parent=style["subheading"], textColor=colour(theme.colours.band_text))
    story: list[Flowable] = [table([[Paragraph(plan.key_heading, banner)]], [width],
                                   [("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.accent)),
                                    *padding(8, 8, 2, 5)], style["body"].fontName), Spacer(1, 8)]
    for group in plan.key_groups:
        rows = [[Paragraph(f"<b>{row.code}</b>", style["label"]), Paragraph(row.text, style["small"]),
                 Paragraph(f"<i>{row.note}</i>" if row.note else "", style["small"])] for row in group.rows]
        story += kept_with_next(Paragraph(group.heading, style["subheading"]))
        if rows:
            story.append(table(rows, [30, width * 0.55, width - 30 - width * 0.55], [
                ("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 6, 3, 3),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colour(theme.colours.rule))], style["body"].fontName))
        story.append(Spacer(1, 8))
    return story


def _truncate_to_width(text: str, font: str, size: float, width: float) -> str:
    while text and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text
