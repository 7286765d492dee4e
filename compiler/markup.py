"""The only path from unit text to ReportLab paragraph markup (and to plain text and HTML).

Unit text may use inline markup (``*italic*``, ``**bold**``, ``H~2~O``, ``x^2^``) and nothing
else. markdown-it-py parses it with every other rule switched off, and every text token is
XML-escaped, so ``<img src=...>``, ``&nbsp;`` or ``<seq/>`` in a unit are printed as those
characters and never reach ReportLab's parser as markup (PITFALLS.md §4).

The rules are narrower than Markdown's, so that text which was not meant as markup prints as
typed (docs/guide.md, "Emphasis, sub- and superscripts"):

- ``*`` and ``**`` work only around whole words: the opening marker starts a word and the
  closing one ends it, so ``2*3*4`` and ``a*b`` stay as typed. ``_`` is not a marker at all
  (PITFALLS.md §10): ``__init__`` and ``snake_case_name`` print as typed.
- ``~…~`` and ``^…^`` hold no spaces, follow the text they belong to (``H~2~O``, ``10^6^``) and
  are not followed by a digit, so ``10~20~30`` and ``2^3^4`` stay as typed.
- A backslash escapes only where it changes something: before a ``*``, ``~`` or ``^`` that
  would otherwise open or close markup (``\\*`` then prints ``*``), and ``\\\\`` before such a
  marker prints one backslash. Every other backslash prints: ``\\\\server\\share``,
  ``C:\\Users\\new\\*.txt``.

Typography follows the unit's language (set around a build with :func:`typography`):
markdown-it's smartquotes turn ``"…"`` and ``'…'`` into the language's quotes (English “…”
‘…’, German „…“ ‚…‘, Russian «…» „…“) and an apostrophe into ’; ``--`` becomes – and ``---``
becomes —. Of markdown-it's other replacements none is used: ``(c)`` would print © in a list
``(a), (b), (c)``.

Text without any marker, quote or double hyphen is one plain run, so markdown-it is neither
imported nor called for it: most unit text skips it (issue 7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from html import escape as _html_escape
from html import unescape as html_unescape
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

_TAGS = {
    "em_open": "<i>", "em_close": "</i>",
    "strong_open": "<b>", "strong_close": "</b>",
    "sub_open": "<sub>", "sub_close": "</sub>",
    "sup_open": "<super>", "sup_close": "</super>",
}
_HTML_TAGS = {**_TAGS, "sup_open": "<sup>", "sup_close": "</sup>"}
# Spaces that break collapse to one; the no-break spaces (U+00A0, U+2007, U+202F) stay as typed.
_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\s*\u2029\s*")  # a blank line, or U+2029 PARAGRAPH SEPARATOR
# What the rules act on: emphasis (*), escape (\\), sub (~), sup (^), quotes and dashes.
_MARKERS = re.compile(r"[*\\~^'\"]|--")
# Double then single quotes, opening and closing, by language; others take the English ones.
QUOTES = {"en": "\u201c\u201d\u2018\u2019", "de": "\u201e\u201c\u201a\u2018", "ru": "\u00ab\u00bb\u201e\u201c"}
_LANGUAGE: ContextVar[str] = ContextVar("language", default="en")
_EMPHASIS: ContextVar[str] = ContextVar("emphasis", default="italic")  # or "bold": a theme's `emphasis`
_ITALIC_TAG = re.compile(r"<(/?)(?:i|em)>")
_UNDERLINE: ContextVar[bool] = ContextVar("underline", default=True)  # a theme's `underline`
_UNDERLINE_TAG = re.compile(r"</?u>")
_SPANS = {"~": "sub", "^": "sup"}
SOFT_HYPHEN = "\u00ad"
# ReportLab breaks lines at the narrow and figure no-break spaces (not at U+00A0), so paragraph
# markup carries them as U+00A0: a little wider, but they still never break.
_NO_BREAK = str.maketrans({"\u202f": "\u00a0", "\u2007": "\u00a0"})
# Plain text shows a sub- or superscript with these characters when it has one for each of its
# characters (every bundled face has them all); otherwise it keeps the markers: x^q^, C~aq~.
_SUPERSCRIPT = str.maketrans("0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW",
                             "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ")
_SUBSCRIPT = str.maketrans("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")


@contextmanager
def typography(language: str, emphasis: str = "italic", underline: bool = True) -> Iterator[None]:
    """Unit text worded inside this block takes the quotes of ``language`` (a unit's), and the
    paragraphs drawn in it print italics in ``emphasis`` and underlines or not (the theme's: a
    print profile may ask for bold instead of italics and no underlining, as the British
    Dyslexia Association's style guide does)."""
    tokens = _LANGUAGE.set(language), _EMPHASIS.set(emphasis), _UNDERLINE.set(underline)
    try:
        yield
    finally:
        _UNDERLINE.reset(tokens[2])
        _EMPHASIS.reset(tokens[1])
        _LANGUAGE.reset(tokens[0])


def emphasised(markup_text: str) -> str:
    """Paragraph markup as the block's ``typography`` prints emphasis: its italics (a teacher's
    ``*emphasis*``, a source's provenance, an instruction) bold, and its underlines (a key's
    answers) left out, where the theme says so."""
    if "<" not in markup_text:
        return markup_text
    if _EMPHASIS.get() == "bold":
        markup_text = _ITALIC_TAG.sub(r"<\1b>", markup_text)
    if not _UNDERLINE.get():
        markup_text = _UNDERLINE_TAG.sub("", markup_text)
    return markup_text


def _parser() -> MarkdownIt:
    return _language_parser(QUOTES.get(_LANGUAGE.get(), QUOTES["en"]))


@cache
def _language_parser(quotes: str) -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"typographer": True, "quotes": quotes}).enable(["emphasis", "escape", "smartquotes"])
    md.core.ruler.before("smartquotes", "dashes", _dashes)
    md.inline.ruler.at("emphasis", _emphasis)
    md.inline.ruler.at("escape", _escape_rule)
    for marker, name in _SPANS.items():
        md.inline.ruler.after("emphasis", name, _span_rule(marker, name))
    return md


def _emphasis(state: StateInline, silent: bool) -> bool:
    """``*`` and ``**`` as markdown-it reads ``_``: never inside a word (``2*3*4``), and each
    marker remembers where it stands, to tell which escapes matter."""
    from markdown_it.rules_inline.state_inline import Delimiter  # markdown-it loads only for markup

    start = state.pos
    if silent or state.src[start] != "*":
        return False
    scanned = state.scanDelims(start, False)
    for offset in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = "*"
        token.meta = {"at": start + offset}
        state.delimiters.append(Delimiter(marker=ord("*"), length=scanned.length, token=len(state.tokens) - 1,
                                          end=-1, open=scanned.can_open, close=scanned.can_close))
    state.pos += scanned.length
    return True


def _dashes(state: StateCore) -> None:
    """``--`` as an en dash and ``---`` as an em dash, by markdown-it's own patterns (its
    ``replacements`` rule would also turn ``(c)`` into ©)."""
    from markdown_it.rules_core.replacements import EM_DASH_RE, EN_DASH_INDENT_RE, EN_DASH_RE

    for block in state.tokens:
        for token in block.children or ():
            if token.type == "text" and "--" in token.content:
                text = EM_DASH_RE.sub("\\1\u2014", token.content)
                token.content = EN_DASH_INDENT_RE.sub("\\1\u2013", EN_DASH_RE.sub("\\1\u2013", text))


def _escape_rule(state: StateInline, silent: bool) -> bool:
    """A backslash at one of the positions the first reading found to matter: the character
    after it prints as itself."""
    start = state.pos
    if start not in state.env.get("escapes", ()):
        return False
    if not silent:
        state.pending += state.src[start + 1]
    state.pos += 2
    return True


def _span_rule(marker: str, name: str) -> Any:
    def span(state: StateInline, silent: bool) -> bool:
        """``~sub~`` or ``^sup^``: no spaces inside, after the text it belongs to, no digit after."""
        start, src = state.pos, state.src
        if silent or src[start] != marker or start == 0 or src[start - 1].isspace():
            return False
        maximum = state.posMax
        state.pos = start + 1
        while state.pos < maximum and src[state.pos] != marker:
            state.md.inline.skipToken(state)
        end = state.pos
        state.pos = start
        content = src[start + 1:end]
        if end >= maximum or not content or re.search(r"\s", content) or src[end + 1:end + 2].isdigit():
            return False
        state.push(f"{name}_open", name, 1).meta = {"at": start}
        state.push("text", "", 0).content = _unescaped(src, start + 1, end, state.env.get("escapes", ()))
        state.push(f"{name}_close", name, -1).meta = {"at": end}
        state.pos = end + 1
        return True

    return span


def _unescaped(src: str, start: int, end: int, escapes: Sequence[int] | frozenset[int]) -> str:
    text, at = [], start
    while at < end:
        skip = 1 if at in escapes else 0
        text.append(src[at + skip])
        at += 1 + skip
    return "".join(text)


def _escapes_that_matter(text: str, tokens: Sequence[Any]) -> frozenset[int]:
    """The backslashes that escape: those directly before a marker that became markup when
    backslashes were read as plain characters. A run of them before such a marker is read in
    pairs: ``\\\\`` is one backslash, and an odd last one escapes the marker."""
    escapes: set[int] = set()
    for token in tokens:
        at = (token.meta or {}).get("at")
        if token.type not in _TAGS or at is None:
            continue
        if token.type == "strong_open":  # markdown-it keeps the second star of "**" as the tag
            at -= len(token.markup) - 1
        run = 0
        while run < at and text[at - run - 1] == "\\":
            run += 1
        escapes.update(range(at - run, at, 2))
    return frozenset(escapes)


def _parsed(text: str) -> list[Any]:
    """The inline tokens of ``text``: read once with every backslash a plain character, and again
    with the escapes that turned out to matter, if any."""
    parser = _parser()
    tokens = parser.parseInline(text, {"escapes": frozenset()})[0].children or []
    escapes = _escapes_that_matter(text, tokens)
    if escapes:
        tokens = parser.parseInline(text, {"escapes": escapes})[0].children or []
    return tokens


def _runs(text: str) -> list[tuple[str, str]]:
    """The text as (token type, content) runs: "text" runs and the markup tags between them."""
    cleaned = _clean(text)
    if not _MARKERS.search(cleaned):
        return [("text", cleaned)] if cleaned else []
    return [(t.type, t.content) for t in _parsed(cleaned)]


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: what ReportLab's paragraph parser needs."""
    return _html_escape(text, quote=False)


def escape(text: str) -> Markup:
    """Plain text (a label, a date written with the labels' month names) as paragraph markup:
    every ``&``, ``<`` and ``>`` an entity, so a label can never be a tag (an ``<img>`` that makes
    ReportLab read a file, an ``<a href>`` link)."""
    return Markup(_escape(text))


def _clean(text: str) -> str:
    return collapse_spaces(_CONTROL.sub("", text))


def never_drawn(char: str) -> bool:
    """Whether markup removes ``char`` (a control character) or draws it as a plain space (a
    space, tab, line or paragraph separator) before any text reaches a font."""
    return bool(_CONTROL.fullmatch(char) or _SPACE.fullmatch(char))


def collapse_spaces(text: str) -> str:
    """Runs of spaces, tabs and line breaks as one space, ends trimmed; no-break spaces kept."""
    return _SPACE.sub(" ", text).strip()


def _highlighted(text: str, terms: Sequence[str], mark: tuple[str, str]) -> str:
    """Escape ``text``, wrapping whole-word occurrences of ``terms`` (matched before escaping)."""
    if not terms:
        return _escape(text)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE,
    )
    pieces = pattern.split(text)  # odd indices are the matched terms
    return "".join(f"{mark[0]}{_escape(p)}{mark[1]}" if i % 2 else _escape(p) for i, p in enumerate(pieces))


def inline(text: str, highlight: Sequence[str] = (), mark: tuple[str, str] = ("<b>", "</b>")) -> Markup:
    """ReportLab markup for one paragraph of unit text, with ``highlight`` terms wrapped in ``mark``."""
    parts: list[str] = []
    for kind, content in _runs(text):
        if kind in _TAGS:
            parts.append(_TAGS[kind])
        else:
            parts.append(_highlighted(content.translate(_NO_BREAK), highlight, mark))
    return Markup("".join(parts))


def paragraphs(text: str, highlight: Sequence[str] = (), mark: tuple[str, str] = ("<b>", "</b>")) -> list[Markup]:
    """One markup string per paragraph; a blank line in the source, or U+2029 PARAGRAPH SEPARATOR
    (as word processors paste it), starts a new paragraph."""
    return [inline(chunk, highlight, mark) for chunk in _PARAGRAPH_BREAK.split(text.strip()) if chunk.strip()]


def html(text: str) -> Markup:
    """HTML for one line of unit text (the index page): ``<i>``, ``<b>``, ``<sub>``, ``<sup>``."""
    return Markup("".join(_HTML_TAGS.get(kind) or _escape(content) for kind, content in _runs(text)))


def plain(text: str, *, soft_hyphens: bool = False) -> str:
    """``text`` as a reader sees it where there is no markup: see :func:`from_markup`."""
    return from_markup(inline(text), soft_hyphens=soft_hyphens)


_SCRIPT = re.compile(r"<(super|sup|sub)>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def from_markup(markup_text: str, *, soft_hyphens: bool = False) -> str:
    """Plain text from paragraph markup (unit text or a worded phrase), for the places that have
    no markup: PDF metadata, bookmarks, words the poster draws one string at a time.

    Emphasis is dropped; a sub- or superscript is written with Unicode characters where each of
    its characters has one (``10⁶``, ``H₂O``) and with its markers otherwise (``x^a^``), never
    run together with the text (``106``). Soft hyphens, which show only where a line breaks, are
    dropped unless the caller breaks lines itself. Spaces are kept as they are, no-break ones too.
    """
    text = _without_tags(markup_text, wrap="{}")
    return text if soft_hyphens else text.replace(SOFT_HYPHEN, "")


def keyed(markup_text: str) -> str:
    """Plain text from paragraph markup as :func:`from_markup`, but a sub- or superscript that
    has no Unicode form is wrapped in control characters (which no unit text can hold), so that
    it never reads the same as the same characters written with literal ``^`` or ``~``."""
    return _without_tags(markup_text, wrap="\x01{}\x02").replace(SOFT_HYPHEN, "")


def _without_tags(markup_text: str, wrap: str) -> str:
    def script(match: re.Match[str]) -> str:
        return _escape(_scripted(_unmarked(match.group(2)), match.group(1), wrap))

    return _unmarked(_SCRIPT.sub(script, markup_text))


def _unmarked(markup_text: str) -> str:
    return html_unescape(_TAG.sub("", markup_text))


def _scripted(content: str, tag: str, wrap: str = "{}") -> str:
    """A script span in Unicode sub- or superscript characters, or between its markers (and
    then in ``wrap``) when one of its characters has none."""
    table, marker = (_SUBSCRIPT, "~") if tag == "sub" else (_SUPERSCRIPT, "^")
    converted = content.translate(table)
    if all(a != b for a, b in zip(content, converted, strict=True)):
        return converted
    return wrap.format(f"{marker}{content}{marker}")
