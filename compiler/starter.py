"""The commented starter unit behind ``printpack new NAME``, and writing it safely."""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
from pathlib import Path

from anyascii import anyascii

from compiler.wording import Wording


def slug(name: str) -> str:
    """An id for ``name`` in any script: transliterated to ASCII, then lowercase letters, digits
    and hyphens ("Холодная война" → "kholodnaya-voyna"). Empty if nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")[:64].strip("-")


SCHEMA_FILE = "printpack.schema.json"


def starter_unit(unit_id: str, title: str) -> str:
    """The YAML text of a small, valid, commented unit, pointing editors at the schema beside it."""
    quoted = json.dumps(title.strip() or unit_id, ensure_ascii=False)  # a JSON string is valid YAML
    return Wording().render("starter.yaml.j2", id=unit_id, title=quoted, schema=SCHEMA_FILE)


def write_new(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``, whole or not at all, never replacing a file already there.

    The text goes to a temporary file beside it first, which is then linked to the name (a link
    fails if the name exists, where a rename would replace it), so a full disk or a name taken
    in the meantime leaves no empty or partial file. Raises ``OSError`` (``FileExistsError``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except OSError as exc:  # a file system without hard links (FAT, some network shares)
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP) or path.exists():
                raise
            Path(temporary).rename(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
