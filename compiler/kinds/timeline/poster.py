"""Draws a laid-out poster on a canvas, in design points: bands, the axis and its ticks, span
bars, and each event's leader, mark and label; the title block is :mod:`.title`'s."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts
from compiler.kinds.timeline.layout import (
    DATE_SIZE,
    LABEL_PAD,
    MARGIN,
    SPAN_LANE,
    TITLE_SIZE,
    Label,
    Poster,
)
from compiler.kinds.timeline.periods import draw_bands
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.kinds.timeline.title import draw_title
from compiler.pdf import MARKER_FONT, colour
from compiler.theme import Theme


def draw_poster(canvas: Canvas, plan: TimelinePlan, poster: Poster, theme: Theme, *, answers: bool) -> None:
    head = fonts.register(theme.fonts.heading)
    body = fonts.register(theme.fonts.body)
    bold = fonts.face(head, bold=True)
    text = colour(theme.colours.text)
    muted = colour(theme.colours.muted)

    draw_bands(canvas, poster.bands, MARGIN + 22, poster.band_label_y, bold)  # first: everything else sits on them
    canvas.setStrokeColor(text)
    canvas.setLineWidth(1.2)
    canvas.line(poster.axis_x0, poster.axis_y, poster.axis_x1, poster.axis_y)
    for span in poster.spans:
        canvas.setFillColor(colour(span.colour), alpha=0.55)
        canvas.rect(span.x0, span.y, max(span.x1 - span.x0, 1.5), SPAN_LANE - 1.5, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    for label in poster.labels:
        _draw_label(canvas, label, plan, poster, theme, answers, head, body)
    canvas.setFont(body, 7.5)
    for x, year in poster.ticks:  # last, on a white ground, so leader lines pass behind the years
        canvas.setStrokeColor(text)
        canvas.line(x, poster.axis_y - 3, x, poster.axis_y + 3)
        width = stringWidth(year, body, 7.5) + 3
        canvas.setFillColor(colour("#ffffff"))
        canvas.rect(x - width / 2, poster.axis_y - 13, width, 9, stroke=0, fill=1)
        canvas.setFillColor(muted)
        canvas.drawCentredString(x, poster.axis_y - 11, year)
    draw_title(canvas, poster.title)


def _draw_label(canvas: Canvas, label: Label, plan: TimelinePlan, poster: Poster, theme: Theme, answers: bool,
                head: str, body: str) -> None:
    fill = colour(label.colour)
    canvas.setStrokeColor(fill)
    canvas.setLineWidth(0.6)
    edge = label.y if label.above else label.y + label.height
    canvas.line(label.anchor, poster.axis_y, label.anchor, edge)
    canvas.setFillColor(fill)
    canvas.circle(label.anchor, poster.axis_y, 3.2 if label.key else 2.2, stroke=0, fill=1)  # the shape is in the box
    canvas.setFillColor(colour("#ffffff"))
    canvas.setStrokeColor(fill)
    canvas.setLineWidth(1.4 if label.key else 0.5)
    canvas.rect(label.x, label.y, label.width, label.height, stroke=1, fill=1)
    hide_title = label.blank and not answers and plan.blank_mode == "titles"
    hide_date = label.blank and not answers and plan.blank_mode == "dates"
    reveal = label.blank and answers
    top = label.y + label.height - LABEL_PAD
    canvas.setFillColor(fill)
    canvas.setFont(MARKER_FONT, DATE_SIZE)
    canvas.drawString(label.x + LABEL_PAD, top - DATE_SIZE, label.marker)
    canvas.setFillColor(colour(theme.colours.accent if reveal else theme.colours.muted))
    canvas.setFont(fonts.face(body, bold=reveal), DATE_SIZE)
    if not hide_date:
        canvas.drawString(label.x + LABEL_PAD + DATE_SIZE + 2, top - DATE_SIZE, label.date)
    canvas.setFillColor(colour(theme.colours.accent if reveal else theme.colours.text))
    canvas.setFont(fonts.face(head, bold=label.key or reveal), TITLE_SIZE)
    for k, line in enumerate(label.lines):
        if not hide_title:
            canvas.drawString(label.x + LABEL_PAD, top - DATE_SIZE * 1.25 - (k + 1) * TITLE_SIZE * 1.2 + 1.5, line)
    if hide_title or hide_date:
        canvas.setStrokeColor(colour(theme.colours.muted))
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.5)
        inner_top = top - DATE_SIZE * 1.25 if hide_title else top + 1
        inner_bottom = label.y + LABEL_PAD if hide_title else top - DATE_SIZE * 1.25 - TITLE_SIZE * 1.2 + 2
        left = label.x + LABEL_PAD if hide_title else label.x + LABEL_PAD + DATE_SIZE + 1
        canvas.rect(left, inner_bottom, label.x + label.width - LABEL_PAD - left, inner_top - inner_bottom)
        canvas.setDash()
