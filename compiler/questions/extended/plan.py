"""An extended answer: its space in lines or pages (whole or half), and the key's mark scheme, its levels read
into rows of a table (level, marks, descriptor) where they are written as levels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import Level, Planned, QuestionContext, WritingSpace, writing_space

if TYPE_CHECKING:
    from compiler.questions.extended import Extended

# How teachers write a level: "Level 4 (16–20): text", "Level 4 (16-20 marks) – text",
# "L4 [16–20] text", "Level 4: 16–20 marks: text", "Уровень 4 (16–20): …" — a word (any
# language) or none, the level, its marks (a range or one number, maybe followed by a word) in
# brackets or after a colon, then the descriptor.
_WORD = r"(?:[^\W\d_]+\.?\s*)?"
_NUMBER = r"(?P<level>\d{1,2}|[IVX]{1,4})"
_MARKS = r"(?P<marks>\d{1,3}(?:\s*[-–—]\s*\d{1,3})?)\s*(?:[^\W\d_]+\.?)?"
_LEVELS = (  # "Level 4 (16–20): text", and "Level 4: 16–20 marks: text"
    re.compile(rf"^{_WORD}{_NUMBER}\s*[(\[]\s*{_MARKS}\s*[)\]]\s*[:.–—-]?\s*(?P<descriptor>\S.*)$", re.DOTALL),
    re.compile(rf"^{_WORD}{_NUMBER}\s*:\s*{_MARKS}\s*[:–—-]\s*(?P<descriptor>\S.*)$", re.DOTALL),
)


@dataclass(frozen=True)
class ExtendedPlan:
    space: WritingSpace
    heading: str
    mark_scheme: tuple[Level | str, ...]  # levels, and paragraphs of anything written otherwise
    columns: tuple[str, str, str]  # the table's header: level, marks, descriptor


def level(text: str) -> Level | str:
    """A line of a mark scheme as a level, or as its paragraph (markup) when it is not written as one."""
    found = next((match for pattern in _LEVELS if (match := pattern.match(text))), None)
    if found is None:
        return str(markup.inline(text))
    marks = re.sub(r"\s*[-–—]\s*", "–", found["marks"])
    return Level(found["level"], marks, str(markup.inline(found["descriptor"])))


def plan(question: Extended, path: FieldPath, context: QuestionContext) -> Planned:
    return Planned(
        prompt=str(markup.inline(question.prompt)), instruction=context.phrase("extended_instruction"),
        body=ExtendedPlan(space=writing_space(question.space, question.marks, context),
                          heading=context.phrase("mark_scheme") if question.mark_scheme else "",
                          mark_scheme=tuple(level(line) for line in question.mark_scheme),
                          columns=(context.phrase("mark_scheme_level"), context.phrase("mark_scheme_marks"),
                                   context.phrase("mark_scheme_descriptor"))),
    )
