"""``type: match`` on the sheet and in the key."""

from __future__ import annotations

import re
from pathlib import Path

from tests.questions import sheet_and_key


def test_the_key_joins_each_term_to_the_letter_of_its_definition_on_the_sheet(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: match
          from: glossary
          terms: [Comintern, Autarky]
        """)
    letters = dict(re.findall(r"([AB]) (The Communist International\.|Economic self-sufficiency\.)", sheet))
    comintern = next(letter for letter, text in letters.items() if text.startswith("The Communist"))
    assert f"1–{comintern}: Comintern — The Communist International." in key
