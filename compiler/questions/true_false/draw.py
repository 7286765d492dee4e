"""A true/false question: the two words, each with a circle; the key gives the right one."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.pdf import Paragraph, padding, table
from compiler.questions.drawing import Column, Drawn, key_lines
from compiler.questions.true_false.plan import TrueFalsePlan


def sheet(body: TrueFalsePlan, column: Column) -> Drawn:
    cells = [Paragraph(f"○&nbsp;&nbsp;{word}", column.style["option"]) for word in body.words]
    return Drawn([table([cells], [column.width * 0.3, column.width * 0.3], [*padding(0, 0, 3, 0)], column.font,
                        hAlign="LEFT")])


def key(body: TrueFalsePlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer)
