"""Ids and the names a reader knows items by: the id printpack makes of a name, and what a
reference that names no item most likely meant.

A teacher who writes ``theme: War and Terror`` for the theme ``war`` labelled "War and Terror",
or ``storming-of-the-bastille`` for the event ``bastille`` titled "Storming of the Bastille",
wrote the item's label or title where its id goes. Labels, titles and names are compared with
the reference by their :func:`slug`, so case, accents and punctuation do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from anyascii import anyascii

from compiler import SLUG_MAX_LENGTH
from compiler.errors import closest, did_you_mean, quoted

LISTED = 10  # ids listed in a hint before "and N more"
_NEARLY = 0.8  # how alike (difflib's ratio) a reference and a name's slug must be to suggest it
_PLURALS = {"person": "people", "category": "categories"}


def slug(name: str) -> str:
    """An id for ``name`` in any script: transliterated to ASCII, then lowercase letters, digits
    and hyphens ("Холодная война" → "kholodnaya-voyna"). Empty if nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")[:SLUG_MAX_LENGTH].strip("-")


def plural(noun: str) -> str:
    """``noun`` for several items: themes, people, categories, card sorts."""
    return _PLURALS.get(noun, f"{noun}s")


def listed(ids: list[str], noun: str) -> str:
    """A hint listing the ids there are, the first :data:`LISTED` of them and how many more."""
    if not ids:
        return f"the unit defines no {plural(noun)}"
    shown = ", ".join(ids[:LISTED])
    more = f" and {len(ids) - LISTED} more" if len(ids) > LISTED else ""
    return f"the {plural(noun)} are: {shown}{more}"


def reference_hint(ref: str, noun: str, names: Mapping[str, str], called: str) -> str:
    """What a reference ``ref`` to a ``noun`` that names no item most likely meant.

    ``names`` maps each item's id (in the unit's order) to the text it is ``called`` by (its
    "label", "title" or "name"). In order: the item whose name ``ref`` is, an id ``ref`` is
    written like, an id ``ref`` misspells, the item whose name ``ref`` nearly is; failing all,
    the ids there are.
    """
    key = slug(ref)
    by_name: dict[str, str] = {}
    for id_, text in names.items():
        by_name.setdefault(slug(text), id_)
    by_name.pop("", None)
    if key in by_name:
        id_ = by_name[key]
        written = "" if ref == names[id_] else f" ({quoted(names[id_])})"
        return f"{quoted(ref)} is the {called} of {noun} {quoted(id_)}{written}; write {id_}"
    if key in names and key != ref:
        return f"did you mean {quoted(key)}?"
    typo = did_you_mean(key or ref, names)
    if typo is not None:
        return typo
    near = closest(key, by_name, _NEARLY) if key else None
    if near is not None:
        id_ = by_name[near]
        return (f"{quoted(ref)} is nearly the {called} of {noun} {quoted(id_)} ({quoted(names[id_])}); "
                f"write {id_}")
    return listed(list(names), noun)
