"""Small units and helpers the timeline's tests share: a poster planned or laid out from a
unit's text, and its geometry checked for clashes."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

from compiler import markup
from compiler.errors import LayoutError, format_path
from compiler.kinds.timeline import layout
from compiler.kinds.timeline.draw import render
from compiler.kinds.timeline.layout import MARGIN, Poster, lay_out
from compiler.kinds.timeline.plan import TimelinePlan, plan
from compiler.outputs import Context, Settings, Target
from compiler.source import load_text
from compiler.theme import PAPER, load_theme
from compiler.validate import validate_unit
from compiler.wording import Wording, languages
from tests.conftest import BESIDE_SHIPPED, overlapping_words

ROMAN = """\
format: 1
unit: {id: rome, title: The Roman Republic, licence: CC0}
themes:
  - {id: war, label: Wars}
  - {id: politics, label: Politics}
periods:
  - {label: Early Republic, start: -509, end: -265}
  - {label: Expansion, start: -264, end: -134}
  - {label: Crisis of the Republic, start: -133, end: -27}
events:
  - {id: republic, date: -509, title: Kings expelled; Republic founded, themes: [politics], key: true}
  - {id: twelve-tables, date: -450, title: Law of the Twelve Tables, themes: [politics]}
  - {id: gauls, date: -390, title: Gauls sack Rome, themes: [war]}
  - {id: punic-1, date: -264, end: -241, title: First Punic War, themes: [war]}
  - {id: punic-2, date: -218, end: -201, title: Second Punic War, themes: [war], key: true}
  - {id: carthage, date: -146, title: Carthage destroyed, themes: [war]}
  - {id: gracchus, date: -133, title: Tiberius Gracchus killed, themes: [politics]}
  - {id: sulla, date: -82, title: Sulla becomes dictator, themes: [politics]}
  - {id: caesar-crosses, date: -49-01-10, title: Caesar crosses the Rubicon, themes: [war], key: true}
  - {id: ides, date: -44-03-15, title: Caesar assassinated, themes: [politics], key: true}
  - {id: actium, date: -31-09-02, title: Battle of Actium, themes: [war]}
  - {id: augustus, date: -27-01-16, title: Octavian becomes Augustus, themes: [politics], key: true}
"""


def timeline_plan(text: str, variant: str = "poster", poster: str | None = None) -> TimelinePlan:
    """The words and data of the poster: what the planning stage decides."""
    unit = validate_unit(load_text(text, BESIDE_SHIPPED))
    context = Context(Settings(paper="a4", poster=poster), PAPER["a4"], load_theme(), Wording())
    return plan(unit, Target("timeline", f"{variant}.pdf", None, {"variant": variant}), context)


def laid_out(text: str, variant: str = "poster", poster: str | None = None) -> Poster:
    """The poster laid out, as the drawing stage lays it out before it draws."""
    return lay_out(timeline_plan(text, variant, poster), load_theme())


def generated_unit(count: int, first_year: int = 1700, per_year: int = 1, paper: str = "a1") -> str:
    lines = [f"format: 1\nunit: {{id: many, title: Many events}}\noutputs: {{timeline: {{paper: {paper}}}}}\nevents:"]
    for n in range(count):
        year = first_year + n // per_year
        month = 1 + (n % per_year) * (12 // per_year)
        lines.append(f"  - {{id: e{n}, date: {year}-{month:02d}, title: Generated event number {n} happens}}")
    return "\n".join(lines) + "\n"


def boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def geometry_faults(poster: Poster) -> Iterator[str]:
    """Everything a teacher would see as a clash, checked on the plan's own geometry."""
    boxes = [(label.x, label.y, label.x + label.width, label.y + label.height) for label in poster.labels]
    for i, a in enumerate(boxes):
        label = poster.labels[i]
        if a[1] <= poster.axis_y <= a[3]:
            yield f"{label.lines} lies on the axis"
        if not a[0] <= label.column <= a[2]:
            yield f"{label.lines}: its leader misses its box"
        for j, b in enumerate(boxes):
            if j != i and boxes_overlap(a, b):
                yield f"{label.lines} overlaps {poster.labels[j].lines}"
        ceiling = poster.band_label_y - 4 if poster.bands else poster.size[1] - MARGIN - 40
        if a[0] < 0 or a[2] > poster.size[0] or a[3] > ceiling or a[1] < MARGIN + 10:
            yield f"{label.lines} leaves the plot area"
    yield from leader_faults(poster)


Segment = tuple[tuple[float, float], tuple[float, float]]


def _segments(points: tuple[tuple[float, float], ...]) -> list[Segment]:
    return [(points[k], points[k + 1]) for k in range(len(points) - 1) if points[k] != points[k + 1]]


def _orientation(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def segments_cross(s: Segment, t: Segment) -> bool:
    """The two segments share a point (touching counts)."""
    (p, q), (r, u) = s, t
    d1, d2, d3, d4 = _orientation(r, u, p), _orientation(r, u, q), _orientation(p, q, r), _orientation(p, q, u)
    if ((d1 > 0) != (d2 > 0) and d1 * d2 != 0) and ((d3 > 0) != (d4 > 0) and d3 * d4 != 0):
        return True
    return any(abs(d) < 1e-9 and min(a[0], b[0]) - 1e-9 <= c[0] <= max(a[0], b[0]) + 1e-9
               and min(a[1], b[1]) - 1e-9 <= c[1] <= max(a[1], b[1]) + 1e-9
               for d, a, b, c in ((d1, r, u, p), (d2, r, u, q), (d3, p, q, r), (d4, p, q, u)))


def segment_near_box(s: Segment, box: tuple[float, float, float, float], margin: float) -> bool:
    """The segment comes within ``margin`` of the box (sampled finely along its length)."""
    (x1, y1), (x2, y2) = s
    steps = max(2, int(max(abs(x2 - x1), abs(y2 - y1)) / 0.25))
    x0, y0, x3, y3 = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    return any(x0 < x1 + (x2 - x1) * k / steps < x3 and y0 < y1 + (y2 - y1) * k / steps < y3
               for k in range(steps + 1))


def leader_faults(poster: Poster, margin: float = 2.0) -> Iterator[str]:
    """Leaders a reader could follow to the wrong event: one crossing another (leaders from the
    same mark may meet there), passing through or within ``margin`` of a box not its own, or not
    ending at its own event's mark and its own box."""
    boxes = [(label.x, label.y, label.x + label.width, label.y + label.height) for label in poster.labels]
    segments = [_segments(label.leader) for label in poster.labels]
    for i, label in enumerate(poster.labels):
        start, end = label.leader[0], label.leader[-1]
        if abs(start[0] - label.anchor) > 0.01 or abs(start[1] - poster.axis_y) > 0.01:
            yield f"the leader of {label.lines} does not start at its mark"
        edge = label.y if label.above else label.y + label.height
        if abs(end[1] - edge) > 0.01 or not label.x < end[0] < label.x + label.width:
            yield f"the leader of {label.lines} does not end on its box"
        near = [j for j, other in enumerate(poster.labels)
                if j != i and boxes[j][0] - 400 < label.anchor < boxes[j][2] + 400]
        for j in near:
            other = poster.labels[j]
            if any(segment_near_box(s, boxes[j], margin) for s in segments[i]):
                yield f"the leader of {label.lines} runs within {margin} pt of {other.lines}"
            if j > i and abs(label.anchor - other.anchor) < 0.01:  # from one mark: they may meet only there
                crossing = any(segments_cross(s, t) for s in _beyond_mark(label.leader)
                               for t in _beyond_mark(other.leader))
            else:
                crossing = j > i and any(segments_cross(s, t) for s in segments[i] for t in segments[j])
            if crossing:
                yield f"the leader of {label.lines} crosses that of {other.lines}"


def _beyond_mark(points: tuple[tuple[float, float], ...]) -> list[Segment]:
    """A leader without the trunk it may share with the other leaders of its event's mark: the
    straight rise of a bending leader, and half a point where it leaves the mark or the trunk."""
    if len(points) > 2:
        points = points[1:]
    (x0, y0), (x1, y1) = points[0], points[1]
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    start = (x0 + (x1 - x0) * 0.5 / length, y0 + (y1 - y0) * 0.5 / length)
    return _segments((start, *points[1:]))


# The poster read back from its PDF: what a reader sees, whatever the code that drew it. Page
# coordinates are pdfplumber's (points, y down from the top of the sheet); lengths in the checks
# are the poster's design points (real points / the sheet's scale: A3 is the design sheet, A2,
# A1 and A0 are it enlarged by √2, 2 and 2√2, tabloid keeps A3's sizes).

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
PageSegment = tuple[Point, Point]
Stroke = tuple[Point, ...]  # a stroked polyline as drawn
POSTER_PAPERS = ("a3", "a2", "a1", "a0", "tabloid")
MIN_LABEL_SIZE = {"a3": 9.0, "tabloid": 9.0, "a2": 12.0, "a1": 17.0, "a0": 24.0}  # issue 14, point 1
AXIS_BAND = 10.0  # design points each side of the axis: a short stroke from no mark inside it is a tick
MARK_REACH = 8.0  # a leader starts at most this far (design points) from the axis line
ENDS = 1.5  # how near (design points) a leader's end must be to its mark or its box's edge
CLEARANCE = 2.0  # the least room (design points) between a leader and any box but its own
EPSILON = 0.05  # real points: two points closer than this are the same point


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    size: float


@dataclass(frozen=True)
class Leader:
    """A stroked open line from an event's mark on the axis out to its label: one or more
    polylines joined end to end, ``start`` the end on the axis, ``end`` the other."""

    segments: tuple[PageSegment, ...]
    start: Point
    end: Point
    branches: bool = False


@dataclass(frozen=True)
class Sheet:
    """One page of a poster PDF: its words, boxes, marks and strokes."""

    number: int
    width: float
    height: float
    paper: str | None  # a3 … a0 or tabloid, by the page's size; None for another sheet
    scale: float  # real points per design point
    chars: tuple[dict[str, Any], ...]
    words: tuple[Word, ...]
    boxes: tuple[Box, ...]  # label boxes: stroked rectangles, and filled ones holding words
    marks: tuple[Box, ...]  # filled shapes and symbol glyphs: where a leader may start
    axis: tuple[float, float, float] | None  # y, x0, x1 of the horizontal rule the event marks are on
    leaders: tuple[Leader, ...]

    def real(self, design: float) -> float:
        return design * self.scale

    def design(self, real: float) -> float:
        return real / self.scale

    def where(self, point: Point) -> str:
        """A point, as a fault names it: in design points from the sheet's top left corner."""
        return f"({self.design(point[0]):.0f}, {self.design(point[1]):.0f})"

    def label_near(self, point: Point) -> str:
        """The words of the box ``point`` lies on (or the nearest words): what a reader would
        take the leader to belong to."""
        near = [b for b in self.boxes if _box_distance(point, b) <= self.real(ENDS)]
        inside = [w.text for w in self.words if near and _contains(near[0], _centre(w.box))]
        if not inside:
            inside = [w.text for w in sorted(self.words, key=lambda w: _box_distance(point, w.box))[:3]]
        return " ".join(inside[:6])


def paper_of(width: float, height: float) -> str | None:
    """The poster paper a page of ``width`` × ``height`` points is (either orientation)."""
    for name in POSTER_PAPERS:
        long, short = max(PAPER[name]), min(PAPER[name])
        if abs(max(width, height) - long) < 2 and abs(min(width, height) - short) < 2:
            return name
    return None


def sheet_scale(paper: str | None, width: float) -> float:
    """Real points per design point: A-series sheets are the A3 design enlarged."""
    if paper in (None, "tabloid"):
        return 1.0
    return max(width, 1.0) / max(PAPER["a3"])


def read_sheets(pdf: Path) -> list[Sheet]:
    """Every page of ``pdf`` read back as a :class:`Sheet`."""
    with pdfplumber.open(pdf) as document:
        return [read_sheet(page, number) for number, page in enumerate(document.pages, start=1)]


def read_sheet(page: Any, number: int = 1) -> Sheet:
    """A pdfplumber page as a :class:`Sheet`: boxes are rectangles and closed curves that are
    stroked (larger than a mark) or hold words; marks are small filled shapes holding no words,
    and symbol glyphs."""
    width, height = float(page.width), float(page.height)
    paper = paper_of(width, height)
    scale = sheet_scale(paper, max(width, height))
    chars = tuple(c for c in page.chars if c["text"].strip())
    words = tuple(Word(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"]), float(w["size"]))
                  for w in page.extract_words(extra_attrs=["size"]))
    shapes = [((r["x0"], r["top"], r["x1"], r["bottom"]), bool(r["stroke"]), bool(r["fill"])) for r in page.rects]
    shapes += [((c["x0"], c["top"], c["x1"], c["bottom"]), bool(c["stroke"]), bool(c["fill"])) for c in page.curves
               if c.get("fill") or _closed(c)]  # rounded boxes and round marks are closed curves
    small = 16 * scale

    def holds_words(box: Box) -> bool:
        return any(_contains(box, _centre(w.box)) for w in words)

    big = (0.4 * height, 0.5 * width)  # period bands and page grounds are backgrounds, not boxes
    boxes = tuple(box for box, stroke, fill in shapes
                  if box[3] - box[1] < big[0] and box[2] - box[0] < big[1]
                  and ((stroke and (box[2] - box[0] > small or box[3] - box[1] > small)) or holds_words(box)))
    marks = tuple([box for box, _, fill in shapes
                   if fill and box[2] - box[0] < small and box[3] - box[1] < small and not holds_words(box)]
                  + [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in chars if not c["text"].isalnum()])
    strokes = _open_strokes(page)
    axis = _axis(strokes, shapes, marks, width)
    leaders = tuple(_leaders(strokes, axis, marks, scale)) if axis else ()
    return Sheet(number, width, height, paper, scale, chars, words, boxes, marks, axis, leaders)


def _closed(curve: dict[str, Any]) -> bool:
    """A closed outline: a closepath, or a path that ends where it began."""
    points = curve["pts"]
    return any(command == "h" for command, *_ in curve.get("path") or []) or (
        len(points) > 2 and not _far(points[0], points[-1]))


def _open_strokes(page: Any) -> list[Stroke]:
    """The stroked, unfilled, open paths of the page, each subpath a polyline (curves flattened)."""
    strokes = []
    for item in [*page.lines, *page.curves]:
        if not item.get("stroke") or item.get("fill"):
            continue
        commands = item.get("path") or [("m", item["pts"][0]), *(("l", p) for p in item["pts"][1:])]
        points: list[Point] = []
        for command, *args in [*commands, ("m", None)]:
            if command == "m":
                if len(points) > 1 and _far(points[0], points[-1]):
                    strokes.append(tuple(points))
                points = [tuple(args[0])] if args[0] is not None else []
            elif command == "l":
                points.append(tuple(args[0]))
            elif command == "c" and points:
                points += _bezier(points[-1], *[tuple(a) for a in args])
            elif command == "h":
                points = []  # a closed outline is a shape, not a leader
    return strokes


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, steps: int = 8) -> list[Point]:
    out = []
    for k in range(1, steps + 1):
        t = k / steps
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _axis(strokes: list[Stroke], shapes: list[tuple[Box, bool, bool]], marks: tuple[Box, ...],
          width: float) -> tuple[float, float, float] | None:
    """The time axis: of the horizontal rules (strokes or thin filled bars) the one with the
    most event marks on it, then the longest; with every piece of rule on its line (an axis
    with breaks is drawn in pieces)."""
    pieces = [(a[1], min(a[0], b[0]), max(a[0], b[0])) for s in strokes for a, b in itertools.pairwise(s)
              if abs(a[1] - b[1]) < EPSILON * 4 and abs(a[0] - b[0]) > 1]
    pieces += [((box[1] + box[3]) / 2, box[0], box[2]) for box, _, fill in shapes
               if fill and box[3] - box[1] < 4 and box[2] - box[0] > width / 20]
    lines: dict[float, list[tuple[float, float, float]]] = {}
    for piece in sorted(pieces):
        y = next((y for y in lines if abs(y - piece[0]) < 1), piece[0])
        lines.setdefault(y, []).append(piece)

    def score(y: float) -> tuple[int, float]:
        x0, x1 = min(p[1] for p in lines[y]), max(p[2] for p in lines[y])
        on = sum(1 for m in marks if m[1] - 1 <= y <= m[3] + 1 and x0 - 1 <= _centre(m)[0] <= x1 + 1)
        return on, sum(p[2] - p[1] for p in lines[y])

    if not lines:
        return None
    y = max(lines, key=score)
    if score(y)[1] < width / 4:
        return None
    return y, min(p[1] for p in lines[y]), max(p[2] for p in lines[y])


def _leaders(strokes: list[Stroke], axis: tuple[float, float, float], marks: tuple[Box, ...],
             scale: float) -> Iterator[Leader]:
    """The strokes that join a point on the axis to something off it: not the axis itself, not
    what crosses it (ticks, break marks, grid lines), not a short stroke from no mark (a tick
    on one side)."""
    y, x0, x1 = axis
    band = AXIS_BAND * scale

    def off_axis(stroke: Stroke) -> bool:
        ys = [p[1] for p in stroke]
        on = all(abs(v - y) < 1 for v in ys)
        crosses = min(ys) < y - 0.5 and max(ys) > y + 0.5
        return not on and not crosses

    for chain in _chains([s for s in strokes if off_axis(s)], y, scale):
        tips = _tips(chain)
        start = min(tips, key=lambda p: abs(p[1] - y))
        if abs(start[1] - y) > MARK_REACH * scale or not x0 - band <= start[0] <= x1 + band:
            continue
        short = all(abs(p[1] - y) <= band for stroke in chain for p in stroke)
        if short and not any(_box_distance(start, mark) <= ENDS * scale for mark in marks):
            continue  # a tick on one side of the axis
        end = max(tips, key=lambda p: math.dist(p, start))
        segments = tuple((a, b) for stroke in chain for a, b in itertools.pairwise(stroke) if _far(a, b))
        yield Leader(segments, start, end, branches=len(tips) > 2)


def _chains(strokes: list[Stroke], axis_y: float, scale: float) -> list[list[Stroke]]:
    """The strokes joined end to end where a leader was drawn in pieces: two strokes join
    where exactly they two end, never on the axis (where leaders of one date may meet)."""
    ends: dict[tuple[int, int], list[int]] = {}
    for k, stroke in enumerate(strokes):
        for p in (stroke[0], stroke[-1]):
            ends.setdefault(_key(p), []).append(k)
    group = list(range(len(strokes)))

    def root(k: int) -> int:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    for (_, key_y), members in ends.items():
        if len(members) == 2 and abs(key_y / 10 - axis_y) > 1.5 * scale:
            group[root(members[0])] = root(members[1])
    chains: dict[int, list[Stroke]] = {}
    for k, stroke in enumerate(strokes):
        chains.setdefault(root(k), []).append(stroke)
    return list(chains.values())


def _tips(chain: list[Stroke]) -> list[Point]:
    """The loose ends of a chain of strokes (two for a line, more where it branches)."""
    counts = Counter(_key(p) for stroke in chain for p in (stroke[0], stroke[-1]))
    return [p for stroke in chain for p in (stroke[0], stroke[-1]) if counts[_key(p)] == 1] or [chain[0][0]]


def _key(point: Point) -> tuple[int, int]:
    """A point to a tenth of a point: where strokes meet."""
    return round(point[0] * 10), round(point[1] * 10)


def _far(a: Point, b: Point) -> bool:
    return math.dist(a, b) > EPSILON


def _centre(box: Box) -> Point:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _contains(box: Box, point: Point) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _shrunk(box: Box, by: float) -> Box:
    return box[0] + by, box[1] + by, box[2] - by, box[3] - by


def _box_distance(point: Point, box: Box) -> float:
    """From ``point`` to the nearest point of ``box`` (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


def _edge_distance(point: Point, box: Box) -> float:
    """From ``point`` to the outline of ``box`` (inside or out)."""
    if not _contains(box, point):
        return _box_distance(point, box)
    return min(point[0] - box[0], box[2] - point[0], point[1] - box[1], box[3] - point[1])


def _point_segment(point: Point, segment: PageSegment) -> float:
    (ax, ay), (bx, by) = segment
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / length))
    return math.dist(point, (ax + t * dx, ay + t * dy))


def _clips(segment: PageSegment, box: Box) -> bool:
    """Whether ``segment`` passes through the inside of ``box`` (Liang–Barsky)."""
    if box[0] >= box[2] or box[1] >= box[3]:
        return False
    (ax, ay), (bx, by) = segment
    low, high = 0.0, 1.0
    for p, q in ((ax - bx, ax - box[0]), (bx - ax, box[2] - ax), (ay - by, ay - box[1]), (by - ay, box[3] - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return high - low > 1e-9


def segment_box_distance(segment: PageSegment, box: Box) -> float:
    """The least distance between ``segment`` and ``box`` (0 when it enters it)."""
    if _clips(segment, box) or _contains(box, segment[0]):
        return 0.0
    corners = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
    return min([_box_distance(p, box) for p in segment] + [_point_segment(c, segment) for c in corners])


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def segments_clash(s: PageSegment, t: PageSegment, eps: float = EPSILON) -> Point | None:
    """Where ``s`` and ``t`` cross, touch or run along each other, or None when they do not
    meet or meet only at an end point of both (two leaders from one mark)."""
    (p, q), (r, u) = s, t
    if max(p[0], q[0]) + eps < min(r[0], u[0]) or max(r[0], u[0]) + eps < min(p[0], q[0]):
        return None
    if max(p[1], q[1]) + eps < min(r[1], u[1]) or max(r[1], u[1]) + eps < min(p[1], q[1]):
        return None
    length_s, length_t = math.dist(p, q) or 1.0, math.dist(r, u) or 1.0
    d1, d2 = _cross(r, u, p) / length_t, _cross(r, u, q) / length_t  # p's and q's distance from r–u
    d3, d4 = _cross(p, q, r) / length_s, _cross(p, q, u) / length_s
    if abs(d1) < eps and abs(d2) < eps:  # on one line: how far do they overlap?
        direction = ((q[0] - p[0]) / length_s, (q[1] - p[1]) / length_s)
        along = sorted((v[0] - p[0]) * direction[0] + (v[1] - p[1]) * direction[1] for v in (r, u))
        low, high = max(0.0, along[0]), min(length_s, along[1])
        if high - low > eps:
            return p[0] + direction[0] * (low + high) / 2, p[1] + direction[1] * (low + high) / 2
    elif min(d1, d2) < -eps and max(d1, d2) > eps and min(d3, d4) < -eps and max(d3, d4) > eps:
        along_s = d1 / (d1 - d2)  # a clean crossing, away from every end point
        return p[0] + (q[0] - p[0]) * along_s, p[1] + (q[1] - p[1]) * along_s
    touching = [v for v in (p, q) if _point_segment(v, t) <= eps] + [v for v in (r, u) if _point_segment(v, s) <= eps]
    shared = [v for v in touching if min(math.dist(v, w) for w in (p, q)) <= 2 * eps
              and min(math.dist(v, w) for w in (r, u)) <= 2 * eps]
    return next((v for v in touching if v not in shared), None)


# The checks of issue 14's "Done means": each returns the faults it finds, in words a teacher
# would use, so that a failing test prints them.

def overlapping_word_faults(pdf: Path) -> list[str]:
    """(a) Words printed over each other."""
    return [f"page {page}: '{a}' overlaps '{b}'" for a, b, page in overlapping_words(pdf)]


def off_page_faults(sheet: Sheet) -> list[str]:
    """(b) Characters not wholly on the sheet."""
    off = [c for c in sheet.chars
           if c["x0"] < -0.5 or c["top"] < -0.5 or c["x1"] > sheet.width + 0.5 or c["bottom"] > sheet.height + 0.5]
    return [f"page {sheet.number}: '{c['text']}' at {sheet.where((c['x0'], c['top']))} is off the sheet"
            for c in off]


def crossing_leader_faults(sheet: Sheet) -> list[str]:
    """(c) A leader crossing, touching or running along another leader. Two leaders may meet at
    an end point of both, as at one event's mark, and leaders from one mark may leave it along
    a common first stretch before they fan out."""
    owned = sorted(((min(a[0], b[0]), max(a[0], b[0]), k, (a, b))
                    for k, leader in enumerate(sheet.leaders) for a, b in leader.segments), key=lambda s: s[0])
    faults: dict[tuple[int, int], str] = {}
    for i, (_, right, k, segment) in enumerate(owned):
        for left, _, other, candidate in owned[i + 1:]:
            if left > right + EPSILON:
                break
            pair = (min(k, other), max(k, other))
            if other == k or pair in faults:
                continue
            meet = segments_clash(segment, candidate)
            if meet is not None and not _on_common_trunk(sheet, sheet.leaders[k], sheet.leaders[other], meet):
                faults[pair] = (f"page {sheet.number}: the leader to '{sheet.label_near(sheet.leaders[k].end)}' "
                                f"crosses the leader to '{sheet.label_near(sheet.leaders[other].end)}' "
                                f"at {sheet.where(meet)}")
    return list(faults.values())


def _on_common_trunk(sheet: Sheet, one: Leader, other: Leader, point: Point) -> bool:
    """Leaders from one mark (events of one date, or a hair apart) may leave it together along
    one line before they fan out: ``point`` is on that common first stretch."""
    reach = sheet.real(ENDS)
    return (math.dist(one.start, other.start) <= reach
            and _point_segment(point, one.segments[0]) <= reach and _point_segment(point, other.segments[0]) <= reach)


def _ends_at(sheet: Sheet, leader: Leader) -> list[Box]:
    """The boxes whose outline the leader's far end lies on."""
    return [box for box in sheet.boxes if _edge_distance(leader.end, box) <= sheet.real(ENDS)]


def leader_box_faults(sheet: Sheet) -> list[str]:
    """(d) A leader through or behind a box or a word, or nearer than CLEARANCE to a box other
    than the one it ends at."""
    faults = []
    words = _Grid([w.box for w in sheet.words])
    boxes = _Grid(list(sheet.boxes))
    clearance = sheet.real(CLEARANCE)
    hair = 0.5 * sheet.scale
    for leader in sheet.leaders:
        own = _ends_at(sheet, leader)
        name = sheet.label_near(leader.end)
        for segment in leader.segments:
            for box in boxes.near(segment, clearance):
                if box in own:
                    continue
                gap = segment_box_distance(segment, box)
                if gap == 0:
                    faults.append(f"page {sheet.number}: the leader to '{name}' passes through the box "
                                  f"of '{sheet.label_near(_centre(box))}' at {sheet.where(_centre(box))}")
                elif gap < clearance:
                    faults.append(f"page {sheet.number}: the leader to '{name}' runs {sheet.design(gap):.1f} pt "
                                  f"from the box of '{sheet.label_near(_centre(box))}' at {sheet.where(_centre(box))}")
            for box in words.near(segment, 0):
                if any(_contains(mine, _centre(box)) for mine in own) or _contains(box, leader.start):
                    continue  # its own label's words; the mark it starts at
                if _clips(segment, _shrunk(box, hair)):
                    word = next(w.text for w in sheet.words if w.box == box)
                    faults.append(f"page {sheet.number}: the leader to '{name}' runs through the word "
                                  f"'{word}' at {sheet.where(_centre(box))}")
    return faults


def leader_end_faults(sheet: Sheet) -> list[str]:
    """(e) A leader that does not start at a mark on the axis, does not end at a box (or at
    the words of an unboxed label), or passes over another event's mark on its way."""
    faults = []
    if sheet.axis is None:
        return [f"page {sheet.number}: no time axis (no long horizontal rule)"]
    reach = sheet.real(ENDS)
    axis_marks = [m for m in sheet.marks if abs(_centre(m)[1] - sheet.axis[0]) <= sheet.real(MARK_REACH)]
    for leader in sheet.leaders:
        name = sheet.label_near(leader.end)
        if not any(_box_distance(leader.start, mark) <= reach for mark in sheet.marks):
            faults.append(f"page {sheet.number}: the leader to '{name}' starts at {sheet.where(leader.start)}, "
                          "at no event mark")
        at_words = any(_box_distance(leader.end, w.box) <= sheet.real(CLEARANCE) for w in sheet.words)
        if not _ends_at(sheet, leader) and not at_words:
            faults.append(f"page {sheet.number}: the leader from {sheet.where(leader.start)} ends in the open at "
                          f"{sheet.where(leader.end)}")
        if leader.branches:
            faults.append(f"page {sheet.number}: the leader to '{name}' branches")
        own = [m for m in axis_marks if _box_distance(leader.start, m) <= reach]
        passed = {m for m in axis_marks for segment in leader.segments
                  if m not in own and _clips(segment, _shrunk(m, min(m[2] - m[0], m[3] - m[1]) / 4))}
        faults += [f"page {sheet.number}: the leader to '{name}' passes over another event's mark at "
                   f"{sheet.where(_centre(m))}" for m in sorted(passed)]
    return faults


def text_size_faults(sheet: Sheet) -> list[str]:
    """(f) The labels' median text size below the paper's least, or a title smaller than three
    times the ordinary labels' median (not bold: key events' titles are larger by design, and a
    poster too full shows mostly those) (real points, as printed)."""
    if sheet.paper is None or not sheet.chars:
        return [f"page {sheet.number}: a {sheet.width:.0f} × {sheet.height:.0f} pt page is no poster paper"]
    sizes = sorted(float(c["size"]) for c in sheet.chars)
    median = sizes[len(sizes) // 2]
    faults = []
    if median < MIN_LABEL_SIZE[sheet.paper] - 0.05:
        faults.append(f"page {sheet.number}: median text {median:.1f} pt on {sheet.paper.upper()}, "
                      f"below {MIN_LABEL_SIZE[sheet.paper]:g} pt")
    ordinary = sorted(float(c["size"]) for c in sheet.chars if "Bold" not in c["fontname"]) or sizes
    label = ordinary[len(ordinary) // 2]
    if sizes[-1] < 3 * label - 0.05:
        faults.append(f"page {sheet.number}: the title's {sizes[-1]:.1f} pt is less than three times "
                      f"the labels' {label:.1f} pt")
    return faults


FURTHER = re.compile(r"(\d[\d,.\u00a0\u2009\u202f]*)\s+(?:further|more|other)\s+events?", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return [t for t in (w.strip(".,;:!?()[]«»\"“”‘’'…").casefold() for w in text.split()) if t]


def unit_data(text: str) -> dict[str, Any]:
    """The unit's YAML as plain data (with libyaml when there is one: a big unit is slow to
    read in pure Python)."""
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def unit_events(unit: dict[str, Any]) -> list[tuple[str, str]]:
    """Each event of the unit: its id and its title as plain words."""
    return [(str(e["id"]), markup.plain(str(e["title"]))) for e in unit["events"]]


def missing_event_faults(sheets: Sequence[Sheet], events: Sequence[tuple[str, str]],
                         further: re.Pattern[str] = FURTHER) -> list[str]:
    """(g) Events whose title is not on the poster, unless the poster says how many it leaves
    out and that many are missing. A title is there when all its words are (a word broken at a
    line's end as "Com-" "intern" counts); each word printed serves one title."""
    printed = Counter(t for sheet in sheets for w in sheet.words for t in _tokens(w.text))
    text = " ".join(w.text for sheet in sheets for w in sheet.words)
    missing = []
    for event_id, title in events:
        wanted = Counter(_tokens(title))
        if all(_printed(printed, token, count) for token, count in wanted.items()):
            for token, count in wanted.items():
                _take(printed, token, count)
        else:
            missing.append(f"'{event_id}' ({title})")
    notes = [int(re.sub(r"\D", "", m.group(1))) for m in further.finditer(text)]
    if not missing:
        return [f"the poster says {notes[0]} further events, but shows all {len(events)}"] if notes else []
    if not notes:
        return [f"{len(missing)} of {len(events)} events are not on the poster and it does not say so: "
                + ", ".join(missing[:12])]
    if len(events) - len(missing) + notes[0] != len(events):
        return [(f"the poster shows {len(events) - len(missing)} of {len(events)} events and says "
                f"{notes[0]} further events: {len(events) - len(missing)} + {notes[0]} ≠ {len(events)}")]
    return []


def title_faults(sheets: Sequence[Sheet], title: str) -> list[str]:
    """The unit's title not printed in full in the poster's largest type (cut short with "…",
    or running off the sheet); the footer's smaller copy does not count."""
    largest = max((w.size for sheet in sheets for w in sheet.words), default=0.0)
    printed = Counter(t for sheet in sheets for w in sheet.words if w.size >= 0.6 * largest for t in _tokens(w.text))
    lost = [token for token, count in Counter(_tokens(title)).items() if not _printed(printed, token, count)]
    return [f"the title '{title}' is not printed in full: {' '.join(lost)} missing"] if lost else []


def legend_faults(sheets: Sequence[Sheet], unit: dict[str, Any]) -> list[str]:
    """A theme's or a period's name not printed in full anywhere on the poster (the legend cut
    it short with "…"; a period label may be shortened on its band if the legend has it whole)."""
    printed = Counter(t for sheet in sheets for w in sheet.words for t in _tokens(w.text))
    names = [markup.plain(str(t["label"])) for t in unit.get("themes") or []]
    names += [markup.plain(str(p["label"])) for p in unit.get("periods") or []]
    return [f"'{name}' is not printed in full" for name in names
            if not all(_printed(printed, token, count) for token, count in Counter(_tokens(name)).items())]


def cut_text_faults(sheets: Sequence[Sheet], unit_text: str) -> list[str]:
    """Words printed cut short with "…" that the unit does not write so: a title, label or
    legend entry that did not fit (the reader loses words, and cannot find them elsewhere)."""
    return [f"page {sheet.number}: '{w.text}' at {sheet.where(w.box[:2])} is cut short" for sheet in sheets
            for w in sheet.words if w.text.endswith("…") and w.text not in unit_text]


def _printed(printed: Counter[str], token: str, count: int) -> bool:
    if printed[token] >= count:
        return True
    return any(printed[f"{token[:k]}-"] >= count and printed[token[k:]] >= count for k in range(1, len(token)))


def _take(printed: Counter[str], token: str, count: int) -> None:
    if printed[token] >= count:
        printed[token] -= count
        return
    k = next(k for k in range(1, len(token)) if printed[f"{token[:k]}-"] >= count and printed[token[k:]] >= count)
    printed[f"{token[:k]}-"] -= count
    printed[token[k:]] -= count


def poster_faults(pdf: Path, unit_text: str) -> list[str]:
    """Every check on every page of the poster ``pdf`` built from the unit ``unit_text``."""
    sheets = read_sheets(pdf)
    faults = overlapping_word_faults(pdf)
    for sheet in sheets:
        faults += (off_page_faults(sheet) + crossing_leader_faults(sheet) + leader_box_faults(sheet)
                   + leader_end_faults(sheet) + text_size_faults(sheet))
    unit = unit_data(unit_text)
    return (faults + cut_text_faults(sheets, unit_text) + title_faults(sheets, markup.plain(str(unit["unit"]["title"])))
            + legend_faults(sheets, unit) + missing_event_faults(sheets, unit_events(unit)))


class _Grid:
    """Boxes in square cells, to find those near a segment without trying them all."""

    CELL = 48.0

    def __init__(self, boxes: list[Box]) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            for cell in self._cells(box):
                self.cells.setdefault(cell, []).append(box)

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        for i in range(math.floor(box[0] / self.CELL), math.floor(box[2] / self.CELL) + 1):
            for j in range(math.floor(box[1] / self.CELL), math.floor(box[3] / self.CELL) + 1):
                yield i, j

    def near(self, segment: PageSegment, margin: float) -> list[Box]:
        (ax, ay), (bx, by) = segment
        reach = (min(ax, bx) - margin, min(ay, by) - margin, max(ax, bx) + margin, max(ay, by) + margin)
        found = {box for cell in self._cells(reach) for box in self.cells.get(cell, ())}
        return sorted(found)


# Stress units written by generators (the others are YAML files in ``units/``). Titles are made
# of ordinary words and a made-up place name, unique to each event, so that every event's title
# can be told apart on the poster.

UNITS = Path(__file__).parent / "units"
_SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "do", "ri", "pan", "gor", "ne")
_PATTERNS = ("Treaty of {}", "Battle of {}", "{} Conference opens", "Revolt in {}", "Great fire of {}",
             "Congress of {} ends with a joint declaration", "Founding of the university at {}",
             "Siege of {} lifted", "Railway reaches {}", "Elections held in {} after long delay")


def place_name(n: int) -> str:
    """A made-up place name, a different one for each ``n``."""
    digits = []
    while True:
        n, digit = divmod(n, len(_SYLLABLES))
        digits.append(_SYLLABLES[digit])
        if n == 0:
            break
    return "".join(reversed([*digits, "ar"] if len(digits) < 2 else digits)).capitalize()


def stress_title(n: int) -> str:
    return _PATTERNS[n % len(_PATTERNS)].format(place_name(n))


def _unit_yaml(unit_id: str, title: str, dates: Sequence[str], extra: str = "") -> str:
    lines = [(f"format: 1\nunit: {{id: {unit_id}, title: \"{title}\", licence: CC0}}\n"
             "outputs: {timeline: {paper: a3}}\nthemes:\n  - {id: one, label: Politics}\n"
             f"  - {{id: two, label: Society}}\n{extra}events:")]
    for n, date in enumerate(dates):
        key = ", key: true" if n % 17 == 0 else ""
        lines.append(f"  - {{id: e{n}, date: {date}, title: {stress_title(n)}, themes: [{('one', 'two')[n % 2]}]{key}}}")
    return "\n".join(lines) + "\n"


def clustered_unit() -> str:
    """100 events over 150 years (1800–1950), 40 of them in four clusters of ten within three
    years each (2 % of the axis), the other 60 spread out."""
    dates = [f"{1800 + round(k * 150 / 59)}-{1 + k % 12:02d}" for k in range(60)]
    for start in (1812, 1848, 1870, 1914):
        dates += [f"{start + k * 3 // 10}-{1 + (k * 5) % 12:02d}-{1 + k * 2:02d}" for k in range(10)]
    return _unit_yaml("clusters", "A hundred events with clusters", sorted(dates))


def crowded_unit(count: int = 2000) -> str:
    """``count`` events over five centuries (1500–1999), with a section and a glossary so the
    unit has a handout besides its poster."""
    dates = [f"{1500 + k * 500 // count}-{1 + k % 12:02d}-{1 + k % 28:02d}" for k in range(count)]
    extra = ("glossary:\n  - {term: Treaty, definition: An agreement between states.}\n"
             "sections:\n  - {heading: Overview, text: Five centuries of events.}\n")
    return _unit_yaml("crowded", "Two thousand events", dates, extra)


def drawn_poster_faults(text: str, folder: Path, poster: str = "a3") -> list[str]:
    """Every fault of the unit's poster (``timeline.pdf`` only, drawn in this process on the
    ``poster`` paper and written to ``folder``), or the items its layout could not place."""
    unit = validate_unit(load_text(text, BESIDE_SHIPPED), languages(None))
    context = Context(Settings(paper="a4", poster=poster), PAPER["a4"], load_theme(),
                      Wording(None, unit.unit.language))
    try:
        drawn = render(plan(unit, Target("timeline", "timeline.pdf", None, {"variant": "poster"}), context), context)
    except LayoutError as exc:
        faults = [f"not drawn: {format_path(item.path)}: {item.message}" for item in exc.items]
        return faults[:12] + ([f"… and {len(faults) - 12} more"] if len(faults) > 12 else [])
    pdf = folder / "timeline.pdf"
    pdf.write_bytes(drawn.pdf)
    return poster_faults(pdf, text)


def unit_text(name: str) -> str:
    return (UNITS / name).read_text(encoding="utf-8")


def rendered(text: str, variant: str = "poster", poster: str | None = None, sheet: str = "a4") -> bytes:
    """The PDF the drawing stage makes of the unit, in this process (so that a test may patch it)."""
    unit = validate_unit(load_text(text, BESIDE_SHIPPED))
    context = Context(Settings(paper=sheet, poster=poster), PAPER[sheet], load_theme(), Wording())
    return render(plan(unit, Target("timeline", f"{variant}.pdf", None, {"variant": variant}), context), context).pdf


def grow_with_the_paper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay posters out with their type grown with the paper: ``grown`` as the design scale."""
    monkeypatch.setattr(layout, "design_scale", grown)


def grown(paper: str) -> float:
    """The design scale that grows with the sheet's area (as ``layout.design_scale`` will once
    switched on), for tests that check a poster at its real size."""
    width, height = PAPER[paper]
    a3_width, a3_height = PAPER["a3"]
    return max(1.0, math.sqrt(width * height / (a3_width * a3_height)))
