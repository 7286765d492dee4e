"""A gap fill: the text with room to write in its blanks, then the word bank in a box."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from compiler.pdf import Paragraph, colour, padding, table
from compiler.questions.drawing import Column, Drawn, key_lines
from compiler.questions.gap_fill.plan import GapFillPlan


def sheet(body: GapFillPlan, column: Column) -> Drawn:
    style = column.style
    story: list[Flowable] = [Paragraph(body.text, ParagraphStyle("gaps", parent=style["body"],
                                                                 leading=style["body"].fontSize * 2.1))]
    if body.word_bank:
        words = "&nbsp;&nbsp;&nbsp;·&nbsp;&nbsp;&nbsp; ".join(body.word_bank)
        story.append(table([[Paragraph(f"<b>{body.word_bank_heading}:</b>&nbsp;&nbsp; {words}", style["body"])]],
                           [column.width], [("BOX", (0, 0), (-1, -1), 0.8, colour(column.theme.colours.rule)),
                                            *padding(8, 8, 5, 3)], column.font))
    return Drawn(story)


def key(body: GapFillPlan, column: Column) -> list[Flowable]:
    return [Paragraph(body.text, column.style["body"]), *key_lines(column.style, body.answer)]
