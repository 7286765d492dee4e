"""Where the bundled templates, themes, labels and fonts live, installed or in a checkout.

A wheel carries the top-level ``templates/`` folder inside the package as
``compiler/templates``; a source checkout (or an editable install) has it beside ``compiler/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def builtin_templates() -> Path:
    """The folder of built-in templates, themes (``themes/``), labels and fonts."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "themes").is_dir():
            return candidate
    raise FileNotFoundError(f"printpack's templates folder is missing (looked beside {package})")


def fonts_dir() -> Path:
    return builtin_templates() / "fonts"
