"""``type: short`` on the sheet and in the key."""

from __future__ import annotations

from pathlib import Path

from tests.questions import sheet_and_key


def test_the_model_answer_is_only_in_the_key_paragraph_by_paragraph(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: short
          prompt: Why did Germany co-operate with Soviet Russia?
          answer: "Both were outcasts after 1919.\\n\\nGermany could train forces banned by Versailles."
        """)
    assert "outcasts" not in sheet and "Model answer" not in sheet
    assert "Model answer Both were outcasts after 1919. Germany could train forces" in key
