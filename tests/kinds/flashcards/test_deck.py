"""The sets of a unit as data: written sets, and those made from the glossary, people and events."""

from __future__ import annotations

import pytest

from compiler.build.loading import validated_unit
from compiler.kinds.flashcards.deck import Deck, decks
from compiler.outputs import Settings
from compiler.wording import load_labels

UNIT = """\
format: 1
unit: {id: revolution, title: The French Revolution, language: LANGUAGE}
glossary:
  - {term: Estates-General, definition: The assembly of the three orders.}
people:
  - {id: robespierre, name: Maximilien Robespierre, role: Jacobin leader}
  - {id: danton, name: Georges Danton}
events:
  - {id: bastille, date: 1789-07-14, title: Fall of the Bastille}
  - {id: terror, date: 1793-09, end: 1794-07, title: The Terror}
flashcards:
  - id: key-words
    title: Key words
    size: large
    cards:
      - {front: Sans-culottes, back: Working people of Paris}
      - front: Causes
        back:
          - debt
          - "Harvest: bad in 1788"
OUTPUTS"""


def sets(outputs: str = "", language: str = "en") -> list[Deck]:
    text = UNIT.replace("LANGUAGE", language).replace("OUTPUTS", outputs)
    _, unit = validated_unit(text.encode(), "unit.yaml", Settings(), None, {"en", "ru", "de"})
    return decks(unit, load_labels(language, None))


def test_written_sets_come_first_then_those_made_from_the_unit() -> None:
    found = sets()
    assert [deck.id for deck in found] == ["key-words", "glossary", "people", "events"]
    written = found[0]
    assert written.size == "large" and not written.generated
    assert [(card.front, card.back) for card in written.cards] == [
        ("Sans-culottes", ("Working people of Paris",)), ("Causes", ("debt", "Harvest: bad in 1788"))]
    assert written.cards[1].path == ("flashcards", 0, "cards", 1)


def test_made_sets_hold_the_unit_s_words_and_leave_out_people_without_a_role() -> None:
    by_id = {deck.id: deck for deck in sets()}
    assert [(c.front, c.back) for c in by_id["glossary"].cards] == [
        ("Estates-General", ("The assembly of the three orders.",))]
    assert [c.front for c in by_id["people"].cards] == ["Maximilien Robespierre"]
    assert [(c.front, c.back) for c in by_id["events"].cards] == [
        ("Fall of the Bastille", ("14 July 1789",)), ("The Terror", ("September 1793 – July 1794",))]


def test_event_cards_can_show_the_date_first_in_the_unit_s_language() -> None:
    by_id = {deck.id: deck for deck in sets("outputs:\n  flashcards: {event_front: date}\n", "de")}
    assert by_id["events"].cards[0].front == "14. Juli 1789"
    assert by_id["events"].cards[0].back == ("Fall of the Bastille",)


def test_a_unit_that_marks_key_events_gets_cards_for_those_only() -> None:
    marked = UNIT.replace("title: The Terror}", "title: The Terror, key: true}")
    _, unit = validated_unit(marked.replace("LANGUAGE", "en").replace("OUTPUTS", "").encode(), "unit.yaml",
                             Settings(), None, {"en"})
    events = next(deck for deck in decks(unit, load_labels("en", None)) if deck.id == "events")
    assert [card.front for card in events.cards] == ["The Terror"]
    assert events.cards[0].path == ("events", 1)


@pytest.mark.parametrize(("outputs", "ids"), [
    ("outputs:\n  flashcards: {generate: []}\n", ["key-words"]),
    ("outputs:\n  flashcards: {sets: [], generate: [people]}\n", ["people"]),
])
def test_outputs_choose_the_sets(outputs: str, ids: list[str]) -> None:
    assert [deck.id for deck in sets(outputs)] == ids
