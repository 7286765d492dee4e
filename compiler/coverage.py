"""Characters of a unit that the theme's fonts cannot draw, as located problems.

ReportLab draws an empty box for a character its font lacks, and the text layer then loses it
(PITFALLS.md §11). Which face draws a piece of text depends on the kind, the template and the
markup: an event title is bold sans on the poster, body serif in the handout's key dates and
italic where the teacher wrote ``*…*``. Rather than a table of fields and faces, which would go
wrong with the next template, every text is checked against every face the theme can use, that
is against the characters all of them have. The price is a few false alarms for characters
that one face has and another lacks (a tick ✓ is in DejaVu Sans, not in DejaVu Serif); the
gain is that no box reaches paper.

Right-to-left letters (Hebrew, Arabic) count as missing whatever the font: ReportLab, as
installed here, neither orders them right to left nor joins Arabic letters, so they would print
reversed and broken, which is as silent a misprint as a box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from compiler.errors import FieldPath, Problem
from compiler.fonts import characters, faces
from compiler.source import Source

# Characters that are invisible by design and print as nothing, never as a box: controls,
# format characters (soft hyphen, zero-width joiner and non-joiner, direction marks, word joiner),
# spaces and line or paragraph separators, and variation selectors (the emoji-style U+FE0F).
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
_RIGHT_TO_LEFT = frozenset({"R", "AL"})  # Unicode bidirectional classes of Hebrew and Arabic letters


@cache
def printable(families: tuple[str, ...]) -> frozenset[int]:
    """The code points every face of ``families`` has a glyph for."""
    return frozenset.intersection(*(characters(name) for family in families for name in faces(family)))


def invisible(char: str) -> bool:
    """Whether ``char`` is meant to print as nothing, so a font need not have it."""
    code = ord(char)
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or any(code in r for r in _VARIATION_SELECTORS)


def missing(text: str, covered: frozenset[int]) -> list[str]:
    """The distinct characters of ``text`` that ``covered`` lacks and that would show, in order."""
    if text.isascii():  # every printable ASCII character is in every bundled face
        return []
    return [c for c in dict.fromkeys(text)
            if (ord(c) not in covered or unicodedata.bidirectional(c) in _RIGHT_TO_LEFT) and not invisible(c)]


def unprintable(unit: BaseModel, source: Source, families: Iterable[str]) -> Iterator[Problem]:
    """One problem per text field of ``unit`` holding a character the fonts cannot draw."""
    chosen = tuple(sorted(set(families)))
    for path, text in texts(unit):
        lacking = missing(text, printable(chosen)) if not text.isascii() else []  # ASCII needs no font read
        if lacking:
            yield source.problem(path, lacking_message(lacking), fonts_hint(chosen))


def texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text in a validated model with its path as written in the file (aliases, indices)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from texts(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))


def lacking_message(lacking: list[str]) -> str:
    first = lacking[0]
    others = len(lacking) - 1
    more = f" and {others} other character{'s' if others > 1 else ''}" if others else ""
    return f"the character '{first}' (U+{ord(first):04X}){more} cannot be printed with the theme's fonts"


def fonts_hint(families: tuple[str, ...]) -> str:
    return (f"the theme's fonts ({', '.join(families)}) print Latin, Greek and Cyrillic, not Chinese, Japanese, "
            "Korean, Devanagari, Thai, right-to-left scripts or most emoji; write it another way or leave it out")
