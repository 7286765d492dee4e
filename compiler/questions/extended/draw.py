"""An extended answer: ruled lines in its row (half a page among them), or pages of them that may
continue over the page (the prompt stays with the first); the key gives the mark scheme, its
levels as a table."""

from __future__ import annotations

from itertools import groupby

from reportlab.platypus import Flowable, Spacer

from compiler.pdf import Paragraph, colour, padding, scripted, table
from compiler.questions.drawing import (
    LINE_SPACING,
    Column,
    Drawn,
    RuledLines,
    key_lines,
    set_width,
)
from compiler.questions.extended.plan import ExtendedPlan, Level
from compiler.questions.planning import MOST_LINES_IN_ROW


def sheet(body: ExtendedPlan, column: Column) -> Drawn:
    rule = column.theme.colours.rule
    if body.pages and body.pages.is_integer():
        lines_per_page = int(column.height // LINE_SPACING) - 1
        return Drawn([], after=[RuledLines(int(body.pages) * lines_per_page, column.width, rule, column.indent,
                                           whole_pages=True)])
    if body.pages:  # with a half: as many lines as fill that share of the page's writable height
        count = int(body.pages * column.height // LINE_SPACING)
        if count <= MOST_LINES_IN_ROW:  # half a page: in the row, which moves to the next page whole
            return Drawn([Spacer(1, 4), RuledLines(count, column.width, rule)])
        return Drawn([], after=[RuledLines(count, column.width, rule, column.indent, share=True)])
    if body.lines_after:
        return Drawn([], after=[RuledLines(body.lines_after, column.width, rule, column.indent)])
    if body.lines:
        return Drawn([Spacer(1, 4), RuledLines(body.lines, column.width, rule)])
    return Drawn([])


def key(body: ExtendedPlan, column: Column) -> list[Flowable]:
    story = key_lines(column.style, heading=body.heading)
    for is_level, lines in groupby(body.mark_scheme, key=lambda line: isinstance(line, Level)):
        if is_level:
            story += [Spacer(1, 3), _levels([line for line in lines if isinstance(line, Level)], body.columns, column)]
        else:
            story += [scripted(str(line), column.style["small"]) for line in lines]
    return story


def _levels(levels: list[Level], header: tuple[str, str, str], column: Column) -> Flowable:
    """Levels as a table: a header row, then level, marks and the descriptor (wrapped) per row; the
    first two columns as wide as their widest cell."""
    style = column.style
    head = [Paragraph(word, style["label"]) for word in header]
    rows = [[Paragraph(row.level, style["small"]), Paragraph(row.marks, style["small"]),
             scripted(row.descriptor, style["small"])] for row in levels]
    gap = 8
    narrow = [max(set_width(header[0], style["label"]), *(set_width(row.level, style["small"]) for row in levels)),
              max(set_width(header[1], style["label"]), *(set_width(row.marks, style["small"]) for row in levels))]
    narrow = [width + gap for width in narrow]
    rule = colour(column.theme.colours.rule)
    return table([head, *rows], [*narrow, column.width - sum(narrow)],
                 [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, gap, 2, 3),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.8, rule), ("LINEBELOW", (0, 1), (-1, -1), 0.3, rule)],
                 column.font)
