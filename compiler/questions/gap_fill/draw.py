"""A gap fill: the text with room to write in its blanks, then the word bank in a box."""

from __future__ import annotations

import math

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from compiler.pdf import scripted
from compiler.questions.drawing import Column, Drawn, child, key_lines, set_width, word_bank_box
from compiler.questions.gap_fill.plan import BLANK, GapFillPlan

MIN_BLANK = 25 * mm
# Handwriting takes more room than type: a blank is this much wider than its longest answer set.
HANDWRITING = 1.3


def sheet(body: GapFillPlan, column: Column) -> Drawn:
    style = column.style
    gaps = ParagraphStyle("gaps", parent=style["body"], leading=style["body"].fontSize * 2.1)
    node = child(column.node, "P")
    if node is not None and body.spoken:
        node.actual = body.spoken  # "(1) blank", not a row of underscores
    story: list[Flowable] = [scripted(body.text.replace(BLANK, _blank(body, gaps, column.width)), gaps, node)]
    if body.word_bank:
        story.append(word_bank_box(body.word_bank, body.word_bank_heading, column))
    return Drawn(story)


def _blank(body: GapFillPlan, style: ParagraphStyle, width: float) -> str:
    """One blank for every gap of the question, all the same length (the length gives no answer
    away): room for its longest answer or word-bank entry in the text's font and size, at least
    ``MIN_BLANK``; never wider than the column can hold after the gap's number "(12) " and a
    stop, so that a number and its blank always stay on one line."""
    underscore = stringWidth("_", style.fontName, style.fontSize)
    widest = max(set_width(text, style) for text in body.longest)
    number = stringWidth(f"({len(body.longest)})  .", style.fontName, style.fontSize) + style.fontSize
    wanted, most = max(MIN_BLANK, widest * HANDWRITING), width - number
    return "_" * (math.ceil(wanted / underscore) if wanted < most else int(most // underscore))


def key(body: GapFillPlan, column: Column) -> list[Flowable]:
    return [scripted(body.text, column.style["body"], child(column.node, "P")),
            *key_lines(column.style, body.answer, node=column.node)]
