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
