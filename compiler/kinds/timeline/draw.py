"""Draws a planned timeline: the poster, its printer sheets and its blank version.

The plan holds the words; :func:`~compiler.kinds.timeline.layout.lay_out` measures them and
places everything (or raises a LayoutError), and this module draws what it placed."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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
    lay_out,
)
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.outputs import Context, Rendered
from compiler.pdf import MARKER_FONT, Paragraph, colour, document_canvas, fit_width, styles
from compiler.theme import PAPER, Theme


def render(plan: TimelinePlan, context: Context) -> Rendered:
    theme = context.theme
    poster = lay_out(plan, theme)
    if plan.variant == "tiled":
        return _render_tiled(plan, poster, theme)
    canvas, buffer = document_canvas(poster.size, theme, plan.metadata)
    _draw_poster(canvas, plan, poster, theme, answers=plan.key)
    canvas.showPage()
    canvas.save()
    return Rendered(buffer.getvalue(), 1)


def _draw_poster(canvas: Canvas, plan: TimelinePlan, poster: Poster, theme: Theme, *, answers: bool) -> None:
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
    _draw_title(canvas, plan, poster, theme, answers)
    canvas.setFont(body, 7.5)
    canvas.setFillColor(muted)
    canvas.drawString(MARGIN, MARGIN, fit_width(plan.footer, body, 7.5, poster.size[0] - 2 * MARGIN))


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


def _draw_title(canvas: Canvas, plan: TimelinePlan, poster: Poster, theme: Theme, answers: bool) -> None:
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


@dataclass(frozen=True)
class Tiling:
    """How the poster is cut into printer sheets: every sheet's printable area shows a window
    of the poster; neighbouring windows share an overlap strip."""

    page: tuple[float, float]
    rows: int
    columns: int
    area: tuple[float, float]
    margin: float = 16 * mm
    overlap: float = 10 * mm

    def window(self, row: int, column: int, poster_height: float) -> tuple[float, float, float, float]:
        """The poster rectangle (left, bottom, right, top) shown on the sheet at row, column."""
        area_w, area_h = self.area
        left = column * (area_w - self.overlap)
        top = poster_height - row * (area_h - self.overlap)
        return left, top - area_h, left + area_w, top


def tiling(poster: Poster, sheet: str) -> Tiling:
    """The sheet orientation that needs fewer sheets of paper ``sheet``, and the grid of sheets."""
    sheet_w, sheet_h = PAPER[sheet]
    poster_w, poster_h = poster.size
    options = []
    for page in ((sheet_w, sheet_h), (sheet_h, sheet_w)):
        probe = Tiling(page, 0, 0, (0, 0))
        area_w, area_h = page[0] - 2 * probe.margin, page[1] - 2 * probe.margin
        columns = math.ceil((poster_w - probe.overlap) / (area_w - probe.overlap))
        rows = math.ceil((poster_h - probe.overlap) / (area_h - probe.overlap))
        options.append(Tiling(page, rows, columns, (area_w, area_h)))
    return min(options, key=lambda t: t.rows * t.columns)


def _render_tiled(plan: TimelinePlan, poster: Poster, theme: Theme) -> Rendered:
    """The poster on printer sheets: each sheet shows its window of the poster, clipped to the
    printable area, with an overlap strip, trim and alignment marks and its position."""
    tiles = tiling(poster, plan.sheet)
    margin = tiles.margin
    area_w, area_h = tiles.area
    canvas, buffer = document_canvas(tiles.page, theme, plan.metadata)
    _draw_assembly(canvas, plan, poster, theme, tiles)
    canvas.showPage()
    head = fonts.register(theme.fonts.heading)
    for row in range(tiles.rows):
        for column in range(tiles.columns):
            left, bottom, _, _ = tiles.window(row, column, poster.size[1])
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(margin, margin, area_w, area_h)
            canvas.clipPath(path, stroke=0, fill=0)
            canvas.translate(margin - left, margin - bottom)
            _draw_poster(canvas, plan, poster, theme, answers=False)
            canvas.restoreState()
            _draw_marks(canvas, theme, tiles, row, column)
            position = plan.tile_phrase.format(row=row + 1, column=column + 1, rows=tiles.rows,
                                               columns=tiles.columns)
            canvas.setFont(head, 8)
            canvas.setFillColor(colour(theme.colours.muted))
            caption = fit_width(plan.title, head, 8, area_w - stringWidth(f" · {position}", head, 8))
            canvas.drawString(margin, 10 * mm + 1, f"{caption} · {position}")
            canvas.showPage()
    canvas.save()
    return Rendered(buffer.getvalue(), 1 + tiles.rows * tiles.columns)


def _draw_marks(canvas: Canvas, theme: Theme, tiles: Tiling, row: int, column: int) -> None:
    """Trim marks at the printable area's corners, the shared strips shaded, and cross marks
    to line neighbouring sheets up."""
    canvas.setStrokeColor(colour(theme.colours.muted))
    canvas.setLineWidth(0.4)
    area_w, area_h = tiles.area
    overlap = tiles.overlap
    x0, y0 = tiles.margin, tiles.margin
    x1, y1 = x0 + area_w, y0 + area_h
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        canvas.line(x + dx * 2, y, x + dx * 9, y)
        canvas.line(x, y + dy * 2, x, y + dy * 9)
    canvas.setFillColor(colour(theme.colours.rule), alpha=0.25)
    if column > 0:  # the strip this sheet shares with its left neighbour
        canvas.rect(x0, y0, overlap, area_h, stroke=0, fill=1)
    if row > 0:
        canvas.rect(x0, y1 - overlap, area_w, overlap, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    for x, y in ((x0 + overlap / 2, y0 + area_h / 2), (x1 - overlap / 2, y0 + area_h / 2),
                 (x0 + area_w / 2, y1 - overlap / 2), (x0 + area_w / 2, y0 + overlap / 2)):
        canvas.circle(x, y, 3)
        canvas.line(x - 5, y, x + 5, y)
        canvas.line(x, y - 5, x, y + 5)


def _draw_assembly(canvas: Canvas, plan: TimelinePlan, poster: Poster, theme: Theme, tiles: Tiling) -> None:
    """The first sheet: how to assemble, and the whole poster drawn small under its sheets' outlines."""
    width, height = tiles.page
    style = styles(theme)
    margin = tiles.margin
    title = Paragraph(Markup.escape(plan.assembly_title), style["heading"])
    steps = Paragraph(Markup.escape(plan.assembly_steps), ParagraphStyle("steps", parent=style["body"]))
    _, title_h = title.wrap(width - 2 * margin, height)
    title.drawOn(canvas, margin, height - margin - title_h)
    _, steps_h = steps.wrap(width - 2 * margin, height)
    steps.drawOn(canvas, margin, height - margin - title_h - 6 - steps_h)
    poster_w, poster_h = poster.size
    available_h = height - 2 * margin - title_h - steps_h - 24
    scale = min((width - 2 * margin) / poster_w, available_h / poster_h)
    canvas.saveState()
    canvas.translate(margin, margin + available_h - poster_h * scale)
    canvas.scale(scale, scale)
    _draw_poster(canvas, plan, poster, theme, answers=False)
    canvas.setStrokeColor(colour(theme.colours.accent))
    canvas.setLineWidth(1.5 / scale)
    head = fonts.face(fonts.register(theme.fonts.heading), bold=True)
    for row in range(tiles.rows):
        for column in range(tiles.columns):
            left, bottom, right, top = tiles.window(row, column, poster_h)
            canvas.rect(left, bottom, right - left, top - bottom)
            canvas.setFillColor(colour(theme.colours.accent))
            canvas.setFont(head, 11 / scale)
            canvas.drawString(left + 8 / scale, top - 16 / scale, f"{row + 1}.{column + 1}")
    canvas.restoreState()
