"""``flashcards-<id>.pdf``: one file per set of :func:`~compiler.kinds.flashcards.deck.decks`.

The plan words the cards (markup, escaped) and gives each its code: the set's id and the card's
number of the set's count (``key-words · 7/26``), printed on the front and on the back, so a
dropped card finds its set and its other side. A card sort's codes are a letter and a number
(``B7``): a flash card's code names its set in words and counts, and never looks like one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from compiler import markup
from compiler.errors import FieldPath
from compiler.fields import PictureData
from compiler.illustrations import picture_credit
from compiler.kinds.flashcards.deck import Deck, deck, set_origins
from compiler.model import FlashcardSize, Unit
from compiler.outputs import Context, Metadata, Settings, Target

KIND = "flashcards"
Flip = Literal["long-edge", "short-edge", "fold"]


@dataclass(frozen=True)
class CardPlan:
    front: str  # markup
    back: tuple[str, ...]  # markup: one text, or the points of a list
    code: str  # markup, on both sides
    path: FieldPath
    picture: PictureData | None = None  # on the front, above its text
    credit: str = ""  # the picture's credit line ("Picture: …", markup), in small type under it
    alt: str = ""  # the picture's alt text (plain), read instead of it


@dataclass(frozen=True)
class FlashcardPlan:
    size: FlashcardSize
    flip: Flip
    cards: tuple[CardPlan, ...]
    fold_label: str  # the tiny word beside a fold line
    metadata: Metadata
    calibration: bool = False  # crosses and rings at the cards' centres, to check a printer's duplex


def targets(unit: Unit, settings: Settings) -> list[Target]:
    flip = unit.outputs.flashcards.flip
    return [Target(KIND, f"flashcards-{name}.pdf", name, {"flip": flip}, origin=origin)
            for name, origin in set_origins(unit)]


def inputs(unit: Unit, target: Target) -> Any:
    """What the file is made from: the set (the written set, or the list it is made from), the
    flash-card settings that shape it and the unit's information; not the other sets."""
    chosen = unit.outputs.flashcards
    made_from: Any
    if target.origin[0] == "flashcards":
        made_from = unit.flashcards[int(target.origin[1])].model_dump(mode="json")
    elif target.item == "glossary":
        made_from = [term.model_dump(mode="json", include={"term", "definition"}) for term in unit.glossary]
    elif target.item == "people":
        made_from = [person.model_dump(mode="json", include={"name", "role"}) for person in unit.people]
    else:
        made_from = {"events": [event.model_dump(mode="json", include={"date", "end", "title", "key"})
                                for event in unit.events], "front": chosen.event_front}
    return {"unit": unit.unit.model_dump(mode="json"), "set": made_from,
            "outputs": chosen.model_dump(mode="json", include={"size", "flip"})}


def plan(unit: Unit, target: Target, context: Context) -> FlashcardPlan:
    return deck_plan(deck(unit, context.wording.labels, str(target.item)), unit.outputs.flashcards.flip, context, markup.plain(unit.unit.author or ""),
                     markup.plain(unit.unit.title), language=unit.unit.language)


def deck_plan(deck: Deck, flip: Flip, context: Context, author: str = "", subject: str = "", *,
              calibration: bool = False, language: str = "en") -> FlashcardPlan:
    """The plan of one set's file (a unit's, or the calibration sheet's built-in set)."""
    wording = context.wording

    def phrase(name: str, **values: Any) -> str:
        return wording.phrase("flashcards.j2", name, **values)

    count = len(deck.cards)
    cards = tuple(CardPlan(str(markup.inline(card.front)), tuple(str(markup.inline(point)) for point in card.back),
                           phrase("card_code", set=deck.id, number=str(number), count=str(count)), card.path,
                           card.picture.data if card.picture else None,
                           picture_credit(card.picture, wording) if card.picture else "",
                           markup.plain(card.picture.alt) if card.picture else "")
                  for number, card in enumerate(deck.cards, start=1))
    return FlashcardPlan(size=deck.size, flip=flip, cards=cards, fold_label=phrase("fold_label"),
                         metadata=Metadata(markup.plain(deck.title), author, subject, language), calibration=calibration)
