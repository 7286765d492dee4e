"""The poster on printer sheets (``timeline-tiled.pdf``): an assembly page, then one sheet per
window of the poster that has something on it, with its glue strips, trim and alignment marks
and its position.

Neighbouring windows share an overlap strip. A sheet goes on top of its left and upper
neighbours: it is trimmed along its left and top edges, and the strip it covers, on the right
or bottom of the sheet underneath, is printed grey with "glue here" instead of the poster, so
no grey shows on the assembled poster. Marks stay in the margins, outside the poster's
window. A window with no ink of the poster (background bands aside) gets no sheet: the
assembly page's map shows it as a dashed gap. Of the two orientations of the sheet, the one
needing fewer sheets wins.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from markupsafe import Markup
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts
from compiler.kinds.timeline.layout import SPAN_LANE, Poster
from compiler.kinds.timeline.periods import label_area
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.kinds.timeline.poster import draw_poster
from compiler.kinds.timeline.reading import poster_nodes
from compiler.outputs import Rendered
from compiler.pdf import (
    Paragraph,
    colour,
    document_canvas,
    fit_width,
    page_background,
    saved,
    styles,
)
from compiler.tagging import TaggedCanvas
from compiler.theme import PAPER, Theme

Rect = tuple[float, float, float, float]  # left, bottom, right, top
GLUE_SIZE = 7.0
CAPTION_Y = 8 * mm  # the caption's baseline, in the bottom margin, clear of the marks
MARK = (2.0, 9.0)
MAP_GUTTER = 16.0  # on the assembly page, room for the rows' and columns' numbers  # how far from the printable area a mark starts and ends


@dataclass(frozen=True)
class Tiling:
    """How the poster is cut into printer sheets: every sheet's printable area shows a window
    of the poster; neighbouring windows share an overlap strip; ``sheets`` are the windows
    printed (row, column), in reading order: the others would be blank."""

    page: tuple[float, float]
    rows: int
    columns: int
    area: tuple[float, float]
    sheets: tuple[tuple[int, int], ...] = ()
    margin: float = 16 * mm
    overlap: float = 10 * mm

    def window(self, row: int, column: int, poster_height: float) -> Rect:
        """The poster rectangle (left, bottom, right, top) shown on the sheet at row, column."""
        area_w, area_h = self.area
        left = column * (area_w - self.overlap)
        top = poster_height - row * (area_h - self.overlap)
        return left, top - area_h, left + area_w, top

    def strips(self, row: int, column: int) -> tuple[bool, bool]:
        """Whether the sheet has a glue strip on its right and on its bottom: where the next
        sheet, laid on top of it, covers it."""
        return (row, column + 1) in self.sheets, (row + 1, column) in self.sheets

    def shown(self, row: int, column: int, poster_height: float) -> Rect:
        """The poster rectangle the sheet prints: its window less the strips the sheets laid on
        top of it cover."""
        left, bottom, right, top = self.window(row, column, poster_height)
        on_right, below = self.strips(row, column)
        return left, bottom + (self.overlap if below else 0), right - (self.overlap if on_right else 0), top

    def visible(self, row: int, column: int) -> Rect:
        """The part of the sheet's printable area that shows the poster (on the sheet's page)."""
        right, below = self.strips(row, column)
        x0, y0 = self.margin, self.margin
        return (x0, y0 + (self.overlap if below else 0), x0 + self.area[0] - (self.overlap if right else 0),
                y0 + self.area[1])


def tiling(poster: Poster, sheet: str) -> Tiling:
    """The sheet orientation that needs fewer sheets of paper ``sheet``, its grid, and the
    windows that have some of the poster's ink."""
    sheet_w, sheet_h = PAPER[sheet]
    poster_w, poster_h = poster.paper
    ink = list(poster_ink(poster))
    options = []
    for page in ((sheet_w, sheet_h), (sheet_h, sheet_w)):
        probe = Tiling(page, 0, 0, (0, 0))
        area_w, area_h = page[0] - 2 * probe.margin, page[1] - 2 * probe.margin
        columns = math.ceil((poster_w - probe.overlap) / (area_w - probe.overlap))
        rows = math.ceil((poster_h - probe.overlap) / (area_h - probe.overlap))
        grid = Tiling(page, rows, columns, (area_w, area_h))
        sheets = tuple((row, column) for row in range(rows) for column in range(columns)
                       if any(_meet(grid.window(row, column, poster_h), rect) for rect in ink))
        options.append(Tiling(page, rows, columns, (area_w, area_h), _showing(grid, sheets, ink, poster_h)))
    return min(options, key=lambda t: (len(t.sheets), t.rows * t.columns))


def _showing(grid: Tiling, sheets: tuple[tuple[int, int], ...], ink: list[Rect],
             poster_height: float) -> tuple[tuple[int, int], ...]:
    """Of ``sheets``, those that print some ink outside the strips their neighbours cover: a
    sheet whose ink lies all in such a strip would come out blank (the sheet on top shows it).
    Leaving one out uncovers its neighbours' strips, so this repeats until none is blank."""
    while True:
        tiles = replace(grid, sheets=sheets)
        kept = tuple(s for s in sheets if any(_meet(tiles.shown(*s, poster_height), rect) for rect in ink))
        if kept == sheets:
            return sheets
        sheets = kept


def poster_ink(poster: Poster) -> Iterator[Rect]:
    """Rectangles holding everything the poster prints but its background bands, in real
    points: the title block and footer, band labels, the axis with its years, span bars, and
    each label with its leader (from the event's mark to its box), and the events' pictures."""
    rects: list[Rect] = [text.box() for text in poster.title.texts]
    rects += [label_area(band, poster.band_label_y) for band in poster.bands if band.lines]
    rects.append((poster.axis_x0, poster.axis_y - 20, poster.axis_x1, poster.axis_y + 5))
    rects += [(span.x0, span.y, span.x1, span.y + SPAN_LANE) for span in poster.spans]
    rects += [(min(label.x, label.anchor - 4), min(label.y, poster.axis_y - 4),
               max(label.x + label.width, label.anchor + 4), max(label.y + label.height, poster.axis_y + 4))
              for label in poster.labels]
    rects += [picture.box for picture in poster.pictures]
    scale = poster.scale
    return ((x0 * scale, y0 * scale, x1 * scale, y1 * scale) for x0, y0, x1, y1 in rects)


def render_tiled(plan: TimelinePlan, poster: Poster, theme: Theme) -> Rendered:
    """The poster on printer sheets: each sheet shows its window of the poster, clipped to the
    part no other sheet covers, with its glue strips, trim and alignment marks and its position."""
    tiles = tiling(poster, plan.sheet)
    margin = tiles.margin
    canvas, buffer = document_canvas(tiles.page, theme, plan.metadata)
    page_background(canvas, theme, tiles.page)
    _draw_assembly(canvas, plan, poster, theme, tiles)
    canvas.showPage()
    head = fonts.register(theme.fonts.heading)
    for row, column in tiles.sheets:
        page_background(canvas, theme, tiles.page)
        left, bottom, right, top = tiles.window(row, column, poster.paper[1])
        x0, y0, x1, y1 = tiles.visible(row, column)
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(x0, y0, x1 - x0, y1 - y0)
        canvas.clipPath(path, stroke=0, fill=0)
        canvas.translate(margin - left, margin - bottom)
        canvas.scale(poster.scale, poster.scale)
        draw_poster(canvas, plan, poster, theme, answers=False,
                    window=(left / poster.scale, bottom / poster.scale, right / poster.scale, top / poster.scale))
        canvas.restoreState()
        _draw_strips(canvas, plan, theme, tiles, row, column)
        _draw_marks(canvas, theme, tiles, row, column)
        position = plan.tile_phrase.format(row=row + 1, column=column + 1, rows=tiles.rows, columns=tiles.columns)
        canvas.setFont(head, 8)
        canvas.setFillColor(colour(theme.colours.muted))
        caption = fit_width(plan.title, head, 8, tiles.area[0] - stringWidth(f" · {position}", head, 8))
        canvas.drawString(margin, CAPTION_Y, f"{caption} · {position}")
        canvas.showPage()
    return Rendered(saved(canvas, buffer, plan.metadata), 1 + len(tiles.sheets))


def _meet(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_strips(canvas: Canvas, plan: TimelinePlan, theme: Theme, tiles: Tiling, row: int, column: int) -> None:
    """The grey glue strips the next sheets cover, each saying so along its length."""
    right, below = tiles.strips(row, column)
    area_w, area_h = tiles.area
    overlap, margin = tiles.overlap, tiles.margin
    font = fonts.register(theme.fonts.body)
    strips = ([(margin + area_w - overlap, margin, overlap, area_h, True)] if right else []) + \
             ([(margin, margin, area_w - (overlap if right else 0), overlap, False)] if below else [])
    for x, y, w, h, upright in strips:
        canvas.setFillColor(colour(theme.colours.rule), alpha=0.35)
        canvas.rect(x, y, w, h, stroke=0, fill=1)
        canvas.setFillColor(colour(theme.colours.muted), alpha=1)
        canvas.setFont(font, GLUE_SIZE)
        length = h if upright else w
        text = fit_width(plan.glue_strip, font, GLUE_SIZE, length - 12)
        step = max(stringWidth(text, font, GLUE_SIZE) + 60, length / 3)
        count = max(1, int(length // step))
        for k in range(count):
            along = length * (k + 0.5) / count
            canvas.saveState()
            if upright:
                canvas.translate(x + w / 2 + GLUE_SIZE * 0.35, y + along)
                canvas.rotate(90)
            else:
                canvas.translate(x + along, y + h / 2 - GLUE_SIZE * 0.35)
            canvas.drawCentredString(0, 0, text)
            canvas.restoreState()


def _draw_marks(canvas: Canvas, theme: Theme, tiles: Tiling, row: int, column: int) -> None:
    """In the margins only: trim marks at the printable area's corners, and ticks at the edge of
    each glue strip, where the next sheet's trimmed edge goes."""
    canvas.setStrokeColor(colour(theme.colours.muted))
    canvas.setLineWidth(0.4)
    area_w, area_h = tiles.area
    near, far = MARK
    x0, y0 = tiles.margin, tiles.margin
    x1, y1 = x0 + area_w, y0 + area_h
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        canvas.line(x + dx * near, y, x + dx * far, y)
        canvas.line(x, y + dy * near, x, y + dy * far)
    right, below = tiles.strips(row, column)
    canvas.setLineWidth(0.8)
    if right:
        x = x1 - tiles.overlap
        canvas.line(x, y1 + near, x, y1 + far)
        canvas.line(x, y0 - near, x, y0 - far)
    if below:
        y = y0 + tiles.overlap
        canvas.line(x0 - near, y, x0 - far, y)
        canvas.line(x1 + near, y, x1 + far, y)


def _draw_assembly(canvas: TaggedCanvas, plan: TimelinePlan, poster: Poster, theme: Theme, tiles: Tiling) -> None:
    """The first sheet: how to assemble, and a map: the whole poster drawn small under its
    sheets' outlines, the windows left blank dashed, the rows and columns numbered, all within
    the page's margins."""
    width, height = tiles.page
    style = styles(theme)
    margin = tiles.margin
    gaps = len(tiles.sheets) < tiles.rows * tiles.columns
    words = f"{plan.assembly_steps} {plan.assembly_gaps}" if gaps else plan.assembly_steps
    nodes = poster_nodes(canvas.structure, plan, poster)  # read here, once: the sheets repeat it
    assembly = canvas.structure.add("Sect")
    title = Paragraph(Markup.escape(plan.assembly_title), style["heading"], node=assembly.add("H2"))
    steps = Paragraph(Markup.escape(words), ParagraphStyle("steps", parent=style["body"]), node=assembly.add("P"))
    _, title_h = title.wrap(width - 2 * margin, height)
    title.drawOn(canvas, margin, height - margin - title_h)
    _, steps_h = steps.wrap(width - 2 * margin, height)
    steps.drawOn(canvas, margin, height - margin - title_h - 6 - steps_h)
    poster_h = poster.paper[1]
    area_w, area_h = tiles.area
    step_w, step_h = area_w - tiles.overlap, area_h - tiles.overlap
    grid_w, grid_h = tiles.columns * step_w + tiles.overlap, tiles.rows * step_h + tiles.overlap
    head = fonts.face(fonts.register(theme.fonts.heading), bold=True)
    available_w = width - 2 * margin - MAP_GUTTER
    available_h = height - 2 * margin - title_h - steps_h - 18 - MAP_GUTTER
    scale = min(available_w / grid_w, available_h / grid_h)
    left = margin + MAP_GUTTER + (available_w - grid_w * scale) / 2
    top = margin + available_h
    canvas.setFont(head, 11)
    canvas.setFillColor(colour(theme.colours.accent))
    for column in range(tiles.columns):  # the columns' numbers above the map, the rows' on its left
        canvas.drawCentredString(left + (column * step_w + area_w / 2) * scale, top + 5, str(column + 1))
    for row in range(tiles.rows):
        canvas.drawRightString(left - 5, top - (row * step_h + area_h / 2) * scale - 4, str(row + 1))
    canvas.saveState()
    canvas.translate(left, top - poster_h * scale)  # the grid's top on the map's top
    canvas.scale(scale, scale)
    canvas.saveState()
    canvas.scale(poster.scale, poster.scale)
    draw_poster(canvas, plan, poster, theme, answers=False, nodes=nodes)
    canvas.restoreState()
    canvas.setLineWidth(1.5 / scale)
    canvas.setStrokeColor(colour(theme.colours.muted))
    canvas.setDash(4 / scale, 3 / scale)
    for row, column in itertools.product(range(tiles.rows), range(tiles.columns)):
        if (row, column) not in tiles.sheets:
            x0, y0, x1, y1 = tiles.window(row, column, poster_h)
            canvas.rect(x0, y0, x1 - x0, y1 - y0)
    canvas.setDash()
    canvas.setStrokeColor(colour(theme.colours.accent))
    for row, column in tiles.sheets:
        x0, y0, x1, y1 = tiles.window(row, column, poster_h)
        canvas.rect(x0, y0, x1 - x0, y1 - y0)
    canvas.restoreState()
