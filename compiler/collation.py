"""Alphabetical order as a reader expects it, in any language printpack prints.

The Unicode Collation Algorithm with its default table (DUCET, through pyuca) files a letter
with an accent under its base letter (*Émigrés* among the E's, *Ärger* beside *Arbeit*, *ёлка*
beside *елка*), and letters no decomposition reaches where a reader looks for them (*Œuvre*
with the O's, *Łódź* with the L's); case and accents only break ties. This is the order of
English, German and Russian dictionaries; languages that tailor it (Swedish files *Ö* after
*Z*) are not covered. Terms in the unit language's own script come first (a Russian glossary
lists *Дума* before *Glasnost*, where the table alone would put Latin first); the script is the
language's likely one in the CLDR data (Babel). Numbers in a term go by their value, as CLDR's
numeric collation orders them (*2nd International* before *10 Downing Street*): each run of
digits is compared as if written with as many leading zeros as the longest.
"""

from __future__ import annotations

import functools

import pyuca
import regex
from babel.core import get_global

_NUMBER_WIDTH = 20  # digits a number is padded to for sorting: longer than any a glossary holds


@functools.cache
def _collator() -> pyuca.Collator:
    """Reading the table takes a quarter of a second: once a process, and only if something is sorted."""
    return pyuca.Collator()


@functools.cache
def _own_script(language: str) -> regex.Pattern[str] | None:
    """A pattern matching text whose first letter is in ``language``'s usual script ("ru" →
    Cyrillic), or None for a language the CLDR data does not place."""
    likely = str(get_global("likely_subtags").get(language, "")).split("_")
    return regex.compile(rf"\P{{L}}*\p{{Script={likely[1]}}}") if len(likely) > 2 else None


def alphabetical(text: str, language: str = "en") -> tuple[bool, tuple[int, ...], str]:
    """A sort key putting ``text`` in alphabetical order for a reader of ``language``: terms
    whose first letter is in another script after the others; the text itself breaks the last
    ties, so that the order never depends on the order written."""
    own = _own_script(language)
    foreign = own is not None and regex.search(r"\p{L}", text) is not None and own.match(text) is None
    numeric = regex.sub(r"\d+", lambda number: number.group().rjust(_NUMBER_WIDTH, "0"), text)
    return foreign, tuple(_collator().sort_key(numeric)), text
