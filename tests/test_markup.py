"""Unit text reaches ReportLab escaped, with inline emphasis only (PITFALLS.md §4)."""

from __future__ import annotations

import io
import re
from html import unescape as html_unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from compiler import fonts
from compiler.markup import inline, paragraphs, plain, typography


def printed_text(markup: str) -> str:
    """The words a reader sees when ReportLab prints ``markup`` as a paragraph."""
    buffer = io.BytesIO()
    style = ParagraphStyle("t", fontName=fonts.register("DejaVuSans"), fontSize=9)
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(markup, style)])
    return " ".join(PdfReader(buffer).pages[0].extract_text().split())


def test_emphasis_becomes_reportlab_tags() -> None:
    assert inline("*a* **b** H~2~O x^2^") == "<i>a</i> <b>b</b> H<sub>2</sub>O x<super>2</super>"


def test_markup_in_text_is_escaped() -> None:
    text = '<img src="/etc/passwd"/> <a href="javascript:alert(1)">x</a> &nbsp; <seq/> 5 < 6 & 7 > 3'
    assert "<img" not in inline(text) and "&lt;img" in inline(text)
    assert printed_text(inline(text)) == text.replace('="', "=“").replace('">', "”>").replace('"/', "”/")


def test_an_image_tag_never_opens_the_file(tmp_path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really a png")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(inline(f'<img src="{secret}"/>'))])
    assert b"not really a png" not in buffer.getvalue()


def test_paragraphs_split_on_blank_lines_and_fold_single_newlines() -> None:
    assert paragraphs("one\ntwo\n\n  three  ") == ["one two", "three"]


def test_highlighted_terms_are_wrapped_outside_tags_only() -> None:
    assert inline("The Comintern met.", ["Comintern"]) == "The <b>Comintern</b> met."
    assert inline("a &lt; b", ["lt"]) == "a &amp;<b>lt</b>; b"
    assert inline("Comintern<b>", ["b"]) == "Comintern&lt;<b>b</b>&gt;"


def test_plain_drops_markers() -> None:
    assert plain("**Treaty** of *Rapallo*") == "Treaty of Rapallo"


ALPHABET = "abcXYZ019 .,;:!?<>&/=#%()[]{}-–—«»“”‘’„éßøЖжЯλΩ"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(lambda t: "--" not in t))
def test_any_text_is_printed_exactly(text: str) -> None:
    """Without emphasis markers, straight quotes or double hyphens, any Latin, Greek or
    Cyrillic text prints as itself."""
    printable = " ".join(text.split())
    if printable:
        assert printed_text(inline(printable)) == printable


@given(st.text(alphabet=st.sampled_from("ab &<>\n\t\"'.,!#[]`=+-:@{}|ДΣ*_~^\\"), max_size=40))
@settings(max_examples=300)
def test_text_without_emphasis_markers_skips_markdown_it_and_reads_the_same(text: str) -> None:
    """The plain-run shortcut gives exactly what markdown-it would have given."""
    from compiler.markup import _clean, _parsed, _runs

    expected = [(t.type, t.content) for t in _parsed(_clean(text))] if _clean(text) else []
    assert _runs(text) == expected


# Each row: what a teacher types, and the markup printpack makes of it (docs/guide.md).
AS_TYPED = [
    "__init__", "snake_case_name", "a_b_c _not emphasis_",
    r"\\server\share", r"C:\Users\new\*.txt", r"a\b \n \_ \[x]", "back\\",
    "2*3*4", "a*b", "word*not*", "a * b * c", "10~20~30", "2^3^4", "x^2^3", "~20~ years", "10 ^6^", "H~2 O~",
    r"2\*3\*4", r"\^", "5 ~ 6 ^ 7",
]
MARKED = [
    ("*a* **b** H~2~O x^2^", "<i>a</i> <b>b</b> H<sub>2</sub>O x<super>2</super>"),
    ("10^6^ and C~6~H~12~O~6~", "10<super>6</super> and C<sub>6</sub>H<sub>12</sub>O<sub>6</sub>"),
    ("*Pravda*'s (*own*) view", "<i>Pravda</i>’s (<i>own</i>) view"),
    ("2^10^=1024, x^-1^", "2<super>10</super>=1024, x<super>-1</super>"),
    (r"\*not italic\*", "*not italic*"),
    (r"\\*italic* after a backslash", "\\<i>italic</i> after a backslash"),
    (r"H\~2~O", "H~2~O"),
    ("**a*b**", "<b>a*b</b>"),
    (r"\\**bold** after a backslash", "\\<b>bold</b> after a backslash"),
    (r"\*\*not bold\*\*", "**not bold**"),
    (r"\**a**", "*<i>a</i>*"),  # the escaped star prints; the rest pairs as CommonMark would
]


@pytest.mark.parametrize("text", AS_TYPED)
def test_text_that_is_not_markup_prints_as_typed(text: str) -> None:
    assert inline(text) == _escaped(text)
    assert printed_text(inline(text)) == text


@pytest.mark.parametrize(("text", "expected"), MARKED)
def test_markup_does_what_the_format_promises(text: str, expected: str) -> None:
    assert inline(text) == expected


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


MARKUP_ALPHABET = "ab1 2.,(_)*~^\\"


@given(st.text(alphabet=MARKUP_ALPHABET, max_size=30))
@settings(max_examples=400)
def test_markup_only_ever_removes_markers(text: str) -> None:
    """Whatever the markers, every other character prints, in order: markup never eats a word."""
    def words(s: str) -> str:
        return re.sub(r"[*~^\\\s]", "", s)

    assert words(html_unescape(re.sub(r"<[^>]+>", "", inline(text)))) == words(text)


@given(st.text(alphabet=MARKUP_ALPHABET.replace("\\", ""), max_size=30))
@settings(max_examples=400)
def test_text_that_forms_no_markup_prints_exactly_as_typed(text: str) -> None:
    marked = inline(text)
    if "<" not in marked:
        assert marked == _escaped(" ".join(text.split()))


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"])
def test_no_break_spaces_never_break_a_paragraph_line(space: str) -> None:
    """Wherever the line would break, 10 000 000 written with no-break spaces stays on one line."""
    style = ParagraphStyle("t", fontName=fonts.register("DejaVuSans"), fontSize=9)
    number = space.join(["10", "000", "000"])
    for words in range(12):
        para = Paragraph(inline(f"{'word ' * words}{number} end"), style)
        para.wrap(80, 1000)
        lines = [" ".join(line[1]) for line in para.blPara.lines]
        assert any(number.replace(space, "\u00a0") in line for line in lines), lines


def test_soft_hyphens_show_only_where_a_paragraph_line_breaks() -> None:
    assert printed_text(inline("Soft\u00adly spoken")) == "Softly spoken"


def test_plain_text_writes_sub_and_superscripts_with_unicode_or_their_markers() -> None:
    assert plain("10^6^ m s^-1^, H~2~O, x^a^, C~aq~, x^q^, soft\u00adly") == "10⁶ m s⁻¹, H₂O, xᵃ, C~aq~, x^q^, softly"
    assert plain("a\u00a0b") == "a\u00a0b"


def test_every_unicode_script_character_is_in_every_general_bundled_face() -> None:
    """plain() may write them on the poster, in any face: none may print as an empty box. (A
    profile's face that lacks some, Atkinson Hyperlegible Next, is used only for a unit whose
    text, scripts written out, it draws whole: see test_profiles.py.)"""
    from reportlab.pdfbase.ttfonts import TTFont

    from compiler.assets import fonts_dir
    from compiler.markup import _SUBSCRIPT, _SUPERSCRIPT

    characters = {chr(c) for table in (_SUPERSCRIPT, _SUBSCRIPT) for c in table.values() if isinstance(c, int)}
    for path in sorted(fonts_dir().glob("DejaVu*.ttf")):
        face = TTFont(path.stem, str(path)).face
        assert {c for c in characters if ord(c) not in face.charToGlyph} == set(), path.name


def test_a_paragraph_separator_starts_a_paragraph_and_other_separators_print_as_a_space() -> None:
    """U+2029 (pasted from a word processor) starts a paragraph as a blank line does; U+2028 and
    U+3000 are drawn as a space: the format has no line break inside a paragraph and the bundled
    fonts have no ideographic space."""
    assert paragraphs("One.\u2029Two. \u2029 Three.") == ["One.", "Two.", "Three."]
    assert paragraphs("One\u2028two\u3000three") == ["One two three"]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "“Stop,” he said – ‘twice’ — and didn’t."),
    ("de", "„Stop,“ he said – ‚twice‘ — and didn’t."),
    ("ru", "«Stop,» he said – „twice“ — and didn’t."),
])
def test_quotes_dashes_and_apostrophes_are_typographic_in_the_units_language(language: str, expected: str) -> None:
    with typography(language):
        assert inline("\"Stop,\" he said -- 'twice' --- and didn't.") == expected
        assert plain("1939--1941") == "1939–1941"


def test_typography_keeps_markup_and_gaps_working() -> None:
    assert inline('*"Pravda"* -- H~2~O') == "<i>“Pravda”</i> – H<sub>2</sub>O"
    assert inline('The "\ue000" word') == "The “\ue000” word"
    assert inline("options (a), (b), (c) ... +-") == "options (a), (b), (c) ... +-"
