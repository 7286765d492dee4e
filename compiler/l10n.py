"""What a language's rules say, from CLDR through Babel: plural categories, month names in each
form, date patterns and era words. The words printpack adds come from the label catalogues
(:mod:`compiler.wording`); this module says which of a label's forms a count takes and how a
date is written in the catalogue's locale, so no rule of a language is written by hand here.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import tokenize_pattern

from compiler.dates import MonthNames, Pattern

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


def month_names(name: str, *, short: bool) -> MonthNames:
    """The month names of locale ``name``, full or abbreviated, in the format form (within a date
    with a day) and the stand-alone form (a month and year alone), with CLDR's patterns for a day,
    month and year and for a month and year."""
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
    tokens: list[tuple[str, str | tuple[str, int]]] = list(tokenize_pattern(str(pattern.pattern)))
    fields = [i for i, (kind, _) in enumerate(tokens) if kind == "field"]
    if fields and str(tokens[fields[-1]][1][0]) == "y":
        del tokens[fields[-1] + 1:]
    return tuple(tokens)
