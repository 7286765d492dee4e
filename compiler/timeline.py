"""Timeline posters: ``timeline.pdf``, ``timeline-tiled.pdf`` and ``timeline-blank.pdf``.

:func:`plan` lays the poster out once, in points on the poster: a proportional time axis with
ticks, period bands, span bars in lanes under the axis, and a label per event placed in levels
above and below the axis. Labels are placed left to right, each in the first level where it
fits without touching a label or a leader line already there, with its leader line straight
down (or up) to the event's mark on the axis. When no level has room, the build fails naming
the crowded events: never overlap, never microscopic text. The three files draw this same
plan: whole, cut into printer sheets, or with some labels left blank for students.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts, markup
from compiler.dates import PartialDate
from compiler.errors import LayoutError, Unplaceable
from compiler.model import Event, Unit
from compiler.outputs import Context, Rendered, Settings, Target
from compiler.pdf import MARKER_FONT, colour, document_canvas
from compiler.theme import PAPER, Theme, strand_colour, strand_marker

KIND = "timeline"
TITLE_SIZE = 8.0
DATE_SIZE = 6.5
LABEL_WIDTH = 96.0
LABEL_PAD = 2.5
LEVEL_GAP = 3.5
SPAN_LANE = 6.0
MARGIN = 15 * mm
NEUTRAL = "#4d4d4d"

Variant = Literal["poster", "tiled", "blank"]


@dataclass(frozen=True)
class Label:
    path: tuple[str, int]
    date: str
    lines: tuple[str, ...]
    key: bool
    colour: str
    marker: str
    anchor: float  # x of the event on the axis
    x: float
    y: float  # bottom of the box
    width: float
    height: float
    above: bool
    blank: bool = False


@dataclass(frozen=True)
class Band:
    x0: float
    x1: float
    lines: tuple[str, ...]
    fill: str


@dataclass(frozen=True)
class SpanBar:
    x0: float
    x1: float
    y: float
    colour: str


@dataclass(frozen=True)
class PosterPlan:
    size: tuple[float, float]
    title: str
    subtitle: str
    legend_heading: str
    legend: tuple[tuple[str, str, str], ...]  # marker, colour, label
    axis_y: float
    axis_x0: float
    axis_x1: float
    ticks: tuple[tuple[float, str], ...]
    bands: tuple[Band, ...]
    band_label_y: float
    spans: tuple[SpanBar, ...]
    labels: tuple[Label, ...]
    footer: str
    instruction: str  # on the blank version
    banner: str  # on its key
    blank_mode: str
    variant: Variant
    sheet: str  # paper of the tiles
    tile_phrase: str  # "row {row}, column {column} of {rows} × {columns}"
    assembly_title: str
    assembly_steps: str
    metadata: tuple[str, str, str]


def targets(unit: Unit, settings: Settings) -> list[Target]:
    if not unit.events:
        return []
    return [Target(KIND, "timeline.pdf", None, {"variant": "poster"}),
            Target(KIND, "timeline-tiled.pdf", None, {"variant": "tiled"}),
            Target(KIND, "timeline-blank.pdf", None, {"variant": "blank"})]


def inputs(unit: Unit, target: Target) -> Any:
    return unit.model_dump(mode="json", include={"unit", "themes", "periods", "events", "outputs"})


# --- planning -----------------------------------------------------------------------------------


def _text(markup_text: str) -> str:
    """Plain text for the canvas, from a worded phrase (which arrives as escaped markup)."""
    return Markup(markup_text).striptags()


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _tick_step(span: float, width: float) -> float:
    """A round interval in years giving ticks at least ~70 pt apart."""
    wanted = span / max(width / 70, 1)
    for step in (1 / 12, 1 / 4, 1 / 2, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000):
        if step >= wanted:
            return step
    return 5000.0


def _tick_label(year: int, bc: str) -> str:
    return f"{-year} {bc}" if year < 0 else str(year)


def _ticks(t0: float, t1: float, to_x: Any, width: float, bc: str) -> list[tuple[float, str]]:
    step = max(_tick_step(t1 - t0, width), 1)
    ticks = []
    first = math.ceil(_display_year(t0) / step) * step
    year = first
    while True:
        shown = int(year)
        if shown != 0:
            position = PartialDate(shown).axis()
            if position > t1:
                break
            if position >= t0:
                ticks.append((to_x(position), _tick_label(shown, bc)))
        year += step
    return ticks


def _display_year(position: float) -> float:
    """The calendar year (negative for BC) at an axis position."""
    year = math.floor(position)
    return year - 1 if year <= 0 else year


class _Placer:
    """Greedy, left to right.

    Each label tries three boxes in turn, each in every level: ending at its event (reaching
    back over time already placed, so it blocks nothing to come), starting at it, and centred
    on it. A box is taken if it overlaps no box and no
    leader line in its level, and if the event's leader, rising straight from the axis, crosses
    no box in the levels it passes through. Only boxes and leaders within reach of the current
    event are kept, so placement stays near-linear in the number of events.
    """

    def __init__(self, levels_above: int, levels_below: int, left: float, right: float) -> None:
        self.levels = [(side, k) for k in range(max(levels_above, levels_below))
                       for side, count in (("a", levels_above), ("b", levels_below)) if k < count]
        self.boxes: dict[tuple[str, int], list[tuple[float, float]]] = {level: [] for level in self.levels}
        self.leaders: dict[tuple[str, int], list[float]] = {level: [] for level in self.levels}
        self.left, self.right = left, right
        self.side = "a"

    def _order(self, reaches_forward: bool) -> list[tuple[str, int]]:
        """Levels to try. A box reaching forward goes as far out as it can. Otherwise the levels
        next to the axis come first, the other side's before this side's, so sparse labels
        alternate above and below; then this side's higher levels, so crowded labels climb a
        staircase on one side while the other side's leaders clear, and the sides take turns."""
        if reaches_forward:
            return list(reversed(self.levels))
        other = "b" if self.side == "a" else "a"
        same = [level for level in self.levels if level[0] == self.side and level[1] > 0]
        rest = [level for level in self.levels if level[0] == other and level[1] > 0]
        nearest = [level for level in ((other, 0), (self.side, 0)) if level in self.boxes]
        return nearest + same + rest

    def _prune(self, anchor: float, reach: float) -> None:
        for level in self.levels:
            self.boxes[level] = [b for b in self.boxes[level] if b[1] > anchor - reach]
            self.leaders[level] = [x for x in self.leaders[level] if x > anchor - reach]

    def _free(self, level: tuple[str, int], left: float, right: float) -> bool:
        """No box in the way, and no leader crossing the box."""
        return (all(right + 3 <= b0 or left >= b1 + 3 for b0, b1 in self.boxes[level])
                and not any(_covers((left, right), x) for x in self.leaders[level]))

    def place(self, anchor: float, width: float) -> tuple[str, int, float] | None:
        """The level and left edge for a box of ``width`` whose leader stands at ``anchor``."""
        self._prune(anchor, 3 * width)
        for left in (anchor - width + 1, anchor - 1, anchor - width / 2):
            left = min(max(left, self.left), self.right - width)
            if not left + 1 <= anchor <= left + width - 1:
                continue
            # A box ending at its event blocks nothing to come: try it nearest the axis first. A
            # box reaching forward covers the spot of events to come: put it as far out as it
            # goes, so their leaders can still rise beneath it.
            reaches_forward = left + width > anchor + 1.5
            for side, level in self._order(reaches_forward):
                below = [(side, k) for k in range(level)]
                if any(_covers(box, anchor) for lower in below for box in self.boxes[lower]):
                    continue  # a leader to this level would cross a box nearer the axis
                if self._free((side, level), left, left + width):
                    self.side = side
                    self.boxes[(side, level)].append((left, left + width))
                    for lower in below:
                        self.leaders[lower].append(anchor)
                    return side, level, left
        return None


TOUCH = 3.0


def _covers(box: tuple[float, float], x: float) -> bool:
    """A leader at ``x`` crosses ``box``. One within a hair of its edge (an event a day before
    or after the box's own) runs beside it instead."""
    return box[0] + TOUCH < x < box[1] - TOUCH


def plan(unit: Unit, target: Target, context: Context) -> PosterPlan:
    theme = context.theme
    wording = context.wording
    labels = wording.labels
    variant: Variant = target.variant["variant"]
    head_font = fonts.register(theme.fonts.heading)
    body_font = fonts.register(theme.fonts.body)
    bold = fonts.face(head_font, bold=True)
    paper = context.settings.poster or unit.outputs.timeline.paper
    width, height = max(PAPER[paper]), min(PAPER[paper])  # landscape

    def phrase(name: str, **values: Any) -> str:
        return _text(wording.phrase("timeline.j2", name, **values))

    strands = {t.id: (strand_marker(theme, i), strand_colour(theme, i, t.colour), markup.plain(t.label))
               for i, t in enumerate(unit.themes)}
    title_block = 62.0
    legend_rows = math.ceil(len(strands) / 3)
    title_block += max(0, legend_rows - 3) * 11
    footer_space = 22.0
    plot_top = height - MARGIN - title_block
    plot_bottom = MARGIN + footer_space
    x0, x1 = MARGIN + 10, width - MARGIN - 10

    events = sorted(enumerate(unit.events), key=lambda item: (item[1].date, item[0]))
    starts = [e.date.axis() for _, e in events] + [p.start.axis() for p in unit.periods]
    ends = [(e.end or e.date).axis_end() for _, e in events] + [p.end.axis_end() for p in unit.periods]
    t0, t1 = min(starts), max(ends)
    # Room on the left for the first event's label, which ends at its event.
    left_room, right_room = LABEL_WIDTH + 8, 12.0
    scale = (x1 - x0 - left_room - right_room) / max(t1 - t0, 1 / 365)
    t0, t1 = t0 - left_room / scale, t1 + right_room / scale

    def to_x(position: float) -> float:
        return x0 + (position - t0) * scale

    band_label_size = 8.0
    bands, band_lines = [], 1
    for k, period in enumerate(unit.periods):
        left, right = to_x(period.start.axis()), to_x(period.end.axis_end())
        lines = _wrap(markup.plain(period.label), bold, band_label_size, max(right - left - 6, 10))
        band_lines = max(band_lines, len(lines))
        bands.append(Band(left, right, tuple(lines), theme.palette[k % len(theme.palette)]))
    band_label_y = plot_top - band_label_size - 2
    label_top = plot_top - (band_lines * band_label_size * 1.2 + 8 if bands else 0)

    spans = []
    lane_ends: list[float] = []
    span_lane: dict[int, int] = {}
    for index, event in events:
        if event.end is None:
            continue
        start, end = to_x(event.date.axis()), to_x(event.end.axis_end())
        lane = next((k for k, e in enumerate(lane_ends) if e + 2 < start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        lane_ends[lane] = end
        span_lane[index] = lane
    tick_space = 14.0
    axis_y = (label_top + plot_bottom) / 2 + (len(lane_ends) * SPAN_LANE + tick_space) / 2
    for index, event in events:
        if index in span_lane:
            y = axis_y - tick_space - (span_lane[index] + 1) * SPAN_LANE
            spans.append(SpanBar(to_x(event.date.axis()), to_x(event.end.axis_end()), y,  # type: ignore[union-attr]
                                 _event_style(event, strands)[1]))
    below_start = axis_y - tick_space - len(lane_ends) * SPAN_LANE - LEVEL_GAP

    drafted = []
    for index, event in events:
        title_font = fonts.face(head_font, bold=event.key)
        lines = _wrap(markup.plain(event.title), title_font, TITLE_SIZE, LABEL_WIDTH)
        date = event.date.display("short", labels.months, labels.bc)
        if event.end:
            date += " – " + event.end.display("short", labels.months, labels.bc)
        text_width = max([stringWidth(line, title_font, TITLE_SIZE) for line in lines]
                         + [stringWidth(date, body_font, DATE_SIZE) + DATE_SIZE + 2])
        box_height = DATE_SIZE * 1.25 + len(lines) * TITLE_SIZE * 1.2 + 2 * LABEL_PAD
        drafted.append((index, event, tuple(lines), date, text_width + 2 * LABEL_PAD, box_height))
    tallest = max(h for *_, h in drafted)
    pitch = tallest + LEVEL_GAP
    blanks = _blank_events(unit) if variant == "blank" else set()
    levels_above = max(0, int((label_top - axis_y - LEVEL_GAP) // pitch))
    levels_below = max(0, int((below_start - plot_bottom) // pitch))
    placer = _Placer(levels_above, levels_below, x0 - 10, x1 + 10)

    placed, crowded = [], []
    for index, event, lines, date, box_width, box_height in drafted:
        if index in blanks:  # room to write by hand: a full level's height, most of a label's width
            box_width, box_height = max(box_width, 0.75 * LABEL_WIDTH), tallest
        anchor = to_x(event.date.axis())
        spot = placer.place(anchor, box_width)
        if spot is None:
            crowded.append(index)
            continue
        side, level, left = spot
        if side == "a":
            y = axis_y + LEVEL_GAP + level * pitch
        else:
            y = below_start - level * pitch - box_height
        marker, fill = _event_style(event, strands)
        placed.append(Label(("events", index), date, lines, event.key, fill, marker, anchor, left, y,
                            box_width, box_height, side == "a", index in blanks))
    if crowded:
        raise LayoutError([Unplaceable(("events", i), f"no room for the label of '{unit.events[i].id}' among its "
                                       f"neighbours on an {paper.upper()} poster", _bigger_paper(paper))
                           for i in crowded])

    info = unit.unit
    return PosterPlan(
        size=(width, height),
        title=markup.plain(info.title),
        subtitle=markup.plain(info.subtitle or ""),
        legend_heading=phrase("legend_heading"),
        legend=tuple(strands.values()),
        axis_y=axis_y, axis_x0=x0 - 10, axis_x1=x1 + 10,
        ticks=tuple(_ticks(t0, t1, to_x, x1 - x0, labels.bc)),
        bands=tuple(bands),
        band_label_y=band_label_y,
        spans=tuple(spans),
        labels=tuple(placed),
        footer=phrase("footer", title=markup.inline(info.title),
                      licence=markup.inline(info.licence) if info.licence else None),
        instruction=phrase("blank_instruction", mode=unit.outputs.timeline.blank),
        banner=phrase("key_banner"),
        blank_mode=unit.outputs.timeline.blank,
        variant=variant,
        sheet=context.settings.paper or "a4",
        tile_phrase=wording.phrase("timeline.j2", "tile_position", row="{row}", column="{column}",
                                   rows="{rows}", columns="{columns}"),
        assembly_title=phrase("assembly_title"),
        assembly_steps=phrase("assembly_steps"),
        metadata=(markup.plain(info.title), markup.plain(info.author or ""), _text(labels.timeline)),
    )


def _bigger_paper(paper: str) -> str:
    order = ["a3", "a2", "a1", "a0"]
    bigger = order[order.index(paper) + 1] if paper in order[:-1] else None
    if bigger:
        return f"use a larger poster: outputs: {{timeline: {{paper: {bigger}}}}} or --poster-paper {bigger}"
    return "spread the events out, or split the unit into two timelines"


def _event_style(event: Event, strands: dict[str, tuple[str, str, str]]) -> tuple[str, str]:
    if event.themes and event.themes[0] in strands:
        marker, fill, _ = strands[event.themes[0]]
        return marker, fill
    return "●", NEUTRAL


def _blank_events(unit: Unit) -> set[int]:
    """A seeded choice of about a quarter of the events (3 to 15), key events first."""
    rng = random.Random(f"{unit.unit.id}:timeline-blank")
    keys = [i for i, event in enumerate(unit.events) if event.key]
    others = [i for i, event in enumerate(unit.events) if not event.key]
    rng.shuffle(keys)
    rng.shuffle(others)
    return set((keys + others)[: max(3, min(15, len(unit.events) // 4))])


# --- drawing ------------------------------------------------------------------------------------


def render(plan: PosterPlan, context: Context) -> Rendered:
    theme = context.theme
    if plan.variant == "tiled":
        return _render_tiled(plan, theme)
    canvas, buffer = document_canvas(plan.size, theme, plan.metadata)
    _draw_poster(canvas, plan, theme, answers=False)
    canvas.showPage()
    pages = 1
    if plan.variant == "blank":
        _draw_poster(canvas, plan, theme, answers=True)
        canvas.showPage()
        pages = 2
    canvas.save()
    return Rendered(buffer.getvalue(), pages)


def _draw_poster(canvas: Canvas, plan: PosterPlan, theme: Theme, *, answers: bool) -> None:
    head = fonts.register(theme.fonts.heading)
    body = fonts.register(theme.fonts.body)
    bold = fonts.face(head, bold=True)
    text = colour(theme.colours.text)
    muted = colour(theme.colours.muted)

    for band in plan.bands:  # bands first: everything else sits on them
        canvas.setFillColor(colour(band.fill), alpha=0.08)
        canvas.rect(band.x0, MARGIN + 22, band.x1 - band.x0, plan.band_label_y + 10 - MARGIN - 22, stroke=0, fill=1)
        canvas.setFillColor(colour(band.fill))
        for k, line in enumerate(band.lines):
            canvas.setFont(bold, 8)
            canvas.drawCentredString((band.x0 + band.x1) / 2, plan.band_label_y - k * 9.6, line)
    canvas.setStrokeColor(text)
    canvas.setLineWidth(1.2)
    canvas.line(plan.axis_x0, plan.axis_y, plan.axis_x1, plan.axis_y)
    canvas.setFont(body, 7.5)
    canvas.setFillColor(muted)
    for x, label in plan.ticks:
        canvas.line(x, plan.axis_y - 3, x, plan.axis_y + 3)
        canvas.drawCentredString(x, plan.axis_y - 11, label)
    for span in plan.spans:
        canvas.setFillColor(colour(span.colour), alpha=0.55)
        canvas.rect(span.x0, span.y, max(span.x1 - span.x0, 1.5), SPAN_LANE - 1.5, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    for label in plan.labels:
        _draw_label(canvas, label, plan, theme, answers, head, body)
    _draw_title(canvas, plan, theme, answers)
    canvas.setFont(body, 7.5)
    canvas.setFillColor(muted)
    canvas.drawString(MARGIN, MARGIN, plan.footer)


def _draw_label(canvas: Canvas, label: Label, plan: PosterPlan, theme: Theme, answers: bool, head: str,
                body: str) -> None:
    fill = colour(label.colour)
    canvas.setStrokeColor(fill)
    canvas.setLineWidth(0.6)
    edge = label.y if label.above else label.y + label.height
    canvas.line(label.anchor, plan.axis_y, label.anchor, edge)
    canvas.setFillColor(fill)
    canvas.circle(label.anchor, plan.axis_y, 3.2 if label.key else 2.2, stroke=0, fill=1)  # the shape is in the box
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


def _draw_title(canvas: Canvas, plan: PosterPlan, theme: Theme, answers: bool) -> None:
    width, height = plan.size
    head = fonts.register(theme.fonts.heading)
    bold = fonts.face(head, bold=True)
    canvas.setFillColor(colour(theme.colours.text))
    canvas.setFont(bold, 22)
    canvas.drawString(MARGIN, height - MARGIN - 20, plan.title)
    canvas.setFont(head, 11)
    canvas.setFillColor(colour(theme.colours.muted))
    subtitle = plan.subtitle
    if plan.variant == "blank":
        subtitle = plan.banner if answers else plan.instruction
        canvas.setFillColor(colour(theme.colours.accent))
    canvas.drawString(MARGIN, height - MARGIN - 38, subtitle)
    if not plan.legend:
        return
    column_width = 150.0
    left = width - MARGIN - 3 * column_width
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
        canvas.drawString(x + 11, y, _fit_text(label, head, 7.5, column_width - 16))


def _fit_text(text: str, font: str, size: float, width: float) -> str:
    while len(text) > 1 and stringWidth(text, font, size) > width:
        text = text[:-2].rstrip() + "…"
    return text


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


def tiling(plan: PosterPlan) -> Tiling:
    """The sheet orientation that needs fewer sheets, and the grid of sheets."""
    sheet_w, sheet_h = PAPER[plan.sheet]
    poster_w, poster_h = plan.size
    options = []
    for page in ((sheet_w, sheet_h), (sheet_h, sheet_w)):
        probe = Tiling(page, 0, 0, (0, 0))
        area_w, area_h = page[0] - 2 * probe.margin, page[1] - 2 * probe.margin
        columns = math.ceil((poster_w - probe.overlap) / (area_w - probe.overlap))
        rows = math.ceil((poster_h - probe.overlap) / (area_h - probe.overlap))
        options.append(Tiling(page, rows, columns, (area_w, area_h)))
    return min(options, key=lambda t: t.rows * t.columns)


def _render_tiled(plan: PosterPlan, theme: Theme) -> Rendered:
    """The poster on printer sheets: each sheet shows its window of the poster, clipped to the
    printable area, with an overlap strip, trim and alignment marks and its position."""
    tiles = tiling(plan)
    margin = tiles.margin
    area_w, area_h = tiles.area
    canvas, buffer = document_canvas(tiles.page, theme, plan.metadata)
    _draw_assembly(canvas, plan, theme, tiles)
    canvas.showPage()
    head = fonts.register(theme.fonts.heading)
    for row in range(tiles.rows):
        for column in range(tiles.columns):
            left, bottom, _, _ = tiles.window(row, column, plan.size[1])
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(margin, margin, area_w, area_h)
            canvas.clipPath(path, stroke=0, fill=0)
            canvas.translate(margin - left, margin - bottom)
            _draw_poster(canvas, plan, theme, answers=False)
            canvas.restoreState()
            _draw_marks(canvas, theme, tiles, row, column)
            position = _text(plan.tile_phrase).format(row=row + 1, column=column + 1, rows=tiles.rows,
                                                      columns=tiles.columns)
            canvas.setFont(head, 8)
            canvas.setFillColor(colour(theme.colours.muted))
            canvas.drawString(margin, 10 * mm + 1, f"{plan.title} · {position}")
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


def _draw_assembly(canvas: Canvas, plan: PosterPlan, theme: Theme, tiles: Tiling) -> None:
    """The first sheet: how to assemble, and the whole poster drawn small under its sheets' outlines."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from compiler.pdf import styles

    width, height = tiles.page
    style = styles(theme)
    margin = tiles.margin
    title = Paragraph(Markup.escape(plan.assembly_title), style["heading"])
    steps = Paragraph(Markup.escape(plan.assembly_steps), ParagraphStyle("steps", parent=style["body"]))
    _, title_h = title.wrap(width - 2 * margin, height)
    title.drawOn(canvas, margin, height - margin - title_h)
    _, steps_h = steps.wrap(width - 2 * margin, height)
    steps.drawOn(canvas, margin, height - margin - title_h - 6 - steps_h)
    poster_w, poster_h = plan.size
    available_h = height - 2 * margin - title_h - steps_h - 24
    scale = min((width - 2 * margin) / poster_w, available_h / poster_h)
    canvas.saveState()
    canvas.translate(margin, margin + available_h - poster_h * scale)
    canvas.scale(scale, scale)
    _draw_poster(canvas, plan, theme, answers=False)
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
