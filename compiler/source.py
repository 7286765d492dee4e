"""Safe YAML loading that keeps a line and column for every value.

``yaml.safe_load`` is not enough for files teachers share (PITFALLS.md §2, §3): it expands
aliases without limit, overflows the stack on deep nesting, keeps the last of two duplicate
keys, turns ``No`` into ``False`` and ``1:20`` into ``80``, and fails on ``1939-02-30`` with
no location. So we first scan the event stream (fast, never recursive) to reject aliases,
anchors, tags and deep nesting, then compose the node tree and convert it ourselves with
the small set of scalar rules the format promises: ``true``/``false`` are booleans, a plain
scalar that reads as a decimal number is a :class:`Numeral` (text as written, a number on
request), everything else (dates included) stays text. What a syntax error means is found by
:mod:`compiler.syntax`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Self, cast

import yaml

from compiler.errors import FieldPath, Problem, ProblemsFound, format_path, named_path
from compiler.syntax import Mark, character_problem, if_part_of_the_text, syntax_problem
from compiler.unitfile import MAX_BYTES, MAX_DEPTH, read_bytes, too_big

# libyaml's loader when PyYAML was built with it (ten times faster); the scan runs first, so
# the depth that could crash it never reaches the composer.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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

    @cached_property
    def lines(self) -> list[str]:
        """The text as written, line by line (``lines[0]`` is line 1)."""
        return self.text.splitlines()

    def value_at(self, path: FieldPath) -> Any:
        """The teacher's data at ``path`` (keys and indices as the file has them), or None."""
        return value_at(self.data, path)

    def problem(
        self, path: FieldPath, message: str, hint: str | None = None, *, key: bool = False
    ) -> Problem:
        where = self.position(path, key=key)
        return Problem(self.file, where.line, where.column, format_path(path), message, hint, named_path(path, self.data))


def value_at(data: Any, path: FieldPath) -> Any:
    """What plain YAML ``data`` holds at ``path``, or None where the path leads nowhere (a key
    not there, an index past the end, or a step into text or a number)."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _mark_position(mark: Mark | None) -> Position:
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


def _as_written(text: str, mark: Mark | None) -> str:
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
                        f"write the value out in full; {if_part_of_the_text(text, event.start_mark)}")
                continue
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                add(event, f"anchors (&{event.anchor}) are not allowed",
                    f"remove the anchor; {if_part_of_the_text(text, event.start_mark)}")
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
        syntax = syntax_problem(exc, text, file, _LOADER)  # `title: *Liberty and more` is one mistake, not an alias too
        problems = [p for p in problems if (p.line, p.column) != (syntax.line, syntax.column)] + [syntax]
    except yaml.reader.ReaderError as exc:
        problems.append(character_problem(exc, text, file))
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, 1, "", f"YAML syntax: {exc}", None))
    if aliases > MAX_ALIAS_REPORTS:
        problems.append(Problem(file, 1, 1, "", f"{aliases - MAX_ALIAS_REPORTS} more aliases are not reported one by one",
                                "remove every & anchor and * alias"))
    if problems:
        raise ProblemsFound(problems)



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

    quote: str  # '"' or "'": the key's YAML scalar style

    def __new__(cls, key: str, quote: str) -> Self:
        quoted_key = super().__new__(cls, key)
        quoted_key.quote = quote
        return quoted_key

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]  # copied and pickled whole
        return str(self), self.quote

    @property
    def typed(self) -> str:
        return f"{self.quote}{self}{self.quote}"


# What makes a key need quotes in YAML: an indicator first, ": " or " #" inside, space at an end.
_NEEDS_QUOTES = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|: | #|:$|\s$""")


def _quotes_needed(key: str) -> bool:
    """True when ``key`` would not read as this text without its quotes."""
    plain = _scalar(yaml.ScalarNode("", key))
    return bool(_NEEDS_QUOTES.search(key)) or not isinstance(plain, str) or isinstance(plain, Numeral)


def _duplicate_hint(key: str, path: FieldPath, first_key: str) -> str:
    """The first key of a list's item given again is most often a new item whose ``- `` was
    forgotten; another key given twice, a line pasted twice."""
    if path and isinstance(path[-1], int) and key == first_key:
        return (f"if a new item starts here, put '- ' before {key}:; otherwise remove one of the two "
                "(YAML would silently keep only the last)")
    return "remove one of the two; YAML would silently keep only the last"


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
                key = QuotedKey(key, key_node.style)
            if key in result:
                first = self.keys[(*path, key)]
                self.problems.append(
                    Problem(self.file, where.line, where.column, format_path((*path, key)),
                            f"duplicate key '{key}' (first given on line {first.line})",
                            _duplicate_hint(key, path, next(iter(result))))
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
