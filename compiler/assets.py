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
import importlib.util
import re
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from compiler import SLUG_MAX_LENGTH, __version__

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
_EXTENSIONS: dict[str, tuple[str, ...]] = {}  # registered from outside: name, its modules


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


def code_hash() -> str:
    """The hash of the code that draws: printpack's own (:func:`own_code_hash`) and that of the
    kinds and question types registered from outside it, so that registering one, or editing
    its code, never reuses an output made without it."""
    if not _EXTENSIONS:
        return own_code_hash()
    hasher = hashlib.sha256(own_code_hash().encode())
    for name, modules in sorted(_EXTENSIONS.items()):
        hasher.update(name.encode() + b"\0")
        for module in modules:
            hasher.update(module.encode() + b"\0" + _source(module))
    return hasher.hexdigest()


@cache
def own_code_hash() -> str:
    """The hash of the compiler's own source, so that a changed printpack (even an unreleased
    one, in an editable install) never reuses an output drawn by the old code."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for library in library_versions():
        hasher.update(library.encode() + b"\0")
    return hasher.hexdigest()


def usable_name(name: str, separator: str) -> bool:
    """Whether ``name`` can name a registered kind or question type: what a teacher can write in
    YAML as it is (lower-case letters, digits and ``separator``, not a word YAML reads as a
    boolean or null), and unlike every other name however it is capitalised."""
    return (re.fullmatch(rf"[a-z][a-z0-9{separator}]*", name) is not None and len(name) <= SLUG_MAX_LENGTH
            and name not in {"true", "false", "null"})


def add_extension(name: str, modules: tuple[str, ...]) -> None:
    """Count the code of a kind or question type registered from outside printpack (``name``,
    e.g. ``kind wordlist``, and the modules that plan and draw it) in :func:`code_hash`."""
    _EXTENSIONS[name] = modules


def remove_extension(name: str) -> None:
    _EXTENSIONS.pop(name, None)


def _source(module: str) -> bytes:
    """The source of ``module`` and of the modules beside it in its folder (a registered kind's
    helpers, such as its ``layout.py``), or of the script it was defined in (``__main__``)."""
    loaded = sys.modules.get(module)
    file = getattr(loaded, "__file__", None)
    if file is None:
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):  # ValueError: a module without a spec, such as __main__
            spec = None
        file = spec.origin if spec is not None else None
    if file is None or not Path(file).is_file():
        return b""
    path = Path(file)
    if module == "__main__":  # a script's folder may hold anything: its own file only
        return path.read_bytes()
    return b"".join(other.name.encode() + b"\0" + other.read_bytes() for other in sorted(path.parent.glob("*.py")))


def library_versions() -> list[str]:
    """``name==version`` of each library printpack runs on, as installed: a new ReportLab, pikepdf
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
