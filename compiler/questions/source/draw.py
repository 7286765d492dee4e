"""A source-based question: an essay's ruled lines on the sheet; in the key its levelled mark
scheme as a table (highest level first, then no credit), the indicative content as points and
the best-fit note."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from compiler.pdf import Paragraph, kept_with_next, room_for_scripts, scripted
from compiler.questions.drawing import (
    Column,
    Drawn,
    child,
    key_lines,
    levels_table,
    list_item,
    writing_space,
)
from compiler.questions.source.plan import SourcePlan


def sheet(body: SourcePlan, column: Column) -> Drawn:
    return writing_space(body.space, column)


def key(body: SourcePlan, column: Column) -> list[Flowable]:
    style = column.style
    story = key_lines(style, heading=body.heading, node=column.node)
    story += [*kept_with_next(Spacer(1, 3)), levels_table(body.levels, body.columns, column), Spacer(1, 4)]
    if body.indicative:
        size = style["small"].fontSize  # the bullet a quarter larger, its room in proportion: 10 pt by 8 pt
        point = ParagraphStyle("indicative", parent=style["small"], leftIndent=size * 1.25, bulletIndent=size / 4,
                               bulletFontName=style["small"].fontName, bulletFontSize=size * 1.25)
        story.append(Paragraph(body.indicative_heading, style["label"], node=child(column.node, "P")))
        points = child(column.node, "L")
        story += [Paragraph(text, room_for_scripts(text, point), bulletText="•", node=list_item(points)[1])
                  for text in body.indicative]
        story.append(Spacer(1, 3))
    story.append(scripted(body.best_fit, style["instruction"], child(column.node, "P")))
    return story
