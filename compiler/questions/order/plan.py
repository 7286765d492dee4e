"""An order question: the items, always shuffled; the key gives the number of each box and the order
(with events' dates)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.dates import apart, display_span
from compiler.errors import FieldPath
from compiler.questions.planning import LETTERS, Item, Planned, QuestionContext, shuffled

if TYPE_CHECKING:
    from compiler.questions.order import Order


@dataclass(frozen=True)
class OrderPlan:
    items: tuple[Item, ...]  # lettered, as shuffled
    answer: str  # what a student writes in each box, in the order the boxes are printed: "A 3 · B 1 · …"
    heading: str
    details: tuple[str, ...]  # the right order, written out
    box: str  # what the box to number an item is, for a screen reader: "Answer box"


def _ordered(question: Order, path: FieldPath, context: QuestionContext) -> list[tuple[str, str]]:
    """The items in their right order, each with the date the key shows (or nothing)."""
    if question.source != "events":
        return [(str(markup.inline(item)), "") for item in question.items]
    if question.events:
        chosen = [context.events[e] for e in question.events]
    else:
        pool = apart(sorted(context.events.values(), key=lambda e: (e.date, e.id)), lambda e: e.date)
        chosen = context.seed_for_every_version("events", *path).sample(pool, question.count or 2)
    months, bc = context.labels.months, context.labels.bc
    return [(str(markup.inline(e.title)), str(markup.escape(display_span(e.date, e.end, months, bc))))
            for e in sorted(chosen, key=lambda e: e.date)]


def plan(question: Order, path: FieldPath, context: QuestionContext) -> Planned:
    ordered = _ordered(question, path, context)
    shown = shuffled(ordered, context.seed("order", *path), avoid_identity=True)
    letter_of = {item: LETTERS[k] for k, item in enumerate(shown)}
    prompt = question.prompt or (context.phrase("order_prompt") if question.source else "")
    return Planned(
        prompt=str(markup.inline(prompt)) if question.prompt else prompt,
        instruction=context.phrase("order_instruction", count=len(ordered)),
        body=OrderPlan(
            items=tuple(Item(LETTERS[k], ordered[i][0]) for k, i in enumerate(shown)),
            answer=" · ".join(f"{LETTERS[k]}&nbsp;{i + 1}" for k, i in enumerate(shown)),
            heading=context.phrase("correct_order"),
            details=tuple(f"{n + 1}. {letter_of[n]} — {text}" + (f" ({when})" if when else "")
                          for n, (text, when) in enumerate(ordered)),
            box=context.phrase("answer_box"),
        ),
    )
