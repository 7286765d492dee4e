"""The time axis: where each date goes across the poster, the years it marks, and how it is drawn.

:class:`TimeScale` maps a position on the shared axis (``PartialDate.axis()``, in years, so BC
and the missing year 0 are handled once) to x, in the poster's design points. It is made of one
or more :class:`Stretch` es: inside a stretch time is strictly proportional and its ticks keep
their spacing, and time never runs backwards. :func:`time_scale` decides the stretches from the
data alone (the events' and periods' positions, the axis's width and a typical label's width):

1. **Proportional** whenever that is fine: one stretch, as wide as the axis. It is fine unless
   more than :data:`CROWDED` events fall within one label's width of the proportional axis;
   then, and only then, the two tools below are tried.
2. **A broken axis** where nothing happens for long: a gap with no event and no period inside it,
   longer than a quarter of the unit's span (:data:`EMPTY_SHARE`), is cut out, but for a tenth of
   it at each end, to round years; it is drawn as a short gap between the two slanted strokes of a
   chart's axis break, the years on each side are printed, the scale resumes identical on the
   other side, and the poster says that the years there are left out.
3. **A change of scale** where events are far denser in some years than in others (centuries of
   sparse events, then a dense decade). Each event needs about ``label_width / LEVELS`` of axis
   (labels stack in levels above and below it). A stretch whose events need more than its room is
   *dense*, and holds a crowd (more than :data:`CROWDED` events); the others are compressed to
   what their events need (never below :data:`MIN_STRETCH`), and the room they free goes to the
   dense stretches, which share one scale. The boundaries (one or two round years, so at most
   three stretches, alternately dense and not) are those that leave the events least crowded on
   the compressed axis (any crowding up to :data:`CROWDED` as good as none: compressing a stretch
   that holds part of a crowd crowds it further), and of those the ones that give the dense
   stretches the most room. The axis changes scale only if that makes the events less crowded,
   at least doubles the dense stretches' room (:data:`MIN_GAIN`) and their events are at least
   :data:`MIN_CONTRAST` times as close together as the others', so a unit of evenly spread
   events, or the shipped unit with its busy 1939, stays proportional. Each stretch's scale is
   rounded to a readable one (fewer years per centimetre is never chosen where it would not fit):
   one the plan words, "1 cm = 30 years", in real centimetres on the printed sheet; what the
   rounding leaves over widens an end whose stretch is not dense, never as empty years at the
   dense scale (unless both ends are dense). A thick bar crosses the axis at each boundary, each
   stretch prints its scale in words under the axis, and one line on the poster says that the
   scale changes.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts
from compiler.dates import PartialDate

CM = 72 / 2.54  # real points in a centimetre of the printed sheet
TICK_SIZE = 9.0  # the axis years, in design points (≥ 8 pt on the A3 design)
TICK_SPACING = 70.0  # the least room between two regular ticks
TICK_CLEARANCE = 4.0  # the least room between two words under the axis
BESIDE = 3.0  # a year moved off its tick may end (or start) this far from it: it still reads as the tick's
BREAK_GAP = 20.0  # the axis left out for a break
WORDS_TOP = 4.0  # the words under the axis hang this far below it
LEADER_CLEARANCE = 2.5  # the least room between a leader and the words (and their white ground, no wider):
# 2 pt asked, and half a leader's width
BREAK_STROKE_INSET = 5.0  # where its strokes stand, inside the gap
NOTE_SIZE = 8.0  # the line saying that the axis breaks or changes scale
WHITE = Color(1, 1, 1)
EMPTY_SHARE = 0.25  # an empty gap longer than this share of the span is cut out
LEVELS = 5  # labels that stack over one label's width: an event needs label_width / LEVELS of axis
MIN_STRETCH = 160.0  # the least width of a stretch of its own scale: room for its years and scale
MIN_PIECE = 100.0  # ... and of each piece between breaks: room for the years at its ends
CROWDED = 6  # more events than this within one label's width: the proportional axis may not do
MIN_CONTRAST = 4.0  # ... and only if its dense stretches hold events this many times as close as the others
MIN_GAIN = 2.0  # the axis changes scale only if that gives the dense stretches this many times their room
BOUNDARY_CANDIDATES = 24  # about this many round years are tried as boundaries


@dataclass(frozen=True)
class Stretch:
    """A strictly proportional part of the axis: ``t0`` at ``x0`` to ``t1`` at ``x1``;
    ``years_per_cm`` is its scale in words where the axis changes scale (else None)."""

    t0: float
    t1: float
    x0: float
    x1: float
    years_per_cm: float | None = None

    @property
    def points_per_year(self) -> float:
        return (self.x1 - self.x0) / max(self.t1 - self.t0, 1 / 365)

    def x(self, position: float) -> float:
        return self.x0 + (position - self.t0) * self.points_per_year


@dataclass(frozen=True)
class Tick:
    """A year under the axis, or a stretch's scale in words (``scale``, set in italics)."""

    x: float
    text: str
    align: str = "centre"  # "right" ends the year at the tick (before a break), "left" starts it there
    scale: bool = False
    shift: float = 0.0  # the words moved this far right of where ``align`` puts them, clear of leaders

    def extent(self, fonts: tuple[str, str]) -> tuple[float, float]:
        """Left and right of its words in the (regular, italic) ``fonts``."""
        width = stringWidth(self.text, fonts[self.scale], TICK_SIZE)
        left = {"centre": self.x - width / 2, "right": self.x - width, "left": self.x}[self.align] + self.shift
        return left, left + width


@dataclass(frozen=True)
class TimeScale:
    """The axis, stretch by stretch, in date order. Between two stretches the axis either breaks
    (``t1`` of one is before ``t0`` of the next: the years between are cut out, the x between is
    the drawn gap) or changes scale (they meet)."""

    stretches: tuple[Stretch, ...]

    @property
    def t0(self) -> float:
        return self.stretches[0].t0

    @property
    def t1(self) -> float:
        return self.stretches[-1].t1

    @property
    def x0(self) -> float:
        return self.stretches[0].x0

    @property
    def x1(self) -> float:
        return self.stretches[-1].x1

    @property
    def breaks(self) -> list[tuple[Stretch, Stretch]]:
        """The stretches on each side of every break."""
        return [(a, b) for a, b in itertools.pairwise(self.stretches) if b.t0 > a.t1]

    @property
    def changes(self) -> list[float]:
        """The x of every change of scale."""
        return [b.x0 for a, b in itertools.pairwise(self.stretches) if b.t0 == a.t1]

    def x(self, position: float) -> float:
        """The x of an axis position (in years); a position in a cut-out gap falls in the drawn
        gap, in proportion, so a bar across a break is drawn across it."""
        for before, stretch in zip((None, *self.stretches), self.stretches, strict=False):
            if position < stretch.t0 and before is not None:
                share = (position - before.t1) / (stretch.t0 - before.t1)
                return before.x1 + share * (stretch.x0 - before.x1)
            if position <= stretch.t1 or stretch is self.stretches[-1]:
                return stretch.x(position)
        raise AssertionError("unreachable: the last stretch takes every later position")

    def ticks(self, bc: str, fonts: tuple[str, str], words: Mapping[float, str],
              blocked: Sequence[tuple[float, float]] = ()) -> list[Tick]:
        """What to print under the axis, in x order, nothing overlapping: each stretch's ends where
        the axis breaks or changes scale, round years about :data:`TICK_SPACING` apart in each
        stretch, and where the scale changes each stretch's scale in ``words`` (by years per cm),
        between two years near its middle. No words stand in the ``blocked`` x-intervals (where
        leaders cross them, :func:`leader_crossings`) if they can help it: a year moves beside its
        tick, or only its tick is kept (text ""); a stretch's scale moves to a free place."""
        kept = self._boundary_ticks(bc)
        for stretch in self.stretches:
            kept = _without_overlaps(kept, _regular_ticks(stretch, bc), fonts)
        kept = self._clear_years(sorted(kept, key=lambda tick: tick.x), fonts, blocked)
        for stretch in self.scaled():
            kept = _with_words(kept, stretch, words[stretch.years_per_cm or 0], fonts, blocked)
        return sorted(kept, key=lambda tick: tick.x)

    def _clear_years(self, ticks: list[Tick], fonts: tuple[str, str],
                     blocked: Sequence[tuple[float, float]]) -> list[Tick]:
        """``ticks`` (in x order), each year centred on its tick, else moved the least to its
        left, at most until it ends just left of its tick, else to its right: clear of ``blocked``
        and of its neighbours; a year with no such place keeps only its tick. Chosen together
        (dynamic programming), least bad first: two neighbouring years without their number, then
        a stretch's first or last year without it, then any year without it, then years moved."""
        ends = {k for stretch in self.stretches
                for inside in [[k for k, tick in enumerate(ticks) if stretch.x0 <= tick.x <= stretch.x1]] if inside
                for k in (inside[0], inside[-1])}
        # state: (right end of the last printed year, whether the previous year is without its number)
        states: dict[tuple[float, bool], tuple[float, list[Tick]]] = {(-math.inf, False): (0.0, [])}
        for k, tick in enumerate(ticks):
            options = _places(tick, fonts, blocked)
            following: dict[tuple[float, bool], tuple[float, list[Tick]]] = {}
            for (reach, bare), (cost, chosen) in states.items():
                moves = [((reach, True), cost + 1e6 * bare + 1e4 * (k in ends) + 100, Tick(tick.x, "", tick.align))]
                moves += [((option.extent(fonts)[1], False), cost + rank, option) for rank, option in options
                          if option.extent(fonts)[0] >= reach + TICK_CLEARANCE]
                for state, total, option in moves:
                    if state not in following or total < following[state][0]:
                        following[state] = (total, [*chosen, option])
            states = following
        return min(states.values(), key=lambda value: value[0])[1]

    def scaled(self) -> list[Stretch]:
        """The stretches that print their scale: of those a break splits (one scale on both sides
        of it), the widest."""
        runs: list[list[Stretch]] = []
        for before, stretch in zip((None, *self.stretches), self.stretches, strict=False):
            if stretch.years_per_cm is None:
                continue
            if before is not None and runs and stretch.t0 > before.t1 and runs[-1][-1] is before:
                runs[-1].append(stretch)
            else:
                runs.append([stretch])
        return [max(run, key=lambda stretch: stretch.x1 - stretch.x0) for run in runs]

    def _boundary_ticks(self, bc: str) -> list[Tick]:
        ticks = []
        for a, b in itertools.pairwise(self.stretches):
            if b.t0 > a.t1:
                ticks += [Tick(a.x1, _year_text(a.t1, bc), "right"), Tick(b.x0, _year_text(b.t0, bc), "left")]
            else:
                ticks.append(Tick(b.x0, _year_text(b.t0, bc)))
        return ticks


def time_scale(events: Sequence[tuple[float, float]], periods: Sequence[tuple[float, float]],
               x0: float, x1: float, left_room: float, right_room: float, *, label_width: float,
               scale: float, readable: Sequence[float]) -> TimeScale:
    """The axis from ``x0`` to ``x1`` for events and periods given as (start, end) positions: the
    earliest start ``left_room`` after ``x0``, the latest end ``right_room`` before ``x1``.
    ``scale`` is real points per design point and ``readable`` the scales (years per real cm) a
    stretch may take where the scale changes. The rule is the module's docstring."""
    t0 = min(start for start, _ in [*events, *periods])
    t1 = max(end for _, end in [*events, *periods])
    starts = sorted(start for start, _ in events)
    rooms = (x0, x1, left_room, right_room)
    proportional = _proportional(t0, t1, [], rooms)
    if _crowding([proportional.x(start) for start in starts], label_width) <= CROWDED:
        return proportional
    cuts = _empty_gaps([*events, *periods], t0, t1)
    broken = _proportional(t0, t1, cuts, rooms)
    if not _legible(broken):  # a piece between breaks too narrow for its years
        cuts, broken = [], proportional
    width = x1 - x0 - left_room - right_room - len(cuts) * BREAK_GAP
    per_year = width / max(_kept(t0, t1, cuts), 1 / 365)
    bounds = _compressed(starts, t0, t1, cuts, per_year, label_width)
    if bounds is None:
        return broken
    rates = _readable_rates(bounds, starts, cuts, per_year, label_width, scale, readable)
    spare = width - sum(_kept(a, b, cuts) * rate for (a, b), (rate, _) in zip(itertools.pairwise(bounds), rates, strict=True))
    left_share = _left_share([w is None for w in _sparse_widths(bounds, starts, cuts, per_year, label_width)])
    changed = _laid(bounds, rates, cuts, x0, x1, left_room + spare * left_share, right_room + spare * (1 - left_share))
    return changed if _legible(changed) else broken


def _left_share(dense: Sequence[bool]) -> float:
    """The share of the room that rounding to readable scales leaves over given to the left end
    (the rest to the right): where one end's stretch is dense and the other's is not, all of it to
    the other, so that it is laid at a compressed scale, not as empty years at the dense one."""
    if dense[0] == dense[-1]:
        return 0.5
    return 0.0 if dense[0] else 1.0


def _proportional(t0: float, t1: float, cuts: Sequence[tuple[float, float]],
                  rooms: tuple[float, float, float, float]) -> TimeScale:
    """One scale from ``t0`` to ``t1`` less the ``cuts``, within ``rooms`` (x0, x1, left, right room)."""
    x0, x1, left_room, right_room = rooms
    per_year = (x1 - x0 - left_room - right_room - len(cuts) * BREAK_GAP) / max(_kept(t0, t1, cuts), 1 / 365)
    return _laid([t0, t1], [(per_year, None)], cuts, x0, x1, left_room, right_room)


def _legible(axis: TimeScale) -> bool:
    """Every piece of ``axis`` wide enough for the years at its ends (:data:`MIN_PIECE`), and, of
    each scale, one wide enough for its words too (:data:`MIN_STRETCH`); a quarter less, for the
    rounding to readable scales."""
    return (all(stretch.x1 - stretch.x0 >= 0.75 * MIN_PIECE for stretch in axis.stretches)
            and all(stretch.x1 - stretch.x0 >= 0.75 * MIN_STRETCH for stretch in axis.scaled()))


def _laid(bounds: Sequence[float], rates: Sequence[tuple[float, float | None]], cuts: Sequence[tuple[float, float]],
          x0: float, x1: float, left_room: float, right_room: float) -> TimeScale:
    """The stretches: one per scale (``rates``: points a year and its words' years per cm,
    between ``bounds``), split again at every cut; the first and last extended at their scale
    over the rooms at the ends."""
    pieces: list[tuple[float, float, float, float | None]] = []
    for (a, b), (rate, years_per_cm) in zip(itertools.pairwise(bounds), rates, strict=True):
        edges = [a, *[t for c0, c1 in cuts if a < c0 < b for t in (c0, c1)], b]
        pieces += [(start, end, rate, years_per_cm) for start, end in zip(edges[::2], edges[1::2], strict=True)]
    start, end, rate, words = pieces[0]
    pieces[0] = (start - left_room / rate, end, rate, words)
    start, end, rate, words = pieces[-1]
    pieces[-1] = (start, end + right_room / rate, rate, words)
    stretches, x = [], x0
    for k, (start, end, rate, words) in enumerate(pieces):
        if k and start > pieces[k - 1][1]:
            x += BREAK_GAP
        right = x1 if k == len(pieces) - 1 else x + (end - start) * rate
        stretches.append(Stretch(start, end, x, right, words))
        x = right
    return TimeScale(tuple(stretches))


def _empty_gaps(intervals: Sequence[tuple[float, float]], t0: float, t1: float) -> list[tuple[float, float]]:
    """The stretches of time to cut out: each gap longer than :data:`EMPTY_SHARE` of the span
    that no event and no period touches, less a tenth of it at each end, to round years."""
    gaps, reach = [], t0
    for start, end in sorted(intervals):
        gap = start - reach
        if gap > EMPTY_SHARE * (t1 - t0):
            unit = _round_step(gap / 10)
            cut = (_rounded(reach + gap / 10, unit, up=True), _rounded(start - gap / 10, unit, up=False))
            if cut[1] - cut[0] > gap / 2:
                gaps.append(cut)
        reach = max(reach, end)
    return gaps


def _kept(a: float, b: float, cuts: Sequence[tuple[float, float]]) -> float:
    """The years from ``a`` to ``b`` that are not cut out."""
    return b - a - sum(max(0.0, min(b, c1) - max(a, c0)) for c0, c1 in cuts)


def _compressed(starts: Sequence[float], t0: float, t1: float, cuts: Sequence[tuple[float, float]],
                per_year: float, label_width: float) -> list[float] | None:
    """The boundaries (t0, one or two round years, t1) of the stretches whose change of scale
    gives the dense ones the most room (fewer stretches unless more gain a tenth more), or None
    if none at least doubles it."""
    unit = _round_step((t1 - t0) / BOUNDARY_CANDIDATES)
    years = range(math.ceil(_continuous_year(t0) / unit), math.floor(_continuous_year(t1) / unit) + 1)
    candidates = sorted({_position(year * unit) for year in years} - {t0, t1})
    candidates = [t for t in candidates if t0 < t < t1 and not any(c0 <= t <= c1 for c0, c1 in cuts)]
    # A short "dense" stretch holding a few of a crowd's events gains most, while compressing the
    # stretch that holds the rest crowds them further: first the least crowding (any at most
    # CROWDED is as good), then the gain.
    crowding = _crowding([_kept(t0, start, cuts) * per_year for start in starts], label_width)
    best, best_gain = None, MIN_GAIN
    for inner in [(t,) for t in candidates] + list(itertools.combinations(candidates, 2)):
        bounds = [t0, *inner, t1]
        gain = _dense_gain(bounds, starts, cuts, per_year, label_width)
        if gain < MIN_GAIN:
            continue
        after = max(CROWDED, _crowding(_compressed_xs(bounds, starts, cuts, per_year, label_width, gain), label_width))
        if after < crowding or (after == crowding and best is not None and gain > best_gain * 1.1):
            best, best_gain, crowding = bounds, gain, after
    return best


def _compressed_xs(bounds: Sequence[float], starts: Sequence[float], cuts: Sequence[tuple[float, float]],
                   per_year: float, label_width: float, gain: float) -> list[float]:
    """Where the events' starts (in order) fall when the stretches between ``bounds`` are
    compressed (the dense ones given ``gain`` times their room), the breaks left out."""
    widths = _sparse_widths(bounds, starts, cuts, per_year, label_width)
    rates = [per_year * gain if w is None else w / _kept(a, b, cuts)
             for (a, b), w in zip(itertools.pairwise(bounds), widths, strict=True)]
    lefts = list(itertools.accumulate((_kept(a, b, cuts) * rate for (a, b), rate
                                       in zip(itertools.pairwise(bounds), rates, strict=True)), initial=0.0))
    xs = []
    for start in starts:
        k = min(max(bisect.bisect_right(bounds, start) - 1, 0), len(rates) - 1)
        xs.append(lefts[k] + _kept(bounds[k], start, cuts) * rates[k])
    return xs


def _sparse_widths(bounds: Sequence[float], starts: Sequence[float], cuts: Sequence[tuple[float, float]],
                   per_year: float, label_width: float) -> list[float | None]:
    """Each stretch's width, compressed to its events' need where it has more room than that (but
    its widest piece between breaks no narrower than :data:`MIN_STRETCH`, the others than
    :data:`MIN_PIECE`); None for a dense one, whose events need more than its room."""
    widths: list[float | None] = []
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        last = k == len(bounds) - 2
        needed = sum(1 for s in starts if a <= s < b or (last and s == b)) * label_width / LEVELS
        pieces = _pieces(a, b, cuts)
        least = max(MIN_STRETCH * sum(pieces) / max(pieces), MIN_PIECE * sum(pieces) / min(pieces))
        room = sum(pieces) * per_year
        widths.append(None if needed > room else min(room, max(needed, least)))
    return widths


def _pieces(a: float, b: float, cuts: Sequence[tuple[float, float]]) -> list[float]:
    """The years of each piece of ``a``–``b`` between the cuts."""
    edges = [a, *[t for c0, c1 in cuts if a < c0 < b for t in (c0, c1)], b]
    return [end - start for start, end in zip(edges[::2], edges[1::2], strict=True)]


def _dense_gain(bounds: Sequence[float], starts: Sequence[float], cuts: Sequence[tuple[float, float]],
                per_year: float, label_width: float) -> float:
    """How many times its proportional room the dense stretches get when the others are
    compressed (0 unless the stretches are alternately dense and not)."""
    widths = _sparse_widths(bounds, starts, cuts, per_year, label_width)
    dense = [w is None for w in widths]
    if all(dense) or not any(dense) or any(a == b for a, b in itertools.pairwise(dense)):
        return 0.0
    stretches = list(zip(itertools.pairwise(bounds), widths, strict=True))
    dense_time = sum(_kept(a, b, cuts) for (a, b), w in stretches if w is None)
    dense_events = sum(1 for s in starts if any(a <= s <= b for (a, b), w in stretches if w is None))
    other_time = _kept(bounds[0], bounds[-1], cuts) - dense_time
    if any(sum(1 for s in starts if a <= s <= b) <= CROWDED for (a, b), w in stretches if w is None):
        return 0.0  # a dense stretch holds a crowd of events, not a few of one
    if dense_events / dense_time < MIN_CONTRAST * max(len(starts) - dense_events, 1) / other_time:
        return 0.0
    total = _kept(bounds[0], bounds[-1], cuts) * per_year
    gain = (total - sum(w for w in widths if w is not None)) / (dense_time * per_year)
    for (a, b), w in stretches:
        pieces = _pieces(a, b, cuts)
        stretch_width = w if w is not None else sum(pieces) * per_year * gain
        if max(pieces) * stretch_width < MIN_STRETCH * sum(pieces) or min(pieces) * stretch_width < MIN_PIECE * sum(pieces):
            return 0.0  # no room for its years and its scale in words
    return gain


def _crowding(xs: Sequence[float], label_width: float) -> int:
    """The most events within one label's width of the axis (``xs`` in order)."""
    most, first = 0, 0
    for last, x in enumerate(xs):
        while x - xs[first] > label_width:
            first += 1
        most = max(most, last - first + 1)
    return most


def _readable_rates(bounds: Sequence[float], starts: Sequence[float], cuts: Sequence[tuple[float, float]],
                    per_year: float, label_width: float, scale: float,
                    readable: Sequence[float]) -> list[tuple[float, float | None]]:
    """Points a year and years per real cm of each stretch, each a readable scale: the sparse
    ones compressed to their need or a little more, the dense ones sharing the widest readable
    scale that fits in the rest."""
    durations = [_kept(a, b, cuts) for a, b in itertools.pairwise(bounds)]
    widths = _sparse_widths(bounds, starts, cuts, per_year, label_width)

    def rounded(rate: float) -> tuple[float, float | None]:
        """The readable scale at most ``rate`` points a year (so it fits)."""
        years_per_cm = CM / (scale * rate)
        found = min((r for r in readable if r >= years_per_cm - 1e-9), default=None)
        return (rate, None) if found is None else (CM / (scale * found), found)

    sparse = {k: rounded(w / durations[k]) for k, w in enumerate(widths) if w is not None}
    room = sum(durations) * per_year - sum(rate * durations[k] for k, (rate, _) in sparse.items())
    dense = rounded(room / sum(d for k, d in enumerate(durations) if k not in sparse))
    # What rounding the dense scale left over goes back to the sparse stretches, in proportion.
    spare = room - dense[0] * sum(d for k, d in enumerate(durations) if k not in sparse)
    sparse_width = sum(rate * durations[k] for k, (rate, _) in sparse.items())
    sparse = {k: rounded(rate * (1 + spare / sparse_width)) for k, (rate, _) in sparse.items()}
    return [sparse.get(k, dense) for k in range(len(durations))]


def _round_step(years: float) -> float:
    """A round number of years (1, 2 or 5 × a power of ten) at least ``years``, and at least one."""
    power = 10 ** max(0, math.floor(math.log10(max(years, 1))))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= years))


def _continuous_year(position: float) -> float:
    """An axis position as a calendar year running on through 1 BC (-1) to AD 1: 300 BC is -300."""
    return position - 1 if position < 1 else position


def _position(year: float) -> float:
    """The axis position where calendar ``year`` (negative BC, a round number) starts."""
    return year + 1 if year < 0 else max(year, 1.0)


def _rounded(position: float, unit: float, *, up: bool) -> float:
    """``position`` moved to the start of a calendar year that is a multiple of ``unit``."""
    year = _continuous_year(position) / unit
    return _position((math.ceil(year) if up else math.floor(year)) * unit)


def _regular_ticks(stretch: Stretch, bc: str) -> list[Tick]:
    """Round years about :data:`TICK_SPACING` apart inside ``stretch``."""
    step = max(_tick_step(stretch.t1 - stretch.t0, stretch.x1 - stretch.x0), 1)
    ticks = []
    year = math.ceil(_display_year(stretch.t0) / step) * step
    while True:
        shown = int(year)
        if shown != 0:
            position = PartialDate(shown).axis()
            if position > stretch.t1:
                break
            if position >= stretch.t0:
                ticks.append(Tick(stretch.x(position), _tick_label(shown, bc)))
        year += step
    return ticks


def _without_overlaps(kept: list[Tick], more: list[Tick], fonts: tuple[str, str]) -> list[Tick]:
    """``kept`` and those of ``more`` whose words clear every kept one by a few points."""
    taken = [tick.extent(fonts) for tick in kept]
    for tick in more:
        left, right = tick.extent(fonts)
        if all(right + TICK_CLEARANCE <= a or left >= b + TICK_CLEARANCE for a, b in taken):
            kept.append(tick)
            taken.append((left, right))
    return kept


def _places(tick: Tick, fonts: tuple[str, str], blocked: Sequence[tuple[float, float]]) -> list[tuple[float, Tick]]:
    """The places of a tick's year clear of ``blocked``, each with its cost (a share of its
    width, less to the left): at a break, where it is (on its stretch's side); else centred on its
    tick, or moved to just clear a blocked interval, at most until it ends (or starts)
    :data:`BESIDE` from its tick, so that the year still reads as the tick's."""
    if tick.align != "centre":
        return [(0.0, tick)] if _clear(tick.extent(fonts), blocked) else []
    left, right = tick.extent(fonts)
    width = right - left
    reach = width / 2 + BESIDE
    shifts = {0.0, -reach, reach}
    shifts |= {shift for a, b in blocked for shift in (a - right, b - left) if abs(shift) <= reach}
    places = [(abs(shift) / width + (shift > 0), Tick(tick.x, tick.text, shift=shift)) for shift in sorted(shifts)]
    return sorted((place for place in places if _clear(place[1].extent(fonts), blocked)), key=lambda place: place[0])


def _clear(extent: tuple[float, float], blocked: Sequence[tuple[float, float]]) -> bool:
    left, right = extent
    return all(right <= a or left >= b for a, b in blocked)


def leader_crossings(leaders: Sequence[Sequence[tuple[float, float]]], axis_y: float) -> list[tuple[float, float]]:
    """The x-intervals, in order, where the words under the axis at ``axis_y`` may not stand:
    where a leader (a polyline) passes within :data:`LEADER_CLEARANCE` of their white ground."""
    bottom = axis_y - WORDS_TOP - TICK_SIZE * 1.1 - LEADER_CLEARANCE
    top = axis_y - WORDS_TOP + LEADER_CLEARANCE
    crossings = []
    for points in leaders:
        for (xa, ya), (xb, yb) in itertools.pairwise(points):
            if ya == yb:
                if not bottom <= ya <= top:
                    continue
                low, high = 0.0, 1.0
            else:
                ends = sorted(((bottom - ya) / (yb - ya), (top - ya) / (yb - ya)))
                low, high = max(ends[0], 0.0), min(ends[1], 1.0)
                if low > high:
                    continue
            xs = (xa + low * (xb - xa), xa + high * (xb - xa))
            crossings.append((min(xs) - LEADER_CLEARANCE, max(xs) + LEADER_CLEARANCE))
    return sorted(crossings)


def _with_words(kept: list[Tick], stretch: Stretch, text: str, fonts: tuple[str, str],
                blocked: Sequence[tuple[float, float]]) -> list[Tick]:
    """``kept`` and ``text`` in ``stretch``'s free room nearest its middle: between two of them,
    or, if no room is wide enough, in the room that leaving out one regular year makes (or at its
    middle, leaving out the regular years it covers); clear of the ``blocked`` x-intervals where
    there is room enough."""
    width = stringWidth(text, fonts[True], TICK_SIZE)
    middle = (stretch.x0 + stretch.x1) / 2
    items = sorted([((stretch.x0, stretch.x0), None), ((stretch.x1, stretch.x1), None),
                    *((tick.extent(fonts), tick) for tick in kept if tick.text)], key=lambda item: item[0])
    reach = list(itertools.accumulate((right for (_, right), _ in items), max))  # the furthest right so far

    def room(k: int, after: int) -> tuple[float, float]:
        """Between what ends before item ``k`` and item ``after``, inside the stretch."""
        low, high = max(reach[k - 1], stretch.x0), min(items[after][0][0], stretch.x1)
        return low + TICK_CLEARANCE, high - TICK_CLEARANCE

    between = [(*room(k, k), None) for k in range(1, len(items))]
    skipping = [(*room(k, k + 1), tick) for k, (_, tick) in enumerate(items[1:-1], start=1)
                if tick is not None and _regular(tick, stretch)]
    for avoid in (blocked, ()):
        for rooms in (between, skipping):
            spots = [(centre, dropped) for low, high, dropped in rooms
                     for centre in _free_centres(low, high, width, middle, avoid)]
            if spots:
                centre, dropped = min(spots, key=lambda spot: abs(spot[0] - middle))
                return [*(tick for tick in kept if tick is not dropped), Tick(centre, text, scale=True)]
    words = Tick(middle, text, scale=True)
    left, right = words.extent(fonts)
    return [words, *[tick for tick in kept if not _regular(tick, stretch) or tick.extent(fonts)[1] + TICK_CLEARANCE <= left
                     or tick.extent(fonts)[0] >= right + TICK_CLEARANCE]]


def _regular(tick: Tick, stretch: Stretch) -> bool:
    """A round year inside ``stretch``, not where it breaks or changes scale: one that may give way to its scale."""
    return not tick.scale and stretch.x0 < tick.x < stretch.x1


def _free_centres(low: float, high: float, width: float, middle: float,
                  avoid: Sequence[tuple[float, float]]) -> list[float]:
    """The centre nearest ``middle`` of words ``width`` wide in each piece of ``low``–``high``
    outside the ``avoid`` intervals."""
    pieces, start = [], low
    for a, b in sorted(avoid):
        if b > start:
            pieces.append((start, min(a, high)))
            start = b
    pieces.append((start, high))
    return [min(max(middle, a + width / 2), b - width / 2) for a, b in pieces if b - a >= width]


def _tick_step(span: float, width: float) -> float:
    """A round interval in years giving ticks at least ~70 pt apart."""
    wanted = span / max(width / TICK_SPACING, 1)
    for step in (1 / 12, 1 / 4, 1 / 2, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000):
        if step >= wanted:
            return step
    return 5000.0


def _year_text(position: float, bc: str) -> str:
    return _tick_label(int(_display_year(position)), bc)


def _tick_label(year: int, bc: str) -> str:
    return f"{-year} {bc}" if year < 0 else str(year)


def _display_year(position: float) -> float:
    """The calendar year (negative for BC) at an axis position."""
    year = math.floor(position)
    return year - 1 if year <= 0 else year


def axis_fonts(body: str, emphasis: str = "italic") -> tuple[str, str]:
    """The faces of the words under the axis: ``body`` for the years, and for the scales its
    italic, or its bold where the theme's ``emphasis`` is bold (dyslexia-friendly print has no
    italics)."""
    if emphasis == "bold":
        return body, fonts.face(body, bold=True)
    fonts.register_italics(body)
    return body, fonts.face(body, italic=True)


def draw_axis(canvas: Canvas, axis: TimeScale, y: float, ends: tuple[float, float], ink: Color) -> None:
    """The axis line from ``ends[0]`` to ``ends[1]``: cut at each break between the two slanted
    strokes of a chart's axis break, and crossed by a tall bar at each change of scale."""
    canvas.setStrokeColor(ink)
    canvas.setLineWidth(1.2)
    start = ends[0]
    for before, after in axis.breaks:
        left, right = before.x1 + BREAK_STROKE_INSET, after.x0 - BREAK_STROKE_INSET
        canvas.line(start, y, left, y)
        for x in (left, right):
            canvas.line(x - 2.5, y - 5, x + 2.5, y + 5)
        start = right
    canvas.line(start, y, ends[1], y)
    canvas.setLineWidth(3)
    for x in axis.changes:
        canvas.line(x, y - 8, x, y + 8)


def draw_axis_words(canvas: Canvas, ticks: Sequence[Tick], y: float, fonts: tuple[str, str], ink: Color,
                    muted: Color, note: tuple[float, float, str] | None, ground: Color = WHITE) -> None:
    """The ticks and their years (or a stretch's scale) under the axis at ``y``, each on a
    ground of the paper's colour (``ground``) as wide as its words (they stand clear of the
    leaders: :func:`leader_crossings`), and the ``note`` (right end x, baseline, words) saying
    how the axis breaks or changes scale."""
    for tick in ticks:
        if not tick.scale:
            canvas.setStrokeColor(ink)
            canvas.setLineWidth(1.2)
            canvas.line(tick.x, y - 3, tick.x, y + 3)
        if not tick.text:
            continue
        left, right = tick.extent(fonts)
        canvas.setFillColor(ground)
        canvas.rect(left, y - WORDS_TOP - TICK_SIZE * 1.1, right - left, TICK_SIZE * 1.1, stroke=0, fill=1)
        canvas.setFillColor(muted)
        canvas.setFont(fonts[tick.scale], TICK_SIZE)
        canvas.drawString(left, y - WORDS_TOP - TICK_SIZE * 0.85, tick.text)
    if note is not None:
        right, baseline, words = note
        canvas.setFont(fonts[True], NOTE_SIZE)
        canvas.setFillColor(muted)
        canvas.drawRightString(right, baseline, words)
