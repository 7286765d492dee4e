"""Draws a planned worksheet or answer key with ReportLab platypus.

Tagged (:mod:`compiler.tagging`) as a reader reads the sheet: the title (H1), the version and
the Name, Class and Date labels, the instructions, the marks grid (a table with header cells),
then each part as a section (its title an H2, its marks, its instructions), holding the sources
printed before a question and each question as a group: its number (a label), prompt, marks,
picture, instruction, what its type draws (:mod:`compiler.questions.drawing`) and its answer
space, or in the key its answers; the total last."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

from markupsafe import Markup
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Indenter, Spacer

from compiler import tagging
from compiler.errors import LayoutError, Unplaceable
from compiler.figures import column_picture, column_warning, credit_style
from compiler.kinds.worksheet.plan import (
    InsertPlan,
    MarksGrid,
    PartPlan,
    QuestionPlan,
    WorksheetPlan,
)
from compiler.outputs import Context, Rendered, drawing
from compiler.pdf import (
    Paragraph,
    Unsplit,
    colour,
    content_styles,
    frame_size,
    kept_with_next,
    padding,
    render_story,
    scripted,
    table,
    too_tall,
)
from compiler.questions import QUESTION_TYPES
from compiler.questions.drawing import (
    Column,
    Drawn,
    QuestionDrawing,
    RuledLines,
    Styles,
    WriteInBox,
    child,
)
from compiler.sourcebox import WHOLE_SHARE, box_styles, source_box
from compiler.sourcing import SourceBox
from compiler.tagging import Node
from compiler.theme import Theme

NUMBER_WIDTH = 22  # a question's number column ("10." and room after it) at NUMBER_TYPE
NUMBER_TYPE = 10  # points; larger type gets a number column wider in proportion
MARKS_WIDTH = 34
SLACK = 1e-9  # points more than a heading's width: rounding in the table must never break it between its words
GRID_LABEL_WIDTH = 150  # the widest a part's name in the marks grid is set at GRID_TYPE, wider for larger type
GRID_TYPE = 8
PART_MARKS_WIDTH = 90  # a part's marks beside its title, or wider for larger print
TITLE_GAP = 14  # between the title and the version badge
LABEL_GAP = 14  # between a write-on rule (Name, Class) and the next label
START_SHARE = 0.15  # writing space starts on its question's page when this share of a page of lines fits there
DROP_SHARE = 1 / 3  # a last page of at most this share of a page of lines is dropped; a fuller one is filled
LEAST_LINES_LEFT = 2  # lines asked by count that go on with the total when the total does not fit under the rest


def render(plan: WorksheetPlan | InsertPlan, context: Context) -> Rendered:
    theme = context.theme
    style = _styles(theme)
    width, height = frame_size(theme, context.page_size)
    if isinstance(plan, InsertPlan):
        return _insert(plan, context, style, (width, height))
    root = tagging.document()
    story: list[Flowable] = [*_title_block(plan, style, theme, width, root)]
    marks_width = _marks_width(plan, style)
    warnings: list[Unplaceable] = []
    for part in plan.parts:
        story.extend(_part(part, plan, style, theme, (width, height), marks_width, warnings, root.add("Sect")))
    story = _with_total(story, _total(plan, style, width, root))
    pdf, pages = render_story(story, theme, context.page_size, plan.furniture, plan.metadata, root)
    return Rendered(pdf, pages, (*warnings, *_blurred(plan, width - _number_width(style) - marks_width, height)))


def _insert(plan: InsertPlan, context: Context, style: Styles, frame: tuple[float, float]) -> Rendered:
    """The sources insert: the sheet's title, "Sources insert", then every source's box."""
    width, height = frame
    warnings: list[Unplaceable] = []
    root = tagging.document()
    story: list[Flowable] = [Paragraph(plan.title, style["title"], node=root.add("H1")),
                             Paragraph(plan.subtitle, style["muted"], node=root.add("P")),
                             Spacer(1, 12), *_sources(plan.sources, style, context.theme, width, height, warnings, (root, "H2"))]
    pdf, pages = render_story(story, context.theme, context.page_size, plan.furniture, plan.metadata, root)
    return Rendered(pdf, pages, tuple(warnings))


def _sources(boxes: Sequence[SourceBox], style: Styles, theme: Theme, width: float, height: float,
             warnings: list[Unplaceable], under: tuple[Node, str], *, kept: bool = False) -> list[Flowable]:
    """Sources as ruled boxes the frame wide, each followed by a little space, tagged as sections
    under ``under``'s node, their labels headings of its level; ``kept``: the last one, if it is
    short enough never to split, kept with what follows (the question using it)."""
    story: list[Flowable] = []
    boxed = box_styles(style, theme)
    for box in boxes:
        flowable, found = source_box(box, boxed, theme, width, height, *under)
        warnings += found
        story += [flowable, Spacer(1, 10)]
    if kept and story and story[-2].wrap(width, height)[1] <= height * WHOLE_SHARE:
        kept_with_next(*story[-2:])
    return story


def _blurred(plan: WorksheetPlan, column: float, height: float) -> tuple[Unplaceable, ...]:
    """A warning for each question's picture that prints below 150 dpi in the questions' column;
    a type that draws its own picture (a label question) says so itself, through the ``warnings``
    of its drawing module, if it has one."""
    found: list[Unplaceable | None] = []
    for question in (q for part in plan.parts for q in part.questions):
        if question.picture:
            found.append(column_warning(question.picture, column, height))
        own = getattr(_drawing(question), "warnings", None)
        if own is not None:
            found += own(question.body, column, height)
    return tuple(warning for warning in found if warning)


def _total(plan: WorksheetPlan, style: Styles, width: float, root: Node) -> Flowable:
    """The sheet's total, with the space above it."""
    return Unsplit(table([[Paragraph(plan.total, style["total"], node=root.add("P", actual=plan.total_spoken or None))]], [width], padding(0, 0, 10, 0),
                         _font(style)))


def _with_total(story: list[Flowable], total: Flowable) -> list[Flowable]:
    """The story ending with the total on the page of the last question: drawn under the last
    answer space's last line, or kept with the last question's row."""
    last = story[-1] if story else None
    if isinstance(last, (AnswerSpace, Headed)):
        return [*story[:-1], last.ending_with(total)]
    if last is not None:
        last.keepWithNext = True
    return [*story, total]


def _styles(theme: Theme) -> Styles:
    style = content_styles(theme)
    accent = colour(theme.colours.accent)
    style["number"] = ParagraphStyle("number", parent=style["label"], fontSize=style["body"].fontSize,
                                     leading=style["body"].leading)
    style["marks"] = ParagraphStyle("marks", parent=style["number"], alignment=2, splitLongWords=0)  # "[25]" whole
    style["instruction"] = ParagraphStyle("instruction", parent=style["small"], textColor=colour(theme.colours.muted),
                                          fontName=style["subtitle"].fontName, spaceAfter=3)
    style["answer"] = ParagraphStyle("answer", parent=style["number"], textColor=accent, spaceAfter=2)
    style["total"] = ParagraphStyle("total", parent=style["subheading"], alignment=2)
    style["option"] = ParagraphStyle("option", parent=style["body"], spaceAfter=0)
    style["credit"] = credit_style(style["small"], theme)
    return style


def _font(style: Styles) -> str:
    return style["body"].fontName


def _title_block(plan: WorksheetPlan, style: Styles, theme: Theme, width: float, root: Node) -> list[Flowable]:
    heading: list[Flowable] = [Paragraph(plan.title, style["title"], node=root.add("H1")),
                               Paragraph(plan.subtitle, style["muted"], node=root.add("P"))]
    cells: list[Any] = [heading]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 0, 0)]
    widths = [width]
    if plan.badge:
        badge_style = ParagraphStyle("badge", parent=style["subheading"], alignment=1,
                                     textColor=colour(theme.colours.band_text))
        badge = Paragraph(plan.badge, badge_style, node=root.add("P"))
        badge_width = max(70, _natural_width(badge) + 12)  # the badge's words on one line, padded on both sides
        cells.append(badge)
        widths = [width - badge_width, badge_width]
        commands += [("BACKGROUND", (1, 0), (1, 0), colour(theme.colours.band)), ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
                     ("TOPPADDING", (1, 0), (1, 0), 4), ("BOTTOMPADDING", (1, 0), (1, 0), 6),
                     ("LEFTPADDING", (1, 0), (1, 0), 6), ("RIGHTPADDING", (1, 0), (1, 0), 6),
                     ("RIGHTPADDING", (0, 0), (0, 0), TITLE_GAP)]  # the title wraps before the badge
    blocks: list[Flowable] = [table([cells], widths, commands, _font(style)), Spacer(1, 8)]
    if plan.banner:
        blocks += [_banner(plan.banner, style, theme, width, root.add("P")), Spacer(1, 8)]
    else:
        blocks += [_name_row(plan, style, theme, width, root), Spacer(1, 10)]
    blocks += [_grid_beside(plan, style, theme, width, root), Spacer(1, 4)]
    return blocks


def _banner(text: str, style: Styles, theme: Theme, width: float, node: Node) -> Flowable:
    """The key's banner, the paragraph ``node``: its words in the band's text colour on the accent,
    or, where those are one colour (high contrast: black), in the text colour on white inside a rule."""
    on_accent = theme.colours.band_text.lower() != theme.colours.accent.lower()
    ink = theme.colours.band_text if on_accent else theme.colours.text
    banner = ParagraphStyle("banner", parent=style["subheading"], textColor=colour(ink))
    ground = (("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.accent)) if on_accent
              else ("BOX", (0, 0), (-1, -1), theme.line(0.8), colour(theme.colours.rule)))
    return table([[Paragraph(text, banner, node=node)]], [width], [ground, *padding(8, 8, 2, 5)], _font(style))


def _name_row(plan: WorksheetPlan, style: Styles, theme: Theme, width: float, root: Node) -> Flowable:
    """Name, Class and Date, each with a rule to write on that ends :data:`LABEL_GAP` before the
    next label: the labels take their width, the rules share the rest of the page width 5:2:2.
    Each label is a paragraph; its rule, drawn by the table, an artifact."""
    whole = ParagraphStyle("name-label", parent=style["label"], splitLongWords=0)
    name, klass, date = (Paragraph(text, whole, node=root.add("P")) for text in plan.name_labels)
    labels = [_fitted(name, 36), _fitted(klass, 36), _fitted(date, 30)]
    rules = width - sum(labels) - 2 * LABEL_GAP
    widths = [labels[0], rules * 5 / 9, LABEL_GAP, labels[1], rules * 2 / 9, LABEL_GAP, labels[2], rules * 2 / 9]
    line = colour(theme.colours.text)
    return table([[name, "", "", klass, "", "", date, ""]], widths,
                 [*(("LINEBELOW", (c, 0), (c, 0), theme.line(0.6), line) for c in (1, 4, 7)), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                  *padding(0, 0, 6, 2), ("RIGHTPADDING", (0, 0), (0, 0), 6), ("RIGHTPADDING", (3, 0), (3, 0), 6),
                  ("RIGHTPADDING", (6, 0), (6, 0), 6)], _font(style))


def _grid_beside(plan: WorksheetPlan, style: Styles, theme: Theme, width: float, root: Node) -> Flowable:
    """The sheet's instructions (if any) on the left, the marks grid on the right."""
    instructions = (Paragraph(f"<i>{plan.instructions}</i>", style["body"], node=root.add("P"))
                    if plan.instructions else "")
    grid = _marks_grid(plan.grid, style, theme, root.add("Table"))
    grid_width = grid.wrap(width, 1000)[0]
    if grid_width > width / 2:  # large print: the instructions over the grid, each the page wide
        grid.hAlign = "LEFT"
        return table([[instructions], [grid]], [width], [*padding(0, 0, 0, 0), ("BOTTOMPADDING", (0, 0), (0, 0), 8)],
                     _font(style))
    return table([[instructions, grid]], [width - grid_width, grid_width],
                 [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 0, 0), ("RIGHTPADDING", (0, 0), (0, 0), 12)],
                 _font(style))


def _marks_grid(grid: MarksGrid, style: Styles, theme: Theme, node: Node) -> Flowable:
    """A small ruled table: part (or question), marks to write in, out of; then the total. Tagged
    as ``node``: a header row of column headers, then each row headed by its part, its marks cell
    (empty, to write in) a data cell too, so every row has a cell under every header."""
    # a column as wide as its widest word, which rounding must not break ("Questio / n")
    small = ParagraphStyle("grid", parent=style["small"], splitLongWords=0)
    bold = ParagraphStyle("grid-bold", parent=small, fontName=style["label"].fontName)
    right = ParagraphStyle("grid-right", parent=small, alignment=2)
    total = ParagraphStyle("grid-total", parent=bold, alignment=2)
    header = node.add("TR")
    rows: list[list[Any]] = [[Paragraph(text, bold, node=header.add("TH", scope="Column")) for text in grid.headings]]
    for (label, out_of), label_style, out_of_style in [*((row, small, right) for row in grid.rows),
                                                       ((grid.total_label, grid.total), bold, total)]:
        cells = node.add("TR")
        rows.append([Paragraph(label, label_style, node=cells.add("TH", scope="Row")), EmptyCell(cells.add("TD")),
                     Paragraph(str(out_of), out_of_style, node=cells.add("TD"))])
    label_width = min(GRID_LABEL_WIDTH * small.fontSize / GRID_TYPE, max(_natural_width(row[0]) for row in rows) + 8)
    widths = [label_width, *(max(40.0, _natural_width(rows[0][c]) + 8 + SLACK) for c in (1, 2))]
    rule = colour(theme.colours.rule)
    return table(rows, widths, [("GRID", (0, 0), (-1, -1), theme.line(0.5), rule), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("LINEABOVE", (0, -1), (-1, -1), theme.line(1), rule), *padding(4, 4, 2, 3)], _font(style))


EMPTY_CELL = 12.0
"""The height ReportLab gives a table cell of empty text: its default leading."""


class EmptyCell(Flowable):
    """A table cell left empty to write in, as tall as empty text, marked as the (empty)
    content of its cell ``node``, so that the table's rows keep a cell under each header."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, EMPTY_CELL

    def draw(self) -> None:
        with tagging.content(self.canv, self.node):
            pass


def _natural_width(paragraph: Paragraph) -> float:
    """The width of the paragraph's text set on one line."""
    paragraph.wrap(10_000, 10_000)
    return max(paragraph.getActualLineWidths0(), default=0)


def _fitted(label: Paragraph, least: float) -> float:
    """The width of a column holding ``label``: ``least``, or more for a longer word than English's
    (German "Datum") or for larger print, which would otherwise break inside the word (its style
    must not split long words: rounding may make the column a hair narrower than the word)."""
    return max(least, label.minWidth() + 6)  # the cell's right padding


def _number_width(style: Styles) -> float:
    """The width of the questions' number column: :data:`NUMBER_WIDTH`, in proportion to its type."""
    return NUMBER_WIDTH * style["number"].fontSize / NUMBER_TYPE


def _marks(question: QuestionPlan) -> str:
    """The marks a question is worth, as printed beside it: ``[2]``."""
    return str(Markup("[{}]").format(question.marks))


def _marks_width(plan: WorksheetPlan, style: Styles) -> float:
    """The width of the marks column of every question on the sheet: :data:`MARKS_WIDTH`, or
    wide enough for the widest marks on one line (``[1000]``), with a gap before them."""
    return max((_fitted(Paragraph(_marks(question), style["marks"]), MARKS_WIDTH)
                for part in plan.parts for question in part.questions), default=MARKS_WIDTH)


def _part(part: PartPlan, plan: WorksheetPlan, style: Styles, theme: Theme, frame: tuple[float, float],
          marks_width: float, warnings: list[Unplaceable], node: Node) -> list[Flowable]:
    """The part's heading, instructions and questions, tagged as the section ``node``."""
    width, height = frame
    story: list[Flowable] = []
    if part.title or part.marks_label:
        title = Paragraph(part.title or "", style["subheading"], node=node.add("H2") if part.title else None)
        marks = Paragraph(part.marks_label or "", style["marks"], node=node.add("P") if part.marks_label else None)
        marks_room = max(PART_MARKS_WIDTH, _natural_width(marks) + LABEL_GAP)  # "(17 marks)" on one line
        heading = table([[title, marks]],
                        [width - marks_room, marks_room], [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                                           ("LINEBELOW", (0, 0), (-1, -1), theme.line(0.8),
                                                            colour(theme.colours.accent)),
                                                           *padding(0, 0, 2, 3)], _font(style))
        story += [CondPageBreak(height * 0.25), Spacer(1, 6), *kept_with_next(heading, Spacer(1, 4))]
    for words in (part.choice, part.instructions):
        if words:
            story += kept_with_next(Paragraph(f"<i>{words}</i>", style["body"], node=node.add("P")))
    source_level = "H3" if part.title else "H2"  # a source's label, a heading under the part's
    shared: list[RuledLines] = []
    for question in part.questions:
        story += _sources(question.sources, style, theme, width, height, warnings, (node, source_level), kept=True)
        if question.before:
            story += kept_with_next(Paragraph(f"<i>{question.before}</i>", style["body"], node=node.add("P")))
        row, after = _question(question, plan, style, theme, frame, marks_width, node.add("Div"),
                               shared_space=part.answer is not None)
        spaces = [flowable for flowable in after if isinstance(flowable, RuledLines)]
        if part.answer and spaces:  # the student writes one answer in the part's shared space
            shared += spaces
            story.append(row)
        else:
            story.extend(_with_space(row, after, height))
    if shared:
        longest = max(shared, key=lambda lines: lines.count)
        for _ in range(min(part.answer or 1, len(shared))):
            answer = node.add("Div")
            head = _answered_box(part, style, theme, width, answer)
            lines = longest.lines(longest.count)
            lines.node = child(answer, "Figure", alt=longest.node.alt) if longest.node else None
            story += [AnswerSpace([head], lines, height), Spacer(1, 10)]
        story.pop()
    return _headed(story)


def _headed(story: list[Flowable]) -> list[Flowable]:
    """The story with what is kept with an answer space (a part's heading and instructions) moved
    into its head: platypus keeps flowables together by moving them to a new page whole, which
    would start every long answer on a new page (or leave a blank one)."""
    result: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, (AnswerSpace, Headed)):
            kept: list[Flowable] = []
            while result and getattr(result[-1], "keepWithNext", False):
                kept.insert(0, result.pop())
            flowable = flowable.headed_by(kept)
        result.append(flowable)
    return result


def _with_space(row: Flowable, after: list[Flowable], height: float) -> list[Flowable]:
    """The question's row and the space after it: ruled lines become one :class:`AnswerSpace`
    headed by the row, so that the two never part and the lines fit the pages they fill."""
    if len(after) == 1 and isinstance(after[0], RuledLines):
        return [AnswerSpace([row], after[0], height)]
    if len(after) == 1:  # a table of items (a match): the row stays with its first rows
        return [Headed([row], after[0], height)]
    if after:  # a registered type's own flowables: the row stays with their start
        return [*kept_with_next(row, Spacer(1, 4)), *after]
    return [row]  # one table row (spacing in its padding): it moves to the next page whole, never splits


class Headed(Flowable):
    """What follows a question's row (a table of items), headed by the row. It moves to the next
    page whole, as a row does, unless it is taller than a ``page``: then it splits where its
    ``body`` splits (between a table's rows), the head always with the first piece, and ``foot``
    (the sheet's total) under the last. Unlike platypus's ``keepWithNext``, which moves the
    question to a new page whenever all of it does not fit, leaving the page before it empty."""

    def __init__(self, head: Sequence[Flowable], body: Flowable, page: float, *, foot: Flowable | None = None) -> None:
        super().__init__()
        self.head = tuple(head)
        self.body = body
        self.page = page
        self.foot = foot

    def ending_with(self, foot: Flowable) -> Headed:
        return Headed(self.head, self.body, self.page, foot=foot)

    def headed_by(self, before: Sequence[Flowable]) -> Headed:
        return Headed((*before, *self.head), self.body, self.page, foot=self.foot)

    def _parts(self, width: float, height: float) -> list[tuple[Flowable, float]]:
        """Head, a gap, the body and the foot, each with its height."""
        head = [(f, f.wrap(width, height)[1] + f.getSpaceAfter()) for f in self.head]
        gap = [(Spacer(1, 4), 4.0)] if self.head else []
        foot = [(self.foot, self.foot.wrap(width, height)[1])] if self.foot else []
        return [*head, *gap, (self.body, self.body.wrap(width, height)[1]), *foot]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = sum(h for _, h in self._parts(available_width, available_height))
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self._parts(available_width, available_height)
        if sum(h for _, h in parts) <= self.page:
            return []  # the next page, whole
        head = sum(h for f, h in parts if f not in (self.body, self.foot))
        foot = sum(h for f, h in parts if f is self.foot)
        # room for the foot too: a body that fits only without it would not split at all
        pieces = self.body.split(available_width, available_height - head - foot)
        if len(pieces) < 2:
            return []
        return [Headed(self.head, pieces[0], self.page), Headed((), pieces[1], self.page, foot=self.foot)]

    def draw(self) -> None:
        top = self.height
        for flowable, height in self._parts(self.width, self.height):
            _, drawn = flowable.wrap(self.width, self.height)
            flowable.drawOn(self.canv, 0, top - drawn)
            top -= height


def _answered_box(part: PartPlan, style: Styles, theme: Theme, width: float, node: Node) -> Flowable:
    """The head of an answer-N part's shared space: "Number of the question you answer" and a box."""
    label = Paragraph(part.answered, style["label"], node=node.add("P"))
    size = 22 * theme.answer_scale  # room to write a number, larger where handwriting is (large print)
    box = WriteInBox(size, theme.colours.text, theme.line(0.8), node.add("Figure", alt=part.answer_box))
    number = _number_width(style)
    label_width = min(width - number - 40, _natural_width(label) + 8)
    room = size + 8
    return Unsplit(table([["", label, box, ""]], [number, label_width, room, width - number - label_width - room],
                         [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *padding(0, 0, 9, 0)], _font(style)))


class AnswerSpace(Flowable):
    """Ruled lines to write at length, headed by what they answer, fitted to the pages they fill
    as LaTeX's exam class fits them.

    The head (the question's row, or the "which question" box of a part where students choose)
    never leaves the first lines. The space starts on the page of what comes before it when
    :data:`START_SHARE` of a page of lines fits there under its head, else on the next page; it
    then fills that page to the foot and continues on the next pages. Space asked in pages
    (``lines.whole_pages``) is rounded to end at the foot of a page: a last page of
    :data:`DROP_SHARE` of a page or less is dropped, a fuller one filled, so no page holds a few
    stray lines. Space asked in lines keeps its count: the last page holds what is left (at least
    :data:`LEAST_LINES_LEFT` lines). ``foot`` (the sheet's total) is drawn under the last line and
    counted in the last page's room.
    """

    def __init__(self, head: Sequence[Flowable], lines: RuledLines, page: float, *, foot: Flowable | None = None,
                 fitted: bool = False) -> None:
        super().__init__()
        self.head = tuple(head)
        self.lines = lines
        self.page = page
        self.foot = foot
        self.fitted = fitted  # a continuation, already rounded to whole pages

    def ending_with(self, foot: Flowable) -> AnswerSpace:
        return AnswerSpace(self.head, self.lines, self.page, foot=foot, fitted=self.fitted)

    def headed_by(self, before: Sequence[Flowable]) -> AnswerSpace:
        return AnswerSpace((*before, *self.head), self.lines, self.page, foot=self.foot, fitted=self.fitted)

    def _piece(self, count: int, *, head: bool, foot: bool) -> AnswerSpace:
        return AnswerSpace(self.head if head else (), self.lines.lines(count), self.page,
                           foot=self.foot if foot else None, fitted=True)

    def _stacked(self, width: float) -> list[tuple[Flowable, float, float]]:
        """The head's flowables with their heights and the space after each."""
        return [(f, f.wrap(width, self.page)[1], f.getSpaceAfter()) for f in self.head]

    def _head_height(self, width: float) -> float:
        return sum(h + after for _, h, after in self._stacked(width)) + 4 if self.head else 0

    def _foot_height(self, width: float) -> float:
        return self.foot.wrap(width, self.page)[1] if self.foot else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = (self._head_height(available_width) + self.lines.count * self.lines.spacing
                       + self._foot_height(available_width))
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        head = self._head_height(available_width)
        foot = self._foot_height(available_width)
        spacing = self.lines.spacing
        here = int((available_height - head) // spacing)
        count = self.lines.count
        per_page = int(self.page // spacing)
        if not self.fitted and here < min(count, max(2, math.ceil(per_page * START_SHARE))):
            return []  # the next page
        if self.lines.share:
            return self._share_split(available_height - head - foot, here)
        if not self.lines.whole_pages:
            here = min(here, count - LEAST_LINES_LEFT)  # the rest, and the total under it, on the next page
        if self.fitted or not self.lines.whole_pages:
            return [self._piece(here, head=True, foot=False), self._piece(count - here, head=False, foot=True)] \
                if 0 < here < count else []
        last_page = per_page - math.ceil(foot / spacing)  # lines on the last page, the foot under them
        pages, left = divmod(count - here, per_page)
        if left > per_page * DROP_SHARE:
            pages += 1
        if pages == 0:  # ends at the foot of this page
            return [self._piece(int((available_height - head - foot) // spacing), head=True, foot=True)]
        return [self._piece(here, head=True, foot=False),
                self._piece((pages - 1) * per_page + last_page, head=False, foot=True)]

    def _share_split(self, room: float, here: int) -> list[Flowable]:
        """A share of pages with a half, split where the page ends (``here`` lines fit, ``room``
        is the height under the head when the foot goes under the lines): when fewer than
        :data:`START_SHARE` of a page of lines (or the foot alone) would be left for the next
        page, the space ends on this page instead, a few lines short, so that no page holds a few
        stray lines."""
        count, spacing = self.lines.count, self.lines.spacing
        if count - here < math.ceil(int(self.page // spacing) * START_SHARE):  # or the foot alone
            return [self._piece(min(count, int(room // spacing)), head=True, foot=True)]
        return [self._piece(here, head=True, foot=False), self._piece(count - here, head=False, foot=True)] \
            if 0 < here < count else []

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        for flowable, height, after in self._stacked(self.width):
            flowable.drawOn(canvas, 0, top - height)
            top -= height + after
        if self.head:
            top -= 4
        self.lines.wrap(self.width, self.page)
        lines_height = self.lines.count * self.lines.spacing
        self.lines.drawOn(canvas, 0, top - lines_height)
        if self.foot:
            _, foot_height = self.foot.wrap(self.width, self.page)
            self.foot.drawOn(canvas, 0, top - lines_height - foot_height)


def _drawing(question: QuestionPlan) -> QuestionDrawing:
    """The drawing module of the question's type: found in the registry (a type that is not
    registered never gets past validation), imported on first use."""
    return cast(QuestionDrawing, drawing(QUESTION_TYPES[question.type].drawing))


def _space_moved_after(drawn: Drawn, column: Column) -> Drawn:
    """The question with the ruled lines of its row moved after it (to a part's shared space),
    with the gap above them."""
    lines = [f for f in drawn.inside if isinstance(f, RuledLines)]
    if not lines:
        return drawn
    inside = [f for f in drawn.inside if not isinstance(f, (RuledLines, Spacer))]
    moved = [f.moved(f.count, column.indent) for f in lines]
    return Drawn(inside, [*drawn.after, *moved])


def _row(question: QuestionPlan, content: list[Flowable], style: Styles, inner: float, marks_width: float,
         tags: tuple[Node, Node]) -> Unsplit:
    """A question's row: its number, what it holds, its marks; never split. ``tags``: the
    question's label and its marks' paragraph."""
    number, marks = tags
    return Unsplit(table([[Paragraph(f"{question.number}.", style["number"], node=number), content,
                           Paragraph(_marks(question), style["marks"], node=marks)]],
                         [_number_width(style), inner, marks_width], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 9, 0)],
                         _font(style)))


def _lines_go_after(question: QuestionPlan, content: list[Flowable], drawn: Drawn, style: Styles,
                    frame: tuple[float, float], inner: float, marks_width: float, tags: tuple[Node, Node]) -> bool:
    """Whether the question's row is taller than a page with its lines and fits without them, with
    room for :data:`START_SHARE` of a page of lines under it (else it is too tall whatever is done)."""
    width, height = frame
    if _row(question, [*content, *drawn.inside], style, inner, marks_width, tags).wrap(width, height)[1] <= height:
        return False
    return _row(question, content, style, inner, marks_width, tags).wrap(width, height)[1] <= height * (1 - START_SHARE)


def _question(question: QuestionPlan, plan: WorksheetPlan, style: Styles, theme: Theme, frame: tuple[float, float],
              marks_width: float, node: Node, shared_space: bool = False) -> tuple[Flowable, list[Flowable]]:
    """The question's row (number, stem, options or in-row space, marks), which never splits,
    and what follows it on the sheet and may continue over pages (writing space). In a part
    whose writing space is shared (``answer:``), a question whose space moves there does not
    say "write on the lines" under it. Tagged as the group ``node``: its number, prompt and
    marks, then its picture and what its type draws."""
    width, height = frame
    number_width = _number_width(style)
    inner = width - number_width - marks_width
    column = Column(style, theme, inner, height, number_width, node)
    type_drawing = _drawing(question)
    number, prompt = node.add("Lbl"), child(node, "P") if question.prompt else None
    marks = node.add("P", actual=question.marks_spoken or None)
    content: list[Flowable] = []
    if question.prompt:
        content.append(scripted(question.prompt, style["body"], prompt))
    if question.picture:  # in the row: it moves to a new page with its question, never apart
        picture = column_picture(question.picture, inner, height, style["credit"], node)
        picture.spaceBefore, picture.spaceAfter = 2, 8
        content.append(picture)
    after: list[Flowable] = []
    row: Unsplit | None = None
    if plan.key:
        answers = type_drawing.key(question.body, column)
        whole = _row(question, [*content, *answers], style, inner, marks_width, (number, marks))
        if whole.wrap(width, height)[1] <= height:
            row = whole
        else:  # a long mark scheme: after the question's row, where it may run over pages
            after = [Indenter(number_width, marks_width), *answers, Indenter(-number_width, -marks_width)]
    else:
        instruction = node.add("P")  # before what the type draws; no element if it is not printed
        drawn = type_drawing.sheet(question.body, column)
        if shared_space:
            drawn = _space_moved_after(drawn, column)
        moved = shared_space and any(isinstance(flowable, RuledLines) for flowable in drawn.after)
        if question.instruction and not moved:
            content.append(Paragraph(question.instruction, style["instruction"], node=instruction))
        if _lines_go_after(question, content, drawn, style, (width, height), inner, marks_width, (number, marks)):
            drawn = _space_moved_after(drawn, column)  # large print: the lines after a tall row, over pages
        content += drawn.inside
        after = drawn.after
    if row is None:
        row = _row(question, content, style, inner, marks_width, (number, marks))
        if row.wrap(width, height)[1] > height:
            raise LayoutError([too_tall(row, width, height, question.path, "the question is taller than a page",
                                        "shorten it, or split it into two questions")])
    return row, after
