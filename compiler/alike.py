"""When two texts print alike, so that students could not tell them apart.

Two texts print alike when a reader sees the same words: emphasis, case and runs of spaces do
not show, nor do the invisible characters (Unicode's Default_Ignorable_Code_Point: zero-width
space and joiners, word joiner, U+FEFF, soft hyphen, variation selectors, Hangul fillers, ...),
nor the way an accented letter is encoded (``é`` as one code point or as ``e`` and a combining
accent: NFC), nor a combining mark repeated (the copies are drawn on top of each other).

A blank-looking character prints as a space: every Unicode White_Space character (no-break
and ideographic spaces included) and U+2800 BRAILLE PATTERN BLANK, a symbol whose glyph is
empty. So ``Danton`` and ``Danton⠀`` print alike, and a text made only of such characters prints
as nothing.

Case is compared with ``lower()``, not ``casefold()``: ``Maße`` and ``Masse`` are different
words on paper. The Latin ligatures U+FB00–FB06 (``ﬁve``) are read as their letters. Other
compatibility forms are not folded (NFKC is not used): ``x²`` and ``x2``, or ``½`` and ``1/2``,
look different on paper and students can tell them apart. A sub- or superscript stays apart
from the same characters written with literal carets (``x^q^`` and ``x\\^q\\^``). Letters that
look alike in different scripts (Latin ``A``, Cyrillic ``А``) are not folded.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from compiler.markup import inline, keyed

_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
_BLANK = regex.compile(r"[\p{White_Space}\u2800]")
_REPEATED_MARK = regex.compile(r"(\p{M})\1+")
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def visible_text(text: str) -> str:
    """``text`` in NFC without its invisible (default-ignorable) characters."""
    return _IGNORABLE.sub("", unicodedata.normalize("NFC", text))


@lru_cache(maxsize=65_536)  # a text is compared in several checks; each key is a markdown-it parse
def alike_key(text: str) -> str:
    """What a reader sees of ``text``: texts that print alike have the same key."""
    decomposed = unicodedata.normalize("NFD", _BLANK.sub(" ", keyed(inline(text))))
    seen = _REPEATED_MARK.sub(r"\1", _IGNORABLE.sub("", decomposed))
    return unicodedata.normalize("NFC", " ".join(seen.split()).translate(_LIGATURES).lower())


def prints_nothing(text: str) -> bool:
    """Whether ``text`` draws nothing a reader can see: only markup, invisible and blank characters."""
    return not alike_key(text)
