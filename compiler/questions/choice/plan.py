"""A choice question's options (shuffled in versions), its instruction and its key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import LETTERS, Item, Planned, QuestionContext, shuffled

if TYPE_CHECKING:
    from compiler.questions.choice import Choice


@dataclass(frozen=True)
class ChoicePlan:
    options: tuple[Item, ...]
    answer: str  # letters — options


def plan(question: Choice, path: FieldPath, context: QuestionContext) -> Planned:
    order = list(range(len(question.options)))
    if context.shuffle:
        order = shuffled(order, context.seed("options", *path), avoid_identity=False)
    options = [question.options[i] for i in order]
    correct = {a.casefold() for a in question.answer}
    right = [(LETTERS[k], o) for k, o in enumerate(options) if o.casefold() in correct]
    return Planned(
        prompt=str(markup.inline(question.prompt)),
        instruction=context.phrase("choice_instruction", count=len(right)),
        body=ChoicePlan(
            options=tuple(Item(LETTERS[k], str(markup.inline(o))) for k, o in enumerate(options)),
            answer=", ".join(letter for letter, _ in right) + " — " + "; ".join(str(markup.inline(o)) for _, o in right),
        ),
    )
