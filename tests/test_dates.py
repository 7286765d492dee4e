"""Partial dates: parsing, ordering, BC years, axis positions and display."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compiler.dates import (
    ENGLISH_MONTHS,
    ENGLISH_SHORT_MONTHS,
    DateError,
    PartialDate,
    display_span,
)
from compiler.wording import Wording


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1922, PartialDate(1922)), ("1922-04", PartialDate(1922, 4)), ("1922-04-16", PartialDate(1922, 4, 16)),
     (-44, PartialDate(-44)), ("-44-03-15", PartialDate(-44, 3, 15)), ("1940-02-29", PartialDate(1940, 2, 29))],
)
def test_parses_the_three_forms(value: object, expected: PartialDate) -> None:
    assert PartialDate.parse(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [("1939-02-30", "does not exist"), ("1941-02-29", "does not exist"), ("1939-13-01", "month 13"),
     (0, "no year 0"), ("1922/04/16", "is not a date"), ("April 1922", "is not a date"), (True, "must be written")],
)
def test_rejects_impossible_dates(value: object, message: str) -> None:
    with pytest.raises(DateError, match=message):
        PartialDate.parse(value)


def test_orders_bc_before_ad_and_years_before_their_months() -> None:
    dates = [PartialDate.parse(v) for v in ["1922-04-16", "1922", -44, "1922-04", -509, 14]]
    assert [str(d) for d in sorted(dates)] == ["-509", "-44", "14", "1922", "1922-04", "1922-04-16"]


def test_the_axis_has_no_year_zero() -> None:
    assert PartialDate(1).axis() - PartialDate(-1).axis() == 1
    assert PartialDate(-44).axis() == -43


@pytest.mark.parametrize(
    ("date", "months", "text"),
    [(PartialDate(-44), ENGLISH_MONTHS, "44 BC"), (PartialDate(1922, 4), ENGLISH_SHORT_MONTHS, "Apr 1922"),
     (PartialDate(1922, 4, 16), ENGLISH_MONTHS, "16 April 1922"),
     (PartialDate(1922, 4, 16), ENGLISH_SHORT_MONTHS, "16 Apr 1922")],
)
def test_display(date: PartialDate, months: tuple[str, ...], text: str) -> None:
    assert date.display(months) == text


def test_display_span() -> None:
    assert display_span(PartialDate(1936), PartialDate(1939)) == "1936–1939"
    assert display_span(PartialDate(-509), PartialDate(-27)) == "509–27 BC"
    assert display_span(PartialDate(1918, 3, 3), None) == "3 March 1918"


@given(st.integers(-9999, 9999).filter(bool), st.integers(1, 12), st.integers(1, 31))
def test_any_real_date_round_trips(year: int, month: int, day: int) -> None:
    text = f"{year}-{month:02d}-{day:02d}"
    try:
        date = PartialDate.parse(text)
    except DateError:
        assert day > 28
        return
    assert PartialDate.parse(str(date)) == date


def test_spans_share_what_they_have_in_common() -> None:
    assert display_span(PartialDate(1945, 2, 4), PartialDate(1945, 2, 11)) == "4–11 February 1945"
    assert display_span(PartialDate(1945, 2, 4), PartialDate(1945, 3, 11)) == "4 February – 11 March 1945"
    assert display_span(PartialDate(-27), PartialDate(14)) == "27 BC–AD 14"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["12–25 Aug 1920", "12 Aug – 3 Sep 1920", "May–Nov 1920", "Dec 1920 – Jan 1921", "1936–1939"]),
    ("de", ["12.–25. Aug. 1920", "12. Aug. – 3. Sept. 1920", "Mai–Nov. 1920", "Dez. 1920 – Jan. 1921", "1936–1939"]),
    ("ru", ["12–25 авг. 1920", "12 авг. – 3 сент. 1920", "май–нояб. 1920", "дек. 1920 – янв. 1921", "1936–1939"]),
])
def test_one_range_style_in_every_language(language: str, expected: list[str]) -> None:
    """An en dash, closed between days or single words, spaced where a side holds a space."""
    labels = Wording(None, language).labels
    spans = [("1920-08-12", "1920-08-25"), ("1920-08-12", "1920-09-03"), ("1920-05", "1920-11"),
             ("1920-12", "1921-01"), ("1936", "1939")]
    assert [display_span(PartialDate.parse(a), PartialDate.parse(b), labels.months_short, labels.bc)
            for a, b in spans] == expected
