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
    assert f"1 {comintern}: Comintern — The Communist International." in key


def test_the_key_gives_each_number_with_the_letter_a_student_writes_in_its_box(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: match
          prompt: Match each commissar to his years.
          pairs: [[Trotsky, 1917–1918], [Chicherin, 1918–1930], [Litvinov, 1930–1939], [Molotov, 1939–1949]]
        """)
    numbers = {name: n for n, name in re.findall(r"(\d) (Trotsky|Chicherin|Litvinov|Molotov)", sheet)}
    letters = {years: letter for letter, years in re.findall(r"([A-D]) (19\d\d–19\d\d)", sheet)}
    pairs = {"Trotsky": "1917–1918", "Chicherin": "1918–1930", "Litvinov": "1930–1939", "Molotov": "1939–1949"}
    by_number = sorted((numbers[name], letters[years]) for name, years in pairs.items())
    assert ", ".join(f"{n} {letter}" for n, letter in by_number) in key  # "1 C, 2 A, …"
