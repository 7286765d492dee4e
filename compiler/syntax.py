"""What a YAML syntax error means: the cause, where the fix goes, the teacher's line rewritten as the fix.

The parsers' messages describe the parser's state where it gave up (PyYAML's "mapping values
are not allowed here", libyaml's "did not find expected key"), and that place is often after the
mistake, sometimes lines after it: an apostrophe that closed a single-quoted text early, a line
indented one space too many, a bracket never closed. The two parsers also word the same mistake
differently. So the diagnosis reads the teacher's text around the parser's mark instead (the
line, the lines above it, the scanner's tokens before it) to name the real cause in the
teacher's words, place it where the fix goes, and rewrite the teacher's own line as the fix. The
parser's words only help choose a diagnosis; they are shown only for a mistake none recognises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple, Protocol

import yaml

from compiler.errors import Problem, quoted
from compiler.unitfile import MAX_DEPTH


class Mark(Protocol):
    """Where in the text an event or node starts: PyYAML's Python parser and libyaml's each
    have their own Mark class, with these fields."""

    index: int
    line: int
    column: int


def if_part_of_the_text(text: str, mark: Mark | None) -> str:
    """The fix for a ``*`` or ``&`` meant as the first character of a text: the text in quotes."""
    if mark is None:
        return "if it is part of the text, put the text in quotes"
    fixed, quotes = _requoted(text, mark.index, _flow_at(text, [], mark.index))
    return f"if {text[mark.index]} is part of the text, put it in {quotes}: {_short(fixed)}"


def character_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
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


def _char_at(text: str, mark: Mark | None) -> str:
    return text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""


def _never_closed(text: str, opened: Mark | None, stopped: Mark | None, closing: str) -> bool:
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
_ITEM_START = re.compile(r"\s*(?:-\s+)*")
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


def _at_end(text: str, mark: Mark | None) -> bool:
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


def _tokens_before(text: str, index: int, loader: type[Any]) -> list[yaml.Token]:
    """The scanner's tokens that start before ``index``, as far as the scanner gets."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(_window(text, index), Loader=loader):
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


def _closing_quote(text: str, opened: int) -> str:
    """The fix for a quote left open at ``opened``: close it; and when it is an apostrophe
    before a letter or digit ('48, 'Twas), which is more likely part of the text, say how to
    keep it: closing it would print the text without it."""
    line = _line_of(text, opened)
    fix = f"add the closing quote: {_short(line.strip() + text[opened])}"
    if text[opened] != "'" or not text[opened + 1:opened + 2].isalnum():
        return fix
    start = _line_bounds(text, opened)[0]
    kept = f'{text[start:opened]}"{line[opened - start:].rstrip()}"'.strip()
    return f"{fix}; or, if the ' is part of the text, put the whole text in double quotes: {_short(kept)}"


def _unclosed(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A quote or bracket never closed, reported where it opened."""
    context, opened = exc.context or "", exc.context_mark
    if opened is None:
        return None
    if "quoted scalar" in context and _at_end(text, exc.problem_mark):
        return _Cause(opened.index, "the quoted text opened here is never closed", _closing_quote(text, opened.index))
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


def _open_at_the_end(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """The file ends inside brackets (``themes: [liberty,`` on its last line): the parser names
    only the end, so the bracket left open is found among the tokens."""
    if not _at_end(text, exc.problem_mark) or not _in_flow(tokens):
        return None
    depth = 0
    for token in reversed(tokens):
        depth += isinstance(token, _FLOW_ENDS) - isinstance(token, _FLOW_STARTS)
        if depth < 0:
            opening = text[token.start_mark.index]
            closing = "]" if opening == "[" else "}"
            written = text[_line_bounds(text, token.start_mark.index)[0]:len(text.rstrip())].strip()
            hint = f"add the closing {closing} after the last item" if written.endswith(",") or "\n" in written \
                else f"add the closing {closing}: {_short(written + closing)}"
            return _Cause(token.start_mark.index, f"the {opening} opened here is never closed", hint)
    return None


def _no_key(exc: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> _Cause | None:
    """A line that starts with ``:``: a value with no key before it."""
    mark = exc.problem_mark
    if mark is None or _char_at(text, mark) != ":" or _column(text, mark.index) != _indent(_line_of(text, mark.index)):
        return None
    return _Cause(mark.index, "the line starts with a colon, so its value has no key",
                  "write the key before the colon, e.g. text: …; or, if the line is more of the text above, "
                  "put that whole text in quotes")


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
            return _Cause(opened, "the quoted text opened here is not closed on its line", _closing_quote(text, opened))
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


def _item_start(line: str) -> int:
    """Where the first value of ``line`` starts: after its indentation and list dashes."""
    start = _ITEM_START.match(line)
    return start.end() if start else 0


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
    if no_space and _column(text, token.start_mark.index) == _item_start(first_line):
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


_DIAGNOSES = (_parser_words, _unclosed, _open_at_the_end, _tab, _escape, _leading_character, _dash_after_a_key,
              _block_header, _after_a_value, _no_key, _colon,
              _flow_separator, _missing_colon, _indentation)


def _uncounted_indentation(text: str, index: int) -> _Cause | None:
    """A line at or just above the mistake indented with spaces YAML does not count as
    indentation (no-break spaces, pasted from a word processor or a web page)."""
    start = _line_bounds(text, index)[0]
    above = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start else start
    for begin in dict.fromkeys((start, above)):
        line = _line_of(text, begin)
        lead = line[:len(line) - len(line.lstrip())]
        odd = next((char for char in lead if char not in " \t"), None)
        if odd is not None:
            return _Cause(begin + lead.index(odd), f"this line is indented with {quoted(odd)} characters, which "
                          "YAML does not count as spaces (often pasted from a word processor or a web page)",
                          "indent it with ordinary spaces")
    return None


def _cause(exc: yaml.MarkedYAMLError, text: str, loader: type[Any]) -> _Cause:
    """The real cause of a parser's error, found in the teacher's text around where it stopped."""
    mark = exc.problem_mark
    index = min(mark.index, len(text)) if mark is not None else 0
    pasted = _uncounted_indentation(text, index)
    if pasted is not None:
        return pasted
    tokens = _tokens_before(text, index, loader)
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


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str, loader: type[Any]) -> Problem:
    """The parser's error (PyYAML's or libyaml's wording) in a teacher's words: its real cause,
    where the fix goes, the teacher's line, and the fix. ``loader`` is the loader whose parser
    raised ``exc``: its scanner reads the tokens before the mistake again."""
    cause = _cause(exc, text, loader)
    start, _ = _line_bounds(text, cause.at)
    line = _line_of(text, cause.at)
    column = cause.at - start
    shown_line = line.strip(" ") if column < 45 else "…" + line[column - 30:].strip(" ")
    message = f"YAML syntax: {cause.message}: {quoted(shown_line)}" if shown_line and cause.quote_line \
        else f"YAML syntax: {cause.message}"
    return Problem(file, _line_number(text, cause.at), column + 1, "", message, cause.hint)
