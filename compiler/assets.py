"""What printpack ships: where the bundled templates, themes, labels and fonts live (installed
or in a checkout), and the hash of its own code.

A wheel carries the top-level ``templates/`` folder inside the package as
``compiler/templates``; a source checkout (or an editable install) has it beside ``compiler/``.
A kind registered from outside printpack (:func:`compiler.kinds.register`) brings its template
in a folder of its own, searched after the built-in one.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from compiler import __version__

# Recorded instead of a hash for a template file that did not exist but would be read if it did
# (a user's override of a built-in), so that creating it counts as a change.
ABSENT = "absent"


@cache
def builtin_templates() -> Path:
    """The folder of built-in templates, themes (``themes/``), labels and fonts."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "themes").is_dir():
            return candidate
    raise FileNotFoundError(f"printpack's templates folder is missing (looked beside {package})")


def module_exists(module: str) -> bool:
    """Whether ``module`` can be imported: found, not imported (a registered kind's or question
    type's drawing, which waits for the first render)."""
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:  # its package is missing
        return False


_KIND_FOLDERS: list[Path] = []


def kind_template_folders() -> tuple[Path, ...]:
    """The template folders of the kinds registered from outside printpack, in order."""
    return tuple(_KIND_FOLDERS)


def add_template_folder(folder: Path) -> None:
    """Search ``folder`` for templates too, after the built-in ones (a registered kind's)."""
    _KIND_FOLDERS.append(folder.resolve())


def remove_template_folder(folder: Path) -> None:
    _KIND_FOLDERS.remove(folder.resolve())


def linked_outside(path: Path, folder: Path) -> Path | None:
    """Where ``path``, a file in ``folder``, really is, if a link (the file's own or a folder's
    on the way) takes it outside ``folder``; otherwise None. A ``--templates`` folder may use
    only its own files: a link in it must not let a template print any file the user can read."""
    real = path.resolve()
    return None if real.is_relative_to(folder.resolve()) else real


OUTSIDE_HINT = "a templates folder may use only the files inside it: copy the file in instead of linking to it"


def fonts_dir() -> Path:
    return builtin_templates() / "fonts"


@cache
def code_hash() -> str:
    """The hash of the compiler's own source, so that a changed printpack (even an unreleased
    one, in an editable install) never reuses an output drawn by the old code."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for library in library_versions():
        hasher.update(library.encode() + b"\0")
    return hasher.hexdigest()


def library_versions() -> list[str]:
    """``name==version`` of each library printpack runs on, as installed: a new ReportLab, pypdf
    or Babel (with its CLDR data) can change the bytes of a PDF, so outputs drawn with the old
    one are not reused. Empty when printpack runs from a folder it was not installed from."""
    try:
        wanted = importlib.metadata.requires("printpack") or []
    except importlib.metadata.PackageNotFoundError:
        return []
    names = sorted({re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0] for requirement in wanted
                    if "extra ==" not in requirement})
    return [f"{name}=={_installed(name)}" for name in names]


def _installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"
