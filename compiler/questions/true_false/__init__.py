"""``type: true_false``: a statement to mark true or false."""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool

from compiler.fields import Text
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.true_false.plan import plan as plan_true_false


class TrueFalse(QuestionBase):
    type: Literal["true_false"]
    statement: Text
    answer: StrictBool


TYPE = QuestionType("true_false", TrueFalse, plan_true_false, f"{__name__}.draw")
