"""A true/false question: the two words, set apart with room to circle one (as the instruction
says: no bubble beside them); the key gives the right one."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.pdf import padding, table
from compiler.questions.drawing import Column, Drawn, child, key_lines, list_item, to_circle
from compiler.questions.true_false.plan import TrueFalsePlan


def sheet(body: TrueFalsePlan, column: Column) -> Drawn:
    words = child(column.node, "L")
    cells = [to_circle(word, column.style, list_item(words)[1]) for word in body.words]
    return Drawn([table([cells], [column.width * 0.3, column.width * 0.3], [*padding(6, 0, 3, 0)], column.font,
                        hAlign="LEFT")])


def key(body: TrueFalsePlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer, node=column.node)
