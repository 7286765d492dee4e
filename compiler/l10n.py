"""What a language's rules say, from CLDR through Babel: plural categories, month names in each
form, date patterns and era words. The words printpack adds come from the label catalogues
(:mod:`compiler.wording`); this module says which of a label's forms a count takes and how a
date is written in the catalogue's locale, so no rule of a language is written by hand here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import tokenize_pattern
from babel.numbers import format_decimal

from compiler.dates import MonthNames, Pattern, Span

# The plural categories CLDR may give a count (https://cldr.unicode.org/index/cldr-spec/plural-rules).
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@lru_cache(maxsize=32)
def locale(name: str) -> Locale | None:
    """The Babel locale ``en_GB``, ``ru`` or ``de`` names, or None when CLDR has none."""
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def plural_category(count: int, name: str) -> str:
    """The CLDR plural category of ``count`` in locale ``name``: Russian 1 and 21 are ``one``,
    2–4 ``few``, 5–20 ``many``."""
    found = locale(name)
    return found.plural_form(count) if found is not None else ("one" if count == 1 else "other")


def decimal(number: float, name: str) -> str:
    """``number`` as locale ``name`` writes it: 1.5 in English, 1,5 in Russian and German."""
    found = locale(name)
    return str(format_decimal(number, locale=found)) if found is not None else f"{number:g}"


def plural_categories(name: str) -> frozenset[str]:
    """The plural categories locale ``name`` gives counts, ``other`` included: Russian's are
    ``one``, ``few``, ``many`` and ``other``."""
    found = locale(name)
    return (found.plural_form.tags if found is not None else frozenset({"one"})) | {"other"}


def month_names(name: str, *, short: bool) -> MonthNames:
    """The month names of locale ``name``, full or abbreviated, in the format form (within a date
    with a day) and the stand-alone form (a month and year alone), with CLDR's patterns for a day,
    month and year and for a month and year, and its interval patterns for spans of each."""
    found = locale(name)
    if found is None:
        raise ValueError(f"CLDR has no locale '{name}'")
    width = "abbreviated" if short else "wide"
    month = "MMM" if short else "MMMM"
    return MonthNames(
        names=tuple(found.months["format"][width][m] for m in range(1, 13)),
        standalone=tuple(found.months["stand-alone"][width][m] for m in range(1, 13)),
        day_pattern=_pattern(found, f"y{month}d"),
        month_pattern=_pattern(found, f"y{month}"),
        day_spans=_spans(found, "yMMMd", width=len(month)),
        month_spans=_spans(found, f"y{month}", width=len(month)),
        ad=era(name, bc=False),
        ad_first=found.language == "en",
    )


def era(name: str, *, bc: bool) -> str:
    """The abbreviated era word of locale ``name``: ``BC``/``AD``, ``до н. э.``/``н. э.``."""
    found = locale(name)
    return str(found.eras["abbreviated"][0 if bc else 1]) if found is not None else ("BC" if bc else "AD")


def _pattern(found: Locale, skeleton: str) -> Pattern:
    """CLDR's pattern for ``skeleton`` in the locale, without the text it writes after a final
    year: printpack prints "16 апреля 1922", not CLDR's "16 апреля 1922 г.", since a historical
    date's year needs no word for "year" (and a span of years would need the plural one)."""
    pattern = found.datetime_skeletons.get(skeleton) or found.date_formats["long" if "d" in skeleton else "medium"]
    return _without_year_word(_tokens(str(pattern.pattern)))


def _tokens(pattern: str) -> Pattern:
    tokens: list[tuple[str, str | tuple[str, int]]] = list(tokenize_pattern(pattern))
    return tuple(tokens)


def _without_year_word(tokens: Pattern) -> Pattern:
    """``tokens`` up to their final year, when they end with one (see :func:`_pattern`)."""
    fields = [i for i, (kind, _) in enumerate(tokens) if kind == "field"]
    if fields and str(tokens[fields[-1]][1][0]) == "y":
        return tokens[:fields[-1] + 1]
    return tokens


def _widened(tokens: Pattern, width: int) -> Pattern:
    """``tokens`` with each month written ``width`` letters wide (3 abbreviated, 4 in full)."""
    return tuple(("field", (value[0], width)) if kind == "field" and not isinstance(value, str) and value[0] in "ML"
                 else (kind, value) for kind, value in tokens)


# The dash CLDR writes between the two dates of an interval, with the space around it.
_DASH = re.compile(r"\s*[-–—]\s*$")


def _spans(found: Locale, skeleton: str, *, width: int) -> tuple[Span, ...]:
    """CLDR's interval patterns of ``skeleton`` for two dates of one year (differing in the month
    or only in the day), months written ``width`` letters wide, with no word after the year (see
    :func:`_pattern`). printpack writes its own en dash between the dates, in one style for
    every language: closed between days or single words (``4–11 Feb``, ``May–Nov 1920``,
    ``апрель–июнь``), spaced where the dates it joins hold a space (``4 Feb – 11 Mar``)."""
    formats = found.interval_formats.get(skeleton, {})
    return tuple(span for differs in ("M", "d") if differs in formats
                 and (span := _span(differs, *formats[differs], width=width)) is not None)


def _span(differs: str, first: str, last: str, *, width: int) -> Span | None:
    """One interval pattern as a :class:`Span`; None when its first part does not end with a dash."""
    tokens = _widened(_tokens(first), width)
    between = str(tokens[-1][1]) if tokens and tokens[-1][0] == "chars" else ""
    dash = _DASH.search(between)
    if dash is None:
        return None
    kept = between[:dash.start()]
    first_date = (*tokens[:-1], *((("chars", kept),) if kept else ()))
    spaced = differs != "d" and any(kind == "chars" and " " in str(value) for kind, value in tokens[:-1])
    return Span(differs, first_date, spaced, _without_year_word(_widened(_tokens(last), width)))
