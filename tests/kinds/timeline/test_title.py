"""The title block: the title wraps, shrinks to a floor and is cut only then; the legend shows
every theme in full; nothing leaves the sheet or overprints; type grows with the paper."""

from __future__ import annotations

import statistics
from pathlib import Path

import pdfplumber
import pytest

from compiler.build import Request, build
from compiler.kinds.timeline import layout
from compiler.kinds.timeline.title import HEADLINE, HEADLINE_RATIO
from compiler.outputs import Settings
from tests.conftest import SMALL_UNIT, overlapping_words
from tests.kinds.timeline.posters import (
    drawn_poster_faults,
    grow_with_the_paper,
    laid_out,
    rendered,
    unit_text,
)

CYRILLIC = ("Внешняя политика Советского Союза и Коминтерн в межвоенный период, 1917–1941 годы: "
            "дипломатия, революция и безопасность")
ENGLISH = ("Soviet foreign policy between the wars: revolution, diplomacy, collective security and the "
           "road to the Pact of 1939")  # 115 characters
THEMES = ["Diplomacy and treaties", "Revolutionary movements abroad and the Communist International",
          "Trade and concessions", "Military affairs and the Red Army", "Ideology", "Security services",
          "Economy and industrialisation", "Culture and propaganda abroad", "Relations with Germany",
          "Relations with Britain and France", "The Far East: China and Japan", "Nationalities",
          "The League of Nations", "Collective security"]


def unit(title: str, themes: int) -> str:
    """The small unit with ``title`` and the first ``themes`` of THEMES, one event in each."""
    lines = [f"format: 1\nunit: {{id: titled, title: \"{title}\", subtitle: Written for the tests, licence: CC0}}",
             "themes:", *(f"  - {{id: t{k}, label: \"{label}\"}}" for k, label in enumerate(THEMES[:themes])),
             "events:"]
    lines += [f"  - {{id: e{k}, date: {1918 + 2 * k}, title: Event {k}, themes: [t{k}]}}" for k in range(themes)]
    return "\n".join(lines) + "\n"


def words_of(pdf: bytes, tmp_path: Path) -> tuple[Path, list[dict], tuple[float, float], list[dict]]:
    path = tmp_path / "timeline.pdf"
    path.write_bytes(pdf)
    with pdfplumber.open(path) as document:
        page = document.pages[0]
        return path, page.extract_words(extra_attrs=["size"]), (page.width, page.height), page.chars


@pytest.fixture(params=["scale 1", "grown"])
def design(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The poster as main draws it, and with its type grown with the paper."""
    if request.param == "grown":
        grow_with_the_paper(monkeypatch)
    return str(request.param)


@pytest.mark.parametrize("paper", ["a3", "a2", "a0", "tabloid"])
@pytest.mark.parametrize(("title", "themes"), [(CYRILLIC, 14), (ENGLISH, 6), (ENGLISH, 1)])
def test_a_long_title_and_every_theme_print_whole_inside_the_sheet_without_overlap(
        design: str, paper: str, title: str, themes: int, tmp_path: Path) -> None:
    path, words, (width, height), chars = words_of(rendered(unit(title, themes), poster=paper), tmp_path)
    scale = laid_out(unit(title, themes), poster=paper).scale
    assert not overlapping_words(path)
    assert all(w["x0"] >= 0 and w["x1"] <= width and w["top"] >= 0 and w["bottom"] <= height for w in words)
    biggest = max(c["size"] for c in chars)
    title_chars = [c["text"] for c in chars if c["size"] > biggest - 0.01]  # pdfplumber's sizes differ in the last digits
    assert "".join(title_chars).replace(" ", "") == title.replace(" ", "")  # not a character lost
    assert biggest >= 3 * layout.TITLE_SIZE * scale - 0.01  # three times the labels' type, wrapped, never cut
    text = " ".join(w["text"] for w in words)
    assert "…" not in text
    assert {word for theme in THEMES[:themes] for word in theme.split()} <= {w["text"] for w in words}
    legend = [w for w in words if w["text"] in {"Themes", "unit"} and w["size"] < biggest]
    assert legend and min(w["size"] for w in legend) >= 9 * scale - 0.01


def test_a_short_title_is_full_size_and_three_times_the_labels(design: str, tmp_path: Path) -> None:
    poster = laid_out(SMALL_UNIT)
    _, _, (_, height), chars = words_of(rendered(SMALL_UNIT), tmp_path)
    title = [c for c in chars if c["size"] == max(c["size"] for c in chars)]
    assert "".join(c["text"] for c in title).replace(" ", "") == "Asmallunit"
    assert title[0]["size"] == pytest.approx(HEADLINE * poster.scale)
    boxes = [(label.x * poster.scale, height - (label.y + label.height) * poster.scale,
              (label.x + label.width) * poster.scale, height - label.y * poster.scale) for label in poster.labels]
    labels = [c["size"] for c in chars if c["text"].strip() and any(
        x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom for x0, top, x1, bottom in boxes)]
    assert labels and title[0]["size"] >= 3 * statistics.median(labels)


def test_the_block_holds_its_lines_and_a_short_title_wastes_no_height() -> None:
    for text in (unit("A short title", 6), unit(ENGLISH, 14), unit(CYRILLIC, 14)):
        poster = laid_out(text)
        top = poster.size[1] - layout.MARGIN
        assert all(top - poster.title.height < line.box()[1] and line.box()[3] <= top
                   for line in poster.title.texts[:-1])  # the footer aside
    assert laid_out(unit("A short title", 6)).title.height <= 80  # as little as the old fixed block


def test_a_title_too_long_even_at_the_floor_is_cut_with_an_ellipsis(tmp_path: Path) -> None:
    title = ("The Soviet Union and the World, " * 20).strip(" ,")
    _, words, (width, _), chars = words_of(rendered(unit(title, 3)), tmp_path)
    biggest = max(c["size"] for c in chars)
    assert biggest == pytest.approx(HEADLINE_RATIO * layout.TITLE_SIZE)
    assert [w["text"] for w in words if w["size"] == biggest][-1].endswith("…")
    assert all(w["x1"] <= width for w in words)


def test_a_long_title_stops_short_of_the_posters_legend_and_edge(unit_file, tmp_path: Path) -> None:
    title = ("The Soviet Union and the World, " * 20).strip(" ,")
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {title}"))
    assert build(Request(paths=(unit,), out=tmp_path / "out", jobs=1, settings=Settings(only=("timeline",)))).ok
    folder = tmp_path / "out" / "small"
    assert not overlapping_words(folder / "timeline.pdf")
    assert not overlapping_words(folder / "timeline-tiled.pdf", [1])  # its sheets: test_tiles, visible words
    with pdfplumber.open(folder / "timeline.pdf") as document:  # the tiled sheets cut the poster by design
        assert all(w["x1"] <= page.width for page in document.pages for w in page.extract_words())


@pytest.mark.parametrize("paper", ["a3", "tabloid"])
@pytest.mark.parametrize("name", ["the Cyrillic stress unit", "Cyrillic, 14 themes", "English, 115 characters"])
def test_a_long_title_takes_a_third_line_before_it_goes_below_three_times_the_labels(paper: str, name: str,
                                                                                   tmp_path: Path) -> None:
    text = {"the Cyrillic stress unit": unit_text("russian.yaml"), "Cyrillic, 14 themes": unit(CYRILLIC, 14),
            "English, 115 characters": unit(ENGLISH, 14)}[name]
    faults = drawn_poster_faults(text, tmp_path, paper)  # in the unit's language, as the build draws it
    assert not [fault for fault in faults if "title" in fault or "overlap" in fault]
    with pdfplumber.open(tmp_path / "timeline.pdf") as document:  # A3 and tabloid: design points
        chars = document.pages[0].chars
    biggest = max(c["size"] for c in chars)
    heading = [c for c in chars if c["size"] > biggest - 0.01]
    assert len({round(c["top"]) for c in heading}) <= 3 and "…" not in "".join(c["text"] for c in heading)
    assert biggest >= 3 * layout.TITLE_SIZE - 0.01


def test_a_title_cut_on_the_poster_is_a_located_warning(unit_file, tmp_path: Path) -> None:
    title = "A history of the foreign policy of the Soviet Union between the wars " * 6
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {title.strip()}"))
    report = build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("timeline",))))
    assert report.ok and (tmp_path / "small" / "timeline.pdf").is_file()
    (warning,) = [w for w in report.all_warnings() if w.path == "unit.title"]
    assert warning.line == 4 and "cut" in warning.message and "subtitle" in (warning.hint or "")
