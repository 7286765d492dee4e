"""An extended answer: its space in lines or pages (whole or half), and the key's mark scheme, its levels read
into rows of a table (level, marks, descriptor) where they are written as levels."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import MOST_LINES_IN_ROW, Planned, QuestionContext

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
class Level:
    """One level of a mark scheme, as a row of its table (markup)."""

    level: str
    marks: str  # "16–20"
    descriptor: str


@dataclass(frozen=True)
class ExtendedPlan:
    lines: int  # in the question's row, or
    lines_after: int  # as many lines after it (more than MOST_LINES_IN_ROW), or
    pages: float  # pages of lines: whole ones fitted to end at a page's foot, or a share with a half (0.5, 1.5)
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


LINES_PER_MARK = 2  # an essay's writing space when the teacher gives none, as exam papers allow
LINES_PER_PAGE = 30  # about a page of ruled lines (A4 or Letter, 8 mm apart)


# What ``space:`` may say: "20 lines", or pages, whole or with a half: "1 page", "half a page",
# "half page", "0.5 page", "1.5 pages". (No inline flags: editors read the pattern as JSON Schema's.)
SPACE_PATTERN = r"^\s*(?:[1-9]\d?\s+lines?|(?:[1-9]\d?(?:\.5)?|0\.5)\s+pages?|[Hh]alf(?:\s+a)?\s+page)\s*$"
_HALF = re.compile(r"^\s*[Hh]alf\b")


def space(question: Extended) -> tuple[int, int, float]:
    """The writing space as (lines in the question's row, lines after it, pages after it): as
    ``space:`` says, lines beyond :data:`MOST_LINES_IN_ROW` after the row, pages as a number
    (half a page is 0.5); or two lines a mark (at least 4), as whole pages (fitted later to end
    at a page's foot) when that is more than :data:`MOST_LINES_IN_ROW` lines."""
    if question.space is not None:
        if _HALF.match(question.space):
            return 0, 0, 0.5
        amount, unit_word = question.space.split()
        if unit_word.startswith("page"):
            return 0, 0, float(amount)
        return (int(amount), 0, 0) if int(amount) <= MOST_LINES_IN_ROW else (0, int(amount), 0)
    lines = max(4, LINES_PER_MARK * question.marks)
    return (lines, 0, 0) if lines <= MOST_LINES_IN_ROW else (0, 0, float(math.ceil(lines / LINES_PER_PAGE)))


def plan(question: Extended, path: FieldPath, context: QuestionContext) -> Planned:
    lines, lines_after, pages = space(question)
    return Planned(
        prompt=str(markup.inline(question.prompt)), instruction=context.phrase("extended_instruction"),
        body=ExtendedPlan(lines=lines, lines_after=lines_after, pages=pages,
                          heading=context.phrase("mark_scheme") if question.mark_scheme else "",
                          mark_scheme=tuple(level(line) for line in question.mark_scheme),
                          columns=(context.phrase("mark_scheme_level"), context.phrase("mark_scheme_marks"),
                                   context.phrase("mark_scheme_descriptor"))),
    )
