"""A short answer: ruled lines on the sheet, the model answer in the key."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.questions.drawing import Column, Drawn, answer_lines, answer_space, key_lines
from compiler.questions.short.plan import ShortPlan


def sheet(body: ShortPlan, column: Column) -> Drawn:
    return answer_lines(body.lines or body.lines_after, column, answer_space(column, body.space))


def key(body: ShortPlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, heading=body.heading, details=body.model_answer, node=column.node)
