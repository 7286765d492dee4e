"""A choice question: a circle, a letter and the text per option; the key gives the letters."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.pdf import Paragraph, padding, table
from compiler.questions.choice.plan import ChoicePlan
from compiler.questions.drawing import Column, Drawn, key_lines


def sheet(body: ChoicePlan, column: Column) -> Drawn:
    style = column.style
    rows = [["○", Paragraph(f"<b>{item.label}</b>", style["option"]), Paragraph(item.text, style["option"])]
            for item in body.options]
    return Drawn([table(rows, [14, 16, column.width - 30], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 2, 2, 2),
                                                            ("FONTSIZE", (0, 0), (0, -1), style["body"].fontSize)],
                        column.font)])


def key(body: ChoicePlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer)
