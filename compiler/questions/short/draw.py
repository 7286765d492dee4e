"""A short answer: ruled lines on the sheet, the model answer in the key."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from compiler.questions.drawing import Column, Drawn, RuledLines, answer_space, key_lines
from compiler.questions.short.plan import ShortPlan


def sheet(body: ShortPlan, column: Column) -> Drawn:
    rule = column.theme.colours.rule
    node = answer_space(column, body.space)
    if body.lines_after:
        return Drawn([], after=[RuledLines(body.lines_after, column.width, rule, column.indent, node=node)])
    return Drawn([Spacer(1, 4), RuledLines(body.lines, column.width, rule, node=node)])


def key(body: ShortPlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, heading=body.heading, details=body.model_answer, node=column.node)
