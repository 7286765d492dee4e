"""A match: the left column (shuffled in versions), the right column (always shuffled), the key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import LETTERS, Item, Planned, QuestionContext, shuffled

if TYPE_CHECKING:
    from compiler.questions.match import Match


@dataclass(frozen=True)
class MatchPlan:
    left: tuple[Item, ...]  # numbered
    right: tuple[Item, ...]  # lettered
    answer: str  # the item's number and the letter written in its box: "1 C, 2 A, …"
    details: tuple[str, ...]  # each pair written out
    box: str  # what the box beside a numbered item is, for a screen reader: "Answer box"


def _pairs(question: Match, path: FieldPath, context: QuestionContext) -> list[tuple[str, str]]:
    """The pairs as written, or glossary terms with their definitions (read at plan time)."""
    if question.source != "glossary":
        return [(left, right) for left, right in question.pairs]
    if question.terms:
        chosen = [context.glossary[t.casefold()] for t in question.terms]
    else:
        pool = sorted(context.glossary.values(), key=lambda g: g.term.casefold())
        chosen = context.seed_for_every_version("terms", *path).sample(pool, question.count or 2)
    return [(g.term, g.definition) for g in chosen]


def plan(question: Match, path: FieldPath, context: QuestionContext) -> Planned:
    pairs = _pairs(question, path, context)
    lefts = list(range(len(pairs)))
    if context.shuffle:
        lefts = shuffled(lefts, context.seed("left", *path), avoid_identity=False)
    rights = shuffled(lefts, context.seed("right", *path), avoid_identity=True)
    right_order = [lefts[i] for i in rights]
    letter_of = {pair: LETTERS[k] for k, pair in enumerate(right_order)}
    prompt = question.prompt or (context.phrase("match_prompt") if question.source else "")
    return Planned(
        prompt=str(markup.inline(prompt)) if question.prompt else prompt,
        instruction=context.phrase("match_instruction"),
        body=MatchPlan(
            left=tuple(Item(str(n + 1), str(markup.inline(pairs[p][0]))) for n, p in enumerate(lefts)),
            right=tuple(Item(LETTERS[k], str(markup.inline(pairs[p][1]))) for k, p in enumerate(right_order)),
            answer=", ".join(f"{n + 1}&nbsp;{letter_of[p]}" for n, p in enumerate(lefts)),
            details=tuple(f"{n + 1}&nbsp;{letter_of[p]}: {markup.inline(pairs[p][0])} — {markup.inline(pairs[p][1])}"
                          for n, p in enumerate(lefts)),
            box=context.phrase("answer_box"),
        ),
    )
