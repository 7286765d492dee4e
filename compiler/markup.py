"""The only path from unit text to ReportLab paragraph markup.

Unit text may use inline emphasis (``*italic*``, ``**bold**``, ``H~2~O``, ``x^2^``) and
nothing else. markdown-it-py parses it with every other rule switched off, and every text
token is XML-escaped, so ``<img src=...>``, ``&nbsp;`` or ``<seq/>`` in a unit are printed
as those characters and never reach ReportLab's parser as markup (PITFALLS.md §4).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

_TAGS = {
    "em_open": "<i>", "em_close": "</i>",
    "strong_open": "<b>", "strong_close": "</b>",
    "sub_open": "<sub>", "sub_close": "</sub>",
    "sup_open": "<super>", "sup_close": "</super>",
}
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis", "escape"]).use(sub_plugin).use(superscript_plugin)


def _tokens(text: str) -> list[Token]:
    parsed = _parser().parseInline(_clean(text))
    return list(parsed[0].children or []) if parsed else []


def _clean(text: str) -> str:
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


def _highlighted(text: str, terms: Sequence[str], mark: tuple[str, str]) -> str:
    """Escape ``text``, wrapping whole-word occurrences of ``terms`` (matched before escaping)."""
    if not terms:
        return escape(text)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE,
    )
    pieces = pattern.split(text)  # odd indices are the matched terms
    return "".join(f"{mark[0]}{escape(p)}{mark[1]}" if i % 2 else escape(p) for i, p in enumerate(pieces))


def inline(text: str, highlight: Sequence[str] = (), mark: tuple[str, str] = ("<b>", "</b>")) -> Markup:
    """ReportLab markup for one paragraph of unit text, with ``highlight`` terms wrapped in ``mark``."""
    parts: list[str] = []
    for token in _tokens(text):
        if token.type in _TAGS:
            parts.append(_TAGS[token.type])
        else:
            parts.append(_highlighted(token.content, highlight, mark))
    return Markup("".join(parts))


def paragraphs(text: str, highlight: Sequence[str] = (), mark: tuple[str, str] = ("<b>", "</b>")) -> list[Markup]:
    """One markup string per paragraph; a blank line in the source starts a new paragraph."""
    return [inline(chunk, highlight, mark) for chunk in _PARAGRAPH_BREAK.split(text.strip()) if chunk.strip()]


def plain(text: str) -> str:
    """The words of ``text`` without emphasis markers, as a reader sees them."""
    return "".join(t.content for t in _tokens(text) if t.type not in _TAGS)
