"""Where labels go: never colliding, on every paper, or a located problem."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.errors import LayoutError
from compiler.outputs import Settings
from compiler.theme import PAPER
from tests.conftest import SHIPPED_UNIT, SMALL_UNIT, overlapping_words
from tests.kinds.timeline.posters import (
    ROMAN,
    generated_unit,
    geometry_faults,
    laid_out,
)


def test_the_shipped_poster_has_no_clashes_and_no_overlapping_words(shipped: Callable[[str], Path]) -> None:
    text = SHIPPED_UNIT.read_text(encoding="utf-8")
    poster = laid_out(text)
    assert len(poster.labels) == len(yaml.safe_load(text)["events"]) == 99
    assert not list(geometry_faults(poster))
    pdf = shipped("a4") / "timeline.pdf"
    assert not overlapping_words(pdf)
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1684, 1191)  # A2 landscape


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


@pytest.mark.parametrize("paper", ["a3", "a2", "tabloid"])
def test_poster_paper_from_the_command_line(paper: str) -> None:
    width, height = laid_out(ROMAN, poster=paper).size
    assert (width, height) == (max(PAPER[paper]), min(PAPER[paper]))


def test_a_long_event_title_is_located() -> None:
    title = "A treaty signed after long talks between the two foreign ministers " * 8
    with pytest.raises(LayoutError) as caught:
        laid_out(SMALL_UNIT.replace("title: Treaty of Rapallo", f"title: {title.strip()}"))
    (item,) = caught.value.items
    assert item.path == ("events", 1, "title") and item.message.startswith("the title takes ")
    assert "shorten it to at most about" in (item.hint or "")
