"""Every flash-card set of a unit as data: the sets the teacher wrote (``flashcards:``) and the
ones printpack makes from the unit (glossary, people, events), which the PDFs, the Anki package
and the CSV export all read, so that the three always hold the same cards.

Pure: texts are the teacher's, inline markup and all, not yet escaped for a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from compiler.dates import display_span
from compiler.errors import FieldPath
from compiler.fields import Picture
from compiler.model import FlashcardSize, Unit
from compiler.wording import Labels


@dataclass(frozen=True)
class FlashCard:
    front: str
    back: tuple[str, ...]  # one text, or the points of a list
    path: FieldPath  # where the card comes from in the unit, to locate a problem
    picture: Picture | None = None  # a written card's picture, on its front above its text


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    size: FlashcardSize
    origin: FieldPath  # the set in the unit (``flashcards[2]``), or the list it is made from
    cards: tuple[FlashCard, ...]
    generated: bool = False


def decks(unit: Unit, labels: Labels) -> list[Deck]:
    """The unit's sets that ``outputs.flashcards`` asks for, in order: the written ones, then
    those made from the glossary, people and events (each only where there are cards)."""
    return [_deck(unit, labels, origin) for _, origin in set_origins(unit)]


def deck(unit: Unit, labels: Labels, name: str) -> Deck:
    """The set called ``name`` (one of :func:`set_origins`), worded; the other sets are not made."""
    return _deck(unit, labels, next(origin for found, origin in set_origins(unit) if found == name))


def _deck(unit: Unit, labels: Labels, origin: FieldPath) -> Deck:
    if origin[0] != "flashcards":
        return _GENERATED[str(origin[0])](unit, labels)
    index = int(origin[1])
    written = unit.flashcards[index]
    return Deck(written.id, written.title, written.size or unit.outputs.flashcards.size, origin,
                tuple(FlashCard(card.front, card.points, (*origin, "cards", k), card.picture)
                      for k, card in enumerate(written.cards)))


def set_origins(unit: Unit) -> list[tuple[str, FieldPath]]:
    """The id and origin of every set :func:`decks` gives, in its order, without wording them:
    what the files are called and made from is known before any catalogue is read."""
    chosen = unit.outputs.flashcards
    written = [(deck.id, ("flashcards", i)) for i, deck in enumerate(unit.flashcards)
               if chosen.sets is None or deck.id in chosen.sets]
    return [*written, *((name, (name,)) for name in chosen.generate if name in _made_from(unit))]


def _made_from(unit: Unit) -> set[str]:
    """The sets the unit has cards for: people only those with a role."""
    return {name for name, present in (("glossary", unit.glossary), ("people", any(p.role for p in unit.people)),
                                       ("events", unit.events)) if present}


def _glossary(unit: Unit, labels: Labels) -> Deck:
    cards = (FlashCard(item.term, (item.definition,), ("glossary", k)) for k, item in enumerate(unit.glossary))
    return _made(unit, "glossary", labels.glossary, cards)


def _people(unit: Unit, labels: Labels) -> Deck:
    cards = (FlashCard(person.name, (person.role,), ("people", k))
             for k, person in enumerate(unit.people) if person.role)
    return _made(unit, "people", labels.key_people, cards)


def _events(unit: Unit, labels: Labels) -> Deck:
    """A card per key event, or per event in a unit that marks none as key: a unit of a hundred
    events marks the dates students must know, and a hundred cards would bury them."""
    title_first = unit.outputs.flashcards.event_front == "title"
    some_key = any(event.key for event in unit.events)
    cards: list[FlashCard] = []
    for k, event in enumerate(unit.events):
        if some_key and not event.key:
            continue
        when = display_span(event.date, event.end, labels.months, labels.bc)
        front, back = (event.title, when) if title_first else (when, event.title)
        cards.append(FlashCard(front, (back,), ("events", k)))
    return _made(unit, "events", labels.key_dates, cards)


def _made(unit: Unit, name: str, title: str, cards: Iterable[FlashCard]) -> Deck:
    return Deck(name, title, unit.outputs.flashcards.size, (name,), tuple(cards), generated=True)


_GENERATED: dict[str, Callable[[Unit, Labels], Deck]] = {"glossary": _glossary, "people": _people, "events": _events}
