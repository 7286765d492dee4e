"""Small units and helpers the timeline's tests share: a poster planned or laid out from a
unit's text, and its geometry checked for clashes."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from compiler.kinds.timeline import layout
from compiler.kinds.timeline.draw import render
from compiler.kinds.timeline.layout import MARGIN, Poster, lay_out
from compiler.kinds.timeline.plan import TimelinePlan, plan
from compiler.outputs import Context, Settings, Target
from compiler.source import load_text
from compiler.theme import PAPER, load_theme
from compiler.validate import validate_unit
from compiler.wording import Wording

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
    unit = validate_unit(load_text(text, "u.yaml"))
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


def rendered(text: str, variant: str = "poster", poster: str | None = None, sheet: str = "a4") -> bytes:
    """The PDF the drawing stage makes of the unit, in this process (so that a test may patch it)."""
    unit = validate_unit(load_text(text, "u.yaml"))
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
