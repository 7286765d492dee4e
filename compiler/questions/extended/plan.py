"""An extended answer: its space in lines or pages, and the key's mark scheme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import Planned, QuestionContext

if TYPE_CHECKING:
    from compiler.questions.extended import Extended


@dataclass(frozen=True)
class ExtendedPlan:
    lines: int  # in the question's row, or
    pages: int  # whole pages of lines after it
    heading: str
    mark_scheme: tuple[str, ...]


def plan(question: Extended, path: FieldPath, context: QuestionContext) -> Planned:
    amount, unit_word = question.space.split()
    pages = int(amount) if unit_word.startswith("page") else 0
    return Planned(
        prompt=str(markup.inline(question.prompt)), instruction=context.phrase("extended_instruction"),
        body=ExtendedPlan(lines=0 if pages else int(amount), pages=pages,
                          heading=context.phrase("mark_scheme") if question.mark_scheme else "",
                          mark_scheme=tuple(str(markup.inline(level)) for level in question.mark_scheme)),
    )
