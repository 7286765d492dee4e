"""The tab-separated text Quizlet imports (and Anki, and most revision apps): one card a line,
the term, a tab, the definition. Named so as not to shadow the standard library's ``csv``.

Text is plain (:func:`compiler.markup.plain`: emphasis dropped, sub- and superscripts as Unicode
characters where there are some), tabs and line breaks inside it become spaces, and a back of
points is one line, its points joined with "; ". A card's picture cannot go into a line of text:
its alt text follows the front in brackets (``Evaporation [The sun over the sea]``), so the
card still asks what the picture showed. UTF-8 without a byte-order mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from compiler.kinds.flashcards.deck import Deck, FlashCard
from compiler.markup import collapse_spaces, plain
from compiler.model import Unit

POINTS = "; "


def write_tabbed(unit: Unit, sets: Sequence[Deck], stamp: int) -> bytes:
    """Every card of ``sets``, in order, one ``front<TAB>back`` line each (the unit and the
    time stamp change nothing here)."""
    lines = (f"{front(card)}\t{POINTS.join(field(point) for point in card.back)}\n"
             for deck in sets for card in deck.cards)
    return "".join(lines).encode("utf-8")


def front(card: FlashCard) -> str:
    """The front as a field: its text, and its picture's alt text in brackets."""
    return f"{field(card.front)} [{field(card.picture.alt)}]" if card.picture is not None else field(card.front)


def field(text: str) -> str:
    """Unit text as one field of a line: plain, with every run of spaces, tabs and line breaks
    one space (no-break spaces kept)."""
    return collapse_spaces(plain(text))
