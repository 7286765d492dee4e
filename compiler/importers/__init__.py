"""The registry of import formats: each format is one module, ``compiler/importers/<format>.py``,
and one :class:`Importer` entry here. ``printpack import`` picks the format with :func:`detect`
(by what the file holds first, by its suffix second) or by name (``--format``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compiler.importers.draft import Draft, Unreadable


@dataclass(frozen=True)
class Importer:
    """One format: ``sniff(filename, content)`` says whether a file looks like it, ``read``
    turns the file into a :class:`~compiler.importers.draft.Draft` or raises
    :class:`~compiler.importers.draft.Unreadable`."""

    name: str
    describes: str
    suffixes: tuple[str, ...]
    sniff: Callable[[str, bytes], bool]
    read: Callable[[str, bytes], Draft]


IMPORTERS: dict[str, Importer] = {}


def detect(filename: str, content: bytes) -> Importer:
    """The format of a file: the first registered format whose ``sniff`` accepts it, else the
    first whose suffixes end its name; :class:`Unreadable` when none does."""
    for importer in IMPORTERS.values():
        if importer.sniff(filename, content):
            return importer
    lowered = filename.lower()
    for importer in IMPORTERS.values():
        if lowered.endswith(importer.suffixes):
            return importer
    raise Unreadable("printpack cannot tell what format this file is in",
                     f"give it with --format ({', '.join(IMPORTERS)})")
