"""``type: match``: pairs to join, written out or drawn from the glossary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from compiler.alike import alike_key
from compiler.checks import Known, term_refs
from compiler.errors import FieldPath, Problem
from compiler.fields import Count, Text
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.match.plan import plan as plan_match
from compiler.source import Source


class Match(QuestionBase):
    type: Literal["match"]
    prompt: Text | None = None
    source: Literal["glossary"] | None = Field(None, alias="from")
    terms: list[Text] = Field(default_factory=list, max_length=26)
    count: Count | None = None
    pairs: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list, max_length=26
    )


def check(source: Source, path: FieldPath, question: Match, known: Known) -> Iterator[Problem]:
    """Pairs or glossary terms (one way, enough of them), each item in one pair only."""
    if question.source == "glossary":
        if question.pairs:
            yield source.problem((*path, "pairs"), "give `pairs:` or `from: glossary`, not both", None)
        if bool(question.terms) == (question.count is not None):
            yield source.problem(path, "a match from the glossary needs `terms:` or `count:` (one of them)",
                                 "e.g. terms: [Estates-General, Sans-culottes]")
        yield from term_refs(source, (*path, "terms"), question.terms, known.terms)
        if question.terms and len(question.terms) < 2:
            yield source.problem((*path, "terms"), "matching needs at least two terms", None)
        if question.count is not None and question.count > len(known.terms):
            yield source.problem((*path, "count"), f"the glossary has only {len(known.terms)} terms", None)
    else:
        if question.terms or question.count is not None:
            yield source.problem(path, "`terms:` and `count:` need `from: glossary`", "add `from: glossary`")
        if len(question.pairs) < 2:
            yield source.problem((*path, "pairs"), "matching needs at least two pairs",
                                 "add pairs: [[left, right], ...] or from: glossary")
        lefts = Counter(alike_key(left) for left, _ in question.pairs)
        rights = Counter(alike_key(right) for _, right in question.pairs)
        for k, (left, right) in enumerate(question.pairs):
            if lefts[alike_key(left)] > 1 or rights[alike_key(right)] > 1:
                yield source.problem((*path, "pairs", k), "this pair repeats a left or right item",
                                     "each item may appear in one pair only")


TYPE = QuestionType("match", Match, plan_match, f"{__name__}.draw", check)
