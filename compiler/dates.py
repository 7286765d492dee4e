"""Partial historical dates: ``1922``, ``1922-04``, ``1922-04-16``; negative years are BC; an
approximate year is ``c. 1750``.

There is no year 0: ``-1`` is 1 BC and the year after it is AD 1. Ordering compares a
partial date by its start (``1922`` sorts before ``1922-04``), and :meth:`PartialDate.axis`
gives a position in years on a proportional time axis, which closes the missing year 0. An
approximate year differs from its year only in print: it is placed, ordered and compared as
the year (``c. 1750`` is drawn where ``1750`` is).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar, overload

LAST_YEAR = 9999  # five digits are for years BC (-12000), a prehistory unit's; none AD is meant
_DATE = re.compile(r"(-?)(\d{1,5})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# An approximate date: c., ca. or circa (any case, the dot and space optional), then the rest.
_CIRCA = re.compile(r"(circa|ca|c)(?![a-z])\.?\s*(.*)", re.IGNORECASE | re.DOTALL)
CIRCA_SCHEMA = r"[cC](?:[aA]|[iI][rR][cC][aA])?\.?\s*(?:-\d{1,5}|\d{1,4})"  # the same, for the JSON Schema

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ENGLISH_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# A date pattern as Babel's ``tokenize_pattern`` reads CLDR's: ``("field", ("d", 1))`` for a
# field, ``("chars", " ")`` for the text between fields.
Token = tuple[str, "str | tuple[str, int]"]
Pattern = tuple[Token, ...]

_DAY_MONTH_YEAR: Pattern = (("field", ("d", 1)), ("chars", " "), ("field", ("M", 4)), ("chars", " "),
                            ("field", ("y", 1)))
_MONTH_YEAR: Pattern = (("field", ("M", 4)), ("chars", " "), ("field", ("y", 1)))


@dataclass(frozen=True)
class Span:
    """CLDR's interval pattern for two dates of one year that differ from field ``differs``
    (``M``: the month, ``d``: only the day): the ``first`` date written without what the two
    share, the ``last`` in full, and whether the dash between them is ``spaced`` (``4–11
    February 1945``, ``February 4–11, 1945``, ``4 February – 11 March 1945``)."""

    differs: str
    first: Pattern
    spaced: bool
    last: Pattern


# English (en_GB) spans, for month names given as a plain list.
_DAY_SPANS = (Span("d", (("field", ("d", 1)),), False, _DAY_MONTH_YEAR),
              Span("M", _DAY_MONTH_YEAR[:3], True, _DAY_MONTH_YEAR))
_MONTH_SPANS = (Span("M", _MONTH_YEAR[:1], False, _MONTH_YEAR),)


@dataclass(frozen=True)
class MonthNames(Sequence[str]):
    """The twelve month names of a language at one width (full or abbreviated), in each form a
    date needs, with the patterns that place them (from CLDR, through :mod:`compiler.l10n`).
    As a sequence it is the names a date with a day uses (Russian genitive *апреля*); a month
    and year alone takes the stand-alone form (*апрель 1922*). A plain list of names (a
    catalogue's own) prints in both places, in English order."""

    names: tuple[str, ...]
    standalone: tuple[str, ...]
    day_pattern: Pattern = _DAY_MONTH_YEAR
    month_pattern: Pattern = _MONTH_YEAR
    day_spans: tuple[Span, ...] = _DAY_SPANS
    month_spans: tuple[Span, ...] = _MONTH_SPANS
    ad: str = "AD"  # the era word a span across year 0 gives its end: 27 BC–AD 14
    ad_first: bool = True  # English writes "AD 14", "Apr AD 14"; other languages "14 n. Chr."
    circa: str = "c. {date}"  # an approximate year: the catalogue's word `circa` (um 1750, ок. 1750)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self.names[index]

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def words(self) -> str:
        """Every text these names and patterns can print: the names in both forms, the text
        between fields and the era word (to check that the fonts have each character)."""
        spans = (pattern for span in (*self.day_spans, *self.month_spans) for pattern in (span.first, span.last))
        patterns = (self.day_pattern, self.month_pattern, *spans)
        between = (str(value) for pattern in patterns for kind, value in pattern if kind == "chars")
        return "".join((*self.names, *self.standalone, *between, self.ad))

    def span(self, start: PartialDate, end: PartialDate) -> Span | None:
        """CLDR's interval pattern for ``start`` and ``end`` when they are of one year and of
        the same precision below a year (None otherwise): the one for a differing month, or
        for only the day differing."""
        if start.year != end.year or start.precision != end.precision or start.precision == "year":
            return None
        differs = "d" if start.month == end.month else "M"
        spans = self.day_spans if start.precision == "day" else self.month_spans
        return next((span for span in spans if span.differs == differs), None)


def _named(months: Sequence[str]) -> MonthNames:
    """``months`` as :class:`MonthNames`: a plain list prints in both forms, in English order."""
    return months if isinstance(months, MonthNames) else MonthNames(tuple(months), tuple(months))


class DateError(ValueError):
    """A date that cannot be read, with a teacher-facing message and hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _days_in_month(year: int, month: int) -> int:
    astronomical = year + 1 if year < 0 else year
    if month == 2:
        return 29 if calendar.isleap(astronomical) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, optionally with a month and a day. Years below zero are BC."""

    year: int
    month: int = 0
    day: int = 0
    approximate: bool = field(default=False, compare=False)  # c. 1750: only the print differs

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``1922``, ``"1922-04"``, ``"1922-04-16"``, ``-44`` or ``"c. 1750"``; raise
        DateError otherwise."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise DateError("a date must be written as a year, year-month or year-month-day",
                            "e.g. 1922, 1922-04 or 1922-04-16")
        circa = _CIRCA.fullmatch(str(value).strip())
        if circa is not None:
            return cls._approximate(str(value).strip(), circa.group(1), circa.group(2))
        match = _DATE.fullmatch(str(value).strip())
        if not match:
            raise DateError(f"'{value}' is not a date",
                            "write 1922, 1922-04 or 1922-04-16; a negative year is BC, e.g. -44; "
                            "c. 1922 is about 1922")
        sign, year_text, month_text, day_text = match.groups()
        year = -int(year_text) if sign else int(year_text)
        if year == 0:
            raise DateError("there is no year 0", "1 BC (-1) is followed by AD 1 (1)")
        if year > LAST_YEAR:
            raise DateError(f"'{value}' is no year a unit means: a year AD has at most four digits",
                            "check the digits; a year before Christ is negative, e.g. -12000 for 12000 BC")
        month = int(month_text) if month_text else 0
        day = int(day_text) if day_text else 0
        if month_text and not 1 <= month <= 12:
            raise DateError(f"'{value}' has month {month}; months run from 01 to 12",
                            "write the date as year-month-day, e.g. 1922-04-16")
        if day_text and not 1 <= day <= _days_in_month(year, month):
            raise DateError(
                f"'{value}' does not exist: {ENGLISH_MONTHS[month - 1]} has "
                f"{_days_in_month(year, month)} days that year",
                "check the day against a calendar",
            )
        return cls(year, month, day)

    @classmethod
    def _approximate(cls, value: str, word: str, year: str) -> PartialDate:
        """The approximate year ``value`` (``word`` and then ``year``): a year only, since "about
        June 1750" is not a date a textbook prints."""
        if not year:
            raise DateError(f"'{value}' has no year", f"write the year after '{word}', e.g. c. 1750")
        match = _DATE.fullmatch(year)
        if match is None:
            raise DateError(f"'{value}' is not a date",
                            "write an approximate year as c. 1750 (c. -44 is about 44 BC)")
        if match.group(3):
            raise DateError(f"'{value}' has a month, but only a year can be approximate",
                            f"write c. {match.group(1)}{match.group(2)}, or {year} if the month is certain")
        return replace(cls.parse(year), approximate=True)

    def __str__(self) -> str:
        """The ISO-like source form, e.g. ``1922-04-16``, ``-44`` or ``c. 1750``."""
        text = f"c. {self.year}" if self.approximate else str(self.year)
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def earliest(self) -> tuple[int, int, int]:
        """The first day this date can mean: 1939 starts on 1939-01-01."""
        return (self.year, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int]:
        """The last day this date can mean: 1939 runs to 1939-12-31."""
        month = self.month or 12
        return (self.year, month, self.day or _days_in_month(self.year, month))

    def may_coincide(self, other: PartialDate) -> bool:
        """True when nobody could say which of the two dates is the earlier: they are the same,
        of one year and either is approximate (``c. 1750`` and ``1750-06``), or one contains the
        other (``1868`` and ``1868-04-06``)."""
        return (self == other or (self.year == other.year and (self.approximate or other.approximate))
                or self.contains(other) or other.contains(self))

    def contains(self, other: PartialDate) -> bool:
        """True when this date is less precise than ``other`` and ``other`` falls within it: the
        year ``1868`` contains ``1868-04`` and ``1868-04-06``; ``1868-04`` contains ``1868-04-06``."""
        return (self.precision != other.precision and self.earliest() <= other.earliest()
                and other.latest() <= self.latest())

    def ends_before(self, start: PartialDate) -> bool:
        """True when this date, read as an end, is over before ``start`` begins."""
        return self.latest() < start.earliest()

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day:
            return "day"
        return "month" if self.month else "year"

    def axis(self) -> float:
        """Position in years on a continuous axis (1 BC is 0.0, AD 1 is 1.0)."""
        astronomical = self.year + 1 if self.year < 0 else self.year
        position = float(astronomical)
        if self.month:
            position += (self.month - 1) / 12
        if self.day:
            position += (self.day - 1) / (12 * _days_in_month(self.year, self.month))
        return position

    def axis_end(self) -> float:
        """Position where this date's span ends: a year runs to the next year's start."""
        if self.day:
            return self.axis() + 1 / (12 * _days_in_month(self.year, self.month))
        if self.month:
            return self.axis() + 1 / 12
        return self.axis() + 1

    def display(self, months: Sequence[str] = ENGLISH_MONTHS, bc: str = "BC") -> str:
        """``16 April 1922``, or ``16 Apr 1922`` given short ``months``; ``Apr 1922``; ``44 BC``;
        in the order and month forms of the language when ``months`` are :class:`MonthNames`
        (``16 апреля 1922``, ``апрель 1922``, ``April 16, 1922``). The month names are printed
        whole, as given: a name is never cut (a short name cut from a long one merges French
        *juin* and *juillet*). An approximate year takes the word of ``months`` (``c. 1750``)."""
        named = _named(months)
        return self.marked(self.written(named.day_pattern if self.day else named.month_pattern, named,
                                        self.year_text(bc)), named)

    def marked(self, text: str, months: MonthNames) -> str:
        """``text``, this date as written, in the approximate-date word of ``months`` when this
        date is approximate (``c. 1750``, ``um 1750``, ``ок. 1750``)."""
        return months.circa.replace("{date}", text) if self.approximate else text

    def year_text(self, bc: str, months: MonthNames | None = None) -> str:
        """The year with ``bc`` after it when BC; given ``months``, a year AD with their era
        word (``AD 14``, ``14 n. Chr.``), for the end of a span that starts BC."""
        if self.year < 0:
            return f"{-self.year} {bc}"
        if months is None:
            return str(self.year)
        return f"{months.ad} {self.year}" if months.ad_first else f"{self.year} {months.ad}"

    def written(self, pattern: Pattern, months: MonthNames, year: str) -> str:
        """This date by ``pattern`` (the year alone when it has no month), its year as ``year``."""
        if not self.month:
            return year
        return "".join(self._field(token, months, year) for token in pattern).strip()

    def _field(self, token: Token, months: MonthNames, year: str) -> str:
        """One token of a CLDR pattern filled in: the day, the month (by name in the form its
        letter asks for: ``M`` within a date, ``L`` stand-alone; by number below three letters),
        the year (with the era word when BC), or the text between fields."""
        kind, value = token
        if kind != "field" or isinstance(value, str):
            return str(value)
        letter, width = value
        if letter == "d":
            return f"{self.day:0{width}d}"
        if letter in "ML":
            names = months.names if letter == "M" else months.standalone
            return names[self.month - 1] if width >= 3 else f"{self.month:0{width}d}"
        return year if letter in "yY" else ""


T = TypeVar("T")


def apart(items: Iterable[T], date: Callable[[T], PartialDate]) -> list[T]:
    """``items`` in order of their ``date`` (in the given order where dates are equal), without
    any whose date may coincide with one kept before it (:meth:`PartialDate.may_coincide`): the
    items students can put in a single right order."""
    kept: list[T] = []
    this_year: list[PartialDate] = []  # the dates kept in the year of the latest item
    for item in sorted(items, key=date):
        when = date(item)
        if this_year and this_year[-1].year != when.year:
            this_year = []
        if not any(when.may_coincide(other) for other in this_year):
            kept.append(item)
            this_year.append(when)
    return kept


def display_span(
    start: PartialDate,
    end: PartialDate | None,
    months: Sequence[str] = ENGLISH_MONTHS,
    bc: str = "BC",
) -> str:
    """One date, or a span ``1936–1939`` / ``4–11 February 1945`` / ``Feb 4–11, 1945`` without
    repeating what is shared, by CLDR's interval patterns for the language (with printpack's en
    dash, spaced where CLDR spaces it). A span of years is written closed (``509–27 BC``). A
    span across year 0 gives its end the era word, on the side of the year the language puts
    it (``27 BC–AD 14``, ``Mar 44 BC – Apr AD 14``, ``27 до н. э.–14 н. э.``). Each
    approximate side is marked, and the dash between sides that hold a space is spaced
    (``c. 1750 – 1760``, ``1750 – c. 1760``). Plain text: where it becomes paragraph markup
    it must be escaped (the labels are a teacher's)."""
    if end is None or end == start:
        return start.display(months, bc)
    named = _named(months)
    approximate = start.approximate or end.approximate
    span = None if approximate else named.span(start, end)
    if span is not None:
        year = end.year_text(bc)
        dash = " – " if span.spaced else "–"
        return start.written(span.first, named, year) + dash + end.written(span.last, named, year)
    first = start.display(named, bc)
    last = end.marked(end.written(named.day_pattern if end.day else named.month_pattern, named,
                                  end.year_text(bc, named if start.year < 0 < end.year else None)), named)
    if start.precision == end.precision == "year" and not approximate:
        if start.year < 0 and end.year < 0:
            return f"{-start.year}–{last}"  # 509–27 BC
        return f"{first}–{last}"
    return f"{first} – {last}"
