"""What an importer read, as unit data, before it is written: a :class:`Draft` of :class:`Part`
values, each the YAML mapping of one item in the unit format and where in the file it came from.

An importer either returns a draft or raises :class:`Unreadable`, a message located in the file
(a line, when the format has lines) with a hint saying what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Part:
    """One item of the unit, ``data`` as the format writes it (``{"title": …, "points": […]}``
    for a section), and ``origin``, where it came from ("line 12", "row 7", "node 'Causes'"),
    which the written unit gives as a comment above the item; ``inner`` names the origin of each
    card of a set, for the comments on cards left out."""

    data: dict[str, Any]
    origin: str
    inner: tuple[str, ...] = ()  # where each card of a set came from, in order, when the format says


@dataclass(frozen=True)
class Draft:
    """Everything one file gave, in the file's order, each list a tuple of parts of that list
    of the unit format. ``described`` names what the file was ("an Anki text export");
    ``notes`` are what the reader left out or changed and the teacher should check, each said
    once in the written unit's header."""

    title: str | None
    described: str
    events: tuple[Part, ...] = ()
    sections: tuple[Part, ...] = ()
    flashcards: tuple[Part, ...] = ()
    themes: tuple[Part, ...] = ()
    periods: tuple[Part, ...] = ()
    glossary: tuple[Part, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def is_empty(self) -> bool:
        """Whether the file gave nothing to write."""
        return not any((self.events, self.sections, self.flashcards, self.themes, self.periods, self.glossary))


class Unreadable(Exception):
    """A file an importer cannot read: ``message`` says what is wrong (at ``line``, when known)
    and ``hint`` what to do about it."""

    def __init__(self, message: str, hint: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line

    def located(self, filename: str) -> str:
        """The one line the command prints: ``file:line: message — hint``."""
        where = f"{filename}:{self.line}" if self.line is not None else filename
        return f"{where}: {self.message} — {self.hint}"
