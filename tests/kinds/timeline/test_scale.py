"""The time axis: proportional where that is fine, broken over a long empty gap, changing scale
(and saying so, truly) where centuries of sparse events end in a dense decade; BC years worded."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.fonts import register
from compiler.kinds.timeline.layout import LABEL_WIDTH, MARGIN, design_scale
from compiler.kinds.timeline.scale import TimeScale, axis_fonts, time_scale
from compiler.outputs import Settings
from compiler.theme import PAPER
from tests.conftest import overlapping_words
from tests.kinds.timeline.posters import (
    ROMAN,
    generated_unit,
    geometry_faults,
    laid_out,
    timeline_plan,
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


def _years(row: list[tuple[float, str]]) -> list[tuple[float, int]]:
    """The x and the signed year (BC negative) of each year in the row."""
    years = []
    for x, text in row:
        number = text.removesuffix(" BC")
        if number.isdigit():
            years.append((x, -int(number) if text.endswith(" BC") else int(number)))
    return years


def test_the_shipped_unit_and_an_evenly_spread_unit_stay_proportional(unit_file, tmp_path: Path) -> None:
    shipped = Path("resources/soviet-foreign-policy.yaml").read_text(encoding="utf-8")
    even = generated_unit(40, 1800, 1, "a2")
    for text, name in ((shipped, "soviet-foreign-policy"), (even, "many")):
        poster = laid_out(text)
        assert len(poster.axis.stretches) == 1, name
        for paper in ("a3", "tabloid", "a0"):
            assert len(_axis_only(text, paper).stretches) == 1, (name, paper)
        years = _years(_axis_row(_poster_pdf(unit_file, tmp_path / name, text, name))[0])
        assert len(years) >= 8
        steps = {b - a for (_, a), (_, b) in itertools.pairwise(years)}
        spacings = [b - a for (a, _), (b, _) in itertools.pairwise(years)]
        assert len(steps) == 1 and max(spacings) - min(spacings) < 0.5, (name, years)  # equal ticks, equally spaced


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
        years = _years(row)
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
        years = _years(row)
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
        extents = [tick.extent(("DejaVuSerif", "DejaVuSerif-Italic")) for tick in poster.ticks]
        assert all(a[1] + 2 <= b[0] for a, b in itertools.pairwise(extents)), [t.text for t in poster.ticks]
        years = [tick for tick in poster.ticks if not tick.scale]
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
        extents = [tick.extent(fonts) for tick in axis.ticks("BC", fonts, words, xs)]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(extents))
        for stretch in axis.stretches:
            if stretch.years_per_cm is not None:
                centimetres = (stretch.x1 - stretch.x0) * scale / CM
                assert abs((stretch.t1 - stretch.t0) / centimetres / stretch.years_per_cm - 1) < 1e-9
