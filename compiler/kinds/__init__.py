"""The registry of output kinds, in build order (the pack, which merges the others, comes last).

Each kind is a package, ``compiler/kinds/<kind>/``: ``plan.py`` decides the words and the data
(pure: no fonts, no ReportLab), ``draw.py`` measures, places and draws (it may import the plan,
never the reverse), and ``__init__.py`` holds its entry, one :class:`~compiler.outputs.Kind`
value. Everything that lists kinds (the command line's ``--only``, ``outputs.only``, the pack's
order and part titles, the manifest, the index page) reads them here.

A kind from outside printpack (a school's own, or a test's) is added with :func:`register`; its
template is found in the folder its entry names.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from compiler.assets import (
    add_extension,
    add_template_folder,
    module_exists,
    remove_extension,
    remove_template_folder,
    usable_name,
)
from compiler.kinds.cardsort import CARDSORT
from compiler.kinds.flashcards import FLASHCARDS
from compiler.kinds.handout import HANDOUT
from compiler.kinds.pack import PACK
from compiler.kinds.timeline import TIMELINE
from compiler.kinds.worksheet import WORKSHEET
from compiler.outputs import Kind, drawing

KINDS: dict[str, Kind] = {kind.name: kind for kind in (HANDOUT, TIMELINE, CARDSORT, WORKSHEET, FLASHCARDS, PACK)}
_BUILT_IN = tuple(KINDS)


def from_outside() -> tuple[Kind, ...]:
    """The kinds registered from outside printpack, in build order."""
    return tuple(kind for name, kind in KINDS.items() if name not in _BUILT_IN)


def register(kind: Kind) -> None:
    """Add ``kind`` after the kinds registered so far and before those that assemble others
    (the pack stays last: it is made of the files of the kinds before it).

    The registry is this process's; the build hands the kinds registered from outside to its
    worker processes (:func:`from_outside`), however they are started."""
    if kind.name in KINDS:
        raise ValueError(f"a kind named '{kind.name}' is already registered")
    if not usable_name(kind.name, "-"):
        raise ValueError(f"a kind is named in lower-case letters, digits and -, not {kind.name!r}")
    if not module_exists(kind.drawing):
        raise ValueError(f"the drawing module '{kind.drawing}' of kind '{kind.name}' does not exist")
    ordered = sorted([*KINDS.values(), kind], key=lambda entry: entry.assembles)  # stable
    KINDS.clear()
    KINDS.update((entry.name, entry) for entry in ordered)
    add_extension(f"kind {kind.name}", (kind.targets.__module__, kind.plan.__module__, kind.drawing))
    if kind.templates is not None:
        add_template_folder(kind.templates)


def unregister(name: str) -> None:
    """Remove the kind called ``name`` (and its template folder) from the registry."""
    kind = KINDS.pop(name)
    remove_extension(f"kind {name}")
    if kind.templates is not None:
        remove_template_folder(kind.templates)


@contextmanager
def registered(kind: Kind) -> Iterator[Kind]:
    """``kind`` registered for the length of a ``with`` block (a test's extra kind)."""
    register(kind)
    try:
        yield kind
    finally:
        unregister(kind.name)


def import_drawing() -> None:
    """Import every kind's drawing module (and so ReportLab) now, as a worker does when it starts,
    so that its first job spends its time drawing."""
    for kind in KINDS.values():
        drawing(kind.drawing)
