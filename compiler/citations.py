"""``@id``: how a text refers to one of the unit's sources by the label it prints with.

A question asks "How useful is @litvinov-1934 for an enquiry into…?", and the sheet prints "How
useful is Source A …": a source's letter depends on the output (sources are lettered in the order
they first appear in each file), so the teacher names the source and printpack writes the label.
The notation is pandoc's citation mark, which teachers who write in Markdown know: ``@`` at the
start of a word, then an id. It is parsed, never evaluated (unit text is not a template): an
``@`` after a letter or digit (``office@school.org``) is not a reference, and ``\\@`` prints an
``@`` sign. References are read in the texts of the handout's sections and of worksheets;
elsewhere an ``@`` prints as typed (and one naming a source is a mistake validation reports).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

# An id after an @ that starts a word (not after a letter, digit, @ or backslash); an id does not
# end with a hyphen, so "see @pact-" ends at "pact".
REFERENCE = re.compile(r"(?<![\w@\\])@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)")
ESCAPED = re.compile(r"\\@")
# The unit's fields whose texts may refer to sources: the handout's sections and worksheets, the
# files that print sources (a source's own text is printed in several files, so it may not).
CITING = ("sections", "worksheets")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Reference:
    id: str
    start: int  # of the @
    end: int


def references(text: str) -> Iterator[Reference]:
    """Each ``@id`` in ``text``, in order."""
    for match in REFERENCE.finditer(text):
        yield Reference(match[1], match.start(), match.end())


def referred(texts: Iterable[str]) -> list[str]:
    """The ids the ``texts`` refer to, each once, in the order they first appear."""
    return list(dict.fromkeys(ref.id for text in texts for ref in references(text)))


def lettered(text: str, labels: Mapping[str, str]) -> str:
    """``text`` with each ``@id`` replaced by its label ("Source A") and each ``\\@`` by ``@``.
    An id without a label stays as written (validation has reported it)."""
    def label(match: re.Match[str]) -> str:
        return labels.get(match[1], match[0])

    return ESCAPED.sub("@", REFERENCE.sub(label, text))


SourceKind = Literal["source", "interpretation"]


def numbering(kinds: Iterable[tuple[str, SourceKind]]) -> dict[str, tuple[SourceKind, str]]:
    """Each source id (given in the order they first appear in a file, with its kind) with its
    kind and mark: sources lettered A, B, C… (then AA, AB…), interpretations numbered 1, 2, 3…,
    each in its own sequence."""
    counts = {"source": 0, "interpretation": 0}
    marks: dict[str, tuple[SourceKind, str]] = {}
    for source_id, kind in kinds:
        if source_id in marks:
            continue
        counts[kind] += 1
        marks[source_id] = (kind, letter(counts[kind]) if kind == "source" else str(counts[kind]))
    return marks


def letter(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA, as spreadsheets name columns."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = LETTERS[rest] + name
    return name


def relabelled(value: Any, labels: Mapping[str, str]) -> Any:
    """A copy of ``value`` (a validated model, a list, a text) whose every text has its ``@id``
    references written as their labels (:func:`lettered`): planners then word the copy as any
    other, so no question type or section needs to know about references."""
    if isinstance(value, str):
        return lettered(value, labels) if "@" in value else value
    if isinstance(value, BaseModel):
        changes = {name: relabelled(getattr(value, name), labels) for name in type(value).model_fields}
        changes = {name: new for name, new in changes.items() if new is not getattr(value, name)}
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, list | tuple):
        items = [relabelled(item, labels) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else type(value)(items)
    return value
