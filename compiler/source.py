"""Safe YAML loading that keeps a line and column for every value.

``yaml.safe_load`` is not enough for files teachers share (PITFALLS.md §2, §3): it expands
aliases without limit, overflows the stack on deep nesting, keeps the last of two duplicate
keys, turns ``No`` into ``False`` and ``1:20`` into ``80``, and fails on ``1939-02-30`` with
no location. So we first scan the event stream (fast, never recursive) to reject aliases,
anchors, tags and deep nesting, then compose the node tree and convert it ourselves with
the small set of scalar rules the format promises: ``true``/``false`` are booleans, a plain
scalar that reads as a decimal number is a :class:`Numeral` (text as written, a number on
request), everything else (dates included) stays text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol, cast

import yaml

from compiler.errors import FieldPath, Problem, ProblemsFound, format_path, quoted
from compiler.unitfile import MAX_BYTES, read_bytes, too_big

# libyaml's loader when PyYAML was built with it (ten times faster); the scan runs first, so
# the depth that could crash it never reaches the composer.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 24

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Numeral(str):
    """A plain scalar that reads as a decimal number (``3.10``, ``007``, ``+44``, ``.5``), kept as
    it is written in the file.

    PyYAML would hand back ``3.1``, ``7``, ``44`` and ``0.5`` (PITFALLS.md §9). A Numeral is text
    wherever text is expected, so no title, option or answer can see a reformatted number; a
    field that means a number (marks, versions, sizes) converts it with :attr:`number`.
    """

    __slots__ = ()

    @property
    def number(self) -> int | float:
        return int(self) if _INT.fullmatch(self) else float(self)


def as_number(value: object) -> object:
    """``value`` as a number if it was written as one in the file; anything else unchanged, for
    the field's own type check to judge."""
    return value.number if isinstance(value, Numeral) else value


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class Source:
    """Plain data read from one YAML file, and where each value and key came from."""

    file: str
    data: Any
    values: dict[FieldPath, Position]
    keys: dict[FieldPath, Position]
    problems: tuple[Problem, ...] = ()  # found while loading, reported with validation's
    text: str = ""  # as written, for the checks that look at how a value was typed (compiler.slips)

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The position of ``path``'s key (or value), falling back to its nearest parent."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found:
                return found
        return Position(1, 1)

    def problem(
        self, path: FieldPath, message: str, hint: str | None = None, *, key: bool = False
    ) -> Problem:
        where = self.position(path, key=key)
        return Problem(self.file, where.line, where.column, format_path(path), message, hint)


class _Mark(Protocol):
    """Where in the text an event or node starts: PyYAML's Python parser and libyaml's each
    have their own Mark class, with these fields."""

    index: int
    line: int
    column: int


def _mark_position(mark: _Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


# Text in UTF-32 or UTF-16, told by its byte-order mark or, without one, by where its zero
# bytes fall: YAML's keys and punctuation are ASCII, whose wide forms are mostly zero bytes.
_BOMS = (("UTF-32", codecs.BOM_UTF32_LE), ("UTF-32", codecs.BOM_UTF32_BE),
         ("UTF-16", codecs.BOM_UTF16_LE), ("UTF-16", codecs.BOM_UTF16_BE))


def _zeros(data: bytes) -> float:
    return data.count(0) / len(data) if data else 0.0


def _wide_encoding(raw: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when the bytes are text in one of them, else None."""
    for name, bom in _BOMS:
        if raw.startswith(bom):
            return name
    sample = raw[:4000][: len(raw[:4000]) // 4 * 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    lanes = [_zeros(sample[k::4]) for k in range(4)]
    if (lanes[1] > 0.9 and lanes[2] > 0.9 and lanes[3] > 0.9 and lanes[0] < 0.1) or \
            (lanes[0] > 0.9 and lanes[1] > 0.9 and lanes[2] > 0.9 and lanes[3] < 0.1):
        return "UTF-32"
    even, odd = _zeros(sample[0::2]), _zeros(sample[1::2])
    if (odd > 0.5 and even < 0.1) or (even > 0.5 and odd < 0.1):
        return "UTF-16"
    return None


def decode_text(raw: bytes, file: str) -> str:
    """The file's text, or ProblemsFound when it is empty, huge, binary or not UTF-8.

    Text in UTF-16 or UTF-32 is named, not read: the format is UTF-8 (SPEC), and a unit saved
    once as UTF-8 then works with every other tool too (diffs, editors' schema checks).
    """

    def fail(message: str, hint: str, line: int = 1, column: int = 1) -> ProblemsFound:
        return ProblemsFound([Problem(file, line, column, "", message, hint)])

    if len(raw) > MAX_BYTES:
        raise too_big(file, len(raw))
    wide = _wide_encoding(raw)
    if wide:
        raise fail(f"the file is {wide} text; printpack reads UTF-8",
                   "save it again choosing the UTF-8 encoding (in Notepad: Save as, Encoding: UTF-8)")
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise fail("this is a binary file, not a YAML text file", "save the unit as plain UTF-8 text", line)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            "the file is not valid UTF-8 text",
            "save it again choosing the UTF-8 encoding",
            line,
            column,
        ) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise fail("the file is empty", "start from `printpack new NAME`, which writes a starter unit")
    return text


MAX_ALIAS_REPORTS = 10


def _as_written(text: str, mark: _Mark | None) -> str:
    """The token starting at ``mark`` as the teacher typed it (PyYAML expands ``!!str``)."""
    return "" if mark is None else _token_at(text, mark.index)


def _token_at(text: str, index: int) -> str:
    """The token starting at ``index`` of ``text``, up to the next space."""
    return text[index:].split(maxsplit=1)[0] if text[index:].strip() else ""


def _scan(text: str, file: str) -> None:
    """Reject what the format forbids before any node tree is built."""
    problems: list[Problem] = []
    depth = 0
    documents = 0
    aliases = 0

    def add(event: yaml.Event, message: str, hint: str) -> None:
        where = _mark_position(event.start_mark)
        problems.append(Problem(file, where.line, where.column, "", message, hint))

    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    add(event, "the file holds more than one YAML document", "remove the `---` line")
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases <= MAX_ALIAS_REPORTS:
                    add(event, f"aliases (*{event.anchor}) are not allowed",
                        f"write the value out in full; {_if_part_of_the_text(text, event.start_mark)}")
                continue
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                add(event, f"anchors (&{event.anchor}) are not allowed",
                    f"remove the anchor; {_if_part_of_the_text(text, event.start_mark)}")
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) and event.tag is not None:
                tag_mark = event.start_mark
                written = _as_written(text, tag_mark)
                if event.anchor is not None and written.startswith("&") and tag_mark is not None:
                    written = _token_at(text, tag_mark.index + len(written) + 1)
                add(event, f"tags ({written or event.tag}) are not allowed", "remove the tag; write plain values")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    add(event, f"the nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        syntax = _syntax_problem(exc, text, file)  # `title: *Liberty and more` is one mistake, not an alias too
        problems = [p for p in problems if (p.line, p.column) != (syntax.line, syntax.column)] + [syntax]
    except yaml.reader.ReaderError as exc:
        problems.append(_character_problem(exc, text, file))
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, 1, "", f"YAML syntax: {exc}", None))
    if aliases > MAX_ALIAS_REPORTS:
        problems.append(Problem(file, 1, 1, "", f"{aliases - MAX_ALIAS_REPORTS} more aliases are not reported one by one",
                                "remove every & anchor and * alias"))
    if problems:
        raise ProblemsFound(problems)


def _if_part_of_the_text(text: str, mark: _Mark | None) -> str:
    """The fix for a ``*`` or ``&`` meant as the first character of a text: the text in quotes."""
    if mark is None:
        return "if it is part of the text, put the text in quotes"
    fixed, quotes = _requoted(text, mark.index, _flow_at(text, [], mark.index))
    return f"if {text[mark.index]} is part of the text, put it in {quotes}: {_short(fixed)}"


def _character_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character YAML does not allow (a control character, say), at its own line and column.

    PyYAML counts its position in characters and libyaml in bytes, so the character is found
    in the text instead: the first one is the one both report.
    """
    character = chr(exc.character) if isinstance(exc.character, int) else ""
    index = text.find(character) if character else -1
    if index < 0:
        return Problem(file, 1, 1, "", f"YAML syntax: {exc}", "save the file as plain UTF-8 text")
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Problem(file, line, column, "", f"YAML syntax: the invisible character U+{ord(character):04X} is not allowed "
                   "in a YAML file", "delete it (it often comes with text pasted from another program)")


def _char_at(text: str, mark: _Mark | None) -> str:
    return text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""


def _never_closed(text: str, opened: _Mark | None, stopped: _Mark | None, closing: str) -> bool:
    """Whether the parser stopped because the bracket at ``opened`` is never closed: it met the
    other kind of closing bracket (``[a, b}``), or no bracket after it ever brings the count
    back to none open (``events: [a, b`` followed by more keys). Brackets inside quotes count
    too: this only chooses between two messages."""
    if opened is None or stopped is None:
        return False
    found = _char_at(text, stopped)
    if found in "]}" and found != closing:
        return True
    depth = 0
    for char in text[opened.index:]:
        depth += (char in "[{") - (char in "]}")
        if depth == 0:
            return False
    return True


_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:-\s+)?([^\s:#]+):(\S.*)$")


_SURROGATE_ESCAPE = re.compile(r"\\u(d[89ab][0-9a-f]{2})(?:\\u(d[c-f][0-9a-f]{2}))?|\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)


def _surrogate_escape_before(text: str, mark: yaml.Mark | None) -> tuple[int, int | None] | None:
    """The last ``\\uD83D\\uDE00``-style escape of a UTF-16 surrogate on the line of ``mark``, up to it."""
    if mark is None:
        return None
    line = text[text.rfind("\n", 0, mark.index) + 1:mark.index + 12]
    found = [m for m in _SURROGATE_ESCAPE.finditer(line) if m.start() <= mark.column]
    if not found:
        return None
    high, low, lone_low = found[-1].groups()
    return (int(high, 16), int(low, 16) if low else None) if high else (int(lone_low, 16), None)


def surrogate_message(first: int, second: int | None) -> tuple[str, str]:
    """Message and hint for text holding UTF-16 surrogates written as ``\\u`` escapes, the way
    JSON writes a character beyond U+FFFF (an emoji): YAML reads each half as its own character."""
    if second is not None and 0xD800 <= first <= 0xDBFF and 0xDC00 <= second <= 0xDFFF:
        code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        return (f"'\\u{first:04x}\\u{second:04x}' is a JSON-style surrogate pair, which YAML does not read as one character",
                f"write \\U{code:08X} (a capital U and 8 hex digits) for U+{code:04X}, or the character itself")
    return (f"'\\u{first:04x}' is half of a character (a UTF-16 surrogate), which cannot be printed",
            "write the character itself, or \\U and its 8 hex digits (e.g. \\U0001F600) for one beyond U+FFFF")


class _Cause(NamedTuple):
    """A syntax mistake in a teacher's words: where in the text the fix goes, what is wrong, and
    the fix (the teacher's own text rewritten, where it can be)."""

    at: int
    message: str
    hint: str
    quote_line: bool = True  # False when the message quotes the mistake itself


_FLOW_STARTS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
# A YAML quote in a teacher's text ends where a quote is followed by a space, a separator or
# the end of the line: the quote the parser took as the end was inside the text.
_CLOSING_QUOTE = {"'": re.compile(r"'(?=[\s,\]}#]|$)"), '"': re.compile(r'"(?=[\s,\]}#]|$)')}
_FIELD_NAME = re.compile(r"[a-z][a-z_]*")
_BLOCK_HEADER = re.compile(r"^(\s*)(?:-\s+)*(?:([^\s#][^#]*?):\s+)?[|>][-+0-9]*\s*(?:#.*)?$")
_LEVEL_LINE = re.compile(r"^(\s*)((?:-\s+)*)(?:([^\s#'\"\[{][^#]*?):(?:\s|$))?")


def _line_bounds(text: str, index: int) -> tuple[int, int]:
    """Where the line holding ``index`` starts and ends (its line break excluded)."""
    end = text.find("\n", index)
    return text.rfind("\n", 0, index) + 1, len(text) if end < 0 else end


def _column(text: str, index: int) -> int:
    """The 0-based column of ``index`` on its line. The parsers' marks also count U+2028 and
    U+0085 as line breaks, which editors do not: positions are counted in the text itself."""
    return index - _line_bounds(text, index)[0]


def _line_number(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _line_of(text: str, index: int) -> str:
    start, end = _line_bounds(text, index)
    return text[start:end].rstrip("\r")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _short(text: str, limit: int = 70) -> str:
    """A rewritten line for a hint: whole when short, else its start and end around "…"."""
    return text if len(text) <= limit else f"{text[:limit - 25].rstrip()} … {text[-20:].lstrip()}"


def _in_quotes(text: str) -> tuple[str, str]:
    """``text`` as a quoted YAML scalar, and the name of the quotes: double quotes unless the
    text holds a double quote or a backslash (an escape inside double quotes)."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"', "double quotes"
    return "'" + text.replace("'", "''") + "'", "single quotes"


def _at_end(text: str, mark: _Mark | None) -> bool:
    return mark is not None and mark.index >= len(text.rstrip())


# Tokens are read again from the start of the file up to the mistake; in a long file only from a
# line some way above it (the text before that line blanked, so positions stay as they are).
_SCAN_FROM_START = 200_000
_LINES_ABOVE = 100


def _window(text: str, index: int) -> str:
    """``text``, or in a long file ``text`` with everything above a line well above ``index``
    blanked out: a line (a key or a list item) indented no more than any line after it."""
    if index < _SCAN_FROM_START:
        return text
    line_start = _line_bounds(text, index)[0]
    lowest = _indent(_line_of(text, index))
    for count, (_, start, line) in enumerate(_content_lines_above(text, line_start)):
        lowest = min(lowest, _indent(line))
        shape = _LEVEL_LINE.match(line)
        if count >= _LINES_ABOVE and _indent(line) == lowest and shape and (shape.group(2) or shape.group(3)):
            return re.sub(r"[^\n]", " ", text[:start]) + text[start:]
        if count >= 2 * _LINES_ABOVE:
            break
    return text


def _tokens_before(text: str, index: int) -> list[yaml.Token]:
    """The scanner's tokens that start before ``index``, as far as the scanner gets."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(_window(text, index), Loader=_LOADER):
            if token.start_mark.index >= index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _in_flow(tokens: list[yaml.Token]) -> bool:
    return sum(isinstance(t, _FLOW_STARTS) for t in tokens) > sum(isinstance(t, _FLOW_ENDS) for t in tokens)


def _value_end(text: str, start: int, flow: bool) -> int:
    """Where the text of a value starting at ``start`` ends on its line: before a comment, or in
    a list or mapping in brackets before the next ``,``, ``]`` or ``}``."""
    _, end = _line_bounds(text, start)
    stop = re.search(r"[,\]}]|\s#" if flow else r"\s#", text[start:end])
    return start + stop.start() if stop else len(text[:end].rstrip())


def _key_before(tokens: list[yaml.Token], position: int) -> yaml.ScalarToken | None:
    """The key whose value is the token at ``tokens[position]``, if it is a mapping's value."""
    if position >= 2 and isinstance(tokens[position - 1], yaml.ValueToken):
        key = tokens[position - 2]
        return key if isinstance(key, yaml.ScalarToken) else None
    return None


def _flow_at(text: str, tokens: list[yaml.Token], start: int) -> bool:
    """Whether ``start`` is inside brackets: by the tokens before it, or, when the scanner
    stopped before it, by the brackets on its line."""
    position = next((k for k, token in enumerate(tokens) if token.start_mark.index >= start), None)
    if position is not None:
        return _in_flow(tokens[:position])
    before = text[_line_bounds(text, start)[0]:start]
    return sum(map(before.count, "[{")) > sum(map(before.count, "]}"))


def _requoted(text: str, start: int, flow: bool) -> tuple[str, str]:
    """The value starting at ``start`` in quotes, after its key or list dash as written, and the
    name of the quotes: the teacher's own text rewritten as the fix."""
    line_start, _ = _line_bounds(text, start)
    value, quotes = _in_quotes(text[start:_value_end(text, start, flow)].strip())
    before = text[line_start:start]
    if flow:
        before = before[max(before.rfind(mark) for mark in "[{,") + 1:]
    return f"{before.strip()} {value}".strip(), quotes


def _quote_the_text(text: str, tokens: list[yaml.Token], start: int, message: str) -> _Cause:
    """``message`` about the value starting at ``start``, with the value in quotes as the fix."""
    fixed, quotes = _requoted(text, start, _flow_at(text, tokens, start))
    return _Cause(start, message, f"put the text in {quotes}: {_short(fixed)}")


def _unclosed(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A quote or bracket never closed, reported where it opened."""
    context, opened = exc.context or "", exc.context_mark
    if opened is None:
        return None
    line = _line_of(text, opened.index)
    if "quoted scalar" in context and _at_end(text, exc.problem_mark):
        return _Cause(opened.index, "the quoted text opened here is never closed",
                      f"add the closing quote: {_short(line.strip() + text[opened.index])}")
    if "flow sequence" not in context and "flow mapping" not in context:
        return None
    opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
    if not (_at_end(text, exc.problem_mark) or _never_closed(text, opened, exc.problem_mark, closing)):
        return None
    message = f"the {opening} opened here is never closed"
    stopped = exc.problem_mark
    found = _char_at(text, stopped)
    if stopped is not None and found in "]}" and _line_bounds(text, stopped.index) == _line_bounds(text, opened.index):
        fixed = _line_of(text, stopped.index)
        fixed = fixed[:_column(text, stopped.index)] + closing + fixed[_column(text, stopped.index):]
        return _Cause(opened.index, message, f"add the closing {closing} before the {found}: {_short(fixed.strip())}")
    written = text[_line_bounds(text, opened.index)[0]:_value_end(text, opened.index, False)].strip()
    if written.endswith(","):
        return _Cause(opened.index, message, f"add the closing {closing} after the last item")
    return _Cause(opened.index, message, f"add the closing {closing}: {_short(written + closing)}")


def _tab(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A tab where YAML expects spaces (PyYAML names it, libyaml's error stops at it)."""
    problem, mark = exc.problem or "", exc.problem_mark
    if mark is not None and ("tab" in problem or "'\\t'" in problem or _char_at(text, mark) == "\t"):
        return _Cause(mark.index, "a tab character is used for indentation", "indent with spaces, not tabs")
    return None


def _leading_character(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """Text starting with a character YAML reserves: ``*``, ``&``, ``@``, ``%`` or a backtick."""
    context, problem = exc.context or "", exc.problem or ""
    scanning = ("scanning an alias", "scanning an anchor", "scanning a directive")
    if any(words in context for words in scanning) and exc.context_mark is not None:
        start = exc.context_mark.index
        line = _line_of(text, start)
        if line.strip().startswith("* ") and _column(text, start) == _indent(line):
            return _Cause(start, "a list item starts with -, not *", f"write {_short('- ' + line.strip()[2:])}")
    elif "cannot start any token" in problem and exc.problem_mark is not None:
        start = exc.problem_mark.index
    else:
        return None
    return _quote_the_text(text, tokens, start, f"text starting with {text[start]} must be in quotes")


def _escape(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A backslash inside double quotes that does not start a valid escape: ``"C:\\Users"``."""
    problem, opened, mark = exc.problem or "", exc.context_mark, exc.problem_mark
    if opened is None or mark is None or not ("escape" in problem or "hexdecimal" in problem):
        return None
    backslash = text.rfind("\\", opened.index, mark.index + 1)
    if backslash < 0:
        return None
    words = text[opened.index + 1:_value_end(text, opened.index, False)].removesuffix('"')
    single = "'" + words.replace("'", "''") + "'"
    return _Cause(backslash, "a backslash inside double quotes starts an escape such as \\n or \\u00e9",
                  f"use single quotes, where a backslash is just a backslash: {_short(single)}; or write it twice: \\\\")


def _dash_after_a_key(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """``title: - The Terror``: a list can only start on the line below its key."""
    mark = exc.problem_mark
    if mark is None or "sequence entries are not allowed" not in (exc.problem or ""):
        return None
    fixed, quotes = _requoted(text, mark.index, False)
    return _Cause(mark.index, "a - after a key starts a list, which must begin on the line below the key",
                  f"put the text in {quotes}: {_short(fixed)}; or write each item on its own line below, after a dash")


def _block_header(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """``title: | The Terror``: text after the ``|`` or ``>`` that starts a block of lines."""
    opened = exc.context_mark
    if "block scalar" not in (exc.context or "") or opened is None:
        return None
    sign = text[opened.index]
    fixed, quotes = _requoted(text, opened.index, False)
    key = _line_of(text, opened.index)[:_column(text, opened.index)].strip().removeprefix("-").strip()
    below = f"more than {key}" if key.endswith(":") else "on the lines below"
    return _Cause(opened.index, f"{sign} starts a text written on the lines below it, so nothing may follow it on its line",
                  f"write the text on the next lines, indented {below}; or, if {sign} is part of the text, "
                  f"put it all in {quotes}: {fixed}")


def _last_value(tokens: list[yaml.Token], index: int) -> int | None:
    """The position in ``tokens`` of the last value (text, alias or closing bracket) ending by ``index``."""
    for k in range(len(tokens) - 1, -1, -1):
        token = tokens[k]
        if isinstance(token, yaml.ScalarToken | yaml.AliasToken | yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken):
            return k if token.end_mark.index <= index else None
    return None


def _flow_start(tokens: list[yaml.Token], end: int) -> int:
    """The position in ``tokens`` of the bracket that the closing bracket at ``end`` closes."""
    depth = 0
    for k in range(end, -1, -1):
        depth += isinstance(tokens[k], _FLOW_ENDS) - isinstance(tokens[k], _FLOW_STARTS)
        if depth == 0:
            return k
    return end


def _after_a_value(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """More text after a value on its line: a quote that ended the quoted text early, text that
    starts with a quotation mark, a ``[`` or a ``*``."""
    mark = exc.problem_mark
    position = _last_value(tokens, mark.index) if mark is not None else None
    if mark is None or position is None:
        return None
    token = tokens[position]
    after = token.end_mark.index
    if "\n" in text[after:mark.index] or text[after:mark.index].strip():
        return None
    if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
        opened = token.start_mark.index
        if "\n" in text[opened:after]:  # quoted text over lines is YAML, but here its quote was left open
            return _Cause(opened, "the quoted text opened here is not closed on its line",
                          f"add the closing quote: {_short(_line_of(text, opened).strip() + text[opened])}")
        if text[after:after + 1].strip() and text[after] not in ",]}:":
            return _quote_inside(text, token, _in_flow(tokens[:position]))
        return _quote_the_text(text, tokens, token.start_mark.index,
                               "text that starts with a quotation mark ends at its closing quote")
    if isinstance(token, _FLOW_ENDS) and not _in_flow(tokens[:_flow_start(tokens, position)]):
        start = tokens[_flow_start(tokens, position)]
        what = "a list" if isinstance(start, yaml.FlowSequenceStartToken) else "a mapping"
        return _quote_the_text(text, tokens, start.start_mark.index,
                               f"text that starts with {text[start.start_mark.index]} is read as {what}")
    if isinstance(token, yaml.AliasToken):
        return _quote_the_text(text, tokens, token.start_mark.index, "text starting with * must be in quotes")
    return None


def _quote_inside(text: str, token: yaml.ScalarToken, flow: bool) -> _Cause:
    """An apostrophe inside single quotes, or a double quote inside double quotes, that ends the
    quoted text in the middle: ``'Louis's flight'``."""
    quote, start, inside = token.style, token.start_mark.index, token.end_mark.index - 1
    _, end = _line_bounds(text, start)
    closings = [c.start() for c in _CLOSING_QUOTE[quote].finditer(text, inside + 1, end)]
    closing = (closings[0] if flow else closings[-1]) if closings else len(text[:end].rstrip())
    words = text[start + 1:closing]
    twice = _short("'" + words.replace("'", "''") + "'")
    if quote == '"':
        return _Cause(inside, "a double quote inside double quotes ends the text early",
                      f"put the text in single quotes instead: {twice}")
    double, quotes = _in_quotes(words)
    other = f", or use double quotes: {_short(double)}" if quotes == "double quotes" else ""
    return _Cause(inside, "an apostrophe inside single quotes ends the text early", f"write it twice: {twice}{other}")


def _colon(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A ``:`` the parser cannot take as a key's: inside unquoted text, or the first of a line
    that YAML read as more of the text above it (over-indented, or below a slip in that text)."""
    mark = exc.problem_mark
    if mark is None or _char_at(text, mark) != ":":
        return None
    position = _last_value(tokens, mark.index)
    if position is None or not isinstance(tokens[position], yaml.ScalarToken):
        return None
    token = tokens[position]
    if "\n" in text[token.start_mark.index:mark.index]:
        return _continued(text, tokens, position, mark.index)
    start = token.start_mark.index
    key = _key_before(tokens, position)
    if key is not None and "\n" not in text[key.start_mark.index:mark.index] and position >= 5 \
            and isinstance(tokens[position - 4], yaml.BlockMappingStartToken) \
            and isinstance(tokens[position - 5], yaml.BlockEntryToken) and not _FIELD_NAME.fullmatch(key.value):
        start = key.start_mark.index  # `- Robespierre: the Terror: 1793` is one text, `- title: A: B` is not
    fixed, quotes = _requoted(text, start, _flow_at(text, tokens, start))
    said = "text containing ': ' must be in quotes" if text[mark.index + 1:mark.index + 2] == " " \
        else "text ending in ':' must be in quotes"
    return _Cause(mark.index, said, f"put the text in {quotes}: {_short(fixed)}")


def _starts_its_line(text: str, token: yaml.Token) -> bool:
    """Whether ``token`` is the first thing on its line (a key, or a value written under its key)."""
    return _column(text, token.start_mark.index) == _indent(_line_of(text, token.start_mark.index))


def _lined_up(written: str, *choices: tuple[str, int, int]) -> str:
    """The fix "line title: up with date: on line 3 (4 spaces)", for each (label, line, level)."""
    return f"line {written} up with " + " or with ".join(
        f"{_named(label, number)} ({'no spaces' if level == 0 else _spaces(level)})" for label, number, level in choices)


def _continued(text: str, tokens: list[yaml.Token], position: int, colon: int) -> _Cause | None:
    """The line of the ``colon`` was read as more of the text at ``tokens[position]``, which began on
    a line above: the slip is on that line (``id:u``, ``-id: a``) or in this line's indentation."""
    token = tokens[position]
    first_line = _line_of(text, token.start_mark.index)
    key = _key_before(tokens, position)
    if key is not None and key.value.startswith("-") and _starts_its_line(text, key):
        return _Cause(key.start_mark.index, "a space is missing after the - of a list item",
                      f"write {_short('- ' + first_line.strip()[1:])}")
    no_space = _KEY_WITHOUT_SPACE.match(first_line)
    if no_space and _starts_its_line(text, token):
        colon_there = token.start_mark.index + len(no_space.group(1))
        return _Cause(colon_there, "a space is missing after the colon",
                      f"write {_short(f'{no_space.group(1)}: {no_space.group(2)}')}")
    if _starts_its_line(text, token) and len(first_line.split()) > 1:
        word, rest = first_line.split(maxsplit=1)
        return _Cause(token.start_mark.index + len(word), "a colon is missing after the key",
                      f"write {_short(f'{word}: ' + rest.removeprefix('=').strip())}")
    line_start, _ = _line_bounds(text, colon)
    line = _line_of(text, colon)
    written = f"{line[_indent(line):colon - line_start].strip()}:"
    if key is None:
        return None
    if not _FIELD_NAME.fullmatch(written[:-1]):  # `  to Varennes: he was caught` goes on a text, `title:` is a key
        whole, quotes = _in_quotes(" ".join(text[token.start_mark.index:_value_end(text, colon, False)].split()))
        return _Cause(colon, "text containing ': ' must be in quotes",
                      f"put the whole text in {quotes}: {_short(f'{key.value}: {whole}')}")
    indent, level, number = _indent(line), _column(text, key.start_mark.index), _line_number(text, key.start_mark.index)
    hint = _lined_up(written, (f"{key.value}:", number, level))
    if indent - level >= 2 and not _starts_its_line(text, token):
        hint += f"; or, if it belongs under {key.value}:, remove the text after {key.value}:"
    return _Cause(line_start + indent,
                  f"this line is indented {_spaces(indent)}, {indent - level} more than {key.value}: on line {number}, "
                  f"so YAML reads it as more of {key.value}'s text", hint)


def _missing_colon(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A line the parser began to read as a key and found no ``: `` in."""
    mark = exc.context_mark
    if "simple key" not in (exc.context or "") or "expected ':'" not in (exc.problem or "") or mark is None:
        return None
    line = _line_of(text, mark.index)
    block = _block_above(text, _line_bounds(text, mark.index)[0])
    if block is not None and _indent(line) <= block.column:
        return _Cause(mark.index, f"the text under {block.key}: on line {block.line} is not indented more than its key",
                      f"indent its lines by {_spaces(block.column + 2)}, more than {block.key}:")
    if re.match(r"-[^\s-]", line.strip()):
        return _Cause(mark.index, "a space is missing after the - of a list item", f"write {_short('- ' + line.strip()[1:])}")
    fixed = _KEY_WITHOUT_SPACE.match(line)
    if fixed:
        colon = mark.index + len(fixed.group(1))
        return _Cause(colon, "a space is missing after the colon", f"write {_short(f'{fixed.group(1)}: {fixed.group(2)}')}")
    return _Cause(mark.index, "this line is not a `key: value` pair", "write key: value with a space after the colon")


def _content_lines_above(text: str, line_start: int) -> Iterator[tuple[int, int, str]]:
    """The lines above the line starting at ``line_start``, nearest first: each one's number,
    where it starts and its text; blank and comment lines left out."""
    number, end = _line_number(text, line_start), line_start - 1
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        number -= 1
        line = text[start:end].rstrip("\r")
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, start, line
        end = start - 1


class _Block(NamedTuple):
    """A ``key: |`` (or ``>``) line: its key, the key's column, its line number, and the
    indentation of the first line of its text (None when no line of text follows)."""

    key: str
    column: int
    line: int
    text_indent: int | None


def _block_above(text: str, line_start: int) -> _Block | None:
    """The ``key: |`` (or ``>``) whose text the line starting at ``line_start`` follows, if any."""
    first: int | None = None
    for number, _, line in _content_lines_above(text, line_start):
        header = _BLOCK_HEADER.match(line)
        if header and header.group(2):
            return _Block(header.group(2), line.index(header.group(2)), number, first)
        if first is not None and _indent(line) >= first:
            continue
        if first is not None:
            return None
        first = _indent(line)
    return None


def _levels_above(text: str, line_start: int) -> dict[int, tuple[str, int]]:
    """The indentations a line starting at ``line_start`` could line up with, each with the key
    (or ``-``) above at that indentation and its line number: its siblings and its ancestors."""
    levels: dict[int, tuple[str, int]] = {}
    ceiling = len(text)
    for number, _, line in _content_lines_above(text, line_start):
        shape = _LEVEL_LINE.match(line)
        if shape is None or _indent(line) >= ceiling or not (shape.group(2) or shape.group(3)):
            continue
        for piece in re.finditer(r"-\s+", shape.group(2)):
            levels.setdefault(_indent(line) + piece.start(), ("-", number))
        if shape.group(3):
            levels.setdefault(len(shape.group(1)) + len(shape.group(2)), (f"{shape.group(3)}:", number))
        ceiling = _indent(line)
        if ceiling == 0:
            break
    return levels


def _indentation(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A line whose indentation lines it up with nothing it could belong to."""
    mark = exc.problem_mark
    if mark is None:
        return None
    line = _line_of(text, mark.index)
    if _column(text, mark.index) != _indent(line) or not line.strip():
        return None
    line_start, indent = _line_bounds(text, mark.index)[0], _indent(line)
    block = _block_above(text, line_start)
    shape = _LEVEL_LINE.match(line)
    plain_text = shape is None or not (shape.group(2) or shape.group(3))
    if block is not None and block.text_indent is not None and indent < block.text_indent \
            and (plain_text or indent > block.column):
        return _Cause(mark.index, f"this line is indented {_spaces(indent)}, less than the first line of the text "
                                  f"under {block.key}: on line {block.line}, so it ends that text",
                      f"indent every line of that text by {_spaces(block.text_indent)}, like its first line")
    dash = bool(re.match(r"\s*-(\s|$)", line))
    levels = _levels_above(text, line_start)
    written = line.strip().split(":")[0] + ":" if ":" in line and not dash else "it"
    if indent in levels and (levels[indent][0] == "-") != dash:
        return _lined_up_wrongly(line_start + indent, indent, levels, dash, line.strip())
    if indent in levels:
        return None
    candidates = {level: levels[level] for level in levels if dash or levels[level][0] != "-"}
    nearest = sorted(candidates, key=lambda level: (abs(level - indent), -level))
    if not nearest:
        return None
    fixes = _lined_up(written, *((*candidates[level], level) for level in nearest[:2]
                                 if abs(level - indent) == abs(nearest[0] - indent)))
    return _Cause(mark.index, f"this line is indented {_spaces(indent)}, which lines it up with no line above it", fixes)


def _named(label: str, number: int) -> str:
    return f"the - on line {number}" if label == "-" else f"{label} on line {number}"


def _lined_up_wrongly(index: int, indent: int, levels: dict[int, tuple[str, int]], dash: bool,
                      line: str) -> _Cause:
    """A key lined up with a list's dashes, or a list item lined up with a mapping's keys."""
    label, number = levels[indent]
    written = line.split(":")[0] + ":"
    if dash:
        return _Cause(index, f"a list item (- ) among the key: value lines of {label} on line {number}",
                      f"write it as key: value like {label}, or put the list under a key of its own")
    item = next(((level, levels[level]) for level in sorted(levels) if level > indent and levels[level][0] != "-"), None)
    join = f"{_lined_up(written, (*item[1], item[0]))} to add it to that item, or " if item else ""
    return _Cause(index, f"{written} is lined up with the - of the list item on line {number}, where only a new item "
                         "can start", f"{join}start a new item: {_short('- ' + line)}")


def _flow_separator(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    context, mark = exc.context or "", exc.problem_mark
    if mark is None or ("flow sequence" not in context and "flow mapping" not in context):
        return None
    closing = "]" if "sequence" in context else "}"
    return _Cause(mark.index, "the items here are not separated",
                  f'separate items with ", "; quote an item that contains "{closing}", "," or ": "')


def _parser_words(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """What is left: the surrogate escapes and nesting depth, told apart by the parser's words."""
    problem, mark = exc.problem or "", exc.problem_mark
    index = mark.index if mark is not None else 0
    if "invalid Unicode character escape" in problem and (halves := _surrogate_escape_before(text, mark)):
        return _Cause(index, *surrogate_message(*halves), quote_line=False)
    if "maximum nesting depth" in problem:
        return _Cause(index, f"the nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
    return None


_DIAGNOSES = (_parser_words, _unclosed, _tab, _escape, _leading_character, _dash_after_a_key, _block_header,
              _after_a_value, _colon,
              _flow_separator, _missing_colon, _indentation)


def _cause(exc: yaml.MarkedYAMLError, text: str) -> _Cause:
    """The real cause of a parser's error, found in the teacher's text around where it stopped."""
    mark = exc.problem_mark
    index = min(mark.index, len(text)) if mark is not None else 0
    tokens = _tokens_before(text, index)
    for diagnose in _DIAGNOSES:
        found = diagnose(exc, text, tokens)
        if found is not None:
            return found
    line = _line_of(text, index)
    if mark is not None and _column(text, index) == _indent(line):
        return _Cause(index, "the indentation of this line does not match the lines above it",
                      "indent it like the lines it belongs with")
    return _Cause(index, exc.problem or "YAML cannot read the text from here",
                  "check the quoting around this position: text with ': ', a quotation mark, or a leading [, {, * "
                  "or & must be in quotes")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """The parser's error (PyYAML's or libyaml's wording) in a teacher's words: its real cause,
    where the fix goes, the teacher's line, and the fix."""
    cause = _cause(exc, text)
    start, _ = _line_bounds(text, cause.at)
    line = _line_of(text, cause.at)
    column = cause.at - start
    shown_line = line.strip(" ") if column < 45 else "…" + line[column - 30:].strip(" ")
    message = f"YAML syntax: {cause.message}: {quoted(shown_line)}" if shown_line and cause.quote_line \
        else f"YAML syntax: {cause.message}"
    return Problem(file, _line_number(text, cause.at), column + 1, "", message, cause.hint)


def _scalar(node: yaml.ScalarNode) -> Any:
    """A plain scalar's value by the format's rules; quoted and block scalars are always text."""
    value = node.value
    if node.style:  # quoted or block scalars are always text (plain is None, or "" from libyaml)
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
        return Numeral(value)
    return value


class QuotedKey(str):
    """A key written in quotes that YAML did not need, which knows how it was typed: in
    ``- "Sacred and inviolable": the Declaration on property`` the teacher meant a bullet whose
    text starts with a quotation (in ``- "*Le Moniteur*": the paper``, quotes YAML needs)."""

    quote: str = '"'  # or "'": the key's YAML scalar style

    @property
    def typed(self) -> str:
        return f"{self.quote}{self}{self.quote}"


# What makes a key need quotes in YAML: an indicator first, ": " or " #" inside, space at an end.
_NEEDS_QUOTES = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|: | #|:$|\s$""")


def _quotes_needed(key: str) -> bool:
    """True when ``key`` would not read as this text without its quotes."""
    plain = _scalar(yaml.ScalarNode("", key))
    return bool(_NEEDS_QUOTES.search(key)) or not isinstance(plain, str) or isinstance(plain, Numeral)


class _Converter:
    """Turns a composed node tree into plain data plus position tables.

    Mistakes it finds (duplicate keys, an unquoted ``#`` that emptied a value) do not stop it,
    so that validation can report the rest of the file in the same run.
    """

    def __init__(self, file: str, lines: list[str]) -> None:
        self.file = file
        self.lines = lines
        self.values: dict[FieldPath, Position] = {}
        self.keys: dict[FieldPath, Position] = {}
        self.problems: list[Problem] = []

    def convert(self, node: yaml.Node, path: FieldPath) -> Any:
        self.values[path] = _mark_position(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return _scalar(cast(yaml.ScalarNode, node))  # neither a mapping nor a sequence: a scalar

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = _mark_position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(self.file, where.line, where.column, format_path(path),
                            "a key must be plain text, not a list or mapping", None)
                )
                continue
            key = key_node.value
            if key_node.style in ("'", '"') and not _quotes_needed(key):
                key = QuotedKey(key)
                key.quote = key_node.style
            if key in result:
                first = self.keys[(*path, key)]
                self.problems.append(
                    Problem(self.file, where.line, where.column, format_path((*path, key)),
                            f"duplicate key '{key}' (first given on line {first.line})",
                            "remove one of the two; YAML would silently keep only the last")
                )
                continue
            self.keys[(*path, key)] = where
            result[key] = self.convert(value_node, (*path, key))
            if result[key] is None:
                self._check_comment_emptied(key_node, (*path, key))
        return result

    def _check_comment_emptied(self, key_node: yaml.Node, path: FieldPath) -> None:
        """``colour: #9a3412`` is a key followed by a comment: the value is silently empty."""
        mark = key_node.end_mark
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        comment = re.match(r":\s+(#\S*)", line[mark.column:])
        if comment:
            column = mark.column + comment.start(1) + 1
            self.problems.append(Problem(
                self.file, mark.line + 1, column, format_path(path), f"the {path[-1]} is empty",
                f'an unquoted # starts a YAML comment; write it in quotes, e.g. {path[-1]}: "{comment.group(1)}"'))


def _texts(data: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for k, value in enumerate(data):
            yield from _texts(value, (*path, k))
    elif isinstance(data, str):
        yield path, data


def items_read_as_text(source: Source, text: str) -> Iterator[Problem]:
    """Slips worth a warning: a list item indented more than the item above it, which YAML
    silently joins to that item's text (``- Liberty`` then ``   - Equality`` is one bullet,
    "Liberty - Equality")."""
    lines = text.split("\n")
    for path, value in _texts(source.data, ()):
        where = source.values.get(path)
        if not path or not isinstance(path[-1], int) or where is None or where.line > len(lines):
            continue
        above = lines[where.line - 1]
        if not re.fullmatch(r"\s*-\s+", above[:where.column - 1]):  # only a plain text written after its dash
            continue
        for number in range(where.line, len(lines)):
            below = lines[number].rstrip("\r")
            if _indent(below) <= _indent(above) or not below.strip():
                break
            if below.lstrip().startswith("- ") and below.strip() in value:
                yield Problem(source.file, number + 1, _indent(below) + 1, format_path(path),
                              f"this - is indented more than the line above it, so YAML reads it as more of that "
                              f"text: {quoted(value)}",
                              f"line it up with the - on line {where.line} to make it an item of its own")
                break


def load_text(text: str, file: str) -> Source:
    """Parse YAML text into a :class:`Source`, or raise ProblemsFound with every problem."""
    _scan(text, file)
    root = yaml.compose(text, Loader=_LOADER)
    converter = _Converter(file, text.splitlines())
    data = converter.convert(root, ()) if root is not None else None
    return Source(file, data, converter.values, converter.keys, tuple(converter.problems), text)


def load_file(path: Path, display: str | None = None) -> Source:
    """Read and parse one YAML file, with problems naming it as ``display`` (default: path)."""
    file = display or str(path)
    return load_text(decode_text(read_bytes(path, file), file), file)
