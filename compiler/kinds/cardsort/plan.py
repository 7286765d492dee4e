"""``cardsort-<id>.pdf``: cards to cut out and a mat to sort them on, for students; and
``cardsort-<id>-key.pdf``: the teacher's key, in a file of its own so that printing the
students' sheets never prints the answers.

Cards sit in a grid that fills the page, with one dashed cut line between neighbours and a
scissors mark at the edge. Each card carries a code (the sort's letter and the card's number,
``B7``) and the sort's short title, so a stray card finds its set and the key can name it.
A set's text is in one size, the largest at which every card fits, down to the theme's
minimum; a card that cannot fit even then is a located error naming it, never clipped or shrunk
to nothing (PITFALLS.md §5). Every word stays 5 mm inside the cut lines.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from typing import Any

from compiler import markup
from compiler.dates import display_span
from compiler.errors import FieldPath
from compiler.fields import PictureData
from compiler.illustrations import picture_credit
from compiler.model import CardSort, Unit
from compiler.outputs import (
    Context,
    Furniture,
    Metadata,
    Settings,
    Target,
    chosen,
    page_furniture,
)
from compiler.theme import strand_colour

KIND = "cardsort"
LETTERS = string.ascii_uppercase


@dataclass(frozen=True)
class CardPlan:
    code: str
    text: str
    path: FieldPath
    heading: bool = False
    colour: str | None = None
    picture: PictureData | None = None  # a picture card: the picture fills it, its text is the caption
    credit: str = ""  # its picture's credit line ("Picture: …", markup), printed under it if it fits one line
    listed_credit: str = ""  # the same credit by the card's code, for the sheet's list when it does not
    alt: str = ""  # its picture's alt text (plain), read instead of the picture


@dataclass(frozen=True)
class KeyRow:
    code: str
    text: str  # a picture card's caption, or its alt text when it has none
    note: str
    picture: PictureData | None = None  # a picture card's picture, small, so the teacher knows it at a glance
    path: FieldPath = ()  # the card's, to locate a picture that cannot be drawn
    alt: str = ""  # its picture's alt text (plain), read instead of the picture
    captioned: bool = True  # False for a picture card without a caption: its text is then the alt text


@dataclass(frozen=True)
class KeyGroup:
    heading: str
    rows: tuple[KeyRow, ...]


@dataclass(frozen=True)
class CardSortPlan:
    title: str
    short_title: str
    instructions: str | None
    cut_instruction: str
    mode: str
    size: str
    cards: tuple[CardPlan, ...]
    mat_title: str | None
    mat_columns: tuple[tuple[str, str], ...]  # categories mode: (label, colour)
    mat_labels: tuple[str, str]  # ranking: most and least important
    diamond_alt: str  # ranking: the diamond of places in words, for a reader who cannot see it (plain)
    language: str  # the unit's, for hyphenating the mat's headings
    key: bool  # the teacher's key, not the students' cards
    key_heading: str
    key_groups: tuple[KeyGroup, ...]
    credits_heading: str  # over the list of the credits too long to print on their cards
    furniture: Furniture
    metadata: Metadata


def targets(unit: Unit, settings: Settings) -> list[Target]:
    return [Target(KIND, f"cardsort-{sort.id}{'-key' if key else ''}.pdf", sort.id, {"key": key},
                   origin=("card_sorts", i), audience="teacher" if key else "student")
            for i, sort in chosen(unit.card_sorts, unit.outputs.card_sorts) for key in (False, True)]


def inputs(unit: Unit, target: Target) -> Any:
    index, sort = _find(unit, target)
    used = set(sort.events)
    return {
        "unit": unit.unit.model_dump(mode="json"),
        "index": index,
        "sort": sort.model_dump(mode="json"),
        "events": [e.model_dump(mode="json", include={"id", "date", "end", "title"}) for e in unit.events if e.id in used],
    }


def _find(unit: Unit, target: Target) -> tuple[int, CardSort]:
    return next((i, s) for i, s in enumerate(unit.card_sorts) if s.id == target.item)


def set_letter(index: int) -> str:
    """The letters of the ``index``-th card sort's codes, as spreadsheet columns are named: A to
    Z, then AA, AB, ..., so that no two sorts of a unit share a code."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, len(LETTERS))
        letters = LETTERS[remainder] + letters
    return letters


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plan(unit: Unit, target: Target, context: Context) -> CardSortPlan:
    index, sort = _find(unit, target)
    letter = set_letter(index)
    wording = context.wording
    labels = wording.labels
    base: FieldPath = ("card_sorts", index)

    def phrase(name: str, **values: Any) -> str:
        return wording.phrase("cardsort.j2", name, **values)

    title = str(markup.inline(sort.title))
    category_colour = {c.id: strand_colour(context.theme, k, None) for k, c in enumerate(sort.categories)}
    headings = [CardPlan("", str(markup.inline(c.label)), (*base, "categories", k), True, category_colour[c.id])
                for k, c in enumerate(sort.categories)]
    if sort.mode == "sequence":
        events = {e.id: e for e in unit.events}
        picked = [events[e] for e in sort.events]
        items = [(str(markup.inline(e.title)), (*base, "events", k), "") for k, e in enumerate(picked)]
        pictures: list[PictureData | None] = [None] * len(items)
        credits = lines = alts = [""] * len(items)
        keyed = [text for text, _, _ in items]
    else:
        items = [(str(markup.inline(c.text or "")), (*base, "cards", k), str(markup.inline(c.note)) if c.note else "")
                 for k, c in enumerate(sort.cards)]
        pictures = [c.picture.data if c.picture else None for c in sort.cards]
        credits = [str(markup.inline(c.picture.credit)) if c.picture and c.picture.credit else "" for c in sort.cards]
        lines = [picture_credit(c.picture, wording) if c.picture else "" for c in sort.cards]
        alts = [markup.plain(c.picture.alt) if c.picture else "" for c in sort.cards]
        # a picture card without a caption is named in the key by its alt text, in italics
        keyed = [text or (f"<i>{markup.inline(c.picture.alt)}</i>" if c.picture else "")
                 for (text, _, _), c in zip(items, sort.cards, strict=True)]
    order = list(range(len(items)))
    random.Random(f"{unit.unit.id}:{sort.id}:cards").shuffle(order)
    numbered = [*headings, *(CardPlan("", items[i][0], items[i][1], picture=pictures[i],
                                      credit=lines[i] if credits[i] else "", listed_credit=credits[i], alt=alts[i])
                             for i in order)]
    cards = tuple(CardPlan(f"{letter}{n}", c.text, c.path, c.heading, c.colour, c.picture, c.credit,
                           phrase("credit_entry", code=f"{letter}{n}", credit=c.listed_credit) if c.credit else "",
                           c.alt)
                  for n, c in enumerate(numbered, 1))
    code_of = {c.path: c.code for c in cards}

    def row(k: int, note: str) -> KeyRow:
        return KeyRow(code_of[items[k][1]], keyed[k], note, pictures[k], items[k][1], alts[k], bool(items[k][0]))

    if sort.mode == "categories":
        groups = tuple(
            KeyGroup(f"{code_of[(*base, 'categories', j)]} · {markup.inline(c.label)}",
                     tuple(row(k, items[k][2]) for k in range(len(items)) if sort.cards[k].category == c.id))
            for j, c in enumerate(sort.categories))
    elif sort.mode == "sequence":
        when = [str(markup.escape(display_span(e.date, e.end, labels.months, labels.bc))) for e in picked]
        ranked = sorted(range(len(items)), key=lambda k: picked[k].date)
        groups = (KeyGroup(phrase("correct_order"), tuple(row(k, when[k]) for k in ranked)),)
    else:
        groups = (KeyGroup(phrase("cards_as_given"), tuple(row(k, items[k][2]) for k in range(len(items)))),)

    mat_title = None
    if sort.mode == "ranking":
        mat_title = phrase("ranking_mat", title=markup.inline(sort.title))
    elif sort.mat:
        mat_title = phrase("sort_mat", title=markup.inline(sort.title))
    info = unit.unit
    return CardSortPlan(
        title=title,
        short_title=f"{letter} · {_short(markup.plain(sort.title))}",
        instructions=str(markup.inline(sort.instructions)) if sort.instructions else None,
        cut_instruction=phrase("cut_instruction"),
        mode=sort.mode,
        size=sort.card_size or context.theme.cards.default,
        cards=cards,
        mat_title=mat_title,
        mat_columns=tuple((str(markup.inline(c.label)), category_colour[c.id]) for c in sort.categories),
        mat_labels=(phrase("most_important"), phrase("least_important")),
        diamond_alt=markup.plain(phrase("ranking_diamond")),
        language=info.language,
        key=bool(target.variant.get("key")),
        key_heading=phrase("key_heading", title=markup.inline(sort.title)),
        key_groups=groups,
        credits_heading=phrase("picture_credits"),
        furniture=page_furniture(wording, info, title,
                                 phrase("key_header_right" if target.variant.get("key") else "header_right")),
        metadata=Metadata(markup.plain(sort.title), markup.plain(info.author or ""), markup.plain(info.title), info.language),
    )

