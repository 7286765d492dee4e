"""Flash cards taken out of printpack, for revision apps: the registry of export formats.

Each format is one :class:`Export` value in :data:`EXPORTS` (``printpack export FORMAT``): a
function from a unit and the flash-card sets chosen to the bytes of one file. The sets are those
:func:`compiler.kinds.flashcards.deck.decks` gives, the ones the flash-card PDFs print, so a
deck in Anki or Quizlet holds the cards of the printed set. The unit is read as ``check`` reads
it (:func:`compiler.build.loading.each_unit`). Nothing here prints or writes: ``cli.py`` does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from compiler.build.loading import Loaded, each_unit, theme_and_problems
from compiler.errors import Problem, ProblemsFound
from compiler.exports.anki import write_package
from compiler.exports.tabbed import write_tabbed
from compiler.kinds.flashcards.deck import Deck, decks
from compiler.markup import typography
from compiler.model import Unit
from compiler.outputs import Settings
from compiler.wording import load_labels


@dataclass(frozen=True)
class Export:
    name: str
    suffix: str  # the file ending the app expects, for messages
    write: Callable[[Unit, Sequence[Deck], int], bytes]  # the unit, its sets, the time stamp (seconds)


EXPORTS: dict[str, Export] = {export.name: export for export in (
    Export("anki", ".apkg", write_package),
    Export("csv", ".txt", write_tabbed),
)}


@dataclass(frozen=True)
class Cards:
    """A valid unit and every flash-card set it gives, with the warnings ``check`` would show."""

    unit: Unit
    decks: tuple[Deck, ...]
    warnings: tuple[Problem, ...]


def unit_cards(file: Path) -> Cards:
    """The unit in ``file``, loaded and validated as ``check`` does (the default theme's fonts),
    and its flash-card sets; ProblemsFound with every problem of a unit that fails, or one
    located problem for a valid unit without a flash card."""
    theme, problems = theme_and_problems(Settings())
    if problems:
        raise ProblemsFound(problems)
    item = next(each_unit([file], Settings(), theme))
    if not isinstance(item, Loaded):
        raise ProblemsFound(list(item.problems), list(item.warnings))
    found = tuple(decks(item.unit, load_labels(item.unit.unit.language, None)))
    if not found:
        raise ProblemsFound([item.source.problem(
            ("unit",), f"unit '{item.unit.unit.id}' has no flash cards to export",
            "write sets under `flashcards:`, or give the unit a glossary, people with roles or events and keep "
            "them in outputs.flashcards.generate (by default it holds all three)")], list(item.warnings))
    return Cards(item.unit, found, item.warnings)


def unknown_sets(cards: Cards, ids: Sequence[str]) -> list[str]:
    """The ids in ``ids`` that name none of the unit's sets, in the order given."""
    known = {deck.id for deck in cards.decks}
    return [set_id for set_id in dict.fromkeys(ids) if set_id not in known]


def chosen(cards: Cards, ids: Sequence[str]) -> list[Deck]:
    """The sets named in ``ids`` (all of them when none is), in the unit's order."""
    return [deck for deck in cards.decks if not ids or deck.id in ids]


def exported(name: str, cards: Cards, ids: Sequence[str], stamp: int) -> bytes:
    """The file of format ``name`` holding the sets chosen by ``ids``, its unit text worded in
    the unit's language (quotes and dashes as the PDFs set them)."""
    with typography(cards.unit.unit.language):
        return EXPORTS[name].write(cards.unit, chosen(cards, ids), stamp)


def time_stamp(file: Path) -> int:
    """The time an export is stamped with: ``SOURCE_DATE_EPOCH`` where it is set (the command
    line has checked it), else when the unit file was last changed. Not the time of the export,
    so that exporting the same file twice gives the same bytes; and not a constant, because Anki
    updates a note it already has only from a package whose note is newer than its own."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch else int(file.stat().st_mtime)
