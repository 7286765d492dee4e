"""What every question type shares: marks, one each unless given."""

from __future__ import annotations

from pathlib import Path

from tests.questions import sheet_and_key


def test_a_question_is_worth_one_mark_unless_given_and_the_total_adds_them(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: true_false
          statement: Rapallo was signed in 1922.
          answer: true
        - type: short
          prompt: Who signed it for Russia?
          answer: Chicherin
          marks: 3
        """)
    assert "in 1922. Circle True or False. True False [1]" in sheet
    assert "for Russia? [3]" in sheet and "Total: ______ / 4" in sheet
    assert "Total: 4 marks" in key
