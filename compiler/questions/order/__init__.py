"""``type: order``: items to put in order, written out or drawn from the unit's events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from compiler.checks import Known, distinct_dates, printed_twice, refs
from compiler.dates import apart
from compiler.errors import FieldPath, Problem
from compiler.fields import Count, Slug, Text
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.order.plan import plan as plan_order
from compiler.source import Source


class Order(QuestionBase):
    type: Literal["order"]
    prompt: Text | None = None
    source: Literal["events"] | None = Field(None, alias="from")
    events: list[Slug] = Field(default_factory=list, max_length=26)
    count: Count | None = None
    items: list[Text] = Field(default_factory=list, max_length=26, description="in the right order")


def check(source: Source, path: FieldPath, question: Order, known: Known) -> Iterator[Problem]:
    """Items or events (one way, enough of them), events that exist and have one right order."""
    events = known.events
    if question.source == "events":
        if question.items:
            yield source.problem((*path, "items"), "give `items:` or `from: events`, not both", None)
        if bool(question.events) == (question.count is not None):
            yield source.problem(path, "an order question from events needs `events:` or `count:` (one of them)",
                                 "e.g. events: [bastille, varennes, terror]")
        yield from refs(source, (*path, "events"), question.events, events, "event")
        yield from distinct_dates(source, (*path, "events"), question.events, events)
        if question.events and len(question.events) < 2:
            yield source.problem((*path, "events"), "ordering needs at least two events", None)
        dated = [e for e in events.values() if e is not None]
        if question.count is not None and question.count > len(apart(dated, lambda e: e.date)):
            yield source.problem((*path, "count"), "the unit has fewer events with distinct dates than that", None)
    else:
        if question.events or question.count is not None:
            yield source.problem(path, "`events:` and `count:` need `from: events`", "add `from: events`")
        if len(question.items) < 2:
            yield source.problem((*path, "items"), "ordering needs at least two items",
                                 "list the items in the right order, or use from: events")
        yield from printed_twice(source, (*path, "items"), question.items, "item")


TYPE = QuestionType("order", Order, plan_order, f"{__name__}.draw", check)
