"""A question type defined outside the compiler, as a school or a plug-in would: a prompt and a
model answer, two ruled lines on the sheet, the answer in the key. ``test_questions.py``
registers it; nothing under ``compiler/`` names it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from compiler.alike import alike_key
from compiler.checks import Known
from compiler.errors import FieldPath, Problem
from compiler.fields import Text
from compiler.questions import QuestionBase, QuestionType
from compiler.source import Source
from tests.questions.short_answer.plan import plan as plan_short_answer


class ShortAnswer(QuestionBase):
    type: Literal["short_answer"]
    prompt: Text
    answer: Text = Field(description="printed in the key only")


def check(source: Source, path: FieldPath, question: ShortAnswer, known: Known) -> Iterator[Problem]:
    if alike_key(question.answer) == alike_key(question.prompt):
        yield source.problem((*path, "answer"), "the answer repeats the prompt", "write the answer itself")


TYPE = QuestionType("short_answer", ShortAnswer, plan_short_answer, f"{__name__}.draw", check)
