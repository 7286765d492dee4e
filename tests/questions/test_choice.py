"""``type: choice`` on the sheet and in the key."""

from __future__ import annotations

from pathlib import Path

from tests.questions import sheet_and_key


def test_tick_two_asks_for_two_letters_and_the_key_gives_both(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: choice
          prompt: Which two states signed the Anti-Comintern Pact?
          options: [Germany, Italy, Japan]
          answer: [Germany, Japan]
        """)
    assert "Circle two letters. ○ A Germany ○ B Italy ○ C Japan" in sheet
    assert "A, C — Germany; Japan" in key and "○" not in key
