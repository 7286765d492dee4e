"""A true/false question: the statement, the two words in the unit's language, the right one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import Planned, QuestionContext

if TYPE_CHECKING:
    from compiler.questions.true_false import TrueFalse


@dataclass(frozen=True)
class TrueFalsePlan:
    words: tuple[str, str]  # true, false
    answer: str


def plan(question: TrueFalse, path: FieldPath, context: QuestionContext) -> Planned:
    words = (context.phrase("true_word"), context.phrase("false_word"))
    return Planned(prompt=str(markup.inline(question.prompt)), instruction=context.phrase("true_false_instruction"),
                   body=TrueFalsePlan(words, words[0] if question.answer else words[1]))
