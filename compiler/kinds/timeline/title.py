"""The poster's title block: its title, subtitle (or the blank version's instruction) and the
legend of themes."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from compiler import fonts
from compiler.kinds.timeline.layout import MARGIN, Poster
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.pdf import MARKER_FONT, colour, fit_width
from compiler.theme import Theme


def draw_title(canvas: Canvas, plan: TimelinePlan, poster: Poster, theme: Theme, answers: bool) -> None:
    width, height = poster.size
    head = fonts.register(theme.fonts.heading)
    bold = fonts.face(head, bold=True)
    column_width = 150.0
    left = width - MARGIN - 3 * column_width
    room = (left - 12 if plan.legend else width - MARGIN) - MARGIN  # a long title stops short of the legend
    canvas.setFillColor(colour(theme.colours.text))
    canvas.setFont(bold, 22)
    canvas.drawString(MARGIN, height - MARGIN - 20, fit_width(plan.title, bold, 22, room))
    canvas.setFont(head, 11)
    canvas.setFillColor(colour(theme.colours.muted))
    subtitle = plan.subtitle
    if plan.variant == "blank":
        subtitle = plan.banner if answers else plan.instruction
        canvas.setFillColor(colour(theme.colours.accent))
    canvas.drawString(MARGIN, height - MARGIN - 38, fit_width(subtitle, head, 11, room))
    if not plan.legend:
        return
    canvas.setFont(bold, 7.5)
    canvas.setFillColor(colour(theme.colours.text))
    canvas.drawString(left, height - MARGIN - 6, plan.legend_heading)
    for k, (marker, fill, label) in enumerate(plan.legend):
        row, column = divmod(k, 3)
        x, y = left + column * column_width, height - MARGIN - 18 - row * 11
        canvas.setFillColor(colour(fill))
        canvas.setFont(MARKER_FONT, 8)
        canvas.drawString(x, y, marker)
        canvas.setFillColor(colour(theme.colours.text))
        canvas.setFont(head, 7.5)
        canvas.drawString(x + 11, y, fit_width(label, head, 7.5, column_width - 16))
