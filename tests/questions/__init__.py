"""Tests of compiler/questions/: the registry, and each question type as a teacher sees it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.kinds.test_worksheet import pages_text

UNIT = """\
format: 1
unit: {id: one, title: One question}
glossary:
  - {term: Comintern, definition: The Communist International.}
  - {term: Autarky, definition: Economic self-sufficiency.}
events:
  - {id: rapallo, date: 1922-04-16, title: Treaty of Rapallo}
  - {id: league, date: 1934-09-18, title: USSR joins the League}
worksheets:
  - id: w
    title: One question
    questions:
"""


def sheet_and_key(folder: Path, question: str) -> tuple[str, str]:
    """The text of the sheet and of the key of a worksheet with one question (YAML of a list
    item), built in ``folder``; pages joined with " | "."""
    path = folder / "unit.yaml"
    path.write_text(UNIT + textwrap.indent(textwrap.dedent(question), " " * 6), encoding="utf-8")
    report = build(Request(paths=(path,), out=folder / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    sheet, key = (" | ".join(pages_text(folder / "out" / "one" / name))
                  for name in ("worksheet-w.pdf", "worksheet-w-key.pdf"))
    return sheet, key
