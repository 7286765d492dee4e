"""Quizlet's export (and any list of term and definition): one card a row, rows separated by
line breaks or ``;``, term and definition by a tab, a comma or another character the file uses
in every row. Quizlet does not quote, so a row is split at the first separator: a definition
may hold commas, a term may not.
"""

from __future__ import annotations

import re
from collections import Counter

from compiler.importers.draft import Draft, Part, Unreadable
from compiler.importers.text import collapsed, decoded, title_from

_CUSTOM = "|:=;~^/\\-"  # characters tried as a custom separator, after tab and comma


def _rows(text: str) -> list[tuple[str, int]]:
    """The rows with their line numbers: lines, or ``;``-separated rows when the file is one line
    holding ``;`` and tabs or commas."""
    lines = [(line, number) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(lines) == 1 and ";" in lines[0][0] and ("\t" in lines[0][0] or "," in lines[0][0]):
        return [(row, 1) for row in lines[0][0].split(";") if row.strip()]
    return lines


def _separator(rows: list[tuple[str, int]]) -> str:
    """The character between term and definition: tab, comma or another found in every row."""
    for candidate in ("\t", ",", " - "):
        if all(candidate in row for row, _ in rows):
            return candidate
    for candidate in _CUSTOM:
        if all(candidate in row for row, _ in rows):
            return _widened(candidate, rows)
    counts: Counter[str] = Counter(char for row, _ in rows for char in set(row)
                                   if not char.isalnum() and not char.isspace())
    common: list[str] = [char for char, count in counts.most_common() if count == len(rows)]
    if common:
        return _widened(common[0], rows)
    row, number = next(((row, number) for row, number in rows if "\t" not in row), rows[0])
    raise Unreadable(f"row {collapsed(row)[:40]!r} has no separator between term and definition",
                     "export from Quizlet with 'Between term and definition: Tab', or give each row one", number)


def _widened(character: str, rows: list[tuple[str, int]]) -> str:
    """The whole run of punctuation around the first ``character`` of each row (``::``, ``=>``),
    when every row has the same run there."""
    pattern = re.compile(rf"[^\w\s]*{re.escape(character)}[^\w\s]*")
    runs = {match[0] if (match := pattern.search(row)) else character for row, _ in rows}
    return runs.pop() if len(runs) == 1 else character


def sniff(filename: str, content: bytes) -> bool:
    """Text in which every row holds a tab (not only as indentation; a tab at the end is a card
    whose definition is still to be written), or every row a comma and none is indented (a list
    of terms, not an outline)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    rows = [line for line in text.splitlines() if line.strip()]
    if not rows or rows[0].startswith("#"):
        return False
    return all("\t" in row.lstrip() for row in rows) or all("," in row and row == row.lstrip() for row in rows)


def read(filename: str, content: bytes) -> Draft:
    """One flash-card set of the rows, named after the file."""
    rows = _rows(decoded(content).lstrip("\ufeff"))
    if not rows:
        raise Unreadable("no cards found", "export the set from Quizlet (… › Export) and save the text")
    separator = _separator(rows)
    cards = []
    for row, _ in rows:
        term, _, definition = row.partition(separator)
        cards.append({"front": collapsed(term), "back": collapsed(definition)})
    origins = tuple(f"line {number}" if len({n for _, n in rows}) == len(rows) else f"row {index}"
                    for index, (_, number) in enumerate(rows, start=1))
    described = "a Quizlet export" if separator in ("\t", ",") else f"a list of terms separated by {separator!r}"
    return Draft(title=None, described=described,
                 flashcards=(Part({"title": title_from(filename), "cards": cards}, f"line {rows[0][1]}", origins),))
