"""What every import format shares: a file's bytes as text (or why not), HTML reduced to plain
text, and whitespace collapsed. Text is never otherwise rewritten.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import PurePath

from compiler.importers.draft import Unreadable
from compiler.unitfile import MAX_BYTES

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SAVE_AS_UTF8 = "save it again as UTF-8 (in a spreadsheet or editor: 'Save as…', encoding UTF-8) and import that"
# Elements after which the text goes on on a new line (a new point, where the format has points).
_BREAKS = {"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
_HIDDEN = {"script", "style", "head", "title"}


def decoded(content: bytes) -> str:
    """The text of a file: UTF-8, UTF-8 with a byte-order mark, or UTF-16 with one. Anything
    else is refused, since reading it in another encoding (cp1252, Latin-1) would be a guess."""
    if len(content) > MAX_BYTES:
        raise Unreadable(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB",
                         "import a smaller export (one deck, one outline) at a time")
    if not content.strip():
        raise Unreadable("the file is empty", "export the material again and import that file")
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable("the file starts like UTF-16 or UTF-8 text but is not", _SAVE_AS_UTF8) from None
    if b"\0" in content:
        raise Unreadable("the file is not text (it holds NUL bytes): it may be a spreadsheet, package or image",
                         "export the material as text (.txt, .csv, .md, .opml, .mm) and import that")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        raise Unreadable("the file is not UTF-8 text (an older encoding such as Windows-1252?)",
                         _SAVE_AS_UTF8, line) from None


def collapsed(text: str) -> str:
    """``text`` with every run of whitespace (line breaks and tabs included) one space, trimmed."""
    return " ".join(text.split())


class _Plain(HTMLParser):
    """HTML as lines of plain text: entities decoded, bold and italic as ``**`` and ``*``,
    a line break or a block element ends a line, everything else (tags, scripts) dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.open: list[tuple[str, int]] = []  # emphasis opened on the current line: marker, where
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self._break()
        elif tag in _EMPHASIS:
            self.open.append((_EMPHASIS[tag], len(self.lines[-1])))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKS:
            self._break()
        elif tag in _EMPHASIS and self.open:
            self._close(*self.open.pop())

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.lines[-1] += data

    def _close(self, marker: str, start: int) -> None:
        """Put ``marker`` around the text since ``start``, its spaces outside (``** word **``
        would print the stars); nothing for emphasis around nothing."""
        text = self.lines[-1]
        inner = text[start:]
        if inner.strip():
            lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
            self.lines[-1] = f"{text[:start]}{lead}{marker}{inner.strip()}{marker}{trail}"

    def _break(self) -> None:
        """End the line; emphasis still open closes there and opens again on the next."""
        markers = [marker for marker, _ in self.open]
        while self.open:
            self._close(*self.open.pop())
        self.lines.append("")
        self.open = [(marker, 0) for marker in markers]


def html_lines(html: str) -> list[str]:
    """The lines of plain text an HTML fragment shows (``a<br>b`` → ``["a", "b"]``), each with
    its whitespace collapsed; empty lines left out."""
    parser = _Plain()
    parser.feed(html)
    parser.close()
    lines = (collapsed(line) for line in parser.lines)
    return [line for line in lines if line]


def html_text(html: str) -> str:
    """An HTML fragment as one line of plain text: its lines joined by a space."""
    return " ".join(html_lines(html))


def title_from(filename: str) -> str:
    """A title made from a file's name, for what the file does not name: ``key-words.txt`` →
    "Key words"."""
    title = collapsed(re.sub(r"[-_]+", " ", PurePath(filename.replace("\\", "/")).stem)) or "Cards"
    return title[:1].upper() + title[1:]
