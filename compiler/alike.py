"""When two texts print alike, so that students could not tell them apart.

Two texts print alike when a reader sees the same words: emphasis, case and runs of spaces do
not show, nor do the invisible characters (Unicode's Default_Ignorable_Code_Point: zero-width
space and joiners, word joiner, U+FEFF, soft hyphen, variation selectors, ...), nor the way an
accented letter is encoded (``é`` as one code point or as ``e`` and a combining accent: NFC).

Compatibility forms are not folded (NFKC is not used): ``x²`` and ``x2``, or ``½`` and ``1/2``,
look different on paper and students can tell them apart. The one compatibility folding that
matters for print, the ligatures (``ﬁve`` and ``five``), case folding already does. Letters that
look alike in different scripts (Latin ``A``, Cyrillic ``А``) are not folded either.
"""

from __future__ import annotations

import unicodedata

import regex

from compiler.markup import plain

_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")


def visible_text(text: str) -> str:
    """``text`` in NFC without its invisible (default-ignorable) characters."""
    return _IGNORABLE.sub("", unicodedata.normalize("NFC", text))


def alike_key(text: str) -> str:
    """What a reader sees of ``text``: texts that print alike have the same key."""
    seen = " ".join(visible_text(plain(text)).split()).casefold()
    return unicodedata.normalize("NFC", seen)
