"""Decoding a file without guessing its encoding, and HTML reduced to plain text."""

from __future__ import annotations

import codecs

import pytest

from compiler.importers.draft import Unreadable
from compiler.importers.text import collapsed, decoded, html_lines, html_text, title_from
from compiler.unitfile import MAX_BYTES

TEXT = "el niño\tthe boy\nla señora\tthe lady\n"


@pytest.mark.parametrize("content", [TEXT.encode(), codecs.BOM_UTF8 + TEXT.encode(),
                                     codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
                                     codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")])
def test_utf8_with_or_without_a_bom_and_utf16_with_one_are_read(content: bytes) -> None:
    assert decoded(content) == TEXT


def test_windows_1252_is_refused_at_its_line_with_a_hint_to_save_as_utf8() -> None:
    with pytest.raises(Unreadable) as caught:
        decoded("hola\thello\nel niño\tthe boy\n".encode("cp1252"))
    assert caught.value.line == 2
    assert "not UTF-8" in caught.value.message and "UTF-8" in caught.value.hint


@pytest.mark.parametrize(("content", "said"), [(b"", "empty"), (b" \n\t\n", "empty"),
                                                (b"PK\x03\x04\x00\x00", "not text"),
                                                (b"x" * (MAX_BYTES + 1), "larger than 5 MB")])
def test_empty_binary_and_oversized_files_are_refused(content: bytes, said: str) -> None:
    with pytest.raises(Unreadable, match=said):
        decoded(content)


def test_html_lines_decode_entities_and_break_at_br_and_blocks() -> None:
    assert html_lines("Liberty &amp; equality<br>fraternity<div>&eacute;lan&nbsp;vital</div>") == \
        ["Liberty & equality", "fraternity", "élan vital"]


def test_bold_and_italic_become_markers_with_their_spaces_outside() -> None:
    assert html_text("the <b>Estates</b>-General, <i> not </i> the <b></b>Assembly") == \
        "the **Estates**-General, *not* the Assembly"


def test_emphasis_across_a_break_is_closed_and_opened_again() -> None:
    assert html_lines("<b>the Terror<br>1793</b>") == ["**the Terror**", "**1793**"]


def test_scripts_styles_and_tags_are_dropped_and_text_kept() -> None:
    assert html_text('<style>p {}</style><script>x()</script><a href="u">Varennes</a> <img src="i.png">') == "Varennes"


def test_whitespace_collapses_and_titles_come_from_file_names() -> None:
    assert collapsed("  a \t b\n c ") == "a b c"
    assert title_from("decks/key_words-1789.txt") == "Key words 1789"
