"""A match: numbered items, a box for a letter each, lettered items; the key joins them."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.pdf import Paragraph, padding, scripted, table
from compiler.questions.drawing import Column, Drawn, WriteInBox, key_lines
from compiler.questions.match.plan import MatchPlan


def sheet(body: MatchPlan, column: Column) -> Drawn:
    style = column.style
    box = style["body"].leading + 2
    rows = [[Paragraph(f"<b>{left.label}</b>", style["option"]), scripted(left.text, style["option"]),
             WriteInBox(box, column.theme.colours.text), "",
             Paragraph(f"<b>{right.label}</b>", style["option"]), scripted(right.text, style["small"])]
            for left, right in zip(body.left, body.right, strict=True)]
    side = (column.width - 14 - box - 14 - 14) / 2
    return Drawn([table(rows, [14, side * 0.8, box + 4, 10, 14, side * 1.2],
                        [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 4, 4, 4)], column.font)])


def key(body: MatchPlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer, details=body.details)
