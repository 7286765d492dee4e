"""The only path from unit text to ReportLab paragraph markup.

Unit text may use inline emphasis (``*italic*``, ``**bold**``, ``H~2~O``, ``x^2^``) and
nothing else. markdown-it-py parses it with every other rule switched off, and every text
token is XML-escaped, so ``<img src=...>``, ``&nbsp;`` or ``<seq/>`` in a unit are printed
as those characters and never reach ReportLab's parser as markup (PITFALLS.md §4).

Text without any of the characters those rules act on is one plain run, so markdown-it is
neither imported nor called for it: most unit text, and every build of a unit without
emphasis, skips it (issue 7).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from html import escape as _html_escape
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_TAGS = {
    "em_open": "<i>", "em_close": "</i>",
    "strong_open": "<b>", "strong_close": "</b>",
    "sub_open": "<sub>", "sub_close": "</sub>",
    "sup_open": "<super>", "sup_close": "</super>",
}
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# The characters the enabled rules act on: emphasis (* _), escape (\\), sub (~), sup (^).
_MARKERS = re.compile(r"[*_\\~^]")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.subscript import sub_plugin
    from mdit_py_plugins.superscript import superscript_plugin

    return MarkdownIt("zero").enable(["emphasis", "escape"]).use(sub_plugin).use(superscript_plugin)


def _runs(text: str) -> list[tuple[str, str]]:
    """The text as (token type, content) runs: "text" runs and the emphasis tags between them."""
    cleaned = _clean(text)
    if not _MARKERS.search(cleaned):
        return [("text", cleaned)] if cleaned else []
    parsed = _parser().parseInline(cleaned)
    return [(t.type, t.content) for t in (parsed[0].children or [])] if parsed else []


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: what ReportLab's paragraph parser needs."""
    return _html_escape(text, quote=False)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


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
            parts.append(_highlighted(content, highlight, mark))
    return Markup("".join(parts))


def paragraphs(text: str, highlight: Sequence[str] = (), mark: tuple[str, str] = ("<b>", "</b>")) -> list[Markup]:
    """One markup string per paragraph; a blank line in the source starts a new paragraph."""
    return [inline(chunk, highlight, mark) for chunk in _PARAGRAPH_BREAK.split(text.strip()) if chunk.strip()]


def plain(text: str) -> str:
    """The words of ``text`` without emphasis markers, as a reader sees them."""
    return "".join(content for kind, content in _runs(text) if kind not in _TAGS)
