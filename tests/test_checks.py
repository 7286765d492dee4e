"""The shared whole-unit checks, read as the located messages ``printpack check`` prints."""

from __future__ import annotations

import pytest

from compiler.errors import ProblemsFound
from compiler.source import load_text
from compiler.validate import validate_unit

UNIT = """\
format: 1
unit: {id: u, title: U}
glossary:
  - {term: Comintern, definition: The Communist International.}
events:
  - {id: rapallo, date: 1922-04-16, title: Treaty of Rapallo}
  - {id: genoa, date: 1922-04-16, title: Genoa Conference}
card_sorts:
  - id: s
    title: S
    mode: sequence
    events: [rapallo, genoa, berlin]
sections:
  - heading: H
    terms: [Comitern]
worksheets:
  - id: w
    title: W
    questions:
      - type: order
        items: [First, "*First*", Second]
"""


def messages(text: str) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(load_text(text, "u.yaml"))
    return [f"{p.line}:{p.column} {p.path}: {p.message} — {p.hint}" for p in caught.value.problems]


def test_references_dates_terms_and_texts_that_print_alike_are_located() -> None:
    assert sorted(messages(UNIT)) == sorted([
        ("12:23 card_sorts[0].events[1]: 'genoa' has the same date as 'rapallo' (1922-04-16) — "
        "students could not put them in a single right order; drop one"),
        "12:30 card_sorts[0].events[2]: unknown event 'berlin' — the events are: rapallo, genoa",
        "15:13 sections[0].terms[0]: 'Comitern' is not in the glossary — did you mean 'Comintern'?",
        ("21:24 worksheets[0].questions[0].items[1]: the item '*First*' prints the same as 'First' — "
        "students could not tell them apart; reword or remove one"),
    ])
