"""Where everything on a timeline poster goes: measured with the fonts' metrics, in points.

A proportional time axis with ticks (on the shared ``PartialDate.axis()``, so BC and the
missing year 0 are handled once), period bands, span bars in lanes under the axis, and a label
per event placed in levels above and below the axis. Labels are placed left to right by
:class:`_Placer`, each in the first level where it fits without touching a label or a leader
line already there, with its leader line straight down (or up) to the event's mark on the
axis; when some find no room, they are placed again with wider gaps between labels. When no
level has room, :func:`lay_out` raises a :class:`LayoutError` naming the crowded
events and the next paper size: never overlap, never microscopic text. The drawing stage calls
it (``draw.py``); the plan it reads holds only words and data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from compiler import fonts, markup
from compiler.errors import LayoutError, Unplaceable
from compiler.kinds.timeline.periods import BAND_SIZE, Band, bands_height, period_bands, period_key
from compiler.kinds.timeline.plan import EventPlan, TimelinePlan
from compiler.kinds.timeline.scale import time_scale
from compiler.kinds.timeline.title import TitleBlock, lay_out_title
from compiler.theme import MM, PAPER, Theme

TITLE_SIZE = 8.0
DATE_SIZE = 6.5
LABEL_WIDTH = 96.0
LABEL_PAD = 2.5
LEVEL_GAP = 3.5
GAP = 3.0  # the least room between two labels of a level
# Wider gaps to try when the labels do not all fit: placing them again further apart changes
# which level each one takes, and often finds room where the tight placement stacked itself
# into a corner (the shipped unit's A2 poster, whose 1939–1940 labels found no level).
RETRY_GAPS = (4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0)
SPAN_LANE = 6.0
MARGIN = 15 * MM


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
class SpanBar:
    x0: float
    x1: float
    y: float
    colour: str


@dataclass(frozen=True)
class Poster:
    """The plan laid out on the poster's paper (landscape), in design points: an A3 sheet's
    points, so the same design prints larger on larger paper (``scale`` real points a design
    point: 1 on A3, about 1.41 on A2, 2.83 on A0)."""

    size: tuple[float, float]
    scale: float
    axis_y: float
    axis_x0: float
    axis_x1: float
    ticks: tuple[tuple[float, str], ...]
    bands: tuple[Band, ...]
    band_label_y: float
    spans: tuple[SpanBar, ...]
    labels: tuple[Label, ...]
    title: TitleBlock

    @property
    def paper(self) -> tuple[float, float]:
        """The sheet's size in real points."""
        return self.size[0] * self.scale, self.size[1] * self.scale


def lay_out(plan: TimelinePlan, theme: Theme) -> Poster:
    """Measure and place everything of ``plan`` on its poster; a LayoutError naming the events
    whose labels do not fit."""
    head_font = fonts.register(theme.fonts.heading)
    body_font = fonts.register(theme.fonts.body)
    bold = fonts.face(head_font, bold=True)
    paper = plan.paper
    scale = design_scale(paper)
    width, height = max(PAPER[paper]) / scale, min(PAPER[paper]) / scale  # landscape

    footer_space = 22.0
    plot_bottom = MARGIN + footer_space
    x0, x1 = MARGIN + 10, width - MARGIN - 10

    events = plan.events
    # Room on the left for the first event's label, which ends at its event.
    axis = time_scale([e.start for e in events] + [p.start for p in plan.periods],
                       [e.end for e in events] + [p.end for p in plan.periods], x0, x1, LABEL_WIDTH + 8, 12.0)
    to_x = axis.x

    bands = period_bands(plan.periods, to_x, bold)
    title = lay_out_title(plan, theme, (width, height), MARGIN, period_key(bands))
    plot_top = height - MARGIN - title.height
    band_label_y = plot_top - BAND_SIZE - 2
    label_top = plot_top - bands_height(bands)

    spans = []
    lane_ends: list[float] = []
    span_lane: dict[int, int] = {}
    for number, event in enumerate(events):
        if not event.span:
            continue
        start, end = to_x(event.start), to_x(event.end)
        lane = next((k for k, e in enumerate(lane_ends) if e + 2 < start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        lane_ends[lane] = end
        span_lane[number] = lane
    tick_space = 14.0
    axis_y = (label_top + plot_bottom) / 2 + (len(lane_ends) * SPAN_LANE + tick_space) / 2
    for number, event in enumerate(events):
        if number in span_lane:
            y = axis_y - tick_space - (span_lane[number] + 1) * SPAN_LANE
            spans.append(SpanBar(to_x(event.start), to_x(event.end), y, event.colour))
    below_start = axis_y - tick_space - len(lane_ends) * SPAN_LANE - LEVEL_GAP

    drafted = []
    for event in events:
        title_font = fonts.face(head_font, bold=event.key)
        lines = _wrap(event.title, title_font, TITLE_SIZE, LABEL_WIDTH)
        text_width = max([stringWidth(line, title_font, TITLE_SIZE) for line in lines]
                         + [stringWidth(event.date, body_font, DATE_SIZE) + DATE_SIZE + 2])
        box_height = DATE_SIZE * 1.25 + len(lines) * TITLE_SIZE * 1.2 + 2 * LABEL_PAD
        drafted.append((event, tuple(lines), text_width + 2 * LABEL_PAD, box_height))
    room = (label_top - plot_bottom) / 4  # two levels of labels a side, at the least
    too_long = [_title_too_long(event, lines, room) for event, lines, _, box_height in drafted if box_height > room]
    if too_long:  # one label that tall would leave no level for the others
        raise LayoutError(too_long)
    tallest = max(h for *_, h in drafted)
    pitch = tallest + LEVEL_GAP
    levels_above = max(0, int((label_top - axis_y - LEVEL_GAP) // pitch))
    levels_below = max(0, int((below_start - plot_bottom) // pitch))
    boxes = [(to_x(event.start), *((max(box_width, 0.75 * LABEL_WIDTH), tallest) if event.blank
                                   else (box_width, box_height)))  # blank: room to write by hand
             for event, _, box_width, box_height in drafted]
    bounds = (x0 - 10, x1 + 10, levels_above, levels_below)
    spots = _spots(boxes, bounds)
    if None in spots:
        spots = next((s for s in (_spots(boxes, bounds, gap) for gap in RETRY_GAPS) if None not in s), spots)
    crowded = [event for (event, *_), spot in zip(drafted, spots, strict=True) if spot is None]
    if crowded:
        raise LayoutError([Unplaceable(event.path, f"no room for the label of '{event.id}' among its "
                                       f"neighbours on an {paper.upper()} poster", _bigger_paper(paper))
                           for event in crowded])
    placed: list[Label] = []
    for (event, wrapped, _, _), (anchor, box_width, box_height), spot in zip(drafted, boxes, spots, strict=True):
        assert spot is not None
        side, level, left = spot
        if side == "a":
            y = axis_y + LEVEL_GAP + level * pitch
        else:
            y = below_start - level * pitch - box_height
        placed.append(Label(event.path, event.date, wrapped, event.key, event.colour, event.marker, anchor, left, y,
                            box_width, box_height, side == "a", event.blank))

    return Poster(
        size=(width, height),
        scale=scale,
        axis_y=axis_y, axis_x0=x0 - 10, axis_x1=x1 + 10,
        ticks=tuple(axis.ticks(plan.bc)),
        bands=tuple(bands),
        band_label_y=band_label_y,
        spans=tuple(spans),
        labels=tuple(placed),
        title=title,
    )


def design_scale(paper: str) -> float:
    """Real points per design point on ``paper``: the poster is designed on A3 and grows with
    the sheet's area (never shrinks: tabloid, a little smaller than A3, keeps A3's sizes)."""
    width, height = PAPER[paper]
    a3_width, a3_height = PAPER["a3"]
    return 1.0 if width * height else max(1.0, math.sqrt(width * height / (a3_width * a3_height)))


def _spots(boxes: list[tuple[float, float, float]], bounds: tuple[float, float, int, int],
           gap: float = GAP) -> list[tuple[str, int, float] | None]:
    """The side, level and left edge of each label box ``(anchor, width, height)``, placed left
    to right by :class:`_Placer` at least ``gap`` apart (None for a box that found no room)."""
    left, right, levels_above, levels_below = bounds
    placer = _Placer(levels_above, levels_below, left, right, gap)
    return [placer.place(anchor, width) for anchor, width, _ in boxes]


# Lines break at spaces, never at a no-break space (U+00A0, U+2007, U+202F).
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` (plain, soft hyphens kept) in lines of at most ``width`` where the words allow: a
    word too long for a line breaks at a soft hyphen, which then shows as "-"; the other soft
    hyphens stay invisible."""

    def fits(line: str) -> bool:
        return stringWidth(line.replace(markup.SOFT_HYPHEN, ""), font, size) <= width

    lines: list[str] = []
    for word in _BREAKING_SPACE.split(text.strip()):
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
            continue
        segments = word.split(markup.SOFT_HYPHEN)
        line = ""
        for k, segment in enumerate(segments):
            if line and not fits(line + segment + ("-" if k < len(segments) - 1 else "")):
                lines.append(line + "-")
                line = ""
            line += segment
        lines.append(line)
    return [line.replace(markup.SOFT_HYPHEN, "") for line in lines] or [""]


def _title_too_long(event: EventPlan, lines: tuple[str, ...], room: float) -> Unplaceable:
    """The problem for an event title too long for a label: how many lines it would take, and
    how many characters fit in the lines there is room for."""
    title = event.title.replace(markup.SOFT_HYPHEN, "")
    fits = max(1, int((room - DATE_SIZE * 1.25 - 2 * LABEL_PAD) // (TITLE_SIZE * 1.2)))
    keep = int(fits * len(title) / len(lines) * 0.9) // 10 * 10
    return Unplaceable((*event.path, "title"),
                       f"the title takes {len(lines)} lines on the poster, which has room for {fits}",
                       f"it has {len(title)} characters: shorten it to at most about {keep}, "
                       "and put the rest in the event's detail")


class _Placer:
    """Greedy, left to right.

    Each label tries three boxes in turn, each in every level: ending at its event (reaching
    back over time already placed, so it blocks nothing to come), starting at it, and centred
    on it. A box is taken if it overlaps no box and no
    leader line in its level, and if the event's leader, rising straight from the axis, crosses
    no box in the levels it passes through. Only boxes and leaders within reach of the current
    event are kept, so placement stays near-linear in the number of events.
    """

    def __init__(self, levels_above: int, levels_below: int, left: float, right: float, gap: float = GAP) -> None:
        self.levels = [(side, k) for k in range(max(levels_above, levels_below))
                       for side, count in (("a", levels_above), ("b", levels_below)) if k < count]
        self.boxes: dict[tuple[str, int], list[tuple[float, float]]] = {level: [] for level in self.levels}
        self.leaders: dict[tuple[str, int], list[float]] = {level: [] for level in self.levels}
        self.left, self.right = left, right
        self.gap = gap  # the least room between two boxes of a level
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
        return (all(right + self.gap <= b0 or left >= b1 + self.gap for b0, b1 in self.boxes[level])
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


def _bigger_paper(paper: str) -> str:
    order = ["a3", "a2", "a1", "a0"]
    bigger = order[order.index(paper) + 1] if paper in order[:-1] else None
    if bigger:
        return f"use a larger poster: outputs: {{timeline: {{paper: {bigger}}}}} or --poster-paper {bigger}"
    return "spread the events out, or split the unit into two timelines"
