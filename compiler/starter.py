"""The commented starter unit behind ``printpack new NAME``, and writing it safely."""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
from pathlib import Path

from compiler import SLUG_PATTERN
from compiler.build.loading import validated_unit
from compiler.errors import Problem, ProblemsFound
from compiler.ids import slug
from compiler.kinds import KINDS
from compiler.model import json_schema_text
from compiler.outputs import Settings
from compiler.theme import load_theme
from compiler.wording import Wording, languages

SCHEMA_FILE = "printpack.schema.json"


def schema_text() -> str:
    """The JSON Schema of the unit format, with the registered kinds, as ``printpack schema``
    prints it and ``printpack new`` saves it for editors."""
    return json_schema_text(tuple(KINDS))


# What JSON leaves as itself but YAML does not allow in a file: DEL, the C1 controls but NEL,
# and U+FFFE/U+FFFF. (A lone surrogate has no YAML form at all: see `not_text`.)
_NOT_YAML = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def not_text(name: str) -> bool:
    """Whether ``name`` holds bytes that were not UTF-8 (Python keeps them as lone surrogates),
    which no text file can hold."""
    return _SURROGATE.search(name) is not None


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML string, readable (not ASCII-escaped) wherever YAML
    allows: a JSON string is valid YAML once the characters YAML forbids are escaped too."""
    return _NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


def _one_line(quoted: str) -> str:
    """A double-quoted YAML string with the characters YAML also takes for line breaks (NEL, the
    line and paragraph separators) escaped, so that it stays on its line, comment and all."""
    return re.sub("[\x85\u2028\u2029]", lambda match: f"\\u{ord(match.group()):04x}", quoted)


def starter_unit(unit_id: str, title: str) -> str:
    """The YAML text of a small, valid, commented unit, pointing editors at the schema beside it.
    An id given by hand that is not a plain id is written quoted, so that ``check`` reports it as
    an id (and says how to write one) rather than as broken YAML."""
    written_id = unit_id if re.fullmatch(SLUG_PATTERN, unit_id) else _one_line(yaml_string(unit_id))
    text = Wording().render("starter.yaml.j2", id=written_id, title=yaml_string(title.strip() or unit_id),
                            schema=SCHEMA_FILE)
    return text + "\n"  # Jinja drops the template's final newline; a text file ends with one


def checked_starter(name: str, folder: Path, unit_id: str | None = None,
                    file: Path | None = None) -> tuple[Path, str, list[Problem]]:
    """Where the starter unit for the title ``name`` goes, its text, and every problem
    ``printpack check`` would find in it with the default theme (none, unless the title or the
    id given is the cause). The file is ``file`` if given, else ``<id>.yaml`` in ``folder``; the
    id is ``unit_id`` if given, else made from the title. A derived id the check refuses for its
    output folder (``con``, a device name on Windows) becomes ``<id>-unit``, as the check itself
    suggests: that id is printpack's choice, not the teacher's, so printpack should find one that
    works. An id given by hand is checked as it is."""
    candidates = (unit_id,) if unit_id is not None else (slug(name), f"{slug(name)}-unit")
    for candidate in candidates:
        path = file if file is not None else folder / f"{candidate}.yaml"
        text = starter_unit(candidate, name)
        problems = starter_problems(text, path)
        if not any(problem.path == "unit.id" for problem in problems):
            break
    return path, text, problems


def starter_problems(text: str, path: Path) -> list[Problem]:
    """The problems ``printpack check`` would report for ``text`` saved as ``path``, with the
    default theme and templates."""
    settings = Settings()
    try:
        validated_unit(text.encode("utf-8"), str(path), settings, load_theme(settings.theme, settings.templates),
                       languages(settings.templates))
    except ProblemsFound as exc:
        return exc.problems
    return []


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
