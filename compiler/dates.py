"""Partial historical dates: ``1922``, ``1922-04``, ``1922-04-16``; negative years are BC.

There is no year 0: ``-1`` is 1 BC and the year after it is AD 1. Ordering compares a
partial date by its start (``1922`` sorts before ``1922-04``), and :meth:`PartialDate.axis`
gives a position in years on a proportional time axis, which closes the missing year 0.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal, overload

_DATE = re.compile(r"(-?)(\d{1,5})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

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
    ad: str = "AD"  # the era word a span across year 0 gives its end: 27 BC–AD 14
    ad_first: bool = True  # English writes "AD 14" for a year, other languages "14 n. Chr."

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
        between = (str(value) for kind, value in (*self.day_pattern, *self.month_pattern) if kind == "chars")
        return "".join((*self.names, *self.standalone, *between, self.ad))

    def year_last(self) -> bool:
        """Whether a full date ends with its year, so a span can write the year once."""
        return self.day_pattern[-1] == ("field", ("y", 1))

    def without_year(self) -> MonthNames:
        """These names with patterns that leave out a final year and the text before it: the
        first date of a span that writes its year once (``4 February``, ``February 4``)."""
        def cut(pattern: Pattern) -> Pattern:
            if pattern and pattern[-1] == ("field", ("y", 1)):
                pattern = pattern[:-1]
                return pattern[:-1] if pattern and pattern[-1][0] == "chars" else pattern
            return pattern

        return replace(self, day_pattern=cut(self.day_pattern), month_pattern=cut(self.month_pattern))

    def after_day(self) -> str | None:
        """What follows the day in a day-first date (German ``4.``), so a span within one month
        writes ``4.–11. Februar``; None when the date does not start with its day."""
        pattern = self.day_pattern
        if not pattern or pattern[0][0] != "field" or str(pattern[0][1][0]) != "d":
            return None
        return str(pattern[1][1]).strip() if len(pattern) > 1 and pattern[1][0] == "chars" else ""


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

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``1922``, ``"1922-04"``, ``"1922-04-16"`` or ``-44``; raise DateError otherwise."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise DateError("a date must be written as a year, year-month or year-month-day",
                            "e.g. 1922, 1922-04 or 1922-04-16")
        match = _DATE.fullmatch(str(value).strip())
        if not match:
            raise DateError(f"'{value}' is not a date",
                            "write 1922, 1922-04 or 1922-04-16; a negative year is BC, e.g. -44")
        sign, year_text, month_text, day_text = match.groups()
        year = -int(year_text) if sign else int(year_text)
        if year == 0:
            raise DateError("there is no year 0", "1 BC (-1) is followed by AD 1 (1)")
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

    def __str__(self) -> str:
        """The ISO-like source form, e.g. ``1922-04-16`` or ``-44``."""
        text = str(self.year)
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
        *juin* and *juillet*)."""
        year = f"{-self.year} {bc}" if self.year < 0 else str(self.year)
        if not self.month:
            return year
        named = months if isinstance(months, MonthNames) else MonthNames(tuple(months), tuple(months))
        pattern = named.day_pattern if self.day else named.month_pattern
        return "".join(self._field(token, named, year) for token in pattern).strip()

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


def display_span(
    start: PartialDate,
    end: PartialDate | None,
    months: Sequence[str] = ENGLISH_MONTHS,
    bc: str = "BC",
) -> str:
    """One date, or a span ``1936–1939`` / ``Apr–Jun 1922`` without repeating what is shared.
    Plain text: where it becomes paragraph markup it must be escaped (the labels are a teacher's)."""
    if end is None or end == start:
        return start.display(months, bc)
    named = months if isinstance(months, MonthNames) else MonthNames(tuple(months), tuple(months))
    first, last = start.display(named, bc), end.display(named, bc)
    if start.year < 0 < end.year:  # across year 0: say which era the end is in
        ad_first = named.ad_first and end.precision == "year"
        last = f"{named.ad} {last}" if ad_first else f"{last} {named.ad}"
    elif start.year == end.year and start.precision == end.precision != "year" and named.year_last():
        after_day = named.after_day()
        if start.precision == "day" and start.month == end.month and after_day is not None:
            return f"{start.day}{after_day}–{last}"  # 4–11 February 1945, 4.–11. Februar 1945
        return f"{start.display(named.without_year(), bc)} – {last}"  # 4 February – 11 March 1945
    if start.precision == end.precision == "year":
        if start.year < 0 and end.year < 0:
            return f"{-start.year}–{last}"  # 509–27 BC
        return f"{first}–{last}"
    return f"{first} – {last}"
