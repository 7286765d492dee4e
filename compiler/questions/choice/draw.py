"""A choice question: a letter and the text per option, the letter set apart with room to circle it
(the instruction says "Circle one letter": no bubble beside it to tick or fill instead); the key
gives the letters and the options."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.pdf import padding, scripted, table
from compiler.questions.choice.plan import ChoicePlan
from compiler.questions.drawing import Column, Drawn, child, key_lines, list_item, to_circle


def sheet(body: ChoicePlan, column: Column) -> Drawn:
    style = column.style
    options = child(column.node, "L")
    rows = []
    for item in body.options:
        letter, text = list_item(options)
        rows.append([to_circle(item.label, style, letter), scripted(item.text, style["option"], text)])
    room = 2 * style["option"].fontSize + 6
    return Drawn([table(rows, [room, column.width - room], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 2, 2, 2)],
                        column.font)])


def key(body: ChoicePlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer, node=column.node)
