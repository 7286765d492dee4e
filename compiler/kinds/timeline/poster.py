"""Draws a laid-out poster on a canvas, in design points: bands, the axis and its ticks, span
bars, and each event's leader, mark and label; the title block is :mod:`.title`'s."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts
from compiler.kinds.timeline.layout import (
    LABEL_PAD,
    MARGIN,
    SPAN_LANE,
    Label,
    Poster,
)
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.kinds.timeline.title import draw_title
from compiler.pdf import MARKER_FONT, colour, fit_width
from compiler.theme import Theme

LEADER_WIDTH = 0.7
BOX_WIDTH = 0.6
KEY_BOX_WIDTH = 2.0  # a key event's box: seen first from the back of the room
MARK = 2.6  # radius of an event's mark on the axis
KEY_MARK = 4.6
NOTE_SIZE = 10.0  # the line saying how many events the poster leaves out


def draw_poster(canvas: Canvas, plan: TimelinePlan, poster: Poster, theme: Theme, *, answers: bool) -> None:
    head = fonts.register(theme.fonts.heading)
    body = fonts.register(theme.fonts.body)
    bold = fonts.face(head, bold=True)
    text = colour(theme.colours.text)
    muted = colour(theme.colours.muted)

    for band in poster.bands:  # bands first: everything else sits on them
        canvas.setFillColor(colour(band.fill), alpha=0.08)
        canvas.rect(band.x0, MARGIN + 22, band.x1 - band.x0, poster.band_label_y + 10 - MARGIN - 22, stroke=0, fill=1)
        canvas.setFillColor(colour(band.fill))
        for k, line in enumerate(band.lines):
            canvas.setFont(bold, 8)
            canvas.drawCentredString((band.x0 + band.x1) / 2, poster.band_label_y - k * 9.6, line)
    canvas.setStrokeColor(text)
    canvas.setLineWidth(1.2)
    canvas.line(poster.axis_x0, poster.axis_y, poster.axis_x1, poster.axis_y)
    for span in poster.spans:
        canvas.setFillColor(colour(span.colour), alpha=0.55)
        canvas.rect(span.x0, span.y, max(span.x1 - span.x0, 1.5), SPAN_LANE - 1.5, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    for label in poster.labels:
        _draw_label(canvas, label, plan, theme, answers, head, body)
    canvas.setFont(body, 7.5)
    for x, year in poster.ticks:  # last, on a white ground, so leader lines pass behind the years
        canvas.setStrokeColor(text)
        canvas.line(x, poster.axis_y - 3, x, poster.axis_y + 3)
        width = stringWidth(year, body, 7.5) + 3
        canvas.setFillColor(colour("#ffffff"))
        canvas.rect(x - width / 2, poster.axis_y - 13, width, 9, stroke=0, fill=1)
        canvas.setFillColor(muted)
        canvas.drawCentredString(x, poster.axis_y - 11, year)
    _draw_marks(canvas, poster)
    draw_title(canvas, plan, poster, theme, answers)
    footer_room = poster.size[0] - 2 * MARGIN
    if poster.omitted:
        note = plan.further_note(poster.omitted)
        canvas.setFont(bold, NOTE_SIZE)
        canvas.setFillColor(text)
        canvas.drawRightString(poster.size[0] - MARGIN, MARGIN, note)
        footer_room -= stringWidth(note, bold, NOTE_SIZE) + 12
    canvas.setFont(body, 7.5)
    canvas.setFillColor(muted)
    canvas.drawString(MARGIN, MARGIN, fit_width(plan.footer, body, 7.5, footer_room))


def _draw_label(canvas: Canvas, label: Label, plan: TimelinePlan, theme: Theme, answers: bool,
                head: str, body: str) -> None:
    """A label's leader from its event's mark, its box, its date, title and (key events) detail;
    in the blank version, the dashed box to write in instead of its title or its date."""
    fill = colour(label.colour)
    canvas.setStrokeColor(fill)
    canvas.setLineWidth(LEADER_WIDTH)
    path = canvas.beginPath()
    path.moveTo(*label.leader[0])
    for point in label.leader[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setFillColor(colour("#ffffff"))
    canvas.setStrokeColor(fill)
    canvas.setLineWidth(KEY_BOX_WIDTH if label.key else BOX_WIDTH)
    canvas.rect(label.x, label.y, label.width, label.height, stroke=1, fill=1)
    hide_title = label.blank and not answers and plan.blank_mode == "titles"
    hide_date = label.blank and not answers and plan.blank_mode == "dates"
    reveal = label.blank and answers
    top = label.y + label.height - LABEL_PAD
    date_size = label.date_size
    canvas.setFillColor(fill)
    canvas.setFont(MARKER_FONT, date_size)
    canvas.drawString(label.x + LABEL_PAD, top - date_size, label.marker)
    canvas.setFillColor(colour(theme.colours.accent if reveal else theme.colours.muted))
    canvas.setFont(fonts.face(body, bold=reveal), date_size)
    if not hide_date:
        canvas.drawString(label.x + LABEL_PAD + date_size + 2, top - date_size, label.date)
    canvas.setFillColor(colour(theme.colours.accent if reveal else theme.colours.text))
    canvas.setFont(fonts.face(head, bold=label.key or reveal), label.size)
    baseline = top - label.head - label.size
    if not hide_title:
        for line in label.lines:
            canvas.drawString(label.x + LABEL_PAD, baseline + 1.5, line)
            baseline -= label.size * 1.2
    canvas.setFillColor(colour(theme.colours.muted))
    canvas.setFont(head, label.detail_size)
    baseline += label.size - label.detail_size
    for line in label.detail:
        canvas.drawString(label.x + LABEL_PAD, baseline + 1.5, line)
        baseline -= label.detail_size * 1.2
    if hide_title or hide_date:
        canvas.setStrokeColor(colour(theme.colours.muted))
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.5)
        left = label.x + LABEL_PAD if hide_title else label.x + LABEL_PAD + date_size + 2
        bottom = label.y + LABEL_PAD if hide_title else top - label.head
        height = top - label.head - bottom if hide_title else label.head
        canvas.rect(left, bottom, label.x + label.width - LABEL_PAD - left, height)
        canvas.setDash()


def _draw_marks(canvas: Canvas, poster: Poster) -> None:
    """Each event's mark on the axis, over the axis and the leaders' ends: a key event's larger,
    ringed in white."""
    canvas.setStrokeColor(colour("#ffffff"))
    canvas.setLineWidth(0.8)
    for label in poster.labels:
        canvas.setFillColor(colour(label.colour))
        canvas.circle(label.anchor, poster.axis_y, KEY_MARK if label.key else MARK, stroke=1 if label.key else 0, fill=1)
