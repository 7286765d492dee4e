"""Anki's "Notes in Plain Text" export (``.txt``): one note a row, its fields separated by the
character the ``#separator:`` header names, quoted with double quotes where a field holds the
separator, a quote or a line break; headers say which columns hold the deck, the tags, the note
type and the note's id, and whether the fields are HTML. The first field of a note is a card's
front, the second its back; one flash-card set per deck.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Any

from compiler.importers.draft import Draft, Part, Unreadable
from compiler.importers.text import collapsed, decoded, html_lines, title_from

_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
_HEADER = re.compile(r"^#([a-z ]+):(.*)$", re.IGNORECASE)
_KNOWN = {"separator", "html", "columns", "deck", "notetype", "tags", "guid", "deck column", "tags column",
          "notetype column", "guid column", "if matches"}
_MEDIA = re.compile(r"\[sound:[^\]]*\]")  # Anki's reference to a sound file, which paper cannot play


@dataclass
class _Headers:
    separator: str = "\t"
    html: bool = False
    columns: list[str] = field(default_factory=list)
    deck: str | None = None
    special: dict[str, int] = field(default_factory=dict)  # deck, tags, notetype, guid → 0-based column
    lines: int = 0


def _headers(lines: list[str]) -> _Headers:
    """The ``#key:value`` lines at the top of the file."""
    found = _Headers()
    columns = ""
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line.rstrip("\r\n"))
        if not header or header[1].lower() not in _KNOWN:
            break
        key, value = header[1].lower(), header[2]
        found.lines = number
        if key == "separator":
            name = value.strip().lower()
            found.separator = _SEPARATORS.get(name, value if len(value) == 1 else "")
            if not found.separator:
                raise Unreadable(f"the separator '{value}' is not one Anki writes",
                                 "use tab, comma, semicolon, pipe, space, colon or a single character", number)
        elif key == "html":
            found.html = value.strip().lower() == "true"
        elif key == "columns":
            columns = value
        elif key == "deck":
            found.deck = collapsed(value) or None
        elif key.endswith(" column"):
            if not value.strip().isdigit() or int(value) < 1:
                raise Unreadable(f"'#{header[1]}:' names no column ({value!r})", "give a column number from 1", number)
            found.special[key.removesuffix(" column")] = int(value) - 1
    if columns:
        found.columns = [collapsed(name) for name in columns.split(found.separator)]
    return found


def _texts(field_text: str, html: bool) -> list[str]:
    """A field as lines of plain text (HTML reduced when the export holds HTML), sounds left out."""
    text = _MEDIA.sub(" ", field_text)
    return html_lines(text) if html else [line for line in (collapsed(part) for part in text.splitlines()) if line]


def sniff(filename: str, content: bytes) -> bool:
    """A text file starting with Anki's headers."""
    head = content[:512].lstrip(b"\xef\xbb\xbf").decode("utf-8", "ignore")
    return bool(re.match(r"#(separator|html|columns|notetype|deck|tags|guid)( column)?:", head, re.IGNORECASE))


def read(filename: str, content: bytes) -> Draft:
    """The cards of an Anki text export, one flash-card set per deck (in the order decks first
    appear), or one set named after the file or the ``#deck:`` header."""
    text = decoded(content).lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    headers = _headers(lines)
    special = set(headers.special.values())
    reader = csv.reader(lines[headers.lines:], delimiter=headers.separator, quotechar='"', doublequote=True,
                        strict=False)
    decks: dict[str, list[tuple[dict[str, Any], int]]] = {}
    extra_named = extra_ignored = False
    ended = 0  # the line the previous note ended on (a quoted field may hold line breaks)
    for row in reader:
        number, ended = headers.lines + ended + 1, reader.line_num
        fields = [(index, value) for index, value in enumerate(row) if index not in special]
        if not any(value.strip() for _, value in fields):
            continue
        deck = headers.deck or ""
        if "deck" in headers.special and headers.special["deck"] < len(row):
            deck = collapsed(row[headers.special["deck"]]) or deck
        front = " ".join(_texts(fields[0][1], headers.html)) if fields else ""
        back: list[str] = _texts(fields[1][1], headers.html) if len(fields) > 1 else []
        for index, value in fields[2:]:
            name = headers.columns[index] if index < len(headers.columns) else ""
            if name and value.strip():
                back.extend(f"{name}: {line}" for line in _texts(value, headers.html))
                extra_named = True
            elif value.strip():
                extra_ignored = True
        card = {"front": front, "back": back[0] if len(back) == 1 else back}
        decks.setdefault(deck, []).append((card, number))
    if not decks:
        raise Unreadable("no cards found", "export the deck from Anki with File › Export, 'Notes in Plain Text'")
    notes = []
    if extra_named:
        notes.append("Fields after the back were added to the back as points, each after its column's name.")
    if extra_ignored:
        notes.append("Fields after the back in unnamed columns were left out (a '#columns:' header would name them).")
    if "tags" in headers.special:
        notes.append("Anki's tags were left out.")
    parent = _parent(list(decks))
    sets = tuple(Part({"title": deck.removeprefix(parent) or title_from(filename), "cards": [card for card, _ in cards]},
                      f"line {cards[0][1]}: deck {deck!r}" if deck else f"line {cards[0][1]}",
                      tuple(f"line {number}" for _, number in cards))
                 for deck, cards in decks.items())
    return Draft(title=parent.removesuffix("::") or None, described="an Anki text export", flashcards=sets,
                 notes=tuple(notes))


def _parent(decks: list[str]) -> str:
    """The parent deck all decks are in (``French Revolution::`` for ``French Revolution::Key
    words`` and ``French Revolution::People``), which names the unit; the sets are named by the
    rest. Nothing when a deck is the parent itself or the decks have none in common."""
    paths = [deck.split("::") for deck in decks]
    common: list[str] = []
    for names in zip(*paths, strict=False):
        if len(set(names)) != 1:
            break
        common.append(names[0])
    if not common or any(len(path) <= len(common) for path in paths):
        return ""
    return "::".join(common) + "::"

