"""The hash of everything an output is made from, so unchanged outputs are not rebuilt.

An output's fingerprint covers the slice of the unit its kind reads, the theme, the settings
that shape it, the printpack version and the environment variables that change the bytes
(``SOURCE_DATE_EPOCH``, the date in every PDF's metadata). The template files it loaded are recorded separately
(their hashes, in the manifest), because which templates a render reads is only known after it.
Those paths come back from the manifest, which anyone who can write the output folder can edit,
so a path is read only when it names a regular file of modest size inside the built-in templates
or the current ``--templates`` folder; any other path counts as changed, without being read.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path, PurePosixPath
from typing import Any

from compiler.assets import ABSENT, builtin_templates, code_hash, kind_template_folders

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024  # a bigger template or catalogue is read anew, never compared
MAX_PICTURE_BYTES = 20 * 1024 * 1024  # as compiler.pictures reads them (not imported: it loads Pillow)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def theme_files_hash(theme: str, templates: Path | None) -> str:
    """The content of every theme file a build could read (print profiles' overlays too),
    without reading them as themes."""
    folders = [builtin_templates() / folder for folder in ("themes", "profiles")]
    folders += [templates / folder for folder in ("themes", "profiles")] if templates else []
    files = [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.y*ml"))]
    if Path(theme).suffix in (".yaml", ".yml"):
        files.append(Path(theme))
    hasher = hashlib.sha256()
    for path in files:
        hasher.update(str(path).encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return hasher.hexdigest()


# Read by ReportLab (the creation and modification dates it writes) and by the pack.
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


def environment() -> dict[str, str | None]:
    """The environment variables that change what a build writes, as they are now."""
    return {name: os.environ.get(name) for name in ENVIRONMENT}


def inputs_hash(unit_slice: Any, theme: Any, settings: Any, target: Any) -> str:
    """A stable hash of an output's inputs (JSON with sorted keys, so dict order cannot matter)."""
    payload = {"code": code_hash(), "unit": unit_slice, "theme": theme, "settings": settings, "target": target,
               "environment": environment()}
    return digest(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode())


def templates_unchanged(recorded: dict[str, str], templates: Path | None) -> bool:
    """True when every template file recorded for an output, all inside the built-in templates,
    a registered kind's folder or ``templates`` (the ``--templates`` folder), still has the same
    content."""
    folders = [builtin_templates().resolve(), *kind_template_folders(), *([templates.resolve()] if templates else [])]
    for file, expected in recorded.items():
        try:
            path = Path(file).resolve()
            if not any(path.is_relative_to(folder) for folder in folders):
                return False
            if expected == ABSENT:
                if os.path.lexists(path):
                    return False
            elif _small_file_digest(path) != expected:
                return False
        except (OSError, ValueError, RuntimeError):  # a NUL or lone surrogate; a loop of links
            return False
    return True


def pictures_unchanged(folder: Path, recorded: dict[str, str]) -> bool:
    """True when every picture a unit in ``folder`` named at its last build (its path as written,
    relative to the unit file: the manifest's record) still has the same content. A recorded path
    that is not one a unit could use (absolute, through ``..``, out of the folder by a link) counts
    as changed without being read: the full build then checks it as the unit names it."""
    try:
        home = folder.resolve()
        for written, expected in recorded.items():
            relative = PurePosixPath(written)
            if relative.is_absolute() or ".." in relative.parts or "\\" in written or ":" in relative.parts[0]:
                return False
            path = (home / relative).resolve()
            if not path.is_relative_to(home) or _small_file_digest(path, MAX_PICTURE_BYTES) != expected:
                return False
    except (OSError, ValueError, RuntimeError, IndexError):
        return False
    return True


def _small_file_digest(path: Path, limit: int = MAX_TEMPLATE_BYTES) -> str | None:
    """The hash of ``path`` if it is a regular file of at most ``limit`` bytes; None otherwise.
    Checked before it is opened (opening a device may do something), opened without waiting (a
    FIFO would block a plain open) and checked again once open, so a file swapped for another kind
    between the check and the read is not read either."""
    if not stat.S_ISREG(path.stat().st_mode):
        return None
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        return digest(stream.read(limit + 1))
