"""Problems are values: a message with the file, line, column and field path it is about.

Every stage collects its problems and raises :class:`ProblemsFound` once, with all of them,
so that a teacher sees every mistake in one run. Nothing here prints; the CLI decides how a
problem is shown and what exit code it means.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

PathPart = str | int
FieldPath = tuple[PathPart, ...]


def format_path(path: Sequence[PathPart]) -> str:
    """Render a field path the way a teacher reads it: ``events[3].date``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# The lists of a unit whose items a message names, and the key that names each item.
NAMED_LISTS = {"themes": "id", "people": "id", "events": "id", "glossary": "term", "card_sorts": "id",
               "worksheets": "id", "flashcards": "id", "sources": "id"}
_NAME_LIMIT = 40


def named_path(path: Sequence[PathPart], data: Any) -> str:
    """``path`` as :func:`format_path` renders it, with each item of a named list followed by its
    id (a glossary item by its term) as the teacher's ``data`` has it: ``events[3] (bastille).date``.
    An item whose id is missing or not text is named by its index only."""
    text = format_path(path)
    if len(path) < 2 or path[0] not in NAMED_LISTS or not isinstance(path[1], int) or not isinstance(data, dict):
        return text
    items = data.get(path[0])
    item = items[path[1]] if isinstance(items, list) and 0 <= path[1] < len(items) else None
    name = item.get(NAMED_LISTS[str(path[0])]) if isinstance(item, dict) else None
    if not isinstance(name, str) or not name.strip():
        return text
    name = " ".join(name.split())
    name = name if len(name) <= _NAME_LIMIT else f"{name[:_NAME_LIMIT - 1].rstrip()}…"
    head = format_path(path[:2])
    return f"{head} ({name}){text[len(head):]}"


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one of ``choices`` most like ``word`` (ignoring case), if one is at least ``cutoff`` alike."""
    originals = {c.casefold(): c for c in sorted(set(choices), reverse=True)}
    import difflib  # only when there is a word to match: a clean build never needs it

    matches = difflib.get_close_matches(word.casefold(), sorted(originals), n=1, cutoff=cutoff)
    return originals[matches[0]] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest of ``choices`` to a misspelt ``word``, if one is close."""
    match = closest(word, choices)
    return f"did you mean {quoted(match)}?" if match is not None else None


# Characters a message must not show as themselves: line breaks and other controls would break
# the one-line message, and the invisible ones (zero-width space, U+FEFF, no-break spaces, ...)
# are often exactly the difference a message is about.
@cache
def _unseen() -> regex.Pattern[str]:
    import regex  # only when a message holds more than printable ASCII: a clean build never does

    return regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\u2800]|[^\S ]")


_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
QUOTE_LIMIT = 60


def _escaped(char: str) -> str:
    code = ord(char)
    named = _NAMED_ESCAPES.get(char)
    return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def shown(text: str) -> str:
    """``text`` with every control and invisible character written as an escape (``\\n``,
    ``\\u200b``), so that a message stays on one line and shows what differs."""
    if text.isascii() and text.isprintable():
        return text
    return _unseen().sub(lambda match: _escaped(match.group()), text)


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A teacher's text for a message: in quotes, escaped as :func:`shown`, cut to ``limit``
    characters with "…"."""
    text = shown(str(value))
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit - 1].rstrip()}…'"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, located: ``file:line:column: path: message — hint``.

    Line 0 means the problem is about something other than a position in a file (an option,
    a missing theme): it prints as ``what: message — hint``. ``path`` is the field path
    machines read (``events[3].date``); ``named_path``, when given, is how it prints, with the
    items named (``events[3] (bastille).date``).
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = field(default=None, compare=False)
    named_path: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        """Every printed field (file name, field path, message, hint) prints on one line with
        controls and invisible characters shown as escapes: a key or a file name can hold them too."""
        for name in ("file", "path", "message", "named_path"):
            object.__setattr__(self, name, shown(getattr(self, name)))
        if self.hint is not None:
            object.__setattr__(self, "hint", shown(self.hint))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        path = self.named_path or self.path
        text = f"{where}: {path}: {self.message}" if path else f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "named_path": self.named_path or self.path,
            "message": self.message,
            "hint": self.hint,
        }


class ProblemsFound(Exception):
    """Raised once by a stage with every problem it found, sorted by position, and the warnings
    that explain some of them (a list split at a thousands comma is why '000' is "given twice")."""

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> None:
        self.problems = sorted(set(problems))
        self.warnings = sorted(set(warnings))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem], list[Problem]]]:
        """Keep the problems when a worker process sends this back to the parent."""
        return ProblemsFound, (self.problems, self.warnings)


@dataclass(frozen=True)
class Unplaceable:
    """An item a renderer could not place, named by its field path in the unit.

    A renderer that measures drawn paragraphs, not fields, gives the words of the paragraph
    that is too tall as ``text``, and what share of it would fit as ``fits``; the build then
    narrows ``path`` to the field below it that holds those words (:mod:`compiler.locate`).
    """

    path: FieldPath
    message: str
    hint: str | None = None
    text: str | None = None
    fits: float | None = None


class LayoutError(Exception):
    """Raised by a renderer with every item it cannot place; the build locates each in the unit."""

    def __init__(self, items: Iterable[Unplaceable]) -> None:
        self.items = list(items)
        super().__init__("; ".join(f"{format_path(i.path)}: {i.message}" for i in self.items))

    @classmethod
    def one(cls, path: FieldPath, message: str, hint: str | None = None) -> LayoutError:
        return cls([Unplaceable(path, message, hint)])
