"""``type: gap_fill`` on the sheet and in the key."""

from __future__ import annotations

from pathlib import Path

from tests.questions import sheet_and_key


def test_gaps_are_numbered_blanks_with_a_word_bank_and_the_key_fills_them(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: gap_fill
          text: In [[1934]] the USSR joined the [[League of Nations]].
          word_bank: true
          distractors: [Comintern]
        """)
    assert "In (1) ________________ the USSR joined the (2) ________________." in sheet
    bank = sheet.split("Word bank:")[1].split("[")[0]
    assert sorted(word.strip() for word in bank.split("·")) == ["1934", "Comintern", "League of Nations"]
    assert "In 1934 the USSR joined the League of Nations. (1) 1934 · (2) League of Nations" in key
