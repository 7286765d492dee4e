"""The short answer on the sheet (two ruled lines) and in the key (the answer)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.questions.drawing import Column, Drawn, RuledLines, key_lines
from tests.questions.short_answer.plan import ShortAnswerPlan


def sheet(body: ShortAnswerPlan, column: Column) -> Drawn:
    return Drawn([RuledLines(2, column.width, column.theme.colours.rule)])


def key(body: ShortAnswerPlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer)
