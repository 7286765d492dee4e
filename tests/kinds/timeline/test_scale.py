"""The time axis: proportional where that is fine, broken over a long empty gap, changing scale
(and saying so, truly) where centuries of sparse events end in a dense decade; BC years worded."""

from __future__ import annotations

import itertools
import math
import random
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

import compiler.kinds.timeline.layout
from compiler.build import Request, build
from compiler.fonts import register
from compiler.kinds.timeline.layout import LABEL_WIDTH, MARGIN, design_scale
from compiler.kinds.timeline.scale import (
    CROWDED,
    LEVELS,
    Stretch,
    TimeScale,
    axis_fonts,
    time_scale,
)
from compiler.outputs import Settings
from compiler.theme import PAPER
from tests.conftest import SHIPPED_UNIT, overlapping_words
from tests.kinds.timeline.posters import (
    ROMAN,
    clustered_unit,
    drawn_poster_faults,
    generated_unit,
    geometry_faults,
    laid_out,
    timeline_plan,
    unit_text,
)

CM = 72 / 2.54


def centuries_unit(paper: str = "a3", first: int = 1500) -> str:
    """37 events over 480 years from ``first``: 27 spread over 460 years, then ten in the last twenty."""
    years = [first + round(k * 460 / 27) for k in range(27)] + [first + 461 + 2 * k for k in range(10)]
    return _unit("centuries", "Five centuries", paper, years)


def gap_unit(first: int = 1000, paper: str = "a3") -> str:
    """Eight events in 70 years, nothing for six centuries, then eight in 84 years."""
    return _unit("gap", "Two ages", paper, [first + 10 * k for k in range(8)] + [first + 700 + 12 * k for k in range(8)])


def _unit(unit_id: str, title: str, paper: str, years: list[int], spans: str = "") -> str:
    head = (f"format: 1\nunit: {{id: {unit_id}, title: {title}, licence: CC0}}\n"
            f"outputs: {{timeline: {{paper: {paper}}}}}\nevents:")
    lines = [head]
    lines += [f"  - {{id: e{n}, date: {year}, title: Something happened in the year {n}}}" for n, year in enumerate(years)]
    return "\n".join(lines) + "\n" + spans


def _poster_pdf(unit_file, tmp_path: Path, text: str, name: str) -> Path:
    build(Request(paths=(unit_file(text, f"{name}.yaml"),), out=tmp_path, settings=Settings(only=("timeline",))))
    return next(tmp_path.glob("*/timeline.pdf")) if name == "*" else tmp_path / name / "timeline.pdf"


def _axis_row(pdf: Path) -> tuple[list[tuple[float, str]], list[dict], dict]:
    """The words printed just under the axis (the longest horizontal line) as (centre x, text), in
    x order, with the page's lines and the axis line itself."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        lines = page.lines
        horizontal = [line for line in lines if abs(line["top"] - line["bottom"]) < 0.1]
        axis = max(horizontal, key=lambda line: sum(other["width"] for other in horizontal
                                                    if abs(other["top"] - line["top"]) < 0.1))
        words = page.extract_words(keep_blank_chars=True, x_tolerance=1.5)
    row = [((w["x0"] + w["x1"]) / 2, w["text"].strip(), w) for w in words
           if axis["top"] + 2 < w["top"] < axis["top"] + 16]
    return [(x, text) for x, text, _ in sorted(row, key=lambda item: item[0])], lines, axis


def _tick_marks(lines: list[dict], axis: dict) -> list[float]:
    """The x of each short upright stroke across the axis: the ticks (a change of scale's bar too)."""
    return sorted(ln["x0"] for ln in lines if abs(ln["x0"] - ln["x1"]) < 0.1 and ln["top"] < axis["top"] < ln["bottom"])


def _years(row: list[tuple[float, str]], marks: list[float]) -> list[tuple[float, int]]:
    """The x of its tick (the nearest of ``marks``: a year may stand beside its tick, clear of the
    leaders) and the signed year (BC negative) of each year in the row."""
    years = []
    for x, text in row:
        number = text.removesuffix(" BC")
        if number.isdigit():
            tick = min(marks, key=lambda mark: abs(mark - x))
            years.append((tick, -int(number) if text.endswith(" BC") else int(number)))
    return years


def test_the_shipped_unit_and_an_evenly_spread_unit_stay_proportional(unit_file, tmp_path: Path) -> None:
    shipped = Path("resources/soviet-foreign-policy.yaml").read_text(encoding="utf-8")
    even = generated_unit(40, 1800, 1, "a2")
    shutil.copytree(SHIPPED_UNIT.parent / "pictures", tmp_path / "pictures")  # the shipped unit's, beside its copy
    for text, name in ((shipped, "soviet-foreign-policy"), (even, "many")):
        poster = laid_out(text)
        assert len(poster.axis.stretches) == 1, name
        for paper in ("a3", "tabloid", "a0"):
            assert len(_axis_only(text, paper).stretches) == 1, (name, paper)
        row, lines, line = _axis_row(_poster_pdf(unit_file, tmp_path / name, text, name))
        marks = _tick_marks(lines, line)
        years = _years(row, marks)
        spacings = [b - a for a, b in itertools.pairwise(marks)]
        assert len(marks) >= 8 and max(spacings) - min(spacings) < 0.5, (name, marks)  # ticks equally spaced
        assert 2 * len(years) >= len(marks), (name, years)  # at least every other one with its year
        per_point = {round((b - a) / (x1 - x0) * min(spacings), 3) for (x0, a), (x1, b) in itertools.pairwise(years)}
        assert len(per_point) == 1, (name, years)  # equal steps of years


def _axis_only(text: str, paper: str) -> TimeScale:
    """The axis the layout decides for ``text`` on ``paper``, as :func:`lay_out` calls it, without
    placing the labels (the shipped unit's labels do not all fit every sheet yet)."""
    plan = timeline_plan(text, poster=paper)
    scale = design_scale(paper)
    x0, x1 = MARGIN + 10, max(PAPER[paper]) / scale - MARGIN - 10
    return time_scale([(e.start, e.end) for e in plan.events], [(p.start, p.end) for p in plan.periods], x0, x1,
                      LABEL_WIDTH + 8, 12.0, label_width=LABEL_WIDTH, scale=scale,
                      readable=[years for years, _ in plan.axis_words.scales])


def test_a_dense_last_twenty_years_get_room_and_the_poster_says_its_scales(unit_file, tmp_path: Path) -> None:
    for paper in ("a3", "a2"):
        poster = laid_out(centuries_unit(paper))
        axis = poster.axis
        assert (axis.x(1981) - axis.x(1961)) / (axis.x1 - axis.x0) >= 0.4, paper  # 4 % of the time
        assert not list(geometry_faults(poster))
        pdf = _poster_pdf(unit_file, tmp_path / paper, centuries_unit(paper), "centuries")
        row, lines, line = _axis_row(pdf)
        scales = [text for _, text in row if text.startswith("1 cm = ")]
        assert len(scales) == 2 and scales[0].endswith("years"), scales
        # The words are true on the printed sheet: measure two years of each stretch.
        years = _years(row, _tick_marks(lines, line))
        before = [(x, year) for x, year in years if year <= 1960]
        after = [(x, year) for x, year in years if year >= 1960]
        for (x0, y0), (x1, y1), words in ((before[0], before[-1], scales[0]), (after[0], after[-1], scales[1])):
            per_cm = (y1 - y0) / ((x1 - x0) / CM)
            value = words.removeprefix("1 cm = ").split()
            stated = float(value[0]) / (12 if value[1].startswith("month") else 1)
            assert abs(per_cm - stated) / stated < 0.02, (paper, words, per_cm)
        # A thick bar across the axis where the scale changes, and a line saying so.
        bars = [ln for ln in lines if abs(ln["x0"] - ln["x1"]) < 0.1 and ln["linewidth"] >= 2.5
                and ln["top"] < line["top"] < ln["bottom"]]
        assert len(bars) == 1 and abs(bars[0]["x0"] - {year: x for x, year in years}[1960]) < 1
        text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
        assert "The time scale changes" in text
        assert not overlapping_words(pdf)


def test_a_long_empty_gap_is_cut_out_and_drawn_as_a_break(unit_file, tmp_path: Path) -> None:
    for first, name in ((1000, "gap"), (-1500, "gap")):
        poster = laid_out(gap_unit(first))
        (left, right), = poster.axis.breaks
        assert right.t0 - left.t1 > 300  # the empty centuries are cut out...
        assert abs(right.points_per_year - left.points_per_year) < 1e-6  # ...and the scale resumes identical
        pdf = _poster_pdf(unit_file, tmp_path / str(first), gap_unit(first), name)
        row, lines, line = _axis_row(pdf)
        strokes = [ln for ln in lines if abs(ln["x0"] - ln["x1"]) > 1 and abs(ln["top"] - ln["bottom"]) > 1
                   and ln["top"] < line["top"] < ln["bottom"]]
        assert len(strokes) == 2 and 5 < abs(strokes[0]["x0"] - strokes[1]["x0"]) < 20  # the two slanted strokes
        years = _years(row, _tick_marks(lines, line))
        jump = max(itertools.pairwise(years), key=lambda pair: pair[1][1] - pair[0][1])
        assert jump[0][0] < strokes[0]["x0"] < strokes[1]["x0"] < jump[1][0]  # the years on each side of it
        assert (jump[0][1], jump[1][1]) == ((1200, 1600) if first > 0 else (-1300, -900))
        text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
        assert "the axis is broken" in text.lower()
        assert not overlapping_words(pdf)


def test_time_never_runs_backwards_and_ticks_never_overlap() -> None:
    shipped = Path("resources/soviet-foreign-policy.yaml").read_text(encoding="utf-8")
    spans = "  - {id: long, date: 1940, end: 1975, title: A span across the change}\n"
    for text in (centuries_unit(), centuries_unit(first=-1980), gap_unit(), gap_unit(-1500), ROMAN, shipped,
                 centuries_unit() + spans):
        poster = laid_out(text, poster="a2")
        axis = poster.axis
        anchors = [label.anchor for label in poster.labels]  # the labels are in date order
        assert anchors == sorted(anchors)
        positions = [axis.t0 + k * (axis.t1 - axis.t0) / 2000 for k in range(2001)]
        xs = [axis.x(t) for t in positions]
        assert all(b > a for a, b in itertools.pairwise(xs))
        xs = [tick.x for tick in poster.ticks]
        assert xs == sorted(xs)
        extents = [tick.extent(("DejaVuSerif", "DejaVuSerif-Italic")) for tick in poster.ticks if tick.text]
        assert all(a[1] + 2 <= b[0] for a, b in itertools.pairwise(extents)), [t.text for t in poster.ticks]
        years = [tick for tick in poster.ticks if tick.text and not tick.scale]
        assert all(a.text != b.text for a, b in itertools.pairwise(years))
        for bar in poster.spans:
            assert bar.x1 > bar.x0


def test_a_bar_across_a_change_of_scale_is_drawn_across_it() -> None:
    spans = "  - {id: long, date: 1940, end: 1975, title: A span across the change}\n"
    poster = laid_out(centuries_unit() + spans)
    (change,) = poster.axis.changes
    (bar,) = poster.spans
    assert bar.x0 == poster.axis.x(1940) < change < bar.x1 == poster.axis.x(1976)


def test_a_bc_unit_labels_its_axis_in_bc_years(unit_file, tmp_path: Path) -> None:
    poster = laid_out(ROMAN)
    ticks = [tick.text for tick in poster.ticks]
    assert "500 BC" in ticks and "100 BC" in ticks and not any(t.startswith("-") for t in ticks)
    assert not list(geometry_faults(poster))
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",))))
    pdf = tmp_path / "rome" / "timeline.pdf"
    assert not overlapping_words(pdf)
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    for words in ("15 Mar 44 BC", "Caesar assassinated", "264–241 BC", "Crisis of the Republic", "Wars"):
        assert words in text, words
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)  # A3 landscape
    dense_bc = laid_out(centuries_unit(first=-1980))
    assert [tick.text for tick in dense_bc.ticks if tick.scale] and "1520 BC" in [tick.text for tick in dense_bc.ticks]


def test_a_span_across_year_zero_is_proportional() -> None:
    text = ROMAN.replace("date: -27-01-16, title: Octavian becomes Augustus", "date: 14, title: Augustus dies")
    poster = laid_out(text)
    ides, dies = (next(label for label in poster.labels if label.lines[0].startswith(start))
                  for start in ("Caesar", "Augustus"))
    assert dies.anchor > ides.anchor
    assert not list(geometry_faults(poster))


def test_any_axis_runs_forward_keeps_its_years_apart_and_states_true_scales() -> None:
    """Seeded random units (clusters, spans, BC, every paper's scale) against the axis's promises."""
    fonts = axis_fonts(register("DejaVuSerif"))
    words = dict(timeline_plan(ROMAN).axis_words.scales)
    rng = random.Random("axis")
    for _ in range(150):
        span = rng.choice([5, 30, 200, 1000, 4000])
        clusters = [rng.uniform(-3000, 1900) + rng.uniform(0, span) for _ in range(rng.randint(1, 4))]
        events = []
        for _ in range(rng.randint(1, 100)):
            start = rng.choice(clusters) + rng.uniform(0, span * rng.choice([0.001, 0.01, 0.05, 0.5]))
            events.append((start, start + rng.choice([1 / 365, 1, rng.uniform(0, span / 10)])))
        scale = rng.choice([1, 2 ** 0.5, 2, 2 * 2 ** 0.5])
        axis = time_scale(events, [], 52.5, 1138, 104, 12, label_width=96, scale=scale, readable=list(words))
        xs = [axis.x(t) for t in sorted(t for event in events for t in event)]
        assert all(b >= a for a, b in itertools.pairwise(xs)) and xs[0] >= 52.5 and xs[-1] <= 1138 + 1e-6
        extents = [tick.extent(fonts) for tick in axis.ticks("BC", fonts, words, [(x - 4, x + 4) for x in xs])
                   if tick.text]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(extents))
        for stretch in axis.stretches:
            if stretch.years_per_cm is not None:
                centimetres = (stretch.x1 - stretch.x0) * scale / CM
                assert abs((stretch.t1 - stretch.t0) / centimetres / stretch.years_per_cm - 1) < 1e-9


EUROPE = """\
format: 1
unit: {id: europe, title: "Europe, 1500–1980", licence: CC0}
outputs: {timeline: {paper: a3}}
themes:
  - {id: faith, label: Religion and ideas}
  - {id: power, label: States and wars}
  - {id: economy, label: Trade and industry}
periods:
  - {label: Reformation and religious wars, start: 1517, end: 1648}
  - {label: Age of revolutions, start: 1775, end: 1848}
  - {label: Cold War, start: 1947, end: 1980}
events:
  - {id: luther, date: 1517-10-31, title: Luther's Ninety-five Theses, themes: [faith], key: true}
  - {id: augsburg, date: 1555-09-25, title: Peace of Augsburg, themes: [faith]}
  - {id: armada, date: 1588-08-08, title: Spanish Armada defeated, themes: [power]}
  - {id: nantes, date: 1598-04-13, title: Edict of Nantes, themes: [faith]}
  - {id: voc, date: 1602-03-20, title: Dutch East India Company founded, themes: [economy]}
  - {id: prague, date: 1618-05-23, title: Defenestration of Prague, themes: [power]}
  - {id: westphalia, date: 1648-10-24, title: Peace of Westphalia, themes: [power], key: true}
  - {id: glorious, date: 1688-11-05, title: Glorious Revolution in England, themes: [power]}
  - {id: utrecht, date: 1713-04-11, title: Treaty of Utrecht, themes: [power]}
  - {id: lisbon, date: 1755-11-01, title: Lisbon earthquake, themes: [faith]}
  - {id: seven-years, date: 1756, end: 1763, title: Seven Years' War, themes: [power]}
  - {id: watt, date: 1769, title: Watt patents his steam engine, themes: [economy]}
  - {id: smith, date: 1776-03-09, title: Adam Smith's Wealth of Nations, themes: [economy]}
  - {id: bastille, date: 1789-07-14, title: Storming of the Bastille, themes: [power], key: true}
  - {id: vienna, date: 1815-06-09, title: Congress of Vienna ends, themes: [power]}
  - {id: railway, date: 1830-09-15, title: Liverpool and Manchester Railway opens, themes: [economy]}
  - {id: revolutions-1848, date: 1848, title: Revolutions across Europe, themes: [power]}
  - {id: origin, date: 1859-11-24, title: Darwin's Origin of Species, themes: [faith]}
  - {id: italy, date: 1861-03-17, title: Kingdom of Italy proclaimed, themes: [power]}
  - {id: germany, date: 1871-01-18, title: German Empire proclaimed, themes: [power]}
  - {id: ww1, date: 1914-07-28, end: 1918-11-11, title: First World War, themes: [power], key: true}
  - {id: russia, date: 1917-11-07, title: Bolshevik Revolution, themes: [power]}
  - {id: crash, date: 1929-10-24, title: Wall Street Crash, themes: [economy]}
  - {id: ww2, date: 1939-09-01, end: 1945-05-08, title: Second World War, themes: [power], key: true}
  - {id: marshall, date: 1948-04-03, title: Marshall Plan begins, themes: [economy]}
  - {id: nato, date: 1949-04-04, title: NATO founded, themes: [power]}
  - {id: rome, date: 1957-03-25, title: Treaty of Rome, themes: [economy]}
  - {id: wall, date: 1961-08-13, title: Berlin Wall built, themes: [power], key: true}
  - {id: cuba, date: 1962-10-16, title: Cuban Missile Crisis, themes: [power]}
  - {id: vatican, date: 1962-10-11, title: Second Vatican Council opens, themes: [faith]}
  - {id: elysee, date: 1963-01-22, title: Élysée Treaty, themes: [power]}
  - {id: prague-spring, date: 1968-08-21, title: Prague Spring crushed, themes: [power]}
  - {id: may-68, date: 1968-05, title: May 1968 protests in France, themes: [faith]}
  - {id: oil, date: 1973-10-17, title: Oil crisis, themes: [economy]}
  - {id: helsinki, date: 1975-08-01, title: Helsinki Final Act, themes: [power]}
  - {id: franco, date: 1975-11-20, title: Death of Franco, themes: [power]}
  - {id: solidarity, date: 1980-08-31, title: Solidarity founded in Gdańsk, themes: [economy]}
"""


def _real_design_scale(paper: str) -> float:
    """The design scale as it is meant to be: the A3 design grown with the sheet's area."""
    return max(1.0, math.sqrt(math.prod(PAPER[paper]) / math.prod(PAPER["a3"])))


def _unfair_stretches(axis: TimeScale, events: list[tuple[float, float]],
                      periods: list[tuple[float, float]], rooms: tuple[float, float]) -> list[str]:
    """Where a changing scale gives the axis out unfairly: a stretch whose events get more than
    :data:`LEVELS` times the room each of those of the stretch holding most events (labels stack
    in that many levels: more is room taken from the others), a stretch of one event or none wider
    than the stretch holding most, dense stretches (the finest scale) holding no crowd of events
    (at most :data:`CROWDED`), or an end laid at the finest scale with more empty room than the
    ``rooms`` (left, right) the labels ask for while the other end is not."""
    if not axis.changes:
        return []
    stretches = axis.stretches
    starts = sorted(start for start, _ in events)
    held = [sum(1 for s in starts if a.t0 <= s < a.t1 or (a is stretches[-1] and s == a.t1)) for a in stretches]
    widths = [a.x1 - a.x0 for a in stretches]
    most = max(range(len(stretches)), key=lambda k: held[k])
    faults = []
    for k, stretch in enumerate(stretches):
        words = f"{stretch.t0:.1f}–{stretch.t1:.1f}: {held[k]} events on {widths[k]:.0f} pt"
        if widths[k] / max(held[k], 1) > LEVELS * widths[most] / held[most] + 1e-6:
            faults.append(f"{words}, against {held[most]} on {widths[most]:.0f}")
        if held[k] <= 1 and widths[k] > widths[most]:
            faults.append(f"{words}, wider than the {held[most]} events' stretch")
    finest = max(stretch.points_per_year for stretch in stretches)
    dense = [k for k, stretch in enumerate(stretches) if stretch.points_per_year > finest * (1 - 1e-9)]
    if sum(held[k] for k in dense) <= CROWDED:
        faults.append(f"the finest scale holds {sum(held[k] for k in dense)} events")
    first, last = min(start for start, _ in [*events, *periods]), max(end for _, end in [*events, *periods])
    ends = {0, len(stretches) - 1}
    if ends <= set(dense):
        return faults  # both ends at the finest scale: what rounding leaves over can only go there
    if 0 in dense and axis.x(first) - axis.x0 > rooms[0] + 1e-6:
        faults.append(f"{axis.x(first) - axis.x0:.0f} pt before the first event at the finest scale")
    if len(stretches) - 1 in dense and axis.x1 - axis.x(last) > rooms[1] + 1e-6:
        faults.append(f"{axis.x1 - axis.x(last):.0f} pt after the last event at the finest scale")
    return faults


def _scaled_axis(events: list[tuple[float, float]], periods: list[tuple[float, float]], paper: str,
                 scale: float) -> TimeScale:
    """The axis :func:`lay_out` decides on ``paper`` at the design ``scale``."""
    words = dict(timeline_plan(ROMAN).axis_words.scales)
    return time_scale(events, periods, MARGIN + 10, max(PAPER[paper]) / scale - MARGIN - 10, LABEL_WIDTH + 8, 12.0,
                      label_width=LABEL_WIDTH, scale=scale, readable=list(words))


def test_a_changing_scale_gives_each_stretch_axis_in_proportion_to_its_events(monkeypatch) -> None:
    """The dense stretch holds the dense events (not the last year, after the last of them), and
    the room left over is not laid as empty years at the dense scale: Europe 1517–1980, ten events
    in 1957–1980, on the sheets as the poster is today and with its design scaled to the sheet."""
    plan = timeline_plan(EUROPE)
    events, periods = [(e.start, e.end) for e in plan.events], [(p.start, p.end) for p in plan.periods]
    rooms = (LABEL_WIDTH + 8, 12.0)
    for scaled in (False, True):
        if scaled:
            monkeypatch.setattr(compiler.kinds.timeline.layout, "design_scale", _real_design_scale)
        for paper in ("a3", "tabloid", "a2", *(("a1", "a0") if scaled else ())):
            axis = laid_out(EUROPE, poster=paper).axis
            assert axis.changes, (paper, scaled)
            assert not _unfair_stretches(axis, events, periods, rooms), (paper, scaled, _unfair_stretches(axis, events, periods, rooms))
            dense = max(axis.stretches, key=lambda stretch: stretch.points_per_year)
            assert dense.t0 <= 1961 and dense.x1 - dense.x0 > 0.3 * (axis.x1 - axis.x0), (paper, scaled, dense)


def test_centuries_of_sparse_events_and_one_dense_decade_share_the_axis_fairly() -> None:
    """Seeded random units: centuries of sparse events and a dense decade at the start, in the
    middle or at the end, on A3, tabloid and A2 at the design scale of today and as meant."""
    rng = random.Random("one dense decade")
    changed = 0
    for where in ("start", "middle", "end"):
        for _ in range(12):
            first, years = rng.randint(-1500, 1600), rng.randint(250, 600)
            decade = {"start": first, "middle": first + years // 2 - 5, "end": first + years - 10}[where]
            sparse = [first + rng.uniform(0, years) for _ in range(rng.randint(15, 30))]
            dense = [decade + rng.uniform(0, 10) for _ in range(rng.randint(8, 14))]
            events = [(t, t + rng.choice([1 / 365, 1 / 365, 1])) for t in sorted([first, first + years, *sparse, *dense])]
            periods = [(decade - rng.uniform(0, 30), decade + 10 + rng.uniform(0, 1))] if rng.random() < 0.5 else []
            for paper, scale in (("a3", 1.0), ("tabloid", 1.0), ("a2", 1.0), ("a2", _real_design_scale("a2")),
                                 ("a0", _real_design_scale("a0"))):
                axis = _scaled_axis(events, periods, paper, scale)
                changed += bool(axis.changes)
                faults = _unfair_stretches(axis, events, periods, (LABEL_WIDTH + 8, 12.0))
                assert not faults, (where, paper, scale, first, years, faults)
    assert changed > 100  # most of the 180 axes change scale: the property is tested, not avoided


AXIS_WORD_UNITS = {
    "shipped, A3": (lambda: SHIPPED_UNIT.read_text(encoding="utf-8"), "a3"),
    "shipped, A0": (lambda: SHIPPED_UNIT.read_text(encoding="utf-8"), "a0"),
    "480 years": (lambda: unit_text("europe-1500-1980.yaml"), "a3"),
    "BC": (lambda: ROMAN, "a3"),
    "clustered": (clustered_unit, "a3"),
}


@pytest.mark.parametrize("name", AXIS_WORD_UNITS)
def test_the_axis_words_stand_clear_of_the_leaders(name: str, tmp_path: Path) -> None:
    """Read back from the PDF: no leader passes through, or within 2 pt of, a year or a scale
    under the axis; and each stretch still prints at least half of its ticks' years."""
    make, paper = AXIS_WORD_UNITS[name]
    text = make()
    poster = laid_out(text, poster=paper)
    printed = [tick.text for tick in poster.ticks if tick.text]
    axis_words = {word for words in printed for word in [words, *words.split()]}
    named = [re.search(r"(?:box of|the word) '([^']*)'", fault) for fault in drawn_poster_faults(text, tmp_path, paper)]
    assert not [m.group(1) for m in named if m and (m.group(1) in axis_words or set(m.group(1).split()) <= axis_words)]
    for stretch in poster.axis.stretches:
        years = [tick for tick in poster.ticks if not tick.scale and stretch.x0 <= tick.x <= stretch.x1]
        assert 2 * len([tick for tick in years if tick.text]) >= len(years), [tick.text for tick in years]


def test_a_year_moves_beside_its_tick_or_keeps_only_its_tick_where_leaders_cross() -> None:
    fonts = axis_fonts(register("DejaVuSerif"))
    axis = TimeScale((Stretch(1900, 2000, 100, 1100),))
    ticks = axis.ticks("BC", fonts, {})
    years = {tick.text: tick for tick in ticks}
    at = years["1950"].x
    blocked = [(at + 3, at + 8)]  # a leader through the right of 1950: it moves left, its tick still under it
    moved = {tick.text: tick for tick in axis.ticks("BC", fonts, {}, blocked)}
    left, right = moved["1950"].extent(fonts)
    assert moved["1950"].x == at and left < at - 3 < right <= at + 3
    blocked = [(at - 2, at + 2)]  # a leader through its tick: the year ends just left of the tick
    left, right = next(tick for tick in axis.ticks("BC", fonts, {}, blocked) if tick.x == at).extent(fonts)
    assert at - 3 - 1e-9 <= right <= at - 2
    both = [(at - 2, at + 2), (at - 40, at - 3), (at + 3, at + 40)]  # no room either side: its tick alone
    bare = [tick for tick in axis.ticks("BC", fonts, {}, both) if tick.x == at]
    assert [tick.text for tick in bare] == [""]
    # leaders through every other year's place: those keep only their ticks, the others print
    every_other = [(tick.x - 40, tick.x + 40) for tick in ticks[1::2]]
    shown = [bool(tick.text) for tick in axis.ticks("BC", fonts, {}, every_other)]
    assert shown == [k % 2 == 0 for k in range(len(ticks))]
