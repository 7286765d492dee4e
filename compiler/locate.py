"""Which field of a unit holds the words a renderer could not place.

Drawing code measures paragraphs, not fields: when one is taller than a page it reports the
paragraph's words (:func:`compiler.pdf.too_tall`). Here those words are found among the unit's
texts, below the item the renderer named when it knew one, so the problem points at the field
to shorten, with how long it may be. Every text field is searched, so a field added to the
format later is located with no change here.
"""

from __future__ import annotations

from pydantic import BaseModel

from compiler.errors import FieldPath, Unplaceable
from compiler.markup import plain
from compiler.model import Unit, texts


def _part(unit: Unit, path: FieldPath) -> object:
    """The part of the unit at ``path``, or None when the path does not lead into it."""
    value: object = unit
    for step in path:
        if isinstance(step, int):
            value = value[step] if isinstance(value, list) and step < len(value) else None
        elif isinstance(value, BaseModel):
            fields = type(value).model_fields
            names = [n for n, info in fields.items() if step in (n, info.alias)]
            value = getattr(value, names[0]) if names else None
        else:
            value = None
    return value


def _holder(unit: Unit, path: FieldPath, words: str) -> tuple[FieldPath, str] | None:
    """The longest text below ``path`` that the paragraph's words contain (the first if several)."""
    best: tuple[FieldPath, str] | None = None
    for where, text in texts(_part(unit, path), path):
        candidate = " ".join(plain(text).split())
        if candidate and candidate in words and (best is None or len(candidate) > len(best[1])):
            best = (where, candidate)
    return best


def located(unit: Unit, item: Unplaceable) -> tuple[FieldPath, str, str | None]:
    """The field path, message and hint of a problem for an item a renderer could not place."""
    if item.text is None:
        return item.path, item.message, item.hint
    holder = _holder(unit, item.path, item.text) or _holder(unit, (), item.text)
    if holder is None:  # words the compiler added: quote them, as no field can be named
        quoted = item.text if len(item.text) <= 60 else item.text[:57] + "…"
        return item.path, f"{item.message}: “{quoted}”", item.hint
    path, text = holder
    if item.fits is None:
        return path, item.message, item.hint
    keep = int((len(text) - (1 - item.fits) * len(item.text)) * 0.9) // 10 * 10
    hint = f"it has {len(text)} characters: shorten it to at most about {keep}, or split it" if keep >= 10 else item.hint
    return path, item.message, hint
