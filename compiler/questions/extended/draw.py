"""An extended answer: ruled lines in its row, or whole pages of them that may continue over the
page (the prompt stays with the first); the key gives the mark scheme."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from compiler.questions.drawing import LINE_SPACING, Column, Drawn, RuledLines, key_lines
from compiler.questions.extended.plan import ExtendedPlan


def sheet(body: ExtendedPlan, column: Column) -> Drawn:
    rule = column.theme.colours.rule
    if body.pages:
        lines_per_page = int(column.height // LINE_SPACING) - 1
        return Drawn([], after=[RuledLines(body.pages * lines_per_page, column.width, rule, column.indent)])
    if body.lines:
        return Drawn([Spacer(1, 4), RuledLines(body.lines, column.width, rule)])
    return Drawn([])


def key(body: ExtendedPlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, heading=body.heading, details=body.mark_scheme)
