"""``type: extended``: an essay question, with lines, half pages or whole pages to write on, and a mark scheme."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from compiler.fields import ListItem, Text
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.extended.plan import SPACE_PATTERN
from compiler.questions.extended.plan import plan as plan_extended


class Extended(QuestionBase):
    type: Literal["extended"]
    prompt: Text
    space: Annotated[
        str,
        StringConstraints(pattern=SPACE_PATTERN),
        Field(description='"20 lines", "half a page", "1 page", "1.5 pages" or "2 pages"; default: sized from the marks'),
    ] | None = None
    mark_scheme: list[ListItem] = Field(default_factory=list, max_length=50)


TYPE = QuestionType("extended", Extended, plan_extended, f"{__name__}.draw")
