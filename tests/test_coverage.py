"""Text the theme's fonts cannot draw is found before drawing, one problem per field."""

from __future__ import annotations

import pytest

from compiler.coverage import missing, printable, unprintable
from compiler.errors import ProblemsFound
from compiler.model import Unit, texts
from compiler.source import load_text
from compiler.validate import validate_unit

BOTH = ("DejaVuSans", "DejaVuSerif")


def test_latin_greek_cyrillic_and_typography_are_printable_cjk_and_indic_are_not() -> None:
    covered = printable(BOTH)
    assert missing("Café Москва Ελλάδα “quoted” – — … € ½ − •", covered) == []
    assert missing("中文 中文 नमस्ते ไทย 😀", covered) == ["中", "文", "न", "म", "स", "्", "त", "े", "ไ", "ท", "ย", "😀"]


def test_the_characters_every_face_has_count_so_serif_lacking_a_tick_fails_a_sans_and_serif_theme() -> None:
    assert missing("done ✓", printable(("DejaVuSans",))) == []
    assert missing("done ✓", printable(BOTH)) == ["✓"]


def test_right_to_left_letters_are_missing_even_where_the_font_has_them() -> None:
    """ReportLab here does not order Hebrew right to left: printed, it would read backwards."""
    assert ord("ש") in printable(("DejaVuSans",))
    assert missing("שלום", printable(("DejaVuSans",))) == ["ש", "ל", "ו", "ם"]


@pytest.mark.parametrize("char", ["\u00ad", "\u00a0", "\u202f", "\u200b", "\u200c", "\u200d", "\u2060",
                                  "\u200e", "\u200f", "\ufe0f", "\u3000", "\u2028", "\t", "\n", "\x07"])
def test_invisible_characters_the_faces_draw_as_nothing_or_markup_removes_print(char: str) -> None:
    """DejaVu has empty glyphs for the zero-width and direction characters (looked at in a PDF);
    markup makes the other spaces plain spaces and removes C0 controls."""
    assert missing(f"a{char}b", printable(BOTH)) == []


@pytest.mark.parametrize("char", ["\ufeff", "\u2066", "\u2069", "\u061c", "\u180e", "\u0600", "\u06dd",
                                  "\u070f", "\U000110bd", "\U0001bca0", "\U0001d173", "\U000e0041",
                                  "\U000e0100", "\x80", "\x9f"])
def test_invisible_characters_the_faces_lack_would_print_as_boxes(char: str) -> None:
    assert missing(f"a{char}b", printable(BOTH)) == [char]


def test_an_invisible_character_is_named_in_the_message_and_the_hint_says_delete_it() -> None:
    source = load_text('format: 1\nunit: {id: u, title: "Cold\\ufeffWar"}\n', "u.yaml")
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(source)
    [problem] = caught.value.problems
    assert str(problem) == ("u.yaml:2:22: unit.title: the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE) "
                            "cannot be printed with the theme's fonts — delete it: it prints as an empty box, and "
                            "it often comes from copying text from a web page, a PDF or Word")


def test_every_text_of_a_unit_is_walked_with_its_path_as_written() -> None:
    unit = validate_unit(load_text(
        "format: 1\nunit: {id: u, title: T}\nworksheets:\n  - id: w\n    title: W\n"
        "    questions: [{type: match, pairs: [[a, b], [c, d]]}]\n", "u.yaml"))
    found = dict(texts(unit))
    assert found[("worksheets", 0, "questions", 0, "pairs", 1, 0)] == "c"
    assert found[("unit", "title")] == "T"


def test_one_problem_per_field_however_many_characters() -> None:
    text = "format: 1\nunit: {id: u, title: U}\nsections: [{heading: H, text: '" + "中文" * 500 + "'}]\n"
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(load_text(text, "u.yaml"))
    [problem] = caught.value.problems
    assert problem.path == "sections[0].text"
    assert problem.message == "the character '中' (U+4E2D) and 1 other character cannot be printed with the theme's fonts"


def test_the_families_given_decide() -> None:
    source = load_text("format: 1\nunit: {id: u, title: Done ✓}\n", "u.yaml")
    unit = Unit.model_validate(source.data)
    assert [p.path for p in unprintable(unit, source, BOTH)] == ["unit.title"]
    assert list(unprintable(unit, source, ("DejaVuSans",))) == []
