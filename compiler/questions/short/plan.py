"""A short answer: how many lines the sheet rules, and the key's model answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import MOST_LINES_IN_ROW, Planned, QuestionContext

if TYPE_CHECKING:
    from compiler.questions.short import Short


@dataclass(frozen=True)
class ShortPlan:
    lines: int  # in the question's row, or
    lines_after: int  # after it, when more than MOST_LINES_IN_ROW
    heading: str
    model_answer: tuple[str, ...]  # paragraphs
    space: str  # the lines' words for a screen reader: "Answer space: 4 lines"


def _space(lines: int) -> tuple[int, int]:
    """The lines as (in the question's row, after it): after it when there are too many for a row."""
    return (lines, 0) if lines <= MOST_LINES_IN_ROW else (0, lines)


def plan(question: Short, path: FieldPath, context: QuestionContext) -> Planned:
    return Planned(prompt=str(markup.inline(question.prompt)),
                   body=ShortPlan(*_space(question.lines), context.phrase("model_answer"),
                                  tuple(str(p) for p in markup.paragraphs(question.answer)),
                                  context.answer_space(question.lines)))
