"""A match: a box for a letter beside each numbered item, the lettered items on the right; the
key joins them. The items follow the question's row and may go on over pages between pairs."""

from __future__ import annotations

from reportlab.platypus import Flowable

from compiler.pdf import Paragraph, padding, scripted, table
from compiler.questions.drawing import (
    Column,
    Drawn,
    WriteInBox,
    child,
    key_lines,
    list_item,
    set_width,
)
from compiler.questions.match.plan import MatchPlan

GAP = 10  # between the numbered and the lettered items
LABEL_GAP = 4  # after a number or letter, and after the box


def sheet(body: MatchPlan, column: Column) -> Drawn:
    style = column.style
    item = style["option"]
    box = item.leading
    numbered, lettered = child(column.node, "L"), child(column.node, "L")  # read column by column
    rows = []
    for left, right in zip(body.left, body.right, strict=True):
        (left_label, left_text), (right_label, right_text) = list_item(numbered), list_item(lettered)
        answer_box = WriteInBox(box, column.theme.colours.text, column.theme.line(0.8),
                                child(left_text, "Figure", alt=body.box))
        rows.append(["", answer_box, Paragraph(f"<b>{left.label}</b>", item, node=left_label),
                     scripted(left.text, item, left_text), "", Paragraph(f"<b>{right.label}</b>", item, node=right_label),
                     scripted(right.text, item, right_text)])
    number = max(set_width(f"<b>{left.label}</b>", item) for left in body.left) + LABEL_GAP + 1
    letter = max(set_width(f"<b>{right.label}</b>", item) for right in body.right) + LABEL_GAP + 1
    texts = column.width - (box + LABEL_GAP) - number - GAP - letter
    return Drawn([], after=[table(rows, [column.indent, box + LABEL_GAP, number, texts * 0.4, GAP, letter, texts * 0.6],
                                  [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, LABEL_GAP, 3, 3),
                                   ("RIGHTPADDING", (3, 0), (3, -1), 0)], column.font, hAlign="LEFT")])


def key(body: MatchPlan, column: Column) -> list[Flowable]:
    return key_lines(column.style, body.answer, details=body.details, node=column.node)
