"""The short answer's part of the worksheet plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import Planned, QuestionContext

if TYPE_CHECKING:
    from tests.questions.short_answer import ShortAnswer


@dataclass(frozen=True)
class ShortAnswerPlan:
    answer: str


def plan(question: ShortAnswer, path: FieldPath, context: QuestionContext) -> Planned:
    return Planned(prompt=str(markup.inline(question.prompt)), body=ShortAnswerPlan(str(markup.inline(question.answer))))
