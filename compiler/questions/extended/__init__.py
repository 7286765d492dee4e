"""``type: extended``: an essay question, with lines, half pages or whole pages to write on, and a mark scheme."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from compiler.fields import ListItem, Text
from compiler.questions.base import QuestionBase, QuestionType, Space
from compiler.questions.extended.plan import plan as plan_extended


class Extended(QuestionBase):
    type: Literal["extended"]
    prompt: Text
    space: Space | None = None
    mark_scheme: list[ListItem] = Field(default_factory=list, max_length=50)


TYPE = QuestionType("extended", Extended, plan_extended, f"{__name__}.draw")
