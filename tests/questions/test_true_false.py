"""``type: true_false`` on the sheet and in the key."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from tests.questions import sheet_and_key


@pytest.mark.parametrize("key", ["prompt", "statement"])  # statement: the old name, still accepted
def test_the_sheet_offers_both_words_to_circle_and_the_key_gives_the_right_one(tmp_path: Path, key: str) -> None:
    sheet, key_text = sheet_and_key(tmp_path, f"""\
        - type: true_false
          {key}: The USSR joined the League of Nations in 1934.
          answer: true
        """)
    assert "in 1934. Circle True or False. True False" in sheet
    assert "in 1934. True [1]" in key_text
    with pdfplumber.open(tmp_path / "out" / "one" / "worksheet-w.pdf") as pdf:
        assert not pdf.pages[0].curves and "○" not in pdf.pages[0].extract_text()  # no bubble beside the words
