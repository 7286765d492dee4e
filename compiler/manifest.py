"""``output/manifest.json``: every file built, read and written (the index page is :mod:`compiler.publish`).

The manifest lists each file with its unit, kind, pages, size, hash and inputs.
It doubles as the incremental build's memory: an output whose recorded inputs hash and
template hashes still match, and whose file on disk still has the recorded hash, is skipped.

Anyone who can write the output folder can edit it, so it is read as untrusted input
(PITFALLS.md §8): every field must have its type, every text must be text a file name can hold
(no NUL, no lone surrogate), every number a size a file can have, every unit name a unit id
(and not ``thumbnails``), every file path must name a PDF directly in its own unit's folder
inside the output folder, and anything else is ignored with a warning. A manifest that is not
JSON, has the wrong shape or is huge counts as absent. The checks are written out here rather
than as a pydantic model because a no-op build reads the manifest and must not import pydantic.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path, PurePath
from typing import Any

from compiler import SLUG_MAX_LENGTH, SLUG_PATTERN, __version__
from compiler.errors import Problem
from compiler.fsio import UnsafePath, confined, write_atomically
from compiler.profiles import STANDARD

MANIFEST = "manifest.json"
MAX_BYTES = 64 * 1024 * 1024  # thousands of units take a few megabytes
MAX_NUMBER = 2**53  # page counts and sizes: below what every JSON reader holds exactly
THUMBNAILS = "thumbnails"  # the index page's pictures (compiler.publish): never a unit's folder


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the output folder, with forward slashes
    unit: str
    kind: str
    pages: int
    bytes: int
    sha256: str
    inputs: str
    templates: dict[str, str] = field(default_factory=dict)
    audience: str = "student"  # who it is printed for: "student", or "teacher" (keys; never hand it out)
    # the located warnings its rendering gave (Problem.to_dict()), said again when it is kept
    warnings: list[dict[str, Any]] = field(default_factory=list)
    # for the index page: the file's title (plain text, worded by its kind's template), the paper
    # of its first page ("A4", "Letter", "A3"; millimetres for any other) and how it is printed
    # (a kind's Printing: "duplex", "short-edge", "single", "tiled", "fold"); empty in a manifest from before they were recorded
    title: str = ""
    paper: str = ""
    printing: str = ""
    profile: str = STANDARD  # the print profile it is drawn in (compiler/profiles.py)

    def problems(self) -> list[Problem]:
        return [Problem(**warning) for warning in self.warnings]


@dataclass(frozen=True)
class UnitEntry:
    """A unit file as last built: its hash, the context it was built in and the files it made."""

    file: str  # the unit file, relative to the output folder (see build.source_key)
    unit: str
    sha256: str
    context: str
    outputs: list[str]
    title: str = ""  # the unit's title as written in the unit (inline markup and all), for the index page
    language: str = "en"  # the unit's language, for the index page
    # the warnings its text gave (Problem.to_dict(): slips, nothing to print), said again when nothing changed
    warnings: list[dict[str, Any]] = field(default_factory=list)
    # each picture file it names, as written (relative to the unit file), with the hash of its content
    pictures: dict[str, str] = field(default_factory=dict)

    def problems(self) -> list[Problem]:
        return [Problem(**warning) for warning in self.warnings]


@dataclass(frozen=True)
class Recorded:
    """What the manifest says, once checked: the files and unit files it may be trusted on,
    and a warning for each thing in it that was ignored."""

    files: dict[str, Entry] = field(default_factory=dict)
    units: dict[str, UnitEntry] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def _warning(out: Path, message: str) -> Problem:
    return Problem(str(out / MANIFEST), 0, 0, "", message,
                   "the manifest is printpack's own record: delete it and the next build rebuilds every output")


def _document(out: Path) -> tuple[dict[str, Any], str | None]:
    """The manifest's JSON object, and why it was not usable (None when it was, or is absent)."""
    path = out / MANIFEST
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return {}, "it is not a regular file"
        if status.st_size > MAX_BYTES:
            return {}, f"it is {status.st_size} bytes long, more than {MAX_BYTES} bytes"
        raw = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError, RecursionError) as exc:
        return {}, f"it cannot be read as JSON ({type(exc).__name__})"
    if not isinstance(raw, dict):
        return {}, "it is not a JSON object"
    return raw, None


def _shaped(cls: type, item: object) -> Any:
    """``cls(**item)`` when ``item`` has exactly the fields of ``cls`` with the right types; else None."""
    if not isinstance(item, dict):
        return None
    known = {f.name: f for f in fields(cls)}
    required = {name for name, f in known.items() if f.default is f.default_factory is MISSING}
    if not set(item) <= set(known) or not required <= set(item):
        return None
    for name, value in item.items():
        if not _has_type(value, known[name].type):
            return None
    return cls(**item)


def _has_type(value: object, annotation: object) -> bool:
    """Whether a JSON value fits one of the simple annotations used above (as strings)."""
    if annotation == "int":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MAX_NUMBER
    if annotation == "str":
        return _is_text(value)
    if annotation == "str | None":
        return value is None or _is_text(value)
    if annotation == "list[str]":
        return isinstance(value, list) and all(_is_text(v) for v in value)
    if annotation == "dict[str, str]":
        return isinstance(value, dict) and all(_is_text(k) and _is_text(v) for k, v in value.items())
    if annotation == "list[dict[str, Any]]":  # warnings
        return isinstance(value, list) and all(_shaped(_Warning, v) is not None for v in value)
    return False


@dataclass(frozen=True)
class _Warning:
    """The shape of a warning kept in the manifest: a Problem's fields."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = None
    named_path: str = ""  # absent from manifests written before problems named their items


def _is_text(value: object) -> bool:
    """Whether ``value`` is a string a file name (and the UTF-8 manifest) can hold: no NUL
    character, no lone surrogate (which JSON's ``\\ud800`` escapes can make)."""
    if not isinstance(value, str) or "\0" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_unit_name(name: str) -> bool:
    """Whether ``name`` could be a unit's id, and so its folder in the output folder."""
    return len(name) <= SLUG_MAX_LENGTH and re.fullmatch(SLUG_PATTERN, name) is not None and name != THUMBNAILS


def in_unit_folder(out: Path, unit: str, path: str) -> bool:
    """Whether ``path`` (relative, with forward slashes) names a PDF directly inside
    ``out/unit/``, ``unit`` being a unit id, through no symbolic link (printpack writes none, so
    an entry naming one was planted, and reading it would read wherever it points)."""
    folder, _, name = path.partition("/")
    if (folder != unit or not is_unit_name(unit) or "/" in name or "\\" in name or not name.endswith(".pdf")
            or not _is_text(path)):
        return False
    try:
        file = confined(out, unit, name)
        return file.parent == confined(out, unit) and not file.is_symlink()
    except (UnsafePath, ValueError, OSError):
        return False


def _named(item: object, key: str) -> str:
    """How a warning names an ignored item: by its path, if it has one that is text."""
    name = item.get(key) if isinstance(item, dict) else None
    return name if isinstance(name, str) else "?"


def _is_unit_record(out: Path, unit: UnitEntry) -> bool:
    """Whether ``unit`` could be a record the build wrote: a unit id, a unit file named relative
    to the output folder (``../resources/cold-war.yaml``, never ``/etc/passwd``) ending as unit
    files do, and outputs that are PDFs in the unit's own folder."""
    key = PurePath(unit.file)
    return (is_unit_name(unit.unit) and _is_text(unit.file) and not key.anchor
            and key.suffix.lower() in (".yaml", ".yml") and all(in_unit_folder(out, unit.unit, p) for p in unit.outputs))


def _recorded_twice(units: dict[str, UnitEntry], unit: UnitEntry) -> bool:
    """Whether the manifest already holds a record of ``unit``'s file or of its id (the build
    keeps one record per unit file and one per unit id)."""
    return unit.file in units or any(other.unit == unit.unit for other in units.values())


def load(out: Path) -> Recorded:
    """The manifest in ``out``, checked; an absent or unusable one is empty (with a warning)."""
    document, unusable = _document(out)
    if unusable:
        return Recorded(warnings=[_warning(out, f"ignored the manifest: {unusable}")])
    recorded = Recorded()
    ignored: list[str] = []
    items = document.get("files", [])
    for item in items if isinstance(items, list) else []:
        entry = _shaped(Entry, item)
        if entry is None or not in_unit_folder(out, entry.unit, entry.path):
            ignored.append(_named(item, "path"))
            continue
        recorded.files[entry.path] = entry
    items = document.get("units", [])
    for item in items if isinstance(items, list) else []:
        unit = _shaped(UnitEntry, item)
        if unit is None or not _is_unit_record(out, unit) or _recorded_twice(recorded.units, unit):
            ignored.append(_named(item, "file"))
            continue
        recorded.units[unit.file] = unit
    if ignored or not isinstance(document.get("files", []), list) or not isinstance(document.get("units", []), list):
        shown = ", ".join(repr(i) for i in ignored[:3]) + (f" and {len(ignored) - 3} more" if len(ignored) > 3 else "")
        count = "a list of entries" if not ignored else "1 entry" if len(ignored) == 1 else f"{len(ignored)} entries"
        recorded.warnings.append(_warning(out, f"ignored {count} (not a file in its unit's folder inside {out}, "
                                               "or of the wrong shape)" + (f": {shown}" if shown else "")))
    return recorded


def read(out: Path) -> dict[str, Entry]:
    """The trusted file entries of the manifest in ``out``; empty when there is none or it is unusable."""
    return load(out).files


def write(out: Path, entries: dict[str, Entry], units: dict[str, UnitEntry] | None = None) -> None:
    """Write the manifest, keeping only entries whose file still exists."""
    files = [asdict(entries[p]) for p in sorted(entries) if (out / p).is_file()]
    units = units or {}
    recorded = [asdict(units[k]) for k in sorted(units)]
    document = {"generator": f"printpack {__version__}", "files": files, "units": recorded}
    write_atomically(out / MANIFEST, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())


def source_key(file: Path, out: Path) -> str:
    """How the manifest names a unit file: its path from the output folder, both resolved."""
    try:
        return Path(os.path.relpath(file.resolve(), out.resolve())).as_posix()
    except ValueError:  # another drive, on Windows
        return file.resolve().as_posix()


def recorded_file(out: Path, key: str) -> Path:
    """The unit file a manifest key names, relative to the current folder when it is below it."""
    path = Path(os.path.normpath(out.resolve() / key))
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
