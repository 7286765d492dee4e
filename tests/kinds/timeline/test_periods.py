"""Period bands: labels wrapped in balanced lines inside their band, or a number and a key."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from compiler import fonts
from compiler.kinds.timeline.periods import BAND_SIZE, wrap_balanced
from compiler.theme import load_theme
from tests.conftest import SMALL_UNIT, overlapping_words
from tests.kinds.timeline.posters import grow_with_the_paper, laid_out, rendered

PERIODS = """\
periods:
  - {label: "The years of revolution and civil war", start: 1917, end: 1921}
  - {label: New Economic Policy, start: 1922, end: 1927}
  - {label: Collective security and the Popular Front against fascism, start: 1928, end: 1937}
  - {label: The Great Terror and the purges of the diplomatic service, start: 1938, end: 1938}
  - {label: Nazi–Soviet Pact, start: 1939, end: 1941}
"""
UNIT = SMALL_UNIT.replace("  - {id: rapallo,", "  - {id: pact, date: 1939-08-23, title: Nazi–Soviet Pact}\n  - {id: rapallo,") + PERIODS


def bold() -> str:
    return fonts.face(fonts.register(load_theme().fonts.heading), bold=True)


def test_a_label_wraps_in_balanced_lines_with_no_word_alone() -> None:
    label = "The years of revolution and civil war"
    room = stringWidth("The years of revolution and civil", bold(), BAND_SIZE) + 1  # greedy leaves "war" alone
    lines = wrap_balanced(label, bold(), BAND_SIZE, room, 3)
    assert lines is not None and " ".join(lines) == label
    assert len(lines) == 2 and all(" " in line for line in lines)
    assert all(stringWidth(line, bold(), BAND_SIZE) <= room for line in lines)


def test_a_word_breaks_only_at_a_soft_hyphen_and_shows_it() -> None:
    word = "Entstalinisierung"
    room = stringWidth("Entstalini-", bold(), BAND_SIZE) + 1
    assert wrap_balanced(word, bold(), BAND_SIZE, room, 3) is None  # never cut without a hyphen
    assert wrap_balanced("Ent\u00adstalini\u00adsierung", bold(), BAND_SIZE, room, 3) == ["Entstalini-", "sierung"]


@pytest.mark.parametrize("paper", ["a3", "a0"])
def test_period_labels_stay_in_their_bands_whole_and_a_narrow_bands_name_is_in_the_key(
        paper: str, monkeypatch: pytest.MonkeyPatch) -> None:
    grow_with_the_paper(monkeypatch)
    poster = laid_out(UNIT, poster=paper)
    terror = poster.bands[3]
    assert terror.abbreviated and terror.lines == ("4",)
    assert all(not band.abbreviated for k, band in enumerate(poster.bands) if k != 3)
    scale = poster.scale
    with pdfplumber.open(io.BytesIO(rendered(UNIT, poster=paper))) as document:
        page = document.pages[0]
        top = page.height - (poster.band_label_y + BAND_SIZE + 2) * scale
        bottom = page.height - (poster.band_label_y - 3 * BAND_SIZE * 1.2) * scale
        in_bands = [c for c in page.chars if top <= c["top"] and c["bottom"] <= bottom and c["text"].strip()]
        for band in poster.bands:
            inside = [c for c in in_bands if band.x0 * scale <= c["x0"] and c["x1"] <= band.x1 * scale]
            shown = "".join(c["text"] for c in sorted(inside, key=lambda c: (round(c["top"]), c["x0"])))
            assert shown == "".join(band.lines).replace(" ", ""), band.name
        assert all(any(b.x0 * scale <= c["x0"] and c["x1"] <= b.x1 * scale for b in poster.bands) for c in in_bands)
        assert min(c["size"] for c in in_bands) >= 9 * scale - 0.01
        text = page.extract_text()
    assert "Periods" in text and "The Great Terror and the purges of the diplomatic service" in text.replace("\n", " ")
    assert "…" not in text


def test_period_labels_and_the_key_overlap_nothing(tmp_path: Path) -> None:
    pdf = tmp_path / "timeline.pdf"
    pdf.write_bytes(rendered(UNIT))
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        assert all(w["x0"] >= 0 and w["x1"] <= page.width for w in page.extract_words())
    assert not overlapping_words(pdf)


def test_overlapping_periods_put_their_labels_in_rows(tmp_path: Path) -> None:
    """Periods may overlap (a war inside an era): their labels stack in rows, each readable."""
    periods = "".join(f"  - {{label: Overlapping period number {k}, start: {1917 + 3 * k}, end: {1924 + 3 * k}}}\n"
                      for k in range(6))
    text = SMALL_UNIT + "periods:\n" + periods
    pdf = tmp_path / "timeline.pdf"
    pdf.write_bytes(rendered(text))
    assert not overlapping_words(pdf)
    with pdfplumber.open(pdf) as document:
        words = " ".join(document.pages[0].extract_text().split())
    assert all(f"number {k}" in words for k in range(6))
    bands = laid_out(text).bands
    assert len({band.drop for band in bands}) >= 2  # more than one row


def test_periods_may_leave_a_gap_which_stays_unshaded(tmp_path: Path) -> None:
    """As the guide says: the years between two periods have no band, and the poster still builds."""
    text = SMALL_UNIT + ("periods:\n  - {label: Before the gap, start: 1917, end: 1921}\n"
                         "  - {label: After the gap, start: 1935, end: 1939}\n")
    first, second = sorted(laid_out(text).bands, key=lambda band: band.x0)
    assert first.x1 < second.x0 and first.drop == second.drop == 0.0
    pdf = tmp_path / "timeline.pdf"
    pdf.write_bytes(rendered(text))
    with pdfplumber.open(pdf) as document:
        words = " ".join(document.pages[0].extract_text().split())
    assert "Before the gap" in words and "After the gap" in words
