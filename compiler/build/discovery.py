"""Finding unit files: named, or found in folders; and keeping one shard of them.

A file named is always a unit. In a folder, what is evidently something else is skipped, each
with a warning: hidden folders and files, the output folder, and YAML whose top-level keys
include neither ``format`` nor ``unit`` (a theme, a CI workflow), told by a regex on its bytes.
The bytes read to tell are kept (:class:`Found`), so that no unit file is read twice in a build.
Nothing here parses YAML: a no-op build only finds, reads and hashes files.
"""

from __future__ import annotations

import os
import re
import shlex
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from compiler.errors import Problem, ProblemsFound
from compiler.fingerprint import digest
from compiler.unitfile import read_bytes

UNIT_SUFFIXES = (".yaml", ".yml")  # in any case: Windows and macOS save "Unit.YAML" as readily
# A key at the start of a line, bare or quoted: the top level of a YAML mapping in block style.
_TOP_LEVEL_KEY = re.compile(rb"""^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(?=[ \t\r\n]|$)""", re.MULTILINE)
_UNIT_KEYS = {"format", "unit"}
_NAME_IT = "name the file to read it as a unit anyway"


class Found(NamedTuple):
    files: list[Path]
    problems: list[Problem]
    warnings: list[Problem]  # what a folder held that was not taken for a unit, and why
    contents: dict[Path, bytes]  # the bytes of the files read to find them, by path as found


def find_units(paths: Iterable[Path], out: Path | None = None) -> Found:
    """The unit files named, or found as ``*.yaml``/``*.yml`` (any case) in the folders named,
    sorted; one file named twice (relative and absolute, or through a link) counts once. A
    folder without unit files is a problem that says what it does hold. The output folder
    ``out`` is not searched."""
    found: dict[Path, Path] = {}  # resolved: as first named
    contents: dict[Path, bytes] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    skip = {_identity(out)} if out is not None else set()
    for path in paths:
        if path.is_dir():
            units, skipped = _scan(path, skip, contents)
            warnings += skipped
            if not units:
                problems.append(_folder_not_unit(path) if path.suffix.lower() in UNIT_SUFFIXES
                                else _no_units_in(path, skipped=len(skipped)))
            for unit in units:
                found.setdefault(_identity(unit), unit)
        elif path.exists() or path.is_symlink():
            found.setdefault(_identity(path), path)
        else:
            problems.append(Problem(str(path), 0, 0, "", "no such file or folder", "check the path"))
    files = sorted(found.values())
    return Found(files, problems, warnings, {f: contents[f] for f in files if f in contents})


def unit_bytes(file: Path, contents: dict[Path, bytes]) -> bytes:
    """The bytes of a unit file: as read when it was found, else read now (and kept in
    ``contents``, so the rest of the build reads it no more); ProblemsFound if it cannot be."""
    if file not in contents:
        contents[file] = read_bytes(file)
    return contents[file]


def _scan(folder: Path, skip: set[Path], contents: dict[Path, bytes]) -> tuple[list[Path], list[Problem]]:
    """The unit files below ``folder``, and a warning for each YAML file or hidden folder of
    YAML files left out; the bytes read go into ``contents``. Folders in ``skip`` are not
    entered, nor are links to folders. A pipe, device or broken link named ``*.yaml`` is kept,
    to be refused by name when read."""
    units: list[Path] = []
    warnings: list[Problem] = []
    for root, folders, names in os.walk(folder):
        here = Path(root)
        for name in sorted(folders):
            below = here / name
            if _identity(below) in skip:
                folders.remove(name)
            elif name.startswith("."):
                folders.remove(name)
                if _holds_yaml(below):
                    warnings.append(_skipped(below, "a hidden folder is not searched for units",
                                             "name the folder to search it anyway"))
        for name in names:
            file = here / name
            if Path(name).suffix.lower() not in UNIT_SUFFIXES:
                continue
            if name.startswith("."):
                warnings.append(_skipped(file, "a hidden file is not taken for a unit", _NAME_IT))
                continue
            raw = _readable(file)
            if raw is not None and _evidently_not_a_unit(raw):
                warnings.append(_skipped(file, "not a printpack unit (no `format:` or `unit:` at the top level)", _NAME_IT))
                continue
            units.append(file)
            if raw is not None:
                contents[file] = raw
    return sorted(units), warnings


def _holds_yaml(folder: Path) -> bool:
    """Whether any file below ``folder`` is named ``*.yaml``/``*.yml``. Searched level by level
    without following links, and only until the first is found."""
    waiting = deque([folder])
    while waiting:
        try:
            with os.scandir(waiting.popleft()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        waiting.append(Path(entry.path))
                    elif Path(entry.name).suffix.lower() in UNIT_SUFFIXES:
                        return True
        except OSError:
            continue
    return False


def _readable(file: Path) -> bytes | None:
    """The bytes of ``file``, or None when it cannot be read as a unit (reading it again, as a
    unit, says why)."""
    try:
        return read_bytes(file)
    except ProblemsFound:
        return None


def _evidently_not_a_unit(raw: bytes) -> bool:
    """Whether ``raw`` is YAML mapping keys none of which is ``format`` or ``unit``. Told from
    the bytes without parsing them; text whose top level cannot be told this way is taken for a
    unit, so that reading it says what is wrong."""
    keyed = False
    lines = raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # YAML takes CR too
    for match in _TOP_LEVEL_KEY.finditer(lines):  # a unit stops at its first line
        if match.group(2).decode().casefold() in _UNIT_KEYS:
            return False
        keyed = True
    return keyed


def _skipped(path: Path, why: str, hint: str) -> Problem:
    return Problem(str(path), 0, 0, "", f"skipped: {why}", f"{hint}: printpack check {shlex.quote(str(path))}")


def _identity(path: Path) -> Path:
    """The file ``path`` names, so that one file named twice counts once; a link that loops or
    leads nowhere is its own (it is refused by name when read)."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path.absolute()


def _folder_not_unit(folder: Path) -> Problem:
    return Problem(str(folder), 0, 0, "", "this is a folder, not a unit file", "name the unit file inside it")


def _no_units_in(folder: Path, *, skipped: int = 0) -> Problem:
    if skipped:  # the warnings above name each file and why it was not taken for a unit
        return Problem(str(folder), 0, 0, "", f"no unit files found: the {skipped} skipped above are not units",
                       "a unit has `format:` and `unit:` at the top; name a file to read it as a unit anyway")
    others = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    held = "it is empty" if not others else f"it holds {len(others)} other file(s): " + ", ".join(others[:5]) + (
        ", …" if len(others) > 5 else "")
    return Problem(str(folder), 0, 0, "", f"no unit files found ({held})",
                   "a unit is a .yaml or .yml file; write one with: printpack new \"Unit title\"")


def in_shard(path: Path, roots: Iterable[Path], shard: tuple[int, int] | None) -> bool:
    """Whether a unit file belongs to shard K of N: a split by the hash of its path below the
    folder it was found in, so every machine of a CI matrix splits the same way."""
    if shard is None:
        return True
    key = path.name
    for root in roots:
        if root.is_dir() and root.resolve() in path.resolve().parents:
            key = path.resolve().relative_to(root.resolve()).as_posix()
    number, count = shard
    return int(digest(key.encode())[:8], 16) % count == number - 1
