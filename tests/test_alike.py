"""Texts that print alike have the same key; texts a reader can tell apart do not."""

from __future__ import annotations

import pytest

from compiler.alike import alike_key, prints_nothing, visible_text


@pytest.mark.parametrize(("one", "other"), [
    ("Stalin", "Sta\u200blin"),            # zero-width space
    ("Truman", "Tru\ufeffman"),            # U+FEFF pasted mid-word
    ("Potsdam", "Pots\u200ddam"),          # zero-width joiner
    ("Lenin", "Le\u2060nin"),              # word joiner
    ("Café", "Cafe\u0301"),                # NFC and NFD
    ("Treaty of Berlin", "treaty of\u00a0 berlin"),  # case, a no-break space, a run of spaces
    ("Rapallo", "*Rapallo*"),              # emphasis
    ("five", "\ufb01ve"),                  # the ﬁ ligature
    ("Café", "cafe\u0301\u0301\u0301"),     # repeated combining marks draw on top of each other
    ("Lenin", "Lenin\u2800"),              # braille blank prints as a space
    ("Le nin", "Le\u3000nin"),              # ideographic space
    ("10^6^", "10⁶"),                      # a superscript with a Unicode form
    ("Consequences", "Conse\u00adquences"),  # soft hyphen
])
def test_texts_that_print_alike_have_the_same_key(one: str, other: str) -> None:
    assert alike_key(one) == alike_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("x2", "x²"),          # compatibility forms look different: no NFKC
    ("1/2", "½"),
    ("A", "\u0410"),       # Latin A and Cyrillic А are different letters (not caught)
    ("10^6^", "106"),      # a superscript is not run together with the digits
    ("Maße", "Masse"),     # different words: no casefold (ß is not ss)
    ("x^q^", "x\\^q\\^"),  # a superscript q (no Unicode form) is not literal carets
    ("H~x~", "H\\~x\\~"),
    ("Café", "Cafe\u0300"),  # a different accent
])
def test_texts_a_reader_can_tell_apart_have_different_keys(one: str, other: str) -> None:
    assert alike_key(one) != alike_key(other)


def test_visible_text_drops_only_invisible_characters() -> None:
    assert visible_text("\u00ad\u200b") == ""
    assert visible_text("Cafe\u0301 \u00a0x") == "Café \u00a0x"


@pytest.mark.parametrize("text", ["*\u200b*", "**\u00ad**", "\u2800", "*\u034f*", "\u3164", " \u3000 ", "\u200b\u2800"])
def test_texts_of_markup_invisible_and_blank_characters_print_nothing(text: str) -> None:
    assert prints_nothing(text)


@pytest.mark.parametrize("text", ["a", "*a*", "^2^", "\\*", "·"])
def test_texts_with_a_visible_character_print_something(text: str) -> None:
    assert not prints_nothing(text)
