"""Settings merge the command line over the unit's own `outputs:` block."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from compiler.build import Request, build
from compiler.build.loading import unit_settings, unit_targets
from compiler.model import Unit
from compiler.outputs import Settings

UNIT = {"format": 1, "unit": {"id": "u", "title": "U"}, "glossary": [{"term": "t", "definition": "d"}],
        "outputs": {"paper": "letter", "only": ["handout"]}}


def test_the_unit_chooses_when_the_command_line_does_not() -> None:
    unit = Unit.model_validate(UNIT)
    assert unit_settings(unit, Settings()).paper == "letter"
    assert unit_settings(unit, Settings(paper="a4")).paper == "a4"
    assert unit_settings(Unit.model_validate({**UNIT, "outputs": {}}), Settings()).paper == "a4"


def test_only_filters_kinds() -> None:
    unit = Unit.model_validate(UNIT)
    assert [t.filename for t in unit_targets(unit, unit_settings(unit, Settings()))] == ["handout.pdf"]
    assert list(unit_targets(unit, Settings(only=("timeline",)))) == []
    assert Settings(paper="a4").fingerprint() != Settings(paper="letter").fingerprint()


ANSWERS_UNIT = """\
format: 1
unit: {id: apart, title: Answers kept apart, subject: History}
themes: [{id: war, label: War}]
events:
  - {id: one, date: 1900-01-01, title: Qzfirst landing, themes: [war], key: true}
  - {id: two, date: 1910-05-01, title: Qzsecond treaty, themes: [war]}
  - {id: three, date: 1920-07-01, title: Qzthird accord, themes: [war]}
  - {id: four, date: 1930-03-01, title: Qzfourth crisis, themes: [war], key: true}
card_sorts:
  - id: sides
    title: Which side?
    categories: [{id: yes, label: For}, {id: no, label: Against}]
    cards:
      - {text: A card for, category: yes, note: Qznote because of the harbour}
      - {text: A card against, category: no, note: Qznote because of the mountains}
  - id: rank
    title: Most important?
    mode: ranking
    cards:
      - {text: First reason, note: Qznote the strongest reason}
      - {text: Second reason}
      - {text: Third reason}
      - {text: Fourth reason}
      - {text: Fifth reason}
      - {text: Sixth reason}
      - {text: Seventh reason}
      - {text: Eighth reason}
      - {text: Ninth reason}
worksheets:
  - id: quiz
    title: A quiz
    questions:
      - {type: short, prompt: Why did it happen?, answer: Qzmodel short answer text}
      - {type: gap_fill, text: "The treaty was signed in [[Qzgapword]] after [[Qzothergap]]."}
      - {type: extended, prompt: How far do you agree?, marks: 12,
         mark_scheme: ["Level 2 (7-12): Qzscheme weighs both sides", "Level 1 (1-6): Qzscheme describes"]}
outputs: {timeline: {blank: titles}}
"""


def test_no_answer_reaches_a_file_printed_for_the_class(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    """Printing 30 copies of any student file (the manifest's audience) hands out no answer: no
    model answer, gap word, mark scheme, card note or hidden poster title; every answer is in
    some teacher file."""
    out = tmp_path / "out"
    report = build(Request(paths=[unit_file(ANSWERS_UNIT)], out=out, settings=Settings(), force=True, jobs=1))
    assert report.ok, report.all_problems()
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    audiences = {Path(entry["path"]).name: entry["audience"] for entry in entries}
    assert {"pack.pdf", "pack-key.pdf", "timeline-blank.pdf", "timeline-blank-key.pdf",
            "worksheet-quiz-key.pdf", "cardsort-sides-key.pdf"} <= set(audiences)
    texts = {name: " ".join(" ".join(p.extract_text() for p in PdfReader(out / "apart" / name).pages).split())
             for name in audiences}
    student = " ".join(texts[name] for name, who in audiences.items() if who == "student")
    teacher = " ".join(texts[name] for name, who in audiences.items() if who == "teacher")
    hidden = re.findall(r"Qz(?:note|model|gap|other|scheme)\w*", ANSWERS_UNIT)
    assert len(hidden) == 8
    for answer in hidden:
        assert answer not in student and answer in teacher, answer
    blank = texts["timeline-blank.pdf"]
    assert sum(title in blank for title in ("Qzfirst", "Qzsecond", "Qzthird", "Qzfourth")) < 4
    assert all(title in texts["timeline-blank-key.pdf"] for title in ("Qzfirst", "Qzsecond", "Qzthird", "Qzfourth"))
    assert all(who == ("teacher" if name.endswith("-key.pdf") else "student") for name, who in audiences.items())
