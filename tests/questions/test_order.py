"""``type: order`` on the sheet and in the key."""

from __future__ import annotations

import re
from pathlib import Path

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.kinds.test_worksheet import pages_text
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


def test_the_key_gives_an_approximate_year_as_c_in_its_place(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text("""\
format: 1
unit: {id: reason, title: The Enlightenment}
events:
  - {id: principia, date: 1687, title: Principia published}
  - {id: coffee, date: c. 1750, title: Coffee houses spread}
  - {id: candide, date: 1759, title: Candide published}
worksheets:
  - id: w
    title: Order
    questions:
      - {type: order, from: events, events: [candide, coffee, principia]}
""", encoding="utf-8")
    report = build(Request(paths=(path,), out=tmp_path / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    key = " ".join(pages_text(tmp_path / "out" / "reason" / "worksheet-w-key.pdf"))
    assert re.search(r"1\. [ABC] — Principia published \(1687\) 2\. [ABC] — Coffee houses spread \(c\. 1750\) "
                     r"3\. [ABC] — Candide published \(1759\)", key), key
    assert "1750" not in " ".join(pages_text(tmp_path / "out" / "reason" / "worksheet-w.pdf"))
