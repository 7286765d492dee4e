"""The registry of import formats: each format is one module, ``compiler/importers/<format>.py``,
and one :class:`Importer` entry here. ``printpack import`` picks the format with :func:`detect`
(by what the file holds first, by its suffix second) or by name (``--format``), reads the file
into a :class:`~compiler.importers.draft.Draft`, writes it as a unit
(:func:`~compiler.importers.write.unit_yaml`) and checks that unit as ``printpack check`` would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from compiler import SLUG_PATTERN, unitfile
from compiler.errors import Problem, ProblemsFound
from compiler.fsio import write_atomically
from compiler.ids import slug
from compiler.importers import anki, freemind, opml, outline, quizlet, timelinejs
from compiler.importers.draft import Draft, Unreadable
from compiler.importers.write import unit_yaml
from compiler.starter import starter_problems, write_new

__all__ = ["IMPORTERS", "Importer", "Unreadable", "counted", "detect", "imported", "is_id", "read_bytes", "slug",
           "write"]


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


# In the order detect() tries them: the formats with a signature of their own first.
IMPORTERS: dict[str, Importer] = {importer.name: importer for importer in (
    Importer("anki", "Anki 'Notes in Plain Text' export (#separator, #html, #columns headers)", (),
             anki.sniff, anki.read),
    Importer("opml", "OPML outline or mind map (<outline text=…>)", (".opml",), opml.sniff, opml.read),
    Importer("freemind", "FreeMind / Freeplane mind map (.mm)", (".mm",), freemind.sniff, freemind.read),
    Importer("timelinejs-json", "TimelineJS timeline in its JSON form ({\"events\": […], \"eras\": […]})", (".json",),
             timelinejs.sniff_json, timelinejs.read_json),
    Importer("timelinejs-csv", "TimelineJS Google Sheets template downloaded as CSV (Year, Month, Day, …, Headline)",
             (".csv",), timelinejs.sniff_csv, timelinejs.read_csv),
    Importer("outline", "bullet outline: markdown (#, -, *, 1.) or text (•, ◦, ▪, –)", (".md", ".markdown", ".txt"),
             outline.sniff, outline.read),
    Importer("quizlet", "Quizlet export: term and definition by tab, comma or another character, one a row",
             (".tsv", ".csv"), quizlet.sniff, quizlet.read),
)}


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


@dataclass(frozen=True)
class Imported:
    """A file read as a unit: the unit's text, the draft it was written from, the format, and
    the problems ``printpack check`` finds in the text (none, unless printpack has a bug)."""

    text: str
    draft: Draft
    importer: Importer
    problems: list[Problem]


def imported(source: Path, content: bytes, out: Path, *, format_name: str | None = None,
             unit_id: str, title: str | None = None) -> Imported:
    """``content`` (the file ``source``) as the text of the unit file ``out``, checked."""
    importer = IMPORTERS[format_name] if format_name else detect(source.name, content)
    try:
        draft = importer.read(source.name, content)
    except RecursionError:  # the readers walk nesting as the file has it; a unit nests a few levels
        raise Unreadable("the file nests its items hundreds of levels deep, more than any unit can hold",
                         "export the outline, mind map or timeline again, or flatten it first") from None
    if draft.is_empty():
        raise Unreadable(f"nothing to import was found for the format '{importer.name}'",
                         "check that the file is an export of that format")
    text = unit_yaml(draft, unit_id, source.name, title)
    if set(yaml.safe_load(text)) <= {"format", "unit"}:
        raise Unreadable(f"nothing usable was found for the format '{importer.name}': every item read was empty "
                         "or given twice", "check the file in the program that made it, and export it again")
    return Imported(text, draft, importer, starter_problems(text, out))


def read_bytes(path: Path) -> bytes:
    """The bytes of the file to import, or :class:`Unreadable` saying why not (missing, a folder,
    more than 5 MB)."""
    try:
        return unitfile.read_bytes(path)
    except ProblemsFound as exc:
        problem = exc.problems[0]
        if problem.message.startswith("the file is") and "at most" in problem.message:
            raise Unreadable(problem.message.replace("a unit may", "an import may"),
                             "import a smaller export (one deck, one outline) at a time") from None
        raise Unreadable(problem.message, problem.hint or "name the exported file") from None


def is_id(text: str) -> bool:
    """Whether ``text`` is an id the unit format accepts."""
    return re.fullmatch(SLUG_PATTERN, text) is not None


def write(out: Path, text: str, *, replace: bool) -> None:
    """Write the unit ``out`` whole or not at all; an existing file only when ``replace``
    (``FileExistsError`` otherwise, even if it appeared meanwhile)."""
    if replace:
        write_atomically(out, text.encode("utf-8"))
    else:
        write_new(out, text)


def counted(draft: Draft) -> str:
    """What a draft holds, in words: "3 sections, 1 flash-card set of 24 cards"."""
    said = [f"{len(parts)} {noun if len(parts) == 1 else plural}"
            for parts, noun, plural in ((draft.themes, "theme", "themes"), (draft.periods, "period", "periods"),
                                        (draft.events, "event", "events"), (draft.glossary, "term", "terms"),
                                        (draft.sections, "section", "sections")) if parts]
    if draft.flashcards:
        cards = sum(len(part.data.get("cards", ())) for part in draft.flashcards)
        sets = len(draft.flashcards)
        said.append(f"{sets} flash-card set{'s' if sets > 1 else ''} of {cards} card{'s' if cards != 1 else ''}")
    return ", ".join(said)
