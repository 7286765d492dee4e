"""The timeline's files tagged (issue 20): read back as a screen reader meets them, the poster is
its title, its summary, the legend, the periods and the events in date order, each with its
date; the printer sheets hold each word once; the blank poster says what its boxes are for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from compiler.build import Request, build
from compiler.outputs import Settings
from tests import tagged
from tests.kinds.timeline.posters import generated_unit, rendered

# Events out of date order in the file; a period too short for its name (its band shows a
# number, the name is in the key); a key event with its detail; an event with no theme.
REVOLUTION = """\
format: 1
unit: {id: revolution, title: Russia in revolution, subtitle: From the war to the Union, licence: CC0}
themes:
  - {id: politics, label: Politics}
  - {id: war, label: War and peace}
periods:
  - {label: Revolution and civil war, start: 1917, end: 1922}
  - {label: The longest name a period could ever have, start: 1918-03, end: 1918-04}
events:
  - {id: ussr, date: 1922-12-30, title: The USSR is founded, themes: [politics], key: true,
     detail: Four republics sign the treaty}
  - {id: october, date: 1917-11-07, title: The October Revolution, themes: [politics], key: true}
  - {id: brest, date: 1918-03-03, title: Treaty of Brest-Litovsk, themes: [war]}
  - {id: civil, date: 1918-05, end: 1920-11, title: The Civil War, themes: [war]}
  - {id: nep, date: 1921-03-21, title: The New Economic Policy}
  - {id: kronstadt, date: 1921-03-01, title: The Kronstadt rising, themes: [war]}
"""
IN_DATE_ORDER = [("7 Nov 1917", "The October Revolution"), ("3 Mar 1918", "Treaty of Brest-Litovsk"),
                 ("May 1918 – Nov 1920", "The Civil War"), ("1 Mar 1921", "The Kronstadt rising"),
                 ("21 Mar 1921", "The New Economic Policy"), ("30 Dec 1922", "The USSR is founded")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``built(paper, text)``: the folder of the unit's four timeline files, built once a module."""
    folders: dict[tuple[str, str], Path] = {}

    def build_once(paper: str = "a4", text: str = REVOLUTION) -> Path:
        if (paper, text) not in folders:
            folder = tmp_path_factory.mktemp(f"timeline-{paper}")
            (folder / "pictures").mkdir()
            Image.new("RGB", (600, 400), (30, 30, 30)).save(folder / "pictures" / "ship.png")
            (folder / "unit.yaml").write_text(text, encoding="utf-8")
            report = build(Request(paths=(folder / "unit.yaml",), out=folder / "out",
                                   settings=Settings(paper=paper, only=("timeline",))))
            assert report.ok, report.all_problems()
            (unit,) = (folder / "out").glob("*/timeline.pdf")
            folders[paper, text] = unit.parent
        return folders[paper, text]

    return build_once


def items(read: tagged.Tagged) -> list[tagged.Element]:
    """The list items of the events' list (the last list of the poster)."""
    (part,) = [e for e in read.elements() if e.role == "Part"]
    events = [e for e in part.children if e.role == "L"][-1]
    return events.children


def summary(read: tagged.Tagged) -> str | None:
    """The alternative text of the poster as a whole: the Figure its part opens with."""
    (part,) = [e for e in read.elements() if e.role == "Part"]
    assert part.children[0].role == "Figure"
    return part.children[0].alt


def date_and_title(item: tagged.Element) -> tuple[str, str]:
    label, body = item.children[:2]
    assert (label.role, body.role) == ("Lbl", "LBody")
    return label.text, body.text


def bodies(read: tagged.Tagged) -> dict[str, tagged.Element]:
    """Each event's LBody, by its title."""
    return {date_and_title(item)[1]: item.children[1] for item in items(read)}


def test_the_poster_reads_its_title_legend_periods_and_then_each_event_with_its_date_in_date_order(built) -> None:
    read = tagged.read(built() / "timeline.pdf")
    assert read.untagged == ""
    assert read.roles()[:5] == ["StructTreeRoot", "Document", "H1", "P", "Part"]
    assert read.headings() == [(1, "Russia in revolution"), (2, "Themes in this unit"), (2, "Periods")]
    assert [date_and_title(item) for item in items(read)] == IN_DATE_ORDER
    assert tagged.in_order(read.reading(), *["Russia in revolution", "From the war to the Union", "Themes in this unit",
                                     "Politics", "War and peace", "Periods", "Revolution and civil war",
                                     "The longest name a period could ever have", "7 Nov 1917"])
    assert summary(read) == "Timeline of 6 events, 1917–1922"
    assert read.outline == [(0, "Russia in revolution"), (1, "Themes in this unit"), (1, "Periods")]


def test_furniture_and_drawing_are_artifacts_and_each_period_is_read_once(built) -> None:
    read = tagged.read(built() / "timeline.pdf")
    reading = read.reading()
    assert "Russia in revolution · CC0" in read.artifact and "CC0" not in reading  # the footer
    assert "1919" in read.artifact and "1919" not in reading  # the axis's years
    assert reading.count("Revolution and civil war") == 1 and reading.count("The longest name") == 1
    # the short period's band shows its number, which the key explains: the number is no word to read
    periods = [e for e in read.elements() if e.role == "Sect"][1]
    assert [item.all_text() for item in periods.children[1].children] == [
        "Revolution and civil war", "The longest name a period could ever have"]


def test_an_events_marker_is_read_as_its_theme_and_its_detail_follows_its_title(built) -> None:
    read = tagged.read(built() / "timeline.pdf")
    by_title = bodies(read)
    assert [e.alt for e in by_title["Treaty of Brest-Litovsk"].children if e.role == "Figure"] == ["Theme: War and peace"]
    assert [e.role for e in by_title["The New Economic Policy"].children] == []  # no theme: its dot is no word
    ussr = by_title["The USSR is founded"]
    assert [(e.role, e.alt or e.text) for e in ussr.children] == [("P", "Four republics sign the treaty"),
                                                                 ("Figure", "Theme: Politics")]


def test_a_crowded_poster_counts_the_events_it_shows_and_says_how_many_it_leaves_out(tmp_path: Path) -> None:
    pdf = tmp_path / "timeline.pdf"
    pdf.write_bytes(rendered(generated_unit(250, first_year=1939, per_year=12, paper="a3")))
    read = tagged.read(pdf)
    shown = len(items(read))
    assert 0 < shown < 250 and read.untagged == ""
    assert summary(read) == f"Timeline of {shown} events, 1939–1959"
    assert read.reading().endswith(f"{250 - shown} further events are not shown on this poster")


def test_the_blank_poster_says_what_its_boxes_are_for_and_its_key_gives_the_answers(built) -> None:
    student, key = (tagged.read(built() / name) for name in ("timeline-blank.pdf", "timeline-blank-key.pdf"))
    assert student.untagged == key.untagged == ""
    assert student.roles()[2:4] == ["H1", "P"] and "Write the missing event in each box." in student.reading()
    assert "Answer key — teacher copy" in key.reading()
    boxes = [item for item in items(student) if any(e.alt == "Box to write the missing event in"
                                                    for e in item.children[1].children)]
    assert len(boxes) >= 3
    for item in boxes:
        date, title = date_and_title(item)
        assert title == "" and date
    assert [date_and_title(item) for item in items(key)] == IN_DATE_ORDER
    assert not [e for e in key.elements() if e.alt and e.alt.startswith("Box")]


def test_blank_dates_are_boxes_in_the_place_of_the_date(built) -> None:
    text = REVOLUTION.replace("licence: CC0}", "licence: CC0}\noutputs: {timeline: {blank: dates}}")
    read = tagged.read(built("a4", text) / "timeline-blank.pdf")
    boxes = [item for item in items(read) if item.children[0].children]
    assert len(boxes) >= 3
    for item in boxes:
        (box,) = item.children[0].children
        assert (box.role, box.alt, item.children[0].text) == ("Figure", "Box to write the missing date in", "")
        assert item.children[1].text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_printer_sheets_hold_each_word_once_on_the_overview_and_the_sheets_are_artifacts(built, paper) -> None:
    folder = built(paper)
    poster, tiled = tagged.read(folder / "timeline.pdf"), tagged.read(folder / "timeline-tiled.pdf")
    assert tiled.untagged == ""
    assert tiled.reading().startswith(poster.reading())
    assert tiled.headings() == [*poster.headings(), (2, "How to put the poster together")]
    assert tiled.reading().endswith("glue or tape the sheets down on the strips.")
    with pdfplumber.open(folder / "timeline-tiled.pdf") as document:
        assert len(document.pages) >= 3
        sheets = [char for page in document.pages[1:] for char in page.chars]
    assert sheets and all(char.get("tag") == "Artifact" for char in sheets)
    assert "row 1, column 1" in tiled.artifact and "glue here" in tiled.artifact
    for _, title in IN_DATE_ORDER:
        assert tiled.reading().count(title) == 1


def test_a_picture_is_a_figure_read_as_its_alt_text_then_its_credit(built) -> None:
    text = REVOLUTION.replace("title: The USSR is founded,", "title: The USSR is founded, picture: {file: "
                              "pictures/ship.png, alt: A black steamship, credit: Drawn for this test},")
    read = tagged.read(built("a4", text) / "timeline.pdf")
    ussr = bodies(read)["The USSR is founded"]
    assert [(e.role, e.alt or e.text) for e in ussr.children][-2:] == [("Figure", "A black steamship"),
                                                                       ("P", "Drawn for this test")]


def test_the_language_and_the_words_read_aloud_follow_the_unit(built) -> None:
    text = REVOLUTION.replace("licence: CC0}", "licence: CC0, language: de}")
    read = tagged.read(built("a4", text) / "timeline.pdf")
    assert read.lang == "de" and "Russia in revolution" in read.title and read.display_title and read.marked
    assert summary(read) == "Zeitleiste mit 6 Ereignissen, 1917–1922"
    assert "Thema: Politics" in [e.alt for e in read.elements() if e.role == "Figure"]
    blank = tagged.read(built("a4", text) / "timeline-blank.pdf")
    assert "Kästchen für das fehlende Ereignis" in [e.alt for e in blank.elements()]


def test_the_tagged_files_are_the_same_bytes_twice(built, tmp_path: Path) -> None:
    folder = built()
    unit = tmp_path / "unit.yaml"
    unit.write_text(REVOLUTION, encoding="utf-8")
    assert build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(paper="a4", only=("timeline",)))).ok
    for name in ("timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf", "timeline-blank-key.pdf"):
        assert (tmp_path / "out" / "revolution" / name).read_bytes() == (folder / name).read_bytes(), name
