"""Where everything on a timeline poster goes: measured with the fonts' metrics, in design points.

The poster is designed on an A3 sheet and drawn scaled to its paper (:func:`design_scale`), so
type, leaders and rules grow with the sheet. A proportional time axis with ticks (on the shared
``PartialDate.axis()``, so BC and the missing year 0 are handled once), period bands, span bars
in lanes under the axis, and a label per event on either side of the axis, at any height. Each
label's leader rises from its event's mark, slants through a band beside the axis (the fan) to
its column, and runs straight to its box; columns keep the events' date order on each side, so
leaders of a cluster fan out without crossing (boundary labelling). :class:`_Placer` sweeps in
date order; when it finds no room it is tried again with columns aimed further apart, from the
other end, with other costs, then with smaller type down to the floor, then (the blank version)
with fewer write-in boxes, down to three, and last with as many events as fit, key events first
and then the most evenly spread: never an error, but warnings (the events left out, titles cut
short: a title is first given a box up to twice as wide) that the build reports with the poster
still written.
The drawing stage calls it (``draw.py``); the plan it reads holds only words and data.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from compiler import fonts, markup
from compiler.errors import Unplaceable
from compiler.fields import PictureData
from compiler.figures import fitted
from compiler.kinds.timeline.periods import BAND_SIZE, Band, bands_height, period_bands, period_key
from compiler.kinds.timeline.plan import EventPlan, TimelinePlan
from compiler.kinds.timeline.scale import Tick, TimeScale, axis_fonts, leader_crossings, time_scale
from compiler.kinds.timeline.title import TitleBlock, lay_out_title
from compiler.pictures import low_resolution
from compiler.theme import MM, PAPER, Theme

TITLE_SIZE = 10.0  # design points (on A3): the label text first tried; 9 is the floor
TYPE_STEPS = (1.0, 0.95, 0.9)  # smaller type tried before events are left out: down to 9 pt
DATE_RATIO = 0.8  # dates, 8 pt with 10 pt titles and never under 7.2
DATE_SIZE = TITLE_SIZE * DATE_RATIO
KEY_RATIO = 1.25  # a key event's title, in bold: it reads from the back of the room
DETAIL_RATIO = 0.8  # a key event's detail, under its title, as large as the dates
DETAIL_EMS = 16.0  # its lines at most this many times the label text's size wide
LABEL_WIDTH = 96.0
WRAP_EMS = 8.0  # a label's lines at most this many times its type size wide
WIDEST_EMS = 16.0  # ... or up to this wide when the title would otherwise take too many lines
MAX_LINES = 4  # of a title: one longer even at WIDEST_EMS is cut short with "…" (and a warning)
DETAIL_LINES = 6
LABEL_PAD = 2.5
LEVEL_GAP = 3.5
GAP = 3.0  # the least room between two labels
CLEAR = 2.5  # (<= GAP) the least room between a leader and a box not its own (2 pt asked, a line's width more)
RISE = 6.0  # a bending leader first rises straight from its mark, clear of its neighbours' marks
FAN = 24.0  # the band beside the axis where leaders run slanting to their labels' columns
MIN_SEP = 3.5  # the least distance between two leaders' columns on a side
SLANT = 1.4 / FAN  # ... more for long slanting leaders, so neighbours stay 1.4 pt apart
INSET = 4.0  # a leader meets its box at least this far from the box's corner
MAX_SHIFT = 420.0  # how far a label's column may move from its event
# What the sweep weighs against a point of sideways shift: a point of height, and a point of box
# reaching past its column over the spots of events to come (less the higher it is). The sweep
# is greedy and a crowded poster is sensitive to these: each pair is tried in turn.
COSTS = ((0.1, 1.0), (0.3, 2.0), (0.3, 1.0), (0.2, 4.0), (0.05, 0.5))
WRITE_IN = (45 * MM, 12 * MM)  # a blank label's box for handwriting, real size on every paper
MIN_BLANKS = 3  # the blanks a blank version keeps (or all it has) before it leaves events out
SPREADS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)  # how far apart columns are aimed, in a share of the room a label needs
SPAN_LANE = 6.0
MARGIN = 15 * MM
PICTURE = (40 * MM, 30 * MM)  # the box an event's picture is fitted into, beside its label (design size)
CREDIT_SIZE = 5.0  # a picture's credit, under it
REMEMBERED = 50_000  # the most steps of the sweeps tried for a poster kept to be taken again (about 30 MB)


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
    size: float = TITLE_SIZE  # of its title
    date_size: float = DATE_SIZE
    head: float = 0.0  # the height of its date row (of the write-in box when its date is left blank)
    detail: tuple[str, ...] = ()  # a key event's detail, in lines under the title
    detail_size: float = DATE_SIZE
    leader: tuple[tuple[float, float], ...] = ()  # from the event's mark on the axis to the box

    @property
    def column(self) -> float:
        """Where the leader meets the box."""
        return self.leader[-1][0] if self.leader else self.anchor


@dataclass(frozen=True)
class PlacedPicture:
    """An event's picture beside its label: ``x``, ``y`` (its foot), ``width`` × ``height`` the
    picture itself; its credit, if any, in a line under it."""

    path: tuple[str, int]  # the event's
    picture: PictureData
    x: float
    y: float
    width: float
    height: float
    colour: str
    credit: str = ""

    @property
    def box(self) -> tuple[float, float, float, float]:
        """left, bottom, right, top of the picture with its credit."""
        return self.x, self.y - (CREDIT_SIZE * 1.3 if self.credit else 0.0), self.x + self.width, self.y + self.height


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
    axis: TimeScale  # where each date goes: ``axis.x(position)``
    ticks: tuple[Tick, ...]  # the years (and scales) printed under the axis
    bands: tuple[Band, ...]
    band_label_y: float
    spans: tuple[SpanBar, ...]
    labels: tuple[Label, ...]
    title: TitleBlock
    omitted: int = 0  # events left out: not every event fits at the smallest type
    warnings: tuple[Unplaceable, ...] = ()
    pictures: tuple[PlacedPicture, ...] = ()  # events' pictures, beside their labels

    @property
    def paper(self) -> tuple[float, float]:
        """The sheet's size in real points."""
        return self.size[0] * self.scale, self.size[1] * self.scale


def lay_out(plan: TimelinePlan, theme: Theme) -> Poster:
    """Measure and place everything of ``plan`` on its poster; what does not fit is left out and
    said in the poster's warnings."""
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
    axis = time_scale([(e.start, e.end) for e in events], [(p.start, p.end) for p in plan.periods],
                      x0, x1, LABEL_WIDTH + 8, 12.0, label_width=LABEL_WIDTH, scale=scale,
                      readable=[years for years, _ in plan.axis_words.scales])
    to_x = axis.x

    bands = period_bands(plan.periods, to_x, bold)
    title = lay_out_title(plan, theme, (width, height), MARGIN, period_key(bands), TITLE_SIZE)
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

    bounds = (x0 - 10, x1 + 10)
    above = _Area(axis_y, axis_y + RISE, label_top, True)
    below = _Area(axis_y, below_start, plot_bottom, False)
    fonts_used = (fonts.face(head_font, bold=False), fonts.face(head_font, bold=True), body_font)
    placed, omitted, warnings = _fit(plan, [to_x(event.start) for event in events], fonts_used, (above, below),
                                     bounds, scale, small_factor(theme, scale))
    pictures, left_out = _place_pictures(plan, placed, (above, below), bounds, scale)
    return Poster(
        size=(width, height),
        scale=scale,
        axis_y=axis_y, axis_x0=x0 - 10, axis_x1=x1 + 10, axis=axis,
        ticks=tuple(axis.ticks(plan.bc, axis_fonts(body_font, theme.emphasis), dict(plan.axis_words.scales),
                               leader_crossings([label.leader for label in placed], axis_y))),
        bands=tuple(bands),
        band_label_y=band_label_y,
        spans=tuple(spans),
        labels=tuple(placed),
        title=title,
        omitted=omitted,
        warnings=(*warnings, *_title_cut(plan, title), *left_out),
        pictures=tuple(pictures),
    )


def _place_pictures(plan: TimelinePlan, labels: Sequence[Label], areas: tuple[_Area, _Area],
                    bounds: tuple[float, float], scale: float) -> tuple[list[PlacedPicture], list[Unplaceable]]:
    """Each shown event's picture beside its label where it fits, key events first, then in date
    order: to the right of the box, to its left, or beyond it (away from the axis), clear of
    every label, leader and picture and inside its side of the axis. A picture with no room is
    left out with a warning; one that prints below 150 dpi gets one too."""
    events = {event.path: event for event in plan.events}
    boxes = [(label.x, label.y, label.x + label.width, label.y + label.height) for label in labels]
    leaders = [(min(x0, x1) - CLEAR, min(y0, y1), max(x0, x1) + CLEAR, max(y0, y1))
               for label in labels for (x0, y0), (x1, y1) in itertools.pairwise(label.leader)]
    taken: list[tuple[float, float, float, float]] = []
    placed: list[PlacedPicture] = []
    warnings: list[Unplaceable] = []
    for label in sorted(labels, key=lambda label: not label.key):
        event = events[label.path]
        if event.picture is None:
            continue
        area = areas[0] if label.above else areas[1]
        low, high = (area.base, area.limit) if label.above else (area.limit, area.base)
        spot = next((candidate for candidate in _picture_spots(label, event.picture, event.credit, area.above)
                     if low <= candidate.box[1] and candidate.box[3] <= high and bounds[0] <= candidate.box[0]
                     and candidate.box[2] <= bounds[1]
                     and not any(_overlap(candidate.box, other, GAP) for other in (*boxes, *taken))
                     and not any(_overlap(candidate.box, leader, 0.0) for leader in leaders)), None)
        if spot is None:
            warnings.append(Unplaceable((*event.path, "picture"), f"there is no room beside the event's label for its "
                                        f"picture on the {plan.paper.upper()} poster: it is left out",
                                        _bigger_paper(plan.paper)))
            continue
        placed.append(spot)
        taken.append(spot.box)
        blurred = low_resolution((*event.path, "picture"), event.picture, spot.width * scale, spot.height * scale)
        if blurred is not None:
            warnings.append(blurred)
    return sorted(placed, key=lambda picture: picture.path), warnings


def _picture_spots(label: Label, picture: PictureData, credit_text: str, above: bool) -> list[PlacedPicture]:
    """Where an event's picture may go beside its ``label``: right of the box and left of it,
    level with the box's edge nearer the axis, then beyond the box."""
    width, height = fitted(picture, *PICTURE)
    credit = CREDIT_SIZE * 1.3 if credit_text else 0.0
    level = label.y + credit if above else label.y + label.height - height
    beyond = label.y + label.height + GAP + credit if above else label.y - GAP - height
    centre = label.x + label.width / 2 - width / 2
    return [PlacedPicture(label.path, picture, x, y, width, height, label.colour, credit_text)
            for x, y in ((label.x + label.width + GAP, level), (label.x - GAP - width, level), (centre, beyond))]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float], gap: float) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _title_cut(plan: TimelinePlan, title: TitleBlock) -> tuple[Unplaceable, ...]:
    """The warning for a unit title too long for the poster even in three lines at its smallest."""
    if not title.cut:
        return ()
    return (Unplaceable(("unit", "title"), "the title is too long for the poster: it is cut, ending in \"…\"",
                        f"it has {len(plan.title)} characters, more than three lines of the poster hold: "
                        "shorten it, and put the rest in the subtitle"),)


def small_factor(theme: Theme, scale: float) -> float:
    """How many times larger than designed a label's date and detail print on a sheet of design
    ``scale``. Only a theme asking for larger labels than the design's (large print's 18 pt) has
    them grow: so far that they keep the theme's small text in its proportion to body text (16 pt
    to 18 pt), the titles at their smallest being ``poster_label``. Otherwise 1, as designed."""
    floor = TITLE_SIZE * TYPE_STEPS[-1]
    if theme.poster_label <= floor:
        return 1.0
    least = theme.poster_label * theme.sizes.small / theme.sizes.body  # in real points
    return max(1.0, least / (floor * DATE_RATIO * scale))


def design_scale(paper: str) -> float:
    """Real points per design point on ``paper``: the poster is designed on A3 and grows with
    the sheet's area (never shrinks: tabloid, a little smaller than A3, keeps A3's sizes)."""
    width, height = PAPER[paper]
    a3_width, a3_height = PAPER["a3"]
    return max(1.0, math.sqrt(width * height / (a3_width * a3_height)))


@dataclass(frozen=True)
class _Area:
    """One side of the axis: leaders leave the axis at ``axis_y``, rise to ``fan_y``, slant
    through the fan to the base of the labels at ``base``, and the labels stack out to ``limit``."""

    axis_y: float
    fan_y: float  # where the fan begins: the end of the straight rise
    limit: float
    above: bool

    @property
    def base(self) -> float:
        return self.fan_y + (FAN + CLEAR if self.above else -FAN - CLEAR)

    @property
    def room(self) -> float:
        return self.limit - self.base if self.above else self.base - self.limit


@dataclass(frozen=True)
class _Draft:
    """An event's label measured, before it is placed."""

    event: EventPlan
    lines: tuple[str, ...]
    detail: tuple[str, ...]
    width: float
    height: float
    head: float
    size: float
    date_size: float
    detail_size: float


@dataclass(frozen=True)
class _Spot:
    above: bool
    column: float
    left: float
    lift: float  # from its side's base out to the box's nearer edge


def _fit(plan: TimelinePlan, anchors: list[float], faces: tuple[str, str, str], areas: tuple[_Area, _Area],
         bounds: tuple[float, float], scale: float, small: float) -> tuple[list[Label], int, list[Unplaceable]]:
    """Every event's label placed at the largest type that holds them all; at the smallest type,
    as many as fit, key events first, then the most evenly spread in time. Then key events get
    their detail if every label placed still fits with it. The labels, how many events were left
    out, and the warnings."""
    events: Sequence[EventPlan] = plan.events
    rooms = (areas[0].room, areas[1].room)
    chosen = list(range(len(events)))
    sweeps = _Sweeps()
    for step in TYPE_STEPS:  # the whole search only at the floor: a larger type must fit easily
        drafts = [_measure(event, faces, step, scale, rooms, plan.blank_mode, detail=0, small=small) for event in events]
        spots = _attempt(drafts, anchors, chosen, rooms, bounds, sweeps, len(COSTS) if step == TYPE_STEPS[-1] else 2)
        if spots is not None:
            break
    else:
        if any(event.blank for event in events):
            events, drafts, spots = _fewer_blanks(events, anchors, faces, (step, scale, plan.blank_mode, small), rooms,
                                                  bounds, sweeps)
        if spots is None:
            chosen, spots = _most_that_fit(drafts, anchors, rooms, bounds, sweeps)
    for most in (DETAIL_LINES, 2) if any(events[i].key and events[i].detail for i in chosen) else ():
        with_detail = [_measure(event, faces, step, scale, rooms, plan.blank_mode, detail=most, small=small)
                       for event in events]
        detailed = _attempt(with_detail, anchors, chosen, rooms, bounds, sweeps, 2)
        if detailed is not None:
            drafts, spots = with_detail, detailed
            break
    labels = [_label(drafts[i], anchors[i], spot, areas) for i, spot in zip(chosen, spots, strict=True)]
    warnings = [warning for i in chosen if (warning := _cut_title(drafts[i], faces, rooms)) is not None]
    omitted = len(events) - len(chosen)
    if omitted:
        warnings.append(Unplaceable(("events",), f"{omitted} of the {len(events)} events do not fit on the "
                                    f"{plan.paper.upper()} poster at the smallest type: it shows the key events "
                                    "and an even spread of the others, and says how many it leaves out",
                                    _bigger_paper(plan.paper)))
    return labels, omitted, warnings


def _fewer_blanks(events: Sequence[EventPlan], anchors: list[float], faces: tuple[str, str, str],
                  measure: tuple[float, float, str, float], rooms: tuple[float, float], bounds: tuple[float, float],
                  sweeps: _Sweeps) -> tuple[Sequence[EventPlan], list[_Draft], list[_Spot] | None]:
    """The events with only the blanks of the blank version that still let every event fit at
    the smallest type (``measure``: its step, the design scale, the blank mode and the dates'
    :func:`small_factor`), the others
    turned back into ordinary labels, and their drafts and spots. A write-in box is larger than
    most labels, and a blank poster is an exercise on the whole timeline: fewer blanks rather
    than missing events. The blanks are tried one by one, the most important first
    (:func:`_keep_order`: which one still fits is found only by placing it). When fewer than
    :data:`MIN_BLANKS` fit, the first :data:`MIN_BLANKS` in that order stay blank and the spots
    are None: then events are left out."""
    order = _keep_order(events, anchors)
    step, scale, mode, small = measure
    everyone = list(range(len(events)))

    plain = [replace(event, blank=False) for event in events]
    drafts = {(i, event.blank): _measure(event, faces, step, scale, rooms, mode, detail=0, small=small)
              for i, event in itertools.chain(enumerate(events), ((i, plain[i]) for i in order))}

    def with_blanks(kept: Sequence[int]) -> tuple[list[EventPlan], list[_Draft]]:
        changed = [events[i] if i in kept else event for i, event in enumerate(plain)]
        return changed, [drafts[i, event.blank] for i, event in enumerate(changed)]

    fewest = with_blanks(order[:MIN_BLANKS])
    changed, measured = with_blanks([])
    spots = _attempt(measured, anchors, everyone, rooms, bounds, sweeps, 2)
    if spots is None:
        return (*fewest, None)
    kept: list[int] = []
    best = (changed, measured, spots)
    for blank in order:
        changed, measured = with_blanks([*kept, blank])
        spots = _attempt(measured, anchors, everyone, rooms, bounds, sweeps, 1)
        if spots is not None:
            kept.append(blank)
            best = (changed, measured, spots)
    return best if len(kept) >= min(MIN_BLANKS, len(order)) else (*fewest, None)


def _keep_order(events: Sequence[EventPlan], anchors: list[float]) -> list[int]:
    """The blanks among ``events``, most important first: the key ones before the others, and
    among them those with the fewest events near them on the axis (the densest places last)."""
    blanks = [i for i, event in enumerate(events) if event.blank]
    near = {i: sum(abs(anchor - anchors[i]) < LABEL_WIDTH for anchor in anchors) for i in blanks}
    return sorted(blanks, key=lambda i: (not events[i].key, near[i], i))


def _measure(event: EventPlan, faces: tuple[str, str, str], step: float, scale: float, rooms: tuple[float, float],
             blank_mode: str, *, detail: int, small: float) -> _Draft:
    """The lines and the box of ``event``'s label with type at ``step`` of the design's, its date
    and detail ``small`` times larger still (:func:`small_factor`), with at most ``detail`` lines
    of a key event's detail; a blank label's write-in box is at least :data:`WRITE_IN` on the
    printed sheet."""
    regular, bold, body = faces
    size = TITLE_SIZE * step * (KEY_RATIO if event.key else 1)
    date_size = TITLE_SIZE * step * DATE_RATIO * small
    title_font = bold if event.key else regular
    lines = _title_lines(event.title, title_font, size, _most_lines(size, date_size, rooms))
    detail_size = TITLE_SIZE * step * DETAIL_RATIO * small
    notes = (_at_most(detail, _wrap(event.detail, regular, detail_size, DETAIL_EMS * TITLE_SIZE * step))
             if detail and event.detail else [])
    widths = ([stringWidth(line, title_font, size) for line in lines]
              + [stringWidth(line, regular, detail_size) for line in notes]
              + [stringWidth(event.date, body, date_size) + date_size + 2])
    head, body_height = date_size * 1.25, len(lines) * size * 1.2 + len(notes) * detail_size * 1.2
    if event.blank:  # the write-in box takes the place of the title, or of the date after the marker
        write_width, write_height = WRITE_IN[0] / scale, WRITE_IN[1] / scale
        if blank_mode == "dates":
            widths.append(write_width + date_size + 2)
            head = max(head, write_height)
        else:
            widths.append(write_width)
            body_height = max(body_height, write_height)
    return _Draft(event, tuple(lines), tuple(notes), max(widths) + 2 * LABEL_PAD, head + body_height + 2 * LABEL_PAD,
                  head, size, date_size, detail_size)


def _title_lines(title: str, font: str, size: float, most: int) -> list[str]:
    """``title`` in at most ``most`` lines, as narrow as their number allows: within
    :data:`WRAP_EMS` if it fits there, else in the narrowest box up to :data:`WIDEST_EMS` that holds
    it (a long Russian or German word, a key event's larger type), cut short only beyond that."""
    narrow, widest = WRAP_EMS * size, WIDEST_EMS * size
    if len(_wrap(title, font, size, narrow)) <= most:
        return _balanced(title, font, size, narrow)
    if len(_wrap(title, font, size, widest)) > most:
        return _at_most(most, _balanced(title, font, size, widest))
    low, high = narrow, widest  # too many lines at ``low``; few enough at ``high``
    for _ in range(8):
        middle = (low + high) / 2
        if len(_wrap(title, font, size, middle)) <= most:
            high = middle
        else:
            low = middle
    return _balanced(title, font, size, high)


def _most_lines(size: float, date_size: float, rooms: tuple[float, float]) -> int:
    """The most lines a title may take: :data:`MAX_LINES`, and fewer if the label would then
    leave its side of the axis no room for another above it."""
    fits = int((min(rooms) / 2 - date_size * 1.25 - 2 * LABEL_PAD) // (size * 1.2))
    return max(1, min(MAX_LINES, fits))


def _cut_title(draft: _Draft, faces: tuple[str, str, str], rooms: tuple[float, float]) -> Unplaceable | None:
    """The warning for a title cut short on its label: how many lines it would take, and how many
    characters fit in the lines there is room for."""
    event = draft.event
    font = faces[1] if event.key else faces[0]
    whole = _wrap(event.title, font, draft.size, WIDEST_EMS * draft.size)
    fits = _most_lines(draft.size, draft.date_size, rooms)
    if len(whole) <= fits:
        return None
    title = event.title.replace(markup.SOFT_HYPHEN, "")
    keep = int(fits * len(title) / len(whole) * 0.9) // 10 * 10
    return Unplaceable((*event.path, "title"),
                       f"the title takes {len(whole)} lines on the poster, which has room for {fits}: "
                       "it is cut short there",
                       f"it has {len(title)} characters: shorten it to at most about {keep}, "
                       "and put the rest in the event's detail")


def _label(draft: _Draft, anchor: float, spot: _Spot, areas: tuple[_Area, _Area]) -> Label:
    area = areas[0] if spot.above else areas[1]
    near = area.base + spot.lift if spot.above else area.base - spot.lift
    y = near if spot.above else near - draft.height
    if abs(spot.column - anchor) < 0.01:
        leader: tuple[tuple[float, float], ...] = ((anchor, area.axis_y), (anchor, near))
    else:
        fan_end = area.base + (-CLEAR if spot.above else CLEAR)
        leader = ((anchor, area.axis_y), (anchor, area.fan_y), (spot.column, fan_end), (spot.column, near))
    event = draft.event
    return Label(event.path, event.date, draft.lines, event.key, event.colour, event.marker, anchor, spot.left, y,
                 draft.width, draft.height, spot.above, event.blank, draft.size, draft.date_size, draft.head,
                 draft.detail, draft.detail_size, leader)


def _attempt(drafts: list[_Draft], anchors: list[float], chosen: list[int], rooms: tuple[float, float],
             bounds: tuple[float, float], sweeps: _Sweeps, tries: int = len(COSTS)) -> list[_Spot] | None:
    """A spot for the label of each event in ``chosen`` (in date order), or None. Columns are
    aimed first at the events themselves, then spread further apart, so that a cluster fans out
    early enough to leave room for its last labels."""
    if not chosen:
        return []
    boxes = [(anchors[i], drafts[i].width, drafts[i].height) for i in chosen]
    if sum((w + GAP) * (h + GAP) for _, w, h in boxes) > (bounds[1] - bounds[0]) * sum(rooms):
        return None  # more than the sheet holds, however the labels are put
    heights = sorted(h for *_, h in boxes)
    widths = sorted(w for _, w, _ in boxes)
    per_side = max(1.0, min(rooms) / (heights[len(heights) // 2] + GAP))
    need = (widths[len(widths) // 2] + GAP) / (2 * per_side)  # the width a label needs on a crowded axis
    for costs in COSTS[:tries]:
        for spread in SPREADS:
            targets = _spread([a for a, *_ in boxes], spread * need, *bounds)
            spots = sweeps.place_all(rooms, bounds, costs, boxes, targets)
            if spots is not None:
                return spots
            spots = _mirrored(boxes, targets, rooms, bounds, costs, sweeps)
            if spots is not None:
                return spots
    return None


def _mirrored(boxes: list[tuple[float, float, float]], targets: list[float], rooms: tuple[float, float],
              bounds: tuple[float, float], costs: tuple[float, float], sweeps: _Sweeps) -> list[_Spot] | None:
    """The spots the sweep finds from right to left: a unit whose events crowd at its end (the
    last years before a war) finds room when its dense end is placed first."""
    left, right = bounds
    flipped = [(left + right - anchor, width, height) for anchor, width, height in reversed(boxes)]
    spots = sweeps.place_all(rooms, bounds, costs, flipped, [left + right - t for t in reversed(targets)])
    if spots is None:
        return None
    return [_Spot(spot.above, left + right - spot.column, left + right - spot.left - width, spot.lift)
            for spot, (_, width, _) in zip(reversed(spots), boxes, strict=True)]


def _most_that_fit(drafts: list[_Draft], anchors: list[float], rooms: tuple[float, float],
                   bounds: tuple[float, float], sweeps: _Sweeps) -> tuple[list[int], list[_Spot]]:
    """The most events, taken in :func:`_priority` order, whose labels all fit, found by
    halving; in date order, with their spots."""
    order = _priority([d.event for d in drafts])
    best: tuple[list[int], list[_Spot]] = ([], [])
    low, high = 0, len(order)  # a subset of ``low`` events fits; one of ``high`` does not
    while high - low > 1:
        middle = (low + high) // 2
        chosen = sorted(order[:middle])
        spots = _attempt(drafts, anchors, chosen, rooms, bounds, sweeps, tries=1)
        if spots is None:
            high = middle
        else:
            low, best = middle, (chosen, spots)
    return best


def _priority(events: Sequence[EventPlan]) -> list[int]:
    """Indexes of ``events`` (in date order), most important first: the key events (and the blank
    version's blanks: they are the exercise), then each time the event farthest in time from every
    event already taken, so that whatever number is shown, it is spread as evenly as it can be
    (the key events among themselves too)."""
    times = [event.start for event in events]
    keys = [i for i, event in enumerate(events) if event.key or event.blank]
    by_spread = [keys[k] for k in _farthest_first([times[i] for i in keys], [])]
    return by_spread + _farthest_first(times, keys)[len(keys):]


def _farthest_first(times: list[float], seeds: list[int]) -> list[int]:
    """Positions in ``times`` (in order): ``seeds`` (or the first and the last), then each time
    the one farthest from all taken before it, ties to the earlier."""
    count = len(times)
    taken = sorted(set(seeds)) or sorted({0, count - 1} if count else set())
    heap: list[tuple[float, int, int, int]] = []  # (-distance, position, gap's first, gap's last)

    def offer(first: int, last: int) -> None:
        """Offer the farthest of the positions strictly between ``first`` and ``last`` (-1 and
        ``count`` when the gap is open at an end)."""
        if last - first < 2:
            return
        if first < 0:
            best, distance = 0, times[last] - times[0]
        elif last >= count:
            best, distance = count - 1, times[-1] - times[first]
        else:
            k = bisect.bisect_left(times, (times[first] + times[last]) / 2, first + 1, last)
            best = max((j for j in (k - 1, k) if first < j < last),
                       key=lambda j: (min(times[j] - times[first], times[last] - times[j]), -j))
            distance = min(times[best] - times[first], times[last] - times[best])
        heapq.heappush(heap, (-distance, best, first, last))

    for first, last in itertools.pairwise([-1, *taken, count]):
        offer(first, last)
    order = list(taken)
    while heap:
        _, best, first, last = heapq.heappop(heap)
        order.append(best)
        offer(first, best)
        offer(best, last)
    return order


def _spread(anchors: list[float], distance: float, left: float, right: float) -> list[float]:
    """Targets for the columns nearest ``anchors`` (in order) that are at least ``distance``
    apart and between ``left`` and ``right``: least squares under the order, by pooling adjacent
    violators (y = target - k·distance must not decrease)."""
    if distance <= 0:
        return list(anchors)
    blocks: list[list[float]] = []  # [mean, count]
    for k, anchor in enumerate(anchors):
        blocks.append([anchor - k * distance, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1] = [(blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count),
                          blocks[-1][1] + count]
    shifted = [mean for mean, count in blocks for _ in range(int(count))]
    high = max(left, right - (len(anchors) - 1) * distance)
    return [min(max(y, left), high) + k * distance for k, y in enumerate(shifted)]


class _Side:
    """The labels placed on one side of the axis, in outward coordinates: ``lift`` 0 is the base
    next to the fan. Boxes and leaders far behind the sweep are forgotten. The boxes are kept in
    order of lift and the leaders in order of column (each leader's column is right of the one
    before it), so that :meth:`lowest`, asked tens of times for every label, stops early."""

    def __init__(self, room: float) -> None:
        self.room = room
        self.boxes: list[tuple[float, float, float, float]] = []  # lift, top, left, right; in order of lift
        self.columns: list[float] = []  # the leaders' columns, left to right
        self.lifts: list[float] = []  # ... and the lift of each one's box
        self.last = -math.inf  # the column of the side's latest label
        self.last_shift = 0.0

    def forget(self, before: float) -> None:
        self.boxes = [box for box in self.boxes if box[3] > before]
        gone = bisect.bisect_right(self.columns, before)
        del self.columns[:gone], self.lifts[:gone]

    def lowest(self, column: float, left: float, width: float, height: float) -> float | None:
        """The least lift of a box ``left``…``left + width`` whose leader rises at ``column``:
        clear of every box and leader, and below every box its own leader would pass through."""
        right = left + width
        nearby = self.lifts[bisect.bisect_right(self.columns, left - CLEAR):bisect.bisect_left(self.columns, right + CLEAR)]
        lift = max(nearby, default=0.0)
        for u0, u1, x0, x1 in self.boxes:  # a box its leader passes is one its own box overlaps (CLEAR <= GAP)
            if x0 < right + GAP and left < x1 + GAP:
                if u0 - GAP - height >= lift:
                    break  # it fits below this box, and below every box further out
                if x0 - CLEAR < column < x1 + CLEAR:
                    return None  # its leader would pass through a box below it
                lift = max(lift, u1 + GAP)
        return lift if lift <= self.room - height else None

    def passes_through(self, column: float, height: float) -> bool:
        """Whether a leader at ``column`` passes through a box too near the base for a box
        ``height`` tall to go under it: then no box with its leader there has a lift (its box
        overlaps that one, so :meth:`lowest` is None whatever its left)."""
        for u0, _, x0, x1 in self.boxes:
            if u0 - GAP - height >= 0.0:
                return False
            if x0 - CLEAR < column < x1 + CLEAR:
                return True
        return False

    def take(self, column: float, left: float, width: float, height: float, lift: float, shift: float) -> None:
        bisect.insort(self.boxes, (lift, lift + height, left, left + width))
        self.columns.append(column)
        self.lifts.append(lift)
        self.last, self.last_shift = column, shift

    def state(self) -> _SideState:
        return tuple(self.boxes), tuple(self.columns), tuple(self.lifts), self.last, self.last_shift

    def restore(self, state: _SideState) -> None:
        boxes, columns, lifts, self.last, self.last_shift = state
        self.boxes, self.columns, self.lifts = list(boxes), list(columns), list(lifts)


_SideState = tuple[tuple[tuple[float, float, float, float], ...], tuple[float, ...], tuple[float, ...], float, float]
_PlacerState = tuple[int, _SideState, _SideState]


class _Sweeps:
    """Every step of every sweep tried for one poster: a sweep is greedy and looks only back
    (within its reach), so where a box goes depends only on the placer's state before it, the box
    and its target (and the room, costs and reach). The blank version tries the same events again
    and again with one label changed (:func:`_fewer_blanks`): its sweeps take the earlier ones'
    spots until they reach that label, and again once it is forgotten behind them."""

    def __init__(self) -> None:
        self.steps: dict[tuple[object, ...], tuple[_Spot | None, _PlacerState]] = {}

    def _remember(self, step: tuple[object, ...], known: tuple[_Spot | None, _PlacerState]) -> None:
        """Keep ``known`` for ``step``, forgetting every step before when there are
        :data:`REMEMBERED` of them (a poster of thousands of events tries too many to keep)."""
        if len(self.steps) >= REMEMBERED:
            self.steps.clear()
        self.steps[step] = known

    def place_all(self, rooms: tuple[float, float], bounds: tuple[float, float], costs: tuple[float, float],
                  boxes: list[tuple[float, float, float]], targets: list[float]) -> list[_Spot] | None:
        """A spot for every box ``(anchor, width, height)`` by :class:`_Placer`, or None as soon
        as one has none."""
        reach = max(w for _, w, _ in boxes) + GAP + CLEAR
        placer = _Placer(rooms, bounds, costs)
        state = placer.state()
        behind = False  # whether ``placer`` is not yet at ``state``: the steps to it were known
        spots = []
        for box, target in zip(boxes, targets, strict=True):
            step = (rooms, bounds, costs, reach, state, box, target)
            known = self.steps.get(step)
            if known is None:
                if behind:
                    placer.restore(state)
                anchor, width, height = box
                known = (placer.place(anchor, target, width, height, reach), placer.state())
                self._remember(step, known)
                behind = False
            else:
                behind = True
            spot, state = known
            if spot is None:
                return None
            spots.append(spot)
        return spots


class _Placer:
    """Greedy, in date order: each label takes the column, side and height of least cost
    (sideways shift from its target, plus height), with the columns on each side in date order
    at least :data:`MIN_SEP` apart, so the slanting leaders of a cluster fan out without
    crossing. Only what is within reach of the sweep is looked at, so it stays near-linear."""

    def __init__(self, rooms: tuple[float, float], bounds: tuple[float, float], costs: tuple[float, float]) -> None:
        self.sides = (_Side(rooms[0]), _Side(rooms[1]))
        self.lift_cost, self.forward_cost = costs
        self.left, self.right = bounds
        self.turn = 0

    def place(self, anchor: float, target: float, width: float, height: float, reach: float) -> _Spot | None:
        """The spot of the next box in date order, taken, or None if it has none; then the boxes
        and leaders more than ``reach`` behind it on its side are forgotten."""
        found = None
        for k in (self.turn, 1 - self.turn):
            option = self._best(self.sides[k], anchor, target, width, height, math.inf if found is None else found[0])
            if option is not None and (found is None or option[0] < found[0]):
                found = (option[0], k, *option[1:])
        if found is None:
            return None
        _, k, column, left, lift = found
        self.sides[k].take(column, left, width, height, lift, abs(column - anchor))
        self.sides[k].forget(column - reach)
        self.turn = 1 - k
        return _Spot(k == 0, column, left, lift)

    def state(self) -> _PlacerState:
        return self.turn, self.sides[0].state(), self.sides[1].state()

    def restore(self, state: _PlacerState) -> None:
        self.turn = state[0]
        self.sides[0].restore(state[1])
        self.sides[1].restore(state[2])

    def _best(self, side: _Side, anchor: float, target: float, width: float, height: float, beat: float
              ) -> tuple[float, float, float, float] | None:
        """(cost, column, left, lift) of the cheapest spot on ``side``, or None; None too when it
        could not cost less than ``beat`` (the other side's best). Its columns are tried nearest the
        target first, until the shift alone costs as much as the best spot found."""
        beat += 1e-9  # rounding: a spot within it of ``beat`` is measured
        offsets = (width - INSET, INSET, width / 2)  # column - left: box ending at, starting at, centred on it
        first = side.last + max(MIN_SEP, SLANT * side.last_shift)
        least_left, most_left = self.left, self.right - width
        # The cost is linear in the lift (0 to room - height), so the least that lift and forward
        # reach add to the shift is at one end: a spot dearer than the best at both is not measured.
        per_reach, at_the_top = self.forward_cost * (1 - height / side.room), self.lift_cost * (side.room - height)
        best: tuple[float, float, float, float] | None = None
        for shift, column in self._columns(side, anchor, target, width, first):
            if (best is not None and shift >= best[0]) or shift > beat:
                break
            if column - side.last < SLANT * abs(column - anchor) or side.passes_through(column, height):
                continue  # too close to the last leader for its slant, or no box there has a lift
            for offset in offsets:
                left = min(max(column - offset, least_left), most_left)
                if not left + INSET - 0.01 <= column <= left + width - INSET + 0.01:
                    continue
                reach = left + width - column - INSET
                if not reach > 0.0:
                    reach = 0.0
                least = shift + min(per_reach * reach, at_the_top)
                if least > beat or (best is not None and least > best[0] + 1e-9):
                    continue
                lift = side.lowest(column, left, width, height)
                if lift is None:
                    continue
                forward = reach * (1 - (lift + height) / side.room)
                cost = shift + self.lift_cost * lift + self.forward_cost * forward
                if best is None or cost < best[0]:
                    best = (cost, column, left, lift)
        return best

    def _columns(self, side: _Side, anchor: float, target: float, width: float, first: float
                 ) -> list[tuple[float, float]]:
        """The columns worth trying on ``side`` as (shift from ``target``, column), nearest first:
        the target, the event, ``first`` (the first after the side's last leader), and those where
        the box (ending at, starting at or centred on the column) just clears a box or a leader."""
        offsets = (width - INSET, INSET, width / 2)
        columns = [target, anchor, first, (side.last - SLANT * anchor) / (1 - SLANT)]
        ends, starts, centres = offsets
        for _, _, x0, x1 in side.boxes:
            after, before = x1 + GAP, x0 - GAP - width
            columns += (x0 - CLEAR - 0.01, x1 + CLEAR + 0.01, after + ends + 0.01, before + ends - 0.01,
                        after + starts + 0.01, before + starts - 0.01, after + centres + 0.01, before + centres - 0.01)
        for c in side.columns:
            after, before = c + CLEAR, c - CLEAR - width
            columns += (after + ends + 0.01, before + ends - 0.01, after + starts + 0.01, before + starts - 0.01,
                        after + centres + 0.01, before + centres - 0.01)
        low, high = max(first, self.left + INSET, anchor - MAX_SHIFT), min(self.right - INSET, anchor + MAX_SHIFT)
        return sorted({(abs(c - target), c) for c in columns if low <= c <= high})


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


def _balanced(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` wrapped in as few lines as at ``width``, but as narrow as they allow: "Britain and
    France" over "guarantee Poland" rather than a long line over a short one (a narrower box
    leaves more room for its neighbours)."""
    lines = _wrap(text, font, size, width)
    if len(lines) < 2:
        return lines
    low, high = width / 2, width
    for _ in range(6):
        middle = (low + high) / 2
        if len(_wrap(text, font, size, middle)) == len(lines):
            high = middle
        else:
            low = middle
    return _wrap(text, font, size, high)


def _at_most(count: int, lines: list[str]) -> list[str]:
    """The first ``count`` lines, the last ending in "…" if any were left out (no wider than it was)."""
    if len(lines) <= count:
        return lines
    words = lines[count - 1].split()
    last = " ".join(words[:-1]) if len(words) > 1 else words[0][:-1]
    return [*lines[:count - 1], last + "…"]


def _bigger_paper(paper: str) -> str:
    order = ["a3", "a2", "a1", "a0"]
    bigger = order[order.index(paper) + 1] if paper in order[:-1] else None
    if bigger:
        return f"use a larger poster: outputs: {{timeline: {{paper: {bigger}}}}} or --poster-paper {bigger}"
    return "spread the events out, or split the unit into two timelines"
