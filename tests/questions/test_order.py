"""``type: order`` on the sheet and in the key."""

from __future__ import annotations

import re
from pathlib import Path

from tests.questions import sheet_and_key


def test_events_are_shuffled_on_the_sheet_and_the_key_gives_their_order_with_dates(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: order
          from: events
          events: [league, rapallo]
        """)
    letters = dict(re.findall(r"([AB]) (Treaty of Rapallo|USSR joins the League)", sheet))
    assert list(letters.values()) == ["USSR joins the League", "Treaty of Rapallo"]  # not in their order
    assert "Correct order 1. B — Treaty of Rapallo (16 April 1922) 2. A — USSR joins the League" in key


def test_the_key_gives_the_number_a_student_writes_in_each_box_in_the_order_the_boxes_are_printed(
        tmp_path: Path) -> None:
    items = ["Revolution", "Rapallo", "Locarno", "Kellogg–Briand", "League", "Munich"]
    sheet, key = sheet_and_key(tmp_path, f"""\
        - type: order
          prompt: Put these in order.
          items: [{", ".join(items)}]
        """)
    printed = re.findall(r"([A-F]) (" + "|".join(items) + ")", sheet)
    assert [letter for letter, _ in printed] == list("ABCDEF")  # the boxes, top to bottom
    expected = " · ".join(f"{letter} {items.index(text) + 1}" for letter, text in printed)
    assert expected in key
    assert expected != " · ".join(f"{letter} {n}" for n, letter in enumerate("ABCDEF", start=1))  # shuffled
