"""Draws a laid-out poster on a canvas, in design points: bands, the axis and its ticks, span
bars, and each event's leader, mark and label; the title block is :mod:`.title`'s."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts, tagging
from compiler.figures import draw_picture
from compiler.kinds.timeline.layout import (
    CREDIT_SIZE,
    LABEL_PAD,
    MARGIN,
    SPAN_LANE,
    Label,
    PlacedPicture,
    Poster,
)
from compiler.kinds.timeline.periods import draw_bands
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.kinds.timeline.reading import EventNodes, PosterNodes
from compiler.kinds.timeline.scale import axis_fonts, draw_axis, draw_axis_words
from compiler.kinds.timeline.title import draw_title
from compiler.pdf import MARKER_FONT, colour, fit_width
from compiler.theme import Theme

LEADER_WIDTH = 0.7
BOX_WIDTH = 0.6
KEY_BOX_WIDTH = 2.0  # a key event's box: seen first from the back of the room
MARK = 2.6  # radius of an event's mark on the axis
KEY_MARK = 4.6
NOTE_SIZE = 10.0  # the line saying how many events the poster leaves out
THICKEST_LEADER = 1.0  # leaders run 3.5 pt apart in a fan: a thicker theme rule would close the gaps


def draw_poster(canvas: Canvas, plan: TimelinePlan, poster: Poster, theme: Theme, *, answers: bool,
                window: tuple[float, float, float, float] | None = None, nodes: PosterNodes | None = None) -> None:
    """The whole poster; or, for one printer sheet, only the words near ``window`` (left, bottom,
    right, top): the others would be clipped out of sight, yet still be in the sheet's text
    (copied, searched, read aloud) and its size. Every leader and band is drawn: one may cross
    the sheet. Each piece is the content of its node of ``nodes`` (:mod:`.reading`); without
    them the poster is an artifact."""
    head = fonts.register(theme.fonts.heading)
    body = fonts.register(theme.fonts.body)
    bold = fonts.face(head, bold=True)
    text = colour(theme.colours.text)
    muted = colour(theme.colours.muted)
    ground = colour(theme.page_tint or "#ffffff")  # the paper's: labels and years stand on it

    bands = poster.bands if window is None else tuple(
        band if (window[0] - REACH < band.x1 and band.x0 < window[2] + REACH
                 and window[1] - REACH < poster.band_label_y < window[3] + REACH) else replace(band, lines=())
        for band in poster.bands)
    draw_bands(canvas, bands, MARGIN + 22, poster.band_label_y, bold,  # first: everything else sits on them
               nodes.bands if nodes else None, (text, theme.rule_width) if theme.outline_tints else None)
    with tagging.content(canvas, nodes.axis if nodes else None):
        draw_axis(canvas, poster.axis, poster.axis_y, (poster.axis_x0, poster.axis_x1), text)
    for span in poster.spans:
        canvas.setFillColor(colour(span.colour), alpha=0.55)
        canvas.rect(span.x0, span.y, max(span.x1 - span.x0, 1.5), SPAN_LANE - 1.5, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    events = nodes.events if nodes else {}
    for label in poster.labels:
        _draw_leader(canvas, label, theme)
        if window is None or _meets(label, window):
            _draw_label(canvas, label, plan, theme, answers, (head, body), events.get(label.path), ground)
    for picture in poster.pictures:
        if window is None or _box_meets(picture.box, window):
            _draw_picture(canvas, picture, body, muted, events.get(picture.path))
    # last, on a white ground, so leader lines pass behind the years
    ticks = poster.ticks if window is None else tuple(
        tick for tick in poster.ticks
        if window[0] - REACH < tick.x < window[2] + REACH and window[1] - REACH < poster.axis_y < window[3] + REACH)
    draw_axis_words(canvas, ticks, poster.axis_y, axis_fonts(body, theme.emphasis), text, muted,
                    _axis_note(plan, poster), ground)
    _draw_marks(canvas, poster)
    draw_title(canvas, poster.title if window is None else replace(poster.title, texts=tuple(
        line for line in poster.title.texts
        if window[0] - REACH < line.x < window[2] + REACH and window[1] - REACH < line.y < window[3] + REACH)),
        nodes.block if nodes else None)
    if poster.omitted:
        with tagging.content(canvas, nodes.further if nodes else None):
            _draw_further_note(canvas, plan.further_note(poster.omitted), poster, bold, text)


def _axis_note(plan: TimelinePlan, poster: Poster) -> tuple[float, float, str] | None:
    """The line saying that the axis breaks or changes scale, if it does: at the foot of the
    sheet, right, above the footer's line."""
    words = " ".join(([plan.axis_words.broken] if poster.axis.breaks else [])
                     + ([plan.axis_words.changes] if poster.axis.changes else []))
    return (poster.size[0] - MARGIN, MARGIN + 11, words) if words else None


def _draw_further_note(canvas: Canvas, note: str, poster: Poster, bold: str, text: Color) -> None:
    """How many events the poster leaves out, at the foot of the sheet, right: on the footer's
    line, or on the line above it when a long footer leaves no room."""
    footer = poster.title.texts[-1]
    right = poster.size[0] - MARGIN
    width = stringWidth(note, bold, NOTE_SIZE)
    clear = footer.x + stringWidth(footer.text, footer.font, footer.size) + 12 < right - width
    canvas.setFont(bold, NOTE_SIZE)
    canvas.setFillColor(text)
    canvas.drawRightString(right, footer.y if clear else MARGIN + 11, note)


REACH = 200.0  # design points: words this far outside a printer sheet's window may still reach into it


def _meets(label: Label, window: tuple[float, float, float, float]) -> bool:
    left, bottom, right, top = window
    return label.x < right and label.x + label.width > left and label.y < top and label.y + label.height > bottom


def _box_meets(box: tuple[float, float, float, float], window: tuple[float, float, float, float]) -> bool:
    return box[0] < window[2] and window[0] < box[2] and box[1] < window[3] and window[1] < box[3]


def _draw_picture(canvas: Canvas, placed: PlacedPicture, font: str, muted: Color, nodes: EventNodes | None) -> None:
    """An event's picture in a thin frame of its event's colour, its credit under it."""
    draw_picture(canvas, placed.picture, placed.x, placed.y, placed.width, placed.height, (*placed.path, "picture"),
                 nodes.picture if nodes else None)
    canvas.setStrokeColor(colour(placed.colour))
    canvas.setLineWidth(BOX_WIDTH)
    canvas.rect(placed.x, placed.y, placed.width, placed.height, stroke=1, fill=0)
    if placed.credit:
        canvas.setFillColor(muted)
        canvas.setFont(font, CREDIT_SIZE)
        with tagging.content(canvas, nodes.credit if nodes else None):
            canvas.drawString(placed.x, placed.y - CREDIT_SIZE * 1.1, fit_width(placed.credit, font, CREDIT_SIZE,
                                                                             placed.width))


def _draw_leader(canvas: Canvas, label: Label, theme: Theme) -> None:
    """A label's leader, from its event's mark to its box: as thick as the theme's rules (high
    contrast), but no thicker than :data:`THICKEST_LEADER`, as leaders run side by side."""
    canvas.setStrokeColor(colour(label.colour))
    canvas.setLineWidth(max(LEADER_WIDTH, min(theme.rule_width, THICKEST_LEADER)))
    path = canvas.beginPath()
    path.moveTo(*label.leader[0])
    for point in label.leader[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)


def _draw_label(canvas: Canvas, label: Label, plan: TimelinePlan, theme: Theme, answers: bool,
                faces: tuple[str, str], nodes: EventNodes | None, ground: Color) -> None:
    """A label's box on the paper's colour (``ground``), its date, title and (key events) detail;
    in the blank version, the dashed box to write in instead of its title or its date. Each the
    content of its node of ``nodes``. Its outline is at least as thick as the theme's rules, a key
    event's twice that."""
    head, body = faces
    fill = colour(label.colour)
    canvas.setFillColor(ground)
    canvas.setStrokeColor(fill)
    canvas.setLineWidth(max(KEY_BOX_WIDTH, 2 * theme.rule_width) if label.key else max(BOX_WIDTH, theme.rule_width))
    canvas.rect(label.x, label.y, label.width, label.height, stroke=1, fill=1)
    hide_title = label.blank and not answers and plan.blank_mode == "titles"
    hide_date = label.blank and not answers and plan.blank_mode == "dates"
    reveal = label.blank and answers
    top = label.y + label.height - LABEL_PAD
    date_size = label.date_size
    canvas.setFillColor(fill)
    canvas.setFont(MARKER_FONT, date_size)
    with tagging.content(canvas, nodes.marker if nodes else None):
        canvas.drawString(label.x + LABEL_PAD, top - date_size, label.marker)
    canvas.setFillColor(colour(theme.colours.accent if reveal else theme.colours.muted))
    canvas.setFont(fonts.face(body, bold=reveal), date_size)
    if not hide_date:
        with tagging.content(canvas, nodes.date if nodes else None):
            canvas.drawString(label.x + LABEL_PAD + date_size + 2, top - date_size, label.date)
    canvas.setFillColor(colour(theme.colours.accent if reveal else theme.colours.text))
    canvas.setFont(fonts.face(head, bold=label.key or reveal), label.size)
    baseline = top - label.head - label.size
    if not hide_title:
        with tagging.content(canvas, nodes.title if nodes else None):
            for line in label.lines:
                canvas.drawString(label.x + LABEL_PAD, baseline + 1.5, line)
                baseline -= label.size * 1.2
    canvas.setFillColor(colour(theme.colours.muted))
    canvas.setFont(head, label.detail_size)
    baseline += label.size - label.detail_size
    with tagging.content(canvas, nodes.detail if nodes and label.detail else None):
        for line in label.detail:
            canvas.drawString(label.x + LABEL_PAD, baseline + 1.5, line)
            baseline -= label.detail_size * 1.2
    if hide_title or hide_date:
        with tagging.content(canvas, nodes.blank if nodes else None):
            _draw_write_in(canvas, label, hide_title, theme)


def _draw_write_in(canvas: Canvas, label: Label, instead_of_title: bool, theme: Theme) -> None:
    """The dashed box to write in, instead of the label's title or its date."""
    top = label.y + label.height - LABEL_PAD
    canvas.setStrokeColor(colour(theme.colours.muted))
    canvas.setDash(2, 2)
    canvas.setLineWidth(theme.rule_width)
    left = label.x + LABEL_PAD if instead_of_title else label.x + LABEL_PAD + label.date_size + 2
    bottom = label.y + LABEL_PAD if instead_of_title else top - label.head
    height = top - label.head - bottom if instead_of_title else label.head
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
