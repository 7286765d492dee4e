"""``type: true_false``: a statement to mark true or false, written as its ``prompt:`` (or, as
before, its ``statement:``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool

from compiler.fields import Renamed, Text, renamed
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.true_false.plan import plan as plan_true_false


class TrueFalse(QuestionBase, Renamed):
    type: Literal["true_false"]
    prompt: Text = Field(validation_alias=renamed("prompt", "statement"),
                         description="the statement to mark true or false")
    answer: StrictBool


TYPE = QuestionType("true_false", TrueFalse, plan_true_false, f"{__name__}.draw")
