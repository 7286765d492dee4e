"""Small units and helpers the timeline's tests share: a poster planned or laid out from a
unit's text, and its geometry checked for clashes."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from compiler.kinds.timeline import layout
from compiler.kinds.timeline.draw import render
from compiler.kinds.timeline.layout import MARGIN, TOUCH, Poster, lay_out
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
        if not a[0] <= label.anchor <= a[2]:
            yield f"{label.lines}: its leader misses its box"
        for j, b in enumerate(boxes):
            if j != i and boxes_overlap(a, b):
                yield f"{label.lines} overlaps {poster.labels[j].lines}"
            low, high = sorted((poster.axis_y, a[1] if label.above else a[3]))
            if j != i and b[0] + TOUCH < label.anchor < b[2] - TOUCH and b[1] < high and b[3] > low:
                yield f"the leader of {label.lines} crosses {poster.labels[j].lines}"
        ceiling = poster.band_label_y - 4 if poster.bands else poster.size[1] - MARGIN - 40
        if a[0] < 0 or a[2] > poster.size[0] or a[3] > ceiling or a[1] < MARGIN + 10:
            yield f"{label.lines} leaves the plot area"


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
