"""Where labels go: type that grows with the paper, every event placed with a leader no one can
misread, and beyond the poster's capacity what fits by priority, with a warning, never an error."""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
import yaml
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.kinds.timeline.draw import render
from compiler.kinds.timeline.layout import Poster, design_scale
from compiler.kinds.timeline.plan import plan
from compiler.outputs import Context, Settings, Target
from compiler.source import load_text
from compiler.theme import MM, PAPER, load_theme
from compiler.validate import validate_unit
from compiler.wording import Wording
from tests.conftest import BESIDE_SHIPPED, SHIPPED_UNIT, SMALL_UNIT, overlapping_words
from tests.kinds.timeline.posters import (
    ROMAN,
    drawn_poster_faults,
    generated_unit,
    geometry_faults,
    laid_out,
    leader_faults,
    rendered,
    timeline_plan,
    unit_text,
)

# The least median size of label text on each paper, in real points (issue 14).
LEAST_LABEL_SIZE = {"a3": 9, "tabloid": 9, "a2": 12, "a1": 17, "a0": 24}


def label_chars(pdf: Path, poster: Poster) -> tuple[list[dict], list[dict]]:
    """The characters of the labels' titles and of their dates, as read from the PDF: those in
    each label's box, below or within its date row."""
    titles, dates = [], []
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        scale = poster.scale
        for label in poster.labels:
            x0, x1 = label.x * scale, (label.x + label.width) * scale
            top = page.height - (label.y + label.height) * scale
            bottom = page.height - label.y * scale
            head = top + (label.head + 2.5) * scale
            inside = [c for c in page.chars if x0 < c["x0"] < x1 and top < c["top"] < bottom]
            titles += [c for c in inside if c["top"] >= head - 1]
            dates += [c for c in inside if c["top"] < head - 1 and c["text"].isdigit()]
    return titles, dates


@pytest.mark.parametrize("paper", ["a3", "tabloid", "a2", "a1", "a0"])
def test_label_type_grows_with_the_paper(paper: str, unit_file, tmp_path: Path) -> None:
    build(Request(paths=(unit_file(ROMAN),), out=tmp_path, settings=Settings(only=("timeline",), poster=paper)))
    poster = laid_out(ROMAN, poster=paper)
    titles, dates = label_chars(tmp_path / "rome" / "timeline.pdf", poster)
    assert statistics.median(c["size"] for c in titles) >= LEAST_LABEL_SIZE[paper]
    assert min(c["size"] for c in dates) >= 7 * design_scale(paper) - 0.01
    key = {round(c["size"], 1) for c in titles if "Bold" in c["fontname"]}
    plain = {round(c["size"], 1) for c in titles if "Bold" not in c["fontname"]}
    assert min(key) > max(plain)  # key events: larger, and bold
    assert design_scale(paper) == pytest.approx(max(1.0, (PAPER[paper][0] * PAPER[paper][1]
                                                           / (PAPER["a3"][0] * PAPER["a3"][1])) ** 0.5))


def test_the_shipped_unit_fits_an_a3_poster_with_every_event_and_unambiguous_leaders() -> None:
    text = SHIPPED_UNIT.read_text(encoding="utf-8")
    poster = laid_out(text, poster="a3")
    assert len(poster.labels) == len(yaml.safe_load(text)["events"]) == 99 and not poster.warnings
    assert not list(geometry_faults(poster))
    assert min(label.size for label in poster.labels) >= 9
    assert {label.above for label in poster.labels} == {True, False}  # both sides of the axis
    assert max(abs(label.column - label.anchor) for label in poster.labels) > 20  # leaders fan out


def test_the_shipped_poster_has_no_overlapping_words(shipped: Callable[[str], Path]) -> None:
    pdf = shipped("a4") / "timeline.pdf"
    assert not overlapping_words(pdf)
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1684, 1191)  # A2 landscape


def clustered_unit(clusters: int, size: int, first_year: int = 1900, years: int = 100) -> str:
    """``clusters`` bunches of ``size`` events, each within a month and a half (under 2 % of the
    axis), spread over ``years``."""
    lines = ["format: 1\nunit: {id: clusters, title: Clustered events}\nevents:"]
    for k in range(clusters):
        year = first_year + k * years // clusters
        for n in range(size):
            key = ", key: true" if n == 0 and k % 3 == 0 else ""
            lines.append(f"  - {{id: e{k}-{n}, date: {year}-{1 + n // 5:02d}-{1 + 5 * (n % 5):02d}, "
                         f"title: Event {n} of cluster {k} in {year}{key}}}")
    return "\n".join(lines) + "\n"


def test_a_hundred_events_in_tight_clusters_fit_a3() -> None:
    poster = laid_out(clustered_unit(10, 10), poster="a3")
    assert len(poster.labels) == 100 and not poster.omitted and not poster.warnings
    assert not list(geometry_faults(poster))


def test_ten_events_on_one_day_fan_out_from_their_mark() -> None:
    text = clustered_unit(1, 10).replace("date: 1900-01-", "date: 1939-09-").replace("date: 1900-02-", "date: 1939-09-")
    text = re.sub(r"date: 1939-09-\d\d", "date: 1939-09-01", text)
    text += "  - {id: start, date: 1930, title: Start}\n  - {id: end, date: 1950, title: End}\n"
    poster = laid_out(text, poster="a3")
    assert len(poster.labels) == 12 and not list(geometry_faults(poster))
    same_day = [label for label in poster.labels if label.date == "1 Sep 1939"]
    assert len(same_day) == 10 and len({round(label.anchor, 3) for label in same_day}) == 1
    for side in (True, False):  # in date order (their order in the unit) along each side
        columns = [label.column for label in same_day if label.above == side]
        assert columns == sorted(columns)


def test_a_generated_unit_of_300_events_has_no_clashes(tmp_path: Path, unit_file) -> None:
    """300 labels are more than an A1 sheet holds at 17 pt (the A3 design, twice the size): what
    fits is shown, without a clash."""
    text = re.sub(r"date: (\d{4})", lambda m: f"date: {1400 + 2 * (int(m.group(1)) - 1700)}", generated_unit(300))
    poster = laid_out(text)
    assert len(poster.labels) + poster.omitted == 300 and len(poster.labels) > 80
    assert not list(geometry_faults(poster))
    build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline",))))
    assert not overlapping_words(tmp_path / "many" / "timeline.pdf")


def test_the_leader_check_sees_a_leader_behind_a_box() -> None:
    poster = laid_out(ROMAN)
    assert not list(leader_faults(poster))
    first, second = poster.labels[0], poster.labels[1]
    moved = type(first)(**{**first.__dict__, "leader": ((first.anchor, poster.axis_y),
                                                        (second.x + 4, second.y - 1 if second.above else second.y + 1),
                                                        (second.x + 4, second.y + second.height / 2))})
    faults = list(leader_faults(type(poster)(**{**poster.__dict__, "labels": (moved, *poster.labels[1:])})))
    assert any("runs within" in fault for fault in faults)


@pytest.mark.parametrize("paper", ["a3", "a2", "tabloid"])
def test_poster_paper_from_the_command_line(paper: str) -> None:
    poster = laid_out(ROMAN, poster=paper)
    width, height = poster.paper
    assert (width, height) == pytest.approx((max(PAPER[paper]), min(PAPER[paper])))
    assert poster.size == pytest.approx((width / poster.scale, height / poster.scale))


def test_a_long_event_title_is_cut_with_a_located_warning(unit_file, tmp_path: Path) -> None:
    title = "A treaty signed after long talks between the two foreign ministers " * 8
    text = SMALL_UNIT.replace("title: Treaty of Rapallo", f"title: {title.strip()}")
    poster = laid_out(text)
    (cut,) = [label for label in poster.labels if label.path == ("events", 1)]
    assert len(cut.lines) == 4 and cut.lines[-1].endswith("…")
    (item,) = poster.warnings
    assert item.path == ("events", 1, "title") and item.message.startswith("the title takes ")
    assert "shorten it to at most about" in (item.hint or "")
    report = build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline", "handout"))))
    assert report.ok and (tmp_path / "small" / "timeline.pdf").is_file()
    (warning, *_) = report.all_warnings()
    assert warning.path == "events[1].title" and warning.line > 0


# Words to make titles of in several scripts: long Russian and German words, Greek, English.
TITLE_WORDS = {
    "ru": "Вступление России в Первую мировую войну и всеобщая мобилизация Преобразование "
          "Народного комиссариата иностранных дел индустриализации коллективизации",
    "de": "Unterzeichnung des Nichtangriffspaktes Reichstagsbrandverordnung und "
          "Friedensverhandlungen der Wirtschaftsgemeinschaft Bevollmächtigten",
    "el": "Υπογραφή της Συνθήκης Ανεξαρτησίας και η Επανάσταση των Βαλκανικών "
          "Πολέμων διαπραγματεύσεις",
    "en": "Signing of the Treaty of Friendship and Neutrality between the Soviet Union and "
          "Germany after long negotiations",
}


def generated_title(language: str, length: int) -> str:
    """Words of ``language`` taken in turn until the title is about ``length`` characters."""
    words, title = itertools.cycle(TITLE_WORDS[language].split()), ""
    while len(title) < length - 4:
        title = f"{title} {next(words)}".strip()
    return title


def test_a_short_title_is_printed_whole_in_a_wider_box(tmp_path: Path) -> None:
    """The Cyrillic stress unit's key event "Вступление России в Первую мировую войну" (40
    characters, bold at 1.25×) took five lines at 8 ems and was printed cut as "мирову…"."""
    faults = drawn_poster_faults(unit_text("russian.yaml"), tmp_path)
    assert not [f for f in faults if "cut short" in f or "not on the poster" in f], faults
    with pdfplumber.open(tmp_path / "timeline.pdf") as document:
        words = {word["text"] for word in document.pages[0].extract_words()}
    ww1 = "Вступление России в Первую мировую войну"
    assert set(ww1.split()) <= words
    assert not [word for word in words if "…" in word]


def test_titles_of_30_to_80_characters_in_any_script_are_never_cut(tmp_path: Path) -> None:
    """Long words, key events in bold at 1.25×, spans whose date line is wider than the title:
    every title up to 80 characters is printed whole, in at most four lines and 16 ems."""
    events = []
    for n, (language, length) in enumerate(itertools.product(TITLE_WORDS, range(30, 81, 10))):
        span = f", end: {1801 + 2 * n}-11-11" if n % 3 == 1 else ""
        key = ", key: true" if n % 3 == 0 else ""
        events.append(f"  - {{id: e{n}, date: {1800 + 2 * n}-08-01{span}, "
                      f"title: \"{generated_title(language, length)}\"{key}}}")
    text = "format: 1\nunit: {id: scripts, title: Titles in four scripts}\nevents:\n" + "\n".join(events) + "\n"
    poster = laid_out(text)
    titles = {("events", n): yaml.safe_load(line[4:])["title"] for n, line in enumerate(events)}
    assert len(poster.labels) == len(events) and not poster.warnings
    for label in poster.labels:
        assert " ".join(label.lines) == titles[label.path] and len(label.lines) <= 4
        assert label.width <= 16 * label.size + 2 * 2.5 or any(" " not in line for line in label.lines)
    (tmp_path / "timeline.pdf").write_bytes(rendered(text))
    with pdfplumber.open(tmp_path / "timeline.pdf") as document:
        assert "…" not in document.pages[0].extract_text()


def test_two_thousand_events_show_what_fits_by_priority_and_warn(unit_file, tmp_path: Path) -> None:
    """Beyond capacity: key events first, then an even spread; the poster says how many it
    leaves out, the build warns and writes every other output of the unit."""
    text = generated_unit(2000, first_year=1000, per_year=4, paper="a3")
    text = text.replace("title: Generated event number 1500 happens}", "title: A key event, key: true}")
    poster = laid_out(text)
    shown = {label.path[1] for label in poster.labels}
    assert poster.omitted == 2000 - len(shown) > 1000 and len(shown) > 40
    assert 1500 in shown and min(label.size for label in poster.labels) >= 9
    assert not list(geometry_faults(poster))
    years = sorted(1000 + n / 4 for n in shown)
    gaps = [b - a for a, b in itertools.pairwise(years)]
    assert max(gaps) <= 2.5 * (years[-1] - years[0]) / len(gaps)  # spread evenly over the 500 years
    (warning,) = poster.warnings
    assert warning.path == ("events",) and f"{poster.omitted} of the 2000 events" in warning.message


def test_a_poster_too_full_still_builds_with_its_unit(unit_file, tmp_path: Path) -> None:
    text = generated_unit(400, first_year=1939, per_year=12, paper="a3").replace(
        "unit: {id: many, title: Many events}", "unit: {id: many, title: Many events}\nglossary: [{term: a, definition: b}]")
    report = build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline", "handout"))))
    assert report.ok, report.all_problems()
    assert {"timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf", "handout.pdf"} <= {
        p.name for p in (tmp_path / "many").iterdir()}
    warnings = report.all_warnings()
    assert warnings and all(w.path == "events" and "events do not fit on the A3 poster" in w.message
                            for w in warnings)
    assert "--poster-paper a2" in (warnings[0].hint or "")
    note = " ".join(PdfReader(tmp_path / "many" / "timeline.pdf").pages[0].extract_text().split())
    omitted = int(re.search(r"(\d+) further events are not shown on this poster", note).group(1))
    assert warnings[0].message.startswith(f"{omitted} of the 400 events")


def test_key_events_show_their_detail_when_there_is_room(unit_file, tmp_path: Path) -> None:
    detail = "Caesar is stabbed to death in the Senate by a group of senators led by Brutus and Cassius."
    text = ROMAN.replace("title: Caesar assassinated, themes: [politics], key: true}",
                         f"title: Caesar assassinated, themes: [politics], key: true, detail: {detail}}}")
    text = text.replace("title: Gauls sack Rome, themes: [war]}", "title: Gauls sack Rome, themes: [war], detail: Not key}")
    poster = laid_out(text)
    (shown,) = [label for label in poster.labels if label.detail]
    assert " ".join(shown.lines) == "Caesar assassinated" and " ".join(shown.detail) == detail
    build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("timeline",))))
    with pdfplumber.open(tmp_path / "rome" / "timeline.pdf") as document:
        words = document.pages[0].extract_words(extra_attrs=["size"])
    sizes = {w["text"]: w["size"] for w in words}
    assert "Brutus" in sizes and "Not key" not in " ".join(w["text"] for w in words)
    assert sizes["Brutus"] < sizes["assassinated"]
    assert not list(geometry_faults(poster))


def test_a_blank_poster_too_full_keeps_three_blanks_and_its_key_events() -> None:
    """Beyond capacity, a blank poster first turns blanks back into labels, down to three (the
    key ones first), and then leaves out events, never its blanks or key events."""
    text = generated_unit(400, first_year=1939, per_year=12, paper="a3")
    text = text.replace("title: Generated event number 7 happens}", "title: Generated event number 7 happens, key: true}")
    poster = laid_out(text, "blank")
    planned = timeline_plan(text, "blank").events
    blanks = {label.path for label in poster.labels if label.blank}
    assert poster.omitted and len(blanks) == 3 and ("events", 7) in blanks
    assert {event.path for event in planned if event.key} <= {label.path for label in poster.labels}
    assert blanks <= {event.path for event in planned if event.blank}


def blank_pages(text: str, paper: str, folder: Path) -> tuple[Path, Path]:
    """The unit's blank poster and its key, drawn on ``paper``."""
    unit = validate_unit(load_text(text, BESIDE_SHIPPED))
    context = Context(Settings(paper="a4", poster=paper), PAPER["a4"], load_theme(), Wording())
    pdfs = []
    for name, variant in (("timeline-blank.pdf", {"variant": "blank"}),
                          ("timeline-blank-key.pdf", {"variant": "blank", "key": True})):
        pdfs.append(folder / name)
        pdfs[-1].write_bytes(render(plan(unit, Target("timeline", name, None, variant), context), context).pdf)
    return pdfs[0], pdfs[1]


def write_ins_and_boxes(pdf: Path) -> tuple[list[tuple[float, ...]], list[tuple[float, ...]], str]:
    """The dashed write-in boxes, every other box (labels, bands, bars), and the page's text."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        dashed = [r for r in page.rects if not r["fill"] and r.get("dash") and r["dash"][0]]
        boxes = [r for r in page.rects if r["fill"]]
        text = " ".join(page.extract_text().split())
    return ([(r["x0"], r["top"], r["width"], r["height"]) for r in dashed],
            [tuple(round(r[k], 2) for k in ("x0", "top", "x1", "bottom")) for r in boxes], text)


# The shipped unit's blank poster on each paper: the events whose titles are left to write in
# (the key's words in each write-in box, left to right), as the search for which blanks still fit
# chooses them; making that search faster must not change its choice.
KEPT_BLANKS = {
    "a3": ["Comintern founded in Moscow", "Franco-Soviet Treaty of Mutual Assistance", "Seventh Comintern Congress",
           "Anti-Comintern Pact"],
    "a2": ["Bolshevik (October) Revolution", "Comintern founded in Moscow", "Treaty of Berlin",
           "Franco-Soviet Treaty of Mutual Assistance", "Spanish Civil War", "Anti-Comintern Pact",
           "Nazi–Soviet Pact"],
}


@pytest.mark.parametrize("paper", ["a3", "a2"])
def test_the_shipped_blank_poster_keeps_the_same_blanks(paper: str, tmp_path: Path) -> None:
    """The blanks kept (the most important first, each only if every event still fits with it)
    are the same events on the same paper, and the key answers each in its write-in box."""
    student, key = blank_pages(SHIPPED_UNIT.read_text(encoding="utf-8"), paper, tmp_path)
    write_ins, _, _ = write_ins_and_boxes(student)
    with pdfplumber.open(key) as document:
        page = document.pages[0]
        answers = [" ".join(word["text"] for word in page.within_bbox((x0 - 1, top - 1, x0 + w + 1, top + h + 1))
                            .extract_words())
                   for x0, top, w, h in sorted(write_ins)]
    assert answers == KEPT_BLANKS[paper]


@pytest.mark.parametrize("paper", ["a2", "a3"])
def test_the_shipped_blank_poster_shows_every_event_with_at_least_three_blanks(
        paper: str, shipped: Callable[[str], Path], tmp_path: Path) -> None:
    """A blank poster is an exercise on the whole timeline: blanks are turned back into labels
    (fewer blanks) before any event is left out; the key is the same poster, answers shown."""
    text = SHIPPED_UNIT.read_text(encoding="utf-8")
    if paper == "a2":  # the unit's own poster paper: the session's build
        student, key = shipped("a4") / "timeline-blank.pdf", shipped("a4") / "timeline-blank-key.pdf"
    else:
        student, key = blank_pages(text, paper, tmp_path)
    write_ins, boxes, words = write_ins_and_boxes(student)
    key_write_ins, key_boxes, key_words = write_ins_and_boxes(key)
    assert len(write_ins) >= 3 and not key_write_ins
    assert all(w >= 45 * MM - 0.1 and h >= 12 * MM - 0.1 for _, _, w, h in write_ins)
    assert "not shown on this poster" not in words and "not shown on this poster" not in key_words
    assert boxes == key_boxes  # the same labels in the same places
    poster = laid_out(text, "blank", paper)
    assert len(poster.labels) == 99 and not poster.omitted and not poster.warnings
