"""``type: extended`` on the sheet and in the key."""

from __future__ import annotations

from pathlib import Path

from tests.questions import sheet_and_key


def test_pages_of_lines_continue_over_the_page_and_the_key_gives_the_mark_scheme(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: extended
          prompt: How consistent was Stalin's foreign policy?
          space: 2 pages
          mark_scheme: ["Level 2 (11–20): a sustained judgement"]
        """)
    pages = sheet.split(" | ")
    prompt = next(n for n, page in enumerate(pages) if "Stalin’s foreign policy?" in page)
    total = next(n for n, page in enumerate(pages) if "Total:" in page)
    assert total - prompt == 2  # two pages of lines from the prompt's page on
    assert "Level 2" not in sheet
    assert "Mark scheme Level 2 (11–20): a sustained judgement" in key
