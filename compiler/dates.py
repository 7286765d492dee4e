"""Partial historical dates: ``1922``, ``1922-04``, ``1922-04-16``; negative years are BC.

There is no year 0: ``-1`` is 1 BC and the year after it is AD 1. Ordering compares a
partial date by its start (``1922`` sorts before ``1922-04``), and :meth:`PartialDate.axis`
gives a position in years on a proportional time axis, which closes the missing year 0.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

_DATE = re.compile(r"(-?)(\d{1,5})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ENGLISH_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
        """``16 April 1922``, or ``16 Apr 1922`` given short ``months``; ``Apr 1922``; ``44 BC``.
        The month names are printed whole, as given: a name is never cut (a short name cut from
        a long one merges French *juin* and *juillet*), so a catalogue lists its short names."""
        year = f"{-self.year} {bc}" if self.year < 0 else str(self.year)
        if not self.month:
            return year
        month = months[self.month - 1]
        if not self.day:
            return f"{month} {year}"
        return f"{self.day} {month} {year}"


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
    first, last = start.display(months, bc), end.display(months, bc)
    if start.year < 0 < end.year:  # across year 0: say which era the end is in
        last = f"AD {last}" if end.precision == "year" else f"{last} AD"
    elif start.year == end.year and start.precision == end.precision != "year":
        shared = " " + (f"{-start.year} {bc}" if start.year < 0 else str(start.year))
        if start.precision == "day" and start.month == end.month:
            return f"{start.day}–{last}"  # 4–11 February 1945
        return f"{first.removesuffix(shared)} – {last}"  # 4 February – 11 March 1945
    if start.precision == end.precision == "year":
        if start.year < 0 and end.year < 0:
            return f"{-start.year}–{last}"  # 509–27 BC
        return f"{first}–{last}"
    return f"{first} – {last}"
