"""``type: choice`` on the sheet and in the key."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from tests.questions import sheet_and_key


def test_tick_two_asks_for_two_letters_and_the_key_gives_both(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: choice
          prompt: Which two states signed the Anti-Comintern Pact?
          options: [Germany, Italy, Japan]
          answer: [Germany, Japan]
        """)
    assert "Circle two letters. A Germany B Italy C Japan" in sheet
    assert "A, C — Germany; Japan" in key


def test_circle_a_letter_has_letters_to_circle_and_no_bubble_to_fill_or_tick(tmp_path: Path) -> None:
    sheet, _ = sheet_and_key(tmp_path, """\
        - type: choice
          prompt: When did the USSR join the League of Nations?
          options: [January 1933, September 1934]
          answer: September 1934
        """)
    assert "Circle one letter. A January 1933 B September 1934" in sheet
    with pdfplumber.open(tmp_path / "out" / "one" / "worksheet-w.pdf") as pdf:
        page = pdf.pages[0]
        assert not page.curves and not [c for c in page.chars if c["text"] in "○◯●□☐"]
        letters = [c for c in page.chars if c["text"] in "AB" and "Bold" in c["fontname"]]
        texts = [page.search(text)[0] for text in ("January 1933", "September 1934")]
        for letter, text in zip(letters, texts, strict=True):  # the letter alone, room to circle it
            assert text["x0"] - letter["x1"] >= 8
