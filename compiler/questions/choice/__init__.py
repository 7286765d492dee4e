"""``type: choice``: pick one option, or several ("tick two")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from compiler.alike import alike_key
from compiler.checks import Known, printed_twice
from compiler.errors import FieldPath, Problem, did_you_mean, quoted
from compiler.fields import TEXT_SCHEMA, Text
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.choice.plan import plan as plan_choice
from compiler.source import Source


class Choice(QuestionBase):
    type: Literal["choice"]
    prompt: Text
    options: list[Text] = Field(min_length=2, max_length=12)
    answer: Annotated[
        list[Text],
        BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
        Field(min_length=1, description="one option, or a list of options for 'tick two'"),
        WithJsonSchema({"anyOf": [*TEXT_SCHEMA["anyOf"], {"type": "array", "items": TEXT_SCHEMA, "minItems": 1}],
                        "description": "one option, or a list of options for 'tick two'"}),
    ]


def check(source: Source, path: FieldPath, question: Choice, known: Known) -> Iterator[Problem]:
    """Options students can tell apart, and answers that are options (as written), not all of them."""
    yield from printed_twice(source, (*path, "options"), question.options, "option")
    options = [o.casefold() for o in question.options]
    looks = {alike_key(o): o for o in reversed(question.options)}
    for k, answer in enumerate(question.answer):
        if answer.casefold() not in options:
            where = (*path, "answer", k) if len(question.answer) > 1 else (*path, "answer")
            if alike_key(answer) in looks:
                yield source.problem(where, f"the answer {quoted(answer)} is not one of the options: it prints like "
                                     f"{quoted(looks[alike_key(answer)])} but is written differently",
                                     "copy the answer exactly from `options:`")
                continue
            yield source.problem(where, f"the answer {quoted(answer)} is not one of the options",
                                 did_you_mean(answer, question.options) or "copy the answer exactly from `options:`")
    if len(question.answer) >= len(question.options):
        yield source.problem((*path, "answer"), "every option is marked correct", "leave at least one wrong option")


TYPE = QuestionType("choice", Choice, plan_choice, f"{__name__}.draw", check)
