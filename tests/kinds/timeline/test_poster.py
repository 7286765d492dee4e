"""What the poster draws, read back from the PDF: key events, markers and the legend; and issue
14's "Done means" on every stress unit: words apart and on the sheet, leaders that cross
nothing and join a mark to a box, type that grows with the paper, every event shown or counted.
Each check is first shown to fail on a small page drawn with the fault."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.theme import PAPER
from tests.conftest import SHIPPED_UNIT
from tests.kinds.timeline.posters import (
    ROMAN,
    Sheet,
    clustered_unit,
    crossing_leader_faults,
    crowded_unit,
    cut_text_faults,
    drawn_poster_faults,
    laid_out,
    leader_box_faults,
    leader_end_faults,
    legend_faults,
    missing_event_faults,
    off_page_faults,
    overlapping_word_faults,
    poster_faults,
    read_sheets,
    segments_clash,
    text_size_faults,
    timeline_plan,
    title_faults,
    unit_data,
    unit_events,
    unit_text,
)


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


# Each check finds the fault it is for on a page drawn with it (an A3 sheet, so design points
# are real points), and nothing on the same page drawn right.

A3 = (max(PAPER["a3"]), min(PAPER["a3"]))
AXIS_Y = 400.0  # in ReportLab's coordinates, y up


def drawn(tmp_path: Path, draw: Callable[[Canvas], None], size: tuple[float, float] = A3) -> Path:
    """A one-page PDF with an axis from x 50 to 1100, and whatever ``draw`` adds."""
    path = tmp_path / "drawn.pdf"
    canvas = Canvas(str(path), pagesize=size)
    canvas.setLineWidth(1.2)
    canvas.line(50, AXIS_Y, 1100, AXIS_Y)
    for x in range(100, 1100, 100):  # ticks straddle the axis: not leaders
        canvas.line(x, AXIS_Y - 3, x, AXIS_Y + 3)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


def label(canvas: Canvas, x: float, y: float, text: str, leader_from: float | None = None, size: float = 8) -> None:
    """A boxed label with its bottom left corner at (x, y), and a leader from its event's mark
    at ``leader_from`` on the axis straight up to the box's bottom edge."""
    width = len(text) * size * 0.55 + 6
    if leader_from is not None:
        canvas.setLineWidth(0.6)
        canvas.line(leader_from, AXIS_Y, leader_from, y)
        canvas.circle(leader_from, AXIS_Y, 2.2, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, width, size + 6, stroke=1, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont("Helvetica", size)
    canvas.drawString(x + 3, y + 4, text)


def sheet(pdf: Path) -> Sheet:
    (page,) = read_sheets(pdf)
    return page


def test_overlapping_words_are_found(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(200, 600, "Treaty of Rapallo")
        canvas.drawString(215, 603, "Genoa Conference")

    faults = overlapping_word_faults(drawn(tmp_path, draw))
    assert "page 1: 'Genoa' overlaps 'Rapallo'" in faults
    assert not overlapping_word_faults(drawn(tmp_path, lambda c: c.drawString(200, 600, "Treaty of Rapallo")))


def test_characters_off_the_sheet_are_found(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 20)
        canvas.drawString(A3[0] - 60, 700, "A title too long")

    faults = off_page_faults(sheet(drawn(tmp_path, draw)))
    assert faults and all("is off the sheet" in f for f in faults)
    assert {f.split("'")[1] for f in faults} <= set("A title too long")
    assert not off_page_faults(sheet(drawn(tmp_path, lambda c: c.drawString(60, 700, "A title"))))


def test_crossing_leaders_are_found_and_leaders_meeting_at_one_mark_are_not(tmp_path: Path) -> None:
    def crossing(canvas: Canvas) -> None:
        label(canvas, 400, 500, "Second event")
        canvas.circle(300, AXIS_Y, 2.2, stroke=0, fill=1)
        canvas.line(300, AXIS_Y, 300, 450)  # the first event's leader, in three strokes: up, right…
        canvas.line(300, 450, 420, 450)
        canvas.line(420, 450, 420, 500)  # …and up to its box
        label(canvas, 220, 520, "First event")
        path = canvas.beginPath()  # the second's, bent, drawn as one path: it crosses the first's
        path.moveTo(350, AXIS_Y)
        path.lineTo(350, 430)
        path.lineTo(250, 520)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.circle(350, AXIS_Y, 2.2, stroke=0, fill=1)

    page = sheet(drawn(tmp_path, crossing))
    assert len(page.leaders) == 2 and not leader_end_faults(page)
    assert crossing_leader_faults(page) == [("page 1: the leader to 'First event' crosses the leader to "
                                            "'Second event' at (328, 392)")]

    def fanned(canvas: Canvas) -> None:  # three leaders from one mark, fanning out to three boxes
        for k, x in enumerate((300, 400, 500)):
            path = canvas.beginPath()
            path.moveTo(400, AXIS_Y)
            path.lineTo(x, 460 + 10 * k)
            path.lineTo(x, 500 + 10 * k)
            canvas.drawPath(path, stroke=1, fill=0)
            label(canvas, x - 20, 500 + 10 * k, f"Event {k}")
        canvas.circle(400, AXIS_Y, 2.2, stroke=0, fill=1)
        for rise, x in ((30, 650), (50, 750)):  # two from one mark along a common stretch, then apart
            path = canvas.beginPath()
            path.moveTo(700, AXIS_Y)
            path.lineTo(700, AXIS_Y + rise)
            path.lineTo(x, 470)
            path.lineTo(x, 500)
            canvas.drawPath(path, stroke=1, fill=0)
            label(canvas, x - 20, 500, f"Event at {x}")
        canvas.circle(700, AXIS_Y, 2.2, stroke=0, fill=1)

    page = sheet(drawn(tmp_path, fanned))
    assert len(page.leaders) == 5 and not crossing_leader_faults(page) and not leader_end_faults(page)


def test_segments_clash_where_they_cross_touch_or_overlap_and_not_where_they_share_an_end() -> None:
    assert segments_clash(((0, 0), (10, 10)), ((0, 10), (10, 0))) == (5, 5)
    assert segments_clash(((0, 0), (10, 0)), ((5, 0), (5, 8))) == (5, 0)  # one ends on the other
    assert segments_clash(((0, 0), (10, 0)), ((6, 0), (20, 0))) == (8, 0)  # along each other
    assert segments_clash(((0, 0), (10, 0)), ((0, 0), (0, 8))) is None  # from one point
    assert segments_clash(((0, 0), (10, 0)), ((0, 0.1), (10, 2))) is None  # a hair apart, diverging
    assert segments_clash(((0, 0), (10, 0)), ((0, 1), (10, 1))) is None


def test_a_leader_through_a_box_or_a_word_or_too_near_a_box_is_found(tmp_path: Path) -> None:
    def behind(canvas: Canvas) -> None:
        label(canvas, 280, 430, "Near the axis")
        label(canvas, 280, 480, "Far from it", leader_from=300)  # its leader passes behind the first box

    assert [f for f in leader_box_faults(sheet(drawn(tmp_path, behind))) if "passes through the box of 'Near" in f]

    def through_word(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(280, 440, "Unboxed words")
        label(canvas, 280, 480, "Far from it", leader_from=300)

    faults = leader_box_faults(sheet(drawn(tmp_path, through_word)))
    assert any("runs through the word 'Unboxed'" in f for f in faults)

    def grazing(canvas: Canvas) -> None:
        label(canvas, 301, 430, "Beside the leader")  # 1 pt from the leader beside it
        label(canvas, 280, 480, "Far from it", leader_from=300)

    faults = leader_box_faults(sheet(drawn(tmp_path, grazing)))
    assert len(faults) == 1 and " runs 1.0 pt from the box of 'Beside the leader'" in faults[0]

    def four_points_off(canvas: Canvas) -> None:
        label(canvas, 304, 430, "Beside the leader")
        label(canvas, 280, 480, "Far from it", leader_from=300)

    assert not leader_box_faults(sheet(drawn(tmp_path, four_points_off)))  # A3: 4 pt is room enough
    a0 = (max(PAPER["a0"]), min(PAPER["a0"]))  # the A3 design enlarged 2.83 times: 4 pt is 1.4 design points
    faults = leader_box_faults(sheet(drawn(tmp_path, four_points_off, a0)))
    assert len(faults) == 1 and " runs 1.4 pt from the box of 'Beside the leader'" in faults[0]

    def clear(canvas: Canvas) -> None:
        label(canvas, 304, 430, "Beside the leader")
        label(canvas, 280, 480, "Far from it", leader_from=300)
        canvas.line(600, AXIS_Y, 600, AXIS_Y - 5)  # a tick below the axis only: not a leader
        canvas.roundRect(700, 470, 80, 20, 4, stroke=1, fill=0)  # a rounded box is a box
        canvas.drawString(705, 476, "Rounded")
        canvas.line(720, AXIS_Y, 720, 470)
        canvas.circle(720, AXIS_Y, 2.2, stroke=0, fill=1)

    page = sheet(drawn(tmp_path, clear))
    assert len(page.leaders) == 2 and not leader_box_faults(page) and not leader_end_faults(page)


def test_a_leader_from_no_mark_or_to_no_box_or_over_another_mark_is_found(tmp_path: Path) -> None:
    def unmarked(canvas: Canvas) -> None:
        canvas.line(300, AXIS_Y, 300, 480)  # no mark where it leaves the axis
        label(canvas, 280, 480, "An event")
        canvas.line(500, AXIS_Y, 500, 520)  # leads nowhere
        canvas.circle(500, AXIS_Y, 2.2, stroke=0, fill=1)
        label(canvas, 600, 480, "Its label", leader_from=None)

        path = canvas.beginPath()  # along the axis, over another event's mark
        path.moveTo(800, AXIS_Y)
        path.lineTo(900, AXIS_Y + 1)
        path.lineTo(900, 480)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.circle(800, AXIS_Y, 2.2, stroke=0, fill=1)
        canvas.circle(850, AXIS_Y, 2.2, stroke=0, fill=1)
        label(canvas, 880, 480, "Its own")

    faults = leader_end_faults(sheet(drawn(tmp_path, unmarked)))
    assert len(faults) == 3
    assert "the leader to 'Its own' passes over another event's mark at (850, 442)" in faults[2]
    assert "the leader to 'An event' starts at (300, 442), at no event mark" in faults[0]
    assert "ends in the open at (500, 322)" in faults[1]


def test_small_label_text_and_a_small_title_are_found(tmp_path: Path) -> None:
    def poster(title: float, labels: float) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            canvas.setFont("Helvetica", title)
            canvas.drawString(50, 780, "Title")
            for k in range(8):
                label(canvas, 100 + 120 * k, 450, f"Event {k}", leader_from=110 + 120 * k, size=labels)
        return draw

    faults = text_size_faults(sheet(drawn(tmp_path, poster(title=20, labels=8))))
    assert faults == ["page 1: median text 8.0 pt on A3, below 9 pt",
                      "page 1: the title's 20.0 pt is less than three times the labels' 8.0 pt"]
    assert not text_size_faults(sheet(drawn(tmp_path, poster(title=27, labels=9))))
    a0 = (max(PAPER["a0"]), min(PAPER["a0"]))
    assert text_size_faults(sheet(drawn(tmp_path, poster(title=60, labels=20), a0)))[0].endswith("below 24 pt")
    tabloid = (max(PAPER["tabloid"]), min(PAPER["tabloid"]))
    assert not text_size_faults(sheet(drawn(tmp_path, poster(title=27, labels=9), tabloid)))


def test_a_missing_event_is_found_unless_the_poster_counts_it(tmp_path: Path) -> None:
    events = [("a", "Treaty of Rapallo"), ("b", "Genoa Conference"), ("c", "Locarno Treaties")]

    def shown(note: str) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            label(canvas, 100, 450, "Treaty of Rapallo", leader_from=110)
            label(canvas, 300, 450, "Genoa Con-", leader_from=310)
            label(canvas, 300, 470, "ference")  # a word broken at a line's end still counts
            canvas.drawString(60, 60, note)
        return draw

    faults = missing_event_faults([sheet(drawn(tmp_path, shown("")))], events)
    assert faults == ["1 of 3 events are not on the poster and it does not say so: 'c' (Locarno Treaties)"]
    counted = [sheet(drawn(tmp_path, shown("1 further events: see the handout's chronology")))]
    assert not missing_event_faults(counted, events)
    miscounted = [sheet(drawn(tmp_path, shown("2 further events: see the handout's chronology")))]
    assert missing_event_faults(miscounted, events) == [("the poster shows 2 of 3 events and says 2 further "
                                                         "events: 2 + 2 ≠ 3")]


def test_a_title_or_a_theme_cut_short_is_found(tmp_path: Path) -> None:
    def cut(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 24)
        canvas.drawString(50, 780, "Soviet Foreign Policy, 1917–…")

        canvas.setFont("Helvetica", 8)
        canvas.drawString(50, 30, "Soviet Foreign Policy, 1917–1941 · CC BY-SA 4.0")  # the footer does not count
        canvas.drawString(700, 780, "● Power struggle and the ho…")

    page = sheet(drawn(tmp_path, cut))
    assert title_faults([page], "Soviet Foreign Policy, 1917–1941") == [
        "the title 'Soviet Foreign Policy, 1917–1941' is not printed in full: 1917–1941 missing"]
    assert not title_faults([page], "Soviet Foreign Policy")
    themes = {"themes": [{"id": "d", "label": "Power struggle and the home front"}]}
    assert legend_faults([page], themes) == ["'Power struggle and the home front' is not printed in full"]
    assert not legend_faults([page], {"themes": [{"id": "d", "label": "Power struggle"}]})
    assert cut_text_faults([page], "title: Soviet Foreign Policy, 1917–1941") == [
        "page 1: '1917–…' at (289, 43) is cut short", "page 1: 'ho…' at (793, 56) is cut short"]
    assert not cut_text_faults([page], "title: Soviet Foreign Policy, 1917–…, and the ho…")


# The stress units of issue 14, each drawn (its poster only, on A3 unless said otherwise: the
# build's other variants would lay it out three more times) and every check applied to its
# timeline.pdf.

STRESS_UNITS: dict[str, Callable[[], str]] = {
    "480 years, a dense last twenty": lambda: unit_text("europe-1500-1980.yaml"),
    "100 events in clusters": clustered_unit,
    "ten events on one day": lambda: unit_text("d-day.yaml"),
    "BC dates": lambda: ROMAN,
    "Cyrillic, a long title": lambda: unit_text("russian.yaml"),
}


@pytest.mark.parametrize("name", STRESS_UNITS)
def test_a_stress_unit_makes_a_clean_a3_poster(name: str, tmp_path: Path) -> None:
    assert drawn_poster_faults(STRESS_UNITS[name](), tmp_path) == []


def test_a_bc_unit_makes_a_clean_tabloid_poster(tmp_path: Path) -> None:
    assert drawn_poster_faults(ROMAN, tmp_path, "tabloid") == []


@pytest.mark.parametrize("paper", ["a3", "a2", "a0"])
def test_the_shipped_unit_makes_a_clean_poster(paper: str, tmp_path: Path) -> None:
    text = SHIPPED_UNIT.read_text(encoding="utf-8")
    assert len(unit_events(unit_data(text))) == 99
    assert drawn_poster_faults(text, tmp_path, paper) == []


def test_the_shipped_build_writes_a_clean_poster(shipped: Callable[[str], Path]) -> None:
    """The session's full build of the shipped unit (its own poster paper, through the build)."""
    assert poster_faults(shipped("a4") / "timeline.pdf", SHIPPED_UNIT.read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The 2,000-event unit built once, its poster and its handout."""
    folder = tmp_path_factory.mktemp("crowded")
    unit = folder / "units" / "crowded.yaml"
    unit.parent.mkdir()
    unit.write_text(crowded_unit(), encoding="utf-8")
    report = build(Request(paths=(unit,), out=folder / "out", settings=Settings(only=("timeline", "handout"))))
    return folder / "out" / "crowded", report


def test_2000_events_still_write_every_output_with_a_warning(crowded) -> None:
    folder, report = crowded
    assert [f"{p.path}: {p.message}" for p in report.all_problems()] == []
    assert report.all_warnings(), "the build must say that the poster leaves events out"
    written = {p.name for p in folder.iterdir()}
    assert {"handout.pdf", "timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf"} <= written


def test_2000_events_make_a_clean_poster_that_counts_what_it_leaves_out(crowded) -> None:
    folder, _ = crowded
    pdf = folder / "timeline.pdf"
    assert pdf.exists(), "no timeline.pdf written"
    assert poster_faults(pdf, crowded_unit()) == []


APPROXIMATE = """\
format: 1
unit: {id: NAME, title: The Enlightenment}
events:
  - {id: principia, date: 1687, title: Principia published}
  - {id: coffee, date: DATE, title: Coffee houses spread}
  - {id: candide, date: 1759, title: Candide published}
  - {id: essay, date: 1784-12, title: An essay on reason}
"""


def test_an_approximate_year_is_labelled_c_and_drawn_where_its_year_is(tmp_path: Path) -> None:
    """The same poster with `date: c. 1750` and with `date: 1750`: the label says "c. 1750" and
    every mark on the axis is at the same place."""
    units = []
    for name, date in (("approximate", "c. 1750"), ("exact", "1750")):
        units.append(tmp_path / f"{name}.yaml")
        units[-1].write_text(APPROXIMATE.replace("NAME", name).replace("DATE", date), encoding="utf-8")
    report = build(Request(paths=tuple(units), out=tmp_path / "out", settings=Settings(only=("timeline",))))
    assert report.ok, report.all_problems()
    marks = {}
    for name in ("approximate", "exact"):
        (sheet,) = read_sheets(tmp_path / "out" / name / "timeline.pdf")
        assert sheet.axis is not None
        marks[name] = sorted(round(leader.start[0], 2) for leader in sheet.leaders)
        text = " ".join(w.text for w in sheet.words)
        assert ("c. 1750" in text) == (name == "approximate"), text
    assert len(marks["exact"]) == 4 and marks["approximate"] == marks["exact"]


MEIJI = """\
format: 1
unit: {id: meiji, title: Meiji Japan}
events:
  - {id: perry, date: 1853-07-08, title: Perry's ships reach Edo Bay, key: true,
     picture: {file: pictures/ship.png, alt: A black steamship, credit: Drawn for this test}}
  - {id: restoration, date: 1868-01-03, title: The Meiji Restoration, picture: {file: pictures/crest.svg, alt: A crest}}
  - {id: domains, date: 1871-08-29, title: Domains become prefectures}
  - {id: constitution, date: 1889-02-11, title: The Meiji Constitution, key: true,
     picture: {file: pictures/ship.png, alt: The same ship}}
  - {id: war, date: 1894-08-01, end: 1895-04-17, title: War with China}
card_sorts:
  - {id: order, title: Put them in order, mode: sequence, events: [perry, restoration, domains, war]}
outputs:
  flashcards: {generate: [events]}
"""
CREST = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
         '<circle cx="50" cy="50" r="45" fill="#c03030"/></svg>')
MM = 72 / 25.4


def meiji_unit(folder: Path, text: str = MEIJI) -> Path:
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), (30, 30, 30)).save(folder / "pictures" / "ship.png")
    (folder / "pictures" / "crest.svg").write_text(CREST, encoding="utf-8")
    (folder / "meiji.yaml").write_text(text, encoding="utf-8")
    return folder / "meiji.yaml"


def apart(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_event_pictures_sit_beside_their_labels_clear_of_every_word_and_each_other(tmp_path: Path, paper: str) -> None:
    unit = meiji_unit(tmp_path)
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(paper=paper, only=("timeline",))))
    assert report.ok and not report.all_warnings(), report.all_warnings()
    folder = tmp_path / "out" / "meiji"
    for name in ("timeline.pdf", "timeline-blank.pdf", "timeline-blank-key.pdf"):
        with pdfplumber.open(folder / name) as document:
            page = document.pages[0]
            words = page.extract_words()
            red = [c for c in page.curves if c.get("fill") and tuple(c.get("non_stroking_color") or ()) == pytest.approx(
                (0xC0 / 255, 0x30 / 255, 0x30 / 255), abs=0.01)]
            pictures = [(p["x0"], p["top"], p["x1"], p["bottom"]) for p in [*page.images, *red]]
            assert len(page.images) == 2 and len(red) == 1, name
            for box in pictures:
                assert box[0] >= 15 * MM - 1 and box[2] <= page.width - 15 * MM + 1
                assert box[1] >= 15 * MM - 1 and box[3] <= page.height - 15 * MM + 1
                assert box[3] - box[1] <= 30 * MM + 0.5 and box[2] - box[0] <= 40 * MM + 0.5
                assert all(apart(box, (w["x0"], w["top"], w["x1"], w["bottom"])) for w in words), name
            for a, b in itertools.combinations(pictures, 2):
                assert apart(a, b)
            for image, title in zip(sorted(page.images, key=lambda i: i["x0"]), ({"ships", "reach", "Edo", "Bay"},
                                                                                  {"Meiji", "Constitution"}), strict=True):
                if name != "timeline.pdf":
                    break  # the blank version's labels are write-in boxes, wider than their words
                distance = min(max(0.0, w["x0"] - image["x1"], image["x0"] - w["x1"], w["top"] - image["bottom"],
                                   image["top"] - w["bottom"]) for w in words if w["text"] in title)
                assert distance < 12, (title, distance)  # beside its own label, a gap and the box's padding away
                assert (image["x1"] - image["x0"]) / (image["bottom"] - image["top"]) == pytest.approx(1.5, rel=0.01)
        assert "Drawn for this test" in page.extract_text()
    with pdfplumber.open(folder / "timeline-tiled.pdf") as document:
        assert sum(len(page.images) for page in document.pages[1:]) >= 2


def test_a_picture_with_no_room_is_left_out_with_a_warning_at_it(tmp_path: Path) -> None:
    events = "\n".join(f"  - {{id: e{n}, date: 18{60 + n}-01-01, title: Reform number {n} of the new state, key: true, "
                       f"picture: {{file: pictures/ship.png, alt: Ship {n}}}}}" for n in range(30))
    unit = meiji_unit(tmp_path, f"format: 1\nunit: {{id: meiji, title: Meiji Japan}}\nevents:\n{events}\n")
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("timeline",))))
    assert report.ok
    left_out = [w for w in report.all_warnings() if "no room beside" in w.message]
    with pdfplumber.open(tmp_path / "out" / "meiji" / "timeline.pdf") as document:
        shown = len(document.pages[0].images)
    assert left_out and 0 < shown < 30
    assert all(w.path.endswith(".picture") and w.path.startswith("events[") for w in left_out)


def test_a_poster_picture_below_150_dpi_is_a_warning(tmp_path: Path) -> None:
    unit = meiji_unit(tmp_path)
    Image.new("RGB", (60, 40), (30, 30, 30)).save(tmp_path / "pictures" / "ship.png")
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("timeline",))))
    assert {w.path for w in report.all_warnings() if "dots per inch" in w.message} == {
        "events[0].picture.file", "events[3].picture.file"}


def test_an_edited_event_picture_rebuilds_the_posters_and_not_the_cards(tmp_path: Path) -> None:
    unit = meiji_unit(tmp_path)
    settings = Settings(only=("timeline", "cardsort", "flashcards"))
    first = build(Request(paths=(unit,), out=tmp_path / "out", settings=settings))
    assert first.ok
    Image.new("RGB", (600, 400), (90, 30, 30)).save(tmp_path / "pictures" / "ship.png")
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=settings))
    assert sorted(o.path for u in report.units for o in u.outputs if o.state == "built") == [
        "meiji/timeline-blank-key.pdf", "meiji/timeline-blank.pdf", "meiji/timeline-tiled.pdf", "meiji/timeline.pdf"]


def test_a_poster_with_pictures_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    unit = meiji_unit(tmp_path)
    for out in ("one", "two"):
        assert build(Request(paths=(unit,), out=tmp_path / out, settings=Settings(only=("timeline",)))).ok
    for name in ("timeline.pdf", "timeline-tiled.pdf"):
        assert (tmp_path / "one" / "meiji" / name).read_bytes() == (tmp_path / "two" / "meiji" / name).read_bytes()
