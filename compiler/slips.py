"""Slips: what a valid unit says that its teacher almost surely did not mean.

A slip passes every check (the unit is valid) yet prints something unmeant: ``[oath]`` written
for the gap ``[[oath]]`` shows the answer on the students' sheet; ``[1,000, 40,000]`` is four
list items to YAML. Each slip is a function ``(unit, source) -> Iterator[Problem]`` listed in
:data:`SLIPS`; :func:`slips` runs them all. The build and ``check`` report what they find as
warnings, which never stop a build (``--strict`` makes them errors). A slip fires only where
the teacher almost surely meant something else, so a unit written with care gives none.

Some slips look at the text as written (:attr:`compiler.source.Source.text`): how a value was
typed, and where in it the slip is, so that a warning points at the character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from compiler.errors import FieldPath, Problem, quoted
from compiler.markup import plain
from compiler.model import Unit, texts
from compiler.questions.gap_fill import GapFill
from compiler.questions.gap_fill.plan import GAP
from compiler.source import Numeral, Position, Source

Slip = Callable[[Unit, Source], Iterator[Problem]]
TextSlip = Callable[[Source], Iterator[Problem]]


def slips(unit: Unit, source: Source) -> list[Problem]:
    """Every slip in a valid ``unit`` read from ``source``, each once, in file order."""
    return sorted({*(problem for slip in SLIPS for problem in slip(unit, source)), *text_slips(source)})


def text_slips(source: Source) -> list[Problem]:
    """The slips found in the text alone, which are also said for a unit that fails: a list
    split at a thousands comma is often why it fails ("the distractor '000' is given twice")."""
    return sorted({problem for slip in TEXT_SLIPS for problem in slip(source)})


# Where in the text a value is written -------------------------------------------------------


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer("\n", text))]


def _index(starts: list[int], where: Position) -> int:
    return starts[where.line - 1] + where.column - 1 if where.line <= len(starts) else len(starts)


def _position(starts: list[int], index: int) -> Position:
    line = bisect_right(starts, index)
    return Position(line, index - starts[line - 1] + 1)


def written_at(source: Source, path: FieldPath, piece: str, occurrence: int = 0) -> Position:
    """Where the ``occurrence``-th ``piece`` of the text at ``path`` is written in the file: it is
    looked for between the value's start and the next value's. Where it is not written as it
    reads (an escape, a quote doubled, a line folded inside it), the value's own position."""
    where = source.position(path)
    if not source.text or not piece:
        return where
    starts = _line_starts(source.text)
    start = _index(starts, where)
    later = [i for i in (_index(starts, p) for p in source.values.values()) if i > start]
    region = source.text[start:min(later, default=len(source.text))]
    found = -1
    for _ in range(occurrence + 1):
        found = region.find(piece, found + 1)
        if found < 0:
            return where
    return _position(starts, start + found)


def _problem_at(source: Source, path: FieldPath, where: Position, message: str, hint: str) -> Problem:
    """The problem ``source`` words for ``path``, placed at ``where`` inside its value."""
    return replace(source.problem(path, message, hint), line=where.line, column=where.column)


def _occurrence(text: str, match: re.Match[str]) -> int:
    """How many times the matched piece appears in ``text`` before this match."""
    return text.count(match.group(), 0, match.start())


# The slips ------------------------------------------------------------------------------------


def _questions(unit: Unit) -> Iterator[tuple[FieldPath, Any]]:
    """Every worksheet question with its path as written."""
    for w, sheet in enumerate(unit.worksheets):
        for s, section in enumerate(sheet.sections):
            for q, question in enumerate(section.questions):
                yield ("worksheets", w, "sections", s, "questions", q), question
        for q, question in enumerate(sheet.questions):
            yield ("worksheets", w, "questions", q), question


def _gap_texts(unit: Unit) -> dict[FieldPath, str]:
    return {(*path, "text"): question.text for path, question in _questions(unit) if isinstance(question, GapFill)}


_SINGLE_BRACKETS = re.compile(r"(?<!\[)\[([^\[\]\n]+)\](?!\])")
_EDITORIAL = {"sic", "...", "…"}  # brackets a quotation is allowed: [sic], [...]


def _at_match(source: Source, path: FieldPath, text: str, match: re.Match[str], message: str, hint: str) -> Problem:
    """The warning about ``match`` in the text at ``path``, placed where that match is written."""
    return _problem_at(source, path, written_at(source, path, match.group(), _occurrence(text, match)), message, hint)


def single_brackets(unit: Unit, source: Source) -> Iterator[Problem]:
    """``[oath]`` in a gap-fill text: a gap is ``[[oath]]``, and one bracket prints as typed,
    answer and all, on the students' sheet."""
    for path, text in _gap_texts(unit).items():
        for match in _SINGLE_BRACKETS.finditer(text):
            word = match.group(1)
            if word.strip().casefold() in _EDITORIAL:
                continue
            yield _at_match(source, path, text, match,
                            f"{quoted(match.group())} is in single brackets: it prints as typed, answer and all, "
                            "on the students' sheet",
                            f"write [[{word}]] to make it a gap")


def gaps_outside_gap_fill(unit: Unit, source: Source) -> Iterator[Problem]:
    """``[[answer]]`` makes a gap only in a gap-fill question's text; anywhere else it prints
    with its brackets."""
    gap_texts = _gap_texts(unit)
    for path, text in texts(unit):
        if path in gap_texts or not isinstance(text, str):
            continue
        match = GAP.search(text)
        if match is None:
            continue
        yield _at_match(source, path, text, match,
                        f"{quoted(match.group())} prints with its brackets: double brackets make a gap only in "
                        "the text of a gap_fill question",
                        f"write {match.group(1)} without the brackets; gaps belong in a gap_fill question's text")


_GROUP_ENDS = re.compile(r"(?<![0-9.,])[0-9]{1,3}$")  # "1", "about 40": a number's first group
_GROUP = re.compile(r"[0-9]{3}(?![0-9])")  # "000", "000 people": a group of three digits after it


def _lists(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, list[Any]]]:
    if isinstance(data, list):
        yield path, data
        for index, item in enumerate(data):
            yield from _lists(item, (*path, index))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _lists(value, (*path, key))


def _joined_by_comma(source: Source, lines: list[str], path: FieldPath, items: list[Any], index: int) -> bool:
    """Whether items ``index`` and ``index + 1`` are plain text written with only a comma
    between them (``1,000`` in a ``[...]`` list)."""
    first, second = items[index], items[index + 1]
    here, there = source.values.get((*path, index)), source.values.get((*path, index + 1))
    if not (isinstance(first, str) and isinstance(second, str) and here and there and here.line == there.line
            and here.line <= len(lines)):
        return False
    line, comma = lines[here.line - 1], here.column - 1 + len(first)
    return (line[here.column - 1:comma] == first and line[comma:comma + 1] == ","
            and there.column - 1 == comma + 1 and line[comma + 1:comma + 1 + len(second)] == second)


def _split_number(items: list[Any], index: int, joined: list[bool]) -> int:
    """The last item of a number split at its thousands commas that starts at item ``index``
    (``index`` itself when none does)."""
    end = index
    if isinstance(items[index], str) and _GROUP_ENDS.search(items[index]):
        while end < len(items) - 1 and joined[end] and _GROUP.match(items[end + 1]):
            end += 1
            if _GROUP.fullmatch(items[end]) is None:
                break  # "000 people": the number ends inside this item
    return end


def _split_at_sight(items: list[Any]) -> bool:
    """Whether a list written with no space after any comma is still one number split: a first
    item of one or two digits (``[2,500,000]``) or an item ``000``; ``[100,200,300]`` is meant."""
    first = items[0]
    return (isinstance(first, str) and re.fullmatch(r"[0-9]{1,2}", first) is not None) or "000" in items


def thousands_split(source: Source) -> Iterator[Problem]:
    """``[1,000, 40,000]``: YAML splits a list in brackets at every comma, so it holds 1, 000, 40
    and 000, and a word bank prints them as four words. A list written with no space after any
    of its commas (``[100,200,300]``) is taken as meant."""
    lines = source.lines
    for path, items in _lists(source.data):
        joined = [_joined_by_comma(source, lines, path, items, k) for k in range(len(items) - 1)]
        if not any(joined) or (len(items) > 2 and all(joined) and not _split_at_sight(items)):
            continue
        index = 0
        while index < len(items) - 1:
            end = _split_number(items, index, joined)
            if end > index:
                pieces = items[index:end + 1]
                number = ",".join(pieces)
                yield source.problem((*path, index),
                                     f"{quoted(number)} is read as {len(pieces)} list items "
                                     f"({', '.join(quoted(p) for p in pieces)}): a list in [ ] is split at every comma",
                                     f'write "{number}" in quotes')
            index = end + 1


def _swapped_years(year: int) -> Iterator[int]:
    """The year with two adjacent digits swapped, each way it can be."""
    digits = str(abs(year))
    for k in range(len(digits) - 1):
        swapped = digits[:k] + digits[k + 1] + digits[k] + digits[k + 2:]
        if swapped != digits and not swapped.startswith("0"):
            yield int(swapped) if year > 0 else -int(swapped)


def _one_digit_changed(year: int) -> Iterator[int]:
    """The year with one of its digits typed wrong, each way it can be (1889 for 1789)."""
    digits = str(abs(year))
    for k, digit in enumerate(digits):
        for other in "0123456789":
            changed = digits[:k] + other + digits[k + 1:]
            if other != digit and not changed.startswith("0"):
                yield int(changed) if year > 0 else -int(changed)


MIN_EVENTS = 5  # fewer events make no cluster to stand apart from
TYPO_GAP = 40  # years: nearer than this, an event is background (a few decades before), not a slip
FAR = 10  # a year with no typo to explain it must be this many times the others' span away
FAR_YEARS = 200  # and at least this many years


def _outlier(year: int, others: list[int], unit: Unit,
             typos: Callable[[int], Iterator[int]]) -> tuple[int, int, int, int | None] | None:
    """For a year that stands alone far before or after every other event's: the others' first
    and last year, how far it is, and the year a typo would have been (``typos`` of it that
    fall among them; None without one). A year during one of the unit's periods is meant."""
    first, last = min(others), max(others)
    distance = first - year if year < first else year - last
    span = last - first
    if distance <= 0 or any(p.start.year <= year <= p.end.year for p in unit.periods):
        return None
    meant = next((y for y in typos(year) if first <= y <= last), None)
    if meant is not None and distance > max(2 * span, TYPO_GAP):
        return first, last, distance, meant
    if distance > max(FAR * span, FAR_YEARS):
        return first, last, distance, None
    return None


def _date_typos(year: int) -> Iterator[int]:
    yield from _swapped_years(year)
    yield from _one_digit_changed(year)


def outlying_date(unit: Unit, source: Source) -> Iterator[Problem]:
    """A year far from every other event of the unit: ``1739`` among events of 1789–1799 is
    most likely 1793 with two digits swapped, ``1889`` 1789 with one digit wrong. Background
    events a few decades apart, and units whose events spread over centuries, are not slips: a
    year is one only when it is a lone year far from the rest (:func:`_outlier`). An event's
    ``end`` may rightly reach far beyond the others (a long war), so only a swap questions it."""
    if len(unit.events) < MIN_EVENTS:
        return
    years = [event.date.year for event in unit.events]
    for index, event in enumerate(unit.events):
        others = years[:index] + years[index + 1:]
        written = [("date", event.date, _date_typos)]
        if event.end is not None and event.end.year > max(others):
            written.append(("end", event.end, _swapped_years))
        for key, date, typos in written:
            found = _outlier(date.year, others, unit, typos)
            if found is None:
                continue
            first, last, distance, meant = found
            side = "before" if date.year < first else "after"
            hint = (f"is the year right? {meant} would fall among the others" if meant is not None
                    else "is the year right? If it is, the poster's axis reaches from it to the others")
            yield source.problem(("events", index, key),
                                 f"{date} is {distance} years {side} every other event of the unit ({first}–{last})",
                                 hint)


_COMMENT_CUT = re.compile(r"\s+#(\S.*)")
DATES = {("date",), ("start",), ("end",)}  # where `1789 #check` is a note on a date, not text cut short


def comment_cut(source: Source) -> Iterator[Problem]:
    """``title: The #1 hit``: in unquoted text, a space and ``#`` start a YAML comment, so the
    title is "The". A comment a teacher means is written ``# like this``, with a space."""
    if not source.text:
        return
    lines = source.lines
    for path, where in source.values.items():
        value = source.value_at(path)
        if not isinstance(value, str) or isinstance(value, Numeral) or path[-1:] in DATES or where.line > len(lines):
            continue
        line = lines[where.line - 1]
        start = where.column - 1
        if line[start:start + len(value)] != value:
            continue  # quoted, a block, or over several lines: a # there is text
        cut = _COMMENT_CUT.match(line, start + len(value))
        if cut is None:
            continue
        hidden = "#" + cut.group(1).rstrip()
        yield _problem_at(source, path, Position(where.line, cut.start(1)),
                          f"the text ends before {quoted(hidden)}: an unquoted # after a space starts a YAML comment, "
                          "which is not printed",
                          f'put the whole text in quotes: "{value} {hidden}"')


# The escapes YAML reads in double quotes that take a letter: "C:\new" holds a line break.
_LETTER_ESCAPES = {"n": "a line break", "t": "a tab", "r": "a carriage return", "b": "a backspace",
                   "f": "a form feed", "v": "a vertical tab", "a": "a bell", "e": "an escape character",
                   "0": "a null character", "N": "a line break", "L": "a line break", "P": "a paragraph break",
                   "_": "a no-break space"}


def _escape_before_a_letter(written: str) -> int | None:
    r"""The index in ``written`` (a double-quoted value, from its opening quote) of the first
    escape such as ``\n`` followed by a small letter (``C:\new``), or None; it stops at the closing
    quote. ``\nLine`` is taken as a line break meant before a new line."""
    index = 1
    while index < len(written) - 1:
        char = written[index]
        if char == '"':
            return None
        if char == "\\":
            if written[index + 1] in _LETTER_ESCAPES and written[index + 2:index + 3].islower():
                return index
            index += 2
            continue
        index += 1
    return None


def escaped_letters(source: Source) -> Iterator[Problem]:
    r"""``"Save it in C:\new\temp"``: in double quotes ``\n`` is a line break and ``\t`` a tab,
    so a Windows path or a backslash before a word prints broken, and YAML says nothing."""
    lines = source.lines
    for path, where in source.values.items():
        value = source.value_at(path)
        if not isinstance(value, str) or where.line > len(lines):
            continue
        line, start = lines[where.line - 1], where.column - 1
        if line[start:start + 1] != '"':
            continue
        found = _escape_before_a_letter(line[start:])
        if found is None:
            continue
        letter = line[start + found + 1]
        close = line.find('"', start + found)
        inner = line[start + 1:close if close > 0 else len(line)].replace("\\\\", "\\").replace("'", "''")
        yield _problem_at(source, path, Position(where.line, start + found + 1),
                          f"'\\{letter}' inside double quotes is {_LETTER_ESCAPES[letter]}, not a backslash and "
                          f"'{letter}'",
                          f"use single quotes, where a backslash is just a backslash: '{inner}'")


_OPEN_MARKER = re.compile(r"(?<=\s)(\*{1,2})(?=\w)")


def open_emphasis(unit: Unit, source: Source) -> Iterator[Problem]:
    """``*Le Moniteur* and *Le Patriote`` : a marker opened inside a text and never closed prints as a
    star. One at the very start of a text is left alone: ``*Note`` is a footnote's star, and an
    escaped one (``\\*``) is meant as a star."""
    for path, text in texts(unit):
        if not isinstance(text, str) or "*" not in text:
            continue
        printed = plain(text.replace("\\*", ""))
        match = _OPEN_MARKER.search(printed)
        if match is None:
            continue
        marker = match.group()
        word = re.match(r"\*{1,2}\w+", printed[match.start():])
        piece = word.group() if word else marker
        where = written_at(source, path, piece, text.count(piece) - printed.count(piece, match.start()))
        yield _problem_at(source, path, where,
                          f"the {marker} before {quoted(piece.lstrip('*'))} opens emphasis that is never closed: "
                          f"it prints as {marker}",
                          f"close it after the last emphasised word ({piece}{marker}), or write \\{marker[0]} "
                          "to print a star")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _joined_dash(lines: list[str], where: Position, value: str) -> Position | None:
    """Where a ``- `` is written, starting a line below the list item written at ``where``,
    that YAML read as more of the item's text ``value``; None when there is none. Only an item
    written on its dash's line counts (a quoted text or a block is meant as written)."""
    above = lines[where.line - 1]
    if not re.fullmatch(r"\s*-\s+", above[:where.column - 1]):
        return None
    for number in range(where.line, len(lines)):
        below = lines[number].rstrip("\r")
        if _indent(below) <= _indent(above) or not below.strip():
            return None
        if below.lstrip().startswith("- ") and below.strip() in value:
            return Position(number + 1, _indent(below) + 1)
    return None


def items_read_as_text(unit: Unit, source: Source) -> Iterator[Problem]:
    """A list item indented more than the item above it, which YAML silently joins to that
    item's text: ``- Liberty`` then ``   - Equality`` is one bullet, "Liberty - Equality". A dash
    inside a text ("1789 - 1799") does not start a line, and is meant."""
    lines = source.text.split("\n")
    for path, items in _lists(source.data):
        for index, value in enumerate(items):
            where = source.values.get((*path, index))
            if not isinstance(value, str) or where is None or where.line > len(lines):
                continue
            dash = _joined_dash(lines, where, value)
            if dash is not None:
                yield _problem_at(source, (*path, index), dash,
                                  f"this - is indented more than the line above it, so YAML reads it as more of "
                                  f"that text: {quoted(value)}",
                                  f"line it up with the - on line {where.line} to make it an item of its own")

SLIPS: tuple[Slip, ...] = (
    single_brackets,
    gaps_outside_gap_fill,
    outlying_date,
    open_emphasis,
    items_read_as_text,
)
TEXT_SLIPS: tuple[TextSlip, ...] = (thousands_split, comment_cut, escaped_letters)
