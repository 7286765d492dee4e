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
    apart,
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
     (0, "no year 0"), ("1922/04/16", "is not a date"), ("April 1922", "is not a date"), (True, "must be written"),
     (17500, "a year AD has at most four digits"), ("c. 17500", "at most four digits"), ("10000-01", "four digits")],
)
def test_rejects_impossible_dates(value: object, message: str) -> None:
    with pytest.raises(DateError, match=message):
        PartialDate.parse(value)


def test_a_year_long_before_christ_may_have_five_digits() -> None:
    assert PartialDate.parse(-12000).year == -12000
    assert PartialDate.parse("c. -12000").approximate


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


@pytest.mark.parametrize("value", ["c. 1750", "c.1750", "c 1750", "c1750", "ca. 1750", "ca 1750", "circa 1750",
                                   "Circa 1750", "C. 1750", " c. 1750 "])
def test_an_approximate_year_is_the_year_marked_approximate(value: str) -> None:
    date = PartialDate.parse(value)
    assert date.approximate and (date.year, date.month, date.day) == (1750, 0, 0)
    assert str(date) == "c. 1750" and PartialDate.parse(str(date)).approximate


def test_an_approximate_year_is_placed_and_ordered_as_its_year() -> None:
    approximate = PartialDate.parse("c. 1750")
    assert approximate.axis() == PartialDate(1750).axis() and approximate.axis_end() == PartialDate(1751).axis()
    assert approximate == PartialDate(1750) and not approximate < PartialDate(1750)
    dates = [PartialDate.parse(v) for v in ["1751", "1750-06", "c. 1750", "1749", "c. -44"]]
    assert [str(d) for d in sorted(dates)] == ["c. -44", "1749", "c. 1750", "1750-06", "1751"]
    assert not PartialDate.parse("c. 1760").ends_before(PartialDate(1760))
    assert PartialDate.parse("c. 1750").ends_before(PartialDate(1751))


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [("c. 17x0", "'c. 17x0' is not a date", "write an approximate year as c. 1750"),
     ("circa", "'circa' has no year", "write the year after 'circa', e.g. c. 1750"),
     ("c.", "'c.' has no year", "e.g. c. 1750"),
     ("c. 1750-06", "'c. 1750-06' has a month, but only a year can be approximate",
      "write c. 1750, or 1750-06 if the month is certain"),
     ("c. 0", "there is no year 0", "1 BC (-1)"),
     ("about 1750", "'about 1750' is not a date", "c. 1922 is about 1922")],
)
def test_a_bad_approximate_date_says_how_to_write_one(value: str, message: str, hint: str) -> None:
    with pytest.raises(DateError, match=message) as caught:
        PartialDate.parse(value)
    assert hint in caught.value.hint


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["c. 1750", "c. 1750 – 1760", "1750 – c. 1760", "c. 1750 – c. 1760", "c. 44 BC", "c. 27 BC – AD 14"]),
    ("de", ["um 1750", "um 1750 – 1760", "1750 – um 1760", "um 1750 – um 1760", "um 44 v. Chr.",
            "um 27 v. Chr. – 14 n. Chr."]),
    ("ru", ["ок. 1750", "ок. 1750 – 1760", "1750 – ок. 1760", "ок. 1750 – ок. 1760", "ок. 44 до н. э.",
            "ок. 27 до н. э. – 14 н. э."]),
])
def test_an_approximate_year_prints_with_the_word_of_the_language(language: str, expected: list[str]) -> None:
    """Each approximate side is marked; a side holding a space spaces the dash."""
    labels = Wording(None, language).labels
    spans = [("c. 1750", None), ("c. 1750", "1760"), ("1750", "c. 1760"), ("c. 1750", "c. 1760"), ("c. -44", None),
             ("c. -27", "14")]
    assert [display_span(PartialDate.parse(a), PartialDate.parse(b) if b else None, labels.months_short, labels.bc)
            for a, b in spans] == expected


def test_dates_may_coincide_when_one_is_approximate_in_the_same_year() -> None:
    c1750, june = PartialDate.parse("c. 1750"), PartialDate.parse("1750-06")
    assert c1750.may_coincide(june) and june.may_coincide(c1750) and c1750.may_coincide(PartialDate(1750))
    assert not c1750.may_coincide(PartialDate(1751)) and not PartialDate(1750).may_coincide(PartialDate(1751, 6))
    dates = [PartialDate(1751), june, c1750, PartialDate(1749), PartialDate(1750, 3)]
    assert [str(d) for d in apart(dates, lambda d: d)] == ["1749", "c. 1750", "1751"]
    assert [str(d) for d in apart([june, PartialDate(1750, 3)], lambda d: d)] == ["1750-03", "1750-06"]


def test_dates_may_coincide_when_one_contains_the_other() -> None:
    """``1868`` may be before or after ``1868-04-06``: no order question can rely on it."""
    year, april, sixth, may = (PartialDate.parse(v) for v in ("1868", "1868-04", "1868-04-06", "1868-05-01"))
    assert year.may_coincide(sixth) and sixth.may_coincide(year) and year.may_coincide(april)
    assert april.may_coincide(sixth) and sixth.may_coincide(april)
    assert not april.may_coincide(may) and not sixth.may_coincide(may) and not year.may_coincide(PartialDate(1869, 1, 1))
    assert [str(d) for d in apart([sixth, may, year, PartialDate(1867)], lambda d: d)] == ["1867", "1868"]
    assert [str(d) for d in apart([sixth, may, april], lambda d: d)] == ["1868-04", "1868-05-01"]


@given(st.integers(-9999, 9999).filter(bool))
def test_any_approximate_year_round_trips(year: int) -> None:
    date = PartialDate.parse(f"c. {year}")
    again = PartialDate.parse(str(date))
    assert (again.year, again.approximate) == (year, True)
