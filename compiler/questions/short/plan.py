"""A short answer: how many lines the sheet rules, and the key's model answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import Planned, QuestionContext

if TYPE_CHECKING:
    from compiler.questions.short import Short


@dataclass(frozen=True)
class ShortPlan:
    lines: int
    heading: str
    model_answer: tuple[str, ...]  # paragraphs


def plan(question: Short, path: FieldPath, context: QuestionContext) -> Planned:
    return Planned(prompt=str(markup.inline(question.prompt)),
                   body=ShortPlan(question.lines, context.phrase("model_answer"),
                                  tuple(str(p) for p in markup.paragraphs(question.answer))))
