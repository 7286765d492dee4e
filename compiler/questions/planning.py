"""What a question type's plan works with: the sheet being planned, seeded shuffles, letters.

Pure: no fonts, no ReportLab. The worksheet's planner makes one :class:`QuestionContext` per
sheet or key and asks each question's type for its :class:`Planned` part.
"""

from __future__ import annotations

import math
import random
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from compiler import l10n, markup
from compiler.alike import alike_key

if TYPE_CHECKING:
    from compiler.model import Event, Term, Unit
    from compiler.wording import Labels, Wording

LETTERS = string.ascii_uppercase
MOST_LINES_IN_ROW = 20
"""Answer lines in a question's row; more go after the row and may run over pages."""
LINES_PER_MARK = 2  # an essay's writing space when the teacher gives none, as exam papers allow
LINES_PER_PAGE = 30  # about a page of ruled lines (A4 or Letter, 8 mm apart)
_HALF = re.compile(r"^\s*[Hh]alf\b")


@dataclass(frozen=True)
class Item:
    """A labelled line of a question: an option, a word, one side of a match."""

    label: str
    text: str


@dataclass(frozen=True)
class Planned:
    """A question type's part of the worksheet plan. ``prompt`` (markup) is printed on the
    sheet and in the key, ``instruction`` on the sheet only; ``body`` is the type's own frozen
    data, read only by its drawing."""

    prompt: str
    body: Any
    instruction: str = ""


@dataclass(frozen=True)
class WritingSpace:
    """Where an essay is written: ``lines`` in the question's row, or ``lines_after`` it (more
    than :data:`MOST_LINES_IN_ROW`), or ``pages`` of lines: whole ones fitted to end at a page's
    foot, or a share with a half (0.5, 1.5)."""

    lines: int = 0
    lines_after: int = 0
    pages: float = 0
    words: str = ""  # what it is, for a screen reader: "Answer space: 8 lines"


def writing_space(space: str | None, marks: int, context: QuestionContext) -> WritingSpace:
    """The writing space ``space:`` asks for (``base.SPACE_PATTERN``: half a page is 0.5 pages),
    or two lines a mark (at least 4), as whole pages when that is more than
    :data:`MOST_LINES_IN_ROW` lines; with its words for a screen reader."""
    found = _asked_space(space, marks)
    return replace(found, words=context.answer_space(found.lines or found.lines_after, found.pages))


def _asked_space(space: str | None, marks: int) -> WritingSpace:
    if space is not None:
        if _HALF.match(space):
            return WritingSpace(pages=0.5)
        amount, unit_word = space.split()
        if unit_word.startswith("page"):
            return WritingSpace(pages=float(amount))
        lines = int(amount)
        return WritingSpace(lines=lines) if lines <= MOST_LINES_IN_ROW else WritingSpace(lines_after=lines)
    lines = max(4, LINES_PER_MARK * marks)
    if lines <= MOST_LINES_IN_ROW:
        return WritingSpace(lines=lines)
    return WritingSpace(pages=float(math.ceil(lines / LINES_PER_PAGE)))


@dataclass(frozen=True)
class Level:
    """One level of a mark scheme, as a row of its table (markup)."""

    level: str
    marks: str  # "16–20"
    descriptor: str


def rng(*parts: object) -> random.Random:
    """A generator seeded from text, so the sequence is the same in every process."""
    return random.Random(":".join(str(p) for p in parts))


def shuffled(items: list[Any], generator: random.Random, *, avoid_identity: bool) -> list[int]:
    """A seeded permutation of ``range(len(items))``; not the identity when that is avoidable."""
    order = list(range(len(items)))
    for _ in range(20):
        generator.shuffle(order)
        if not avoid_identity or len(order) < 2 or order != sorted(order):
            break
    return order


def word_bank(words: list[str], generator: random.Random) -> tuple[str, ...]:
    """A word bank of ``words`` (the answers, then the distractors), shuffled, as markup. Words
    that print alike show once, as first written: "Danton · Danton" would only tell students that
    two gaps share an answer (validation refuses a distractor that prints like an answer, and
    distractors that print alike)."""
    shown_once: dict[str, str] = {}
    for word in words:
        shown_once.setdefault(alike_key(word), word)
    unique = list(shown_once.values())
    return tuple(str(markup.inline(unique[i])) for i in shuffled(unique, generator, avoid_identity=True))


@dataclass(frozen=True)
class QuestionContext:
    """One version of one worksheet, as the student sheet or as its key (``key``). A shuffled
    version (``shuffle``: every version after A, and A too with the worksheet's ``shuffle: true``)
    shuffles questions and options; what is always shuffled (a word bank, a match's right column,
    items to order) is shuffled in every version. Seeds are text, so shuffles repeat in every process."""

    unit: Unit
    sheet_id: str
    version: str | None
    shuffle: bool
    key: bool
    wording: Wording
    # Each source the worksheet prints, by id, with its printed label ("Source A", "Interpretation
    # 1"): lettered in the order of the worksheet as written, the same in every version.
    source_labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def labels(self) -> Labels:
        return self.wording.labels

    @cached_property
    def glossary(self) -> dict[str, Term]:
        """The glossary by case-folded term."""
        return {g.term.casefold(): g for g in self.unit.glossary}

    @cached_property
    def events(self) -> dict[str, Event]:
        return {e.id: e for e in self.unit.events}

    def phrase(self, name: str, **values: Any) -> str:
        """A phrase of ``worksheet.j2``, as paragraph markup."""
        return self.wording.phrase("worksheet.j2", name, **values)

    def answer_space(self, lines: int, pages: float = 0) -> str:
        """What ruled lines to write on are, said by a screen reader: "Answer space: 8 lines",
        "Answer space: 2 pages" (``pages``, when ``lines`` is 0)."""
        return markup.from_markup(self.phrase("answer_space", lines=lines, pages=l10n.decimal(pages, self.labels.locale),
                                              count=pages))

    def seed(self, *parts: object) -> random.Random:
        """A generator for this version: versions shuffle differently."""
        return rng(self.unit.unit.id, self.sheet_id, self.version or "-", *parts)

    def seed_for_every_version(self, *parts: object) -> random.Random:
        """A generator that is the same in every version (a choice of items, not their order)."""
        return rng(self.unit.unit.id, self.sheet_id, *parts)
