"""What a question type's drawing works with: the question's column, shared flowables, the key's
answer lines. ReportLab; imported only by drawing modules.

A question is tagged (:mod:`compiler.tagging`) as the group ``Column.node``: a type adds the
elements of what it draws under it, in reading order (options as a list, each letter its label;
a mark scheme's levels as a table with header cells; ruled lines as a Figure read as "Answer
space: 8 lines"). A type that adds none leaves its drawing an artifact."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from compiler import tagging
from compiler.pdf import Paragraph, colour, kept_with_next, padding, scripted, table
from compiler.questions.planning import MOST_LINES_IN_ROW, Level, WritingSpace
from compiler.tagging import Node
from compiler.theme import Theme

LINE_SPACING = 8 * mm
"""Answer lines apart in the default theme; a theme's ``answer_scale`` sets them further apart."""
LINE_WEIGHT = 0.5  # an answer line, in points, in the default theme
Styles = dict[str, ParagraphStyle]


@dataclass(frozen=True)
class Column:
    """Where a question is drawn: its column of the question's row (``width``, starting
    ``indent`` from the frame's left edge), the page frame's ``height``, the worksheet's
    paragraph styles and the theme; ``node``, the question's group in the document's structure
    (None where nothing is tagged)."""

    style: Styles
    theme: Theme
    width: float
    height: float
    indent: float
    node: Node | None = None

    @property
    def font(self) -> str:
        return self.style["body"].fontName

    @property
    def spacing(self) -> float:
        """How far apart answer lines are: :data:`LINE_SPACING`, times the theme's ``answer_scale``
        (large print: handwriting grows with the print)."""
        return LINE_SPACING * self.theme.answer_scale

    def lines(self, count: int, indent: float = 0, *, whole_pages: bool = False, share: bool = False,
              node: Node | None = None) -> RuledLines:
        """``count`` answer lines the column wide, as far apart and as thick as the theme draws them,
        drawn as the Figure ``node``."""
        return RuledLines(count, self.width, self.theme.colours.rule, indent, whole_pages=whole_pages, share=share,
                          spacing=self.spacing, weight=self.theme.line(LINE_WEIGHT), node=node)


@dataclass(frozen=True)
class Drawn:
    """A question on the sheet: what goes in its row (which moves to the next page whole), and
    what follows the row and may continue over pages (kept with the row's start)."""

    inside: list[Flowable]
    after: list[Flowable] = field(default_factory=list)


class QuestionDrawing(Protocol):
    """The module a question type names as its ``drawing``: ``sheet`` and ``key`` tag what they
    draw under ``column.node`` (see the module's note). It may also have
    ``warnings(body, width, height) -> list[Unplaceable]``: what the sheet should warn of (a
    picture it draws itself, printed below 150 dpi) in a column ``width`` wide on a frame
    ``height`` high."""

    def sheet(self, body: Any, column: Column) -> Drawn: ...

    def key(self, body: Any, column: Column) -> list[Flowable]: ...


def child(parent: Node | None, role: str, **attributes: Any) -> Node | None:
    """A new element under ``parent``, after its children (none where nothing is tagged)."""
    return parent.add(role, **attributes) if parent is not None else None


def list_item(parent: Node | None) -> tuple[Node | None, Node | None]:
    """A new item of the list ``parent``: its label and its body."""
    item = child(parent, "LI")
    return child(item, "Lbl"), child(item, "LBody")


class Marked(Flowable):
    """``inner`` drawn as the content of ``node`` (a Figure: numbered lines to write on), the
    same size and place as ``inner`` alone."""

    def __init__(self, inner: Flowable, node: Node | None) -> None:
        super().__init__()
        self.inner = inner
        self.node = node
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self) -> None:
        with tagging.content(self.canv, self.node, self.height):
            self.inner.drawOn(self.canv, 0, 0)


class RuledLines(Flowable):
    """Answer lines; they may continue on the next page (long answers). ``whole_pages``: their
    count is about so many pages, to be fitted to end at a page's foot; ``share``: they fill a
    share of pages with a half (1.5 pages), so they end where that share ends, but not with a few
    stray lines on a page of their own; else it is the count the teacher asked for. ``node``: the
    Figure they are drawn as (every piece of them), read as what they are ("Answer space: 8 lines")."""

    def __init__(self, count: int, width: float, line_colour: str, indent: float = 0, *,
                 whole_pages: bool = False, share: bool = False, spacing: float = LINE_SPACING,
                 weight: float = LINE_WEIGHT, node: Node | None = None) -> None:
        super().__init__()
        self.count = count
        self.width = width
        self.line_colour = line_colour
        self.indent = indent
        self.whole_pages = whole_pages
        self.share = share
        self.spacing = spacing
        self.weight = weight
        self.node = node

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.indent + self.width, self.count * self.spacing

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // self.spacing)
        if fits < 2 or fits >= self.count:
            return []
        return [self.lines(fits), self.lines(self.count - fits)]

    def lines(self, count: int) -> RuledLines:
        """``count`` lines like these."""
        return self.moved(count, self.indent)

    def moved(self, count: int, indent: float) -> RuledLines:
        """``count`` lines like these, ``indent`` from the frame's left edge."""
        return RuledLines(count, self.width, self.line_colour, indent, whole_pages=self.whole_pages,
                          share=self.share, spacing=self.spacing, weight=self.weight, node=self.node)

    def draw(self) -> None:
        canvas = self.canv
        with tagging.content(canvas, self.node, self.count * self.spacing):
            canvas.setStrokeColor(colour(self.line_colour))
            canvas.setLineWidth(self.weight)
            for n in range(self.count):
                canvas.line(self.indent, n * self.spacing, self.indent + self.width, n * self.spacing)


class WriteInBox(Flowable):
    """An empty square for a student to write a letter or number in, drawn as the Figure ``node``
    (read as "Answer box")."""

    def __init__(self, size: float, line_colour: str, weight: float = 0.8, node: Node | None = None) -> None:
        super().__init__()
        self.size = size
        self.line_colour = line_colour
        self.weight = weight
        self.node = node

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        with tagging.content(self.canv, self.node, self.size):
            self.canv.setStrokeColor(colour(self.line_colour))
            self.canv.setLineWidth(self.weight)
            self.canv.rect(0, 0, self.size, self.size)


def to_circle(label: str, style: Styles, node: Node | None = None) -> Paragraph:
    """A letter or word a student circles: bold, a little space before it for the pen."""
    return Paragraph(f"&nbsp;<b>{label}</b>", style["option"], node=node)


def set_width(markup_text: str, style: ParagraphStyle) -> float:
    """How wide ``markup_text`` is set on one line in ``style`` (emphasis and scripts included)."""
    paragraph = Paragraph(markup_text, style)
    paragraph.wrap(1e6, 1e6)
    return max(paragraph.getActualLineWidths0(), default=0.0)


def key_lines(style: Styles, answer: str = "", heading: str = "", details: Sequence[str] = (),
              node: Node | None = None) -> list[Flowable]:
    """The key's answer line, then a heading over the details (a model answer, the pairs, the
    order, a mark scheme), each part only when there is one: paragraphs of the question ``node``."""
    story: list[Flowable] = []
    if answer:
        story.append(scripted(answer, style["answer"], child(node, "P")))
    if heading:  # never the last line of a page: it goes over with what it heads
        story += kept_with_next(Paragraph(heading, style["label"], node=child(node, "P")))
    story += [scripted(detail, style["small"], child(node, "P")) for detail in details]
    return story


def answer_lines(count: int, column: Column, node: Node | None = None, *, share: bool = False) -> Drawn:
    """``count`` answer lines, drawn as the Figure ``node``: in the question's row (which moves to the next page whole) when
    they take no more room than :data:`MOST_LINES_IN_ROW` lines of the default spacing, else
    after it, where they may run over pages: lines set further apart (large print) leave the
    row sooner, so that a question's row still fits a page."""
    if count * column.spacing <= MOST_LINES_IN_ROW * LINE_SPACING + 0.01:
        return Drawn([Spacer(1, 4), column.lines(count, node=node)])
    return Drawn([], after=[column.lines(count, column.indent, share=share, node=node)])


def writing_space(space: WritingSpace, column: Column) -> Drawn:
    """An essay's ruled lines: in its row (half a page among them), or pages of them that may
    continue over the page (the prompt stays with the first)."""
    node = answer_space(column, space.words)
    if space.pages and space.pages.is_integer():
        lines_per_page = int(column.height // column.spacing) - 1
        return Drawn([], after=[column.lines(int(space.pages) * lines_per_page, column.indent, whole_pages=True,
                                             node=node)])
    if space.pages:  # with a half: as many lines as fill that share of the page's writable height
        return answer_lines(int(space.pages * column.height // column.spacing), column, node, share=True)
    count = space.lines or space.lines_after
    return answer_lines(count, column, node) if count else Drawn([])


def answer_space(column: Column, words: str) -> Node | None:
    """The Figure of the question's ruled lines, read as ``words`` ("Answer space: 8 lines")."""
    return child(column.node, "Figure", alt=words)


def levels_table(levels: Sequence[Level], header: tuple[str, str, str], column: Column) -> Flowable:
    """A mark scheme's levels as a table: a header row, then level, marks and the descriptor
    (wrapped) per row; the first two columns as wide as their widest cell."""
    style = column.style
    grid = child(column.node, "Table")
    header_row = child(grid, "TR")
    # a narrow column is exactly as wide as its widest word, which rounding must not break
    whole = {name: ParagraphStyle(f"{name}-whole", parent=style[name], splitLongWords=0) for name in ("label", "small")}
    head = [Paragraph(word, whole["label"], node=child(header_row, "TH", scope="Column")) for word in header]
    rows = []
    for row in levels:
        cells = child(grid, "TR")
        rows.append([Paragraph(row.level, whole["small"], node=child(cells, "TH", scope="Row")),
                     Paragraph(row.marks, whole["small"], node=child(cells, "TD")),
                     scripted(row.descriptor, style["small"], child(cells, "TD"))])
    gap = 8
    narrow = [max(set_width(header[0], style["label"]), *(set_width(row.level, style["small"]) for row in levels)),
              max(set_width(header[1], style["label"]), *(set_width(row.marks, style["small"]) for row in levels))]
    narrow = [width + gap for width in narrow]
    rule = colour(column.theme.colours.rule)
    line = column.theme.line
    return table([head, *rows], [*narrow, column.width - sum(narrow)],
                 [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, gap, 2, 3),
                  ("LINEBELOW", (0, 0), (-1, 0), line(0.8), rule), ("LINEBELOW", (0, 1), (-1, -1), line(0.3), rule)],
                 column.font, repeatRows=1)  # split over pages (large print), the header row heads each piece


def word_bank_box(words: Sequence[str], heading: str, column: Column) -> Flowable:
    """A word bank: its heading and its words (markup) in a box the column's width, the words
    apart by spaced dots, each kept on one line."""
    style = column.style
    joined = "&nbsp;&nbsp;&nbsp;·&nbsp;&nbsp;&nbsp; ".join(word.replace(" ", "&nbsp;") for word in words)
    return table([[scripted(f"<b>{heading}:</b>&nbsp;&nbsp; {joined}", style["body"], child(column.node, "P"))]],
                 [column.width], [("BOX", (0, 0), (-1, -1), column.theme.line(0.8), colour(column.theme.colours.rule)),
                                  *padding(8, 8, 5, 3)], column.font)
