"""Whole-unit checks that several parts of the format share: texts students must tell apart,
references to ids, glossary terms and events put in order.

``validate.py`` runs them on the unit's lists; a question type's own checks
(``compiler/questions/<type>/``) use them too, which is why they are not private to either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from compiler.alike import alike_key
from compiler.errors import FieldPath, Problem, did_you_mean, quoted
from compiler.ids import reference_hint
from compiler.source import Source

# What each kind of reference names: the unit's list of those items, and the key a reader knows
# each item by (what a teacher may write by mistake where its id goes).
TARGETS = {"theme": ("themes", "label"), "person": ("people", "name"), "event": ("events", "title"),
           "card sort": ("card_sorts", "title"), "worksheet": ("worksheets", "title"),
           "flash-card set": ("flashcards", "title"), "source": ("sources", "author")}


@dataclass(frozen=True)
class Known:
    """What a question may refer to: events by id, glossary terms by their case-folded text
    (with ids and terms of items that failed their shape checks, so they are not unknown)."""

    events: dict[str, Any]
    terms: dict[str, str]
    sources: dict[str, Any] = field(default_factory=dict)


def printed_twice(source: Source, path: FieldPath, texts: list[str], noun: str,
                  key: str | None = None) -> Iterator[Problem]:
    """A problem for each text that prints like an earlier one in the same list (at ``key`` of
    each item, if given): every list whose texts students must tell apart goes through here."""
    seen: dict[str, int] = {}
    for k, text in enumerate(texts):
        first = texts[seen.setdefault(alike_key(text), k)]
        if seen[alike_key(text)] != k:
            alike = "is given twice" if first == text else f"prints the same as {quoted(first)}"
            yield source.problem((*path, k) if key is None else (*path, k, key), f"the {noun} {quoted(text)} {alike}",
                                 "students could not tell them apart; reword or remove one")


def distractors(source: Source, path: FieldPath, words: list[str], answers: list[str],
                word_bank: bool) -> Iterator[Problem]:
    """A question's ``distractors`` (at ``path``): wrong words shown in its word bank, so none may
    print like a right answer or like another, and they need ``word_bank: true``."""
    yield from printed_twice(source, path, words, "distractor")
    right = {alike_key(answer) for answer in answers}
    for k, distractor in enumerate(words):
        if alike_key(distractor) in right:
            yield source.problem((*path, k), f"{quoted(distractor)} is also a right answer",
                                 "a distractor must be a wrong word")
    if words and not word_bank:
        yield source.problem(path, "distractors are only shown in a word bank", "add `word_bank: true`")


def names_in(items: Any, called: str) -> dict[str, str]:
    """Each item's id in a list of the teacher's data, in order, with the text at its key
    ``called`` (empty if it has none): items without an id in text are left out."""
    if not isinstance(items, list):
        return {}
    names: dict[str, str] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            text = item.get(called)
            names.setdefault(item["id"], text if isinstance(text, str) else "")
    return names


def unknown_hint(data: Any, ref: str, noun: str) -> str:
    """The hint for a reference ``ref`` to a ``noun`` (one of :data:`TARGETS`) that the unit's
    ``data`` does not define: which item it names by its label or title, or the ids there are."""
    key, called = TARGETS[noun]
    return reference_hint(ref, noun, names_in(data.get(key) if isinstance(data, dict) else None, called), called)


def refs(source: Source, path: FieldPath, used: Iterable[str], known: Iterable[str], noun: str,
         *, single: bool = False) -> Iterator[Problem]:
    """A problem for each id in ``used`` that is not ``known``: ``noun`` is one of :data:`TARGETS`."""
    known = set(known)
    for j, ref in enumerate(used):
        if ref not in known:
            yield source.problem(path if single else (*path, j), f"unknown {noun} {quoted(ref)}",
                                 unknown_hint(source.data, ref, noun))


def term_refs(source: Source, path: FieldPath, used: Iterable[str], terms: dict[str, str]) -> Iterator[Problem]:
    """A problem for each term in ``used`` that the glossary does not define."""
    for j, term in enumerate(used):
        if term.casefold() not in terms:
            yield source.problem((*path, j), f"{quoted(term)} is not in the glossary",
                                 did_you_mean(term, terms.values()) or "add it to `glossary:` first")


def distinct_dates(source: Source, path: FieldPath, ids: list[str], events: dict[str, Any]) -> Iterator[Problem]:
    """Events put in order by students must not share a date, or the key would be arbitrary (nor
    fall in one year when either date is approximate: ``c. 1750`` may be before or after
    ``1750-06``; nor one date contain the other: ``1868`` may be before or after ``1868-04-06``),
    nor print alike, or students could not tell them apart."""
    seen: list[tuple[Any, str]] = []
    titles: dict[str, str] = {}
    for j, ref in enumerate(ids):
        event = events.get(ref)
        if event is None:
            continue
        date = event.date
        other, earlier = next(((d, r) for d, r in reversed(seen) if date.may_coincide(d)), (None, ""))
        if other is not None and (date.approximate or other.approximate):
            yield source.problem((*path, j), f"{quoted(ref)} ({date}) may have come before or after "
                                 f"{quoted(earlier)} ({other}): they fall in one year and one date is approximate",
                                 "students could not put them in a single right order; drop one")
        elif other is not None and date == other:
            yield source.problem((*path, j), f"{quoted(ref)} has the same date as {quoted(earlier)} ({date})",
                                 "students could not put them in a single right order; drop one")
        elif other is not None:
            wide, narrow = (date, other) if date.contains(other) else (other, date)
            yield source.problem((*path, j), f"{quoted(ref)} ({date}) may have come before or after "
                                 f"{quoted(earlier)} ({other}): {narrow} falls within {wide}",
                                 f"students could not put them in a single right order; give {wide} "
                                 f"its {'month and day' if wide.precision == 'year' else 'day'}, or drop one")
        elif alike_key(event.title) in titles:
            yield source.problem((*path, j), f"{quoted(ref)} has a title that prints the same as {quoted(titles[alike_key(event.title)])}",
                                 "students could not tell them apart; reword one title")
        seen.append((date, ref))
        titles.setdefault(alike_key(event.title), ref)
