"""``type: gap_fill``: a text with its answers in double brackets, with or without a word bank."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, StrictBool

from compiler.alike import prints_nothing
from compiler.checks import Known, distractors
from compiler.errors import FieldPath, Problem, quoted
from compiler.fields import Text
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.gap_fill.plan import GAP
from compiler.questions.gap_fill.plan import plan as plan_gap_fill
from compiler.source import Source


class GapFill(QuestionBase):
    type: Literal["gap_fill"]
    prompt: Text | None = None
    text: Text = Field(description="gaps in double brackets: Water boils at [[100]] °C.")
    word_bank: StrictBool = False
    distractors: list[Text] = Field(default_factory=list, max_length=50)


_GAP_BRACKET = re.compile(r"\[\[|\]\]")
_TOUCHING_BRACKET = re.compile(r"\[\[\[+|\]\]\]+")


def _unbalanced_gap(text: str) -> str | None:
    """What is wrong with the gap brackets of ``text``, or None: every ``[[`` is closed by a ``]]``
    before the next ``[[``, and every ``]]`` closes one. A third bracket touching a pair
    (``[[[x]]]``) is ambiguous: is it part of the answer, or of the text around the gap?"""
    touching = _TOUCHING_BRACKET.search(text)
    if touching is not None:
        return f"{touching.group()} in '{_excerpt(text, max(touching.start() - 20, 0), 50)}' could open or close a gap"
    opened: int | None = None
    for bracket in _GAP_BRACKET.finditer(text):
        if bracket.group() == "[[" and opened is not None:
            return f"the gap opened at '{_excerpt(text, opened)}' is not closed before the next [["
        if bracket.group() == "]]" and opened is None:
            return f"the ]] in '{_excerpt(text, max(bracket.start() - 20, 0))}' closes no gap"
        opened = bracket.start() if bracket.group() == "[[" else None
    if opened is not None:
        return f"the gap opened at '{_excerpt(text, opened)}' is never closed"
    return None


def _with_a_gap(text: str) -> str:
    """The teacher's own text with one answer in double brackets, to show how a gap is written:
    its first number, or else its last word (the text cut to show it)."""
    words = " ".join(text.split())
    found = re.search(r"\d+", words) or re.search(r"\w+(?=\W*$)", words)
    if found is None:
        return "[[answer]]"
    start = max(found.start() - 30, 0)
    return ("…" if start else "") + words[start:found.start()] + f"[[{found.group()}]]" + words[found.end():]


def _excerpt(text: str, start: int, length: int = 30) -> str:
    piece = text[start:start + length]
    return piece.rstrip() + "…" if start + length < len(text) else piece


def check(source: Source, path: FieldPath, question: GapFill, known: Known) -> Iterator[Problem]:
    """Balanced brackets, gaps with an answer, distractors that are wrong and shown in a word bank."""
    unbalanced = _unbalanced_gap(question.text)
    if unbalanced is not None:
        yield source.problem((*path, "text"), f"unbalanced gap brackets: {unbalanced}",
                             "each gap is [[answer]], opened and closed; brackets cannot be escaped, so keep a "
                             "single [ or ] apart from a gap's brackets (a space between) or leave it out")
        return
    gaps = GAP.findall(question.text)
    if not gaps:
        yield source.problem((*path, "text"), "the text has no gaps",
                             f"put each answer in double brackets: {quoted(_with_a_gap(question.text))}")
    if any(prints_nothing(gap) for gap in gaps):
        yield source.problem((*path, "text"), "a gap is empty: its answer prints as nothing",
                             "write its answer inside the brackets: [[answer]]; emphasis markers and characters "
                             "that do not print (a soft hyphen, a zero-width space, U+2800 braille blank) do not count")
    yield from distractors(source, (*path, "distractors"), question.distractors, gaps, question.word_bank)


TYPE = QuestionType("gap_fill", GapFill, plan_gap_fill, f"{__name__}.draw", check)
