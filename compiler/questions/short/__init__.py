"""``type: short``: a prompt, ruled lines, and a model answer in the key."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from compiler.fields import Lines, Text
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.short.plan import plan as plan_short


class Short(QuestionBase):
    type: Literal["short"]
    prompt: Text
    answer: Text = Field(description="the model answer, printed in the key")
    lines: Lines = 3


TYPE = QuestionType("short", Short, plan_short, f"{__name__}.draw")
