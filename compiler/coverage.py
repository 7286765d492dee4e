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
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

import regex
from pydantic import BaseModel

from compiler.errors import Problem
from compiler.fonts import characters, faces
from compiler.markup import never_drawn
from compiler.model import texts
from compiler.source import Source

# A character prints if every face has a glyph for it (DejaVu has empty glyphs for the zero-width
# space, the joiners, the word joiner, direction marks and the emoji variation selectors), or if
# markup removes it or makes it a space first. Any other, invisible by design or not, would be
# drawn as the font's empty box: U+FEFF pasted mid-text, direction isolates, C1 controls.
_UNSEEN_CATEGORIES = frozenset({"Cc", "Zs", "Zl", "Zp"})
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
_RIGHT_TO_LEFT = frozenset({"R", "AL"})  # Unicode bidirectional classes of Hebrew and Arabic letters


@cache
def printable(families: tuple[str, ...]) -> frozenset[int]:
    """The code points every face of ``families`` has a glyph for."""
    return frozenset.intersection(*(characters(name) for family in families for name in faces(family)))


def first_printing(families: Sequence[str], text: str) -> tuple[str, dict[str, str]]:
    """The first of ``families`` (in order of preference) whose faces draw every character of
    ``text``, else the last; and each family passed over, with the first character it lacks."""
    passed: dict[str, str] = {}
    for family in families[:-1]:
        lacking = missing(text, printable((family,)))
        if not lacking:
            return family, passed
        passed[family] = lacking[0]
    return families[-1], passed


def unseen(char: str) -> bool:
    """Whether ``char`` is meant to print as nothing (a control, format or space character, a
    variation selector): a message must name it, since it cannot be seen."""
    return unicodedata.category(char) in _UNSEEN_CATEGORIES or bool(_IGNORABLE.fullmatch(char))


def missing(text: str, covered: frozenset[int]) -> list[str]:
    """The distinct characters of ``text`` that ``covered`` lacks and that would show, in order."""
    if text.isascii():  # every printable ASCII character is in every bundled face
        return []
    return [c for c in dict.fromkeys(text)
            if (ord(c) not in covered or _right_to_left_letter(c)) and not never_drawn(c)]


def _right_to_left_letter(char: str) -> bool:
    """A Hebrew or Arabic letter; not a direction mark, which draws nothing."""
    return unicodedata.bidirectional(char) in _RIGHT_TO_LEFT and not _IGNORABLE.fullmatch(char)


def unprintable(unit: BaseModel, source: Source, families: Iterable[str]) -> Iterator[Problem]:
    """One problem per text field of ``unit`` holding a character the fonts cannot draw."""
    chosen = tuple(sorted(set(families)))
    for path, text in texts(unit):
        lacking = missing(text, printable(chosen)) if not text.isascii() else []  # ASCII needs no font read
        if lacking:
            hint = _UNSEEN_HINT if all(unseen(c) for c in lacking) else fonts_hint(chosen)
            yield source.problem(path, lacking_message(lacking), hint)


_UNSEEN_HINT = ("delete it: it prints as an empty box, and it often comes from copying text from a web page, "
                "a PDF or Word")


def lacking_message(lacking: list[str]) -> str:
    first = lacking[0]
    others = len(lacking) - 1
    more = f" and {others} other character{'s' if others > 1 else ''}" if others else ""
    return f"{_named(first)}{more} cannot be printed with the theme's fonts"


def _named(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "a control character" if unicodedata.category(char) == "Cc" else "unnamed")
    return f"the invisible character {code} ({name})" if unseen(char) else f"the character '{char}' ({code})"


def fonts_hint(families: tuple[str, ...]) -> str:
    return (f"the theme's fonts ({', '.join(families)}) print Latin, Greek and Cyrillic, not Chinese, Japanese, "
            "Korean, Devanagari, Thai, right-to-left scripts or most emoji; write it another way or leave it out")
