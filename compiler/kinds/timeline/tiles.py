"""The poster on printer sheets (``timeline-tiled.pdf``): an assembly page, then one sheet per
window of the poster, with overlap strips, trim and alignment marks and its position."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts
from compiler.kinds.timeline.layout import Poster
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.kinds.timeline.poster import draw_poster
from compiler.outputs import Rendered
from compiler.pdf import Paragraph, colour, document_canvas, fit_width, styles
from compiler.theme import PAPER, Theme


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
    poster_w, poster_h = poster.paper
    options = []
    for page in ((sheet_w, sheet_h), (sheet_h, sheet_w)):
        probe = Tiling(page, 0, 0, (0, 0))
        area_w, area_h = page[0] - 2 * probe.margin, page[1] - 2 * probe.margin
        columns = math.ceil((poster_w - probe.overlap) / (area_w - probe.overlap))
        rows = math.ceil((poster_h - probe.overlap) / (area_h - probe.overlap))
        options.append(Tiling(page, rows, columns, (area_w, area_h)))
    return min(options, key=lambda t: t.rows * t.columns)


def render_tiled(plan: TimelinePlan, poster: Poster, theme: Theme) -> Rendered:
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
            left, bottom, _, _ = tiles.window(row, column, poster.paper[1])
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(margin, margin, area_w, area_h)
            canvas.clipPath(path, stroke=0, fill=0)
            canvas.translate(margin - left, margin - bottom)
            canvas.scale(poster.scale, poster.scale)
            draw_poster(canvas, plan, poster, theme, answers=False)
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
    poster_w, poster_h = poster.paper
    available_h = height - 2 * margin - title_h - steps_h - 24
    scale = min((width - 2 * margin) / poster_w, available_h / poster_h)
    canvas.saveState()
    canvas.translate(margin, margin + available_h - poster_h * scale)
    canvas.scale(scale, scale)
    canvas.saveState()
    canvas.scale(poster.scale, poster.scale)
    draw_poster(canvas, plan, poster, theme, answers=False)
    canvas.restoreState()
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
