"""An order question: a box to number each lettered item; the key gives the number of each box."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.pdf import Paragraph, padding, scripted, table
from compiler.questions.drawing import Column, Drawn, WriteInBox, child, key_lines, list_item
from compiler.questions.order.plan import OrderPlan


def sheet(body: OrderPlan, column: Column) -> Drawn:
    style = column.style
    box = style["body"].leading + 2
    items = child(column.node, "L")
    rows = []
    for item in body.items:
        letter, text = list_item(items)
        answer_box = WriteInBox(box, column.theme.colours.text, column.theme.line(0.8), child(text, "Figure", alt=body.box))
        rows.append([answer_box, Paragraph(f"<b>{item.label}</b>", style["option"], node=letter),
                     scripted(item.text, style["option"], text)])
    return Drawn([table(rows, [box + 8, 18, column.width - box - 26],
                        [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 4, 3, 3)], column.font)])


def key(body: OrderPlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer, body.heading, body.details, column.node)
