"""One output folder, one owner: which unit file a unit's folder in ``--out`` belongs to.

Two unit files with the same id built in separate runs into one ``--out`` would overwrite
each other's PDFs, and the first would then be told its files were "unchanged". So the
manifest records, for each unit, the file it was built from, and a build of another file with
that id is refused while the recorded file still exists and still has that id.

The file is recorded relative to the output folder, both resolved (``../units/ww2.yaml``):
a department's CI that clones into a new absolute path each night, with ``output/`` inside
the clone, records the same path every night. When the recorded file is gone (the checkout
moved with its output folder elsewhere, or the file was renamed) or now reads with another
id, the new file takes the folder over. A recorded file that exists but does not read as YAML
(the teacher is halfway through an edit) keeps the folder while its text still declares the id
(``  id: small`` under ``unit:``): a syntax error elsewhere must not let another unit replace its
PDFs, and a planted manifest naming some broken YAML file must not block a unit either.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from compiler.errors import ProblemsFound
from compiler.manifest import UnitEntry, recorded_file
from compiler.source import decode_text, load_text

MAX_OWNER_BYTES = 5 * 1024 * 1024  # a unit file is at most this (source.MAX_BYTES)


def other_owner(out: Path, units: dict[str, UnitEntry], key: str, unit_id: str) -> Path | None:
    """The other unit file that owns ``unit_id``'s folder in ``out``, if any still does. A folder
    that is gone holds nothing to protect: deleting it hands the id to whichever file builds next."""
    if not os.path.lexists(out / unit_id):
        return None
    for other in units.values():
        if other.unit == unit_id and other.file != key and _still_has_id(recorded_file(out, other.file), unit_id):
            return recorded_file(out, other.file)
    return None


def _still_has_id(file: Path, unit_id: str) -> bool:
    """Whether ``file`` is still a unit file that declares ``unit_id``: as YAML, or, while it
    does not read as YAML, in its text. The manifest is untrusted (it may name any file, or a
    path no file can have), so only a regular ``.yaml``/``.yml`` file of a unit's size counts."""
    try:
        status = file.stat()
    except (OSError, ValueError):  # ValueError: a NUL or a lone surrogate in the path
        return False
    if (file.suffix.lower() not in (".yaml", ".yml") or not stat.S_ISREG(status.st_mode)
            or status.st_size > MAX_OWNER_BYTES):
        return False
    try:
        raw = file.read_bytes()
    except OSError:
        return False
    try:
        data = load_text(decode_text(raw, str(file)), str(file)).data
    except ProblemsFound:  # halfway through an edit, perhaps
        return _declares_id(raw.decode("utf-8", errors="replace"), unit_id)
    unit = data.get("unit") if isinstance(data, dict) else None
    return isinstance(unit, dict) and str(unit.get("id")) == unit_id


def _declares_id(text: str, unit_id: str) -> bool:
    """Whether the text of a unit file that does not read as YAML says ``id: <unit_id>`` in its
    ``unit:`` mapping, written as a block (``unit:`` then an indented ``id:`` line) or inline
    (``unit: {id: ...,``)."""
    value = rf"""\s*(?P<q>['"]?){re.escape(unit_id)}(?P=q)"""
    inline = re.compile(rf"unit:\s*\{{(?:.*[,{{]\s*)?id:{value}\s*[,}}]")
    nested = re.compile(rf"\s+id:{value}\s*(?:#.*)?")
    section = None
    for line in text.splitlines():
        if inline.match(line):
            return True
        if line[:1] not in ("", " ", "\t", "#"):
            section = line.split(":", 1)[0].strip()
        elif section == "unit" and nested.fullmatch(line):
            return True
    return False
