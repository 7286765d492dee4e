"""Outputs a unit asks for that cannot be made, as located problems: output names that would
overwrite each other or that a file system refuses.

The kinds and their names are the registry's own (each kind's ``targets``), never a second copy
of their rules, so a kind added to ``kinds.KINDS`` is checked as soon as it exists. Names are compared ignoring
case, as macOS and Windows do: ``worksheet-quiz-A.pdf`` and ``worksheet-quiz-a.pdf`` are one
file there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from compiler.errors import FieldPath, Problem, format_path
from compiler.kinds import KINDS
from compiler.manifest import THUMBNAILS
from compiler.model import Unit
from compiler.outputs import Settings, Target
from compiler.profiles import PROFILES, profiled_filename
from compiler.source import Source

# Names Windows keeps for devices, with or without an extension ("con.txt" is the console too).
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                             *(f"lpt{n}" for n in range(1, 10))})
MAX_NAME_BYTES = 255  # one file or folder name, on every common file system


def file_name_problems(unit: Unit, source: Source, settings: Settings) -> list[Problem]:
    """Every output name of ``unit`` that collides with another or cannot be created.

    All kinds and every print profile count, whatever ``settings`` asks for: a clash is a
    mistake in the file even in a build that happens to make one of the two (a card sort
    ``causes-dyslexia`` and the dyslexia-friendly file of the card sort ``causes``).
    """
    every_kind = replace(settings, only=())
    targets = [replace(target, filename=profiled_filename(target.filename, profile))
               for profile in PROFILES for kind in KINDS.values() for target in kind.targets(unit, every_kind)]
    return [*_unusable_folder(unit, source), *_unusable_files(targets, source),
            *_collisions(targets, source)]


def unusable_name(name: str) -> str | None:
    """Why a file or folder cannot be called ``name`` everywhere, or None if it can."""
    if name.split(".", 1)[0].rstrip(" ").casefold() in WINDOWS_DEVICES:
        return f"'{name}' is a device name on Windows, where no file or folder can be called that"
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return f"the name '{name[:40]}…' would be {size:,} bytes long; the limit is {MAX_NAME_BYTES}"
    return None


def _unusable_folder(unit: Unit, source: Source) -> Iterator[Problem]:
    folder = unit.unit.id
    reason = unusable_name(folder)
    if reason is None and folder.casefold() == THUMBNAILS:
        reason = f"'{folder}' is the folder that holds the pictures of index.html"
    if reason is not None:
        yield source.problem(("unit", "id"), f"the unit id names its output folder: {reason}",
                             f"choose another id, e.g. '{folder[:20]}-unit'")


def _unusable_files(targets: list[Target], source: Source) -> Iterator[Problem]:
    reported: set[FieldPath] = set()
    for target in targets:
        reason = unusable_name(target.filename)
        where = _id_of(target)
        if reason is not None and where not in reported:
            reported.add(where)
            yield source.problem(where, f"an output file cannot be created: {reason}", "choose a shorter or other id")


def _collisions(targets: list[Target], source: Source) -> Iterator[Problem]:
    """One problem per pair of items whose files share a name, at the later of the two."""
    first: dict[str, Target] = {}
    reported: set[tuple[FieldPath, FieldPath]] = set()
    for target in sorted(targets, key=lambda t: _order(t, source)):
        name = target.filename.casefold()
        other = first.setdefault(name, target)
        pair = (_id_of(other), _id_of(target))
        if other is target or pair in reported:
            continue
        reported.add(pair)
        case = (f" as '{other.filename}', the same file where case does not count (macOS, Windows)"
                if other.filename != target.filename else "")
        yield source.problem(pair[1], f"the output file '{target.filename}' is also written for {_item(other, source)}"
                             f"{case}; one would overwrite the other",
                             "rename one of the two ids")


def _id_of(target: Target) -> FieldPath:
    """Where the name of ``target`` comes from: its item's id, or the unit's."""
    return (*target.origin, "id") if target.origin else ("unit", "id")


def _order(target: Target, source: Source) -> tuple[int, int]:
    where = source.position(_id_of(target))
    return where.line, where.column


def _item(target: Target, source: Source) -> str:
    return f"{format_path(_id_of(target)[:-1])} '{target.item}' (line {source.position(_id_of(target)).line})" \
        if target.item is not None else "the unit"
