"""Timeline posters: labels that never collide, tiles that cover the poster, blanks with a key."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest
import yaml
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.errors import LayoutError
from compiler.kinds import KINDS
from compiler.kinds.timeline.draw import tiling
from compiler.kinds.timeline.layout import MARGIN, TOUCH, Poster, lay_out
from compiler.kinds.timeline.plan import TimelinePlan, plan
from compiler.outputs import Context, Settings, Target
from compiler.source import load_text
from compiler.theme import PAPER, load_theme
from compiler.validate import validate_unit
from compiler.wording import Wording
from tests.conftest import SHIPPED_UNIT, SMALL_UNIT, overlapping_words

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


def test_the_shipped_poster_has_no_clashes_and_no_overlapping_words(shipped: Callable[[str], Path]) -> None:
    text = SHIPPED_UNIT.read_text(encoding="utf-8")
    poster = laid_out(text)
    assert len(poster.labels) == len(yaml.safe_load(text)["events"]) == 99
    assert not list(geometry_faults(poster))
    pdf = shipped("a4") / "timeline.pdf"
    assert not overlapping_words(pdf)
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1684, 1191)  # A2 landscape


def test_a_bc_unit_labels_its_axis_in_bc_years(unit_file, tmp_path: Path) -> None:
    poster = laid_out(ROMAN)
    ticks = [text for _, text in poster.ticks]
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


def test_a_span_across_year_zero_is_proportional() -> None:
    text = ROMAN.replace("date: -27-01-16, title: Octavian becomes Augustus", "date: 14, title: Augustus dies")
    poster = laid_out(text)
    ides, dies = (next(label for label in poster.labels if label.lines[0].startswith(start))
                  for start in ("Caesar", "Augustus"))
    assert dies.anchor > ides.anchor
    assert not list(geometry_faults(poster))


def test_a_generated_unit_of_300_events_has_no_clashes(tmp_path: Path, unit_file) -> None:
    text = generated_unit(300).replace("{n // per_year}", "")
    text = re.sub(r"date: (\d{4})", lambda m: f"date: {1400 + 2 * (int(m.group(1)) - 1700)}", text)
    poster = laid_out(text)
    assert len(poster.labels) == 300
    assert not list(geometry_faults(poster))
    build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline",))))
    assert not overlapping_words(tmp_path / "many" / "timeline.pdf")


def test_ten_events_in_one_month_still_get_readable_labels() -> None:
    text = generated_unit(10, first_year=1939, per_year=1, paper="a3").replace("  - {id: e", "  - {id: x")
    text = re.sub(r"date: 19\d\d-\d\d", lambda m: "date: 1939-08", text)
    days = iter(range(1, 11))
    text = re.sub(r"date: 1939-08", lambda m: f"date: 1939-08-{next(days):02d}", text)
    text += "  - {id: start, date: 1930, title: Start}\n  - {id: end, date: 1950, title: End}\n"
    poster = laid_out(text)
    assert len(poster.labels) == 12 and not list(geometry_faults(poster))


def test_an_impossibly_crowded_poster_names_the_events_and_suggests_a_larger_paper(unit_file, tmp_path) -> None:
    text = generated_unit(120, first_year=1939, per_year=12, paper="a3")
    report = build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline",))))
    problems = report.all_problems()
    assert problems and all(p.path.startswith("events[") for p in problems)
    assert "no room for the label of 'e" in problems[0].message and "on an A3 poster" in problems[0].message
    assert "--poster-paper a2" in (problems[0].hint or "")
    assert not (tmp_path / "many").exists()


def test_a_crowded_poster_is_planned_whole_and_fails_only_where_it_is_laid_out() -> None:
    """Planning decides words and data and measures nothing: every event of a poster too crowded
    for its paper is planned, with its worded date; placing the labels, in the drawing stage,
    is what finds that they do not fit."""
    text = generated_unit(120, first_year=1939, per_year=12, paper="a3")
    words = timeline_plan(text)
    assert len(words.events) == 120 and words.events[0].date == "Jan 1939" and words.paper == "a3"
    with pytest.raises(LayoutError) as caught:
        lay_out(words, load_theme())
    assert caught.value.items and all(item.path[0] == "events" for item in caught.value.items)
    assert "no room for the label of 'e" in caught.value.items[0].message


def test_a_unit_without_events_has_no_timeline() -> None:
    unit = validate_unit(load_text("format: 1\nunit: {id: u, title: U}\nglossary: [{term: a, definition: b}]\n", "u"))
    assert KINDS["timeline"].targets(unit, Settings()) == []


def test_tiles_cover_the_poster_and_every_character_appears_on_a_sheet(tmp_path: Path, unit_file) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",), paper="letter")))
    poster = laid_out(ROMAN)
    tiles = tiling(poster, "letter")
    width, height = poster.size
    windows = [tiles.window(r, c, height) for r in range(tiles.rows) for c in range(tiles.columns)]
    assert min(w[0] for w in windows) <= 0 and max(w[2] for w in windows) >= width
    assert min(w[1] for w in windows) <= 0 and max(w[3] for w in windows) >= height

    def chars(page: pdfplumber.page.Page, shift: tuple[float, float] = (0, 0)) -> set[tuple[str, int, int]]:
        return {(c["text"], round(c["x0"] + shift[0]), round(c["top"] + shift[1])) for c in page.chars
                if c["text"].strip()}

    with pdfplumber.open(tmp_path / "rome" / "timeline.pdf") as document:
        wanted = chars(document.pages[0])
    found: set[tuple[str, int, int]] = set()
    with pdfplumber.open(tmp_path / "rome" / "timeline-tiled.pdf") as document:
        assert len(document.pages) == 1 + tiles.rows * tiles.columns
        for k, page in enumerate(document.pages[1:]):
            row, column = divmod(k, tiles.columns)
            left, _, _, top = tiles.window(row, column, height)
            margin = tiles.margin
            area = page.within_bbox((margin, margin, margin + tiles.area[0], margin + tiles.area[1]))
            found |= chars(area, (left - margin, (height - top) - margin))
            text = page.extract_text()
            assert f"row {row + 1}, column {column + 1} of {tiles.rows} × {tiles.columns}" in text
            assert (round(page.width), round(page.height)) in ((612, 792), (792, 612))
    assert wanted <= found, sorted(wanted - found)[:10]


def test_the_blank_version_hides_titles_and_its_key_shows_them(unit_file, tmp_path: Path) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",))))
    poster = laid_out(ROMAN, "blank")
    hidden = [" ".join(label.lines) for label in poster.labels if label.blank]
    assert 3 <= len(hidden) < len(poster.labels)
    sheets = PdfReader(tmp_path / "rome" / "timeline-blank.pdf").pages
    keys = PdfReader(tmp_path / "rome" / "timeline-blank-key.pdf").pages
    assert len(sheets) == len(keys) == 1  # printing the students' version prints no answers
    student, key = (" ".join(pages[0].extract_text().split()) for pages in (sheets, keys))
    assert "Write the missing event in each box." in student and "Answer key — teacher copy" in key
    for title in hidden:
        assert title not in student and title in key
    shown = [" ".join(label.lines) for label in poster.labels if not label.blank]
    assert all(title in student for title in shown)


def test_blank_dates_hide_dates_instead(unit_file, tmp_path: Path) -> None:
    text = ROMAN.replace("unit: {id: rome, title: The Roman Republic, licence: CC0}",
                         "unit: {id: rome, title: The Roman Republic, licence: CC0}\noutputs: {timeline: {blank: dates}}")
    build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline",))))
    poster = laid_out(text, "blank")
    student = " ".join(PdfReader(tmp_path / "rome" / "timeline-blank.pdf").pages[0].extract_text().split())
    assert "Write the missing date in each box." in student
    for label in poster.labels:
        assert (label.date in student) != label.blank or label.date in " ".join(
            other.date for other in poster.labels if not other.blank and other is not label)


def test_key_events_are_bold_and_themes_have_a_legend_with_markers(unit_file, tmp_path: Path) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",))))
    with pdfplumber.open(tmp_path / "rome" / "timeline.pdf") as document:
        page = document.pages[0]
        words = page.extract_words(extra_attrs=["fontname"])
    bold = {w["text"] for w in words if "Bold" in w["fontname"]}
    assert {"Caesar", "assassinated", "Augustus"} <= bold
    assert "Gauls" not in bold
    assert [(m, label) for m, _, label in timeline_plan(ROMAN).legend] == [("●", "Wars"), ("■", "Politics")]
    poster = laid_out(ROMAN)
    assert {label.marker for label in poster.labels} == {"●", "■"}  # a shape per theme, not only a colour
    assert {"●", "■"} <= {w["text"][0] for w in words}


@pytest.mark.parametrize("paper", ["a3", "a2", "tabloid"])
def test_poster_paper_from_the_command_line(paper: str) -> None:
    width, height = laid_out(ROMAN, poster=paper).size
    assert (width, height) == (max(PAPER[paper]), min(PAPER[paper]))


def test_a_long_title_stops_short_of_the_posters_legend_and_edge(unit_file, tmp_path: Path) -> None:
    title = ("The Soviet Union and the World, " * 20).strip(" ,")
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {title}"))
    assert build(Request(paths=(unit,), out=tmp_path / "out", jobs=1, settings=Settings(only=("timeline",)))).ok
    folder = tmp_path / "out" / "small"
    assert not overlapping_words(folder / "timeline.pdf") and not overlapping_words(folder / "timeline-tiled.pdf")
    with pdfplumber.open(folder / "timeline.pdf") as document:  # the tiled sheets cut the poster by design
        assert all(w["x1"] <= page.width for page in document.pages for w in page.extract_words())


def test_a_long_period_label_takes_at_most_three_lines_and_a_long_event_title_is_located() -> None:
    label = "The years of revolution, civil war and the New Economic Policy under Lenin " * 4
    text = SMALL_UNIT + f"periods:\n  - {{label: \"{label.strip()}\", start: 1917, end: 1918}}\n"
    (band,) = laid_out(text).bands
    assert len(band.lines) == 3 and band.lines[-1].endswith("…")
    title = "A treaty signed after long talks between the two foreign ministers " * 8
    with pytest.raises(LayoutError) as caught:
        laid_out(SMALL_UNIT.replace("title: Treaty of Rapallo", f"title: {title.strip()}"))
    (item,) = caught.value.items
    assert item.path == ("events", 1, "title") and item.message.startswith("the title takes ")
    assert "shorten it to at most about" in (item.hint or "")
